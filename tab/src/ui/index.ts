export {
  BarChart,
  type BarChartProps,
  type BarDatum,
  countBar,
  scoreBar,
  topicBar,
} from './bar-chart.js';
export { EmptyState } from './empty-state.js';
export * from './format.js';
export { HomeButton } from './home-button.js';
export { Notice } from './notice.js';
export { NotifyProvider, useNotify } from './notify.js';
export { Page, PageSection } from './page.js';
export { PersonSummary } from './person-summary.js';
export { ProblemBar } from './problem-bar.js';
export { ReasonDialog, type ReasonDialogProps } from './reason-dialog.js';
export { ResourceView, type ResourceViewProps } from './resource-view.js';
export { StatusBadge, statusLabel } from './status-badge.js';
export { ScrollCell, ScrollRow, ScrollTable } from './scroll-table.js';
export { Stat, StatGrid, type StatProps } from './stat-grid.js';
export {
  chartRowStyles,
  column,
  layoutStyles,
  reflowGrid,
  useLayoutStyles,
  wrapRow,
} from './layout.js';
export { useViewerTimeZone, ViewerTimeZone } from './time-zone.js';
export { useDebouncedSearch } from './debounced-search.js';

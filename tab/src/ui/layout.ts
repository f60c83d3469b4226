import { makeStyles, tokens, type GriffelStyle } from '@fluentui/react-components';

/** Children stacked top to bottom, `gap` apart (a spacing token). */
export function column(gap: string) {
  return { display: 'flex', flexDirection: 'column', gap } satisfies GriffelStyle;
}

/** Children side by side, `gap` apart (a spacing token), wrapping onto more lines on a phone. */
export function wrapRow(gap: string) {
  return { display: 'flex', flexWrap: 'wrap', gap } satisfies GriffelStyle;
}

/**
 * Cells at least `min` wide that reflow from one column on a phone to several on a desktop.
 * `auto-fill` keeps the cells that width when a row is not full; `auto-fit` stretches them across.
 */
export function reflowGrid(
  min: string,
  gap: string,
  tracks: 'auto-fill' | 'auto-fit' = 'auto-fill',
) {
  return {
    display: 'grid',
    gridTemplateColumns: `repeat(${tracks}, minmax(min(100%, ${min}), 1fr))`,
    gap,
  } satisfies GriffelStyle;
}

/**
 * Layout classes most views share, spread into a view's own `makeStyles` (a key the view
 * defines itself wins): page sections stacked apart, a card's contents, a row of actions, and
 * secondary text, and a list of cards.
 */
export const layoutStyles = {
  stack: column(tokens.spacingVerticalXXL),
  card: column(tokens.spacingVerticalM),
  actions: wrapRow(tokens.spacingHorizontalS),
  muted: { color: tokens.colorNeutralForeground2 },
  /** A list row: what it is on the left, its action on the right, wrapping on phones. */
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  /** A list of cards: no bullets, spaced like the cards in a section. */
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
} satisfies Record<string, GriffelStyle>;

/** The `layoutStyles` classes, for a component that needs no classes of its own. */
export const useLayoutStyles = makeStyles(layoutStyles);

/**
 * A chart drawn as a list of rows (the bar chart, the outcomes change chart): rows share the
 * list's label, plot and value columns (subgrid) so every plot starts and ends at the same place,
 * and the plot takes a row of its own on narrow screens. Spread into the chart's `makeStyles`;
 * the chart gives the plot its height.
 */
export function chartRowStyles(labelWidth: string) {
  return {
    figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
    list: {
      listStyleType: 'none',
      margin: 0,
      padding: 0,
      display: 'grid',
      gridTemplateColumns: `fit-content(${labelWidth}) minmax(0, 1fr) auto`,
      columnGap: tokens.spacingHorizontalM,
      rowGap: tokens.spacingVerticalS,
      '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr) auto' },
    },
    row: {
      display: 'grid',
      gridColumn: '1 / -1',
      gridTemplateColumns: 'subgrid',
      alignItems: 'center',
    },
    plot: {
      display: 'block',
      width: '100%',
      '@media (max-width: 480px)': { gridColumn: '1 / -1', gridRow: 2 },
    },
    suppressed: { color: tokens.colorNeutralForeground3, fontStyle: 'italic', textAlign: 'end' },
    note: { color: tokens.colorNeutralForeground2 },
  } satisfies Record<string, GriffelStyle>;
}

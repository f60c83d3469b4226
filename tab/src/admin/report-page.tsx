import { Button } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import {
  useApi,
  useResource,
  useSubmit,
  type InsightsView,
  type OutcomesView,
} from '../api/index.js';
import { Page, ProblemBar, ResourceView } from '../ui/index.js';
import { ProgramNav } from './program-nav.js';

interface Reports {
  insights: InsightsView;
  outcomes: OutcomesView;
}

/** What each report page is called; the API serves both at one route pair (JSON + audited CSV). */
const REPORTS = {
  insights: {
    section: 'admin-insights',
    title: 'Insights',
    subtitle: 'What changed, in numbers leadership can trust.',
    loading: 'Loading insights',
  },
  outcomes: {
    section: 'admin-outcomes',
    title: 'Outcomes',
    subtitle: 'Baseline against end: did what reverse mentoring promises change?',
    loading: 'Loading outcomes',
  },
} as const;

/**
 * A program's aggregate report (insights or outcomes): the program's navigation, the report from
 * `/api/programs/:id/<report>`, and its CSV export (audited by the API) as the page's last action.
 */
export function ReportPage<K extends keyof Reports>(props: {
  programId: string;
  report: K;
  /** Actions before the export. */
  actions?: ReactNode;
  children(data: Reports[K]): ReactNode;
}) {
  const api = useApi();
  const { error, run } = useSubmit();
  const about = REPORTS[props.report];
  const base = `/api/programs/${encodeURIComponent(props.programId)}`;
  const report = useResource<Reports[K]>(`${base}/${props.report}`);
  const exportCsv = () =>
    run(() => api.download(`${base}/${props.report}.csv`, `program-${props.report}.csv`));
  return (
    <Page
      title={about.title}
      subtitle={about.subtitle}
      actions={
        <>
          {props.actions}
          <Button icon={<ArrowDownloadRegular />} onClick={() => void exportCsv()}>
            Export CSV
          </Button>
        </>
      }
    >
      <ProgramNav programId={props.programId} current={about.section} />
      {error !== undefined && <ProblemBar error={error} />}
      <ResourceView resource={report} label={about.loading}>
        {props.children}
      </ResourceView>
    </Page>
  );
}

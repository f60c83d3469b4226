import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  Subtitle2,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, PrintRegular } from '@fluentui/react-icons';
import {
  useApi,
  useResource,
  useSubmit,
  type InsightsView,
  type OutcomesView as Outcomes,
  type ProgramView,
} from '../api/index.js';
import { ProgramNav } from '../admin/index.js';
import {
  BarChart,
  column,
  formatPercent,
  Page,
  ProblemBar,
  reflowGrid,
  ResourceView,
  scoreBar,
  topicBar,
} from '../ui/index.js';
import { describeChange } from './change-chart.js';
import { RoleCharts, smallText } from './outcomes-view.js';

// The printed page: only the report, black on white, charts kept whole. The browser's
// "Save as PDF" in the print dialog is the PDF.
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 14mm; }
  body * { visibility: hidden !important; }
  .rm-report, .rm-report * { visibility: visible !important; }
  .rm-report { position: absolute; inset: 0 auto auto 0; width: 100%; }
  .rm-report, .rm-report * {
    color: #000 !important; background: transparent !important; box-shadow: none !important;
    border-color: #888 !important;
  }
  .rm-report svg line { stroke: #000 !important; }
  .rm-report svg rect { fill: #000 !important; }
  .rm-report svg rect:first-child { fill: #ddd !important; }
  .rm-report section, .rm-report figure { break-inside: avoid; }
  .rm-no-print { display: none !important; }
}`;

const useStyles = makeStyles({
  report: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    maxWidth: '960px',
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  headline: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 150px), 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  figure: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0 },
  big: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  section: column(tokens.spacingVerticalS),
  takeaways: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  two: reflowGrid('380px', tokens.spacingHorizontalL, 'auto-fit'),
});

function Figure(props: { label: string; value: string; note?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.figure}>
      <dt>
        <Caption1 className={styles.muted}>{props.label}</Caption1>
      </dt>
      <dd className={styles.figure}>
        <span className={styles.big}>{props.value}</span>
        {props.note !== undefined && <Caption1 className={styles.muted}>{props.note}</Caption1>}
      </dd>
    </div>
  );
}

/** The clearest changes, in words: the intervals that stay above (or below) zero. */
function takeaways(o: Outcomes): string[] {
  const small = smallText(o.minGroupSize);
  const clear = o.dimensions
    .filter((d) => d.change.low !== null && d.change.high !== null)
    .filter((d) => (d.change.low ?? 0) > 0 || (d.change.high ?? 0) < 0)
    .sort((a, b) => Math.abs(b.change.mean ?? 0) - Math.abs(a.change.mean ?? 0));
  const role = { mentor: 'Mentors', leader: 'Leaders' } as const;
  const lines = clear
    .slice(0, 3)
    .map(
      (d) =>
        `${role[d.role]} ${(d.change.mean ?? 0) > 0 ? 'gained' : 'lost'} on “${d.label.toLowerCase()}”: ${describeChange(d.change, small)}.`,
    );
  if (lines.length === 0)
    lines.push(
      o.dimensions.every((d) => d.change.mean === null)
        ? `No change can be shown yet: fewer than ${o.minGroupSize} people have answered both surveys.`
        : 'No outcome moved clearly: every interval includes zero.',
    );
  return lines;
}

function Report(props: { program: ProgramView; insights: InsightsView; outcomes: Outcomes }) {
  const styles = useStyles();
  const { program: p, insights: i, outcomes: o } = props;
  const small = smallText(i.minGroupSize);
  const count = (v: number | null) => (typeof v === 'number' ? String(v) : small);
  return (
    <article className={`${styles.report} rm-report`} aria-labelledby="report-title">
      <header className={styles.section}>
        <Title2 as="h2" id="report-title">
          {p.name}
        </Title2>
        <Body1 className={styles.muted}>
          Reverse mentoring program report · {p.rules.sessions} sessions of{' '}
          {p.rules.durationMinutes} minutes, {p.rules.cadence} · status {p.status}
        </Body1>
      </header>
      <dl className={styles.headline}>
        <Figure
          label="Took part"
          value={`${i.enrolment.mentors + i.enrolment.leaders}`}
          note={`${i.enrolment.mentors} mentors, ${i.enrolment.leaders} leaders`}
        />
        <Figure label="Pairs" value={String(i.retention.pairings)} />
        <Figure
          label="Sessions held"
          value={formatPercent(i.sessions.heldRate)}
          note={
            i.sessions.held === null
              ? small
              : `${i.sessions.held} of ${i.sessions.scheduled} due, from calendars`
          }
        />
        <Figure
          label="Leader commitments kept"
          value={count(i.commitments.followedThrough)}
          note={`of ${count(i.commitments.made)} made`}
        />
      </dl>
      <section className={styles.section} aria-labelledby="report-takeaways">
        <Subtitle2 as="h3" id="report-takeaways">
          In one minute
        </Subtitle2>
        <ul className={styles.takeaways}>
          {takeaways(o).map((t) => (
            <li key={t}>
              <Body1>{t}</Body1>
            </li>
          ))}
        </ul>
      </section>
      <section className={styles.section} aria-labelledby="report-outcomes">
        <Subtitle2 as="h3" id="report-outcomes">
          What changed (end minus baseline, 95% interval)
        </Subtitle2>
        <RoleCharts data={o} idPrefix="report-outcomes" />
      </section>
      <div className={styles.two}>
        <BarChart
          id="report-topics"
          title="Topics covered (sessions held)"
          data={i.topics.map(topicBar)}
          suppressedText={small}
        />
        <BarChart
          id="report-check-ins"
          title="Check-ins after sessions"
          max={5}
          data={[
            scoreBar('Useful', i.checkIns.usefulness),
            scoreBar('Felt safe to speak', i.checkIns.safety),
          ]}
          suppressedText={small}
        />
      </div>
      <Caption1 className={styles.muted}>
        Aggregates over groups of at least {i.minGroupSize} people; private reflections and
        individual survey answers are never included. Held sessions come from the calendar, not
        self-report.
      </Caption1>
    </article>
  );
}

/** One printable page per program for a leadership team; the aggregates as CSV beside it. */
export function ProgramReport(props: { programId: string }) {
  const api = useApi();
  const base = `/api/programs/${encodeURIComponent(props.programId)}`;
  const program = useResource<ProgramView>(base);
  const insights = useResource<InsightsView>(`${base}/insights`);
  const outcomes = useResource<Outcomes>(`${base}/outcomes`);
  const { error, run } = useSubmit();
  const download = (path: string, name: string) => run(() => api.download(`${base}/${path}`, name));
  return (
    <Page
      title="Program report"
      subtitle="One page for leadership. Print it, or choose “Save as PDF” in the print dialog."
      actions={
        <span className="rm-no-print">
          <Button appearance="primary" icon={<PrintRegular />} onClick={() => window.print()}>
            Print or save as PDF
          </Button>{' '}
          <Button
            icon={<ArrowDownloadRegular />}
            onClick={() => void download('outcomes.csv', 'program-outcomes.csv')}
          >
            Outcomes CSV
          </Button>{' '}
          <Button
            icon={<ArrowDownloadRegular />}
            onClick={() => void download('insights.csv', 'program-insights.csv')}
          >
            Insights CSV
          </Button>
        </span>
      }
    >
      <style>{PRINT_CSS}</style>
      <ProgramNav programId={props.programId} current="admin-report" />
      {error !== undefined && <ProblemBar error={error} />}
      <ResourceView resource={program} label="Loading the report">
        {(p) => (
          <ResourceView resource={insights} label="Loading the report">
            {(i) => (
              <ResourceView resource={outcomes} label="Loading the report">
                {(o) => <Report program={p} insights={i} outcomes={o} />}
              </ResourceView>
            )}
          </ResourceView>
        )}
      </ResourceView>
    </Page>
  );
}

import {
  Body1,
  Button,
  Caption1,
  Card,
  Field,
  makeStyles,
  Select,
  tokens,
} from '@fluentui/react-components';
import { DocumentRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { OutcomesView as Outcomes } from '../api/index.js';
import { ReportPage } from '../admin/index.js';
import { href } from '../routing/index.js';
import { column, formatPercent, Notice, PageSection, reflowGrid, wrapRow } from '../ui/index.js';
import { ChangeChart } from './change-chart.js';

const useStyles = makeStyles({
  stack: column(tokens.spacingVerticalXXL),
  grid: reflowGrid('460px', tokens.spacingHorizontalL, 'auto-fit'),
  card: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  pickers: wrapRow(tokens.spacingHorizontalL),
});

export const ROLE_LABEL = { mentor: 'Mentors', leader: 'Leaders' } as const;
const BY_LABEL = {
  department: 'Department',
  office: 'Office',
  careerLevel: 'Career level',
} as const;

export function smallText(min: number): string {
  return `fewer than ${min} people`;
}

/** "12 of 20 (60%)", or the suppression text. */
export function responses(
  n: number | null,
  of: number,
  rate: number | null,
  small: string,
): string {
  return n === null ? small : `${n} of ${of} (${formatPercent(rate)})`;
}

/**
 * The end survey is asked once per person per pairing, so its rate is over surveys, and the
 * people behind the answers are named apart: "End: 14 of 20 surveys (70%) answered, by 12 people".
 */
function endNote(end: Outcomes['responseRates'][number]['end'], small: string): string {
  if (end.responses === null) return `End: ${small} answered.`;
  return `End: ${end.responses} of ${end.asked} surveys (${formatPercent(end.rate)}) answered, by ${end.respondents ?? small} people (one survey per person per pairing).`;
}

export function RoleCharts(props: { data: Outcomes; idPrefix: string }) {
  const styles = useStyles();
  const d = props.data;
  const small = smallText(d.minGroupSize);
  return (
    <div className={styles.grid}>
      {(['leader', 'mentor'] as const).map((role) => {
        const rate = d.responseRates.find((r) => r.role === role);
        return (
          <Card key={role} className={styles.card}>
            <ChangeChart
              id={`${props.idPrefix}-${role}`}
              title={`${ROLE_LABEL[role]}: change from baseline to end`}
              span={d.scale.max - d.scale.min}
              rows={d.dimensions
                .filter((x) => x.role === role)
                .map((x) => ({ label: x.label, change: x.change }))}
              suppressedText={small}
              note={
                rate === undefined
                  ? undefined
                  : `Baseline: ${responses(rate.baseline.responses, rate.enrolled, rate.baseline.rate, small)} answered. ${endNote(rate.end, small)} Scale ${d.scale.min}–${d.scale.max}; change in points.`
              }
            />
          </Card>
        );
      })}
    </div>
  );
}

function Breakdowns(props: { data: Outcomes }) {
  const styles = useStyles();
  const d = props.data;
  const [by, setBy] = useState<'department' | 'office' | 'careerLevel'>('department');
  const first = d.dimensions[0];
  const [which, setWhich] = useState(first === undefined ? '' : `${first.role}:${first.dimension}`);
  const [role, dimension] = which.split(':');
  const breakdown = d.breakdowns.find(
    (b) => b.by === by && b.role === role && b.dimension === dimension,
  );
  const label = d.dimensions.find((x) => x.role === role && x.dimension === dimension)?.label ?? '';
  return (
    <Card className={styles.card}>
      <div className={styles.pickers}>
        <Field label="Outcome">
          <Select value={which} onChange={(_e, data) => setWhich(data.value)}>
            {d.dimensions.map((x) => (
              <option key={`${x.role}:${x.dimension}`} value={`${x.role}:${x.dimension}`}>
                {ROLE_LABEL[x.role]}: {x.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Break down by">
          <Select value={by} onChange={(_e, data) => setBy(data.value as typeof by)}>
            {(Object.keys(BY_LABEL) as (keyof typeof BY_LABEL)[]).map((k) => (
              <option key={k} value={k}>
                {BY_LABEL[k]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {breakdown === undefined || breakdown.cells.length === 0 ? (
        <Body1 className={styles.muted}>Nobody has answered both surveys yet.</Body1>
      ) : (
        <ChangeChart
          id="chart-breakdown"
          title={`${label} by ${BY_LABEL[by].toLowerCase()}`}
          span={d.scale.max - d.scale.min}
          rows={breakdown.cells.map((c) => ({ label: c.group, change: c.change }))}
          suppressedText={smallText(d.minGroupSize)}
          note="A group is hidden when it has fewer people than the minimum, and one more is hidden when only one would be, so totals cannot give it back. Never broken down by age."
        />
      )}
    </Card>
  );
}

/** Admins: what the outcome surveys show, as aggregates with intervals; CSV export; the report. */
export function OutcomesView(props: { programId: string }) {
  const styles = useStyles();
  return (
    <ReportPage
      programId={props.programId}
      report="outcomes"
      actions={
        <Button
          as="a"
          icon={<DocumentRegular />}
          href={href({ name: 'admin-report', programId: props.programId })}
        >
          Program report
        </Button>
      }
    >
      {(data) => (
        <div className={styles.stack}>
          <Notice>
            Change is the mean of each person’s end minus baseline answers, over people who answered
            both, with a 95% confidence interval (paired t). A bar that crosses the dashed zero line
            means no change can be claimed. Groups under {data.minGroupSize} people are hidden;
            nobody’s answers are shown.
          </Notice>
          <PageSection title="Change by outcome" id="change">
            <RoleCharts data={data} idPrefix="chart-outcomes" />
          </PageSection>
          <PageSection title="Breakdowns" id="breakdowns">
            <Breakdowns data={data} />
          </PageSection>
          <Caption1 className={styles.muted}>
            Surveys: {data.method === 'paired-t' ? 'paired t interval' : data.method},{' '}
            {Math.round(data.confidence * 100)}% confidence.
          </Caption1>
        </div>
      )}
    </ReportPage>
  );
}

import { Body1, Button, Card, makeStyles, tokens } from '@fluentui/react-components';
import { useApi, useResource, type ProgramStatus, type ProgramView } from '../api/index.js';
import {
  formatDate,
  layoutStyles,
  Page,
  PageSection,
  ReasonDialog,
  ResourceView,
  StatusBadge,
  statusLabel,
  useNotify,
} from '../ui/index.js';
import { EnrolmentsTable } from './enrolments-table.js';
import { ProgramNav } from './program-nav.js';
import { EnrolmentRemindersCard } from './enrolment-reminders-card.js';
import { ProgramImport } from './program-import.js';
import { ProgramOwnersCard } from './program-owners-card.js';
import { ProgramRulesForm } from './program-rules-form.js';
import { ProgramScheduleForm } from './program-schedule-form.js';
import { RetentionCard } from './retention-card.js';

const useStyles = makeStyles({
  ...layoutStyles,
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

const transitionVerb: Record<ProgramStatus, string> = {
  draft: 'Back to draft',
  enrolling: 'Open enrolment',
  matching: 'Close enrolment and start matching',
  active: 'Start the program',
  closed: 'Close the program',
};

function Transitions(props: { program: ProgramView; onChanged(): void }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const p = props.program;
  return (
    <Card className={styles.card}>
      <div className={styles.row}>
        <Body1>Status:</Body1>
        <StatusBadge status={p.status} />
        <Body1 className={styles.muted}>
          {p.counts.mentors} mentors · {p.counts.leaders} leaders · {p.counts.pairings} pairings
          {p.startsOn !== null && <> · starts {formatDate(p.startsOn)}</>}
        </Body1>
      </div>
      {p.nextStatuses.length > 0 && (
        <div className={styles.row}>
          {p.nextStatuses.map((to) => (
            <ReasonDialog
              key={to}
              trigger={
                <Button appearance={to === 'closed' ? 'secondary' : 'primary'}>
                  {transitionVerb[to]}
                </Button>
              }
              title={`${transitionVerb[to]}?`}
              confirmLabel={transitionVerb[to]}
              reason={to === 'closed' || to === 'draft' ? 'required' : 'none'}
              onConfirm={async (reason) => {
                await api.send('POST', `/api/programs/${encodeURIComponent(p.id)}/transitions`, {
                  to,
                  reason: reason === '' ? undefined : reason,
                });
                notify(`Program is now ${statusLabel(to).toLowerCase()}`);
                props.onChanged();
              }}
            >
              {to === 'enrolling' &&
                'Employees see the program on their Home and can enrol. Nobody is enrolled without choosing to.'}
              {to === 'matching' &&
                'Enrolment closes; you can then run matching and review the pairs.'}
              {to === 'active' && 'Approved pairs are booked and the program starts.'}
              {to === 'closed' && 'Future sessions are cancelled in every calendar.'}
              {to === 'draft' && 'The program is hidden from employees again.'}
            </ReasonDialog>
          ))}
        </div>
      )}
    </Card>
  );
}

/** One program: status and transitions, rules and cadence, and who enrolled. */
export function ProgramAdminView(props: { programId: string }) {
  const styles = useStyles();
  const program = useResource<ProgramView>(`/api/programs/${encodeURIComponent(props.programId)}`);
  return (
    <Page title={program.data?.name ?? 'Program'} subtitle={program.data?.description}>
      <ProgramNav programId={props.programId} current="admin-program" />
      <ResourceView resource={program} label="Loading the program">
        {(p) => (
          <div className={styles.stack}>
            <PageSection title="Status" id="program-status">
              <Transitions program={p} onChanged={program.reload} />
            </PageSection>
            <PageSection title="Rules and cadence" id="program-rules">
              <ProgramRulesForm key={p.id + p.status} program={p} onSaved={program.reload} />
            </PageSection>
            <PageSection title="Dates and matching" id="program-schedule">
              <ProgramScheduleForm
                key={`${p.id}-${p.status}-${p.startsOn ?? ''}`}
                program={p}
                onSaved={program.reload}
              />
            </PageSection>
            <PageSection title="Enrolments" id="program-enrolments">
              <EnrolmentsTable programId={p.id} />
            </PageSection>
            <PageSection title="Invite people" id="program-import">
              <ProgramImport program={p} />
            </PageSection>
            <PageSection title="Enrolment reminders" id="program-reminders">
              <EnrolmentRemindersCard key={p.status} programId={p.id} />
            </PageSection>
            <PageSection title="Program owners" id="program-owners">
              <ProgramOwnersCard programId={p.id} />
            </PageSection>
            <PageSection title="Data retention" id="program-retention">
              <RetentionCard programId={p.id} />
            </PageSection>
          </div>
        )}
      </ResourceView>
    </Page>
  );
}

import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { auditActionWords, useResource, type AuditList } from '../api/index.js';
import {
  EmptyState,
  formatDateTime,
  Page,
  ResourceView,
  ScrollCell,
  ScrollRow,
  ScrollTable,
} from '../ui/index.js';

const useStyles = makeStyles({
  detail: { display: 'block', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

/** Who acted, by name: the app itself for its own jobs, the id only when the directory lost them. */
export function auditActor(entry: AuditList['items'][number]): string {
  if (entry.actorName !== null) return entry.actorName;
  return entry.actorId === 'system'
    ? 'Reverse Mentoring (automatic)'
    : `Someone no longer in the directory (${entry.actorId})`;
}

/** What the target was, in words an admin can match to a screen: a program by its name. */
export function auditTarget(entry: AuditList['items'][number]): string {
  const kind = entry.targetType.replace(/-/g, ' ');
  if (entry.programName !== null)
    return entry.targetType === 'program'
      ? `Program ${entry.programName}`
      : `${kind} in ${entry.programName}`;
  return entry.targetId === null ? kind : `${kind} ${entry.targetId}`;
}

/** The audit log: every admin action and export, newest first, with who and why. */
export function AuditView() {
  const styles = useStyles();
  const audit = useResource<AuditList>('/api/audit?limit=200');
  return (
    <Page
      title="Audit log"
      subtitle="Every admin action and export, newest first: who did it, to what, and the reason they gave."
    >
      <ResourceView
        resource={audit}
        label="Loading the audit log"
        empty={<EmptyState title="Nothing recorded yet" />}
      >
        {(data) => (
          <ScrollTable
            label="Audit log table"
            width="medium"
            size="small"
            columns={['When', 'Who', 'Action', 'Target', 'Reason']}
          >
            {data.items.map((e) => (
              <ScrollRow key={e.id}>
                <ScrollCell>{formatDateTime(e.at)}</ScrollCell>
                <ScrollCell>{auditActor(e)}</ScrollCell>
                <ScrollCell>{auditActionWords(e.action)}</ScrollCell>
                <ScrollCell>
                  <Caption1 className={styles.detail}>{auditTarget(e)}</Caption1>
                </ScrollCell>
                <ScrollCell>{e.reason ?? '—'}</ScrollCell>
              </ScrollRow>
            ))}
          </ScrollTable>
        )}
      </ResourceView>
    </Page>
  );
}

import { Caption1, makeStyles, TableCell, TableRow, tokens } from '@fluentui/react-components';
import { useResource, type AuditList } from '../api/index.js';
import { EmptyState, formatDateTime, Page, ResourceView, ScrollTable } from '../ui/index.js';

const useStyles = makeStyles({
  detail: { display: 'block', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

/** What the target was, in words an admin can match to a screen. */
function target(entry: AuditList['items'][number]): string {
  return entry.targetId === null ? entry.targetType : `${entry.targetType} ${entry.targetId}`;
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
              <TableRow key={e.id}>
                <TableCell>{formatDateTime(e.at)}</TableCell>
                <TableCell>{e.actorId}</TableCell>
                <TableCell>{e.action}</TableCell>
                <TableCell>
                  <Caption1 className={styles.detail}>{target(e)}</Caption1>
                </TableCell>
                <TableCell>{e.reason ?? '—'}</TableCell>
              </TableRow>
            ))}
          </ScrollTable>
        )}
      </ResourceView>
    </Page>
  );
}

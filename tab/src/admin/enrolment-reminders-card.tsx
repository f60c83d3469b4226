import { Body1, Button, Card } from '@fluentui/react-components';
import { AlertRegular } from '@fluentui/react-icons';
import { useApi, useResource, useSubmit, type EnrolmentRemindersView } from '../api/index.js';
import { formatDate, ProblemBar, ResourceView, useLayoutStyles, useNotify } from '../ui/index.js';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Invited people who have not answered, and one Teams reminder each: how many are waiting, how
 * many were reminded, and the button only when sending would work (otherwise why not).
 */
export function EnrolmentRemindersCard(props: { programId: string }) {
  const styles = useLayoutStyles();
  const api = useApi();
  const notify = useNotify();
  const path = `/api/programs/${encodeURIComponent(props.programId)}/enrolment-reminders`;
  const view = useResource<EnrolmentRemindersView>(path);
  const { busy, error, run } = useSubmit();
  const send = (v: EnrolmentRemindersView) =>
    run(async () => {
      await api.send('POST', path);
      notify(
        `${plural(v.toRemind, 'reminder is', 'reminders are')} on the way (after each person’s quiet hours)`,
      );
      view.reload();
    });
  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      <ResourceView resource={view} label="Loading reminders">
        {(v) => (
          <>
            <Body1>
              {plural(v.waiting, 'invited person has', 'invited people have')} not enrolled or
              declined yet. {plural(v.reminded, 'person was', 'people were')} reminded
              {v.lastRemindedAt !== null && <>, last on {formatDate(v.lastRemindedAt)}</>}.
            </Body1>
            <Body1 className={styles.muted}>
              Each person gets one Teams message at most, outside their quiet hours, with a link to
              enrol or decline.
            </Body1>
            {v.canSend ? (
              <div className={styles.actions}>
                <Button
                  appearance="primary"
                  icon={<AlertRegular />}
                  disabled={busy}
                  onClick={() => void send(v)}
                >
                  Remind {plural(v.toRemind, 'person', 'people')}
                </Button>
              </div>
            ) : (
              <Body1>{v.whyNot}</Body1>
            )}
          </>
        )}
      </ResourceView>
    </Card>
  );
}

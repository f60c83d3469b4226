import {
  Body1,
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useApi, useSubmit } from '../api/index.js';
import {
  layoutStyles,
  Page,
  PageSection,
  ProblemBar,
  ReasonDialog,
  useNotify,
  wrapRow,
} from '../ui/index.js';

const useStyles = makeStyles({
  ...layoutStyles,
  times: wrapRow(tokens.spacingHorizontalL),
});

function NotificationSettings() {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const [enabled, setEnabled] = useState(true);
  const [quiet, setQuiet] = useState(false);
  const [start, setStart] = useState('18:00');
  const [end, setEnd] = useState('08:00');
  const { busy, error, run } = useSubmit();

  const save = () =>
    run(async () => {
      await api.send('PUT', '/api/me/notification-settings', {
        enabled,
        quietHours: quiet ? { start, end } : undefined,
      });
      notify('Notification settings saved');
    });

  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      <Switch
        checked={enabled}
        onChange={(_e, data) => setEnabled(data.checked)}
        label="Send me Teams messages about my mentoring"
      />
      <Switch
        checked={quiet}
        disabled={!enabled}
        onChange={(_e, data) => setQuiet(data.checked)}
        label="Keep quiet hours"
      />
      {quiet && enabled && (
        <div className={styles.times}>
          <Field label="Quiet from">
            <Input type="time" value={start} onChange={(_e, d) => setStart(d.value)} />
          </Field>
          <Field label="Until">
            <Input type="time" value={end} onChange={(_e, d) => setEnd(d.value)} />
          </Field>
        </div>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void save()}>
          Save
        </Button>
      </div>
    </Card>
  );
}

function MyData() {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const { error, run } = useSubmit();

  const exportData = () =>
    run(() => api.download('/api/me/export', 'reverse-mentoring-my-data.json'));

  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      <Body1>
        Download everything Reverse Mentoring holds about you, or delete your reflections and
        check-ins. Deleting also ends your pairings and removes future sessions from calendars.
      </Body1>
      <div className={styles.actions}>
        <Button icon={<ArrowDownloadRegular />} onClick={() => void exportData()}>
          Export my data
        </Button>
        <ReasonDialog
          trigger={<Button icon={<DeleteRegular />}>Delete my data</Button>}
          title="Delete your data?"
          confirmLabel="Delete my data"
          destructive
          reason="none"
          onConfirm={async () => {
            await api.send('DELETE', '/api/me');
            notify('Your reflections and check-ins are deleted.');
          }}
        >
          Your private reflections and check-ins are deleted for good, and your pairings end. This
          cannot be undone. Aggregate program numbers that no longer identify you stay.
        </ReasonDialog>
      </div>
    </Card>
  );
}

export function SettingsView() {
  const styles = useStyles();
  return (
    <Page title="Settings">
      <div className={styles.stack}>
        <PageSection title="Notifications" id="settings-notifications">
          <NotificationSettings />
        </PageSection>
        <PageSection title="My data" id="settings-data">
          <MyData />
        </PageSection>
      </div>
    </Page>
  );
}

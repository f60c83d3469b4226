import { Button } from '@fluentui/react-components';
import {
  ArrowSwapRegular,
  DoorArrowLeftRegular,
  PauseRegular,
  PlayRegular,
} from '@fluentui/react-icons';
import { useApi, type EnrolmentView } from '../api/index.js';
import { ReasonDialog, useLayoutStyles, useNotify } from '../ui/index.js';

/** Pause / resume, leave, and (when paired) ask for a rematch. Each is confirmed first. */
export function EnrolmentActions(props: {
  enrolment: EnrolmentView;
  pairingId?: string;
  partnerName?: string;
  onChanged(): void;
}) {
  const styles = useLayoutStyles();
  const api = useApi();
  const notify = useNotify();
  const e = props.enrolment;
  if (e.status === 'left') return null;

  const setStatus = async (status: 'active' | 'paused' | 'left') => {
    await api.send('PATCH', `/api/me/enrolments/${encodeURIComponent(e.id)}`, { status });
    notify(
      status === 'paused'
        ? 'Paused. Nothing new will be booked.'
        : status === 'left'
          ? 'You have left the program.'
          : 'Welcome back: you are active again.',
    );
    props.onChanged();
  };

  return (
    <div className={styles.actions}>
      {e.status === 'active' ? (
        <ReasonDialog
          trigger={<Button icon={<PauseRegular />}>Pause</Button>}
          title="Pause your mentoring?"
          confirmLabel="Pause"
          reason="none"
          onConfirm={() => setStatus('paused')}
        >
          While paused you are not matched and no new sessions are booked. Sessions already in your
          calendar stay until you leave. You can resume at any time.
        </ReasonDialog>
      ) : (
        <Button icon={<PlayRegular />} onClick={() => void setStatus('active')}>
          Resume
        </Button>
      )}
      {props.pairingId !== undefined && (
        <ReasonDialog
          trigger={<Button icon={<ArrowSwapRegular />}>Ask for a rematch</Button>}
          title="Ask for a different partner?"
          confirmLabel="Ask for a rematch"
          reasonLabel="What is not working? Only the program team sees this."
          onConfirm={async (reason) => {
            await api.send(
              'POST',
              `/api/pairings/${encodeURIComponent(props.pairingId ?? '')}/rematch`,
              { reason },
            );
            notify('Rematch requested. The program team will be in touch.');
            props.onChanged();
          }}
        >
          {props.partnerName ?? 'Your partner'} is not told your reason. The program team finds you
          a new partner in the next matching round.
        </ReasonDialog>
      )}
      <ReasonDialog
        trigger={<Button icon={<DoorArrowLeftRegular />}>Leave</Button>}
        title="Leave the program?"
        confirmLabel="Leave the program"
        destructive
        reason="none"
        onConfirm={() => setStatus('left')}
      >
        Your pairing ends and the remaining sessions are removed from both calendars. Your private
        reflections stay yours until you delete them in Settings.
      </ReasonDialog>
    </div>
  );
}

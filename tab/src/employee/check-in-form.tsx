import {
  Body1,
  Button,
  Card,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import {
  REFLECTION_LIMITS,
  useApi,
  useResource,
  useSubmit,
  type ApiError,
  type CheckInView,
} from '../api/index.js';
import {
  column,
  formatDateTime,
  layoutStyles,
  Notice,
  ProblemBar,
  useNotify,
  useViewerTimeZone,
} from '../ui/index.js';

const useStyles = makeStyles({
  ...layoutStyles,
  card: column(tokens.spacingVerticalL),
  scale: { flexWrap: 'wrap' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
});

const SCALE = ['1', '2', '3', '4', '5'] as const;

function Scale(props: {
  label: string;
  hint: string;
  value: number | null;
  onChange(v: number): void;
}) {
  const styles = useStyles();
  return (
    <Field label={props.label} hint={props.hint}>
      <RadioGroup
        layout="horizontal"
        className={styles.scale}
        value={props.value === null ? '' : String(props.value)}
        onChange={(_e, data) => props.onChange(Number(data.value))}
      >
        {SCALE.map((v) => (
          <Radio key={v} value={v} label={v} />
        ))}
      </RadioGroup>
    </Field>
  );
}

/**
 * Before the session starts: when the check-in opens, in the person's own time zone (labelled
 * when the browser's clock differs), as the session's time reads on Home and the pairing page.
 */
export function CheckInNotOpen(props: { opensAt: string }) {
  const styles = useStyles();
  const zone = useViewerTimeZone();
  return (
    <Card className={styles.card}>
      <Notice>
        The check-in opens when the session starts, {formatDateTime(props.opensAt, zone)}. Come back
        after you have met.
      </Notice>
    </Card>
  );
}

/** The check-in after a session and the private reflection. Only ever the author's own. */
export function CheckInForm(props: { sessionId: string; reflectionQuestion?: string }) {
  const path = `/api/sessions/${encodeURIComponent(props.sessionId)}/check-in`;
  const loaded = useResource<CheckInView>(path);
  // A check-in that was never written is a 404 for some APIs: that is an empty form, not an error.
  const loadError =
    loaded.state === 'error' && loaded.error.status !== 404 ? loaded.error : undefined;
  // The fields start from what was saved; they start again once the saved check-in arrives.
  return (
    <CheckInFields
      key={loaded.data === undefined ? 'new' : 'saved'}
      path={path}
      saved={loaded.data}
      loadError={loadError}
      onRetry={loaded.reload}
      reflectionQuestion={props.reflectionQuestion}
    />
  );
}

function CheckInFields(props: {
  path: string;
  saved: CheckInView | undefined;
  loadError: ApiError | undefined;
  onRetry(): void;
  reflectionQuestion: string | undefined;
}) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const { saved: initial, loadError } = props;
  const [held, setHeld] = useState<boolean | null>(initial?.held ?? null);
  const [usefulness, setUsefulness] = useState<number | null>(initial?.usefulness ?? null);
  const [safety, setSafety] = useState<number | null>(initial?.safety ?? null);
  const [reflection, setReflection] = useState(initial?.reflection ?? '');
  const [savedAt, setSavedAt] = useState<string | null>(initial?.updatedAt ?? null);
  const { busy: saving, error, run } = useSubmit();
  const zone = useViewerTimeZone();

  const save = () =>
    run(async () => {
      const saved = await api.send<CheckInView>('PUT', props.path, {
        held: held ?? false,
        ...(held === true ? { usefulness, safety } : {}),
        reflection,
      });
      setSavedAt(saved.updatedAt);
      notify('Check-in saved');
    });

  // The server takes a check-in once the session has started: before that, say when.
  if (initial !== undefined && !initial.open) return <CheckInNotOpen opensAt={initial.opensAt} />;
  const missing =
    held === null
      ? 'Say whether the session took place.'
      : held && (usefulness === null || safety === null)
        ? 'Rate how useful and how safe it was.'
        : undefined;

  return (
    <Card className={styles.card}>
      {loadError !== undefined && <ProblemBar error={loadError} onRetry={props.onRetry} />}
      {error !== undefined && <ProblemBar error={error} />}
      <Field label="Did this session take place?">
        <RadioGroup
          value={held === null ? '' : held ? 'yes' : 'no'}
          onChange={(_e, data) => setHeld(data.value === 'yes')}
        >
          <Radio value="yes" label="Yes, we met" />
          <Radio value="no" label="No, it did not happen" />
        </RadioGroup>
      </Field>
      {held !== false && (
        <>
          <Scale
            label="How useful was it?"
            hint="1 not useful · 5 very useful"
            value={usefulness}
            onChange={setUsefulness}
          />
          <Scale
            label="How safe did it feel to speak openly?"
            hint="1 not safe · 5 completely safe"
            value={safety}
            onChange={setSafety}
          />
        </>
      )}
      <Notice icon={<LockClosedRegular />}>
        Only you can read this. Not your partner, not HR.
      </Notice>
      <Field
        label="Private reflection"
        hint={props.reflectionQuestion ?? 'What did you learn? What will you do differently?'}
      >
        <Textarea
          value={reflection}
          onChange={(_e, data) => setReflection(data.value)}
          maxLength={REFLECTION_LIMITS.maxChars}
          rows={6}
          resize="vertical"
        />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={saving || missing !== undefined}
          onClick={() => void save()}
        >
          {saving ? 'Saving…' : 'Save check-in'}
        </Button>
        {missing !== undefined && <Body1 className={styles.muted}>{missing}</Body1>}
        {savedAt !== null && (
          <Body1 className={styles.muted}>Last saved {formatDateTime(savedAt, zone)}</Body1>
        )}
      </div>
    </Card>
  );
}

import { Body1, Button, Card, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import {
  RETENTION_LIMITS,
  RETENTION_PROBLEM,
  useApi,
  useResource,
  useSubmit,
  type RetentionView,
} from '../api/index.js';
import { formatDate, ProblemBar, ResourceView, useLayoutStyles, useNotify } from '../ui/index.js';

function RetentionForm(props: { retention: RetentionView; onSaved(): void }) {
  const styles = useLayoutStyles();
  const api = useApi();
  const notify = useNotify();
  const r = props.retention;
  const [months, setMonths] = useState(String(r.retentionMonths));
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();
  const n = Number(months);
  const valid =
    months.trim() !== '' &&
    Number.isInteger(n) &&
    n >= RETENTION_LIMITS.minMonths &&
    n <= RETENTION_LIMITS.maxMonths;

  const save = () =>
    run(async () => {
      await api.send<RetentionView>(
        'PUT',
        `/api/programs/${encodeURIComponent(r.programId)}/retention`,
        { retentionMonths: n, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) },
      );
      notify('Retention saved');
      setReason('');
      props.onSaved();
    });

  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      <Body1>
        {r.purgeAfter === null
          ? 'Personal data (enrolments, check-ins, reflections) is kept while the program runs and for this long after it closes.'
          : `The program closed on ${formatDate(r.closedAt)}; its personal data is deleted after ${formatDate(r.purgeAfter)}.`}
      </Body1>
      <div className={styles.actions}>
        <Field
          label="Keep personal data for (months after closing)"
          validationState={valid ? 'none' : 'error'}
          validationMessage={valid ? undefined : RETENTION_PROBLEM}
        >
          <Input
            type="number"
            min={RETENTION_LIMITS.minMonths}
            max={RETENTION_LIMITS.maxMonths}
            value={months}
            onChange={(_e, d) => setMonths(d.value)}
          />
        </Field>
        <Field label="Reason (kept in the audit log)">
          <Input
            value={reason}
            onChange={(_e, d) => setReason(d.value)}
            maxLength={RETENTION_LIMITS.reasonMax}
          />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || !valid} onClick={() => void save()}>
          Save retention
        </Button>
      </div>
    </Card>
  );
}

/** How long a program's personal data is kept after it closes (audited). */
export function RetentionCard(props: { programId: string }) {
  const retention = useResource<RetentionView>(
    `/api/programs/${encodeURIComponent(props.programId)}/retention`,
  );
  return (
    <ResourceView resource={retention} label="Loading retention">
      {(data) => (
        <RetentionForm
          key={`${data.retentionMonths}-${data.purgeAfter ?? ''}`}
          retention={data}
          onSaved={retention.reload}
        />
      )}
    </ResourceView>
  );
}

import {
  Body1,
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import {
  COMMITMENT_LIMITS,
  useApi,
  useResource,
  useSubmit,
  type CommitmentListView,
  type CommitmentView,
  type Role,
} from '../api/index.js';
import { EmptyState, formatDate, layoutStyles, ProblemBar, ResourceView } from '../ui/index.js';
import { commitmentOffer } from './commitment-offer.js';

const useStyles = makeStyles({
  ...layoutStyles,
  add: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    alignItems: 'end',
    gap: tokens.spacingHorizontalM,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
});

/**
 * What the leader commits to act on, and whether it was done. The leader writes and ticks their
 * own; the mentor sees them (that is the point of reverse mentoring: the mentor sees the change).
 */
export function CommitmentsCard(props: { pairingId: string; myRole: Role; partnerName: string }) {
  const styles = useStyles();
  const api = useApi();
  const path = `/api/pairings/${encodeURIComponent(props.pairingId)}/commitments`;
  const list = useResource<CommitmentListView>(path);
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState('');
  const { busy, error, run } = useSubmit();
  const leader = props.myRole === 'leader';
  const offer =
    list.data === undefined ? { kind: 'none' as const } : commitmentOffer(list.data, props.myRole);

  const add = () =>
    run(async () => {
      await api.send<CommitmentView>('POST', path, {
        text: text.trim(),
        ...(dueOn === '' ? {} : { dueOn }),
      });
      setText('');
      setDueOn('');
      list.reload();
    });
  const mark = (c: CommitmentView, done: boolean) =>
    run(async () => {
      await api.send<CommitmentView>('PATCH', `${path}/${encodeURIComponent(c.id)}`, { done });
      list.reload();
    });

  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      <ResourceView
        resource={list}
        label="Loading commitments"
        isEmpty={(d) => d.items.length === 0}
        empty={
          <EmptyState title="No commitments yet" headingLevel={3}>
            {leader
              ? 'After a session, write down one thing you will do differently. Your mentor sees it.'
              : `${props.partnerName} writes down what they will act on; you will see it here.`}
          </EmptyState>
        }
      >
        {(data) => (
          <ul className={styles.list}>
            {data.items.map((c) => {
              const label = `${c.text}${c.dueOn === null ? '' : ` (by ${formatDate(c.dueOn)})`}`;
              return (
                <li key={c.id}>
                  {c.mine ? (
                    <Checkbox
                      checked={c.done}
                      disabled={busy}
                      label={label}
                      onChange={(_e, d) => void mark(c, d.checked === true)}
                    />
                  ) : (
                    <Body1>
                      {c.done ? '✓ Done: ' : 'Open: '}
                      {label}
                    </Body1>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </ResourceView>
      {offer.kind === 'closed' && <Body1>{offer.why}</Body1>}
      {offer.kind === 'form' && (
        <form
          className={styles.add}
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim() !== '') void add();
          }}
        >
          <div className={styles.actions}>
            <Field label="New commitment">
              <Input
                value={text}
                maxLength={COMMITMENT_LIMITS.textMax}
                onChange={(_e, d) => setText(d.value)}
              />
            </Field>
            <Field label="Due (optional)">
              <Input type="date" value={dueOn} onChange={(_e, d) => setDueOn(d.value)} />
            </Field>
          </div>
          <Button type="submit" icon={<AddRegular />} disabled={busy || text.trim() === ''}>
            Add commitment
          </Button>
        </form>
      )}
    </Card>
  );
}

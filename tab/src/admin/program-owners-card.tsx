import {
  Body1,
  Button,
  Card,
  Field,
  makeStyles,
  SearchBox,
  Text,
} from '@fluentui/react-components';
import { AddRegular, DismissRegular } from '@fluentui/react-icons';
import {
  PEOPLE_SEARCH_LIMITS,
  useApi,
  useResource,
  useSubmit,
  type PersonCard,
  type ProgramOwnerView,
} from '../api/index.js';
import {
  formatDate,
  layoutStyles,
  PersonSummary,
  ProblemBar,
  useDebouncedSearch,
  useNotify,
} from '../ui/index.js';

const useStyles = makeStyles({
  ...layoutStyles,
  who: { display: 'flex', flexDirection: 'column', minWidth: 0 },
});

/** The search must name at least this many characters (the server's rule). */
const MIN_QUERY = PEOPLE_SEARCH_LIMITS.minChars;

/**
 * Who owns the program: they receive its nudges (a pairing at risk, a rematch to review). Admins
 * add people from the directory and remove them, audited; the last owner stays.
 */
export function ProgramOwnersCard(props: { programId: string }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const base = `/api/programs/${encodeURIComponent(props.programId)}`;
  const owners = useResource<ProgramOwnerView[]>(`${base}/owners`);
  const { typed, setTyped, q, clear } = useDebouncedSearch();
  const searching = q.length >= MIN_QUERY;
  const candidates = useResource<{ items: PersonCard[] }>(
    searching ? `${base}/owner-candidates?q=${encodeURIComponent(q)}` : null,
  );
  const { busy, error, run } = useSubmit();
  const list = owners.data ?? [];
  const onlyOne = list.length <= 1;

  const add = (p: PersonCard) =>
    run(async () => {
      await api.send('POST', `${base}/owners`, { personId: p.id });
      notify(`${p.displayName} now owns this program`);
      clear();
      owners.reload();
    });
  const remove = (o: ProgramOwnerView) =>
    run(async () => {
      await api.send('DELETE', `${base}/owners/${encodeURIComponent(o.personId)}`);
      notify(`${o.displayName} no longer owns this program`);
      owners.reload();
      candidates.reload();
    });

  return (
    <Card className={styles.card}>
      <Body1 className={styles.muted}>
        Owners get this program&apos;s Teams messages: a pairing at risk, a rematch to review. Every
        change is in the audit log.
      </Body1>
      {error !== undefined && <ProblemBar error={error} />}
      {owners.state === 'error' && <ProblemBar error={owners.error} onRetry={owners.reload} />}
      {owners.data !== undefined && list.length === 0 && (
        <Body1>No owners yet: the program&apos;s messages go to the person who created it.</Body1>
      )}
      <ul className={styles.list} aria-label="Program owners">
        {list.map((o) => (
          <li key={o.personId} className={styles.row}>
            <div className={styles.who}>
              <Text weight="semibold">{o.displayName}</Text>
              <Body1 className={styles.muted}>Owner since {formatDate(o.addedAt)}</Body1>
            </div>
            <Button
              icon={<DismissRegular />}
              disabled={busy || onlyOne}
              onClick={() => void remove(o)}
              aria-label={`Remove ${o.displayName} as owner`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {list.length === 1 && (
        <Body1 className={styles.muted}>
          A program keeps at least one owner: add another before removing this one.
        </Body1>
      )}
      <Field
        label="Add an owner"
        hint={`Type at least ${MIN_QUERY} letters of a name or email address.`}
      >
        <SearchBox
          value={typed}
          maxLength={PEOPLE_SEARCH_LIMITS.maxChars}
          onChange={(_e, d) => setTyped(d.value)}
        />
      </Field>
      {searching && candidates.state === 'error' && (
        <ProblemBar error={candidates.error} onRetry={candidates.reload} />
      )}
      {searching && candidates.data !== undefined && (
        <ul className={styles.list} aria-label="People found">
          {candidates.data.items.length === 0 && (
            <li>
              <Body1>No one else in the directory matches “{q}”.</Body1>
            </li>
          )}
          {candidates.data.items.map((p) => (
            <li key={p.id} className={styles.row}>
              <PersonSummary person={p} />
              <Button
                icon={<AddRegular />}
                disabled={busy}
                onClick={() => void add(p)}
                aria-label={`Add ${p.displayName} as owner`}
              >
                Add
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

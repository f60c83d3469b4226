import {
  Body1,
  Button,
  Field,
  makeStyles,
  SearchBox,
  Text,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DismissRegular } from '@fluentui/react-icons';
import {
  GROUP_ELIGIBILITY,
  useResource,
  type DirectoryGroupsView,
  type EligibleGroup,
} from '../api/index.js';
import { layoutStyles, ProblemBar, useDebouncedSearch } from '../ui/index.js';

const useStyles = makeStyles({
  ...layoutStyles,
  what: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
});

/**
 * Who may take part, by Entra group: the groups chosen, each removable, and a search of the
 * directory's groups to add one. Label, hint and limits are the API's (GROUP_ELIGIBILITY); the
 * rules are saved with the rest of the form.
 */
export function EligibleGroupsField(props: {
  groups: EligibleGroup[];
  disabled: boolean;
  problem: string | undefined;
  onChange(groups: EligibleGroup[]): void;
}) {
  const styles = useStyles();
  const { typed, setTyped, q, clear } = useDebouncedSearch();
  const searching = !props.disabled && q.length >= GROUP_ELIGIBILITY.searchMinChars;
  const found = useResource<DirectoryGroupsView>(
    searching ? `/api/eligibility-options/groups?q=${encodeURIComponent(q)}` : null,
  );
  const chosen = new Set(props.groups.map((g) => g.id));
  const full = props.groups.length >= GROUP_ELIGIBILITY.maxGroups;
  const offered = (found.data?.items ?? []).filter((g) => !chosen.has(g.id));
  const { label, hint } = GROUP_ELIGIBILITY;

  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{label}</legend>
      <ul className={styles.list} aria-label="Groups this program is open to">
        {props.groups.length === 0 && (
          <li>
            <Body1 className={styles.muted}>Everyone: no group chosen.</Body1>
          </li>
        )}
        {props.groups.map((g) => (
          <li key={g.id} className={styles.row}>
            <Text weight="semibold">{g.displayName}</Text>
            <Button
              icon={<DismissRegular />}
              disabled={props.disabled}
              onClick={() => props.onChange(props.groups.filter((x) => x.id !== g.id))}
              aria-label={`Remove the group ${g.displayName}`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <Field
        label="Find a group by name"
        hint={hint}
        validationMessage={props.problem}
        validationState={props.problem === undefined ? 'none' : 'error'}
      >
        <SearchBox
          value={typed}
          maxLength={GROUP_ELIGIBILITY.searchMaxChars}
          disabled={props.disabled || full}
          onChange={(_e, d) => setTyped(d.value)}
        />
      </Field>
      {full && (
        <Body1 className={styles.muted}>
          A program is open to at most {GROUP_ELIGIBILITY.maxGroups} groups.
        </Body1>
      )}
      {searching && found.state === 'error' && (
        <ProblemBar error={found.error} onRetry={found.reload} />
      )}
      {searching && found.data !== undefined && (
        <ul className={styles.list} aria-label="Groups found">
          {offered.length === 0 && (
            <li>
              <Body1>No other group in the directory has a word starting with “{q}”.</Body1>
            </li>
          )}
          {offered.map((g) => (
            <li key={g.id} className={styles.row}>
              <div className={styles.what}>
                <Text weight="semibold">{g.displayName}</Text>
                {g.description !== null && <Body1 className={styles.muted}>{g.description}</Body1>}
              </div>
              <Button
                icon={<AddRegular />}
                disabled={full}
                onClick={() => {
                  props.onChange([...props.groups, { id: g.id, displayName: g.displayName }]);
                  clear();
                }}
                aria-label={`Add the group ${g.displayName}`}
              >
                Add
              </Button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

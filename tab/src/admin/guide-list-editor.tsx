import { Button, Caption1, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowDownRegular, ArrowUpRegular, DeleteRegular } from '@fluentui/react-icons';
import { GUIDE_LIMITS, type Role } from '../api/index.js';
import { layoutStyles } from '../ui/index.js';
import { fieldId, moved, type ListField } from './guide-copy-draft.js';

const useStyles = makeStyles({
  ...layoutStyles,
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    alignItems: 'start',
    gap: tokens.spacingHorizontalS,
  },
  fieldset: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    display: 'grid',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  legend: { padding: `0 ${tokens.spacingHorizontalXS}` },
});

const LIST_LABEL: Record<ListField, Record<Role, string> & { one: string; max: number }> = {
  prompts: {
    mentor: 'Mentor prompts',
    leader: 'Leader prompts',
    one: 'prompt',
    max: GUIDE_LIMITS.prompt,
  },
  preWork: {
    mentor: 'Mentor pre-work',
    leader: 'Leader pre-work',
    one: 'pre-work item',
    max: GUIDE_LIMITS.preWork,
  },
};

/** One side's prompts or pre-work: edit, add, remove and move each item. */
export function ListEditor(props: {
  name: string;
  list: ListField;
  role: Role;
  items: string[];
  problems: Record<string, string>;
  sessionId: string;
  onChange(items: string[]): void;
}) {
  const styles = useStyles();
  const spec = LIST_LABEL[props.list];
  const { items } = props;
  const noun = `${props.name} ${props.role} ${spec.one}`;
  const set = (i: number, value: string) =>
    props.onChange(items.map((x, j) => (j === i ? value : x)));
  const listProblem = props.problems[fieldId(props.sessionId, `${props.list}-${props.role}`)];
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>
        {spec[props.role]} (1 to {GUIDE_LIMITS.listMax}, up to {spec.max} characters each)
      </legend>
      <ol className={styles.list}>
        {items.map((item, i) => (
          // Items have no id of their own; the position is what the person sees and moves.
          <li key={i} className={styles.item}>
            <Field
              label={`${noun} ${i + 1}`}
              validationMessage={
                props.problems[fieldId(props.sessionId, `${props.list}-${props.role}-${i}`)]
              }
            >
              <Textarea rows={2} value={item} onChange={(_e, v) => set(i, v.value)} />
            </Field>
            <div className={styles.actions}>
              <Button
                icon={<ArrowUpRegular />}
                aria-label={`Move ${noun} ${i + 1} up`}
                disabled={i === 0}
                onClick={() => props.onChange(moved(items, i, -1))}
              />
              <Button
                icon={<ArrowDownRegular />}
                aria-label={`Move ${noun} ${i + 1} down`}
                disabled={i === items.length - 1}
                onClick={() => props.onChange(moved(items, i, 1))}
              />
              <Button
                icon={<DeleteRegular />}
                aria-label={`Remove ${noun} ${i + 1}`}
                disabled={items.length <= 1}
                onClick={() => props.onChange(items.filter((_x, j) => j !== i))}
              />
            </div>
          </li>
        ))}
      </ol>
      {listProblem !== undefined && <Caption1>{listProblem}</Caption1>}
      <div className={styles.actions}>
        <Button
          icon={<AddRegular />}
          disabled={items.length >= GUIDE_LIMITS.listMax}
          onClick={() => props.onChange([...items, ''])}
        >
          Add a {props.role} {spec.one} to {props.name.toLowerCase()}
        </Button>
        {items.length >= GUIDE_LIMITS.listMax && (
          <Caption1>
            {GUIDE_LIMITS.listMax} is the most a session holds; remove one to add another.
          </Caption1>
        )}
      </div>
    </fieldset>
  );
}

import { Dropdown, Field, makeStyles, Option, tokens } from '@fluentui/react-components';
import {
  ELIGIBILITY_FIELDS,
  useResource,
  type EligibilityField,
  type EligibilityOptionsView,
  type ProgramRulesView,
} from '../api/index.js';
import { ProblemBar } from '../ui/index.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  dropdown: { minWidth: 0, width: '100%' },
});

const FIELDS: { key: EligibilityField; options: keyof EligibilityOptionsView }[] = [
  { key: 'eligibleDepartments', options: 'departments' },
  { key: 'eligibleOffices', options: 'offices' },
];

/**
 * Who may take part, by department and office. The choices are the places the directory has, so
 * a rule never names a place nobody is in; labels and hints are the API's (ELIGIBILITY_FIELDS).
 */
export function EligibilityFields(props: {
  rules: ProgramRulesView;
  disabled: boolean;
  problemOf(key: EligibilityField): string | undefined;
  onChange(patch: Partial<Pick<ProgramRulesView, EligibilityField>>): void;
}) {
  const styles = useStyles();
  const options = useResource<EligibilityOptionsView>('/api/eligibility-options');
  return (
    <>
      {options.state === 'error' && <ProblemBar error={options.error} onRetry={options.reload} />}
      <div className={styles.grid}>
        {FIELDS.map((f) => {
          const chosen = props.rules[f.key] ?? [];
          // A place chosen before the directory changed stays visible so it can be removed.
          const all = [...new Set([...(options.data?.[f.options] ?? []), ...chosen])];
          const { label, hint } = ELIGIBILITY_FIELDS[f.key];
          return (
            <Field key={f.key} label={label} hint={hint} validationMessage={props.problemOf(f.key)}>
              <Dropdown
                className={styles.dropdown}
                multiselect
                disabled={props.disabled || options.data === undefined}
                placeholder={chosen.length === 0 ? 'Everyone' : undefined}
                value={chosen.join(', ')}
                selectedOptions={chosen}
                onOptionSelect={(_e, d) => props.onChange({ [f.key]: d.selectedOptions })}
              >
                {all.map((v) => (
                  <Option key={v} value={v}>
                    {v}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          );
        })}
      </div>
    </>
  );
}

import {
  Button,
  Caption1,
  Card,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  type ApiError,
  CAREER_LEVELS,
  careerLevelLabel,
  DEFAULT_TOPICS,
  RULE_LIMITS,
  ruleLimitProblem,
  rulesFixedProblem,
  useApi,
  useSubmit,
  type Cadence,
  type ProgramRulesView,
  type ProgramView,
} from '../api/index.js';
import { Notice, ProblemBar, topicLabel, useNotify } from '../ui/index.js';
import { CustomTopicInput } from './custom-topic-input.js';
import { EligibilityFields } from './eligibility-fields.js';
import { EligibleGroupsField } from './eligible-groups-field.js';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 200px), 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  dropdown: { minWidth: 0, width: '100%' },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightSemibold,
  },
  checks: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 240px), 1fr))',
  },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  scale: { color: tokens.colorNeutralForeground2 },
});

const CADENCES: { value: Cadence; label: string }[] = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'biweekly', label: 'Every two weeks' },
  { value: 'monthly', label: 'Monthly' },
];

type NumberRule =
  | 'sessions'
  | 'durationMinutes'
  | 'leaderCapacity'
  | 'mentorMaxLevel'
  | 'leaderMinLevel'
  | 'minLevelGap';

const LEVEL_RULES = new Set<NumberRule>(['mentorMaxLevel', 'leaderMinLevel']);

// Labels and limits are the API's own (RULE_LIMITS), so hints never promise what it refuses.
const NUMBER_FIELDS: { key: NumberRule; hint: string }[] = [
  { key: 'sessions', hint: 'In each series' },
  { key: 'durationMinutes', hint: 'Length of each meeting' },
  { key: 'leaderCapacity', hint: 'Usually 1' },
  { key: 'mentorMaxLevel', hint: 'Career level' },
  { key: 'leaderMinLevel', hint: 'Career level' },
  { key: 'minLevelGap', hint: 'Career levels between the two' },
];

const SCALE_TEXT = CAREER_LEVELS.map((l) => `${l.level} ${l.label}`).join(' · ');

function hintOf(key: NumberRule, base: string, value: number): string {
  const { min, max } = RULE_LIMITS[key];
  const range = `${min} to ${max}`;
  if (LEVEL_RULES.has(key)) return `${base} ${range}; ${value} is ${careerLevelLabel(value)}`;
  return `${base}; ${range}`;
}

/** What the server would refuse, said before saving: each field's range and the level order. */
function rulesProblems(rules: ProgramRulesView): Partial<Record<NumberRule, string>> {
  const out: Partial<Record<NumberRule, string>> = {};
  for (const f of NUMBER_FIELDS) {
    const p = ruleLimitProblem(f.key, rules[f.key]);
    if (p !== undefined) out[f.key] = p;
  }
  if (out.leaderMinLevel === undefined && rules.mentorMaxLevel >= rules.leaderMinLevel)
    out.leaderMinLevel = 'The lowest leader level must be above the highest mentor level';
  return out;
}

/** The server's message for one field (its errors name fields as body.rules.<field>). */
function serverProblem(error: ApiError | undefined, key: string): string | undefined {
  return error?.problem.errors?.find((e) => e.field.split('.').pop() === key)?.message;
}

/** Rules and cadence; saved with PATCH. The API validates and answers problems per field. */
export function ProgramRulesForm(props: { program: ProgramView; onSaved(p: ProgramView): void }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const [rules, setRules] = useState<ProgramRulesView>(props.program.rules);
  const { busy, error, run } = useSubmit();
  const fixed = rulesFixedProblem(props.program.status);
  const editable = fixed === undefined;
  const topics = [...new Set([...DEFAULT_TOPICS.map((t) => t.key), ...rules.topics])];
  const problems = rulesProblems(rules);
  const invalid = Object.keys(problems).length > 0 || rules.topics.length === 0;

  const save = () =>
    run(async () => {
      const saved = await api.send<ProgramView>(
        'PATCH',
        `/api/programs/${encodeURIComponent(props.program.id)}`,
        { rules },
      );
      notify('Rules saved');
      props.onSaved(saved);
    });

  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      {fixed !== undefined && <Notice>{fixed}</Notice>}
      <div className={styles.grid}>
        <Field label="Cadence">
          <Dropdown
            className={styles.dropdown}
            disabled={!editable}
            value={CADENCES.find((c) => c.value === rules.cadence)?.label ?? ''}
            selectedOptions={[rules.cadence]}
            onOptionSelect={(_e, d) => {
              const cadence = CADENCES.find((c) => c.value === d.optionValue)?.value;
              if (cadence !== undefined) setRules({ ...rules, cadence });
            }}
          >
            {CADENCES.map((c) => (
              <Option key={c.value} value={c.value}>
                {c.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {NUMBER_FIELDS.map((f) => (
          <Field
            key={f.key}
            label={RULE_LIMITS[f.key].label}
            hint={hintOf(f.key, f.hint, rules[f.key])}
            validationMessage={problems[f.key] ?? serverProblem(error, f.key)}
          >
            <Input
              type="number"
              disabled={!editable}
              min={RULE_LIMITS[f.key].min}
              max={RULE_LIMITS[f.key].max}
              step={RULE_LIMITS[f.key].integer ? 1 : 0.5}
              value={String(rules[f.key])}
              onChange={(_e, d) => {
                const n = Number(d.value);
                if (Number.isFinite(n)) setRules({ ...rules, [f.key]: n });
              }}
            />
          </Field>
        ))}
      </div>
      <Caption1 className={styles.scale}>Career levels: {SCALE_TEXT}</Caption1>
      <EligibilityFields
        rules={rules}
        disabled={!editable}
        problemOf={(key) => serverProblem(error, key)}
        onChange={(patch) => setRules({ ...rules, ...patch })}
      />
      <EligibleGroupsField
        groups={rules.eligibleGroups ?? []}
        disabled={!editable}
        problem={
          error?.problem.errors?.find((e) => e.field.split('.').includes('eligibleGroups'))?.message
        }
        onChange={(eligibleGroups) => setRules({ ...rules, eligibleGroups })}
      />
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Topics</legend>
        <div className={styles.checks}>
          {topics.map((t) => (
            <Checkbox
              key={t}
              disabled={!editable}
              label={topicLabel(t)}
              checked={rules.topics.includes(t)}
              onChange={(_e, d) =>
                setRules({
                  ...rules,
                  topics:
                    d.checked === true ? [...rules.topics, t] : rules.topics.filter((x) => x !== t),
                })
              }
            />
          ))}
        </div>
        {editable && (
          <CustomTopicInput
            topics={topics}
            onAdd={(t) => setRules({ ...rules, topics: [...rules.topics, t] })}
          />
        )}
      </fieldset>
      {editable && (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy || invalid} onClick={() => void save()}>
            Save rules
          </Button>
          {rules.topics.length === 0 && <Caption1>Pick at least one topic.</Caption1>}
        </div>
      )}
    </Card>
  );
}

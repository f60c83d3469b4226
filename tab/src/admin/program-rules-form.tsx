import {
  Button,
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
  DEFAULT_TOPICS,
  useApi,
  useSubmit,
  type Cadence,
  type ProgramRulesView,
  type ProgramView,
} from '../api/index.js';
import { ProblemBar, topicLabel, useNotify } from '../ui/index.js';
import { CustomTopicInput } from './custom-topic-input.js';

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
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
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

const NUMBER_FIELDS: { key: NumberRule; label: string; hint: string; min: number; max: number }[] =
  [
    { key: 'sessions', label: 'Sessions', hint: 'In each series', min: 1, max: 24 },
    { key: 'durationMinutes', label: 'Minutes per session', hint: '15 to 120', min: 15, max: 120 },
    { key: 'leaderCapacity', label: 'Mentors per leader', hint: 'Usually 1', min: 1, max: 5 },
    { key: 'mentorMaxLevel', label: 'Highest mentor level', hint: 'Career level', min: 0, max: 20 },
    { key: 'leaderMinLevel', label: 'Lowest leader level', hint: 'Career level', min: 0, max: 20 },
    { key: 'minLevelGap', label: 'Minimum level gap', hint: 'Between the two', min: 0, max: 20 },
  ];

/** Rules and cadence; saved with PATCH. The API validates and answers problems per field. */
export function ProgramRulesForm(props: { program: ProgramView; onSaved(p: ProgramView): void }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const [rules, setRules] = useState<ProgramRulesView>(props.program.rules);
  const { busy, error, run } = useSubmit();
  const editable = props.program.status === 'draft' || props.program.status === 'enrolling';
  const topics = [...new Set([...DEFAULT_TOPICS.map((t) => t.key), ...rules.topics])];

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
          <Field key={f.key} label={f.label} hint={f.hint}>
            <Input
              type="number"
              disabled={!editable}
              min={f.min}
              max={f.max}
              value={String(rules[f.key])}
              onChange={(_e, d) => {
                const n = Number(d.value);
                if (Number.isFinite(n)) setRules({ ...rules, [f.key]: n });
              }}
            />
          </Field>
        ))}
      </div>
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
          <Button appearance="primary" disabled={busy} onClick={() => void save()}>
            Save rules
          </Button>
        </div>
      )}
    </Card>
  );
}

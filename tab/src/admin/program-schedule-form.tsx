import {
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  CLOSED_PROGRAM_PROBLEM,
  enrolmentWindowProblem,
  RULE_LIMITS,
  ruleLimitMessage,
  rulesFixedProblem,
  SCORE_PARTS,
  useApi,
  useSubmit,
  type ProgramRulesView,
  type ProgramView,
  type ScorePartKey,
} from '../api/index.js';
import { layoutStyles, Notice, ProblemBar, useNotify } from '../ui/index.js';

const useStyles = makeStyles({
  ...layoutStyles,
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 200px), 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightSemibold,
  },
});

type Weights = ProgramRulesView['weights'];

// Labelled as the match screen names a score's parts (one list in the contract).
const WEIGHTS: { key: keyof Weights & ScorePartKey; hint: string }[] = [
  { key: 'gap', hint: 'A wider gap between the two' },
  { key: 'topics', hint: 'What one can teach and the other wants' },
  { key: 'overlap', hint: 'Across time zones' },
  { key: 'diversity', hint: 'Different department, different office' },
  { key: 'novelty', hint: 'Fresh pairs first' },
];

const WEIGHT = RULE_LIMITS.weight;

/** A weight as typed: a number within the rules' limits, or why not. */
function weightProblem(text: string): string | undefined {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) || n < WEIGHT.min || n > WEIGHT.max
    ? ruleLimitMessage('weight')
    : undefined;
}

/** `2026-03-02T09:00:00.000Z` → the `datetime-local` value in the admin's own zone. */
function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value: string): string | null {
  if (value === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * When the program runs (enrolment window, first week) and how matching weighs a pair and books
 * it (who organises the meeting). Dates can change until the program closes; weights and the
 * organiser only before approval, as the rules do.
 */
export function ProgramScheduleForm(props: { program: ProgramView; onSaved(): void }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const p = props.program;
  const [opens, setOpens] = useState(toLocalInput(p.enrolmentOpensAt));
  const [closes, setCloses] = useState(toLocalInput(p.enrolmentClosesAt));
  const [startsOn, setStartsOn] = useState(p.startsOn ?? '');
  const [organizer, setOrganizer] = useState(p.rules.organizer);
  const [weights, setWeights] = useState<Record<keyof Weights, string>>(() => {
    const w = p.rules.weights;
    return {
      gap: String(w.gap),
      topics: String(w.topics),
      overlap: String(w.overlap),
      diversity: String(w.diversity),
      novelty: String(w.novelty),
    };
  });
  const { busy, error, run } = useSubmit();
  // A closed program keeps its dates and settings (the API refuses any change with this reason).
  const closed = p.status === 'closed';
  const rulesFixed = rulesFixedProblem(p.status);
  const rulesEditable = rulesFixed === undefined;
  const windowProblem = enrolmentWindowProblem(fromLocalInput(opens), fromLocalInput(closes));
  const weightProblems = rulesEditable
    ? WEIGHTS.flatMap((w) => (weightProblem(weights[w.key]) === undefined ? [] : [w.key]))
    : [];
  const invalid = windowProblem !== undefined || weightProblems.length > 0;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const save = () =>
    run(async () => {
      await api.send<ProgramView>('PATCH', `/api/programs/${encodeURIComponent(p.id)}`, {
        enrolmentOpensAt: fromLocalInput(opens),
        enrolmentClosesAt: fromLocalInput(closes),
        startsOn: startsOn === '' ? null : startsOn,
        ...(rulesEditable
          ? {
              rules: {
                organizer,
                weights: {
                  gap: Number(weights.gap),
                  topics: Number(weights.topics),
                  overlap: Number(weights.overlap),
                  diversity: Number(weights.diversity),
                  novelty: Number(weights.novelty),
                },
              },
            }
          : {}),
      });
      notify('Dates and matching saved');
      props.onSaved();
    });

  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      {closed && <Notice>{CLOSED_PROGRAM_PROBLEM}</Notice>}
      <div className={styles.grid}>
        <Field label="Enrolment opens" hint={`Your time (${zone})`}>
          <Input
            type="datetime-local"
            value={opens}
            disabled={closed}
            onChange={(_e, d) => setOpens(d.value)}
          />
        </Field>
        <Field
          label="Enrolment closes"
          hint={`Your time (${zone})`}
          validationState={windowProblem === undefined ? 'none' : 'error'}
          validationMessage={windowProblem}
        >
          <Input
            type="datetime-local"
            value={closes}
            disabled={closed}
            onChange={(_e, d) => setCloses(d.value)}
          />
        </Field>
        <Field label="Program starts on" hint="First sessions are booked from this day">
          <Input
            type="date"
            value={startsOn}
            disabled={closed}
            onChange={(_e, d) => setStartsOn(d.value)}
          />
        </Field>
      </div>
      {!closed && rulesFixed !== undefined && (
        <Notice>{rulesFixed} Who organises the meeting and the weights stay as they are.</Notice>
      )}
      <Field
        label="Who organises the meeting"
        hint="The series is created in this person's calendar"
      >
        <RadioGroup
          layout="horizontal"
          value={organizer}
          disabled={!rulesEditable}
          onChange={(_e, d) => setOrganizer(d.value === 'leader' ? 'leader' : 'mentor')}
        >
          <Radio value="mentor" label="The mentor" />
          <Radio value="leader" label="The leader" />
        </RadioGroup>
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          Matching weights ({WEIGHT.min} switches a part off, up to {WEIGHT.max})
        </legend>
        <div className={styles.grid}>
          {WEIGHTS.map((w) => (
            <Field
              key={w.key}
              label={SCORE_PARTS[w.key].label}
              hint={w.hint}
              validationState={weightProblems.includes(w.key) ? 'error' : 'none'}
              validationMessage={
                weightProblems.includes(w.key) ? ruleLimitMessage('weight') : undefined
              }
            >
              <Input
                type="number"
                min={WEIGHT.min}
                max={WEIGHT.max}
                step={0.5}
                disabled={!rulesEditable}
                value={weights[w.key]}
                onChange={(_e, d) => setWeights({ ...weights, [w.key]: d.value })}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={busy || closed || invalid}
          onClick={() => void save()}
        >
          Save dates and matching
        </Button>
      </div>
    </Card>
  );
}

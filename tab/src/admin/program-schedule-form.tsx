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
import { useApi, useSubmit, type ProgramRulesView, type ProgramView } from '../api/index.js';
import { layoutStyles, ProblemBar, useNotify } from '../ui/index.js';

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

const WEIGHTS: { key: keyof Weights; label: string; hint: string }[] = [
  { key: 'gap', label: 'Seniority gap', hint: 'A wider gap between the two' },
  { key: 'topics', label: 'Shared topics', hint: 'What one can teach and the other wants' },
  { key: 'overlap', label: 'Shared working hours', hint: 'Across time zones' },
  { key: 'diversity', label: 'Different departments', hint: 'Or offices' },
  { key: 'novelty', label: 'Not paired before', hint: 'Fresh pairs first' },
];

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
  const [weights, setWeights] = useState<Weights>(p.rules.weights);
  const { busy, error, run } = useSubmit();
  const rulesEditable = p.status === 'draft' || p.status === 'enrolling';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const save = () =>
    run(async () => {
      await api.send<ProgramView>('PATCH', `/api/programs/${encodeURIComponent(p.id)}`, {
        enrolmentOpensAt: fromLocalInput(opens),
        enrolmentClosesAt: fromLocalInput(closes),
        startsOn: startsOn === '' ? null : startsOn,
        ...(rulesEditable ? { rules: { organizer, weights } } : {}),
      });
      notify('Dates and matching saved');
      props.onSaved();
    });

  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      <div className={styles.grid}>
        <Field label="Enrolment opens" hint={`Your time (${zone})`}>
          <Input type="datetime-local" value={opens} onChange={(_e, d) => setOpens(d.value)} />
        </Field>
        <Field label="Enrolment closes" hint={`Your time (${zone})`}>
          <Input type="datetime-local" value={closes} onChange={(_e, d) => setCloses(d.value)} />
        </Field>
        <Field label="Program starts on" hint="First sessions are booked from this day">
          <Input type="date" value={startsOn} onChange={(_e, d) => setStartsOn(d.value)} />
        </Field>
      </div>
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
          Matching weights (0 switches a part off, up to 10)
        </legend>
        <div className={styles.grid}>
          {WEIGHTS.map((w) => (
            <Field key={w.key} label={w.label} hint={w.hint}>
              <Input
                type="number"
                min={0}
                max={10}
                step={0.5}
                disabled={!rulesEditable}
                value={String(weights[w.key])}
                onChange={(_e, d) => {
                  const n = Number(d.value);
                  if (d.value !== '' && Number.isFinite(n)) setWeights({ ...weights, [w.key]: n });
                }}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void save()}>
          Save dates and matching
        </Button>
      </div>
    </Card>
  );
}

import {
  Body1,
  Button,
  Caption1,
  Card,
  Checkbox,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import {
  PROFILE_LIMITS,
  useResource,
  type HomeView,
  type ProgramView,
  type Role,
  type SuggestedRole,
} from '../api/index.js';
import {
  column,
  EmptyState,
  HomeButton,
  layoutStyles,
  Notice,
  Page,
  ProblemBar,
  ResourceView,
  roleLabel,
  topicLabel,
  WEEKDAYS,
} from '../ui/index.js';
import { SLOTS, useEnrolForm, type Choice, type SlotKey } from './use-enrol-form.js';

const useStyles = makeStyles({
  ...layoutStyles,
  form: column(tokens.spacingVerticalL),
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalS },
  checks: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 240px), 1fr))',
    columnGap: tokens.spacingHorizontalM,
  },
  times: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 8em) repeat(2, minmax(0, 6em))',
    justifyContent: 'start',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
  },
  row: { display: 'contents' },
  slotHeading: { textAlign: 'center', color: tokens.colorNeutralForeground2 },
  slotCheck: { justifySelf: 'center' },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

function TopicChecks(props: {
  legend: string;
  hint: string;
  topics: string[];
  choice: Choice<string>;
}) {
  const styles = useStyles();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>
        <Subtitle2>{props.legend}</Subtitle2>
      </legend>
      <Body1 className={styles.muted}>{props.hint}</Body1>
      <div className={styles.checks}>
        {props.topics.map((t) => (
          <Checkbox
            key={t}
            label={topicLabel(t)}
            checked={props.choice.value.includes(t)}
            onChange={(_e, data) => props.choice.toggle(t, data.checked === true)}
          />
        ))}
      </div>
    </fieldset>
  );
}

function EnrolForm(props: { program: ProgramView; suggestion: SuggestedRole | undefined }) {
  const styles = useStyles();
  const { program, suggestion } = props;
  const form = useEnrolForm(program, suggestion);
  const { eligible, role, corrected, offered, wanted, slots, busy, error } = form;

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit();
      }}
    >
      <Card className={styles.card}>
        <Field label="My role in this program" required>
          <RadioGroup value={role ?? ''} onChange={(_e, data) => form.setRole(data.value as Role)}>
            {(['mentor', 'leader'] as const).map((r) => (
              <Radio
                key={r}
                value={r}
                disabled={!eligible.includes(r)}
                label={`${roleLabel(r)}${r === suggestion?.suggestedRole ? ' (suggested)' : ''}`}
              />
            ))}
          </RadioGroup>
        </Field>
        {suggestion !== undefined && suggestion.reasons.length > 0 && (
          <div>
            <Body1>Why we suggest this (from your career level, never your age):</Body1>
            <ul className={styles.reasons}>
              {suggestion.reasons.map((r) => (
                <li key={r}>
                  <Body1>{r}</Body1>
                </li>
              ))}
            </ul>
          </div>
        )}
        {corrected && (
          <Notice>
            You chose a different role from the suggestion. That is fine: the program team sees your
            choice and the reasons above.
          </Notice>
        )}
      </Card>
      <Card className={styles.card}>
        <TopicChecks
          legend="Topics I can share"
          hint={
            role === 'leader'
              ? 'Optional for leaders: what you could offer back.'
              : 'What you could help a senior leader understand.'
          }
          topics={program.rules.topics}
          choice={offered}
        />
        <TopicChecks
          legend="Topics I want to learn about"
          hint="We match on these; pick as many as you like."
          topics={program.rules.topics}
          choice={wanted}
        />
        <Field
          label="In my own words"
          hint={`Optional, up to ${PROFILE_LIMITS.goalsMax} characters. What you want to learn or share. Your partner reads this once you are matched.`}
        >
          <Textarea
            value={form.goals}
            maxLength={PROFILE_LIMITS.goalsMax}
            resize="vertical"
            onChange={(_e, data) => form.setGoals(data.value)}
          />
        </Field>
      </Card>
      <Card className={styles.card}>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>
            <Subtitle2>Preferred times</Subtitle2>
          </legend>
          <Body1 className={styles.muted}>
            Optional. We always book inside both working hours and check both calendars.
          </Body1>
          <div className={styles.times}>
            {/* Column headings for sighted users; each checkbox carries its full name. */}
            <span aria-hidden="true" />
            {SLOTS.map((slot) => (
              <Caption1 key={slot.key} aria-hidden="true" className={styles.slotHeading}>
                {slot.label}
              </Caption1>
            ))}
            {WEEKDAYS.map((day, i) => (
              <div key={day} className={styles.row}>
                <Body1>{day}</Body1>
                {SLOTS.map((slot) => {
                  const key: SlotKey = `${i + 1}-${slot.key}`;
                  return (
                    <Checkbox
                      key={key}
                      className={styles.slotCheck}
                      aria-label={`${day} ${slot.label.toLowerCase()}`}
                      checked={slots.value.includes(key)}
                      onChange={(_e, data) => slots.toggle(key, data.checked === true)}
                    />
                  );
                })}
              </div>
            ))}
          </div>
        </fieldset>
      </Card>
      {error !== undefined && <ProblemBar error={error} />}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || role === undefined}>
          {busy ? 'Enrolling…' : 'Enrol'}
        </Button>
        <HomeButton>Cancel</HomeButton>
      </div>
    </form>
  );
}

/** Enrol in a program: suggested role with reasons (correctable), topics, preferred times. */
export function EnrolView(props: { programId: string }) {
  const home = useResource<HomeView>('/api/me/home');
  const suggestion = useResource<SuggestedRole>(
    `/api/me/suggested-role?programId=${encodeURIComponent(props.programId)}`,
  );
  const program = home.data?.openPrograms.find((p) => p.id === props.programId);
  const already = home.data?.enrolments.find((e) => e.programId === props.programId);
  return (
    <Page
      title={program === undefined ? 'Enrol' : `Enrol in ${program.name}`}
      subtitle={program?.description}
    >
      <ResourceView resource={home} label="Loading the program">
        {() =>
          already !== undefined ? (
            <EmptyState title="You are already enrolled" action={<HomeButton primary />}>
              You joined {already.programName} as {roleLabel(already.role).toLowerCase()}.
            </EmptyState>
          ) : program === undefined ? (
            <EmptyState
              title="This program is not open for enrolment"
              action={<HomeButton>See open programs</HomeButton>}
            >
              It may have closed, or the link is wrong.
            </EmptyState>
          ) : (
            <>
              {suggestion.state === 'error' && (
                <ProblemBar error={suggestion.error} onRetry={suggestion.reload} />
              )}
              {suggestion.state === 'loading' ? (
                <Spinner label="Working out your suggested role" />
              ) : (
                <EnrolForm program={program} suggestion={suggestion.data} />
              )}
            </>
          )
        }
      </ResourceView>
    </Page>
  );
}

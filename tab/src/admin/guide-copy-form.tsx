import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Caption1,
  Card,
  Field,
  Input,
  makeStyles,
  Select,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, SaveRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import {
  DEFAULT_TOPICS,
  GUIDE_LIMITS,
  useApi,
  useSubmit,
  type GuideTrackView,
  type ProgramView,
} from '../api/index.js';
import { layoutStyles, ProblemBar, useNotify } from '../ui/index.js';
import {
  addSessionProblem,
  draftOf,
  draftProblems,
  editsOf,
  fieldId,
  nextVersion,
  removeSessionProblem,
  ROLES_IN_ORDER,
  serverFieldId,
  TEXT_FIELDS,
  withSessionAdded,
  withSessionRemoved,
  type GuideDraft,
  type SessionDraft,
  type TextField,
} from './guide-copy-draft.js';
import { ListEditor } from './guide-list-editor.js';

const useStyles = makeStyles({
  ...layoutStyles,
  session: { display: 'grid', gap: tokens.spacingVerticalM },
});

function SessionFields(props: {
  name: string;
  session: SessionDraft;
  problems: Record<string, string>;
  onChange(s: SessionDraft): void;
}) {
  const styles = useStyles();
  const { session: s, name } = props;
  const problem = (part: string) => props.problems[fieldId(s.id, part)];
  const text = (field: TextField) => {
    const spec = TEXT_FIELDS[field];
    const label = `${name} ${spec.label}`;
    return (
      <Field
        key={field}
        label={label}
        hint={`Up to ${spec.max} characters`}
        validationMessage={problem(field)}
      >
        {spec.rows === undefined ? (
          <Input
            value={s[field]}
            onChange={(_e, v) => props.onChange({ ...s, [field]: v.value })}
          />
        ) : (
          <Textarea
            rows={spec.rows}
            value={s[field]}
            onChange={(_e, v) => props.onChange({ ...s, [field]: v.value })}
          />
        )}
      </Field>
    );
  };
  const { min, max } = GUIDE_LIMITS.durationMinutes;
  return (
    <div className={styles.session}>
      {text('title')}
      {text('goal')}
      <Field
        label={`${name} length in minutes`}
        hint={`A suggestion from ${min} to ${max}; the program's own length decides the booking`}
        validationMessage={problem('durationMinutes')}
      >
        <Input
          inputMode="numeric"
          value={s.durationMinutes}
          onChange={(_e, v) => props.onChange({ ...s, durationMinutes: v.value })}
        />
      </Field>
      {(['prompts', 'preWork'] as const).flatMap((list) =>
        ROLES_IN_ORDER.map((role) => (
          <ListEditor
            key={`${list}-${role}`}
            name={name}
            list={list}
            role={role}
            items={s[list][role]}
            problems={props.problems}
            sessionId={s.id}
            onChange={(items) => props.onChange({ ...s, [list]: { ...s[list], [role]: items } })}
          />
        )),
      )}
      {text('exercise')}
      {text('reflectionQuestion')}
      {text('summary')}
    </div>
  );
}

/** Add after, or remove, a session: offered only where the server would take it. */
function SessionActions(props: {
  draft: GuideDraft;
  index: number;
  onChange(d: GuideDraft): void;
}) {
  const styles = useStyles();
  const { draft: d, index } = props;
  const [topic, setTopic] = useState<string>(DEFAULT_TOPICS[0].key);
  const name = `session ${index + 1}`;
  const addWhy = addSessionProblem(d, index);
  const removeWhy = removeSessionProblem(d, index);
  return (
    <div className={styles.card}>
      {removeWhy === undefined ? (
        <div className={styles.actions}>
          <Button
            icon={<DeleteRegular />}
            onClick={() => props.onChange(withSessionRemoved(d, index))}
          >
            Remove {name}
          </Button>
        </div>
      ) : (
        <Caption1>{removeWhy}</Caption1>
      )}
      {addWhy === undefined ? (
        <div className={styles.actions}>
          <Field label={`Topic of a new session after ${name}`}>
            <Select value={topic} onChange={(_e, v) => setTopic(v.value)}>
              {DEFAULT_TOPICS.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            icon={<AddRegular />}
            onClick={() => props.onChange(withSessionAdded(d, index, topic))}
          >
            Add a session after {name}
          </Button>
        </div>
      ) : (
        index < d.sessions.length - 1 && <Caption1>{addWhy}</Caption1>
      )}
    </div>
  );
}

/**
 * An edited copy of the guide a program follows: every part the API's copy takes (titles, goals,
 * each side's prompts and pre-work, exercise, reflection question, invite summary, length;
 * sessions added or removed), checked against the same limits before saving, then saved as a new
 * version and put in use for the program's new pairs.
 */
export function GuideCopyForm(props: {
  program: ProgramView;
  track: GuideTrackView;
  taken: Set<string>;
  onSaved(): void;
}) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const { track, program } = props;
  const [d, setD] = useState<GuideDraft>(() =>
    draftOf(track, nextVersion(track.version, props.taken)),
  );
  const { busy, error, run } = useSubmit();
  const problems = draftProblems(d, props.taken);
  const fromServer = Object.fromEntries(
    (error?.problem.errors ?? []).map((e) => [serverFieldId(d, e.field), e.message]),
  );
  const shown = { ...fromServer, ...problems };
  const edits = editsOf(track, d);
  const unchanged = Object.keys(edits).length === 0;
  const problemCount = Object.keys(problems).length;

  const save = () =>
    run(async () => {
      const created = await api.send<GuideTrackView>(
        'POST',
        `/api/guides/tracks/${encodeURIComponent(track.id)}/copies`,
        {
          fromVersion: track.version,
          newVersion: d.version.trim(),
          ...(d.reason.trim() === '' ? {} : { reason: d.reason.trim() }),
          edits,
        },
      );
      await api.send('PATCH', `/api/programs/${encodeURIComponent(program.id)}`, {
        guide: { id: created.id, version: created.version },
      });
      notify(`New pairs in ${program.name} now follow version ${created.version}`);
      props.onSaved();
    });

  const setSession = (index: number, s: SessionDraft) =>
    setD({ ...d, sessions: d.sessions.map((x, i) => (i === index ? s : x)) });

  return (
    <Card className={styles.card}>
      <Body1 className={styles.muted}>
        Your changes are saved as a new version; the version you start from is never changed. Pairs
        already matched keep the version they started with; new pairs follow your copy.
      </Body1>
      {error !== undefined && (
        // The detail already says each problem in words; the list would repeat it.
        <ProblemBar error={error} listFields={false} />
      )}
      <Field
        label="New version"
        hint="Such as 2026.1.1 or 2026.1-finance"
        validationMessage={shown.version}
      >
        <Input value={d.version} onChange={(_e, v) => setD({ ...d, version: v.value })} />
      </Field>
      <Field
        label="Guide title"
        hint={`Up to ${GUIDE_LIMITS.title} characters`}
        validationMessage={shown.title}
      >
        <Input value={d.title} onChange={(_e, v) => setD({ ...d, title: v.value })} />
      </Field>
      <Field
        label="Description"
        hint={`Up to ${GUIDE_LIMITS.description} characters`}
        validationMessage={shown.description}
      >
        <Textarea
          value={d.description}
          onChange={(_e, v) => setD({ ...d, description: v.value })}
        />
      </Field>
      <Field
        label="Ground rules"
        hint={`One per line, 1 to ${GUIDE_LIMITS.groundRulesMax}, up to ${GUIDE_LIMITS.groundRule} characters each`}
        validationMessage={shown.groundRules}
      >
        <Textarea
          rows={5}
          value={d.groundRules}
          onChange={(_e, v) => setD({ ...d, groundRules: v.value })}
        />
      </Field>
      <Subtitle2 as="h3">
        Sessions ({d.sessions.length}; {GUIDE_LIMITS.sessions.min} to {GUIDE_LIMITS.sessions.max},
        the charter first and commitments last)
      </Subtitle2>
      <Accordion multiple collapsible>
        {d.sessions.map((s, index) => {
          const name = `Session ${index + 1}`;
          const flagged = Object.keys(problems).some((k) => k.startsWith(`${s.id}-`));
          return (
            <AccordionItem key={s.id} value={s.id}>
              <AccordionHeader as="h4">
                {name} · {s.topic} · {s.title.trim() === '' ? 'new session' : s.title}
                {flagged ? ' · needs attention' : ''}
              </AccordionHeader>
              <AccordionPanel>
                <div className={styles.session}>
                  <SessionFields
                    name={name}
                    session={s}
                    problems={shown}
                    onChange={(next) => setSession(index, next)}
                  />
                  <SessionActions draft={d} index={index} onChange={setD} />
                </div>
              </AccordionPanel>
            </AccordionItem>
          );
        })}
        <AccordionItem value="open">
          <AccordionHeader as="h4">
            Repeatable session · {d.openTopic.topic} · used when a program books more sessions
            {Object.keys(problems).some((k) => k.startsWith('open-')) ? ' · needs attention' : ''}
          </AccordionHeader>
          <AccordionPanel>
            <SessionFields
              name="Repeatable session"
              session={d.openTopic}
              problems={shown}
              onChange={(openTopic) => setD({ ...d, openTopic })}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Field label="Why (for the audit log, optional)">
        <Input value={d.reason} onChange={(_e, v) => setD({ ...d, reason: v.value })} />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<SaveRegular />}
          disabled={busy || unchanged || problemCount > 0}
          onClick={() => void save()}
        >
          Save as version {d.version.trim() === '' ? '…' : d.version.trim()} and use it
        </Button>
        {unchanged && <Caption1>Change something to save a copy.</Caption1>}
        {!unchanged && problemCount > 0 && (
          <Caption1>
            {problemCount === 1 ? 'One field needs' : `${problemCount} fields need`} attention
            before saving; the sessions marked “needs attention” hold them.
          </Caption1>
        )}
      </div>
    </Card>
  );
}

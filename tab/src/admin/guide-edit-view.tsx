import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Field,
  Input,
  makeStyles,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkRegular, SaveRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import {
  GUIDE_LIMITS,
  useApi,
  useResource,
  useSubmit,
  type GuideTrackView,
  type ProgramView,
} from '../api/index.js';
import {
  formatDate,
  layoutStyles,
  Page,
  PageSection,
  ProblemBar,
  ResourceView,
  useNotify,
} from '../ui/index.js';
import { ProgramNav } from './program-nav.js';

const useStyles = makeStyles({
  ...layoutStyles,
  sessions: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  versionText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  session: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

const key = (t: { id: string; version: string }) => `${t.id}@${t.version}`;

/** A version not yet taken: 2026.1 → 2026.1.1, 2026.1.2, … */
function nextVersion(base: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const v = `${base}.${n}`;
    if (!taken.has(v) && v.length <= GUIDE_LIMITS.versionMax) return v;
    if (v.length > GUIDE_LIMITS.versionMax) return '';
  }
}

function tooLong(value: string, max: number): string | undefined {
  return value.trim().length > max ? `At most ${max} characters` : undefined;
}

interface Draft {
  version: string;
  title: string;
  description: string;
  groundRules: string;
  sessions: Record<number, { title: string; goal: string }>;
  reason: string;
}

function draftOf(track: GuideTrackView, version: string): Draft {
  return {
    version,
    title: track.title,
    description: track.description,
    groundRules: track.groundRules.join('\n'),
    sessions: Object.fromEntries(
      track.sessions.map((s) => [s.number, { title: s.title, goal: s.goal }]),
    ),
    reason: '',
  };
}

/** What the server would refuse, said before saving. */
function draftProblems(d: Draft, taken: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  const v = d.version.trim();
  if (!GUIDE_LIMITS.versionPattern.test(v) || v.length > GUIDE_LIMITS.versionMax)
    out.version = 'Use a version such as 2026.1 or 2026.1-finance';
  else if (taken.has(v))
    out.version = 'This version exists already; versions are never overwritten';
  const title = d.title.trim() === '' ? 'A title is needed' : tooLong(d.title, GUIDE_LIMITS.title);
  if (title !== undefined) out.title = title;
  const description = tooLong(d.description, GUIDE_LIMITS.description);
  if (description !== undefined) out.description = description;
  const rules = d.groundRules.split('\n').filter((r) => r.trim() !== '');
  if (rules.length === 0) out.groundRules = 'Keep at least one ground rule';
  else if (rules.length > GUIDE_LIMITS.groundRulesMax)
    out.groundRules = `At most ${GUIDE_LIMITS.groundRulesMax} ground rules`;
  else if (rules.some((r) => r.trim().length > GUIDE_LIMITS.groundRule))
    out.groundRules = `Each ground rule has at most ${GUIDE_LIMITS.groundRule} characters`;
  for (const [n, s] of Object.entries(d.sessions)) {
    const t =
      s.title.trim() === '' ? 'A title is needed' : tooLong(s.title, GUIDE_LIMITS.sessionTitle);
    if (t !== undefined) out[`session-${n}-title`] = t;
    const g = s.goal.trim() === '' ? 'A goal is needed' : tooLong(s.goal, GUIDE_LIMITS.sessionGoal);
    if (g !== undefined) out[`session-${n}-goal`] = g;
  }
  return out;
}

/** Only what changed goes to the server as edits. */
function editsOf(track: GuideTrackView, d: Draft) {
  const rules = d.groundRules
    .split('\n')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const sessions: Record<string, { title?: string; goal?: string }> = {};
  for (const s of track.sessions) {
    const e = d.sessions[s.number];
    if (e === undefined) continue;
    const change: { title?: string; goal?: string } = {};
    if (e.title.trim() !== s.title) change.title = e.title.trim();
    if (e.goal.trim() !== s.goal) change.goal = e.goal.trim();
    if (Object.keys(change).length > 0) sessions[String(s.number)] = change;
  }
  return {
    ...(d.title.trim() === track.title ? {} : { title: d.title.trim() }),
    ...(d.description.trim() === track.description ? {} : { description: d.description.trim() }),
    ...(rules.join('\n') === track.groundRules.join('\n') ? {} : { groundRules: rules }),
    ...(Object.keys(sessions).length === 0 ? {} : { sessions }),
  };
}

function CopyForm(props: {
  program: ProgramView;
  track: GuideTrackView;
  taken: Set<string>;
  onSaved(): void;
}) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const { track, program } = props;
  const [d, setD] = useState<Draft>(() => draftOf(track, nextVersion(track.version, props.taken)));
  const { busy, error, run } = useSubmit();
  const problems = draftProblems(d, props.taken);
  const edits = editsOf(track, d);
  const unchanged = Object.keys(edits).length === 0;
  const serverProblem = (field: string) =>
    error?.problem.errors?.find((e) => e.field.endsWith(field))?.message;

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

  return (
    <Card className={styles.card}>
      <Body1 className={styles.muted}>
        Your changes are saved as a new version; the version you start from is never changed. Pairs
        already matched keep the version they started with; new pairs follow your copy.
      </Body1>
      {error !== undefined && <ProblemBar error={error} />}
      <Field
        label="New version"
        hint="Such as 2026.1.1 or 2026.1-finance"
        validationMessage={problems.version ?? serverProblem('newVersion')}
      >
        <Input value={d.version} onChange={(_e, v) => setD({ ...d, version: v.value })} />
      </Field>
      <Field
        label="Guide title"
        hint={`Up to ${GUIDE_LIMITS.title} characters`}
        validationMessage={problems.title}
      >
        <Input value={d.title} onChange={(_e, v) => setD({ ...d, title: v.value })} />
      </Field>
      <Field
        label="Description"
        hint={`Up to ${GUIDE_LIMITS.description} characters`}
        validationMessage={problems.description}
      >
        <Textarea
          value={d.description}
          onChange={(_e, v) => setD({ ...d, description: v.value })}
        />
      </Field>
      <Field
        label="Ground rules"
        hint={`One per line, at most ${GUIDE_LIMITS.groundRulesMax}`}
        validationMessage={problems.groundRules}
      >
        <Textarea
          rows={5}
          value={d.groundRules}
          onChange={(_e, v) => setD({ ...d, groundRules: v.value })}
        />
      </Field>
      {track.sessions.map((s) => {
        const e = d.sessions[s.number] ?? { title: s.title, goal: s.goal };
        const set = (patch: Partial<typeof e>) =>
          setD({ ...d, sessions: { ...d.sessions, [s.number]: { ...e, ...patch } } });
        return (
          <div key={s.number} className={styles.session}>
            <Subtitle2 as="h3">
              Session {s.number} · {s.topic} · {s.durationMinutes} minutes
            </Subtitle2>
            <Field
              label={`Session ${s.number} title`}
              validationMessage={problems[`session-${s.number}-title`]}
            >
              <Input value={e.title} onChange={(_ev, v) => set({ title: v.value })} />
            </Field>
            <Field
              label={`Session ${s.number} goal`}
              hint={`Up to ${GUIDE_LIMITS.sessionGoal} characters`}
              validationMessage={problems[`session-${s.number}-goal`]}
            >
              <Textarea value={e.goal} onChange={(_ev, v) => set({ goal: v.value })} />
            </Field>
          </div>
        );
      })}
      <Field label="Why (for the audit log, optional)">
        <Input value={d.reason} onChange={(_e, v) => setD({ ...d, reason: v.value })} />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<SaveRegular />}
          disabled={busy || unchanged || Object.keys(problems).length > 0}
          onClick={() => void save()}
        >
          Save as version {d.version.trim() === '' ? '…' : d.version.trim()} and use it
        </Button>
        {unchanged && <Caption1>Change something to save a copy.</Caption1>}
      </div>
    </Card>
  );
}

/**
 * The guide a program's new pairs follow: what it holds, the other versions of it (shipped and
 * admins' copies) with a switch, and an edited copy saved as a new version.
 */
export function GuideEditView(props: { programId: string }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const program = useResource<ProgramView>(`/api/programs/${encodeURIComponent(props.programId)}`);
  const tracks = useResource<{ items: GuideTrackView[] }>('/api/guides/tracks');
  const { busy, error, run } = useSubmit();
  const reload = () => {
    program.reload();
    tracks.reload();
  };
  const use = (p: ProgramView, t: GuideTrackView) =>
    run(async () => {
      await api.send('PATCH', `/api/programs/${encodeURIComponent(p.id)}`, {
        guide: { id: t.id, version: t.version },
      });
      notify(`New pairs in ${p.name} now follow version ${t.version}`);
      program.reload();
    });

  return (
    <Page title={program.data?.name ?? 'Program'} subtitle="The session guide">
      <ProgramNav programId={props.programId} current="admin-guide" />
      <ResourceView resource={program} label="Loading the program">
        {(p) => (
          <ResourceView resource={tracks} label="Loading the guides">
            {(all) => {
              const pinned = all.items.find(
                (t) => t.id === p.guideTrackId && t.version === p.guideTrackVersion,
              );
              const versions = all.items.filter((t) => t.id === p.guideTrackId);
              const taken = new Set(versions.map((t) => t.version));
              const closed = p.status === 'closed';
              return (
                <div className={styles.stack}>
                  <PageSection title="The guide new pairs follow" id="guide-current">
                    {pinned === undefined ? (
                      <Body1>
                        This program follows {p.guideTrackId}@{p.guideTrackVersion}, which is not
                        stored any more.
                      </Body1>
                    ) : (
                      <Card className={styles.card}>
                        <div className={styles.row}>
                          <Subtitle2 as="h3">{pinned.title}</Subtitle2>
                          <Badge appearance="tint">
                            Version {pinned.version} ·{' '}
                            {pinned.source === 'builtin' ? 'shipped' : 'your copy'}
                          </Badge>
                        </div>
                        <Body1>{pinned.description}</Body1>
                        <ol className={styles.sessions}>
                          {pinned.sessions.map((s) => (
                            <li key={s.number}>
                              <strong>{s.title}</strong> ({s.durationMinutes} minutes): {s.goal}
                            </li>
                          ))}
                        </ol>
                      </Card>
                    )}
                  </PageSection>
                  <PageSection title="Versions" id="guide-versions">
                    <Card className={styles.card}>
                      {error !== undefined && <ProblemBar error={error} />}
                      <ul className={styles.list}>
                        {versions.map((t) => {
                          const current =
                            key(t) === key({ id: p.guideTrackId, version: p.guideTrackVersion });
                          return (
                            <li key={key(t)} className={styles.row}>
                              <div className={styles.versionText}>
                                <Body1>
                                  <strong>Version {t.version}</strong> · {t.title}
                                </Body1>
                                <Caption1 className={styles.muted}>
                                  {t.source === 'builtin'
                                    ? 'Shipped with the app'
                                    : `Copy of ${t.parent?.version ?? '?'}, saved ${formatDate(t.createdAt)}`}
                                </Caption1>
                              </div>
                              {current ? (
                                <Badge icon={<CheckmarkRegular />} appearance="filled">
                                  In use
                                </Badge>
                              ) : (
                                <Button disabled={busy || closed} onClick={() => void use(p, t)}>
                                  Use for new pairs
                                </Button>
                              )}
                            </li>
                          );
                        })}
                      </ul>
                      {closed && <Body1>A closed program keeps the guide it ran with.</Body1>}
                    </Card>
                  </PageSection>
                  {pinned !== undefined && !closed && (
                    <PageSection title="Edit a copy" id="guide-copy">
                      <CopyForm
                        key={key(pinned)}
                        program={p}
                        track={pinned}
                        taken={taken}
                        onSaved={reload}
                      />
                    </PageSection>
                  )}
                </div>
              );
            }}
          </ResourceView>
        )}
      </ResourceView>
    </Page>
  );
}

import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  makeStyles,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import {
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
import { GuideCopyForm } from './guide-copy-form.js';
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
  prompts: { display: 'block', margin: 0 },
});

const key = (t: { id: string; version: string }) => `${t.id}@${t.version}`;

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
                              <Caption1 as="p" className={`${styles.muted} ${styles.prompts}`}>
                                Mentor prompts: {s.prompts.mentor.join(' · ')}
                              </Caption1>
                              <Caption1 as="p" className={`${styles.muted} ${styles.prompts}`}>
                                Leader prompts: {s.prompts.leader.join(' · ')}
                              </Caption1>
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
                      <GuideCopyForm
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

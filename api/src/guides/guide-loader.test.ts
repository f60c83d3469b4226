import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CONTENT_ROOT,
  DEFAULT_TRACK_ID,
  GuideContentError,
  loadGuideTracks,
} from './guide-loader.js';
import { deriveEditableCopy } from './editable-copy.js';
import { CORE_TOPIC_KEYS, OPEN_TOPIC_KEY, computeTrackHash } from './guide-track.js';
import type { GuideSession, GuideTrack } from './guide-track.js';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'guides-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let copies = 0;
/** A fresh content root holding a copy of the shipped default track in `default/`. */
async function contentCopy(): Promise<string> {
  const root = path.join(scratch, `root-${++copies}`);
  await cp(fileURLToPath(DEFAULT_CONTENT_ROOT), root, { recursive: true });
  return root;
}

async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(root, 'default', file);
  const before = await readFile(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(full, after);
}

async function loadError(root: string): Promise<GuideContentError> {
  const error: unknown = await loadGuideTracks({ contentRoot: root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GuideContentError))
    throw new Error(`expected a GuideContentError, got ${String(error)}`);
  return error;
}

function defaultTrack(tracks: GuideTrack[]): GuideTrack {
  const track = tracks.find((t) => t.id === DEFAULT_TRACK_ID);
  if (track === undefined) throw new Error('default track missing');
  return track;
}

function expectFilled(session: GuideSession): void {
  for (const field of [
    'topic',
    'title',
    'goal',
    'exercise',
    'reflectionQuestion',
    'summary',
    'bodyMarkdown',
  ] as const) {
    expect(session[field].trim(), `${session.key}.${field}`).not.toBe('');
  }
  expect(session.durationMinutes).toBeGreaterThanOrEqual(30);
  for (const role of ['mentor', 'leader'] as const) {
    expect(session.preWork[role].length, `${session.key}.preWork.${role}`).toBeGreaterThan(0);
    expect(session.prompts[role].length, `${session.key}.prompts.${role}`).toBeGreaterThanOrEqual(
      3,
    );
    for (const item of [...session.preWork[role], ...session.prompts[role]])
      expect(item.trim()).not.toBe('');
  }
}

describe('the shipped default track', () => {
  it('loads with at least eight sessions in the required order, every field filled in', async () => {
    const track = defaultTrack(await loadGuideTracks());
    expect(track.version).toMatch(/^\d{4}\.\d+$/);
    expect(track.title).not.toBe('');
    expect(track.description).not.toBe('');
    expect(track.groundRules.length).toBeGreaterThanOrEqual(5);
    expect(track.sessions.length).toBeGreaterThanOrEqual(8);
    expect(track.sessions.map((s) => s.key)).toEqual([...CORE_TOPIC_KEYS]);
    expect(track.sessions.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(track.sessions[0]?.key).toBe('charter');
    expect(track.sessions.at(-1)?.key).toBe('commitments');
    track.sessions.forEach(expectFilled);
    expect(track.openTopic.key).toBe(OPEN_TOPIC_KEY);
    expect(track.openTopic.number).toBe(track.sessions.length + 1);
    expectFilled(track.openTopic);
  });

  it('covers what a charter and a closing session must: confidentiality, reciprocity, a follow-up date', async () => {
    const track = defaultTrack(await loadGuideTracks());
    const charter = JSON.stringify(track.sessions[0]).toLowerCase();
    for (const word of ['confidential', 'in return', 'feedback', 'visibility', 'disagree'])
      expect(charter).toContain(word);
    const closing = JSON.stringify(track.sessions.at(-1)).toLowerCase();
    for (const word of ['commitment', 'follow-up', 'date']) expect(closing).toContain(word);
    const tools = track.sessions[1];
    expect(tools?.exercise.toLowerCase()).toContain('own screen');
  });

  it('keeps every invite summary to one short paragraph', async () => {
    const track = defaultTrack(await loadGuideTracks());
    for (const s of [...track.sessions, track.openTopic]) {
      expect(s.summary).not.toContain('\n');
      expect(s.summary.length).toBeLessThanOrEqual(600);
    }
  });

  it('is frozen, so no caller can change a pinned version in place', async () => {
    const track = defaultTrack(await loadGuideTracks());
    expect(Object.isFrozen(track)).toBe(true);
    expect(Object.isFrozen(track.sessions[0]?.prompts.mentor)).toBe(true);
  });
});

describe('content hash', () => {
  it('is stable across loads and ignores how a paragraph is wrapped', async () => {
    const root = await contentCopy();
    const shipped = defaultTrack(await loadGuideTracks()).contentHash;
    expect(defaultTrack(await loadGuideTracks({ contentRoot: root })).contentHash).toBe(shipped);
    expect(defaultTrack(await loadGuideTracks()).contentHash).toBe(shipped);
    await edit(root, '03-remote-async.md', (t) =>
      t.replace(
        'rewrite it together as an async-first version:',
        'rewrite it together\n  as an async-first version:',
      ),
    );
    expect(defaultTrack(await loadGuideTracks({ contentRoot: root })).contentHash).toBe(shipped);
  });

  it('is SHA-256 over the content as JSON with members in key order, the hashes stored so far', async () => {
    // Written independently of the code: JSON.stringify with each object's members sorted.
    const sorted = (_key: string, v: unknown): unknown =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v;
    const expected = (track: GuideTrack): string => {
      const { contentHash: _hash, derivedFrom: _from, ...content } = track;
      const json = JSON.stringify(content, sorted);
      return `sha256:${createHash('sha256').update(json).digest('hex')}`;
    };
    const shipped = defaultTrack(await loadGuideTracks());
    const copy = deriveEditableCopy(shipped, {
      newId: 'contoso-core',
      newVersion: '2026.2',
      edits: { title: 'Contoso', sessions: { '2': { prompts: { mentor: ['Show me.'] } } } },
    });
    expect(shipped.contentHash).toBe(expected(shipped));
    expect(copy.contentHash).toBe(expected(copy));
    expect(computeTrackHash(copy)).toBe(copy.contentHash);
  });

  it('changes when a word of the content changes', async () => {
    const root = await contentCopy();
    const shipped = defaultTrack(await loadGuideTracks()).contentHash;
    await edit(root, '06-wellbeing.md', (t) => t.replace('for a month', 'for six weeks'));
    const changed = defaultTrack(await loadGuideTracks({ contentRoot: root })).contentHash;
    expect(changed).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(changed).not.toBe(shipped);
  });
});

describe('invalid content', () => {
  it('names the file and the field when a field is empty', async () => {
    const root = await contentCopy();
    await edit(root, '04-social-cultural-trends.md', (t) =>
      t.replace(/reflectionQuestion: >\n( {2}.*\n)+/, 'reflectionQuestion: ""\n'),
    );
    const error = await loadError(root);
    expect(error.file).toBe('default/04-social-cultural-trends.md');
    expect(error.field).toBe('reflectionQuestion');
    expect(error.message).toContain('default/04-social-cultural-trends.md');
    expect(error.message).toContain('reflectionQuestion');
  });

  it('names a nested field and an unknown (misspelt) field', async () => {
    const root = await contentCopy();
    await edit(root, '02-digital-ai-tools.md', (t) =>
      t.replace('prompts:\n  mentor:', 'prompts:\n  mentors:'),
    );
    const error = await loadError(root);
    expect(error.file).toBe('default/02-digital-ai-tools.md');
    expect(error.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['prompts.mentor', 'prompts']),
    );
    expect(error.message).toMatch(/mentors/);
  });

  it('names the file and line for broken front matter', async () => {
    const root = await contentCopy();
    await edit(root, '05-diversity-inclusion.md', (t) =>
      t.replace('durationMinutes: 45', 'durationMinutes: 45\ndurationMinutes: 60'),
    );
    const error = await loadError(root);
    expect(error.file).toBe('default/05-diversity-inclusion.md');
    expect(error.line).toBe(10);
    expect(error.message).toContain('default/05-diversity-inclusion.md:10');
    expect(error.message).toContain('duplicate key `durationMinutes`');
  });

  it('names the track file for a bad version', async () => {
    const root = await contentCopy();
    await edit(root, 'track.md', (t) => t.replace('version: 2026.1', 'version: latest!'));
    const error = await loadError(root);
    expect(error.file).toBe('default/track.md');
    expect(error.field).toBe('version');
  });

  it('refuses a track that does not open with the charter', async () => {
    const root = await contentCopy();
    await edit(root, '01-charter.md', (t) => t.replace('key: charter', 'key: wellbeing'));
    const error = await loadError(root);
    expect(error.file).toBe('default/01-charter.md');
    expect(error.field).toBe('key');
    expect(error.message).toMatch(/charter first/);
  });

  it('refuses a gap in the session numbers', async () => {
    const root = await contentCopy();
    await rm(path.join(root, 'default', '03-remote-async.md'));
    const error = await loadError(root);
    expect(error.file).toBe('default/04-social-cultural-trends.md');
    expect(error.field).toBe('number');
  });

  it('refuses unexpected files and a missing open-topic session', async () => {
    const root = await contentCopy();
    await writeFile(path.join(root, 'default', 'notes.md'), '# scratch');
    expect((await loadError(root)).file).toBe('default/notes.md');
    await rm(path.join(root, 'default', 'notes.md'));
    await rm(path.join(root, 'default', 'open-topic.md'));
    expect((await loadError(root)).file).toBe('default/open-topic.md');
  });

  it('refuses the same id and version in two folders', async () => {
    const root = await contentCopy();
    await cp(path.join(root, 'default'), path.join(root, 'zz-copy'), { recursive: true });
    const error = await loadError(root);
    expect(error.file).toBe('zz-copy/track.md');
    expect(error.field).toBe('version');
  });

  it('loads a second version of the same track side by side', async () => {
    const root = await contentCopy();
    await cp(path.join(root, 'default'), path.join(root, 'default-2026.2'), { recursive: true });
    await writeFile(
      path.join(root, 'default-2026.2', 'track.md'),
      (await readFile(path.join(root, 'default-2026.2', 'track.md'), 'utf8')).replace(
        'version: 2026.1',
        'version: 2026.2',
      ),
    );
    const tracks = await loadGuideTracks({ contentRoot: root });
    expect(tracks.map((t) => t.version).sort()).toEqual(['2026.1', '2026.2']);
    expect(tracks[0]?.contentHash).not.toBe(tracks[1]?.contentHash);
  });
});

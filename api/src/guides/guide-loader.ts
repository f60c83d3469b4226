import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrontMatterError, parseDocument } from './front-matter.js';
import type { ParsedDocument } from './front-matter.js';
import {
  computeTrackHash,
  issuesOf,
  parseGuideTrack,
  sessionFrontMatterSchema,
  trackFrontMatterSchema,
} from './guide-track.js';
import type { GuideIssue, GuideSession, GuideTrack } from './guide-track.js';

/** The content shipped with the app: one folder per track version. */
export const DEFAULT_CONTENT_ROOT = new URL('./content/', import.meta.url);
export const DEFAULT_TRACK_ID = 'reverse-mentoring-core';

const TRACK_FILE = 'track.md';
const OPEN_TOPIC_FILE = 'open-topic.md';
const SESSION_FILE = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

/** Bad guide content, named by file (relative to the content root) and field. */
export class GuideContentError extends Error {
  readonly file: string;
  /** The first offending field, e.g. `prompts.mentor[1]`; undefined for file-level problems. */
  readonly field: string | undefined;
  readonly line: number | undefined;
  readonly issues: readonly GuideIssue[];

  constructor(options: { file: string; issues: GuideIssue[]; line?: number | undefined }) {
    const where = options.line === undefined ? options.file : `${options.file}:${options.line}`;
    const details = options.issues
      .map((issue) => (issue.field === '' ? issue.message : `${issue.field}: ${issue.message}`))
      .join('; ');
    super(`Invalid guide content in ${where}: ${details}`);
    this.name = 'GuideContentError';
    this.file = options.file;
    const first = options.issues[0]?.field;
    this.field = first === undefined || first === '' ? undefined : first;
    this.line = options.line;
    this.issues = options.issues;
  }
}

export interface LoadGuidesOptions {
  /** A folder holding one sub-folder per track version. Default: the shipped content. */
  contentRoot?: URL | string;
}

function toPath(location: URL | string): string {
  return location instanceof URL ? fileURLToPath(location) : path.resolve(location);
}

/**
 * Loads and validates every track under the content root, sorted by id then folder name.
 * Meant to run once at start: any bad file stops the load with a `GuideContentError`.
 */
export async function loadGuideTracks(options: LoadGuidesOptions = {}): Promise<GuideTrack[]> {
  const root = toPath(options.contentRoot ?? DEFAULT_CONTENT_ROOT);
  const entries = await readdir(root, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const tracks: GuideTrack[] = [];
  const seen = new Map<string, string>();
  for (const folder of folders) {
    const track = await loadGuideTrack(path.join(root, folder), { displayRoot: root });
    const key = `${track.id}@${track.version}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new GuideContentError({
        file: `${folder}/${TRACK_FILE}`,
        issues: [{ field: 'version', message: `${key} is already defined in ${other}/` }],
      });
    }
    seen.set(key, folder);
    tracks.push(track);
  }
  return tracks.sort((a, b) => (a.id === b.id ? 0 : a.id < b.id ? -1 : 1));
}

interface SessionFile {
  file: string;
  number: number;
  document: ParsedDocument;
}

/** Loads one track version from its folder (`track.md`, `NN-name.md`…, `open-topic.md`). */
export async function loadGuideTrack(
  folder: URL | string,
  options: { displayRoot?: string } = {},
): Promise<GuideTrack> {
  const dir = toPath(folder);
  const display = (name: string) =>
    path
      .relative(options.displayRoot ?? path.dirname(dir), path.join(dir, name))
      .split(path.sep)
      .join('/');

  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => e.name)
    .sort();

  const read = async (name: string): Promise<ParsedDocument> => {
    const text = await readFile(path.join(dir, name), 'utf8');
    try {
      return parseDocument(text);
    } catch (error) {
      if (error instanceof FrontMatterError) {
        const message = error.message.replace(/^line \d+: /, '');
        throw new GuideContentError({
          file: display(name),
          line: error.line,
          issues: [{ field: '', message }],
        });
      }
      throw error;
    }
  };

  if (!names.includes(TRACK_FILE)) {
    throw new GuideContentError({
      file: display(TRACK_FILE),
      issues: [{ field: '', message: 'file is missing' }],
    });
  }
  if (!names.includes(OPEN_TOPIC_FILE)) {
    throw new GuideContentError({
      file: display(OPEN_TOPIC_FILE),
      issues: [
        {
          field: '',
          message:
            'file is missing (the session repeated when a program books more sessions than the track has)',
        },
      ],
    });
  }

  const sessionFiles: SessionFile[] = [];
  for (const name of names) {
    if (name === TRACK_FILE || name === OPEN_TOPIC_FILE) continue;
    const match = SESSION_FILE.exec(name);
    if (match === null) {
      throw new GuideContentError({
        file: display(name),
        issues: [
          { field: '', message: `unexpected file; session files are named like 01-charter.md` },
        ],
      });
    }
    sessionFiles.push({ file: name, number: Number(match[1]), document: await read(name) });
  }
  // Sorted by name, so the numbers are ascending; the track check reports any gap.

  const trackDoc = await read(TRACK_FILE);
  const header = trackFrontMatterSchema.safeParse(trackDoc.data);
  if (!header.success)
    throw new GuideContentError({ file: display(TRACK_FILE), issues: issuesOf(header.error) });

  const toSession = (file: string, number: number, document: ParsedDocument): GuideSession => {
    const parsed = sessionFrontMatterSchema.safeParse(document.data);
    if (!parsed.success)
      throw new GuideContentError({ file: display(file), issues: issuesOf(parsed.error) });
    return { number, ...parsed.data, bodyMarkdown: document.body };
  };
  const sessions = sessionFiles.map((s) => toSession(s.file, s.number, s.document));
  const openTopic = toSession(OPEN_TOPIC_FILE, sessions.length + 1, await read(OPEN_TOPIC_FILE));

  const draft = { ...header.data, introMarkdown: trackDoc.body, sessions, openTopic };
  const result = parseGuideTrack({ ...draft, contentHash: computeTrackHash(draft) });
  if (result.ok) return result.value;
  throw errorForTrackIssues(result.issues, sessionFiles, display);
}

/** Points a whole-track issue (`sessions[2].key`) back at the file it came from. */
function errorForTrackIssues(
  issues: GuideIssue[],
  sessionFiles: readonly SessionFile[],
  display: (name: string) => string,
): GuideContentError {
  const first = issues[0] ?? { field: '', message: 'invalid track' };
  const session = /^sessions\[(\d+)\]\.?(.*)$/.exec(first.field);
  if (session !== null) {
    const file = sessionFiles[Number(session[1])]?.file ?? TRACK_FILE;
    return new GuideContentError({
      file: display(file),
      issues: [{ field: session[2] ?? '', message: first.message }],
    });
  }
  const open = /^openTopic\.?(.*)$/.exec(first.field);
  if (open !== null) {
    return new GuideContentError({
      file: display(OPEN_TOPIC_FILE),
      issues: [{ field: open[1] ?? '', message: first.message }],
    });
  }
  return new GuideContentError({ file: display(TRACK_FILE), issues });
}

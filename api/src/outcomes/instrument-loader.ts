import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrontMatterError, compareVersions, parseDocument } from '../guides/index.js';
import { SURVEY_PHASES, SURVEY_ROLES, toInstrument } from './instrument.js';
import type { SurveyInstrument, SurveyPhase, SurveyRole } from './instrument.js';

/** The surveys shipped with the app: one folder per version, one file per role and phase. */
export const DEFAULT_SURVEY_ROOT = new URL('./content/', import.meta.url);

/** Bad survey content, named by file (relative to the content root) and field. */
export class SurveyContentError extends Error {
  readonly file: string;
  readonly field: string | undefined;
  constructor(file: string, issues: { field: string; message: string }[]) {
    const details = issues.map((i) => (i.field === '' ? i.message : `${i.field}: ${i.message}`));
    super(`Invalid survey content in ${file}: ${details.join('; ')}`);
    this.name = 'SurveyContentError';
    this.file = file;
    const first = issues[0]?.field;
    this.field = first === undefined || first === '' ? undefined : first;
  }
}

/** Every loaded instrument, and the newest version for each role and phase. */
export interface SurveyLibrary {
  readonly instruments: readonly SurveyInstrument[];
  latest(role: SurveyRole, phase: SurveyPhase): SurveyInstrument;
  find(key: string, version: string): SurveyInstrument | undefined;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function createSurveyLibrary(instruments: readonly SurveyInstrument[]): SurveyLibrary {
  const frozen = deepFreeze([...instruments]);
  const latest = new Map<string, SurveyInstrument>();
  for (const i of frozen) {
    const slot = `${i.role}:${i.phase}`;
    const current = latest.get(slot);
    if (current === undefined || compareVersions(i.version, current.version) > 0)
      latest.set(slot, i);
  }
  return {
    instruments: frozen,
    latest(role, phase) {
      const found = latest.get(`${role}:${phase}`);
      if (found === undefined) throw new Error(`No ${role} ${phase} survey is loaded`);
      return found;
    },
    find: (k, version) => frozen.find((i) => i.key === k && i.version === version),
  };
}

/**
 * Loads and checks every version folder. Each holds one instrument per role and phase, named
 * `<role>-<phase>.md`, whose `version` is the folder's; a role's baseline and end measure the
 * same dimensions, so a change between them can be computed per dimension.
 */
export async function loadSurveyInstruments(
  options: { contentRoot?: URL | string } = {},
): Promise<SurveyInstrument[]> {
  const location = options.contentRoot ?? DEFAULT_SURVEY_ROOT;
  const root = location instanceof URL ? fileURLToPath(location) : path.resolve(location);
  const folders = (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(compareVersions);
  if (folders.length === 0)
    throw new SurveyContentError('.', [{ field: '', message: 'no version folder' }]);
  const all: SurveyInstrument[] = [];
  for (const folder of folders) {
    const byName = new Map<string, SurveyInstrument>();
    for (const role of SURVEY_ROLES) {
      for (const phase of SURVEY_PHASES) {
        const name = `${role}-${phase}.md`;
        const file = `${folder}/${name}`;
        let text: string;
        try {
          text = await readFile(path.join(root, folder, name), 'utf8');
        } catch {
          throw new SurveyContentError(file, [{ field: '', message: 'file is missing' }]);
        }
        let doc;
        try {
          doc = parseDocument(text);
        } catch (error) {
          if (error instanceof FrontMatterError)
            throw new SurveyContentError(file, [{ field: '', message: error.message }]);
          throw error;
        }
        const result = toInstrument(doc.data, doc.body);
        if (!result.ok) throw new SurveyContentError(file, result.issues);
        const instrument = result.value;
        const mismatch = [
          ['role', instrument.role, role],
          ['phase', instrument.phase, phase],
          ['version', instrument.version, folder],
        ].find(([, got, want]) => got !== want);
        if (mismatch !== undefined)
          throw new SurveyContentError(file, [
            { field: mismatch[0] ?? '', message: `must be ${mismatch[2]} in ${file}` },
          ]);
        byName.set(`${role}-${phase}`, instrument);
        all.push(instrument);
      }
      const baseline = byName.get(`${role}-baseline`);
      const end = byName.get(`${role}-end`);
      const keys = (i: SurveyInstrument | undefined) =>
        (i?.dimensions ?? []).map((d) => d.key).join(',');
      if (keys(baseline) !== keys(end))
        throw new SurveyContentError(`${folder}/${role}-end.md`, [
          {
            field: 'dimensions',
            message: `must be the same as in ${role}-baseline.md (${keys(baseline)})`,
          },
        ]);
    }
  }
  return all;
}

export async function loadSurveyLibrary(
  options: { contentRoot?: URL | string } = {},
): Promise<SurveyLibrary> {
  return createSurveyLibrary(await loadSurveyInstruments(options));
}

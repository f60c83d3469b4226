// Whether api/dist (what `npm run build:api` compiles) matches the TypeScript sources beside it.
// The build stamps the size and modification time of every source file it compiled, and the
// commit it came from; a checkout whose sources differ from that list has a stale build, which
// the bin refuses to run. Kept to plain `node:fs` and cheap (a few milliseconds): it runs at
// every start, before anything else is loaded.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const apiRoot = fileURLToPath(new URL('..', import.meta.url));
export const srcDir = path.join(apiRoot, 'src');
export const distDir = path.join(apiRoot, 'dist');
export const stampFile = 'build-stamp.json';

/** Compiler settings change the output as much as the sources do. */
const CONFIG_FILES = [
  path.join(apiRoot, 'tsconfig.build.json'),
  path.join(apiRoot, '../tsconfig.base.json'),
];

/** Sources that do not go into the build. */
const isTest = (name) => name.endsWith('.test.ts');

/**
 * What the build compiles and copies, as `{ relative path: "size mtime" }`: every file under src
 * except tests, and the compiler settings.
 */
export function sourceList() {
  const files = [...CONFIG_FILES];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !isTest(entry.name)) files.push(full);
    }
  };
  walk(srcDir);
  const list = {};
  for (const file of files.sort()) {
    const info = statSync(file);
    list[path.relative(apiRoot, file).split(path.sep).join('/')] = `${info.size} ${info.mtimeMs}`;
  }
  return list;
}

/** The first file that differs between two source lists (changed, added or removed). */
export function firstDifference(built, current) {
  for (const [file, state] of Object.entries(current)) if (built[file] !== state) return file;
  for (const file of Object.keys(built)) if (!(file in current)) return file;
  return undefined;
}

export function readStamp(dir = distDir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, stampFile), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Why api/dist must not run, or undefined when it may. Without sources beside it (a deployed
 * copy) the build is all there is; with them, it must be a build of exactly those sources.
 */
export function buildProblem() {
  const stamp = readStamp();
  if (stamp === undefined) return 'api/dist is missing or incomplete (no build stamp)';
  if (!existsSync(srcDir)) return undefined;
  const changed = firstDifference(stamp.sources ?? {}, sourceList());
  if (changed === undefined) return undefined;
  const from =
    stamp.commit === undefined
      ? ''
      : ` (built from commit ${stamp.commit.slice(0, 12)}${stamp.dirty ? ' with uncommitted changes' : ''})`;
  return `api/dist is stale${from}: api/${changed} has changed since it was built`;
}

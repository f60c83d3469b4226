import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The `reverse-mentoring` bin, after making sure api/dist is a build of the current sources
 * (the bin refuses a stale one). Compiles only when something changed since the last build.
 */
export function builtCli(): string {
  const build = spawnSync(process.execPath, [path.join(root, 'api/scripts/build.mjs'), '--quiet'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`npm run build:api failed:\n${build.stderr}`);
  return path.join(root, 'api/bin/reverse-mentoring.js');
}

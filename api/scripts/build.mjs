// `npm run build:api`: compiles api/src to JavaScript in api/dist with tsc (types are checked by
// `npm run typecheck`; this only emits), copies the other files the code reads at run time
// (guide content, SQL migrations) beside it, and stamps the build with the list of sources it
// compiled and the commit it came from (see ../bin/build-stamp.js). Does nothing when the stamp
// already matches the sources; `--force` rebuilds anyway. The new build is assembled in a temporary
// folder and swapped in whole, so a failed or interrupted build never leaves a half-built one.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  apiRoot,
  distDir,
  firstDifference,
  readStamp,
  sourceList,
  srcDir,
  stampFile,
} from '../bin/build-stamp.js';

const force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');
const sources = sourceList();
const built = readStamp()?.sources;
if (!force && built !== undefined && firstDifference(built, sources) === undefined) {
  if (!quiet) process.stderr.write('build:api: api/dist is up to date\n');
  process.exit(0);
}

const started = performance.now();
const staging = path.join(apiRoot, `.dist-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
try {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(
    process.execPath,
    [tsc, '-p', path.join(apiRoot, 'tsconfig.build.json'), '--outDir', staging],
    { stdio: 'inherit' },
  );
  if (compiled.status !== 0) {
    process.stderr.write('build:api: tsc failed\n');
    process.exit(1);
  }
  // Every non-TypeScript file under src (guide content, migrations) goes where the compiled
  // code looks for it, next to itself.
  for (const entry of readdirSync(srcDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
    const from = path.join(entry.parentPath, entry.name);
    cpSync(from, path.join(staging, path.relative(srcDir, from)));
  }
  const stamp = { ...gitState(), builtAt: new Date().toISOString(), sources };
  writeFileSync(path.join(staging, stampFile), `${JSON.stringify(stamp, null, 2)}\n`);
  rmSync(distDir, { recursive: true, force: true });
  renameSync(staging, distDir);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
if (!quiet) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`build:api: compiled api/src to api/dist in ${seconds} s\n`);
}

/** The commit the sources came from and whether they had uncommitted changes (when git knows). */
function gitState() {
  const git = (args) => spawnSync('git', args, { cwd: apiRoot, encoding: 'utf8' });
  const head = git(['rev-parse', 'HEAD']);
  if (head.status !== 0) return {};
  const status = git(['status', '--porcelain', '--', '.']);
  return { commit: head.stdout.trim(), dirty: status.stdout.trim() !== '' };
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * `npm run bench`: each benchmark runs in its own process (so memory figures are its own) and
 * prints one JSON line per case. A missing benchmark is reported, not silently dropped.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

interface Bench {
  name: string;
  file: string;
  args?: string[];
}

const BENCHES: Bench[] = [
  { name: 'startup', file: path.join(here, 'startup-bench.ts') },
  { name: 'org-sync', file: path.join(here, 'org-sync-bench.ts') },
  { name: 'matching', file: path.join(here, 'matching-bench.ts') },
  { name: 'booking', file: path.join(here, 'booking-bench.ts') },
  { name: 'api', file: path.join(here, 'api-bench.ts') },
  { name: 'api-overload', file: path.join(here, 'api-bench.ts'), args: ['--overload'] },
  { name: 'tab-bundle', file: path.join(root, 'tab/scripts/bundle-size.mjs') },
];

function run(file: string, args: string[]): Promise<number> {
  const isTs = file.endsWith('.ts');
  const command = process.execPath;
  const argv = isTs ? ['--import', 'tsx', file, ...args] : [file, ...args];
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export async function runBenchmarks(args: string[]): Promise<number> {
  const only = args.filter((a) => !a.startsWith('-'));
  let failures = 0;
  for (const bench of BENCHES) {
    if (only.length > 0 && !only.includes(bench.name)) continue;
    if (!existsSync(bench.file)) {
      process.stdout.write(
        `${JSON.stringify({ bench: bench.name, error: 'benchmark not found' })}\n`,
      );
      failures += 1;
      continue;
    }
    const code = await run(bench.file, bench.args ?? []);
    if (code !== 0) {
      process.stdout.write(
        `${JSON.stringify({ bench: bench.name, error: `exited with ${code}` })}\n`,
      );
      failures += 1;
    }
  }
  return failures === 0 ? 0 : 1;
}

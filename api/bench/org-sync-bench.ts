import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Org sync of large emulated directories: 10k, 100k and 300k people by default
 * (`BENCH_ORG_PEOPLE=100000` or a comma list for others). For each size the local tenant runs in
 * its own process (as Graph would) and the sync in another (org-sync-run.mjs, the compiled app),
 * so time, Graph requests and peak RSS are those of the syncing process alone.
 */
const sizes = (process.env.BENCH_ORG_PEOPLE ?? '10000,100000,300000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const bin = fileURLToPath(new URL('../bin/reverse-mentoring.js', import.meta.url));
const runner = fileURLToPath(new URL('./org-sync-run.mjs', import.meta.url));

async function startTenant(people: number): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [bin, 'local-tenant', '--port', '0', '--people', String(people)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = /(http:\/\/127\.0\.0\.1:\d+\/v1\.0)/.exec(buffer);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`local tenant exited with ${code}`)));
  });
  return { baseUrl, stop: () => child.kill('SIGTERM') };
}

/** Creates and migrates the data folder in another process, as the app's first start would. */
function prepareDataDir(dataDir: string): void {
  const result = spawnSync(process.execPath, [bin, 'migrate'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`migrate exited with ${result.status}`);
}

function syncOnce(baseUrl: string, dataDir: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, baseUrl, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as Record<string, unknown>);
      else reject(new Error(`org sync exited with ${code}`));
    });
  });
}

let failed = false;
for (const people of sizes) {
  const tenant = await startTenant(people);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rm-bench-'));
  try {
    prepareDataDir(dir);
    const result = await syncOnce(tenant.baseUrl, path.join(dir, 'pglite'));
    process.stdout.write(
      `${JSON.stringify({
        bench: 'org-sync',
        ...result,
        loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
        targets: { usersPerSecond: 15_000, requestsPer1000Users: 12, peakRssMBAt100k: 400 },
      })}\n`,
    );
  } catch (err) {
    failed = true;
    process.stdout.write(`${JSON.stringify({ bench: 'org-sync', people, error: String(err) })}\n`);
  } finally {
    tenant.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (failed) process.exitCode = 1;

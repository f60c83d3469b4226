import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTenant, type LocalTenant } from '../../api/src/local-tenant/index.js';
import { builtCli } from '../support/built-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let tenant: LocalTenant;
let dataDir: string;
let cli: string;
beforeAll(async () => {
  cli = builtCli();
  // The tenant lives in the test, so both runs book into the same calendars and we can count.
  tenant = await startLocalTenant({ port: 0, people: 120 });
  dataDir = await mkdtemp(path.join(tmpdir(), 'rm-demo-'));
});
afterAll(async () => {
  await tenant.close();
  await rm(dataDir, { recursive: true, force: true });
});

function runDemo(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'demo'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        GRAPH_BASE_URL: tenant.baseUrl,
        LOG_LEVEL: 'warn',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) =>
      resolve({
        code: code ?? 1,
        stdout,
        stderr: stderr
          .split('\n')
          .filter((l) => !l.includes('params:') && l.length < 400)
          .join('\n'),
      }),
    );
  });
}

function seriesInTenant(): number {
  let n = 0;
  for (const p of tenant.state.org.people) {
    n += tenant.state
      .events(p.id)
      .filter((c) => c.meeting.organizerId === p.id && c.meeting.recurrence !== null).length;
  }
  return n;
}

describe('demo command', () => {
  it('books every matched pair once and a second run books nothing new', async () => {
    const first = await runDemo();
    expect(first.code, first.stderr).toBe(0);
    const lastLine = first.stdout.trim().split('\n').at(-1) ?? '';
    expect(lastLine).toMatch(/^\{"pairs":\d+,"booked":\d+,"failed":\d+,"unmatched":\d+\}$/);
    const summary = JSON.parse(lastLine) as {
      pairs: number;
      booked: number;
      failed: number;
      unmatched: number;
    };
    expect(summary.pairs).toBeGreaterThan(0);
    expect(summary.booked + summary.failed).toBe(summary.pairs);
    const events = seriesInTenant();
    expect(events).toBe(summary.booked);

    const second = await runDemo();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim().split('\n').at(-1)).toBe(lastLine);
    expect(seriesInTenant()).toBe(events);
  }, 180_000);
});

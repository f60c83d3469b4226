import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'api/bin/reverse-mentoring.js');

let busy: Server;
let port: number;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  port = (busy.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => busy.close(() => resolve()));
});

describe('start on a busy port', () => {
  it('exits with a message naming the port and how to pick another, instead of hanging', async () => {
    const started = Date.now();
    const result = await new Promise<{ code: number | null; stderr: string; killed: boolean }>(
      (resolve) => {
        const child = spawn(process.execPath, [cli, 'start'], {
          cwd: root,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            PORT: String(port),
            HOST: '127.0.0.1',
            DATA_DIR: 'memory://',
            LOCAL_TENANT_PEOPLE: '20',
            LOG_LEVEL: 'error',
          },
        });
        let stderr = '';
        let killed = false;
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        // Before the fix it never exited: give it far more than a start takes, then stop it.
        const timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, 60_000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stderr, killed });
        });
      },
    );
    expect(result.killed).toBe(false);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} is already in use on 127.0.0.1`);
    expect(result.stderr).toContain(`PORT=${port + 1} npm start`);
    expect(result.stderr).not.toContain('    at ');
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});

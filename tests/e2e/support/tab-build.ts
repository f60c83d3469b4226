import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Builds the tab when tab/dist is missing or older than its sources (the server serves tab/dist). */
export function ensureTabBuilt(): void {
  const index = path.join(root, 'tab', 'dist', 'index.html');
  const sources = [
    path.join(root, 'tab', 'src'),
    path.join(root, 'tab', 'index.html'),
    path.join(root, 'tab', 'vite.config.ts'),
    path.join(root, 'api', 'src', 'contract'),
  ];
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > Math.max(...sources.map(newestMtime))) return;
  // Vitest sets NODE_ENV=test, which would give React's development build; ship what users get.
  execFileSync('npm', ['run', 'build', '-w', 'tab', '--silent'], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

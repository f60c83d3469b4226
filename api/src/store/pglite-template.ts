import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from './connection.js';

const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/** A hash of the migration files: a new migration makes a new template. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (name.endsWith('.sql') || name.endsWith('.json'))
        hash.update(name).update(readFileSync(full));
      else if (!name.includes('.')) walk(full);
    }
  };
  walk(migrationsDir);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated, empty PGlite data folder to copy from. PGlite's initdb takes seconds and hundreds of
 * megabytes each time; copying a folder takes milliseconds. Tests and benchmarks use this; the
 * app's own data folder is created normally on first start.
 */
export async function ensurePgliteTemplate(cacheRoot: string): Promise<string> {
  const target = path.join(cacheRoot, `pglite-template-${migrationsHash()}`);
  if (existsSync(path.join(target, 'PG_VERSION'))) return target;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(path.join(cacheRoot, 'staging-'));
  const store = await openStore({ dataDir: staging });
  await store.migrate();
  await store.close();
  try {
    renameSync(staging, target);
  } catch {
    // Another process made it first: theirs is as good as ours.
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** A private copy of the template in a temporary folder, and how to remove it. */
export function copyPgliteTemplate(template: string): { dataDir: string; remove: () => void } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rm-pglite-'));
  cpSync(template, dataDir, { recursive: true });
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type EnvValues = Readonly<Record<string, string>>;

/**
 * Parses the dotenv dialect the Teams app tooling writes: `KEY=value`, optional `export `,
 * `#` comments, single or double quotes (double quotes understand `\n`). Values keep inner
 * spaces only when quoted, so `APP_NAME_SUFFIX=" (dev)"` survives.
 */
export function parseEnvFile(text: string, source = 'env file'): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (match === null) {
      throw new Error(`${source}:${index + 1}: expected KEY=value, got "${line}"`);
    }
    const [, key = '', rest = ''] = match;
    values[key] = unquote(rest);
  });
  return values;
}

function unquote(rest: string): string {
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const end = rest.indexOf(quote, 1);
    const inner = end === -1 ? rest.slice(1) : rest.slice(1, end);
    return quote === '"' ? inner.replace(/\\n/g, '\n') : inner;
  }
  // An unquoted value ends at an inline comment.
  const hash = rest.search(/\s#/);
  return (hash === -1 ? rest : rest.slice(0, hash)).trim();
}

export interface EnvironmentFiles {
  values: EnvValues;
  /** The files that were read, in the order they were applied. */
  files: string[];
}

/**
 * Loads `env/.env.<name>` and, when present, `env/.env.<name>.user` on top of it (the tooling
 * keeps secrets and per-developer overrides there; it is git-ignored).
 */
export async function loadEnvironment(envDir: string, name: string): Promise<EnvironmentFiles> {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`environment name "${name}" is not valid`);
  const base = join(envDir, `.env.${name}`);
  const user = `${base}.user`;
  const baseText = await readText(base);
  if (baseText === undefined) throw new Error(`environment "${name}" not found: no ${base}`);
  const values = parseEnvFile(baseText, base);
  const files = [base];
  const userText = await readText(user);
  if (userText !== undefined) {
    Object.assign(values, parseEnvFile(userText, user));
    files.push(user);
  }
  return { values, files };
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

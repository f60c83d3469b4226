import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/*
 * The real build script and bin, on a copy of the repository's layout with a one-file API: the
 * bin runs what the build compiled, and refuses a build that no longer matches the sources.
 */
describe('the compiled command line', () => {
  let dir: string;
  const api = (...parts: string[]) => path.join(dir, 'api', ...parts);
  const run = (script: string, args: string[] = []) =>
    spawnSync(process.execPath, [script, ...args], { cwd: dir, encoding: 'utf8' });
  const build = () => run(api('scripts/build.mjs'), ['--quiet']);
  const cli = (args: string[]) => run(api('bin/reverse-mentoring.js'), args);
  const writeMain = (word: string) =>
    writeFileSync(
      api('src/cli/main.ts'),
      `export async function main(argv: string[]): Promise<number> {\n` +
        `  process.stdout.write(\`${word} \${argv.join(' ')}\\n\`);\n  return 0;\n}\n`,
    );

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rm-cli-build-'));
    mkdirSync(api('src/cli'), { recursive: true });
    mkdirSync(api('src/notes'), { recursive: true });
    cpSync(path.join(root, 'api/bin'), api('bin'), { recursive: true });
    cpSync(path.join(root, 'api/scripts'), api('scripts'), { recursive: true });
    cpSync(path.join(root, 'api/tsconfig.build.json'), api('tsconfig.build.json'));
    cpSync(path.join(root, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeMain('compiled');
    writeFileSync(api('src/notes/read-me.txt'), 'copied next to the code\n');
    writeFileSync(api('src/cli/main.test.ts'), '// not part of the build\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to run before anything is built', () => {
    const result = cli(['solve']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/api\/dist is missing.*\n.*npm run build/);
  });

  it('runs the JavaScript the build compiled, with the files the code reads beside it', () => {
    expect(build().status).toBe(0);
    expect(readFileSync(api('dist/cli/main.js'), 'utf8')).toContain('export async function main');
    expect(readFileSync(api('dist/notes/read-me.txt'), 'utf8')).toBe('copied next to the code\n');
    const result = cli(['solve', '--x']);
    expect(result.stdout).toBe('compiled solve --x\n');
    expect(result.status).toBe(0);
  });

  it('refuses a stale build and names the source that changed, then runs the rebuilt one', () => {
    writeMain('edited');
    const stale = cli(['solve']);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toContain('api/dist is stale');
    expect(stale.stderr).toContain('api/src/cli/main.ts has changed');
    expect(build().status).toBe(0);
    expect(cli(['solve']).stdout).toBe('edited solve\n');
  });

  it('notices an added source file, but not an edited test', () => {
    writeFileSync(api('src/cli/main.test.ts'), '// edited test, still not part of the build\n');
    expect(cli([]).status).toBe(0);
    writeFileSync(api('src/cli/extra.ts'), 'export const extra = 1;\n');
    const stale = cli([]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('api/src/cli/extra.ts has changed');
    expect(build().status).toBe(0);
    expect(cli([]).status).toBe(0);
  });

  it('skips the compile when the build already matches the sources', () => {
    const again = run(api('scripts/build.mjs'));
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('up to date');
  });

  it('runs a deployed copy (no sources beside it) as it is', () => {
    rmSync(api('src'), { recursive: true });
    expect(cli(['x']).stdout).toBe('edited x\n');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The shape the code keeps: one folder per concept, each used by others only through its
 * `index.ts`, and folders that depend on each other one way only. Type-only and dynamic imports
 * count: a cycle of types is still two concepts that cannot change apart.
 */

const SRC = path.dirname(fileURLToPath(import.meta.url));
/** Files directly in `api/src` and the CLI wire everything together; no concept imports them. */
const COMPOSITION = new Set(['.', 'cli']);
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

interface Import {
  file: string;
  spec: string;
  fromFolder: string;
  toFolder: string;
  toFile: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function folderOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? (parts[0] ?? '.') : '.';
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec === undefined) continue;
    const target = path.resolve(path.dirname(file), spec);
    if (!target.startsWith(SRC + path.sep)) continue;
    out.push({
      file: path.relative(SRC, file),
      spec,
      fromFolder: folderOf(file),
      toFolder: folderOf(target),
      toFile: path.relative(SRC, target),
    });
  }
  return out;
}

const imports = sourceFiles(SRC).flatMap(importsOf);
const crossing = imports.filter((i) => i.fromFolder !== i.toFolder);

/** Every cycle's folders, as found by a depth-first walk of the folder graph. */
function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) if (state.get(node) === undefined) visit(node);
  return cycles;
}

describe('the folder architecture of api/src', () => {
  it('has no cycle between concept folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of crossing) {
      if (!edges.has(i.fromFolder)) edges.set(i.fromFolder, new Set());
      edges.get(i.fromFolder)?.add(i.toFolder);
    }
    expect(folderCycles(edges).map((c) => c.join(' → '))).toEqual([]);
  });

  it('imports another folder only through its index.ts', () => {
    // Test support in `testing/` may open a folder's test-only `testing.ts`, as test files do.
    const testOnly = (i: Import) =>
      i.fromFolder === 'testing' && i.toFile === path.join(i.toFolder, 'testing.js');
    const past = crossing.filter(
      (i) => i.toFolder !== '.' && i.toFile !== path.join(i.toFolder, 'index.js') && !testOnly(i),
    );
    expect(past.map((i) => `${i.file} imports ${i.spec}`)).toEqual([]);
  });

  it('keeps the composition root out of the concepts', () => {
    const intoRoot = crossing.filter(
      (i) => COMPOSITION.has(i.toFolder) && !COMPOSITION.has(i.fromFolder),
    );
    expect(intoRoot.map((i) => `${i.file} imports ${i.spec}`)).toEqual([]);
  });

  it('keeps the local tenant apart from the product it emulates Graph for', () => {
    const fromTenant = crossing.filter((i) => i.fromFolder === 'local-tenant');
    expect(fromTenant.map((i) => `${i.file} imports ${i.spec}`)).toEqual([]);
  });

  it('keeps the Graph conformance checks to tests: no app or emulator module imports them', () => {
    const intoSchema = crossing.filter((i) => i.toFolder === 'graph-schema');
    expect(intoSchema.map((i) => `${i.file} imports ${i.spec}`)).toEqual([]);
  });

  it('finds the imports it checks (a broken pattern would pass everything)', () => {
    expect(crossing.length).toBeGreaterThan(100);
    expect(
      folderCycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
        ]),
      ),
    ).toEqual([['a', 'b', 'a']]);
  });
});

/** Every TypeScript file under a folder, tests included. */
function everyTsFile(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist'].includes(entry.name) ? [] : everyTsFile(full);
    return /\.(tsx?|mts|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe('the size of source files', () => {
  const ROOT = path.resolve(SRC, '../..');
  const LIMIT = 450;
  const FOLDERS = ['api/src', 'api/bench', 'api/scripts', 'tab/src', 'tests'];

  it(`says why at the top of any file over ${LIMIT} lines`, () => {
    const files = FOLDERS.flatMap((f) => everyTsFile(path.join(ROOT, f)));
    expect(files.length).toBeGreaterThan(300);
    const unexplained = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return text.split('\n').length > LIMIT && !text.startsWith('// Long on purpose:');
    });
    expect(unexplained.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

// Prints the tab's JavaScript size, gzipped, as one JSON line for the benchmark log:
// initial = the entry chunk plus everything it imports statically (what the first load needs);
// total = every JavaScript file in the build, lazy chunks included.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
const manifestPath = path.join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`No Vite manifest at ${manifestPath}: run "npm run build -w tab" first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gz = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;

const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (chunk === undefined || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry === true) visit(key);

const jsFiles = [];
const walk = (dir) => {
  for (const entry of readdirSync(path.join(dist, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(rel);
    else if (entry.name.endsWith('.js')) jsFiles.push(rel);
  }
};
walk('.');

const initialJsGzipBytes = [...initial]
  .filter((f) => f.endsWith('.js'))
  .reduce((n, f) => n + gz(f), 0);
const totalJsGzipBytes = jsFiles.reduce((n, f) => n + gz(f), 0);
console.log(JSON.stringify({ bench: 'tab-bundle', initialJsGzipBytes, totalJsGzipBytes }));

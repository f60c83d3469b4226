// Writes appPackage/color.png and appPackage/outline.png from the drawings in icons.ts.
// Run after changing the drawing: `npx tsx appPackage/scripts/generate-icons.ts`.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawColorIcon, drawOutlineIcon, encodePng } from './icons.js';

const appPackageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
await writeFile(join(appPackageDir, 'color.png'), encodePng(drawColorIcon()));
await writeFile(join(appPackageDir, 'outline.png'), encodePng(drawOutlineIcon()));
process.stdout.write('wrote color.png (192×192) and outline.png (32×32)\n');

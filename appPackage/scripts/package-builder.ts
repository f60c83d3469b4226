import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { loadEnvironment } from './env-file.js';
import type { RgbaImage } from './icons.js';
import { decodePng } from './icons.js';
import { validateAgainstSchema } from './manifest-schema.js';
import { checkManifestRules } from './manifest-rules.js';
import type { UnfilledPlaceholder } from './placeholders.js';
import { fillPlaceholders, placeholderNames } from './placeholders.js';
import type { ValidationIssue } from './validation-issue.js';
import { PackageValidationError } from './validation-issue.js';

/** The `appPackage/` folder of this repository. */
export const APP_PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The `env/` folder of this repository. */
export const ENV_DIR = join(APP_PACKAGE_DIR, '..', 'env');

// Zip entries carry a fixed time so the same inputs give the same bytes.
const ZIP_MTIME = new Date('2025-01-01T00:00:00Z');

export interface BuildOptions {
  /** Environment name: reads `env/.env.<env>` and `env/.env.<env>.user`. */
  env: string;
  appPackageDir?: string;
  envDir?: string;
  /** Where the zip goes; default `appPackage/build`. */
  outDir?: string;
  /** Values applied over the environment files. */
  overrides?: Readonly<Record<string, string>>;
  /** File name of the manifest template inside `appPackageDir`. */
  manifestTemplate?: string;
}

export interface BuildResult {
  zipPath: string;
  manifestPath: string;
  manifest: Record<string, unknown>;
  /** Entry names in the zip. */
  entries: string[];
  envFiles: string[];
}

export interface PackageContents {
  manifest: unknown;
  unfilled: readonly UnfilledPlaceholder[];
  /** Files that go beside manifest.json, by their name in the manifest. */
  files: ReadonlyMap<string, Uint8Array>;
  envName: string;
}

/** Every check the package must pass: the official schema, then the rules it cannot express. */
export async function validatePackageContents(
  contents: PackageContents,
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  const manifest = contents.manifest as { icons?: { color?: unknown; outline?: unknown } };
  const icon = (kind: 'color' | 'outline'): RgbaImage | undefined => {
    const name = manifest.icons?.[kind];
    if (typeof name !== 'string') return undefined;
    const path = `manifest.icons.${kind}`;
    if (name.includes('/') || name.includes('\\')) {
      issues.push({ path, message: `must name a file at the package root, got "${name}"` });
      return undefined;
    }
    const bytes = contents.files.get(name);
    if (bytes === undefined) {
      issues.push({ path, message: `file "${name}" is not in the package` });
      return undefined;
    }
    try {
      return decodePng(bytes);
    } catch (error) {
      issues.push({
        path,
        message: `"${name}" is not a readable PNG (${(error as Error).message})`,
      });
      return undefined;
    }
  };
  const icons = { color: icon('color'), outline: icon('outline') };
  issues.push(
    ...checkManifestRules({
      manifest: contents.manifest,
      unfilled: contents.unfilled,
      icons,
      envName: contents.envName,
    }),
  );
  // A field still holding a placeholder also fails its schema pattern; saying so twice is noise.
  const unfilledPaths = new Set(contents.unfilled.map((u) => u.path));
  const schemaIssues = await validateAgainstSchema(contents.manifest);
  issues.push(...schemaIssues.filter((issue) => !unfilledPaths.has(issue.path)));
  return dedupe(issues);
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Fills the manifest template from an environment, validates it with its icons, and writes
 * `appPackage.<env>.zip` (manifest.json and the two icons at the root) plus the filled
 * `manifest.<env>.json`. Throws {@link PackageValidationError} and writes nothing when the
 * package would be rejected.
 */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const appPackageDir = options.appPackageDir ?? APP_PACKAGE_DIR;
  const outDir = options.outDir ?? join(appPackageDir, 'build');
  const { values, files: envFiles } = await loadEnvironment(options.envDir ?? ENV_DIR, options.env);
  const env = { ...values, ...options.overrides };

  const templatePath = join(appPackageDir, options.manifestTemplate ?? 'manifest.json');
  const template = JSON.parse(await readFile(templatePath, 'utf8')) as unknown;
  const { value: manifest, unfilled } = fillPlaceholders(template, env);

  const files = new Map<string, Uint8Array>();
  const icons = (manifest as { icons?: Record<string, unknown> }).icons ?? {};
  for (const name of [icons.color, icons.outline]) {
    if (typeof name !== 'string' || name.includes('/') || name.includes('\\')) continue;
    try {
      files.set(name, await readFile(join(appPackageDir, name)));
    } catch {
      // Reported by validation as a file missing from the package.
    }
  }

  const issues = await validatePackageContents({ manifest, unfilled, files, envName: options.env });
  if (issues.length > 0) throw new PackageValidationError(issues);

  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {
    'manifest.json': [strToU8(manifestText), { mtime: ZIP_MTIME }],
  };
  for (const [name, bytes] of files) entries[name] = [bytes, { mtime: ZIP_MTIME }];
  const zip = zipSync(entries, { level: 9 });

  await mkdir(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.env}.zip`);
  const manifestPath = join(outDir, `manifest.${options.env}.json`);
  await writeFile(zipPath, zip);
  await writeFile(manifestPath, manifestText);
  return {
    zipPath,
    manifestPath,
    manifest: manifest as Record<string, unknown>,
    entries: Object.keys(entries),
    envFiles,
  };
}

/**
 * Validates a finished zip as Teams would receive it: exactly manifest.json and the files it
 * names, at the root, and everything {@link validatePackageContents} checks.
 */
export async function validateAppPackageZip(
  zip: Uint8Array,
  envName = 'package',
): Promise<ValidationIssue[]> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    return [{ path: 'package', message: `is not a readable zip (${(error as Error).message})` }];
  }
  const manifestBytes = entries['manifest.json'];
  if (manifestBytes === undefined) {
    return [{ path: 'package', message: 'has no manifest.json at its root' }];
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes));
  } catch (error) {
    return [{ path: 'manifest', message: `is not valid JSON (${(error as Error).message})` }];
  }
  // A zip carries no environment: any placeholder still present is unfilled.
  const { unfilled } = fillPlaceholders(manifest, {});
  const files = new Map(Object.entries(entries).filter(([name]) => name !== 'manifest.json'));
  const issues = await validatePackageContents({ manifest, unfilled, files, envName });
  const icons = (manifest as { icons?: Record<string, unknown> }).icons ?? {};
  const expected = new Set(['manifest.json', icons.color, icons.outline]);
  for (const name of Object.keys(entries)) {
    if (!expected.has(name)) {
      issues.push({
        path: 'package',
        message: `contains "${name}", which the manifest does not use`,
      });
    }
  }
  return issues;
}

/** Names of every `${{…}}` placeholder the manifest template uses. */
export async function templatePlaceholders(appPackageDir = APP_PACKAGE_DIR): Promise<string[]> {
  return placeholderNames(await readFile(join(appPackageDir, 'manifest.json'), 'utf8'));
}

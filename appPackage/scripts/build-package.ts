// `npm run package [-- --env local|dev] [--env-dir <dir>] [--out-dir <dir>] [--from-process-env]`:
// builds and validates appPackage/build/appPackage.<env>.zip; exits 1 naming every field at fault.
import { relative, resolve } from 'node:path';
import { buildAppPackage, templatePlaceholders } from './package-builder.js';
import { PackageValidationError } from './validation-issue.js';

/** `--name value` or `--name=value`. */
function option(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === `--${name}`) return args[i + 1] ?? '';
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/**
 * With `--from-process-env` (used by teamsapp.yml), values the Teams app tooling passes in the
 * process environment win over the files: during provisioning they are newer than the files.
 */
async function processOverrides(args: readonly string[]): Promise<Record<string, string>> {
  if (!args.includes('--from-process-env')) return {};
  const names = await templatePlaceholders();
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = process.env[name];
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
}

const args = process.argv.slice(2);
const env = option(args, 'env') ?? process.env.TEAMSFX_ENV ?? 'local';
const envDir = option(args, 'env-dir');
const outDir = option(args, 'out-dir');
try {
  const result = await buildAppPackage({
    env,
    overrides: await processOverrides(args),
    ...(envDir === undefined ? {} : { envDir: resolve(envDir) }),
    ...(outDir === undefined ? {} : { outDir: resolve(outDir) }),
  });
  const manifest = result.manifest as { manifestVersion?: string; version?: string };
  process.stdout.write(
    `built ${relative(process.cwd(), result.zipPath)} (manifest ${manifest.manifestVersion ?? '?'}, app ${manifest.version ?? '?'}; ${result.entries.join(', ')}) from ${result.envFiles.map((f) => relative(process.cwd(), f)).join(' + ')}\n`,
  );
} catch (error) {
  if (error instanceof PackageValidationError) {
    process.stderr.write(`${error.message}\n`);
    if (error.issues.some((issue) => issue.message.startsWith('placeholder'))) {
      process.stderr.write(
        `Unfilled values come from provisioning: run \`teamsapp provision --env ${env}\` first, or set them in env/.env.${env}.user.\n`,
      );
    }
  } else {
    process.stderr.write(`package: ${(error as Error).message}\n`);
  }
  process.exitCode = 1;
}

// `npm run package [-- --env local|dev]`: builds and validates appPackage/build/appPackage.<env>.zip.
import { relative } from 'node:path';
import { buildAppPackage, templatePlaceholders } from './package-builder.js';
import { PackageValidationError } from './validation-issue.js';

function envFromArgs(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--env') return args[i + 1] ?? '';
    if (arg.startsWith('--env=')) return arg.slice('--env='.length);
  }
  return process.env.TEAMSFX_ENV ?? 'local';
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
const env = envFromArgs(args);
try {
  const result = await buildAppPackage({ env, overrides: await processOverrides(args) });
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

import { startLocalTenant, type LocalTenantOptions } from './local-tenant.js';

type NumericOption = 'port' | 'people' | 'seed' | 'latencyMs' | 'rate429' | 'rate503';

/** Each flag: the option it sets and the range it accepts. */
const FLAGS: Record<string, { option: NumericOption; min: number; max: number }> = {
  '--port': { option: 'port', min: 0, max: 65535 },
  '--people': { option: 'people', min: 1, max: 1_000_000 },
  '--seed': { option: 'seed', min: -(2 ** 31), max: 2 ** 31 },
  '--latency': { option: 'latencyMs', min: 0, max: 60_000 },
  '--rate429': { option: 'rate429', min: 0, max: 1 },
  '--rate503': { option: 'rate503', min: 0, max: 1 },
};

function parseArgs(argv: string[]): LocalTenantOptions {
  const opts: LocalTenantOptions = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    const spec = Object.hasOwn(FLAGS, flag) ? FLAGS[flag] : undefined;
    if (spec === undefined) throw new Error(`unknown option ${flag}`);
    const n = Number(value);
    if (value === undefined || Number.isNaN(n) || n < spec.min || n > spec.max) {
      throw new Error(`${flag} needs a number between ${spec.min} and ${spec.max}`);
    }
    opts[spec.option] = n;
  }
  return opts;
}

/**
 * `reverse-mentoring local-tenant --port <n> --people <m> [--seed s] [--latency ms]
 * [--rate429 x] [--rate503 x]`: starts the tenant and prints its base URL as one line.
 * Runs until SIGINT/SIGTERM.
 */
export async function runLocalTenantCli(argv: string[]): Promise<void> {
  const tenant = await startLocalTenant(parseArgs(argv));
  process.stdout.write(`${tenant.baseUrl}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void tenant.close().finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

import { startLocalTenant, type LocalTenantOptions } from './local-tenant.js';

function parseArgs(argv: string[]): LocalTenantOptions {
  const opts: LocalTenantOptions = {};
  const number = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (value === undefined || Number.isNaN(n) || n < min || n > max) {
      throw new Error(`${flag} needs a number between ${min} and ${max}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--port':
        opts.port = number(flag, value, 0, 65535);
        break;
      case '--people':
        opts.people = number(flag, value, 1, 1_000_000);
        break;
      case '--seed':
        opts.seed = number(flag, value, -(2 ** 31), 2 ** 31);
        break;
      case '--latency':
        opts.latencyMs = number(flag, value, 0, 60_000);
        break;
      case '--rate429':
        opts.rate429 = number(flag, value, 0, 1);
        break;
      case '--rate503':
        opts.rate503 = number(flag, value, 0, 1);
        break;
      default:
        throw new Error(`unknown option ${String(flag)}`);
    }
    i++;
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

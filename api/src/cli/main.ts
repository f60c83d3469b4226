import { parseArgs } from 'node:util';
import path from 'node:path';

// Every command imports what it needs when it runs, so `solve` loads the solver and nothing else
// (no config schema, store, Express or Graph client): start-up is most of a small solve.
async function loadConfig() {
  const { loadConfig: load } = await import('../config/index.js');
  return load();
}

const USAGE = `reverse-mentoring <command> [options]

Commands:
  start                      start the API and tab (local tenant when no Entra settings)
  migrate                    apply database migrations and exit
  sync-org [--full]          sync the org chart from Graph; prints a JSON summary last
  local-tenant --port <n> --people <m> [--seed s] [--latency ms] [--rate429 x] [--rate503 x]
                             run the Graph emulator on loopback and print its base URL
  solve                      solve an assignment instance read as JSON on stdin
  guides [--json]            print the session-guide tracks
  surveys [--json]           print the outcome surveys (baseline and end, per role)
  demo                       org sync, program, enrolment, matching, approval and booking end to end
  bench                      run the benchmarks; one JSON line each
  help                       this text
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async start() {
    const { startServer } = await import('../server.js');
    const config = await loadConfig();
    const living = config.graph.kind === 'embedded-local-tenant' && config.graph.demo === 'living';
    const { seedLivingDemoOnStart } = await import('./living-demo.js');
    const running = await startServer(
      config,
      living ? { beforeJobs: (services) => seedLivingDemoOnStart(services) } : {},
    );
    running.logger.info(
      { url: running.url, graph: config.graph.kind, database: running.store.engine },
      `Reverse Mentoring is listening on ${running.url}`,
    );
    process.stdout.write(
      `Reverse Mentoring: open ${running.url} (graph: ${config.graph.kind}, store: ${running.store.engine})\n`,
    );
    const stop = async () => {
      await running.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await new Promise<never>(() => undefined);
    return 0;
  },

  async migrate() {
    const { openStore } = await import('../store/index.js');
    const config = await loadConfig();
    const store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl === undefined ? path.join(config.dataDir, 'pglite') : undefined,
    });
    await store.migrate();
    await store.close();
    process.stdout.write(`${JSON.stringify({ migrated: true, engine: store.engine })}\n`);
    return 0;
  },

  async 'sync-org'(args) {
    const { values } = parseArgs({ args, options: { full: { type: 'boolean', default: false } } });
    const { withCommandWiring } = await import('../server.js');
    const { syncOrg } = await import('../org/index.js');
    const config = await loadConfig();
    await withCommandWiring(config, async ({ store, graph, logger }) => {
      const s = await syncOrg({ db: store.db, graph, logger }, { full: values.full });
      process.stdout.write(
        `${JSON.stringify({ people: s.people, withoutManager: s.withoutManager, maxDepth: s.maxDepth, dataProblems: s.dataProblems })}\n`,
      );
    });
    return 0;
  },

  async 'local-tenant'(args) {
    const { runLocalTenantCli } = await import('../local-tenant/index.js');
    await runLocalTenantCli(args);
    await new Promise<never>(() => undefined);
    return 0;
  },

  async solve() {
    const { runSolveCli } = await import('../assignment/index.js');
    const result = await runSolveCli(await readStdin());
    if (result.stdout !== '')
      process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
    if (result.stderr !== '')
      process.stderr.write(result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`);
    return result.exitCode;
  },

  async guides(args) {
    const { runGuidesCli } = await import('../guides/index.js');
    const result = await runGuidesCli(args);
    process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
    return result.exitCode;
  },

  async surveys(args) {
    const { runSurveysCli } = await import('../outcomes/index.js');
    const result = await runSurveysCli(args);
    process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
    return result.exitCode;
  },

  async demo(args) {
    const { runDemoCli } = await import('./demo.js');
    return runDemoCli(args);
  },

  async bench(args) {
    // The benchmarks are development tools kept in TypeScript (not part of the build): tsx runs
    // them from api/bench, next to src and dist alike.
    const { register } = await import('tsx/esm/api');
    register();
    const bench = new URL('../../bench/run.ts', import.meta.url).href;
    const { runBenchmarks } = (await import(bench)) as {
      runBenchmarks: (args: string[]) => Promise<number>;
    };
    return runBenchmarks(args);
  },

  async help() {
    process.stdout.write(USAGE);
    return 0;
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const command = commands[name];
  if (command === undefined) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (err) {
    if (err instanceof Error && err.name === 'ConfigError') {
      process.stderr.write(`${err.message}\n`);
      return 78;
    }
    if (err instanceof Error && err.name === 'ListenError') {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

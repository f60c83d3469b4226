import { parseArgs } from 'node:util';

export interface ContentCliResult {
  stdout: string;
  exitCode: number;
}

/** What a command over a content folder (`guides`, `surveys`) prints and how it loads. */
export interface ContentCliSpec<T> {
  usage: string;
  /** Loads the shipped content, or the folder given with `--content`. */
  load(contentRoot: string | undefined): Promise<T[]>;
  /** The `error` object `--json` prints for a content error; undefined for any other error. */
  contentError(error: unknown): { message: string } | undefined;
  /** The whole `--json` answer. */
  json(items: T[]): unknown;
  /** One item in the text answer. */
  describe(item: T): string;
}

/**
 * `<command> [--json] [--content <folder>]`: usage on `--help` or bad arguments (exit 2), the
 * content error on invalid content (exit 1), else the content as text or JSON. The bin wires
 * stdout and the exit code.
 */
export async function runContentCli<T>(
  args: string[],
  spec: ContentCliSpec<T>,
): Promise<ContentCliResult> {
  let values: { json?: boolean; content?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean' },
        content: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { stdout: `${message}\n\n${spec.usage}`, exitCode: 2 };
  }
  if (values.help === true) return { stdout: spec.usage, exitCode: 0 };

  let items: T[];
  try {
    items = await spec.load(values.content);
  } catch (error) {
    const problem = spec.contentError(error);
    if (problem === undefined) throw error;
    return values.json === true
      ? { stdout: `${JSON.stringify({ error: problem })}\n`, exitCode: 1 }
      : { stdout: `${problem.message}\n`, exitCode: 1 };
  }

  if (values.json === true)
    return { stdout: `${JSON.stringify(spec.json(items), null, 2)}\n`, exitCode: 0 };
  return { stdout: `${items.map((i) => spec.describe(i)).join('\n\n')}\n`, exitCode: 0 };
}

import { parseArgs } from 'node:util';
import { SurveyContentError, loadSurveyInstruments } from './instrument-loader.js';
import type { SurveyInstrument } from './instrument.js';

const USAGE = `reverse-mentoring surveys [--json] [--content <folder>]

Prints the outcome surveys: a baseline and an end survey for mentors and for leaders.
  --json              machine-readable: { "instruments": [ { key, role, phase, version,
                      dimensions: [{ key, label }], items: [{ key, dimension, prompt, scale }] } ] }
  --content <folder>  load surveys from this folder (one sub-folder per version) instead of
                      the shipped content; use it to check edited content
`;

function describe(i: SurveyInstrument): string {
  const lines = [`${i.key} ${i.version} — ${i.role}, ${i.phase}: ${i.title}`];
  for (const d of i.dimensions) {
    lines.push(`  ${d.label} [${d.key}]`);
    for (const item of i.items.filter((x) => x.dimension === d.key))
      lines.push(`    - ${item.prompt} (${item.scale.min}–${item.scale.max})`);
  }
  return lines.join('\n');
}

/** `surveys [--json] [--content <folder>]`; the bin wires stdout and the exit code. */
export async function runSurveysCli(args: string[]): Promise<{ stdout: string; exitCode: number }> {
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
    return { stdout: `${message}\n\n${USAGE}`, exitCode: 2 };
  }
  if (values.help === true) return { stdout: USAGE, exitCode: 0 };
  let instruments: SurveyInstrument[];
  try {
    instruments = await loadSurveyInstruments(
      values.content === undefined ? {} : { contentRoot: values.content },
    );
  } catch (error) {
    if (error instanceof SurveyContentError) {
      return values.json === true
        ? {
            stdout: `${JSON.stringify({ error: { file: error.file, field: error.field ?? null, message: error.message } })}\n`,
            exitCode: 1,
          }
        : { stdout: `${error.message}\n`, exitCode: 1 };
    }
    throw error;
  }
  if (values.json === true) {
    const out = instruments.map((i) => ({
      key: i.key,
      role: i.role,
      phase: i.phase,
      version: i.version,
      title: i.title,
      dimensions: i.dimensions,
      items: i.items,
    }));
    return { stdout: `${JSON.stringify({ instruments: out }, null, 2)}\n`, exitCode: 0 };
  }
  return { stdout: `${instruments.map(describe).join('\n\n')}\n`, exitCode: 0 };
}

import { runContentCli, type ContentCliResult } from '../guides/index.js';
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
export function runSurveysCli(args: string[]): Promise<ContentCliResult> {
  return runContentCli<SurveyInstrument>(args, {
    usage: USAGE,
    load: (contentRoot) => loadSurveyInstruments(contentRoot === undefined ? {} : { contentRoot }),
    contentError: (error) =>
      error instanceof SurveyContentError
        ? { file: error.file, field: error.field ?? null, message: error.message }
        : undefined,
    json: (instruments) => ({
      instruments: instruments.map((i) => ({
        key: i.key,
        role: i.role,
        phase: i.phase,
        version: i.version,
        title: i.title,
        dimensions: i.dimensions,
        items: i.items,
      })),
    }),
    describe,
  });
}

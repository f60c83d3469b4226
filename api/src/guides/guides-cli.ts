import { parseArgs } from 'node:util';
import { GuideContentError, loadGuideTracks } from './guide-loader.js';
import type { GuideTrack } from './guide-track.js';

const USAGE = `reverse-mentoring guides [--json] [--content <folder>]

Prints the session-guide tracks and their sessions.
  --json              machine-readable: { "tracks": [ ...full tracks with sessions ] }
  --content <folder>  load tracks from this folder (one sub-folder per track version)
                      instead of the shipped content; use it to check edited content
`;

export interface GuidesCliResult {
  stdout: string;
  exitCode: number;
}

function describe(track: GuideTrack): string {
  const lines = [
    `${track.id} ${track.version} — ${track.title}`,
    `  ${track.sessions.length} sessions, content ${track.contentHash}`,
  ];
  for (const s of track.sessions) {
    lines.push(
      `  ${String(s.number).padStart(2)}. [${s.key}] ${s.title} (${s.durationMinutes} min)`,
    );
  }
  const o = track.openTopic;
  lines.push(
    `   +  [${o.key}] ${o.title} (${o.durationMinutes} min; repeats before the last session when a program has more than ${track.sessions.length})`,
  );
  return lines.join('\n');
}

/** `guides [--json] [--content <folder>]`; the bin wires stdout and the exit code. */
export async function runGuidesCli(args: string[]): Promise<GuidesCliResult> {
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

  let tracks: GuideTrack[];
  try {
    tracks = await loadGuideTracks(
      values.content === undefined ? {} : { contentRoot: values.content },
    );
  } catch (error) {
    if (error instanceof GuideContentError) {
      return values.json === true
        ? {
            stdout: `${JSON.stringify({ error: { file: error.file, field: error.field ?? null, line: error.line ?? null, message: error.message } })}\n`,
            exitCode: 1,
          }
        : { stdout: `${error.message}\n`, exitCode: 1 };
    }
    throw error;
  }

  if (values.json === true)
    return { stdout: `${JSON.stringify({ tracks }, null, 2)}\n`, exitCode: 0 };
  return { stdout: `${tracks.map(describe).join('\n\n')}\n`, exitCode: 0 };
}

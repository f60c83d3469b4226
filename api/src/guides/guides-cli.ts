import { runContentCli, type ContentCliResult } from './content-cli.js';
import { GuideContentError, loadGuideTracks } from './guide-loader.js';
import type { GuideTrack } from './guide-track.js';

const USAGE = `reverse-mentoring guides [--json] [--content <folder>]

Prints the session-guide tracks and their sessions.
  --json              machine-readable: { "tracks": [ ...full tracks with sessions ] }
  --content <folder>  load tracks from this folder (one sub-folder per track version)
                      instead of the shipped content; use it to check edited content
`;

export type GuidesCliResult = ContentCliResult;

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
export function runGuidesCli(args: string[]): Promise<GuidesCliResult> {
  return runContentCli<GuideTrack>(args, {
    usage: USAGE,
    load: (contentRoot) => loadGuideTracks(contentRoot === undefined ? {} : { contentRoot }),
    contentError: (error) =>
      error instanceof GuideContentError
        ? {
            file: error.file,
            field: error.field ?? null,
            line: error.line ?? null,
            message: error.message,
          }
        : undefined,
    json: (tracks) => ({ tracks }),
    describe,
  });
}

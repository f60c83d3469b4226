/**
 * What a person calls a session: its place in their own series ("Session 6 of 6"). The guide
 * session it follows may have another number (a 6-session program on an 8-session guide ends on
 * the guide's session 8); showing that number reads as if two sessions were missing.
 */
export function sessionLabel(s: { occurrence: number; sessionCount: number }): string {
  return `Session ${s.occurrence} of ${Math.max(s.sessionCount, s.occurrence)}`;
}

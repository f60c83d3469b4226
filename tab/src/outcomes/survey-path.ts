/** The API path of a survey; the end survey on a pairing has the pairing in it. */
export function surveyPath(s: {
  programId: string;
  phase: 'baseline' | 'end';
  pairingId?: string | null | undefined;
}): string {
  const pairing =
    s.phase === 'end' && s.pairingId != null ? `/${encodeURIComponent(s.pairingId)}` : '';
  return `/api/me/surveys/${encodeURIComponent(s.programId)}/${s.phase}${pairing}`;
}

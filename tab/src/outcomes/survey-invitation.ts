import type { MySurveyView } from '../api/index.js';

/**
 * The sentence that asks for a survey, true to why it is open: before the sessions (baseline),
 * after the last one, after a pairing that ended early (someone waiting for a new partner is
 * asked about the pairing that ended, not told their sessions are over), or after the program
 * closed.
 */
export function surveyInvitation(s: Pick<MySurveyView, 'phase' | 'programName' | 'endOf'>): string {
  if (s.phase === 'baseline')
    return `A short survey for ${s.programName}, so the program can show what it changes.`;
  const same = `the same short survey as at the start of ${s.programName}`;
  const about =
    s.endOf?.partnerName == null
      ? 'about your sessions in it'
      : `about your sessions with ${s.endOf.partnerName}`;
  switch (s.endOf?.reason) {
    case 'pairing-ended': {
      const pairing =
        s.endOf.partnerName === null ? 'Your pairing' : `Your pairing with ${s.endOf.partnerName}`;
      return s.endOf.awaitingPartner
        ? `${pairing} ended early. While the program team finds you a new partner: ${same}, ${about}.`
        : `${pairing} ended early. ${capitalise(same)}, ${about}.`;
    }
    case 'program-closed':
      return `${s.programName} has closed. The same short survey as at the start, about your sessions in it.`;
    default:
      return `${capitalise(same)}, now that your sessions are over.`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import type { ProgramView } from '../api/index.js';
import { formatDate } from '../ui/index.js';

/**
 * The pairings a program has, and had: a closed program's pairs have all ended, and "0" would
 * say it never paired anyone.
 */
export function pairingsCell(counts: ProgramView['counts']): string {
  const { pairings, endedPairings } = counts;
  if (endedPairings === 0) return String(pairings);
  if (pairings === 0) return `${endedPairings} (ended)`;
  return `${pairings} (${endedPairings} ended)`;
}

/** The start date, or what decides it when none is set (the booking job's rule). */
export function startsCell(startsOn: string | null): string {
  return startsOn === null ? 'The day after pairs are approved' : formatDate(startsOn);
}

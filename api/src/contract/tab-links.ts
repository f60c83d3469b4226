/**
 * Paths inside the tab (the part after `#`). The API builds message and invite links with these
 * and the tab's router builds its own links with them, so a link the server sends always opens a
 * page the tab has.
 */
const enc = encodeURIComponent;

export const tabPaths = {
  home: (): string => '/',
  enrol: (programId: string): string => `/enrol/${enc(programId)}`,
  pairing: (pairingId: string): string => `/pairing/${enc(pairingId)}`,
  session: (sessionId: string): string => `/session/${enc(sessionId)}`,
  notifications: (): string => '/notifications',
  settings: (): string => '/settings',
  /** An end survey with a pairing is the one on that pairing. */
  survey: (programId: string, phase: 'baseline' | 'end', pairingId?: string | null): string =>
    `/surveys/${enc(programId)}/${phase}${phase === 'end' && pairingId != null ? `/${enc(pairingId)}` : ''}`,
  admin: (): string => '/admin',
  adminProgram: (programId: string): string => `/admin/programs/${enc(programId)}`,
  adminMatch: (programId: string): string => `/admin/programs/${enc(programId)}/match`,
  adminBookings: (programId: string): string => `/admin/programs/${enc(programId)}/bookings`,
  adminInsights: (programId: string): string => `/admin/programs/${enc(programId)}/insights`,
  adminRematches: (programId: string): string => `/admin/programs/${enc(programId)}/rematches`,
  adminGuide: (programId: string): string => `/admin/programs/${enc(programId)}/guide`,
  adminAudit: (): string => '/admin/audit',
} as const;

/** The full link to a tab path on the app's public address. */
export function tabUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#${path}`;
}

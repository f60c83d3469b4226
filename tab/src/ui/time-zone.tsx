import { createContext, useContext } from 'react';

/** The signed-in person's mailbox time zone (IANA), which their times are shown in. */
export const ViewerTimeZone = createContext<string | null>(null);

export function useViewerTimeZone(): string | null {
  return useContext(ViewerTimeZone);
}

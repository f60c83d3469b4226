/**
 * A Teams meeting is known to the tab by its chat: `app.getContext()` gives the meeting chat's
 * thread id (`chat.id`, `19:meeting_…@thread.v2`) and the meeting id (`meeting.id`, base64 of
 * `0#<thread id>#0`). The join URL Graph returns for the booked event carries the same thread id
 * in its path (`/l/meetup-join/19%3ameeting_…%40thread.v2/0?context=…`), so the three meet there
 * without the meeting-details API, which needs a resource-specific permission.
 */

const THREAD_ID = /^19:meeting_[A-Za-z0-9_=+/-]{1,200}@thread\.(v2|skype)$/;

/** The thread id itself when `value` is one (case kept: the id part is case-sensitive). */
export function asMeetingThreadId(value: string): string | undefined {
  const trimmed = value.trim();
  return THREAD_ID.test(trimmed) ? trimmed : undefined;
}

/** The meeting chat's thread id in a Teams join URL; undefined for other link shapes. */
export function threadIdOfJoinUrl(joinUrl: string): string | undefined {
  let path: string;
  try {
    path = new URL(joinUrl).pathname;
  } catch {
    return undefined;
  }
  const segments = path.split('/');
  const at = segments.indexOf('meetup-join');
  const segment = at === -1 ? undefined : segments[at + 1];
  if (segment === undefined) return undefined;
  try {
    return asMeetingThreadId(decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/** The thread id inside the meeting id Teams puts in the tab's context. */
export function threadIdOfMeetingId(meetingId: string): string | undefined {
  if (!/^[A-Za-z0-9+/=_-]{8,800}$/.test(meetingId)) return undefined;
  const decoded = Buffer.from(meetingId, 'base64').toString('utf8');
  const parts = decoded.split('#');
  if (parts.length !== 3 || parts[0] !== '0') return undefined;
  return asMeetingThreadId(parts[1] ?? '');
}

import {
  MINUTE_MS,
  intersectIntervals,
  mergeIntervals,
  workingIntervals,
  zoneLabel,
  zoneOffsetMinutes,
} from '../calendar-time/index.js';
import type { WorkingHours } from '../calendar-time/index.js';
import type { Participant, SlotSearchFailure } from './slot-search.js';

/**
 * Start times to try, in minutes after the organizer's local midnight: the organizer's grid inside
 * their working hours, plus the grid of the other person when their offset is not a multiple of
 * the step away (Kathmandu, Adelaide), so their own :00 and :30 are tried.
 */
export function startMinutesGrid(o: {
  organizer: WorkingHours;
  otherZone: string;
  step: number;
  durationMinutes: number;
  /** An instant the zones' offsets are read at. */
  at: number;
}): number[] {
  const { organizer: wh, step } = o;
  const shift =
    (((zoneOffsetMinutes(o.otherZone, o.at) - zoneOffsetMinutes(wh.zone, o.at)) % step) + step) %
    step;
  const times: number[] = [];
  for (
    let m = Math.ceil(wh.startMinutes / step) * step;
    m + o.durationMinutes <= wh.endMinutes;
    m += step
  ) {
    times.push(m);
    if (shift !== 0 && m - shift >= wh.startMinutes) times.push(m - shift);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Why no time was found for a pair, in words a person can read: their working hours never
 * overlap by a session's length, or they do but every such time is taken.
 */
export function explainNoSlot(o: {
  mentor: Participant;
  leader: Participant;
  /** Whether some tried time was inside both people's working hours. */
  anyBothWorking: boolean;
  durationMinutes: number;
  rangeStart: number;
  rangeEnd: number;
}): { code: Exclude<SlotSearchFailure, 'invalid-input' | 'unknown-availability'>; reason: string } {
  const { mentor: a, leader: b, rangeStart, rangeEnd, durationMinutes } = o;
  const placeA = zoneLabel(a.workingHours.zone);
  const placeB = zoneLabel(b.workingHours.zone);
  const places =
    placeA === placeB ? `the mentor and the leader in ${placeA}` : `${placeA} and ${placeB}`;
  if (!o.anyBothWorking) {
    const shared = intersectIntervals(
      mergeIntervals(workingIntervals(a.workingHours, rangeStart, rangeEnd)),
      mergeIntervals(workingIntervals(b.workingHours, rangeStart, rangeEnd)),
    );
    const longest = shared.reduce((m, i) => Math.max(m, i.end - i.start), 0) / MINUTE_MS;
    const code = 'no-working-hours-overlap';
    if (longest >= durationMinutes)
      return {
        code,
        reason: `${places} share working time, but no start time of the series keeps every session inside it`,
      };
    if (longest === 0)
      return { code, reason: `no working-hours overlap between ${places} on their working days` };
    return {
      code,
      reason: `working hours in ${places} overlap by at most ${longest} minutes, less than a ${durationMinutes}-minute session`,
    };
  }
  return {
    code: 'no-free-time',
    reason: `no ${durationMinutes}-minute time inside both working hours is free for both in the search period`,
  };
}

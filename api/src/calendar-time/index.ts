// Calendar time: a pure leaf (no store, no Graph) shared by org, matching, scheduling and
// notifications, so the matching score, the slot search and quiet hours read zones and working
// hours the same way.
export {
  DAY_MS,
  MINUTE_MS,
  civilDate,
  epochDay,
  formatLocalDateTime,
  graphTimeZoneName,
  isUsableZone,
  isoDate,
  localToUtc,
  parseIsoDate,
  resolveTimeZone,
  utcToLocal,
  weekdayName,
  weekdayOfEpochDay,
  zoneLabel,
  zoneOffsetMinutes,
} from './time-zones.js';
export {
  coveredBy,
  defaultWorkingHours,
  formatWorkingHours,
  intersectIntervals,
  isWeekday,
  mergeIntervals,
  overlapsAny,
  parseWorkingHours,
  sharedHoursPerWeek,
  workingHoursOf,
  workingIntervals,
} from './working-hours.js';
export type { Interval, Weekday, WorkingHours } from './working-hours.js';
export { DEFAULT_QUIET_HOURS, HH_MM, nextAllowedSend, zoneOrUtc } from './quiet-hours.js';
export type { QuietHours } from './quiet-hours.js';

// Calendar time: a pure leaf (no store, no Graph) shared by org, matching, scheduling and
// notifications, so the matching score, the slot search and quiet hours read zones and working
// hours the same way.
export {
  DAY_MS,
  MINUTE_MS,
  civilDate,
  epochDay,
  fixedOffsetZoneName,
  formatLocalDateTime,
  graphTimeZoneName,
  isUsableZone,
  isoDate,
  localToUtc,
  parseIsoDate,
  parseTimeOfDay,
  resolveTimeZone,
  utcToLocal,
  weekdayFromName,
  weekdayName,
  weekdayOfEpochDay,
  windowsToIana,
  zoneLabel,
  zoneOffsetMinutes,
} from './time-zones.js';
export type {
  CivilDate,
  GraphTimeZone,
  GraphZoneTransition,
  LocalTime,
  ResolveOptions,
  ZoneResolution,
  ZoneSource,
} from './time-zones.js';
export {
  DEFAULT_REFERENCE_WEEK,
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
export type {
  CalendarFacts,
  GraphWorkingHours,
  Interval,
  ParseWorkingHoursOptions,
  Weekday,
  WorkingHours,
  WorkingHoursResult,
} from './working-hours.js';
export { DEFAULT_QUIET_HOURS, HH_MM, nextAllowedSend, zoneOrUtc } from './quiet-hours.js';
export type { QuietHours } from './quiet-hours.js';

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  epochDay,
  fixedOffsetZoneName,
  formatLocalDateTime,
  graphTimeZoneName,
  localToUtc,
  resolveTimeZone,
  utcToLocal,
  windowsToIana,
  zoneLabel,
} from './time-zones.js';
import type { GraphTimeZone } from './time-zones.js';

/** US Pacific written the way Exchange returns it: Windows sign (UTC = local + bias). */
const pacificCustom: GraphTimeZone = {
  '@odata.type': '#microsoft.graph.customTimeZone',
  bias: 480,
  name: 'Customized Time Zone',
  standardOffset: {
    time: '02:00:00.0000000',
    dayOccurrence: 1,
    dayOfWeek: 'sunday',
    month: 11,
    year: 0,
  },
  daylightOffset: {
    daylightBias: -60,
    time: '02:00:00.0000000',
    dayOccurrence: 2,
    dayOfWeek: 'sunday',
    month: 3,
    year: 0,
  },
};

/** Sydney: daylight saving from the first Sunday of October to the first Sunday of April. */
const sydneyCustom: GraphTimeZone = {
  '@odata.type': '#microsoft.graph.customTimeZone',
  bias: -600,
  name: 'Customized Time Zone',
  standardOffset: {
    time: '03:00:00.0000000',
    dayOccurrence: 1,
    dayOfWeek: 'sunday',
    month: 4,
    year: 0,
  },
  daylightOffset: {
    daylightBias: -60,
    time: '02:00:00.0000000',
    dayOccurrence: 1,
    dayOfWeek: 'sunday',
    month: 10,
    year: 0,
  },
};

describe('Windows and IANA names', () => {
  it('maps Windows names to their primary IANA zone, in any case', () => {
    expect(windowsToIana('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(windowsToIana('GMT Standard Time')).toBe('Europe/London');
    expect(windowsToIana('aus eastern standard time')).toBe('Australia/Sydney');
    expect(windowsToIana('Not A Zone')).toBeNull();
  });

  it('prefers current IANA names over the legacy ones CLDR lists first', () => {
    expect(windowsToIana('India Standard Time')).toBe('Asia/Kolkata');
    expect(windowsToIana('Nepal Standard Time')).toBe('Asia/Kathmandu');
  });

  it('accepts names that are already IANA, fixing their spelling', () => {
    expect(resolveTimeZone('Europe/London')).toEqual({ zone: 'Europe/London', source: 'iana' });
    expect(resolveTimeZone('america/new_york')).toEqual({
      zone: 'America/New_York',
      source: 'iana',
    });
    expect(resolveTimeZone({ name: 'Tokyo Standard Time' })).toEqual({
      zone: 'Asia/Tokyo',
      source: 'windows',
    });
  });

  it('reads UTC in the ways Graph writes it', () => {
    for (const name of ['UTC', 'utc', 'Etc/UTC', 'tzone://Microsoft/Utc']) {
      expect(resolveTimeZone(name).zone).toBe('UTC');
    }
    expect(resolveTimeZone('UTC-11').zone).toBe('Etc/GMT+11');
    expect(resolveTimeZone('UTC+05:30')).toEqual({ zone: 'UTC+05:30', source: 'offset' });
  });

  it('answers null with a reason for unknown zones instead of crashing', () => {
    for (const input of [
      'Mars/Olympus_Mons',
      '',
      null,
      undefined,
      42,
      {},
      { name: 7 },
      'tzone://Microsoft/Custom',
    ]) {
      const result = resolveTimeZone(input);
      expect(result.zone).toBeNull();
      expect('reason' in result && result.reason.length > 0).toBe(true);
    }
  });
});

describe('custom time zones', () => {
  it('matches US Pacific rules (Windows bias sign) to America/Los_Angeles', () => {
    expect(resolveTimeZone(pacificCustom, { referenceYear: 2026 })).toMatchObject({
      zone: 'America/Los_Angeles',
      source: 'custom-matched',
    });
  });

  it('matches southern-hemisphere rules to Australia/Sydney', () => {
    expect(resolveTimeZone(sydneyCustom, { referenceYear: 2026 })).toMatchObject({
      zone: 'Australia/Sydney',
      source: 'custom-matched',
    });
  });

  it('keeps the named zone when the name and the rules agree', () => {
    expect(
      resolveTimeZone({ ...pacificCustom, name: 'Pacific Standard Time' }, { referenceYear: 2026 }),
    ).toEqual({
      zone: 'America/Los_Angeles',
      source: 'custom-named',
    });
  });

  it('turns a zone without daylight saving into a fixed offset', () => {
    const india = {
      '@odata.type': '#microsoft.graph.customTimeZone',
      bias: -330,
      name: 'Customized Time Zone',
    };
    expect(resolveTimeZone(india)).toEqual({ zone: 'UTC+05:30', source: 'custom-fixed' });
    // The name is only a label when its zone has other offsets.
    expect(resolveTimeZone({ ...india, name: 'Pacific Standard Time' })).toEqual({
      zone: 'UTC+05:30',
      source: 'custom-fixed',
    });
    expect(resolveTimeZone({ bias: 0 }).zone).toBe('UTC');
    expect(resolveTimeZone({ bias: 480, daylightOffset: { daylightBias: 0, month: 0 } }).zone).toBe(
      'UTC-08:00',
    );
  });

  it('reports daylight-saving rules that match no zone rather than guessing', () => {
    const odd: GraphTimeZone = {
      ...pacificCustom,
      daylightOffset: {
        daylightBias: -60,
        time: '02:00:00',
        dayOccurrence: 2,
        dayOfWeek: 'sunday',
        month: 6,
      },
    };
    const result = resolveTimeZone(odd, { referenceYear: 2026 });
    expect(result.zone).toBeNull();
    expect('reason' in result ? result.reason : '').toMatch(/UTC-08:00 with daylight saving/);
  });

  it('rejects a custom zone without a bias', () => {
    expect(
      resolveTimeZone({ '@odata.type': '#microsoft.graph.customTimeZone', name: 'x' }).zone,
    ).toBeNull();
  });
});

describe('zone names for Graph and people', () => {
  it('writes luxon fixed-offset names', () => {
    expect(fixedOffsetZoneName(330)).toBe('UTC+05:30');
    expect(fixedOffsetZoneName(-480)).toBe('UTC-08:00');
    expect(fixedOffsetZoneName(0)).toBe('UTC');
  });

  it('gives Graph a named zone for fixed offsets', () => {
    expect(graphTimeZoneName('Europe/London')).toBe('Europe/London');
    expect(graphTimeZoneName('UTC')).toBe('UTC');
    expect(graphTimeZoneName('UTC+03:00')).toBe('Etc/GMT-3');
    expect(graphTimeZoneName('UTC-08:00')).toBe('Etc/GMT+8');
    expect(graphTimeZoneName('UTC+05:30')).toBe('Asia/Kolkata');
    expect(graphTimeZoneName('UTC+05:17')).toBeNull();
  });

  it('labels zones by their city', () => {
    expect(zoneLabel('America/New_York')).toBe('New York');
    expect(zoneLabel('UTC+05:30')).toBe('UTC+05:30');
  });
});

describe('wall-clock arithmetic', () => {
  it('follows the clock changes of both hemispheres', () => {
    const london = (d: string, m: number): string =>
      new Date(
        localToUtc(
          'Europe/London',
          epochDay(...(d.split('-').map(Number) as [number, number, number])),
          m,
        ),
      ).toISOString();
    expect(london('2026-03-28', 9 * 60)).toBe('2026-03-28T09:00:00.000Z');
    expect(london('2026-03-29', 9 * 60)).toBe('2026-03-29T08:00:00.000Z');
    expect(london('2026-10-25', 9 * 60)).toBe('2026-10-25T09:00:00.000Z');
    const sydney = localToUtc('Australia/Sydney', epochDay(2026, 4, 6), 9 * 60);
    expect(new Date(sydney).toISOString()).toBe('2026-04-05T23:00:00.000Z');
    expect(formatLocalDateTime('Australia/Sydney', sydney)).toBe('2026-04-06T09:00:00');
  });

  it('agrees with luxon on thousands of local and UTC times, gaps and overlaps included', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'UTC+05:30',
    ];
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 3000; i++) {
      const zone = zones[i % zones.length] as string;
      const day = epochDay(2026, 1, 1) + Math.floor(rand() * 730);
      const minutes = Math.floor(rand() * 96) * 15;
      const { year, month, day: dom } = DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' });
      const expected = DateTime.fromObject(
        { year, month, day: dom, hour: Math.floor(minutes / 60), minute: minutes % 60 },
        { zone },
      ).toMillis();
      expect(localToUtc(zone, day, minutes)).toBe(expected);
      const back = DateTime.fromMillis(expected, { zone });
      const local = utcToLocal(zone, expected);
      expect(local.minutes).toBe(back.hour * 60 + back.minute);
      expect(local.weekday).toBe(back.weekday);
    }
  });
});

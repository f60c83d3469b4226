/** The demo company's offices: both hemispheres, DST and no-DST zones, Windows zone names. */
export interface Office {
  city: string;
  country: string;
  usageLocation: string;
  /** The mailbox time zone as Exchange stores it (a Windows name). */
  windowsTimeZone: string;
  ianaTimeZone: string;
  locale: string;
  languageName: string;
  /** Share of the headcount, relative. */
  weight: number;
  /** UTC offset in minutes when the zone has no DST, for the custom-bias working hours. */
  fixedOffsetMinutes?: number;
}

export const OFFICES: readonly Office[] = [
  {
    city: 'London',
    country: 'United Kingdom',
    usageLocation: 'GB',
    windowsTimeZone: 'GMT Standard Time',
    ianaTimeZone: 'Europe/London',
    locale: 'en-GB',
    languageName: 'English (United Kingdom)',
    weight: 16,
  },
  {
    city: 'New York',
    country: 'United States',
    usageLocation: 'US',
    windowsTimeZone: 'Eastern Standard Time',
    ianaTimeZone: 'America/New_York',
    locale: 'en-US',
    languageName: 'English (United States)',
    weight: 18,
  },
  {
    city: 'Seattle',
    country: 'United States',
    usageLocation: 'US',
    windowsTimeZone: 'Pacific Standard Time',
    ianaTimeZone: 'America/Los_Angeles',
    locale: 'en-US',
    languageName: 'English (United States)',
    weight: 16,
  },
  {
    city: 'Bengaluru',
    country: 'India',
    usageLocation: 'IN',
    windowsTimeZone: 'India Standard Time',
    ianaTimeZone: 'Asia/Kolkata',
    locale: 'en-IN',
    languageName: 'English (India)',
    weight: 14,
    fixedOffsetMinutes: 330,
  },
  {
    city: 'Singapore',
    country: 'Singapore',
    usageLocation: 'SG',
    windowsTimeZone: 'Singapore Standard Time',
    ianaTimeZone: 'Asia/Singapore',
    locale: 'en-SG',
    languageName: 'English (Singapore)',
    weight: 7,
    fixedOffsetMinutes: 480,
  },
  {
    city: 'Sydney',
    country: 'Australia',
    usageLocation: 'AU',
    windowsTimeZone: 'AUS Eastern Standard Time',
    ianaTimeZone: 'Australia/Sydney',
    locale: 'en-AU',
    languageName: 'English (Australia)',
    weight: 9,
  },
  {
    city: 'São Paulo',
    country: 'Brazil',
    usageLocation: 'BR',
    windowsTimeZone: 'E. South America Standard Time',
    ianaTimeZone: 'America/Sao_Paulo',
    locale: 'pt-BR',
    languageName: 'Portuguese (Brazil)',
    weight: 8,
    fixedOffsetMinutes: -180,
  },
  {
    city: 'Berlin',
    country: 'Germany',
    usageLocation: 'DE',
    windowsTimeZone: 'W. Europe Standard Time',
    ianaTimeZone: 'Europe/Berlin',
    locale: 'de-DE',
    languageName: 'German (Germany)',
    weight: 9,
  },
  {
    city: 'Auckland',
    country: 'New Zealand',
    usageLocation: 'NZ',
    windowsTimeZone: 'New Zealand Standard Time',
    ianaTimeZone: 'Pacific/Auckland',
    locale: 'en-NZ',
    languageName: 'English (New Zealand)',
    weight: 3,
  },
];

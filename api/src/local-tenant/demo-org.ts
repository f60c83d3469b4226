// Long on purpose: the deterministic generator of the demo organisation; its tables of names, levels and offices are data, not logic.
import { OFFICES, type Office } from './offices.js';
import { createRng, guidFrom, type Rng } from './prng.js';

export const DEMO_DOMAIN = 'contoso.example';

export type CareerLevel =
  | 'ceo'
  | 'executive'
  | 'vp'
  | 'director'
  | 'manager'
  | 'principal'
  | 'senior'
  | 'mid'
  | 'associate'
  | 'graduate'
  | 'intern';

export type DayOfWeek =
  'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

/** Graph's customTimeZone: a bias in minutes (ahead of UTC is positive) and DST transitions. */
export interface CustomTimeZone {
  '@odata.type': '#microsoft.graph.customTimeZone';
  bias: number;
  name: string;
  standardOffset: TimeZoneTransition;
  daylightOffset: TimeZoneTransition & { daylightBias: number };
}

export interface TimeZoneTransition {
  time: string;
  dayOccurrence: number;
  dayOfWeek: DayOfWeek;
  month: number;
  year: number;
}

export interface WorkingHours {
  daysOfWeek: DayOfWeek[];
  startTime: string;
  endTime: string;
  timeZone: { name: string } | CustomTimeZone;
}

export interface MailboxProfile {
  /** Windows name mostly, a few already IANA, as Exchange returns them. */
  timeZone: string;
  workingHours: WorkingHours;
  language: { locale: string; displayName: string };
  dateFormat: string;
  timeFormat: string;
  /**
   * Graph's `mailboxSettings.userPurpose` (user when absent): rooms, equipment and shared
   * mailboxes are user objects in the directory too.
   */
  userPurpose?: 'user' | 'linked' | 'shared' | 'room' | 'equipment' | 'others';
  /** False: a directory account with no Exchange mailbox; its mailbox paths answer 404. */
  exists?: boolean;
}

export interface DemoPerson {
  index: number;
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string;
  userPrincipalName: string;
  jobTitle: string;
  department: string;
  officeLocation: string;
  city: string;
  country: string;
  usageLocation: string;
  employeeId: string;
  employeeType: 'Employee' | 'Intern' | 'Contractor';
  /** ISO instant, or null where HR never filled it in. */
  employeeHireDate: string | null;
  accountEnabled: boolean;
  managerId: string | null;
  level: CareerLevel;
  mailbox: MailboxProfile;
  /** getSchedule answers an error item for this mailbox. */
  freeBusyError: boolean;
  /** Holds the Program.Admin app role in user tokens. */
  programAdmin: boolean;
}

export interface DemoOrg {
  seed: number;
  domain: string;
  people: DemoPerson[];
  ceoId: string;
  programAdminIds: string[];
  freeBusyErrorIds: string[];
  /** People other than the CEO with no manager: the data problem sync must report. */
  withoutManagerIds: string[];
  /** The two people made each other's manager when `managerLoop` is asked for. */
  managerLoopIds: string[];
}

export interface DemoOrgOptions {
  people: number;
  seed: number;
  /** Make two managers report to each other, for tests of loop detection. */
  managerLoop?: boolean;
}

interface Department {
  name: string;
  weight: number;
  headTitle: string;
  ic: string;
  manager: string;
  intern: string;
  graduate: string;
}

const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Engineering',
    weight: 30,
    headTitle: 'Chief Technology Officer',
    ic: 'Software Engineer',
    manager: 'Engineering Manager',
    intern: 'Software Engineering Intern',
    graduate: 'Graduate Software Engineer',
  },
  {
    name: 'Sales',
    weight: 15,
    headTitle: 'Chief Revenue Officer',
    ic: 'Account Executive',
    manager: 'Sales Manager',
    intern: 'Sales Intern',
    graduate: 'Graduate Sales Associate',
  },
  {
    name: 'Customer Success',
    weight: 10,
    headTitle: 'Chief Customer Officer',
    ic: 'Customer Success Manager',
    manager: 'Customer Success Team Lead',
    intern: 'Customer Success Intern',
    graduate: 'Graduate Customer Success Associate',
  },
  {
    name: 'Product',
    weight: 7,
    headTitle: 'Chief Product Officer',
    ic: 'Product Manager',
    manager: 'Group Product Manager',
    intern: 'Product Management Intern',
    graduate: 'Graduate Product Analyst',
  },
  {
    name: 'Marketing',
    weight: 8,
    headTitle: 'Chief Marketing Officer',
    ic: 'Marketing Specialist',
    manager: 'Marketing Manager',
    intern: 'Marketing Intern',
    graduate: 'Graduate Marketing Associate',
  },
  {
    name: 'Operations',
    weight: 10,
    headTitle: 'Chief Operating Officer',
    ic: 'Operations Analyst',
    manager: 'Operations Manager',
    intern: 'Operations Intern',
    graduate: 'Graduate Operations Analyst',
  },
  {
    name: 'Finance',
    weight: 8,
    headTitle: 'Chief Financial Officer',
    ic: 'Financial Analyst',
    manager: 'Finance Manager',
    intern: 'Finance Intern',
    graduate: 'Graduate Financial Analyst',
  },
  {
    name: 'HR',
    weight: 7,
    headTitle: 'Chief People Officer',
    ic: 'HR Business Partner',
    manager: 'HR Manager',
    intern: 'HR Intern',
    graduate: 'Graduate HR Associate',
  },
  {
    name: 'Legal',
    weight: 5,
    headTitle: 'General Counsel',
    ic: 'Legal Counsel',
    manager: 'Legal Manager',
    intern: 'Legal Intern',
    graduate: 'Graduate Paralegal',
  },
];

const GIVEN_NAMES = [
  'Aisha',
  'Akira',
  'Alejandro',
  'Amara',
  'Ananya',
  'Anders',
  'Arjun',
  'Beatriz',
  'Bongani',
  'Camila',
  'Chen',
  'Chloé',
  'Daniel',
  'Dmitri',
  'Elif',
  'Emeka',
  'Emma',
  'Fatima',
  'Freya',
  'Gabriel',
  'Grace',
  'Hana',
  'Hiroshi',
  'Ines',
  'Isabella',
  'Jamal',
  'Javier',
  'Jin',
  'Joaquín',
  'Kai',
  'Kavya',
  'Kwame',
  'Lars',
  'Layla',
  'Leilani',
  'Liam',
  'Lucía',
  'Mateo',
  'Maya',
  'Mei',
  'Mohammed',
  'Nadia',
  'Naledi',
  'Noah',
  'Nora',
  'Olivia',
  'Omar',
  'Priya',
  'Rafael',
  'Rahul',
  'Rangi',
  'Rosa',
  'Ruth',
  'Sakura',
  'Samuel',
  'Sofia',
  'Sven',
  'Tariq',
  'Thandiwe',
  'Tomás',
  'Valentina',
  'Wei',
  'Yara',
  'Yusuf',
  'Zainab',
  'Zoë',
];

const SURNAMES = [
  'Abebe',
  'Adeyemi',
  'Ahmed',
  'Andersson',
  'Bauer',
  'Brown',
  'Chatterjee',
  'Chen',
  'Costa',
  'Dlamini',
  'Dubois',
  'Fernández',
  'Fischer',
  'García',
  'Gupta',
  'Haddad',
  'Hansen',
  'Ito',
  'Iyer',
  'Jensen',
  'Kim',
  'Kowalski',
  'Kumar',
  'Lee',
  'Li',
  'López',
  'Martin',
  'Mensah',
  'Mohamed',
  'Moreau',
  'Müller',
  'Nakamura',
  'Nguyen',
  'Novak',
  "O'Brien",
  'Okafor',
  'Oliveira',
  'Park',
  'Patel',
  'Pereira',
  'Petrov',
  'Rahman',
  'Reddy',
  'Rossi',
  'Santos',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Suzuki',
  'Tan',
  'Taylor',
  'Te Aho',
  'Walker',
  'Wang',
  'Williams',
  'Wong',
  'Yamamoto',
  'Yilmaz',
  'Zhang',
];

const WEEKDAYS: DayOfWeek[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
/** Hire dates are relative to a fixed day so the organisation does not drift with the clock. */
const HIRE_REFERENCE_MS = Date.UTC(2025, 8, 1);
const DAY_MS = 86_400_000;

const asciiCache = new Map<string, string>();

function asciiLocal(s: string): string {
  let out = asciiCache.get(s);
  if (out === undefined) {
    out = s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    asciiCache.set(s, out);
  }
  return out;
}

const workingHoursCache = new Map<string, WorkingHours>();

/** Shared objects: a 100,000-person org reuses a few dozen working-hours values. */
function workingHours(
  days: DayOfWeek[],
  start: string,
  end: string,
  timeZone: WorkingHours['timeZone'],
): WorkingHours {
  const key = `${days.join()}|${start}|${end}|${JSON.stringify(timeZone)}`;
  let wh = workingHoursCache.get(key);
  if (wh === undefined) {
    wh = {
      daysOfWeek: days,
      startTime: `${start}:00.0000000`,
      endTime: `${end}:00.0000000`,
      timeZone,
    };
    workingHoursCache.set(key, wh);
  }
  return wh;
}

function customZone(office: Office, offset: number): CustomTimeZone {
  const noTransition: TimeZoneTransition = {
    time: '00:00:00.0000000',
    dayOccurrence: 0,
    dayOfWeek: 'sunday',
    month: 0,
    year: 0,
  };
  return {
    '@odata.type': '#microsoft.graph.customTimeZone',
    bias: offset,
    name: `Customized Time Zone (${office.city})`,
    standardOffset: noTransition,
    daylightOffset: { ...noTransition, daylightBias: 0 },
  };
}

const mailboxCache = new Map<string, MailboxProfile>();

function mailboxFor(office: Office, rng: Rng): MailboxProfile {
  const r = rng.next();
  // Most mailboxes carry the Windows name; a few tenants have already written IANA names.
  const timeZone = rng.next() < 0.06 ? office.ianaTimeZone : office.windowsTimeZone;
  const key = `${office.city}|${timeZone}|${r < 0.19 ? Math.floor(r * 100) : 'std'}`;
  const cached = mailboxCache.get(key);
  if (cached !== undefined) return cached;
  let days = WEEKDAYS;
  let start = '09:00';
  let end = '17:00';
  let zone: WorkingHours['timeZone'] = { name: timeZone };
  if (r < 0.08) [start, end] = ['08:00', '16:00'];
  else if (r < 0.12) [start, end] = ['10:00', '18:00'];
  else if (r < 0.15) [start, end] = ['08:30', '17:30'];
  else if (r < 0.17) days = ['monday', 'tuesday', 'wednesday', 'thursday'];
  else if (r < 0.19 && office.fixedOffsetMinutes !== undefined) {
    zone = customZone(office, office.fixedOffsetMinutes);
  }
  let profile = mailboxCache.get(key);
  if (profile === undefined) {
    profile = {
      timeZone,
      workingHours: workingHours(days, start, end, zone),
      language: { locale: office.locale, displayName: office.languageName },
      dateFormat: office.locale === 'en-US' ? 'M/d/yyyy' : 'dd/MM/yyyy',
      timeFormat: office.locale === 'en-US' ? 'h:mm tt' : 'HH:mm',
    };
    mailboxCache.set(key, profile);
  }
  return profile;
}

const totals = new WeakMap<readonly unknown[], number>();

function weightedPick<T extends { weight: number }>(items: readonly T[], rng: Rng): T {
  let total = totals.get(items);
  if (total === undefined) {
    total = items.reduce((s, i) => s + i.weight, 0);
    totals.set(items, total);
  }
  let x = rng.next() * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  const last = items[items.length - 1];
  if (last === undefined) throw new Error('empty weighted list');
  return last;
}

const IC_LEVELS: readonly { level: CareerLevel; weight: number }[] = [
  { level: 'intern', weight: 6 },
  { level: 'graduate', weight: 8 },
  { level: 'associate', weight: 18 },
  { level: 'mid', weight: 33 },
  { level: 'senior', weight: 25 },
  { level: 'principal', weight: 10 },
];

function titleFor(level: CareerLevel, d: Department): string {
  switch (level) {
    case 'ceo':
      return 'Chief Executive Officer';
    case 'executive':
      return d.headTitle;
    case 'vp':
      return `Vice President, ${d.name}`;
    case 'director':
      return `Director of ${d.name}`;
    case 'manager':
      return d.manager;
    case 'principal':
      return `Principal ${d.ic}`;
    case 'senior':
      return `Senior ${d.ic}`;
    case 'mid':
      return d.ic;
    case 'associate':
      return `Associate ${d.ic}`;
    case 'graduate':
      return d.graduate;
    case 'intern':
      return d.intern;
  }
}

function hireDate(level: CareerLevel, rng: Rng): string | null {
  if (rng.next() < 0.04) return null;
  let daysBack: number;
  if (level === 'intern') daysBack = 10 + rng.int(170);
  else if (level === 'graduate') daysBack = 30 + rng.int(500);
  else if (level === 'associate') daysBack = 180 + rng.int(900);
  else if (level === 'ceo' || level === 'executive') daysBack = 1500 + rng.int(6000);
  else daysBack = 365 + rng.int(5000);
  return new Date(HIRE_REFERENCE_MS - daysBack * DAY_MS).toISOString().replace('.000Z', 'Z');
}

/**
 * The demo organisation for (people, seed): a CEO, a C-level head per department, VPs,
 * directors, managers and individual contributors from principal down to interns, spread over
 * offices in both hemispheres. Pure and deterministic; managers always come before their
 * reports in `people`.
 */
export function generateDemoOrg(opts: DemoOrgOptions): DemoOrg {
  const total = Math.max(1, Math.floor(opts.people));
  const rng = createRng(opts.seed);
  const people: DemoPerson[] = [];
  const usedMail = new Map<string, number>();
  const officeOf = new Map<string, Office>();

  const add = (level: CareerLevel, d: Department, manager: DemoPerson | undefined): DemoPerson => {
    const index = people.length;
    const givenName = rng.pick(GIVEN_NAMES);
    const surname = rng.pick(SURNAMES);
    const base = `${asciiLocal(givenName)}.${asciiLocal(surname)}`;
    const seen = usedMail.get(base) ?? 0;
    usedMail.set(base, seen + 1);
    const local = seen === 0 ? base : `${base}${seen + 1}`;
    const office =
      manager !== undefined && rng.next() < 0.6
        ? (officeOf.get(manager.id) ?? weightedPick(OFFICES, rng))
        : weightedPick(OFFICES, rng);
    const mail = `${local}@${DEMO_DOMAIN}`;
    const person: DemoPerson = {
      index,
      id: guidFrom(opts.seed, index, 0x05e2),
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      mail,
      userPrincipalName: mail,
      jobTitle: titleFor(level, d),
      department: level === 'ceo' ? 'Executive' : d.name,
      officeLocation: office.city,
      city: office.city,
      country: office.country,
      usageLocation: office.usageLocation,
      employeeId: String(100000 + index),
      employeeType: level === 'intern' ? 'Intern' : 'Employee',
      employeeHireDate: hireDate(level, rng),
      accountEnabled: true,
      managerId: manager?.id ?? null,
      level,
      mailbox: mailboxFor(office, rng),
      freeBusyError: false,
      programAdmin: false,
    };
    people.push(person);
    officeOf.set(person.id, office);
    return person;
  };

  const firstDepartment = DEPARTMENTS[0];
  if (firstDepartment === undefined) throw new Error('no departments');
  const ceo = add('ceo', firstDepartment, undefined);

  const headCount = Math.min(DEPARTMENTS.length, total - 1);
  const departments = DEPARTMENTS.slice(0, headCount);
  const weightSum = departments.reduce((s, d) => s + d.weight, 0);
  let remaining = total - 1 - headCount;
  const sizes = departments.map((d, i) => {
    const size =
      i === departments.length - 1
        ? remaining
        : Math.floor(((total - 1 - headCount) * d.weight) / weightSum);
    remaining -= i === departments.length - 1 ? 0 : size;
    return size;
  });

  const byDepartment = new Map<string, DemoPerson[]>();
  departments.forEach((d, i) => {
    const head = add('executive', d, ceo);
    const members: DemoPerson[] = [head];
    const r = sizes[i] ?? 0;
    const managers = r >= 4 ? Math.max(1, Math.round(r / 8)) : 0;
    const directors = r >= 20 ? Math.max(1, Math.round(r / 45)) : 0;
    const vps = r >= 60 ? Math.max(1, Math.round(r / 180)) : 0;
    const ics = r - managers - directors - vps;
    const vpList: DemoPerson[] = [];
    for (let k = 0; k < vps; k++) vpList.push(add('vp', d, head));
    const directorList: DemoPerson[] = [];
    for (let k = 0; k < directors; k++) {
      directorList.push(add('director', d, vpList.length > 0 ? rng.pick(vpList) : head));
    }
    const managerList: DemoPerson[] = [];
    for (let k = 0; k < managers; k++) {
      const above = directorList.length > 0 ? directorList : vpList.length > 0 ? vpList : [head];
      managerList.push(add('manager', d, rng.pick(above)));
    }
    members.push(...vpList, ...directorList, ...managerList);
    for (let k = 0; k < ics; k++) {
      const level = weightedPick(IC_LEVELS, rng).level;
      const above = managerList.length > 0 ? managerList : [head];
      members.push(add(level, d, rng.pick(above)));
    }
    byDepartment.set(d.name, members);
  });

  // A few HR people (the head if HR is tiny) run the program.
  const hr = byDepartment.get('HR') ?? [];
  const admins = (hr.length > 3 ? hr.slice(1, 4) : hr).slice(0, 3);
  for (const a of admins) a.programAdmin = true;

  const ics = people.filter(
    (p) => !['ceo', 'executive', 'vp', 'director', 'manager'].includes(p.level) && !p.programAdmin,
  );
  const spread = (count: number, salt: number): DemoPerson[] => {
    const chosen: DemoPerson[] = [];
    if (ics.length === 0) return chosen;
    for (let k = 0; k < count; k++) {
      const p = ics[(k * 7919 + salt * 104729 + opts.seed) % ics.length];
      if (p !== undefined && !chosen.includes(p)) chosen.push(p);
    }
    return chosen;
  };

  const errorMailboxes = total >= 10 ? spread(2, 1) : [];
  for (const p of errorMailboxes) p.freeBusyError = true;

  const orphans =
    total >= 20
      ? spread(Math.max(2, Math.floor(total / 150)), 2).filter((p) => !p.freeBusyError)
      : [];
  for (const p of orphans) p.managerId = null;

  const managerLoopIds: string[] = [];
  if (opts.managerLoop === true) {
    const manager = people.find((p) => p.level === 'manager');
    const above =
      manager === undefined ? undefined : people.find((p) => p.id === manager.managerId);
    if (manager !== undefined && above !== undefined && above.level !== 'ceo') {
      above.managerId = manager.id;
      managerLoopIds.push(above.id, manager.id);
    }
  }

  return {
    seed: opts.seed,
    domain: DEMO_DOMAIN,
    people,
    ceoId: ceo.id,
    programAdminIds: admins.map((a) => a.id),
    freeBusyErrorIds: errorMailboxes.map((p) => p.id),
    withoutManagerIds: orphans.map((p) => p.id),
    managerLoopIds,
  };
}

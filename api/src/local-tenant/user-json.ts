import type { DemoPerson } from './demo-org.js';
import { badRequest, GraphError } from './graph-error.js';

type Getter = (p: DemoPerson) => unknown;

const USER_PROPERTIES: Record<string, Getter> = {
  id: (p) => p.id,
  accountEnabled: (p) => p.accountEnabled,
  businessPhones: () => [],
  city: (p) => p.city,
  companyName: () => 'Contoso',
  country: (p) => p.country,
  department: (p) => p.department,
  displayName: (p) => p.displayName,
  employeeHireDate: (p) => p.employeeHireDate,
  employeeId: (p) => p.employeeId,
  employeeType: (p) => p.employeeType,
  givenName: (p) => p.givenName,
  jobTitle: (p) => p.jobTitle,
  mail: (p) => p.mail,
  mailNickname: (p) => p.mail.split('@')[0],
  mobilePhone: () => null,
  officeLocation: (p) => p.officeLocation,
  preferredLanguage: (p) => p.mailbox.language.locale,
  surname: (p) => p.surname,
  usageLocation: (p) => p.usageLocation,
  userPrincipalName: (p) => p.userPrincipalName,
  userType: () => 'Member',
};

/** What `/users` answers without `$select`. */
export const DEFAULT_USER_SELECT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

export interface UserSelect {
  properties: string[];
  manager: boolean;
  mailboxSettings: boolean;
}

/** Parses `$select` for users; unknown properties are a 400 as on Graph. */
export function parseUserSelect(
  value: string | undefined,
  o: { allowManager?: boolean } = {},
): UserSelect {
  if (value === undefined || value.trim() === '')
    return { properties: DEFAULT_USER_SELECT, manager: false, mailboxSettings: false };
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const props: string[] = [];
  let manager = false;
  let mailboxSettings = false;
  for (const name of names) {
    const key = Object.keys(USER_PROPERTIES).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) {
      if (!props.includes(key)) props.push(key);
    } else if (name.toLowerCase() === 'manager' && o.allowManager === true) manager = true;
    else if (name.toLowerCase() === 'mailboxsettings') mailboxSettings = true;
    else
      throw badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
        'Request_BadRequest',
      );
  }
  if (!props.includes('id')) props.push('id');
  return { properties: props, manager, mailboxSettings };
}

export function projectUser(p: DemoPerson, properties: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of properties) {
    const get = USER_PROPERTIES[name];
    if (get !== undefined) out[name] = get(p);
  }
  return out;
}

/**
 * A minimal `$filter`: `prop eq value` clauses joined by `and`, `startswith(prop,'x')` and
 * `id in ('a','b')`. Anything else is refused like an unsupported query.
 */
export function parseUserFilter(
  filter: string | undefined,
): ((p: DemoPerson) => boolean) | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const clauses = filter.split(/\s+and\s+/i);
  const tests = clauses.map((clause): ((p: DemoPerson) => boolean) => {
    const c = clause.trim();
    const unsupported = (): GraphError =>
      badRequest(
        `Unsupported or invalid query filter clause specified: '${c}'.`,
        'Request_UnsupportedQuery',
      );
    const prop = (name: string): Getter => {
      const key = Object.keys(USER_PROPERTIES).find((k) => k.toLowerCase() === name.toLowerCase());
      const get = key === undefined ? undefined : USER_PROPERTIES[key];
      if (get === undefined) throw unsupported();
      return get;
    };
    const literal = (text: string): unknown => {
      const t = text.trim();
      if (t === 'true' || t === 'false') return t === 'true';
      if (t === 'null') return null;
      const m = /^'((?:[^']|'')*)'$/.exec(t);
      if (m?.[1] === undefined) throw unsupported();
      return m[1].replace(/''/g, "'");
    };
    const same = (a: unknown, b: unknown): boolean =>
      typeof a === 'string' && typeof b === 'string'
        ? a.toLowerCase() === b.toLowerCase()
        : a === b;
    let m = /^(\w+)\s+eq\s+(.+)$/i.exec(c);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      const get = prop(m[1]);
      const value = literal(m[2]);
      return (p) => same(get(p), value);
    }
    m = /^startswith\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(c);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      const get = prop(m[1]);
      const value = String(literal(m[2])).toLowerCase();
      return (p) =>
        String(get(p) ?? '')
          .toLowerCase()
          .startsWith(value);
    }
    m = /^(\w+)\s+in\s+\((.*)\)$/i.exec(c);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      const get = prop(m[1]);
      const values = m[2].split(',').map((v) => literal(v));
      return (p) => values.some((v) => same(get(p), v));
    }
    throw unsupported();
  });
  return (p) => tests.every((t) => t(p));
}

export function notImplementedMailboxSettings(): GraphError {
  return new GraphError(
    501,
    'NotImplemented',
    "This operation target is not yet supported: mailboxSettings can't be selected on a collection of users; read it per user.",
  );
}

/** URL handling for a Graph base URL that may be real Graph over https or the local tenant over http. */

export interface GraphBase {
  /** `https://graph.microsoft.com/v1.0` without a trailing slash. */
  baseUrl: string;
  /** What the SDK calls the base URL: scheme, host and any path prefix before the version. */
  host: string;
  /** The last path segment, e.g. `v1.0` (empty when the base URL has no path). */
  version: string;
  /** Host and port, for the SDK's `customHosts`. */
  hostname: string;
}

export function parseGraphBase(baseUrl: string): GraphBase {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Graph base URL must be http(s): ${baseUrl}`);
  }
  const segments = url.pathname.split('/').filter((s) => s.length > 0);
  const version = segments.pop() ?? '';
  const prefix = segments.length > 0 ? `/${segments.join('/')}` : '';
  const host = `${url.origin}${prefix}`;
  return {
    baseUrl: version === '' ? host : `${host}/${version}`,
    host,
    version,
    hostname: url.host,
  };
}

/**
 * A path the SDK can take for this base: relative (`/users/x`) as is; an absolute link
 * (`@odata.nextLink`, `@odata.deltaLink`) under the base URL made relative, because the SDK
 * only understands absolute https URLs and would mangle the local tenant's http ones.
 */
export function toRelativePath(base: GraphBase, pathOrUrl: string): string {
  if (!/^https?:\/\//i.test(pathOrUrl)) {
    return pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`;
  }
  const url = new URL(pathOrUrl);
  const baseUrl = new URL(base.baseUrl);
  const basePath = `${baseUrl.pathname.replace(/\/+$/, '')}/`;
  if (sameServer(url, baseUrl) && url.pathname.toLowerCase().startsWith(basePath.toLowerCase())) {
    return `/${url.pathname.slice(basePath.length)}${url.search}`;
  }
  throw new TypeError(`Refusing to follow a link outside the Graph base URL: ${url.origin}`);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Same origin, counting the loopback names as one (the local tenant may build links with either). */
function sameServer(a: URL, b: URL): boolean {
  if (a.origin.toLowerCase() === b.origin.toLowerCase()) return true;
  return (
    a.protocol === b.protocol &&
    a.port === b.port &&
    LOOPBACK.has(a.hostname.toLowerCase()) &&
    LOOPBACK.has(b.hostname.toLowerCase())
  );
}

export type QueryValue = string | number | boolean | undefined;

/** `?a=1&b=2` with values URL-encoded; undefined values left out. Keys are OData names like `$select`. */
export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parts.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Appends a query to a path that may already carry one (a nextLink). */
export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  const q = buildQuery(query);
  if (q === '') return path;
  return path.includes('?') ? `${path}&${q.slice(1)}` : `${path}${q}`;
}

/**
 * Builds a path from literal parts and values; every value is one URL-encoded segment.
 * Event ids contain `+`, `/` and `=`, which would otherwise split or corrupt the path.
 */
export function graphPath(strings: TemplateStringsArray, ...values: string[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += encodeURIComponent(value) + (strings[i + 1] ?? '');
  });
  return out;
}

const NOT_A_MAILBOX = new Set(['delta', 'delta()', '$count']);

/**
 * The mailbox a request touches: the user id or UPN right after `/users/`, lower-cased.
 * Undefined for requests that are not about one mailbox (`/users`, `/users/delta`, `$batch`).
 */
export function mailboxKey(url: string): string | undefined {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0] ?? '';
  const match = /\/users\/([^/]+)/i.exec(path);
  if (match === null) return undefined;
  let key = match[1] ?? '';
  try {
    key = decodeURIComponent(key);
  } catch {
    // A malformed escape still names one mailbox; keep it raw.
  }
  key = key.toLowerCase();
  return key === '' || NOT_A_MAILBOX.has(key) ? undefined : key;
}

/**
 * JSON text that depends on a value's content only: object members sorted by key (code-unit
 * order) and those holding `undefined` left out, so the same content hashes the same however it
 * was built. Anything else prints as `JSON.stringify` prints it, an `undefined` (at the top or in
 * an array) as `null`.
 *
 * Stored hashes rest on this definition (a guide track's `contentHash`, an Idempotency-Key's
 * request fingerprint): changing it changes them.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

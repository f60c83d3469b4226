import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonical JSON (what stored hashes are computed over)', () => {
  it('prints members in key order at every depth, so the order a value was built in does not matter', () => {
    const one = { b: [1, { d: null, c: 'x' }], a: true };
    const other = { a: true, b: [1, { c: 'x', d: null }] };
    expect(canonicalJson(one)).toBe('{"a":true,"b":[1,{"c":"x","d":null}]}');
    expect(canonicalJson(other)).toBe(canonicalJson(one));
  });

  it('leaves out members holding undefined, as JSON does, and keeps array positions', () => {
    expect(canonicalJson({ a: 1, gone: undefined })).toBe('{"a":1}');
    expect(canonicalJson([1, undefined, 'z'])).toBe(JSON.stringify([1, undefined, 'z']));
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('reads back as the same value', () => {
    const value = { when: '2026-12-04T10:00:00.000Z', n: -1.5, s: 'ä "q"', list: [[], {}] };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

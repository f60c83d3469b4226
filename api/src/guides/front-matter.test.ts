import { describe, expect, it } from 'vitest';
import { FrontMatterError, parseDocument, parseFrontMatter } from './front-matter.js';

function failureLine(text: string): number {
  try {
    parseDocument(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return error.line;
    throw error;
  }
  throw new Error('expected a FrontMatterError');
}

describe('front matter', () => {
  it('reads nested maps, lists, folded and literal blocks, quoted and numeric values', () => {
    const doc = parseDocument(
      [
        '---',
        '# a comment',
        'title: "Hello: world #1"',
        'minutes: 45',
        'version: 2026.1',
        'quoted: "say \\"hi\\""',
        "single: 'it''s'",
        'goal: >',
        '  first line',
        '  second line',
        '',
        '  new paragraph',
        'code: |',
        '  a',
        '    b',
        'preWork:',
        '  mentor:',
        '    - one item that',
        '      continues here',
        '    - two',
        '',
        '  leader:',
        '    - three',
        '---',
        '',
        '## Body',
        '',
      ].join('\n'),
    );
    expect(doc.data).toEqual({
      title: 'Hello: world #1',
      minutes: 45,
      version: '2026.1',
      quoted: 'say "hi"',
      single: "it's",
      goal: 'first line second line\nnew paragraph',
      code: 'a\n  b',
      preWork: { mentor: ['one item that continues here', 'two'], leader: ['three'] },
    });
    expect(doc.body).toBe('## Body');
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    expect(parseDocument('\uFEFF---\r\nkey: value\r\n---\r\nbody').data).toEqual({ key: 'value' });
  });

  it('points at the offending line of the file', () => {
    expect(failureLine('---\na: 1\na: 2\n---\n')).toBe(3);
    expect(failureLine('---\nlist:\n  - one\n two: 2\n---\n')).toBe(4);
    expect(failureLine('---\nkey:\n\t- tabbed\n---\n')).toBe(3);
    expect(failureLine('---\nok: 1\nanchor: &a x\n---\n')).toBe(3);
    expect(failureLine('---\nok: 1\nnot a key\n---\n')).toBe(3);
    expect(failureLine('---\nq: "open\n---\n')).toBe(2);
    expect(failureLine('---\nflow: [a, b]\n---\n')).toBe(2);
    expect(failureLine('---\nempty:\nnext: 1\n---\n')).toBe(2);
    expect(failureLine('---\nblock: >\nnext: 1\n---\n')).toBe(2);
  });

  it('requires both fences', () => {
    expect(() => parseDocument('title: x\n')).toThrow(/must start with/);
    expect(() => parseDocument('---\ntitle: x\n')).toThrow(/no closing/);
  });

  it('keeps plain text text (no YAML booleans, nulls or decimals) and refuses items where a key belongs', () => {
    expect(parseFrontMatter(['a: yes', 'b: 2026.1', 'c: "45"', 'd: 45'])).toEqual({
      a: 'yes',
      b: '2026.1',
      c: '45',
      d: 45,
    });
    expect(() => parseFrontMatter(['- x'])).toThrow(/list item/);
  });
});

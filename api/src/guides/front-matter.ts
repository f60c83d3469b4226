/**
 * A small, strict parser for the YAML-like front matter of guide content files.
 *
 * It accepts the subset the guide files need and rejects everything else with a line number,
 * so a typo in content fails loudly at start instead of silently becoming a different shape:
 *
 * - `key: value` maps, nested by exactly two more spaces of indentation (tabs are rejected);
 * - lists of scalars (`- item`); a longer item or value continues on more-indented lines and
 *   is folded with single spaces (a continuation line may not start with `- `);
 * - block scalars `key: >` (folded: lines joined with spaces, a blank line starts a new
 *   paragraph) and `key: |` (literal); trailing newlines are dropped;
 * - plain, "double-quoted" (JSON escapes) and 'single-quoted' scalars; plain integers become
 *   numbers, everything else stays a string (no `yes`/`no`/`null` surprises);
 * - full-line `#` comments. A `#` inside a value is text, unlike YAML, because prompts such as
 *   "What is your #1 priority?" are common in content.
 *
 * Flow collections (`[a, b]`, `{a: b}`), anchors, tags and maps inside lists are not supported.
 */

export type FrontMatterValue =
  string | number | FrontMatterValue[] | { [key: string]: FrontMatterValue };

export type FrontMatterMap = { [key: string]: FrontMatterValue };

export class FrontMatterError extends Error {
  /** 1-based line number in the whole file. */
  readonly line: number;

  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'FrontMatterError';
    this.line = line;
  }
}

export interface ParsedDocument {
  data: FrontMatterMap;
  /** The Markdown after the closing `---`, trimmed. */
  body: string;
}

const FENCE = '---';
const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?:[ ](.*))?$/;
const UNSUPPORTED_START = /^[[{&*!%@`]/;

/** Splits `---` front matter from the Markdown body and parses it. */
export function parseDocument(text: string): ParsedDocument {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0]?.trimEnd() !== FENCE) {
    throw new FrontMatterError('the file must start with a `---` front-matter line', 1);
  }
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === FENCE);
  if (close === -1) throw new FrontMatterError('the front matter has no closing `---` line', 1);
  const data = parseFrontMatter(lines.slice(1, close), 2);
  return {
    data,
    body: lines
      .slice(close + 1)
      .join('\n')
      .trim(),
  };
}

/**
 * Parses front-matter lines (without the fences). `firstLine` is the file line number of
 * `lines[0]`, so errors point at the right place in the file.
 */
export function parseFrontMatter(lines: readonly string[], firstLine = 1): FrontMatterMap {
  const parser = new LineParser(lines, firstLine);
  const next = parser.peek();
  if (next === undefined) return {};
  if (next.indent !== 0) parser.fail('the first key must not be indented', next.index);
  const data = parser.parseMap(0);
  const rest = parser.peek();
  if (rest !== undefined) parser.fail('unexpected indentation', rest.index);
  return data;
}

interface ContentLine {
  index: number;
  indent: number;
  text: string;
}

class LineParser {
  private position = 0;

  constructor(
    private readonly lines: readonly string[],
    private readonly firstLine: number,
  ) {}

  fail(message: string, index: number): never {
    throw new FrontMatterError(message, this.firstLine + index);
  }

  /** The next line that is neither blank nor a comment, without consuming it. */
  peek(): ContentLine | undefined {
    for (let index = this.position; index < this.lines.length; index++) {
      const raw = this.lines[index] ?? '';
      const text = raw.trim();
      if (text === '' || text.startsWith('#')) continue;
      const indent = this.indentOf(raw, index);
      return { index, indent, text: raw.trimEnd().slice(indent) };
    }
    return undefined;
  }

  private indentOf(raw: string, index: number): number {
    const lead = /^[ \t]*/.exec(raw)?.[0] ?? '';
    if (lead.includes('\t')) this.fail('indent with spaces, not tabs', index);
    return lead.length;
  }

  parseMap(indent: number): FrontMatterMap {
    const map: FrontMatterMap = {};
    for (let line = this.peek(); line !== undefined && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) this.fail('unexpected indentation', line.index);
      if (line.text === '-' || line.text.startsWith('- ')) {
        this.fail('a list item where a `key:` was expected', line.index);
      }
      const match = KEY_LINE.exec(line.text);
      if (match === null) this.fail('expected `key: value`', line.index);
      const key = match[1] ?? '';
      if (Object.hasOwn(map, key)) this.fail(`duplicate key \`${key}\``, line.index);
      this.position = line.index + 1;
      map[key] = this.parseValue(indent, (match[2] ?? '').trim(), line.index, key);
    }
    return map;
  }

  private parseValue(indent: number, inline: string, index: number, key: string): FrontMatterValue {
    if (inline === '') {
      const child = this.peek();
      if (child === undefined || child.indent <= indent)
        this.fail(`\`${key}\` has no value`, index);
      if (child.indent !== indent + 2)
        this.fail('nested lines are indented by two spaces', child.index);
      return child.text === '-' || child.text.startsWith('- ')
        ? this.parseList(child.indent)
        : this.parseMap(child.indent);
    }
    if (inline === '>' || inline === '|') return this.parseBlockScalar(indent, inline, index, key);
    return this.parseScalar(inline, indent, index);
  }

  private parseList(indent: number): FrontMatterValue[] {
    const items: FrontMatterValue[] = [];
    for (let line = this.peek(); line !== undefined && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) this.fail('unexpected indentation', line.index);
      if (!line.text.startsWith('- ')) this.fail('expected a `- ` list item', line.index);
      this.position = line.index + 1;
      items.push(this.parseScalar(line.text.slice(2).trim(), indent, line.index));
    }
    return items;
  }

  /** A scalar, plus any more-indented continuation lines folded into it. */
  private parseScalar(first: string, ownerIndent: number, index: number): FrontMatterValue {
    if (first === '') this.fail('empty list item', index);
    const parts = [first];
    for (
      let line = this.peek();
      line !== undefined && line.indent > ownerIndent;
      line = this.peek()
    ) {
      // A deeper `- ` line is far more often a misaligned list item than prose.
      if (line.text === '-' || line.text.startsWith('- ')) {
        this.fail('a list item must line up with the items above it', line.index);
      }
      parts.push(line.text);
      this.position = line.index + 1;
    }
    const text = parts.join(' ');
    if (first.startsWith('"')) return this.doubleQuoted(text, index);
    if (first.startsWith("'")) return this.singleQuoted(text, index);
    if (UNSUPPORTED_START.test(first)) {
      this.fail('flow collections, anchors and tags are not supported; quote the value', index);
    }
    if (first === '>' || first === '|')
      this.fail('block scalars are only allowed after `key:`', index);
    return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
  }

  private doubleQuoted(text: string, index: number): string {
    if (text.length < 2 || !text.endsWith('"'))
      this.fail('unterminated "double-quoted" value', index);
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'string') return value;
    } catch {
      // Reported below with the line number, which JSON.parse cannot know.
    }
    return this.fail('invalid "double-quoted" value (JSON escapes only)', index);
  }

  private singleQuoted(text: string, index: number): string {
    const inner = text.slice(1, -1);
    if (text.length < 2 || !text.endsWith("'") || inner.replace(/''/g, '').includes("'")) {
      this.fail("unterminated or badly escaped 'single-quoted' value (write '' for ')", index);
    }
    return inner.replace(/''/g, "'");
  }

  private parseBlockScalar(indent: number, style: '>' | '|', index: number, key: string): string {
    const collected: string[] = [];
    let blockIndent: number | undefined;
    for (let cursor = this.position; cursor < this.lines.length; cursor++) {
      const raw = this.lines[cursor] ?? '';
      if (raw.trim() === '') {
        collected.push('');
        continue;
      }
      const lineIndent = this.indentOf(raw, cursor);
      if (lineIndent <= indent) break;
      blockIndent ??= lineIndent;
      if (lineIndent < blockIndent)
        this.fail('block lines must keep the indentation of the first', cursor);
      collected.push(raw.trimEnd().slice(blockIndent));
    }
    while (collected.length > 0 && collected[collected.length - 1] === '') collected.pop();
    // Trailing blank lines belong to whatever follows the block, not to the block.
    this.position += collected.length;
    while (collected[0] === '') collected.shift();
    if (blockIndent === undefined) this.fail(`\`${key}\` has an empty block`, index);
    if (style === '|') return collected.join('\n');
    const paragraphs: string[] = [];
    let current: string[] = [];
    for (const line of collected) {
      if (line === '') {
        if (current.length > 0) paragraphs.push(current.join(' '));
        current = [];
      } else {
        current.push(line.trim());
      }
    }
    if (current.length > 0) paragraphs.push(current.join(' '));
    return paragraphs.join('\n');
  }
}

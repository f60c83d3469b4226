import {
  LineCounter,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  parseDocument as parseYaml,
  visit,
} from 'yaml';

/**
 * The front matter of guide content files: YAML (read with the `yaml` package), held to the
 * plain subset content needs so a typo fails loudly at start with a line number instead of
 * silently becoming a different shape:
 *
 * - maps, lists, plain/quoted scalars and block scalars (`>` folded, `|` literal), as YAML reads
 *   them; `#` after a space starts a comment, so quote a value that needs one;
 * - every scalar stays a string except plain whole numbers, which become numbers (no
 *   `yes`/`no`/`null`/`2026.1` surprises: the failsafe schema is used);
 * - duplicate keys, empty values, flow collections (`[a, b]`, `{a: b}`), anchors, aliases and
 *   tags are refused.
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
  const lineCounter = new LineCounter();
  const doc = parseYaml(lines.join('\n'), {
    schema: 'failsafe',
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
  });
  const lineOf = (offset: number | undefined): number =>
    firstLine - 1 + (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const [error] = doc.errors;
  if (error !== undefined) {
    const source = lines.join('\n');
    const message =
      error.code === 'DUPLICATE_KEY'
        ? `duplicate key \`${/^[^:\n]*/.exec(source.slice(error.pos[0]))?.[0].trim() ?? ''}\``
        : (error.message.split('\n')[0] ?? error.message);
    throw new FrontMatterError(
      message.replace(/ at line \d+, column \d+.*$/, ''),
      lineOf(error.pos[0]),
    );
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) {
    throw new FrontMatterError(
      'a list item where a `key: value` line belongs',
      lineOf(doc.contents.range?.[0]),
    );
  }
  visit(doc, {
    Pair(_, pair) {
      if (
        pair.value === null ||
        (isScalar(pair.value) &&
          pair.value.value === '' &&
          pair.value.type !== 'QUOTE_DOUBLE' &&
          pair.value.type !== 'QUOTE_SINGLE')
      ) {
        const key = isScalar(pair.key) ? String(pair.key.value) : 'a key';
        throw new FrontMatterError(
          `${key} has no value`,
          lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined),
        );
      }
    },
    Node(_, node) {
      const at = lineOf(node.range?.[0]);
      if (isAlias(node) || node.anchor !== undefined)
        throw new FrontMatterError('anchors and aliases are not supported', at);
      if (node.tag !== undefined) throw new FrontMatterError('tags are not supported', at);
      if (isCollection(node) && node.flow === true) {
        throw new FrontMatterError(
          'write lists and maps one item a line, not `[a, b]` or `{a: b}`',
          at,
        );
      }
      if (
        isScalar(node) &&
        node.type === 'PLAIN' &&
        typeof node.value === 'string' &&
        /^-?\d+$/.test(node.value)
      ) {
        node.value = Number(node.value);
      }
      // Content ends a block where its text ends: no trailing newline to trip the field checks.
      if (
        isScalar(node) &&
        (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') &&
        typeof node.value === 'string'
      ) {
        node.value = node.value.replace(/\n+$/, '');
      }
    },
  });
  return doc.toJS() as FrontMatterMap;
}

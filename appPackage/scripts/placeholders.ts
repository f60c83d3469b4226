import type { EnvValues } from './env-file.js';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Placeholders that may legitimately be empty (production has no name suffix). */
export const OPTIONAL_PLACEHOLDERS: ReadonlySet<string> = new Set(['APP_NAME_SUFFIX']);

export interface UnfilledPlaceholder {
  /** Where in the document, e.g. `manifest.webApplicationInfo.id`. */
  path: string;
  name: string;
}

export interface FillResult<T> {
  value: T;
  unfilled: UnfilledPlaceholder[];
}

/** Every `${{NAME}}` used anywhere in a text. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/**
 * Replaces `${{NAME}}` inside every string of a parsed JSON document. Working on the parsed
 * document rather than the raw text means a value with a quote or backslash cannot break the
 * JSON. A name that is missing, or empty and not optional, is reported with its path and left
 * in place so the output shows what is wrong.
 */
export function fillPlaceholders<T>(document: T, env: EnvValues, root = 'manifest'): FillResult<T> {
  const unfilled: UnfilledPlaceholder[] = [];
  const visit = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = env[name];
        if (value === undefined || (value === '' && !OPTIONAL_PLACEHOLDERS.has(name))) {
          unfilled.push({ path, name });
          return whole;
        }
        return value;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => visit(item, `${path}[${i}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, visit(value, `${path}.${key}`)]),
      );
    }
    return node;
  };
  return { value: visit(document, root) as T, unfilled };
}

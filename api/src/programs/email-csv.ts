/** The outcome of reading a column of email addresses from CSV text. */
export interface EmailCsv {
  /** Lower-cased, in file order, each once. */
  emails: string[];
  /** Cells in the email column that are not addresses, with their 1-based line. */
  invalid: { line: number; value: string }[];
}

const EMAIL = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>]+$/;
const HEADER = /^(e-?mail|mail|email address|user ?principal ?name|upn)$/i;

/** Splits one CSV line on commas or semicolons, honouring double quotes ("" inside quotes). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Reads the email column of an export from HR or Excel: a header naming the column ("Email",
 * "Mail", "UPN", …) anywhere in the first row, or no header and the addresses in the first column.
 */
export function parseEmailCsv(csv: string): EmailCsv {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let column = 0;
  let start = 0;
  const first = splitCsvLine(lines[0] ?? '');
  const headerAt = first.findIndex((c) => HEADER.test(c));
  if (headerAt >= 0) {
    column = headerAt;
    start = 1;
  }
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: EmailCsv['invalid'] = [];
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const value = (splitCsvLine(raw)[column] ?? '').trim();
    if (value === '') continue;
    if (!EMAIL.test(value)) {
      invalid.push({ line: i + 1, value: value.slice(0, 200) });
      continue;
    }
    const email = value.toLowerCase();
    if (!seen.has(email)) {
      seen.add(email);
      emails.push(email);
    }
  }
  return { emails, invalid };
}

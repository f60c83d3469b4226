import type { InsightsView } from '../contract/index.js';

/**
 * A cell as CSV: quoted when needed, and text that a spreadsheet would run as a formula
 * (department names come from the directory) is prefixed with an apostrophe.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per figure: section, metric, group, value, suppressed (an empty value is suppressed, never 0). */
export function insightsCsv(view: InsightsView): string {
  const rows: (string | number | boolean | null)[][] = [
    ['section', 'metric', 'group', 'value', 'suppressed'],
  ];
  const add = (
    section: string,
    metric: string,
    group: string,
    value: number | null,
    suppressible = true,
  ) => rows.push([section, metric, group, value, suppressible && value === null]);
  add('program', 'minGroupSize', '', view.minGroupSize, false);
  add('enrolment', 'mentors', '', view.enrolment.mentors, false);
  add('enrolment', 'leaders', '', view.enrolment.leaders, false);
  add('enrolment', 'matchRate', '', view.enrolment.matchRate);
  add('sessions', 'scheduled', '', view.sessions.scheduled);
  add('sessions', 'held', '', view.sessions.held);
  add('sessions', 'heldRate', '', view.sessions.heldRate);
  add('checkIns', 'usefulness', '', view.checkIns.usefulness);
  add('checkIns', 'safety', '', view.checkIns.safety);
  add('checkIns', 'responses', '', view.checkIns.responses);
  add('retention', 'pairings', '', view.retention.pairings, false);
  add('retention', 'reachedLastSession', '', view.retention.reachedLastSession);
  add('commitments', 'made', '', view.commitments.made);
  add('commitments', 'followedThrough', '', view.commitments.followedThrough);
  // A topic nobody held a session on yet is a true 0, not a suppressed cell.
  for (const t of view.topics)
    add('topics', 'sessionsHeld', t.topic, t.noneHeld ? 0 : t.sessionsHeld);
  for (const d of view.byDepartment) {
    rows.push(['department', 'people', d.group, d.people, d.suppressed]);
    rows.push(['department', 'heldRate', d.group, d.heldRate, d.suppressed || d.heldRate === null]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

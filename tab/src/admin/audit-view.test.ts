import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_WORDS, auditActionWords, type AuditEntry } from '../api/index.js';
import { auditActor, auditTarget } from './audit-view.js';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  actorId: 'ebf9d579-3687-4fb7-bdb9-b9dc56707ec4',
  actorName: 'Joaquín Oliveira',
  action: 'match-run.approve',
  targetType: 'match-run',
  targetId: '77f727f6-c9a1-46bf-8d37-9f3c17f5471b',
  programName: 'Spring cohort',
  reason: null,
  detail: null,
  at: '2026-12-04T19:17:00Z',
  ...over,
});

describe('the audit log in words an admin reads', () => {
  it('names the admin and the program, not their ids', () => {
    expect(auditActor(entry({}))).toBe('Joaquín Oliveira');
    expect(auditTarget(entry({}))).toBe('match run in Spring cohort');
    expect(auditTarget(entry({ targetType: 'program', targetId: 'p' }))).toBe(
      'Program Spring cohort',
    );
  });

  it('says when the app acted by itself, and keeps the id of someone the directory lost', () => {
    expect(auditActor(entry({ actorId: 'system', actorName: null }))).toBe(
      'Reverse Mentoring (automatic)',
    );
    expect(auditActor(entry({ actorId: 'gone-1', actorName: null }))).toMatch(/no longer.*gone-1/);
    expect(auditTarget(entry({ programName: null, targetType: 'program', targetId: null }))).toBe(
      'program',
    );
  });

  it('says what was done in words, not the API key', () => {
    expect(auditActionWords('match-run.approve')).toBe('Approved the match run');
    expect(auditActionWords('rematch.apply')).toBe('Gave someone a new partner');
    expect(auditActionWords('insights.export-csv')).toBe('Exported the insights as CSV');
    // Every key the API writes reads as a sentence of its own.
    const words = Object.values(AUDIT_ACTION_WORDS);
    expect(new Set(words).size).toBe(words.length);
    for (const w of words) expect(w).toMatch(/^[A-Z][a-z]+ [^.]*[a-zA-Z]$/);
    // A row an older version wrote keeps its key rather than vanishing.
    expect(auditActionWords('match.override')).toBe('match.override');
  });
});

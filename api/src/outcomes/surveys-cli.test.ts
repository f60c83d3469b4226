import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SurveyInstrumentView } from '../contract/index.js';
import { DEFAULT_SURVEY_ROOT, loadSurveyInstruments } from './instrument-loader.js';
import { runSurveysCli } from './surveys-cli.js';

/** What `--json` prints: each instrument's view, without the introduction. */
interface Printed {
  instruments: Omit<SurveyInstrumentView, 'introMarkdown'>[];
}

/** The dimensions issue 15 names for each role, and the pair's candour for both. */
const DIMENSIONS = {
  leader: [
    'digital-confidence',
    'empathy',
    'openness',
    'innovation',
    'practice-change',
    'pair-safety',
  ],
  mentor: ['engagement', 'voice', 'visibility', 'two-way-learning', 'pair-safety'],
};

describe('surveys CLI', () => {
  it('prints a baseline and an end survey for each role, 12–20 agreement items each', async () => {
    const result = await runSurveysCli(['--json']);
    expect(result.exitCode).toBe(0);
    const { instruments } = JSON.parse(result.stdout) as Printed;
    const slots = instruments.map((i) => `${i.role}:${i.phase}`).sort();
    expect(slots).toEqual(['leader:baseline', 'leader:end', 'mentor:baseline', 'mentor:end']);
    for (const i of instruments) {
      expect(i.version).toMatch(/^\d{4}\.\d+$/);
      expect(i.dimensions.map((d) => d.key)).toEqual(DIMENSIONS[i.role as 'leader' | 'mentor']);
      expect(i.items.length).toBeGreaterThanOrEqual(12);
      expect(i.items.length).toBeLessThanOrEqual(20);
      for (const item of i.items) {
        expect(i.dimensions.some((d) => d.key === item.dimension)).toBe(true);
        expect([5, 7]).toContain(item.scale.max);
        expect(item.scale.min).toBe(1);
        expect(item.scale.minLabel).not.toBe('');
        expect(item.prompt.length).toBeLessThanOrEqual(160);
      }
      for (const d of i.dimensions)
        expect(i.items.filter((x) => x.dimension === d.key).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('introduces the end survey for a pairing that ended early as well as one that ran its course', async () => {
    const ends = (await loadSurveyInstruments()).filter((i) => i.phase === 'end');
    expect(ends.map((i) => i.role).sort()).toEqual(['leader', 'mentor']);
    for (const i of ends) {
      // Someone whose partner left, waiting for a new one, is not told their sessions are over.
      expect(i.introMarkdown).not.toMatch(/sessions are over/i);
      expect(i.introMarkdown).toContain('pairing that ended');
      expect(i.introMarkdown).toContain('ended early');
      expect(i.introMarkdown).toContain('asked again');
    }
  });

  it('prints a readable list without --json', async () => {
    const result = await runSurveysCli([]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('leader-baseline 2026.1 — leader, baseline');
    expect(result.stdout).toContain('Confidence with digital and AI tools [digital-confidence]');
  });

  it('explains itself on a wrong option', async () => {
    const result = await runSurveysCli(['--jsn']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('reverse-mentoring surveys');
  });

  it('names the file and field of bad content and exits 1', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'surveys-cli-'));
    try {
      await cp(fileURLToPath(DEFAULT_SURVEY_ROOT), root, { recursive: true });
      const file = path.join(root, '2026.1', 'mentor-end.md');
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace('dimension: voice', 'dimension: courage'));
      const result = await runSurveysCli(['--json', '--content', root]);
      expect(result.exitCode).toBe(1);
      const { error } = JSON.parse(result.stdout) as { error: { file: string; field: string } };
      expect(error.file).toBe('2026.1/mentor-end.md');
      expect(error.field).toMatch(/^items\.voice-.*\.dimension$/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses an end survey whose dimensions differ from the baseline', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'surveys-cli-'));
    try {
      await cp(fileURLToPath(DEFAULT_SURVEY_ROOT), root, { recursive: true });
      const file = path.join(root, '2026.1', 'leader-end.md');
      const text = await readFile(file, 'utf8');
      await writeFile(
        file,
        text
          .replace('  innovation: Trying new ideas and tools\n', '')
          .replace(/dimension: innovation/g, 'dimension: empathy'),
      );
      const result = await runSurveysCli(['--content', root]);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('2026.1/leader-end.md');
      expect(result.stdout).toContain('dimensions');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

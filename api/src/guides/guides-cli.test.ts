import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGuidesCli } from './guides-cli.js';

describe('guides CLI', () => {
  it('prints the tracks and their sessions as JSON with --json', async () => {
    const result = await runGuidesCli(['--json']);
    expect(result.exitCode).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      tracks: { id: string; sessions: { key: string; summary: string }[] }[];
    };
    const core = parsed.tracks.find((t) => t.id === 'reverse-mentoring-core');
    expect(core?.sessions.length).toBeGreaterThanOrEqual(8);
    expect(core?.sessions[0]?.key).toBe('charter');
    expect(core?.sessions[0]?.summary).not.toBe('');
  });

  it('prints a readable list without --json', async () => {
    const result = await runGuidesCli([]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('reverse-mentoring-core 2026.1');
    expect(result.stdout).toMatch(/ 1\. \[charter\]/);
    expect(result.stdout).toMatch(/ 8\. \[commitments\]/);
  });

  it('explains itself on a wrong option', async () => {
    const result = await runGuidesCli(['--jsn']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('reverse-mentoring guides');
  });

  it('reports bad content with its file and exit code 1', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'guides-cli-'));
    try {
      await mkdir(path.join(root, 'broken'));
      await writeFile(path.join(root, 'broken', 'track.md'), 'no front matter');
      await writeFile(path.join(root, 'broken', 'open-topic.md'), '---\n---\n');
      const result = await runGuidesCli(['--json', '--content', root]);
      expect(result.exitCode).toBe(1);
      const parsed = JSON.parse(result.stdout) as { error: { file: string } };
      expect(parsed.error.file).toMatch(/^broken\/(track|open-topic)\.md$/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

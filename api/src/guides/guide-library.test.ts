import { describe, expect, it } from 'vitest';
import { compareVersions, createGuideLibrary } from './guide-library.js';
import { deriveEditableCopy } from './editable-copy.js';
import { shippedTrack } from './testing.js';

describe('guide library', () => {
  it('orders versions numerically, segment by segment', () => {
    expect(compareVersions('2026.10', '2026.9')).toBe(1);
    expect(compareVersions('2026.1', '2026.1')).toBe(0);
    expect(compareVersions('2026.1', '2026.1.1')).toBe(-1);
    expect(compareVersions('2025.12', '2026.1')).toBe(-1);
  });

  it('finds the pinned version and the latest one', async () => {
    const shipped = await shippedTrack();
    const newer = deriveEditableCopy(shipped, { newId: shipped.id, newVersion: '2026.10' });
    const library = createGuideLibrary([newer, shipped]);
    expect(library.find(shipped.id, '2026.1')).toBe(shipped);
    expect(library.find(shipped.id, '2031.1')).toBeUndefined();
    expect(library.latest()).toBe(newer);
    expect(library.latest('unknown')).toBeUndefined();
  });
});

/** Aggregates are shown only over groups of at least this many people. */
export const MIN_GROUP_SIZE = 5;

/** The value when the group is large enough, else null: a suppressed cell is never shown as zero. */
export function shown<T>(groupSize: number, value: T): T | null {
  return groupSize >= MIN_GROUP_SIZE ? value : null;
}

export interface GroupCell {
  group: string;
  people: number;
}

/**
 * Which groups of a breakdown to suppress. Groups under the minimum are suppressed; when that
 * leaves exactly one suppressed group, the smallest shown group is suppressed too, because the
 * program total minus the shown groups would otherwise give the hidden one back.
 */
export function suppressedGroups(cells: readonly GroupCell[]): Set<string> {
  const hidden = new Set(cells.filter((c) => c.people < MIN_GROUP_SIZE).map((c) => c.group));
  if (hidden.size === 1) {
    const smallestShown = cells
      .filter((c) => !hidden.has(c.group))
      .sort((a, b) => a.people - b.people || a.group.localeCompare(b.group))[0];
    if (smallestShown !== undefined) hidden.add(smallestShown.group);
  }
  return hidden;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

/** One person's place in the org chart, computed from manager links alone. */
export interface Placement {
  /** Levels below the top of the chart; null when the chain does not reach the top. */
  depth: number | null;
  /** Everyone under this person, transitively. */
  orgSize: number;
  directReports: number;
}

export type DataProblemKind = 'manager-loop' | 'no-manager' | 'unknown-manager';

export interface DataProblem {
  personId: string;
  kind: DataProblemKind;
  detail: string;
}

export interface Hierarchy {
  placements: Map<string, Placement>;
  problems: DataProblem[];
  topId: string | undefined;
  maxDepth: number;
  withoutManager: number;
}

/**
 * The chart as indices: every id seen (as a person or as someone's manager) has an index; a
 * person's manager is an index or -1. Typed arrays, not an object per person, so a directory of
 * hundreds of thousands costs a few bytes a person.
 */
export interface IndexedChart {
  /** Indices in use (people and managers named by them). */
  size: number;
  /** Manager index per index, -1 for none. */
  manager: Int32Array;
  /** 1 for indices that are people of the directory, 0 for managers it never returned. */
  isPerson: Uint8Array;
  /** People's indices in directory order. */
  persons: Int32Array;
  idOf(index: number): string;
}

/** Placements by index; depth -1 where the chain does not reach the top. */
export interface IndexedHierarchy {
  depth: Int32Array;
  orgSize: Int32Array;
  directReports: Int32Array;
  problems: DataProblem[];
  top: number;
  maxDepth: number;
  withoutManager: number;
}

/**
 * Places everyone under the top of the chart. Bad data (a manager loop, a missing or unknown
 * manager) becomes a data problem on the people concerned, never an endless walk or a crash.
 * The top is the person without a manager who leads the largest organisation.
 */
export function computeIndexedHierarchy(chart: IndexedChart): IndexedHierarchy {
  const { size, manager, isPerson, persons, idOf } = chart;
  const problems: DataProblem[] = [];
  const childCount = new Int32Array(size);
  const roots: number[] = [];
  let withoutManager = 0;
  for (const p of persons) {
    const m = manager[p] ?? -1;
    if (m < 0) {
      roots.push(p);
      withoutManager += 1;
    } else if (isPerson[m] !== 1) {
      roots.push(p);
      problems.push({
        personId: idOf(p),
        kind: 'unknown-manager',
        detail: `Manager ${idOf(m)} is not in the directory (left or outside the sync scope).`,
      });
    } else {
      childCount[m] = (childCount[m] ?? 0) + 1;
    }
  }
  // Children of each index, contiguous (CSR), in directory order.
  const first = new Int32Array(size + 1);
  for (let i = 0; i < size; i += 1) first[i + 1] = (first[i] ?? 0) + (childCount[i] ?? 0);
  const children = new Int32Array(first[size] ?? 0);
  const fill = first.slice(0, size);
  for (const p of persons) {
    const m = manager[p] ?? -1;
    if (m >= 0 && isPerson[m] === 1) {
      children[fill[m] ?? 0] = p;
      fill[m] = (fill[m] ?? 0) + 1;
    }
  }

  const depth = new Int32Array(size).fill(-1);
  const orgSize = new Int32Array(size);
  const placed = new Uint8Array(size);
  // Subtree sizes and depths by an explicit stack: org charts can be deep, recursion is not safe.
  const order = new Int32Array(persons.length);
  const stack = new Int32Array(persons.length + 1);
  const subtreeSize = (root: number): number => {
    let n = 0;
    let top = 0;
    stack[top++] = root;
    while (top > 0) {
      const id = stack[--top] ?? 0;
      order[n++] = id;
      for (let c = first[id] ?? 0; c < (first[id + 1] ?? 0); c += 1)
        stack[top++] = children[c] ?? 0;
    }
    for (let i = n - 1; i >= 0; i -= 1) {
      const id = order[i] ?? 0;
      let total = 0;
      for (let c = first[id] ?? 0; c < (first[id + 1] ?? 0); c += 1)
        total += 1 + (orgSize[children[c] ?? 0] ?? 0);
      orgSize[id] = total;
      placed[id] = 1;
    }
    return orgSize[root] ?? 0;
  };

  const sortedRoots = roots
    .map((r) => ({ r, id: idOf(r) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((x) => x.r);
  let topIndex = -1;
  let topSize = -1;
  for (const root of sortedRoots) {
    const n = subtreeSize(root);
    if (n > topSize) {
      topSize = n;
      topIndex = root;
    }
  }

  let maxDepth = 0;
  if (topIndex >= 0) {
    let top = 0;
    stack[top++] = topIndex;
    depth[topIndex] = 0;
    while (top > 0) {
      const id = stack[--top] ?? 0;
      const d = depth[id] ?? 0;
      if (d > maxDepth) maxDepth = d;
      for (let c = first[id] ?? 0; c < (first[id + 1] ?? 0); c += 1) {
        const child = children[c] ?? 0;
        depth[child] = d + 1;
        stack[top++] = child;
      }
    }
  }
  for (const root of sortedRoots) {
    if (root !== topIndex && (manager[root] ?? -1) < 0) {
      problems.push({
        personId: idOf(root),
        kind: 'no-manager',
        detail:
          'Has no manager but is not the top of the organisation; seniority is estimated from title.',
      });
    }
  }

  // Whoever was not reached from a root sits in, or hangs below, a manager loop.
  const seenIn = new Int32Array(size).fill(-1);
  const seen: number[] = [];
  const next = (i: number): number => {
    const m = manager[i] ?? -1;
    return m >= 0 && isPerson[m] === 1 ? m : -1;
  };
  for (const [walk, id] of persons.entries()) {
    if (placed[id] === 1) continue;
    seen.length = 0;
    let cursor = id;
    while (cursor >= 0 && seenIn[cursor] !== walk && placed[cursor] !== 1) {
      seenIn[cursor] = walk;
      seen.push(cursor);
      cursor = next(cursor);
    }
    if (cursor >= 0 && seenIn[cursor] === walk) {
      // cursor is on the loop: walk it once to name every member.
      const loop: number[] = [];
      let member = cursor;
      do {
        loop.push(member);
        member = next(member);
      } while (member !== cursor);
      const names = `${loop.map(idOf).join(' → ')} → ${idOf(cursor)}`;
      for (const m of loop) {
        if (placed[m] === 1) continue;
        placed[m] = 1;
        problems.push({
          personId: idOf(m),
          kind: 'manager-loop',
          detail: `Manager chain loops: ${names}.`,
        });
      }
    }
    for (const s of seen) placed[s] = 1;
  }
  // Loop members and those below them were never reached from a root: orgSize stays 0.
  return {
    depth,
    orgSize,
    directReports: childCount,
    problems,
    top: topIndex,
    maxDepth,
    withoutManager,
  };
}

/** Builds an indexed chart one person at a time (as pages of the directory arrive). */
export class ChartBuilder {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private manager = new Int32Array(1024).fill(-1);
  private isPerson = new Uint8Array(1024);
  private persons = new Int32Array(1024);
  private personCount = 0;

  get people(): number {
    return this.personCount;
  }

  private indexOf(id: string): number {
    const known = this.index.get(id);
    if (known !== undefined) return known;
    const i = this.ids.length;
    this.ids.push(id);
    this.index.set(id, i);
    if (i >= this.manager.length) {
      const grown = new Int32Array(this.manager.length * 2).fill(-1);
      grown.set(this.manager);
      this.manager = grown;
      const flags = new Uint8Array(grown.length);
      flags.set(this.isPerson);
      this.isPerson = flags;
    }
    return i;
  }

  /**
   * Records a person and their manager (null for none); the last word on a person counts.
   * Returns the person's index.
   */
  add(id: string, managerId: string | null): number {
    const i = this.indexOf(id);
    if (this.isPerson[i] !== 1) {
      this.isPerson[i] = 1;
      if (this.personCount >= this.persons.length) {
        const grown = new Int32Array(this.persons.length * 2);
        grown.set(this.persons);
        this.persons = grown;
      }
      this.persons[this.personCount++] = i;
    }
    this.manager[i] = managerId === null ? -1 : this.indexOf(managerId);
    return i;
  }

  /** Whether `add` has recorded this person already (Graph's delta may send someone again). */
  has(id: string): boolean {
    const i = this.index.get(id);
    return i !== undefined && this.isPerson[i] === 1;
  }

  /** The id an earlier `add` stored (one string per id, whatever the pages repeat). */
  idOf(index: number): string {
    return this.ids[index] ?? '';
  }

  chart(): IndexedChart {
    const size = this.ids.length;
    return {
      size,
      manager: this.manager.subarray(0, size),
      isPerson: this.isPerson.subarray(0, size),
      persons: this.persons.subarray(0, this.personCount),
      idOf: (i) => this.idOf(i),
    };
  }
}

/** `computeIndexedHierarchy` over id/manager pairs, with placements by id. */
export function computeHierarchy(
  nodes: Iterable<{ id: string; managerId: string | null }>,
): Hierarchy {
  const builder = new ChartBuilder();
  for (const n of nodes) builder.add(n.id, n.managerId);
  const chart = builder.chart();
  const h = computeIndexedHierarchy(chart);
  const placements = new Map<string, Placement>();
  for (const p of chart.persons) {
    const depth = h.depth[p] ?? -1;
    placements.set(chart.idOf(p), {
      depth: depth < 0 ? null : depth,
      orgSize: h.orgSize[p] ?? 0,
      directReports: h.directReports[p] ?? 0,
    });
  }
  return {
    placements,
    problems: h.problems,
    topId: h.top < 0 ? undefined : chart.idOf(h.top),
    maxDepth: h.maxDepth,
    withoutManager: h.withoutManager,
  };
}

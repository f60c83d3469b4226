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
 * Places everyone under the top of the chart. Bad data (a manager loop, a missing or unknown
 * manager) becomes a data problem on the people concerned, never an endless walk or a crash.
 * The top is the person without a manager who leads the largest organisation.
 */
export function computeHierarchy(
  nodes: Iterable<{ id: string; managerId: string | null }>,
): Hierarchy {
  const managerOf = new Map<string, string | null>();
  for (const n of nodes) managerOf.set(n.id, n.managerId);

  const children = new Map<string, string[]>();
  const roots: string[] = [];
  const problems: DataProblem[] = [];
  let withoutManager = 0;
  for (const [id, managerId] of managerOf) {
    if (managerId === null) {
      roots.push(id);
      withoutManager += 1;
    } else if (!managerOf.has(managerId)) {
      roots.push(id);
      problems.push({
        personId: id,
        kind: 'unknown-manager',
        detail: `Manager ${managerId} is not in the directory (left or outside the sync scope).`,
      });
    } else {
      let list = children.get(managerId);
      if (list === undefined) {
        list = [];
        children.set(managerId, list);
      }
      list.push(id);
    }
  }

  const placements = new Map<string, Placement>();
  // Subtree sizes and depths by an explicit stack: org charts can be deep, recursion is not safe.
  const subtreeSize = (root: string): number => {
    const order: string[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      order.push(id);
      for (const child of children.get(id) ?? []) stack.push(child);
    }
    const size = new Map<string, number>();
    for (let i = order.length - 1; i >= 0; i -= 1) {
      const id = order[i] as string;
      let total = 0;
      for (const child of children.get(id) ?? []) total += 1 + (size.get(child) ?? 0);
      size.set(id, total);
      placements.set(id, {
        depth: null,
        orgSize: total,
        directReports: children.get(id)?.length ?? 0,
      });
    }
    return size.get(root) ?? 0;
  };

  let topId: string | undefined;
  let topSize = -1;
  const sortedRoots = [...roots].sort();
  for (const root of sortedRoots) {
    const size = subtreeSize(root);
    if (size > topSize) {
      topSize = size;
      topId = root;
    }
  }

  let maxDepth = 0;
  if (topId !== undefined) {
    const stack: [string, number][] = [[topId, 0]];
    while (stack.length > 0) {
      const [id, depth] = stack.pop() as [string, number];
      const placement = placements.get(id);
      if (placement !== undefined) placement.depth = depth;
      if (depth > maxDepth) maxDepth = depth;
      for (const child of children.get(id) ?? []) stack.push([child, depth + 1]);
    }
  }
  for (const root of sortedRoots) {
    if (root !== topId && managerOf.get(root) === null) {
      problems.push({
        personId: root,
        kind: 'no-manager',
        detail:
          'Has no manager but is not the top of the organisation; seniority is estimated from title.',
      });
    }
  }

  // Whoever was not reached from a root sits in, or hangs below, a manager loop.
  for (const id of managerOf.keys()) {
    if (placements.has(id)) continue;
    const seen = new Set<string>();
    let cursor: string | null | undefined = id;
    while (
      cursor !== null &&
      cursor !== undefined &&
      !seen.has(cursor) &&
      !placements.has(cursor)
    ) {
      seen.add(cursor);
      cursor = managerOf.get(cursor);
    }
    if (cursor !== null && cursor !== undefined && seen.has(cursor)) {
      // cursor is on the loop: walk it once to name every member.
      const loop: string[] = [];
      let member: string = cursor;
      do {
        loop.push(member);
        member = managerOf.get(member) as string;
      } while (member !== cursor);
      for (const m of loop) {
        if (!placements.has(m)) {
          placements.set(m, {
            depth: null,
            orgSize: 0,
            directReports: children.get(m)?.length ?? 0,
          });
          problems.push({
            personId: m,
            kind: 'manager-loop',
            detail: `Manager chain loops: ${loop.join(' → ')} → ${cursor}.`,
          });
        }
      }
    }
    for (const s of seen) {
      if (!placements.has(s))
        placements.set(s, { depth: null, orgSize: 0, directReports: children.get(s)?.length ?? 0 });
    }
  }

  return { placements, problems, topId, maxDepth, withoutManager };
}

import type { User } from '@microsoft/microsoft-graph-types';

/** A user as `/users/delta` returns it: changed properties, the manager link, or a removal. */
export type DeltaUser = User & {
  'manager@delta'?: { id?: string; '@removed'?: unknown }[];
  '@removed'?: { reason?: string };
};

/** The part of the Graph client org sync needs. */
export interface DirectoryReader {
  usersDelta(o: {
    select: string[];
    deltaLink?: string;
  }): AsyncIterable<{ users: DeltaUser[]; deltaLink?: string }>;
}

export const USER_SELECT = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
  'officeLocation',
  'employeeHireDate',
  'accountEnabled',
  'manager',
];

/** The manager a change names: an id, null when the link was removed, undefined when unchanged. */
export function managerFromDelta(user: DeltaUser): string | null | undefined {
  const links = user['manager@delta'];
  if (links === undefined) return undefined;
  const current = links.find((l) => l['@removed'] === undefined && typeof l.id === 'string');
  return current?.id ?? null;
}

/** Pages read one ahead, and whether the caller would have to wait for the next one now. */
export interface PagesAhead<T> extends AsyncIterable<T> {
  /** True while the item after the one last yielded has not arrived yet. */
  readonly waiting: boolean;
}

/**
 * Asks for the next page while the caller is still writing this one, so Graph's latency and the
 * database writes overlap instead of adding up. Iterate it once.
 */
export function prefetch<T>(source: AsyncIterable<T>): PagesAhead<T> {
  let arrived = false;
  async function* pages(): AsyncGenerator<T> {
    const it = source[Symbol.asyncIterator]();
    let next = it.next();
    for (;;) {
      const result = await next;
      if (result.done === true) return;
      arrived = false;
      next = it.next();
      // Rejections are also observed when awaited above; this keeps Node from calling them
      // unhandled meanwhile.
      next.then(
        () => (arrived = true),
        () => (arrived = true),
      );
      yield result.value;
    }
  }
  return {
    [Symbol.asyncIterator]: pages,
    get waiting() {
      return !arrived;
    },
  };
}

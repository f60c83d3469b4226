import { describe, expect, it } from 'vitest';
import { ProblemError } from '../app/index.js';
import { GraphError, type GraphClient } from '../graph/index.js';
import { membershipForRun, membershipOfPerson, searchDirectoryGroups } from './eligible-groups.js';
import { parseProgramRules } from './program-rules.js';

const GRADS = '6a0b0000-0000-4000-8000-000000000001';
const GONE = '6a0b0000-0000-4000-8000-000000000002';
const logger = { warn: () => undefined } as unknown as Parameters<
  typeof membershipForRun
>[0]['logger'];
const rules = parseProgramRules({
  eligibleGroups: [
    { id: GRADS, displayName: 'Graduate programme 2026' },
    { id: GONE, displayName: 'Old cohort' },
  ],
});

function graphWith(o: Partial<GraphClient>): GraphClient {
  // Any Graph call the test did not expect fails it.
  return new Proxy(o as GraphClient, {
    get(target, name: string) {
      const f = (target as unknown as Record<string, unknown>)[name];
      if (f === undefined) throw new Error(`unexpected Graph call ${name}`);
      return f;
    },
  });
}

describe('reading group membership', () => {
  it('reads nothing for a program open to everyone', async () => {
    const graph = graphWith({});
    const groups = await membershipForRun({ graph, logger }, parseProgramRules({}));
    expect(groups.groupsOf('anyone').size).toBe(0);
    await membershipOfPerson({ graph }, 'anyone', parseProgramRules({}));
  });

  it('counts a group deleted from the directory as having no members, and keeps the others', async () => {
    const graph = graphWith({
      async groupMemberUserIds(id) {
        if (id === GONE)
          throw new GraphError({ status: 404, code: 'Request_ResourceNotFound', message: 'gone' });
        return new Set(['grad-1']);
      },
    });
    const groups = await membershipForRun({ graph, logger }, rules);
    expect([...groups.groupsOf('GRAD-1')]).toEqual([GRADS]);
    expect(groups.groupsOf('someone').size).toBe(0);
  });

  it('tells the admin to grant GroupMember.Read.All when Graph refuses the read', async () => {
    const denied = new GraphError({
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    const graph = graphWith({
      searchGroups: () => Promise.reject(denied),
      userGroupIds: () => Promise.reject(denied),
    });
    for (const read of [
      () => searchDirectoryGroups({ graph }, 'grad'),
      () => membershipOfPerson({ graph }, 'grad-1', rules),
    ]) {
      const err = await read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProblemError);
      expect((err as ProblemError).status).toBe(503);
      expect((err as ProblemError).detail).toContain('GroupMember.Read.All');
    }
  });
});

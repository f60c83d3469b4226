import { ProblemError, problems } from '../app/index.js';
import type { Services } from '../app/index.js';
import {
  GROUP_ELIGIBILITY,
  type DirectoryGroupsView,
  type EligibleGroup,
} from '../contract/index.js';
import { isGraphError } from '../graph/index.js';
import type { ProgramRules } from '../store/index.js';

/**
 * Which of a program's eligible groups each person is in (directly or through nested groups),
 * read from the directory once for a whole run: a match run, an enrolment check, a reminder round.
 */
export interface GroupMembership {
  /** Lower-case ids of the program's eligible groups the person is in. */
  groupsOf(personId: string): ReadonlySet<string>;
}

/**
 * What eligibility knows of group membership: what the directory said for this run, or
 * `not-checked` where groups are not read (pairings already under way: membership is checked at
 * enrolment and matching, and leaving a group does not end a pairing).
 */
export type GroupCheck = GroupMembership | 'not-checked';

const NONE: ReadonlySet<string> = new Set();

/** For rules that list no group: nobody's groups are read, and none are asked for. */
export const NO_GROUPS_READ: GroupMembership = { groupsOf: () => NONE };

type GroupRules = Pick<ProgramRules, 'eligibleGroups'>;

/**
 * A directory read for groups; Graph's 403 (the app was not granted GroupMember.Read.All) becomes
 * a problem the admin can act on instead of a bare server error.
 */
async function readGroups<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (isGraphError(err) && err.status === 403)
      throw new ProblemError({
        status: 503,
        type: 'directory-permission-missing',
        title: 'The directory does not let the app read groups',
        detail:
          'Programs open to Entra groups need the Microsoft Graph application permission GroupMember.Read.All. Ask your IT admin to grant it (admin guide, section 4).',
      });
    throw err;
  }
}

const listed = (rules: GroupRules): EligibleGroup[] => rules.eligibleGroups ?? [];

/**
 * Everyone's membership for a run: for each listed group, every page of its transitive user
 * members (one paged read a group, whatever the cohort's size; decision 0013). A group deleted
 * from the directory since it was chosen has no members.
 */
export async function membershipForRun(
  services: Pick<Services, 'graph' | 'logger'>,
  rules: GroupRules,
): Promise<GroupMembership> {
  const groups = listed(rules);
  if (groups.length === 0) return NO_GROUPS_READ;
  const byPerson = new Map<string, Set<string>>();
  await Promise.all(
    groups.map(async (g) => {
      const members = await readGroups(() => services.graph.groupMemberUserIds(g.id)).catch(
        (err: unknown) => {
          if (!isGraphError(err) || err.status !== 404) throw err;
          services.logger.warn({ groupId: g.id }, 'an eligible group is gone from the directory');
          return new Set<string>();
        },
      );
      for (const id of members) {
        const set = byPerson.get(id) ?? new Set<string>();
        set.add(g.id.toLowerCase());
        byPerson.set(id, set);
      }
    }),
  );
  return { groupsOf: (personId) => byPerson.get(personId.toLowerCase()) ?? NONE };
}

/**
 * One person's membership (an enrolment check): the groups they are in, one read however large
 * the program's groups are.
 */
export async function membershipOfPerson(
  services: Pick<Services, 'graph'>,
  personId: string,
  rules: GroupRules,
): Promise<GroupMembership> {
  if (listed(rules).length === 0) return NO_GROUPS_READ;
  const theirs = await readGroups(() => services.graph.userGroupIds(personId));
  const key = personId.toLowerCase();
  return { groupsOf: (id) => (id.toLowerCase() === key ? theirs : NONE) };
}

/**
 * The groups an admin chose, checked against the directory: an id no group has is refused
 * (400, nothing saved); names are taken from the directory, so a rule shows what Entra shows.
 */
export async function checkEligibleGroups(
  services: Pick<Services, 'graph'>,
  groups: EligibleGroup[] | undefined,
): Promise<EligibleGroup[] | undefined> {
  if (groups === undefined || groups.length === 0) return groups;
  const found = await readGroups(() =>
    Promise.all(groups.map((g) => services.graph.getGroup(g.id))),
  );
  const missing = groups.filter((_, i) => found[i] === null);
  if (missing.length > 0)
    throw problems.badRequest('A group the rules name is not in the directory.', {
      errors: missing.map((g) => ({
        field: 'rules.eligibleGroups',
        message: `${GROUP_ELIGIBILITY.label}: no group with id ${g.id} is in the directory`,
      })),
    });
  return groups.map((g, i) => ({ id: g.id, displayName: found[i]?.displayName ?? g.displayName }));
}

/** What the rules form's group picker offers for `q`: the directory's groups, by name. */
export async function searchDirectoryGroups(
  services: Pick<Services, 'graph'>,
  q: string,
): Promise<DirectoryGroupsView> {
  const found = await readGroups(() =>
    services.graph.searchGroups({ search: q, top: GROUP_ELIGIBILITY.searchResults }),
  );
  return {
    items: found.flatMap((g) =>
      g.id === undefined
        ? []
        : [
            {
              id: g.id.toLowerCase(),
              displayName: g.displayName ?? g.id,
              description: g.description ?? null,
            },
          ],
    ),
  };
}

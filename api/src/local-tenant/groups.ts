import type { DemoOrg, DemoPerson } from './demo-org.js';
import type { Directory } from './directory.js';
import { guidFrom } from './prng.js';

/** A Microsoft 365 (`groupTypes: ['Unified']`) or security group; members are user or group ids. */
export interface DemoGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  /** `['Unified']` for a Microsoft 365 group, `[]` for a security group. */
  groupTypes: string[];
  mailEnabled: boolean;
  securityEnabled: boolean;
  createdDateTime: string;
  members: Set<string>;
}

export interface NewGroup {
  displayName: string;
  description?: string | null;
  unified?: boolean;
  members?: string[];
}

/**
 * The tenant's groups and their direct members (people and other groups). Transitive
 * membership is walked on each read, so a change shows up at once, as Graph shows it once its
 * index catches up. Removed (soft-deleted) users are left out of every answer.
 */
export class GroupStore {
  private readonly groups = new Map<string, DemoGroup>();
  private created = 0;

  constructor(
    private readonly directory: Directory,
    private readonly seed: number,
  ) {}

  add(input: NewGroup): DemoGroup {
    const n = this.created++;
    const nickname = input.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const group: DemoGroup = {
      id: guidFrom(this.seed, n, 0x6a0b),
      displayName: input.displayName,
      description: input.description ?? null,
      mailNickname: nickname,
      groupTypes: input.unified === true ? ['Unified'] : [],
      mailEnabled: input.unified === true,
      securityEnabled: input.unified !== true,
      createdDateTime: new Date(Date.UTC(2024, 0, 8 + n)).toISOString().replace('.000Z', 'Z'),
      members: new Set(input.members?.map((m) => m.toLowerCase())),
    };
    this.groups.set(group.id, group);
    return group;
  }

  /** All groups, ordered by display name. */
  list(): DemoGroup[] {
    return [...this.groups.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  find(id: string): DemoGroup | undefined {
    return this.groups.get(id.toLowerCase());
  }

  /** Adds a user or a group to a group's direct members. */
  addMember(groupId: string, memberId: string): void {
    this.require(groupId).members.add(memberId.toLowerCase());
  }

  removeMember(groupId: string, memberId: string): void {
    this.require(groupId).members.delete(memberId.toLowerCase());
  }

  /** Every user and group under a group, each once, nested groups walked (cycles cut). */
  transitiveMembers(groupId: string): (DemoPerson | DemoGroup)[] {
    const out: (DemoPerson | DemoGroup)[] = [];
    const seen = new Set<string>([groupId.toLowerCase()]);
    const queue = [...this.require(groupId).members];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (seen.has(id)) continue;
      seen.add(id);
      const group = this.groups.get(id);
      if (group !== undefined) {
        out.push(group);
        queue.push(...group.members);
        continue;
      }
      const person = this.directory.find(id);
      if (person !== undefined) out.push(person);
    }
    return out;
  }

  /** Every group a user (or group) is in, directly or through nested groups. */
  transitiveMemberOf(memberId: string): DemoGroup[] {
    const out: DemoGroup[] = [];
    const seen = new Set<string>();
    const queue = [memberId.toLowerCase()];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const g of this.groups.values()) {
        if (!g.members.has(id) || seen.has(g.id)) continue;
        seen.add(g.id);
        out.push(g);
        queue.push(g.id);
      }
    }
    return out.sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  private require(id: string): DemoGroup {
    const g = this.find(id);
    if (g === undefined) throw new Error(`no group ${id}`);
    return g;
  }
}

export function isGroup(x: DemoPerson | DemoGroup): x is DemoGroup {
  return 'groupTypes' in x;
}

/**
 * The demo organisation's groups, as HR keeps them: a graduate programme whose engineers sit in
 * a nested group, an early-careers network that holds the graduate programme, and a senior
 * leadership group holding the VP and director forums. Deterministic from the org.
 */
export function seedDemoGroups(store: GroupStore, org: DemoOrg): void {
  const at = (...levels: DemoPerson['level'][]) =>
    org.people.filter((p) => levels.includes(p.level)).map((p) => p.id);
  const graduates = org.people.filter((p) => p.level === 'graduate');
  const engineers = store.add({
    displayName: 'Graduate engineers 2026',
    description: 'Engineering graduates of the 2026 intake',
    members: graduates.filter((p) => p.department === 'Engineering').map((p) => p.id),
  });
  const programme = store.add({
    displayName: 'Graduate programme 2026',
    description: 'Everyone on the 2026 graduate programme',
    unified: true,
    members: [
      ...graduates.filter((p) => p.department !== 'Engineering').map((p) => p.id),
      engineers.id,
    ],
  });
  store.add({
    displayName: 'Early careers network',
    description: 'Interns, associates and the graduate programme',
    unified: true,
    members: [...at('intern', 'associate'), programme.id],
  });
  const vps = store.add({ displayName: 'VP forum', members: at('vp') });
  const directors = store.add({ displayName: 'Directors forum', members: at('director') });
  store.add({
    displayName: 'Senior leadership',
    description: 'The executive team with the VP and director forums',
    members: [...at('ceo', 'executive'), vps.id, directors.id],
  });
  store.add({ displayName: 'People managers', members: at('manager') });
}

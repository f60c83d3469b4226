import { describe, expect, it } from 'vitest';
import { assessRoles, whyNotEligible, type EligibilityPerson } from './eligibility.js';
import { NO_GROUPS_READ, type GroupMembership } from './eligible-groups.js';
import { parseProgramRules } from './program-rules.js';

const now = new Date('2026-03-01T00:00:00Z');

function person(p: Partial<EligibilityPerson>): EligibilityPerson {
  return {
    id: 'aaaaaaaa-0000-4000-8000-000000000001',
    jobTitle: 'Graduate Engineer',
    depth: 3,
    orgSize: 0,
    hireDate: new Date('2025-09-01'),
    goneAt: null,
    accountEnabled: true,
    mailboxPurpose: 'user',
    department: 'Engineering',
    officeLocation: 'London',
    ...p,
  };
}

describe('eligibility by department and office', () => {
  const rules = parseProgramRules({
    eligibleDepartments: ['Engineering', 'Finance'],
    eligibleOffices: ['london', 'Bengaluru'],
  });

  it('lets in a person whose department and office are both listed, whatever the case', () => {
    expect(
      whyNotEligible(person({ officeLocation: ' LONDON ' }), rules, 'mentor', now, NO_GROUPS_READ),
    ).toBeNull();
  });

  it('says which department keeps a person out and which ones the program is open to', () => {
    expect(
      whyNotEligible(person({ department: 'Marketing' }), rules, 'mentor', now, NO_GROUPS_READ),
    ).toBe(
      'the department Marketing is not among those this program is open to (Engineering, Finance)',
    );
  });

  it('says which office keeps a person out, also for the leader side', () => {
    const director = person({
      jobTitle: 'Director of Finance',
      orgSize: 30,
      department: 'Finance',
    });
    expect(
      whyNotEligible(
        { ...director, officeLocation: 'Paris' },
        rules,
        'leader',
        now,
        NO_GROUPS_READ,
      ),
    ).toBe('the office Paris is not among those this program is open to (london, Bengaluru)');
  });

  it('keeps out a person with no department on record when the program lists departments', () => {
    expect(whyNotEligible(person({ department: null }), rules, 'mentor', now, NO_GROUPS_READ)).toBe(
      'this program is open to the departments Engineering, Finance, and no department is on record',
    );
  });

  it('is open to everyone when no department or office is listed', () => {
    expect(
      whyNotEligible(
        person({ department: null, officeLocation: null }),
        parseProgramRules({}),
        'mentor',
        now,
        NO_GROUPS_READ,
      ),
    ).toBeNull();
  });
});

describe('eligibility by Entra group', () => {
  const GRADS = '6a0b0000-0000-4000-8000-000000000001';
  const LEADERSHIP = '6a0b0000-0000-4000-8000-000000000002';
  const rules = parseProgramRules({
    eligibleGroups: [
      { id: GRADS, displayName: 'Graduate programme 2026' },
      { id: LEADERSHIP, displayName: 'Senior leadership' },
    ],
  });
  // What the directory answered for the run: group -> its users, nested groups already flattened.
  const membership = (byGroup: Record<string, string[]>): GroupMembership => ({
    groupsOf: (id) =>
      new Set(
        Object.entries(byGroup)
          .filter(([, users]) => users.includes(id))
          .map(([g]) => g),
      ),
  });
  const grad = person({ id: 'aaaaaaaa-0000-4000-8000-000000000010' });

  it('lets in a member of any listed group, also one who is there only through a nested group', () => {
    // Graph's transitiveMembers lists the nested group's people as the outer group's members.
    const groups = membership({ [GRADS]: [grad.id] });
    expect(whyNotEligible(grad, rules, 'mentor', now, groups)).toBeNull();
    expect(assessRoles(grad, rules, now, groups).eligibleRoles).toEqual(['mentor']);
  });

  it('keeps out a person outside every listed group and names the groups', () => {
    const groups = membership({ [GRADS]: ['someone-else'] });
    expect(whyNotEligible(grad, rules, 'mentor', now, groups)).toBe(
      'not in any of the groups Graduate programme 2026, Senior leadership',
    );
    const only = parseProgramRules({
      eligibleGroups: [{ id: GRADS, displayName: 'Graduate programme 2026' }],
    });
    const a = assessRoles(grad, only, now, groups);
    expect(a.eligibleRoles).toEqual([]);
    expect(a.suggestedRole).toBeNull();
    expect(a.reasons).toContain('Not in the group Graduate programme 2026');
  });

  it('is open to everyone when no group is listed, and does not read groups for pairings under way', () => {
    expect(whyNotEligible(grad, parseProgramRules({}), 'mentor', now, NO_GROUPS_READ)).toBeNull();
    expect(whyNotEligible(grad, rules, 'mentor', now, 'not-checked')).toBeNull();
  });

  it('stores group ids in lower case and refuses a malformed id or the same group twice', () => {
    const upper = parseProgramRules({
      eligibleGroups: [{ id: GRADS.toUpperCase(), displayName: ' Graduate programme 2026 ' }],
    });
    expect(upper.eligibleGroups).toEqual([{ id: GRADS, displayName: 'Graduate programme 2026' }]);
    expect(() =>
      parseProgramRules({ eligibleGroups: [{ id: 'graduates', displayName: 'Graduates' }] }),
    ).toThrow('Open to groups: a group id is an Entra object id (a GUID)');
    expect(() =>
      parseProgramRules({
        eligibleGroups: [
          { id: GRADS, displayName: 'A' },
          { id: GRADS.toUpperCase(), displayName: 'B' },
        ],
      }),
    ).toThrow('Open to groups: a group is listed twice');
  });
});

import { describe, expect, it } from 'vitest';
import { whyNotEligible, type EligibilityPerson } from './eligibility.js';
import { parseProgramRules } from './program-rules.js';

const now = new Date('2026-03-01T00:00:00Z');

function person(p: Partial<EligibilityPerson>): EligibilityPerson {
  return {
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
    expect(whyNotEligible(person({ officeLocation: ' LONDON ' }), rules, 'mentor', now)).toBeNull();
  });

  it('says which department keeps a person out and which ones the program is open to', () => {
    expect(whyNotEligible(person({ department: 'Marketing' }), rules, 'mentor', now)).toBe(
      'the department Marketing is not among those this program is open to (Engineering, Finance)',
    );
  });

  it('says which office keeps a person out, also for the leader side', () => {
    const director = person({
      jobTitle: 'Director of Finance',
      orgSize: 30,
      department: 'Finance',
    });
    expect(whyNotEligible({ ...director, officeLocation: 'Paris' }, rules, 'leader', now)).toBe(
      'the office Paris is not among those this program is open to (london, Bengaluru)',
    );
  });

  it('keeps out a person with no department on record when the program lists departments', () => {
    expect(whyNotEligible(person({ department: null }), rules, 'mentor', now)).toBe(
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
      ),
    ).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { careerLevel, levelFromTitle } from './career-level.js';
import type { TitleRule } from './career-level.js';

const asOf = new Date('2025-06-01T00:00:00Z');

describe('careerLevel', () => {
  it.each([
    ['Chief Technology Officer', 10],
    ['CEO', 10],
    ['EVP, Sales', 9.5],
    ['Senior Vice President Engineering', 9],
    ['VP Marketing', 8],
    ['Director of Finance', 7],
    ['Head of Design', 7],
    ['Senior Manager, Support', 6],
    ['Engineering Manager', 5],
    ['Principal Engineer', 5],
    ['Staff Engineer', 4.5],
    ['Senior Data Scientist', 4],
    ['Software Engineer', 3],
    ['Associate Consultant', 2],
    ['Junior Developer', 1.5],
    ['Graduate Analyst', 1],
    ['Marketing Intern', 0],
  ])('reads "%s" as level %s', (title, level) => {
    expect(careerLevel({ title, depth: 4, orgSize: 0 }, { asOf }).level).toBe(level);
  });

  it('suggests mentor for early career and leader for senior people', () => {
    expect(careerLevel({ title: 'Graduate Engineer', depth: 5, orgSize: 0 }, { asOf }).role).toBe(
      'mentor',
    );
    expect(careerLevel({ title: 'VP Sales', depth: 2, orgSize: 120 }, { asOf }).role).toBe(
      'leader',
    );
    expect(
      careerLevel({ title: 'Staff Engineer', depth: 4, orgSize: 0 }, { asOf }).role,
    ).toBeNull();
  });

  it('lets the size of the organisation outrank a modest title', () => {
    const result = careerLevel({ title: 'Senior Engineer', depth: 3, orgSize: 300 }, { asOf });
    expect(result.level).toBe(8);
    expect(result.role).toBe('leader');
    expect(result.reasons.join(' ')).toContain('leads an organisation of 300');
  });

  it('puts the top of the chart at 10 whatever the title', () => {
    expect(careerLevel({ title: 'Founder', depth: 0, orgSize: 5000 }, { asOf }).level).toBe(10);
  });

  it('never suggests mentor for someone who manages people', () => {
    const result = careerLevel(
      { title: 'Junior Team Coordinator', depth: 6, orgSize: 2 },
      { asOf },
    );
    expect(result.role).not.toBe('mentor');
  });

  it('uses tenure only when the title says nothing', () => {
    const fresh = careerLevel(
      { title: 'Analyst', depth: 5, orgSize: 0, hireDate: '2025-01-10' },
      { asOf },
    );
    expect(fresh.level).toBe(2);
    expect(fresh.reasons[0]).toBe('joined less than a year ago');
    const long = careerLevel(
      { title: 'Analyst', depth: 5, orgSize: 0, hireDate: '2010-01-10' },
      { asOf },
    );
    expect(long.level).toBe(4);
    const titled = careerLevel(
      { title: 'Senior Analyst', depth: 5, orgSize: 0, hireDate: '2025-01-10' },
      { asOf },
    );
    expect(titled.level).toBe(4);
  });

  it('takes a custom title table', () => {
    const rules: TitleRule[] = [{ pattern: /\bpartner\b/i, level: 9, label: 'Partner' }];
    expect(levelFromTitle('Managing Partner', rules)?.level).toBe(9);
    expect(
      careerLevel({ title: 'Partner', depth: 3, orgSize: 0 }, { titleRules: rules, asOf }).role,
    ).toBe('leader');
  });

  it('has no input for age or birthday', () => {
    // The contract itself keeps age out: extra fields are not part of CareerInput.
    const input = { title: 'Engineer', depth: 3, orgSize: 0, birthday: '1999-01-01' };
    const a = careerLevel(input, { asOf });
    const older = { ...input, birthday: '1960-01-01' };
    const b = careerLevel(older, { asOf });
    expect(a).toEqual(b);
  });
});

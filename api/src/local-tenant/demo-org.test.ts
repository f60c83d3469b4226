import { describe, expect, it } from 'vitest';
import { generateDemoOrg } from './demo-org.js';

describe('generateDemoOrg', () => {
  it('gives the same organisation for the same people and seed, and another for another seed', () => {
    const a = generateDemoOrg({ people: 300, seed: 42 });
    const b = generateDemoOrg({ people: 300, seed: 42 });
    const c = generateDemoOrg({ people: 300, seed: 7 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.people[5]?.id).not.toBe(a.people[5]?.id);
  });

  it('builds a real hierarchy: one CEO, C-level heads, managers before their reports', () => {
    const org = generateDemoOrg({ people: 300, seed: 42 });
    expect(org.people).toHaveLength(300);
    const ceo = org.people.filter((p) => p.level === 'ceo');
    expect(ceo).toHaveLength(1);
    expect(ceo[0]?.managerId).toBeNull();
    const index = new Map(org.people.map((p) => [p.id, p.index]));
    for (const p of org.people) {
      if (p.managerId !== null) expect(index.get(p.managerId)).toBeLessThan(p.index);
    }
    const titles = org.people.map((p) => p.jobTitle).join('|');
    for (const word of [
      'Chief',
      'Vice President',
      'Director',
      'Manager',
      'Senior',
      'Associate',
      'Intern',
      'Graduate',
    ]) {
      expect(titles).toContain(word);
    }
    const departments = new Set(org.people.map((p) => p.department));
    for (const d of [
      'Engineering',
      'Sales',
      'Marketing',
      'Finance',
      'HR',
      'Operations',
      'Legal',
      'Product',
      'Customer Success',
    ]) {
      expect(departments).toContain(d);
    }
  });

  it('has GUID ids, demo-domain mail, unique addresses and hire dates for most', () => {
    const org = generateDemoOrg({ people: 2000, seed: 3 });
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(org.people.every((p) => guid.test(p.id))).toBe(true);
    expect(new Set(org.people.map((p) => p.mail)).size).toBe(2000);
    expect(org.people.every((p) => p.mail.endsWith('@contoso.example'))).toBe(true);
    const hired = org.people.filter((p) => p.employeeHireDate !== null).length;
    expect(hired / 2000).toBeGreaterThan(0.9);
  });

  it('spreads people over both hemispheres, mostly Windows zone names, some IANA and custom bias', () => {
    const org = generateDemoOrg({ people: 3000, seed: 42 });
    const zones = new Set(org.people.map((p) => p.mailbox.timeZone));
    expect(zones).toContain('GMT Standard Time');
    expect(zones).toContain('Pacific Standard Time');
    expect(zones).toContain('AUS Eastern Standard Time');
    expect(zones).toContain('India Standard Time');
    expect(zones).toContain('E. South America Standard Time');
    const iana = org.people.filter((p) => p.mailbox.timeZone.includes('/')).length;
    expect(iana).toBeGreaterThan(0);
    expect(iana / 3000).toBeLessThan(0.15);
    const custom = org.people.filter((p) => '@odata.type' in p.mailbox.workingHours.timeZone);
    expect(custom.length).toBeGreaterThan(0);
    const standard = org.people.filter(
      (p) => p.mailbox.workingHours.startTime === '09:00:00.0000000',
    ).length;
    expect(standard / 3000).toBeGreaterThan(0.6);
  });

  it('carries the data problems and roles tests need', () => {
    const org = generateDemoOrg({ people: 300, seed: 42, managerLoop: true });
    expect(org.programAdminIds).toHaveLength(3);
    for (const id of org.programAdminIds)
      expect(org.people.find((p) => p.id === id)?.department).toBe('HR');
    expect(org.freeBusyErrorIds).toHaveLength(2);
    expect(org.withoutManagerIds.length).toBeGreaterThanOrEqual(2);
    for (const id of org.withoutManagerIds)
      expect(org.people.find((p) => p.id === id)?.managerId).toBeNull();
    const [a, b] = org.managerLoopIds;
    const byId = new Map(org.people.map((p) => [p.id, p]));
    expect(byId.get(a ?? '')?.managerId).toBe(b);
    expect(byId.get(b ?? '')?.managerId).toBe(a);
  });

  it('generates 100,000 people in under 2 seconds', () => {
    // CPU time, not wall time: other test files share the two cores.
    const before = process.cpuUsage();
    const org = generateDemoOrg({ people: 100_000, seed: 42 });
    const used = process.cpuUsage(before);
    expect(org.people).toHaveLength(100_000);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
  });
});

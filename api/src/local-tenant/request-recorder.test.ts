import { describe, expect, it } from 'vitest';
import { startLocalTenant } from './local-tenant.js';
import { recordAllLocalTenants, type RecordedExchange } from './request-recorder.js';
import { graphCaller, useLocalTenant } from './testing.js';

const local = useLocalTenant({ people: 40, seed: 3 });
const { graph } = local;

describe('request recorder', () => {
  it('reports each Graph call with its bodies while installed, and nothing after', async () => {
    const seen: RecordedExchange[] = [];
    recordAllLocalTenants((x) => seen.push(x));
    const who = local.tenant.state.org.people[1]?.mail ?? '';
    await graph(`/users/${who}/calendar/getSchedule`, {
      method: 'POST',
      body: {
        schedules: [who],
        startTime: { dateTime: '2030-01-07T00:00:00', timeZone: 'UTC' },
        endTime: { dateTime: '2030-01-08T00:00:00', timeZone: 'UTC' },
      },
    });
    recordAllLocalTenants(undefined);
    await graph('/users?$top=1');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: `/users/${who}/calendar/getSchedule`,
      requestBody: { schedules: [who] },
      status: 200,
      responseBody: { value: [{ scheduleId: who }] },
    });
  });

  it('prefers the tenant’s own recorder', async () => {
    const own: RecordedExchange[] = [];
    const global: RecordedExchange[] = [];
    const other = await startLocalTenant({ people: 10, recorder: (x) => own.push(x) });
    recordAllLocalTenants((x) => global.push(x));
    try {
      await (
        await graphCaller(other)
      )('/users?$select=id');
    } finally {
      recordAllLocalTenants(undefined);
      await other.close();
    }
    expect(own.map((x) => x.path)).toEqual(['/users?$select=id']);
    expect(global).toEqual([]);
  });
});

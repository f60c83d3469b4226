import type { Services } from '../../../api/src/app/index.js';
import { seedLivingDemo } from '../../../api/src/cli/living-demo.js';

/** Seeds the living demo (a closed pilot, a cohort part-way through) with the tenant's admins. */
export async function seedDemo(services: Services): Promise<void> {
  const tenant = services.localTenant;
  if (tenant === undefined) throw new Error('the test app runs without its local tenant');
  const listed = (await (await fetch(`${tenant.origin}/_local/people?top=1`)).json()) as {
    programAdminIds: string[];
  };
  await seedLivingDemo(services, { adminIds: listed.programAdminIds, say: () => {} });
}

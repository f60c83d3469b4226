import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { NotificationSettingsView } from '../contract/index.js';
import type { Db } from '../store/index.js';
import { notificationSettings, people } from '../store/index.js';
import { DEFAULT_QUIET_HOURS, HH_MM, zoneOrUtc } from '../calendar-time/index.js';
import type { QuietHours } from '../calendar-time/index.js';

export const settingsInput = z
  .object({
    enabled: z.boolean(),
    quietHours: z
      .object({ start: z.string().regex(HH_MM, 'HH:mm'), end: z.string().regex(HH_MM, 'HH:mm') })
      .strict()
      .optional(),
  })
  .strict();

export interface PersonNudgeSettings {
  enabled: boolean;
  quiet: QuietHours;
  timeZone: string;
}

export async function nudgeSettingsOf(db: Db, personId: string): Promise<PersonNudgeSettings> {
  const [settings] = await db
    .select()
    .from(notificationSettings)
    .where(eq(notificationSettings.personId, personId));
  const [person] = await db
    .select({ timeZone: people.timeZone })
    .from(people)
    .where(eq(people.id, personId));
  return {
    enabled: settings?.enabled ?? true,
    quiet:
      settings === undefined
        ? DEFAULT_QUIET_HOURS
        : { start: settings.quietStart, end: settings.quietEnd },
    timeZone: zoneOrUtc(person?.timeZone),
  };
}

export function toSettingsView(s: PersonNudgeSettings): NotificationSettingsView {
  return { enabled: s.enabled, quietHours: { ...s.quiet }, timeZone: s.timeZone };
}

export async function saveNudgeSettings(
  db: Db,
  personId: string,
  input: z.infer<typeof settingsInput>,
  now: Date,
): Promise<PersonNudgeSettings> {
  const current = await nudgeSettingsOf(db, personId);
  const quiet = input.quietHours ?? current.quiet;
  const values = {
    enabled: input.enabled,
    quietStart: quiet.start,
    quietEnd: quiet.end,
    updatedAt: now,
  };
  await db
    .insert(notificationSettings)
    .values({ personId, ...values })
    .onConflictDoUpdate({ target: notificationSettings.personId, set: values });
  return { ...current, enabled: input.enabled, quiet };
}

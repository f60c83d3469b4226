import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { route } from '../app/index.js';
import type { RouteDef } from '../app/index.js';
import type { NotificationSettingsView, NotificationView } from '../contract/index.js';
import type { Services } from '../app/index.js';
import { notifications } from '../store/index.js';
import {
  nudgeSettingsOf,
  saveNudgeSettings,
  settingsInput,
  toSettingsView,
} from './notification-settings.js';

const LIST_LIMIT = 50;

/** A stored nudge as its recipient reads it in the tab's list. */
export function toNotificationView(n: typeof notifications.$inferSelect): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    text: n.text,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
    link: n.link,
  };
}

export function notificationRoutes(services: Services): RouteDef[] {
  const { db } = services;
  return [
    route({
      method: 'get',
      path: '/me/notifications',
      access: 'signed-in',
      summary: "The caller's nudges, newest first",
      async handle({ principal: caller }): Promise<{ items: NotificationView[] }> {
        const rows = await db
          .select()
          .from(notifications)
          .where(eq(notifications.personId, caller.userId))
          .orderBy(desc(notifications.createdAt))
          .limit(LIST_LIMIT);
        return { items: rows.map(toNotificationView) };
      },
    }),
    route({
      method: 'post',
      path: '/me/notifications/read',
      access: 'signed-in',
      summary: "Mark the caller's nudges read (all, or the ids given)",
      body: z.object({ ids: z.array(z.uuid()).max(LIST_LIMIT).optional() }).strict(),
      async handle({ principal: caller, body }): Promise<{ marked: number }> {
        const mine = and(eq(notifications.personId, caller.userId), isNull(notifications.readAt));
        const rows = await db
          .update(notifications)
          .set({ readAt: services.now() })
          .where(body.ids === undefined ? mine : and(mine, inArray(notifications.id, body.ids)))
          .returning({ id: notifications.id });
        return { marked: rows.length };
      },
    }),
    route({
      method: 'get',
      path: '/me/notification-settings',
      access: 'signed-in',
      summary: "The caller's nudge settings",
      async handle({ principal }): Promise<NotificationSettingsView> {
        return toSettingsView(await nudgeSettingsOf(db, principal.userId));
      },
    }),
    route({
      method: 'put',
      path: '/me/notification-settings',
      access: 'signed-in',
      summary: 'Turn nudges on or off (one click) and set quiet hours',
      body: settingsInput,
      async handle({ principal: caller, body }): Promise<NotificationSettingsView> {
        return toSettingsView(await saveNudgeSettings(db, caller.userId, body, services.now()));
      },
    }),
  ];
}

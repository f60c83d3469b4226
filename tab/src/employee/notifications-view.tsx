import { Badge, Body1, Caption1, Card, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useResource, type NotificationView } from '../api/index.js';
import {
  column,
  EmptyState,
  formatDateTime,
  layoutStyles,
  Page,
  ResourceView,
} from '../ui/index.js';

const useStyles = makeStyles({
  ...layoutStyles,
  list: { ...layoutStyles.list, gap: tokens.spacingVerticalS },
  item: column(tokens.spacingVerticalXS),
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** Links inside the tab are hash routes; others (a Teams deep link) open as they are. */
function linkTarget(link: string): string {
  return link.startsWith('#') ? link : link.replace(/^.*?(#\/.*)$/, '$1');
}

export function NotificationsView() {
  const styles = useStyles();
  const notifications = useResource<{ items: NotificationView[] }>('/api/me/notifications');
  return (
    <Page title="Notifications" subtitle="What we told you in Teams, in one place.">
      <ResourceView
        resource={notifications}
        label="Loading notifications"
        empty={
          <EmptyState title="No notifications yet">
            We message you when you are matched, when a session is booked or moved, and when it is
            time to check in.
          </EmptyState>
        }
      >
        {(data) => (
          <ul className={styles.list}>
            {data.items.map((n) => (
              <li key={n.id}>
                <Card className={styles.item} appearance={n.read ? 'subtle' : 'filled'}>
                  <Body1>{n.text}</Body1>
                  <div className={styles.meta}>
                    <Caption1 className={styles.muted}>{formatDateTime(n.createdAt)}</Caption1>
                    {!n.read && (
                      <Badge appearance="tint" color="brand" size="small">
                        New
                      </Badge>
                    )}
                    {n.link !== null && <Link href={linkTarget(n.link)}>Open</Link>}
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </ResourceView>
    </Page>
  );
}

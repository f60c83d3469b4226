import {
  Avatar,
  Body1,
  Button,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import {
  AlertRegular,
  HomeRegular,
  PeopleTeamRegular,
  SettingsRegular,
  SignOutRegular,
} from '@fluentui/react-icons';
import { Suspense } from 'react';
import { useResource, type Me } from '../api/index.js';
import type { Host } from '../host/index.js';
import { href, useRoute, type Route } from '../routing/index.js';
import { Page, ProblemBar, ViewerTimeZone } from '../ui/index.js';
import { RouteErrorBoundary } from './route-error-boundary.js';
import { RouteView } from './route-view.js';

const useStyles = makeStyles({
  // Reading order, keyboard order and layout agree at every width: brand, navigation, account.
  // Phones put the navigation under the brand with the account at its end.
  header: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gridTemplateAreas: '"brand brand" "nav account"',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 480px)': {
      paddingLeft: tokens.spacingHorizontalS,
      paddingRight: tokens.spacingHorizontalS,
    },
    '@media (min-width: 720px)': {
      gridTemplateColumns: 'auto minmax(0, 1fr) auto',
      gridTemplateAreas: '"brand nav account"',
    },
  },
  brand: {
    gridArea: 'brand',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  nav: { gridArea: 'nav', minWidth: 0 },
  tabs: { flexWrap: 'wrap' },
  account: {
    gridArea: 'account',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  main: {
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '1120px',
    marginLeft: 'auto',
    marginRight: 'auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
    '@media (max-width: 480px)': {
      padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
    },
  },
  hideOnPhone: { '@media (max-width: 480px)': { display: 'none' } },
  compactMain: { padding: tokens.spacingHorizontalM },
});

type NavValue = 'home' | 'notifications' | 'settings' | 'admin';

function navValueOf(route: Route): NavValue | undefined {
  switch (route.name) {
    case 'home':
    case 'enrol':
    case 'pairing':
    case 'session':
    case 'survey':
      return 'home';
    case 'notifications':
      return 'notifications';
    case 'settings':
      return 'settings';
    case 'admin':
    case 'admin-program':
    case 'admin-match':
    case 'admin-bookings':
    case 'admin-insights':
    case 'admin-rematches':
    case 'admin-guide':
    case 'admin-audit':
    case 'admin-outcomes':
    case 'admin-report':
      return 'admin';
    default:
      return undefined;
  }
}

const navTargets: Record<NavValue, Route> = {
  home: { name: 'home' },
  notifications: { name: 'notifications' },
  settings: { name: 'settings' },
  admin: { name: 'admin' },
};

/** Header (app name, navigation, who is signed in) and the main landmark with the current view. */
export function AppShell(props: { host: Host; onSignOut: (() => void) | undefined }) {
  const styles = useStyles();
  const route = useRoute();
  const me = useResource<Me>('/api/me');
  const isAdmin = me.data?.isAdmin === true;
  // The meeting side panel, the stage and the configuration page are small frames inside
  // Teams: no chrome, whichever address Teams opened them at.
  const compact =
    props.host.kind === 'teams' &&
    (route.name === 'meeting' ||
      route.name === 'config' ||
      props.host.frameContext === 'sidePanel' ||
      props.host.frameContext === 'meetingStage' ||
      props.host.frameContext === 'settings');

  return (
    <>
      {!compact && (
        <header className={styles.header}>
          <div className={styles.brand}>
            <PeopleTeamRegular aria-hidden fontSize={tokens.fontSizeBase500} />
            <Text weight="semibold" size={400}>
              Reverse Mentoring
            </Text>
          </div>
          <nav className={styles.nav} aria-label="Reverse Mentoring">
            <TabList
              className={styles.tabs}
              selectedValue={navValueOf(route) ?? null}
              onTabSelect={(_e, data) => {
                window.location.hash = href(navTargets[data.value as NavValue]);
              }}
            >
              <Tab value="home" icon={<HomeRegular />}>
                Home
              </Tab>
              <Tab value="notifications" icon={<AlertRegular />}>
                Notifications
              </Tab>
              <Tab value="settings" icon={<SettingsRegular />}>
                Settings
              </Tab>
              {(isAdmin || navValueOf(route) === 'admin') && (
                <Tab value="admin" icon={<PeopleTeamRegular />}>
                  Programs
                </Tab>
              )}
            </TabList>
          </nav>
          <div className={styles.account}>
            {me.data !== undefined && (
              <Avatar
                name={me.data.displayName}
                size={28}
                color="colorful"
                aria-hidden
                className={styles.hideOnPhone}
              />
            )}
            {me.data !== undefined && (
              <Text size={200} className={styles.hideOnPhone}>
                {me.data.displayName}
              </Text>
            )}
            {props.onSignOut !== undefined && (
              <Tooltip content="Sign out" relationship="label">
                <Button appearance="subtle" icon={<SignOutRegular />} onClick={props.onSignOut} />
              </Tooltip>
            )}
          </div>
        </header>
      )}
      {/* data-route tells tests (and support staff reading the DOM) which view is on screen. */}
      <main
        className={compact ? styles.compactMain : styles.main}
        id="main"
        data-route={href(route)}
      >
        {me.state === 'error' && me.error.kind === 'not-in-directory' ? (
          // Every view would fail the same way; say it once, plainly.
          <Page title="We could not find you in the directory">
            <ProblemBar error={me.error} onRetry={me.reload} />
            <Body1>
              Reverse Mentoring uses your organisation&apos;s directory to match people. New
              colleagues appear after the next directory sync, usually within an hour.
            </Body1>
          </Page>
        ) : (
          <RouteErrorBoundary resetKey={href(route)}>
            <Suspense fallback={<Spinner label="Loading" labelPosition="below" />}>
              <ViewerTimeZone.Provider value={me.data?.timeZone ?? null}>
                <RouteView route={route} host={props.host} me={me.data} />
              </ViewerTimeZone.Provider>
            </Suspense>
          </RouteErrorBoundary>
        )}
      </main>
    </>
  );
}

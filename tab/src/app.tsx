import {
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ApiError, ApiProvider, createApiClient } from './api/index.js';
import { clearDevToken, readDevToken, TeamsSignIn } from './auth/index.js';
import {
  detectHost,
  fluentTheme,
  themeFromSearch,
  type Host,
  type ThemeName,
} from './host/index.js';
import { AppShell } from './shell/index.js';
import { NotifyProvider } from './ui/index.js';

// Only the browser (local mode) needs the sign-in picker; Teams signs people in by SSO.
const DevSignIn = lazy(() =>
  import('./auth/dev-sign-in.js').then((m) => ({ default: m.DevSignIn })),
);

// Fluent's text components do not reset the browser's heading and paragraph margins; spacing
// comes from each layout's gap instead.
const useGlobalStyles = makeStaticStyles({
  body: { margin: 0 },
  'h1, h2, h3, h4, p, figure': { margin: 0 },
});

const useStyles = makeStyles({
  // On a wrapper, not on FluentProvider: Fluent copies the provider's classes to portal mount
  // nodes (dialogs, menus), and a full-height background there would cover the page.
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  starting: { paddingTop: tokens.spacingVerticalXXXL },
});

/** A later SSO refusal reads like any other problem in the view that asked. */
async function teamsToken(host: Extract<Host, { kind: 'teams' }>): Promise<string> {
  try {
    return await host.getToken();
  } catch (cause) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Teams sign-in failed',
      status: 401,
      detail: cause instanceof Error ? cause.message : String(cause),
    });
  }
}

function initialTheme(): ThemeName {
  return themeFromSearch(window.location.search) ?? 'light';
}

export function App() {
  useGlobalStyles();
  const styles = useStyles();
  const [host, setHost] = useState<Host | undefined>();
  const [theme, setTheme] = useState<ThemeName>(initialTheme);
  const [signedIn, setSignedIn] = useState(() => readDevToken() !== undefined);

  useEffect(() => {
    let live = true;
    void detectHost().then((detected) => {
      if (!live) return;
      setHost(detected);
      if (detected.kind === 'teams') {
        setTheme(detected.theme);
        detected.onThemeChange(setTheme);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  const client = useMemo(
    () =>
      createApiClient({
        getToken: async () => {
          if (host?.kind === 'teams') return teamsToken(host);
          return readDevToken();
        },
        // Teams hands out a current token on each call, so asking again is the refresh.
        refreshToken: host?.kind === 'teams' ? () => teamsToken(host) : undefined,
        onUnauthorized: () => {
          if (host?.kind !== 'teams') {
            clearDevToken();
            setSignedIn(false);
          }
        },
      }),
    [host],
  );

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  let content;
  if (host === undefined) {
    content = (
      <main className={styles.starting}>
        <Spinner label="Starting Reverse Mentoring" labelPosition="below" />
      </main>
    );
  } else if (host.kind === 'browser' && !signedIn) {
    content = (
      <Suspense fallback={<Spinner className={styles.starting} label="Loading sign-in" />}>
        <DevSignIn onSignedIn={() => setSignedIn(true)} />
      </Suspense>
    );
  } else if (host.kind === 'teams') {
    content = (
      <TeamsSignIn getToken={host.getToken}>
        <AppShell host={host} onSignOut={undefined} />
      </TeamsSignIn>
    );
  } else {
    content = (
      <AppShell
        host={host}
        onSignOut={() => {
          clearDevToken();
          setSignedIn(false);
        }}
      />
    );
  }

  return (
    <FluentProvider theme={fluentTheme(theme)}>
      <div className={styles.root}>
        <ApiProvider client={client}>
          <NotifyProvider>{content}</NotifyProvider>
        </ApiProvider>
      </div>
    </FluentProvider>
  );
}

import { Body1, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/index.js';
import { Page, ProblemBar } from '../ui/index.js';

const useStyles = makeStyles({
  main: {
    boxSizing: 'border-box',
    maxWidth: '640px',
    marginLeft: 'auto',
    marginRight: 'auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
  },
});

type SignIn = { state: 'pending' } | { state: 'signed-in' } | { state: 'failed'; reason: string };

/** Teams' getAuthToken reasons (`CancelledByUser`, `resourceRequiresConsent`, …) in plain words. */
function explain(reason: string): string {
  const r = reason.toLowerCase();
  if (r.includes('consent'))
    return 'Your organisation has not yet approved Reverse Mentoring for your account. Ask your IT admin to grant consent in the Microsoft Entra admin center, then try again.';
  if (r.includes('cancel')) return 'The sign-in window was closed before it finished.';
  return 'Teams did not hand Reverse Mentoring a sign-in token. This is often brief: try again in a moment.';
}

/**
 * In Teams the person is signed in by SSO (`authentication.getAuthToken`). The first token is
 * asked for before any view, so a refusal shows one clear message with a retry instead of every
 * view failing on its own, or a blank frame.
 */
export function TeamsSignIn(props: { getToken(): Promise<string>; children: ReactNode }) {
  const styles = useStyles();
  const { getToken } = props;
  const [signIn, setSignIn] = useState<SignIn>({ state: 'pending' });

  // The state starts pending, so the first request sets state only when Teams answers.
  const request = useCallback(
    () =>
      getToken().then(
        () => setSignIn({ state: 'signed-in' }),
        (cause: unknown) =>
          setSignIn({
            state: 'failed',
            reason: cause instanceof Error && cause.message !== '' ? cause.message : String(cause),
          }),
      ),
    [getToken],
  );
  const attempt = useCallback(() => {
    setSignIn({ state: 'pending' });
    return request();
  }, [request]);

  useEffect(() => {
    void request();
  }, [request]);

  if (signIn.state === 'signed-in') return props.children;
  return (
    <main className={styles.main} id="main">
      {signIn.state === 'pending' ? (
        <Spinner label="Signing you in through Teams" labelPosition="below" />
      ) : (
        <Page title="We could not sign you in">
          <ProblemBar
            error={
              new ApiError({
                type: 'about:blank',
                title: 'Teams sign-in failed',
                status: 401,
                detail: `${explain(signIn.reason)} (Teams said: ${signIn.reason})`,
              })
            }
            onRetry={() => void attempt()}
          />
          <Body1>
            Reverse Mentoring signs you in with your Teams account; there is no separate password.
          </Body1>
        </Page>
      )}
    </main>
  );
}

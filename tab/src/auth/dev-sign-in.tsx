import {
  Avatar,
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Combobox,
  Field,
  makeStyles,
  Option,
  Spinner,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ApiError, useApi, useSubmit, type PersonCard, type Role } from '../api/index.js';
import { column, layoutStyles, ProblemBar } from '../ui/index.js';
import { saveDevToken } from './token-store.js';

type DevPerson = PersonCard & { isAdmin: boolean; suggestedRole: Role | null };

const useStyles = makeStyles({
  ...layoutStyles,
  main: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'center',
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
  },
  card: { width: '100%', maxWidth: '480px', padding: tokens.spacingHorizontalXL },
  stack: column(tokens.spacingVerticalM),
  option: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  optionText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

/**
 * Local mode only: pick a demo person of the local tenant and get a token it issued, validated
 * by the API exactly like an Entra token. In Teams this page never shows (SSO signs people in).
 */
export function DevSignIn(props: { onSignedIn(): void }) {
  const styles = useStyles();
  const api = useApi();
  const [search, setSearch] = useState('');
  const [people, setPeople] = useState<DevPerson[] | undefined>();
  const [selected, setSelected] = useState<DevPerson | undefined>();
  // The people list's failure; signing in has its own below.
  const [error, setError] = useState<ApiError | undefined>();
  const submit = useSubmit();

  useEffect(() => {
    const controller = new AbortController();
    // Wait for a pause in typing so the picker does not query on every key.
    const timer = setTimeout(() => {
      api
        .get<{ people: DevPerson[] }>(
          `/dev/people?search=${encodeURIComponent(search)}&limit=20`,
          controller.signal,
        )
        .then(
          (answer) => {
            setPeople(answer.people);
            setError(undefined);
          },
          (cause: unknown) => {
            if (controller.signal.aborted) return;
            if (cause instanceof ApiError) setError(cause);
            setPeople([]);
          },
        );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, search]);

  const signIn = async () => {
    if (selected === undefined) return;
    await submit.run(async () => {
      const answer = await api.send<{ accessToken: string; expiresIn: number }>(
        'POST',
        '/dev/sign-in',
        { userId: selected.id },
      );
      saveDevToken(answer.accessToken, answer.expiresIn);
      props.onSignedIn();
    });
  };

  const shown = submit.error ?? error;
  return (
    <main className={styles.main}>
      <Card className={styles.card}>
        <div className={styles.stack}>
          <Title3 as="h1">Sign in to Reverse Mentoring</Title3>
          <Body1 className={styles.muted}>
            This is the local demo organisation. Choose the person you want to be; in Teams you are
            signed in automatically.
          </Body1>
          {shown !== undefined && <ProblemBar error={shown} />}
          <Field label="Person" hint="Type a name, title or department">
            <Combobox
              freeform
              placeholder="Search people"
              value={selected?.displayName ?? search}
              onInput={(e) => {
                setSelected(undefined);
                setSearch((e.target as HTMLInputElement).value);
              }}
              onOptionSelect={(_e, data) => {
                setSelected(people?.find((p) => p.id === data.optionValue));
              }}
            >
              {people === undefined ? (
                <Option disabled text="Loading">
                  <Spinner size="tiny" label="Loading people" />
                </Option>
              ) : people.length === 0 ? (
                <Option disabled text="No one found">
                  No one found
                </Option>
              ) : (
                people.map((p) => (
                  <Option key={p.id} value={p.id} text={p.displayName}>
                    <div className={styles.option}>
                      <Avatar name={p.displayName} size={32} color="colorful" aria-hidden />
                      <div className={styles.optionText}>
                        <Body1>{p.displayName}</Body1>
                        <Caption1>
                          {[p.jobTitle, p.department].filter((x) => x !== null).join(' · ')}
                        </Caption1>
                        <div className={styles.badges}>
                          {p.isAdmin && (
                            <Badge appearance="outline" color="important" size="small">
                              Program admin
                            </Badge>
                          )}
                          {p.suggestedRole !== null && (
                            <Badge appearance="outline" color="brand" size="small">
                              {p.suggestedRole === 'mentor' ? 'Mentor' : 'Leader'}
                            </Badge>
                          )}
                        </div>
                      </div>
                    </div>
                  </Option>
                ))
              )}
            </Combobox>
          </Field>
          <Button
            appearance="primary"
            disabled={selected === undefined || submit.busy}
            onClick={() => void signIn()}
          >
            {submit.busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </div>
      </Card>
    </main>
  );
}

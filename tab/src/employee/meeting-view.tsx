import { Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useResource, type HomeView, type SessionGuideView } from '../api/index.js';
import { meetingJoinUrl, type Host } from '../host/index.js';
import { EmptyState, Page, ResourceView } from '../ui/index.js';
import { SessionGuide } from './session-guide.js';

function joinUrlFromAddress(): string | undefined {
  const query = window.location.hash.split('?')[1] ?? window.location.search.slice(1);
  return new URLSearchParams(query).get('joinUrl') ?? undefined;
}

function MeetingGuide(props: { joinUrl: string }) {
  const guide = useResource<SessionGuideView>(
    `/api/meeting-guide?joinUrl=${encodeURIComponent(props.joinUrl)}`,
  );
  return (
    <ResourceView resource={guide} label="Loading the guide for this meeting">
      {(g) => <SessionGuide guide={g} compact />}
    </ResourceView>
  );
}

/** Outside a meeting, the guide for my next session is the useful thing to show. */
function NextSessionGuide() {
  const home = useResource<HomeView>('/api/me/home');
  return (
    <ResourceView resource={home} label="Finding your next session">
      {(data) => {
        const next = data.pairings.find((p) => p.nextSession?.joinUrl != null)?.nextSession;
        if (next?.joinUrl == null) {
          return (
            <EmptyState title="No mentoring meeting found">
              Open this tab inside a mentoring meeting in Teams to see the guide for that session.
            </EmptyState>
          );
        }
        return <MeetingGuide joinUrl={next.joinUrl} />;
      }}
    </ResourceView>
  );
}

/** The meeting side panel: the guide for this session, narrow enough for the panel (320 px). */
export function MeetingView(props: { host: Host }) {
  // The address may name the meeting; otherwise Teams is asked (null until it answers).
  const fromAddress = joinUrlFromAddress();
  const askTeams = fromAddress === undefined && props.host.kind === 'teams';
  const [fromTeams, setFromTeams] = useState<string | undefined | null>(null);
  useEffect(() => {
    if (!askTeams) return;
    let current = true;
    void meetingJoinUrl().then((url) => {
      if (current) setFromTeams(url);
    });
    return () => {
      current = false;
    };
  }, [askTeams]);
  const joinUrl = askTeams ? fromTeams : fromAddress;
  return (
    <Page title="Session guide" subtitle="For this mentoring meeting">
      {joinUrl === null ? (
        <Spinner label="Finding this meeting" />
      ) : joinUrl === undefined ? (
        <NextSessionGuide />
      ) : (
        <MeetingGuide joinUrl={joinUrl} />
      )}
    </Page>
  );
}

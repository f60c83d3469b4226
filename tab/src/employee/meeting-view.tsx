import { useResource, type HomeView, type SessionGuideView } from '../api/index.js';
import type { Host } from '../host/index.js';
import { EmptyState, Page, PageSection, ResourceView, useLayoutStyles } from '../ui/index.js';
import { CheckInForm } from './check-in-form.js';
import { CommitmentsCard } from './commitments-card.js';
import { SessionGuide } from './session-guide.js';

/**
 * How this meeting is named to the API: a `?joinUrl=` in the address (links from the app and
 * the browser), else the meeting chat or meeting id of the Teams context. Both are public
 * `app.getContext()` fields; no meeting-details permission is needed.
 */
function meetingQuery(host: Host): string | undefined {
  const query = window.location.hash.split('?')[1] ?? window.location.search.slice(1);
  const joinUrl = new URLSearchParams(query).get('joinUrl');
  if (joinUrl !== null) return `joinUrl=${encodeURIComponent(joinUrl)}`;
  if (host.kind !== 'teams' || host.meeting === undefined) return undefined;
  const { chatId, meetingId } = host.meeting;
  // A group chat's tab has a chat id too, but only a meeting chat leads to a session.
  if (chatId?.startsWith('19:meeting_') === true) return `threadId=${encodeURIComponent(chatId)}`;
  if (meetingId !== undefined) return `meetingId=${encodeURIComponent(meetingId)}`;
  return undefined;
}

/**
 * The three things a pair needs during the meeting, and nothing else: the guide for the viewer's
 * side, the check-in (or when it opens) and the pair's commitments.
 */
function MeetingPanel(props: { guide: SessionGuideView }) {
  const styles = useLayoutStyles();
  const g = props.guide;
  return (
    <div className={styles.stack}>
      <SessionGuide guide={g} compact />
      <PageSection title="Check-in" id="meeting-check-in">
        <CheckInForm sessionId={g.sessionId} reflectionQuestion={g.reflectionQuestion} />
      </PageSection>
      <PageSection title="Commitments" id="meeting-commitments">
        <CommitmentsCard pairingId={g.pairingId} myRole={g.role} partnerName="Your partner" />
      </PageSection>
    </div>
  );
}

function MeetingGuide(props: { query: string }) {
  const guide = useResource<SessionGuideView>(`/api/meeting-guide?${props.query}`);
  return (
    <ResourceView resource={guide} label="Loading the guide for this meeting">
      {(g) => <MeetingPanel guide={g} />}
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
        return <MeetingGuide query={`joinUrl=${encodeURIComponent(next.joinUrl)}`} />;
      }}
    </ResourceView>
  );
}

/**
 * The meeting side panel (320 px): no app navigation, only this session's guide, check-in and
 * commitments.
 */
export function MeetingView(props: { host: Host }) {
  const query = meetingQuery(props.host);
  return (
    <Page title="Session guide" subtitle="For this mentoring meeting">
      {query === undefined ? <NextSessionGuide /> : <MeetingGuide query={query} />}
    </Page>
  );
}

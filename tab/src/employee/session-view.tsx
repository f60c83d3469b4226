import { useResource, type SessionGuideView } from '../api/index.js';
import { Page, PageSection, ResourceView, useLayoutStyles } from '../ui/index.js';
import { CheckInForm } from './check-in-form.js';
import { SessionGuide } from './session-guide.js';
import { sessionLabel } from './session-label.js';

/** A session (deep link #/session/:id): the guide for my role, then my check-in. */
export function SessionView(props: { sessionId: string }) {
  const styles = useLayoutStyles();
  const guide = useResource<SessionGuideView>(
    `/api/sessions/${encodeURIComponent(props.sessionId)}/guide`,
  );
  const g = guide.data;
  return (
    <Page
      title={g === undefined ? 'Session guide' : `${sessionLabel(g)}: ${g.title}`}
      subtitle={g === undefined ? undefined : 'Your guide for this session'}
    >
      <div className={styles.stack}>
        <ResourceView resource={guide} label="Loading the guide">
          {(data) => <SessionGuide guide={data} />}
        </ResourceView>
        {/* Only a member sees the guide; without it there is no session to check in to. */}
        {g !== undefined && (
          <PageSection title="Check-in" id="check-in">
            <CheckInForm sessionId={props.sessionId} reflectionQuestion={g.reflectionQuestion} />
          </PageSection>
        )}
      </div>
    </Page>
  );
}

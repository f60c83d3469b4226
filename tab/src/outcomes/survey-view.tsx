import { Body1 } from '@fluentui/react-components';
import { useResource, type MySurveyView } from '../api/index.js';
import { formatDate, Notice, Page, ResourceView } from '../ui/index.js';
import { SurveyForm } from './survey-form.js';
import { surveyInvitation } from './survey-invitation.js';

/** One outcome survey (baseline or end) for one program: the person's own answers, editable while open. */
export function SurveyView(props: { programId: string; phase: 'baseline' | 'end' }) {
  const survey = useResource<MySurveyView>(
    `/api/me/surveys/${encodeURIComponent(props.programId)}/${props.phase}`,
  );
  const s = survey.data;
  return (
    <Page
      title={
        s === undefined
          ? 'Survey'
          : `${s.phase === 'baseline' ? 'Baseline' : 'End'} survey: ${s.instrument.title.toLowerCase()}`
      }
      subtitle={s?.programName}
    >
      <ResourceView resource={survey} label="Loading your survey">
        {(data) =>
          data.state === 'upcoming' ? (
            <Notice>
              This survey opens after your last session
              {data.opensAt === null ? '' : ` (${formatDate(data.opensAt)})`}. You will get a Teams
              message when it does.
            </Notice>
          ) : (
            <>
              {data.endOf !== null && <Body1>{surveyInvitation(data)}</Body1>}
              <SurveyForm
                // Saved answers coming back start the form afresh from them.
                key={JSON.stringify(data.answers ?? {})}
                survey={data}
                onSaved={survey.reload}
              />
            </>
          )
        }
      </ResourceView>
    </Page>
  );
}

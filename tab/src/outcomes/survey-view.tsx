import { Body1 } from '@fluentui/react-components';
import { useResource, type MySurveyView } from '../api/index.js';
import { formatDate, Notice, Page, ResourceView } from '../ui/index.js';
import { SurveyForm } from './survey-form.js';
import { surveyInvitation } from './survey-invitation.js';
import { surveyPath } from './survey-path.js';

/**
 * One outcome survey for one program (the baseline, or the end survey on one pairing): the
 * person's own answers, editable while open.
 */
export function SurveyView(props: {
  programId: string;
  phase: 'baseline' | 'end';
  pairingId?: string | undefined;
}) {
  const survey = useResource<MySurveyView>(surveyPath(props));
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
              This survey opens after your last session or when your pairing ends
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

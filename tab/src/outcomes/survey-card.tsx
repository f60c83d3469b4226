import {
  Body1,
  Button,
  Caption1,
  Card,
  makeStyles,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { ClipboardTaskListLtrRegular } from '@fluentui/react-icons';
import { useResource, type MySurveysView } from '../api/index.js';
import { href } from '../routing/index.js';
import { column, formatDate, reflowGrid } from '../ui/index.js';
import { surveyInvitation } from './survey-invitation.js';

const useStyles = makeStyles({
  list: reflowGrid('320px', tokens.spacingHorizontalL),
  card: column(tokens.spacingVerticalS),
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * On Home: each open survey the person has not answered yet, one tap from answering. Renders
 * nothing when there is none (or the list cannot be read: Home has its own content to show).
 */
export function SurveyCards() {
  const styles = useStyles();
  const surveys = useResource<MySurveysView>('/api/me/surveys');
  const waiting = (surveys.data?.surveys ?? []).filter(
    (s) => s.state === 'open' && s.answeredAt === null,
  );
  if (waiting.length === 0) return null;
  return (
    <section aria-label="Surveys waiting for you" className={styles.list}>
      {waiting.map((s) => (
        <Card key={`${s.programId}-${s.phase}-${s.pairingId ?? ''}`} className={styles.card}>
          <Subtitle2 as="h3">
            {s.phase === 'baseline' ? 'Three minutes before you start' : 'What changed for you?'}
          </Subtitle2>
          <Body1>{surveyInvitation(s)}</Body1>
          {s.closesAt !== null && (
            <Caption1 className={styles.muted}>
              Open until {formatDate(s.closesAt)} · only averages of 5 or more people reach HR
            </Caption1>
          )}
          <div>
            <Button
              appearance="primary"
              icon={<ClipboardTaskListLtrRegular />}
              as="a"
              href={href({
                name: 'survey',
                programId: s.programId,
                phase: s.phase,
                ...(s.pairingId === null ? {} : { pairingId: s.pairingId }),
              })}
            >
              Answer the {s.phase === 'baseline' ? 'baseline' : 'end'} survey
            </Button>
          </div>
        </Card>
      ))}
    </section>
  );
}

import { Body1, Card, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { enableTabConfig, type Host } from '../host/index.js';
import { column, Page } from '../ui/index.js';

const useStyles = makeStyles({
  card: column(tokens.spacingVerticalS),
});

/** The configurable tab's settings page (added to a meeting): nothing to choose, just Save. */
export function ConfigView(props: { host: Host }) {
  const styles = useStyles();
  useEffect(() => {
    if (props.host.kind === 'teams') void enableTabConfig(window.location.origin);
  }, [props.host]);
  return (
    <Page title="Add the mentoring guide">
      <Card className={styles.card}>
        <Body1>
          The guide follows this meeting: during each mentoring session, both of you see the goal,
          your own prompts, the exercise and the ground rules for that session.
        </Body1>
        <Body1>
          {props.host.kind === 'teams'
            ? 'Select Save to add the tab.'
            : 'This page is used by Teams when the tab is added to a meeting.'}
        </Body1>
      </Card>
    </Page>
  );
}

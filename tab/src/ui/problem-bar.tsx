import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import type { ApiError } from '../api/index.js';

const useStyles = makeStyles({
  reference: { display: 'block', color: tokens.colorNeutralForeground2 },
});

/** Shows a problem+json answer the way Teams shows errors: title, then the server's detail. */
export function ProblemBar(props: {
  error: ApiError;
  onRetry?: () => void;
  /** False where the detail already says each field's problem in words. */
  listFields?: boolean;
}) {
  const styles = useStyles();
  const { problem } = props.error;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{problem.title}</MessageBarTitle>
        {problem.detail ?? ''}
        {/* Field errors add something only when the detail does not already say it. */}
        {problem.errors !== undefined &&
          props.listFields !== false &&
          (problem.errors.length > 1 || problem.detail === undefined) && (
            <ul>
              {problem.errors.map((e) => (
                <li key={`${e.field}:${e.message}`}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          )}
        {props.error.requestId !== undefined && (
          <Caption1 className={styles.reference}>Reference: {props.error.requestId}</Caption1>
        )}
      </MessageBarBody>
      {props.onRetry !== undefined && (
        <MessageBarActions>
          <Button onClick={props.onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

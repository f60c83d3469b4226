import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import type { ApiError } from '../api/index.js';

/** Shows a problem+json answer the way Teams shows errors: title, then the server's detail. */
export function ProblemBar(props: { error: ApiError; onRetry?: () => void }) {
  const { problem } = props.error;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{problem.title}</MessageBarTitle>
        {problem.detail ?? ''}
        {/* Field errors add something only when the detail does not already say it. */}
        {problem.errors !== undefined &&
          (problem.errors.length > 1 || problem.detail === undefined) && (
            <ul>
              {problem.errors.map((e) => (
                <li key={`${e.field}:${e.message}`}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
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

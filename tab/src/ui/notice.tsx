import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';

/**
 * Something the person should know before they act (who can read an answer, when a form opens):
 * an info bar, never an error (that is `ProblemBar`).
 */
export function Notice(props: { icon?: ReactElement; children: ReactNode }) {
  return (
    <MessageBar intent="info" icon={props.icon}>
      <MessageBarBody>{props.children}</MessageBarBody>
    </MessageBar>
  );
}

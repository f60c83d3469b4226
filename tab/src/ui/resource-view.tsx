import { Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Resource } from '../api/index.js';
import { EmptyState } from './empty-state.js';
import { ProblemBar } from './problem-bar.js';

export interface ResourceViewProps<T> {
  resource: Resource<T> & { reload(): void };
  /** What is loading, for the spinner's label ("Loading your pairing"). */
  label: string;
  /** Return true when the data has nothing to show; then `empty` renders instead. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** Every view's loading / error / empty / ready states, so none of them can end up blank. */
export function ResourceView<T>(props: ResourceViewProps<T>) {
  const { resource } = props;
  if (resource.state === 'loading') {
    return <Spinner label={props.label} labelPosition="below" />;
  }
  if (resource.state === 'error') {
    return (
      <>
        <ProblemBar error={resource.error} onRetry={resource.reload} />
        {resource.data !== undefined && props.children(resource.data)}
      </>
    );
  }
  if (props.isEmpty?.(resource.data) === true) {
    return <>{props.empty ?? <EmptyState title="Nothing here yet" />}</>;
  }
  return <>{props.children(resource.data)}</>;
}

import { Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Resource } from '../api/index.js';
import { EmptyState } from './empty-state.js';
import { ProblemBar } from './problem-bar.js';

export interface ResourceViewProps<T> {
  resource: Resource<T> & { reload(): void };
  /** What is loading, for the spinner's label ("Loading your pairing"). */
  label: string;
  /**
   * Return true when the data has nothing to show; then `empty` renders instead. Without it,
   * `empty` shows for a list with nothing in it (an array, or `{ items: [] }` as list routes answer).
   */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

function hasNoItems(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  if (typeof data !== 'object' || data === null || !('items' in data)) return false;
  return Array.isArray(data.items) && data.items.length === 0;
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
  const isEmpty = props.isEmpty ?? (props.empty === undefined ? undefined : hasNoItems);
  if (isEmpty?.(resource.data) === true) {
    return <>{props.empty ?? <EmptyState title="Nothing here yet" />}</>;
  }
  return <>{props.children(resource.data)}</>;
}

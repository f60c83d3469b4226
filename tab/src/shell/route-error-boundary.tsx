import { Button } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { Component, type ReactNode } from 'react';
import { EmptyState, HomeButton, Page } from '../ui/index.js';

/**
 * A lazily loaded screen whose file is gone: the tab was left open across an upgrade and the
 * server now holds the new version's files. Browsers word it differently.
 */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return /dynamically imported module|Importing a module script failed|ChunkLoadError|Unable to preload CSS/i.test(
    message,
  );
}

function RouteFailed(props: { error: unknown; reload: () => void }) {
  const reload = (
    <Button appearance="primary" icon={<ArrowClockwiseRegular />} onClick={props.reload}>
      Reload
    </Button>
  );
  if (isChunkLoadError(props.error))
    return (
      <Page title="A new version is available">
        <EmptyState title="Reload to open this page" action={reload}>
          Reverse Mentoring was updated while this tab was open, and this page belongs to the new
          version. Reloading loads it; nothing you saved is lost.
        </EmptyState>
      </Page>
    );
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <Page title="This page could not be shown">
      <EmptyState
        title="Something went wrong while showing this page"
        action={
          <>
            {reload}
            <HomeButton />
          </>
        }
      >
        {`The app stopped with: ${message}. Reloading usually helps; nothing you saved is lost.`}
      </EmptyState>
    </Page>
  );
}

interface Props {
  /** The route being shown: opening another route clears the failure. */
  resetKey: string;
  children?: ReactNode;
  reload?: () => void;
}

/** Around the lazily loaded screens: a failure says what happened and offers a reload. */
export class RouteErrorBoundary extends Component<Props, { error: unknown; key: string }> {
  override state = { error: undefined as unknown, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: unknown; key: string }) {
    return props.resetKey === state.key ? null : { error: undefined, key: props.resetKey };
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return (
      <RouteFailed
        error={this.state.error}
        reload={this.props.reload ?? (() => window.location.reload())}
      />
    );
  }
}

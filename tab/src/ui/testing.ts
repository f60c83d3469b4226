// Test-only: imported by tab test files, never by the app.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

export interface TestRoot {
  /** The element the tree renders into (fresh for each test). */
  readonly host: HTMLElement;
  /** Renders (or re-renders) and lets effects and resolved promises settle. */
  render(node: ReactNode): Promise<void>;
}

/** A React root in a fresh element for each test of the file (happy-dom), unmounted after it. */
export function testRoot(): TestRoot {
  let host: HTMLElement | undefined;
  let root: Root | undefined;
  beforeEach(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root?.unmount());
    host?.remove();
  });
  return {
    get host() {
      if (host === undefined) throw new Error('testRoot: no test is running');
      return host;
    },
    async render(node) {
      await act(async () => root?.render(node));
    },
  };
}

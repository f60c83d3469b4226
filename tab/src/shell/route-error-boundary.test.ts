// @vitest-environment happy-dom
import { act, createElement, lazy, Suspense, type ComponentType } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testRoot } from '../ui/testing.js';
import { isChunkLoadError, RouteErrorBoundary } from './route-error-boundary.js';

const view = testRoot();
beforeEach(() => {
  // React reports the caught error on the console; the test reads the page instead.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A lazily loaded screen whose import rejects, shown as the shell shows every route. */
async function showFailingScreen(error: Error, reload: () => void, resetKey = '#/admin') {
  const Screen = lazy<ComponentType>(() => Promise.reject(error));
  await view.render(
    createElement(
      RouteErrorBoundary,
      { resetKey, reload },
      createElement(Suspense, { fallback: 'Loading' }, createElement(Screen)),
    ),
  );
}

const reloadButton = () =>
  [...view.host.querySelectorAll('button')].find((b) => b.textContent === 'Reload');

describe('a screen that fails to load', () => {
  it('says a new version is available and reloads, when its file is gone after an upgrade', async () => {
    const reload = vi.fn();
    await showFailingScreen(
      new TypeError(
        'Failed to fetch dynamically imported module: http://127.0.0.1:3911/assets/index-3f9a.js',
      ),
      reload,
    );
    expect(view.host.querySelector('h1')?.textContent).toBe('A new version is available');
    expect(view.host.textContent).toContain('nothing you saved is lost');
    act(() => reloadButton()?.click());
    expect(reload).toHaveBeenCalledOnce();
  });

  it('says what went wrong for any other failure, with Reload and a way Home', async () => {
    await showFailingScreen(new Error('profile is undefined'), vi.fn());
    expect(view.host.querySelector('h1')?.textContent).toBe('This page could not be shown');
    expect(view.host.textContent).toContain('profile is undefined');
    expect(reloadButton()).toBeDefined();
    expect(view.host.querySelector('a[href="#/"]')?.textContent).toBe('Go to Home');
  });

  it('shows the next route once the person goes elsewhere', async () => {
    await showFailingScreen(new Error('boom'), vi.fn());
    await view.render(
      createElement(
        RouteErrorBoundary,
        { resetKey: '#/settings' },
        createElement('h1', null, 'Settings'),
      ),
    );
    expect(view.host.querySelector('h1')?.textContent).toBe('Settings');
  });

  it('recognises how each browser words a missing module', () => {
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: x.js'))).toBe(
      true,
    );
    expect(isChunkLoadError(new Error('profile is undefined'))).toBe(false);
  });
});

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../artifacts/screenshots/', import.meta.url),
);
export const THEMES = ['light', 'dark', 'contrast'] as const;
export const WIDTHS = [360, 1280] as const;
export type ThemeName = (typeof THEMES)[number];

export interface ViewCheck {
  view: string;
  theme: ThemeName;
  width: number;
  /** axe violations of impact serious or critical, as "rule: target" lines. */
  violations: string[];
  /** Text of the page's h1 (every view has exactly one). */
  heading: string;
  /** Whether the main landmark has visible text (a blank page has none). */
  mainText: string;
  screenshot: string;
}

/**
 * Waits until the view for `hash` is on screen with its heading and no spinner: loaded, errored
 * or empty, never blank. The shell marks `main` with the route it shows.
 */
export async function waitForView(page: Page, hash?: string): Promise<void> {
  const route = hash?.split('?')[0];
  await page.waitForFunction(
    (expected) => {
      const main = document.querySelector('main');
      if (main === null || main.querySelector('h1') === null) return false;
      if (main.querySelector('.fui-Spinner') !== null) return false;
      const shown = main.getAttribute('data-route');
      return expected === undefined || shown === null || shown === expected;
    },
    route,
    { timeout: 15_000 },
  );
}

/** Screenshots the page as it is and runs axe on it, at one width. */
export async function checkView(
  page: Page,
  view: string,
  theme: ThemeName,
  width: number,
): Promise<ViewCheck> {
  await page.setViewportSize({ width, height: 900 });
  // Let layout settle after the resize (media queries, Fluent's overflow measurement).
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const screenshot = path.join(SCREENSHOT_DIR, `${view}-${theme}-${width}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Tabster's focus sentinels (Fluent's own focus management) are aria-hidden and hand focus
    // on at once; they are not content, and axe cannot see that they never keep focus.
    .exclude('[data-tabster-dummy]')
    // No CSS selectors for every node (Griffel's class lists make them slow); the HTML
    // snippet of a failing node says enough.
    .options({ resultTypes: ['violations'], selectors: false })
    // One run inside the page; the default mode opens an extra page per run to merge frames,
    // which doubles the time and is only needed for cross-origin iframes (the tab has none).
    .setLegacyMode(true)
    .analyze();
  const violations = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary ?? ''})`),
    );
  const heading = (await page.locator('main h1').first().textContent()) ?? '';
  const mainText = (await page.locator('main').first().innerText()).trim();
  return { view, theme, width, violations, heading, mainText, screenshot };
}

/** Opens `hash` in `theme`, then screenshots and runs axe at every width. */
export async function captureView(options: {
  page: Page;
  baseUrl: string;
  view: string;
  hash: string;
  theme: ThemeName;
}): Promise<ViewCheck[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const { page } = options;
  const url = `${options.baseUrl}/?theme=${options.theme}${options.hash}`;
  const current = new URL(page.url() === 'about:blank' ? 'http://x/' : page.url());
  if (current.search === `?theme=${options.theme}` && current.origin === new URL(url).origin) {
    // Same app, same theme: follow the link in place, as a person clicking through would.
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, options.hash);
  } else {
    await page.goto(url);
  }
  await waitForView(page, options.hash);
  const results: ViewCheck[] = [];
  for (const width of WIDTHS)
    results.push(await checkView(page, options.view, options.theme, width));
  return results;
}

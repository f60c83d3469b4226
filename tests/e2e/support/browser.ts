import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The Teams test host page has Teams' public origin and frames the app on loopback, which
  // Local Network Access would block; in Teams the app is public too, so nothing is lost.
  '--disable-features=LocalNetworkAccessChecks',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Collects uncaught page errors so a view that throws fails the test even if it looks fine. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * Collects the API requests a page made that were refused (4xx or 5xx): a page a person can reach
 * must not ask for what it may not have. A 401 before signing in is the sign-in page's own
 * question, not a refusal.
 */
export function collectRefusedRequests(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400 && r.status() !== 401)
      refused.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
  });
  return refused;
}

/** Closes what a browser test opened: its contexts, the browser, then the app (each if opened). */
export async function closeAll(
  contexts: BrowserContext[],
  browser: Browser | undefined,
  app: { close(): Promise<void> } | undefined,
): Promise<void> {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.close();
}

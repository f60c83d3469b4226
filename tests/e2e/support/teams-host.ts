import type { Frame, Page } from 'playwright-core';

/** Where Teams shows the tab; each is a frame context the tab reads from its Teams context. */
export type FrameContext = 'content' | 'sidePanel' | 'meetingStage' | 'settings';
/** The theme names Teams sends (`default` is light). */
export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHostOptions {
  frameContext: FrameContext;
  /** The tab's address in the app, as the manifest names it (`/index.html#/`, `/#/config`, …). */
  tabPath: string;
  user: { id: string; displayName: string; userPrincipalName: string };
  tenantId: string;
  theme: TeamsTheme;
  locale?: string;
  /** In a meeting: the meeting chat's thread id and the meeting id, as Teams gives them. */
  meeting?: { chatId: string; meetingId: string };
  /** What `authentication.getAuthToken` answers: the SSO token, or the reason it fails. */
  auth: { token: string } | { error: string };
}

/** The configuration the tab handed over on Save (`pages.config.setConfig`). */
export interface SavedTabConfig {
  entityId?: string;
  contentUrl?: string;
  websiteUrl?: string;
  suggestedDisplayName?: string;
}

/** What the host saw, read by the tests. */
export interface TeamsHostRecord {
  /** Every call the tab made to the host, by name, in order. */
  calls: string[];
  /** Calls the host does not answer (a real host would): should stay empty. */
  unanswered: string[];
  validity: boolean;
  savedConfig: SavedTabConfig | undefined;
  saveResult: 'success' | 'failure' | undefined;
  tokensIssued: number;
}

export interface TeamsHost {
  /** The tab's frame, to find things in it. */
  frame: Frame;
  /** Switches the Teams theme, as when a person changes it in Teams settings. */
  setTheme(theme: TeamsTheme): Promise<void>;
  /** Changes what the next `getAuthToken` answers. */
  setAuth(auth: TeamsHostOptions['auth']): Promise<void>;
  record(): Promise<TeamsHostRecord>;
}

/**
 * The host page's address. Playwright answers it inside the browser (nothing goes out), so the
 * tab sees Teams' own origin: the app's `frame-ancestors` policy lets it be framed, and teams-js
 * accepts its messages from the origin list it ships, exactly as in Teams.
 */
const HOST_URL = 'https://teams.microsoft.com/_test-host/reverse-mentoring';

const SIZES: Record<FrameContext, { width: number; height: number }> = {
  content: { width: 1280, height: 860 },
  // Teams' meeting side panel is 320 px wide.
  sidePanel: { width: 320, height: 860 },
  meetingStage: { width: 1280, height: 720 },
  // The configuration dialog.
  settings: { width: 720, height: 480 },
};

/**
 * Opens the tab inside a test-only Teams host: a page on the app's origin that frames the built
 * tab and answers the teams-js message protocol as Teams does (`initialize` with a frame context
 * and runtime, `getContext`, `authentication.getAuthToken`, `themeChange`, the `settings.*`
 * exchange of `pages.config`), with a Save button like Teams' configuration dialog.
 */
export async function openInTeamsHost(
  page: Page,
  appUrl: string,
  options: TeamsHostOptions,
): Promise<TeamsHost> {
  await page.route(HOST_URL, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Teams test host</title></head><body></body></html>',
    }),
  );
  const size = SIZES[options.frameContext];
  await page.setViewportSize({ width: size.width + 48, height: size.height + 120 });
  await page.goto(HOST_URL);
  await page.evaluate(runTeamsHost, { ...options, size, tabUrl: `${appUrl}${options.tabPath}` });
  const handle = await page.waitForSelector('iframe#tab');
  const frame = await handle.contentFrame();
  if (frame === null) throw new Error('The Teams test host has no tab frame');
  return {
    frame,
    async setTheme(theme) {
      await page.evaluate((t) => window.teamsTestHost?.setTheme(t), theme);
    },
    async setAuth(auth) {
      await page.evaluate((a) => window.teamsTestHost?.setAuth(a), auth);
    },
    async record() {
      const record = await page.evaluate(() => window.teamsTestHost?.record());
      if (record === undefined) throw new Error('The Teams test host is not running');
      return record;
    },
  };
}

declare global {
  interface Window {
    teamsTestHost?: {
      setTheme(theme: TeamsTheme): void;
      setAuth(auth: TeamsHostOptions['auth']): void;
      record(): TeamsHostRecord;
    };
  }
}

interface HostMessage {
  id?: number;
  uuidAsString?: string;
  func?: string;
  args?: unknown[];
}

/**
 * The host itself, run inside the host page (Playwright sends its source, so it uses nothing
 * from outside its own body). It answers only what Teams answers for these calls.
 */
function runTeamsHost(
  o: TeamsHostOptions & { size: { width: number; height: number }; tabUrl: string },
): void {
  const backgrounds: Record<TeamsTheme, [string, string]> = {
    default: ['#ebebeb', '#242424'],
    dark: ['#0a0a0a', '#ffffff'],
    contrast: ['#000000', '#ffff00'],
  };
  const record: TeamsHostRecord = {
    calls: [],
    unanswered: [],
    validity: false,
    savedConfig: undefined,
    saveResult: undefined,
    tokensIssued: 0,
  };
  let theme = o.theme;
  let auth = o.auth;
  const tabOrigin = new URL(o.tabUrl).origin;

  document.body.style.cssText = 'margin:0;font:14px system-ui,sans-serif';
  const bar = document.createElement('header');
  bar.style.cssText = 'display:flex;gap:12px;align-items:center;padding:8px 24px;height:40px';
  const label = document.createElement('span');
  label.textContent = `Teams test host · ${o.frameContext} · ${o.user.displayName}`;
  bar.append(label);
  const status = document.createElement('span');
  status.setAttribute('role', 'status');
  bar.append(status);
  const iframe = document.createElement('iframe');
  iframe.id = 'tab';
  iframe.title = 'Reverse Mentoring tab';
  iframe.style.cssText = `display:block;margin:0 24px;border:1px solid #8888;width:${o.size.width}px;height:${o.size.height}px`;
  const footer = document.createElement('footer');
  footer.style.cssText = 'display:flex;justify-content:flex-end;padding:8px 24px';
  const save = document.createElement('button');
  save.textContent = 'Save';
  save.disabled = true;
  if (o.frameContext === 'settings') footer.append(save);
  document.body.append(bar, iframe, footer);

  const paint = () => {
    const [background, foreground] = backgrounds[theme];
    document.body.style.background = background;
    document.body.style.color = foreground;
  };
  paint();

  const post = (message: HostMessage) => iframe.contentWindow?.postMessage(message, tabOrigin);
  const answer = (request: HostMessage, args: unknown[]) =>
    post({ id: request.id, uuidAsString: request.uuidAsString, args });

  const legacyContext = () => ({
    locale: o.locale ?? 'en-gb',
    theme,
    entityId: o.frameContext === 'content' ? 'home' : 'session-guide',
    frameContext: o.frameContext,
    hostClientType: 'web',
    hostName: 'Teams',
    userObjectId: o.user.id,
    userDisplayName: o.user.displayName,
    userPrincipalName: o.user.userPrincipalName,
    loginHint: o.user.userPrincipalName,
    tid: o.tenantId,
    appSessionId: 'test-app-session',
    ...(o.meeting === undefined
      ? {}
      : { chatId: o.meeting.chatId, meetingId: o.meeting.meetingId }),
  });

  // What this host supports, in the runtime shape teams-js 2.x reads (apiVersion 4).
  const runtime = {
    apiVersion: 4,
    isLegacyTeams: false,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: {
      app: {},
      appInstallDialog: {},
      chat: {},
      meeting: {},
      pages: { appButton: {}, backStack: {}, config: {}, tabs: {} },
      teamsCore: {},
    },
  };

  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    if (event.source !== iframe.contentWindow || event.origin !== tabOrigin) return;
    const request = event.data;
    if (typeof request !== 'object' || typeof request.func !== 'string') return;
    const args = request.args ?? [];
    record.calls.push(request.func);
    switch (request.func) {
      case 'initialize':
        answer(request, [o.frameContext, 'web', JSON.stringify(runtime), '2.0.1']);
        break;
      case 'getContext':
        answer(request, [legacyContext()]);
        break;
      case 'authentication.getAuthToken':
        if ('token' in auth) {
          record.tokensIssued += 1;
          answer(request, [true, auth.token]);
        } else {
          answer(request, [false, auth.error]);
        }
        break;
      case 'appInitialization.success':
      case 'registerHandler':
        // One-way notices: Teams takes note and answers nothing.
        break;
      case 'settings.setValidityState':
        record.validity = args[0] === true;
        save.disabled = !record.validity;
        break;
      case 'settings.setSettings':
        record.savedConfig = args[0] as SavedTabConfig;
        answer(request, [true]);
        break;
      case 'settings.save.success':
        record.saveResult = 'success';
        status.textContent = 'Saved';
        break;
      case 'settings.save.failure':
        record.saveResult = 'failure';
        status.textContent = `Could not save: ${String(args[0])}`;
        break;
      default:
        record.unanswered.push(request.func);
    }
  });

  save.addEventListener('click', () => {
    status.textContent = 'Saving…';
    post({ func: 'settings.save', args: [{}] });
  });

  window.teamsTestHost = {
    setTheme(next) {
      theme = next;
      paint();
      post({ func: 'themeChange', args: [next] });
    },
    setAuth(next) {
      auth = next;
    },
    record: () => structuredClone(record),
  };
  iframe.src = o.tabUrl;
}

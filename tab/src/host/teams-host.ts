import { themeFromTeams, type ThemeName } from './theme.js';

export type Host =
  | {
      kind: 'teams';
      theme: ThemeName;
      /** Where Teams shows the tab: `content`, `sidePanel`, `settings`, `meetingStage`, … */
      frameContext: string | undefined;
      /**
       * In a meeting: the meeting chat's thread id (`19:meeting_…@thread.v2`) and the meeting id,
       * both from `app.getContext()`, which is how the side panel finds its session.
       */
      meeting: { chatId: string | undefined; meetingId: string | undefined } | undefined;
      getToken(): Promise<string>;
      onThemeChange(listener: (theme: ThemeName) => void): void;
    }
  | { kind: 'browser' };

/**
 * Outside Teams `app.initialize()` may never settle (it waits for a parent frame that is not
 * there), so it races a timeout and the tab falls back to browser mode with the dev sign-in.
 */
export async function detectHost(timeoutMs = 1500): Promise<Host> {
  if (window.parent === window && !window.opener && !('nativeInterface' in window)) {
    // Not framed and no mobile bridge: Teams always hosts the tab one of those ways.
    return { kind: 'browser' };
  }
  // teams-js is loaded only when a host may be there, so the browser first load does not carry it.
  const { app, authentication } = await import('@microsoft/teams-js');
  const initialized = await Promise.race([
    app.initialize().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
  ]);
  if (!initialized) return { kind: 'browser' };
  const context = await app.getContext();
  app.notifySuccess();
  return {
    kind: 'teams',
    theme: themeFromTeams(context.app.theme),
    frameContext: context.page.frameContext,
    meeting:
      context.chat?.id === undefined && context.meeting?.id === undefined
        ? undefined
        : { chatId: context.chat?.id, meetingId: context.meeting?.id },
    getToken: () => authentication.getAuthToken(),
    onThemeChange(listener) {
      app.registerOnThemeChangeHandler((theme) => listener(themeFromTeams(theme)));
    },
  };
}

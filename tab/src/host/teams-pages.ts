/** The meeting's join URL, which the API uses to find the session this meeting belongs to. */
export async function meetingJoinUrl(): Promise<string | undefined> {
  const { meeting } = await import('@microsoft/teams-js');
  return new Promise((resolve) => {
    try {
      meeting.getMeetingDetails((error, response) => {
        // An error means not in a meeting, or no meeting-details permission in this chat.
        const details = error === null ? response?.details : undefined;
        const url = details !== undefined && 'joinUrl' in details ? details.joinUrl : undefined;
        resolve(typeof url === 'string' && url !== '' ? url : undefined);
      });
    } catch {
      resolve(undefined);
    }
  });
}

/**
 * The configurable tab's settings page: there is nothing to choose (the guide follows the
 * meeting), so the page is valid at once and Save points the tab at the meeting view.
 */
export async function enableTabConfig(origin: string): Promise<void> {
  const { pages } = await import('@microsoft/teams-js');
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig({
        entityId: 'reverse-mentoring-guide',
        contentUrl: `${origin}/#/meeting`,
        websiteUrl: `${origin}/#/`,
        suggestedDisplayName: 'Mentoring guide',
      })
      .then(
        () => saveEvent.notifySuccess(),
        (cause: unknown) =>
          saveEvent.notifyFailure(cause instanceof Error ? cause.message : 'Could not save'),
      );
  });
  pages.config.setValidityState(true);
}

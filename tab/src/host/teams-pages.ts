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

export { detectHost, type Host } from './teams-host.js';
export { fluentTheme, themeFromSearch, themeFromTeams, type ThemeName } from './theme.js';
export { enableTabConfig } from './teams-pages.js';

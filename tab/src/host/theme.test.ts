import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { fluentTheme, themeFromSearch, themeFromTeams } from './theme.js';

describe('themes', () => {
  it('follows the Teams theme: default is light, dark is dark, contrast is high contrast', () => {
    expect(fluentTheme(themeFromTeams('default'))).toBe(teamsLightTheme);
    expect(fluentTheme(themeFromTeams('dark'))).toBe(teamsDarkTheme);
    expect(fluentTheme(themeFromTeams('contrast'))).toBe(teamsHighContrastTheme);
    expect(themeFromTeams(undefined)).toBe('light');
  });

  it('takes ?theme= in the browser and ignores values it does not know', () => {
    expect(themeFromSearch('?theme=contrast')).toBe('contrast');
    expect(themeFromSearch('?theme=dark&x=1')).toBe('dark');
    expect(themeFromSearch('?theme=purple')).toBeUndefined();
    expect(themeFromSearch('')).toBeUndefined();
  });
});

import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';

export type ThemeName = 'light' | 'dark' | 'contrast';

const themes: Record<ThemeName, Theme> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

export function fluentTheme(name: ThemeName): Theme {
  return themes[name];
}

/** Teams reports `default`, `dark` or `contrast`; anything unknown falls back to light. */
export function themeFromTeams(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === 'dark') return 'dark';
  if (teamsTheme === 'contrast') return 'contrast';
  return 'light';
}

/** Browser mode: `?theme=light|dark|contrast` so the three Teams themes can be checked without Teams. */
export function themeFromSearch(search: string): ThemeName | undefined {
  const value = new URLSearchParams(search).get('theme');
  if (value === 'light' || value === 'dark' || value === 'contrast') return value;
  return undefined;
}

// The page's themes: one set of names for the playground (`?theme=`), presentation mode (T) and
// embed.html (`?theme=`, the element's `theme` attribute), set as <html data-theme>; their CSS
// variables are in web/themes.css. Presentation mode is high-contrast unless switched to dark.
export const THEMES = ['light', 'high-contrast', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** A theme name from a URL or an attribute; null when it is none of ours. */
export function parseTheme(value: string | null): Theme | null {
  return THEMES.find((t) => t === value) ?? null;
}

/** The theme in force: presentation mode's own (high-contrast or dark), else the page's. */
export function themeOf(presenting: boolean, presentTheme: 'light' | 'dark', page: Theme): Theme {
  if (!presenting) return page;
  return presentTheme === 'dark' ? 'dark' : 'high-contrast';
}

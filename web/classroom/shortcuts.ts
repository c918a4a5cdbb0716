// The page's own keys (first load, tiny): P presentation, L lessons, ? help, and in presentation
// E editor, T theme, Esc back. Keys typed into a field, the editor or the terminal stay theirs.
// `?lesson=ID` and `?present` in the address open a lesson / the projector layout at once;
// `?theme=` picks the page's theme (themes.ts), which presentation mode replaces while it lasts.
import { useEffect } from 'react';
import { useStore } from '../store/index.ts';
import { parseTheme, themeOf } from './themes.ts';

export function typing(target: EventTarget | null): boolean {
  const el = target instanceof Element ? target : null;
  return !!el?.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""], .monaco-editor, .xterm');
}

export function useShortcuts(): void {
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const s = useStore.getState();
    const lesson = params.get('lesson');
    if (lesson && /^[\w-]{1,80}$/.test(lesson)) s.openLesson(`builtin:${lesson}`);
    if (params.has('present')) s.setPresenting(true);
    const page = parseTheme(params.get('theme')) ?? 'light';
    const html = document.documentElement;
    const apply = (st: typeof s) => {
      html.dataset.theme = themeOf(st.presenting, st.presentTheme, page);
    };
    apply(s);
    const unsubscribe = useStore.subscribe(apply);

    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
      // A modal dialog handles its own keys (Esc closes it).
      if (document.querySelector('dialog[open]')) return;
      const st = useStore.getState();
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (key === 'p') st.setPresenting(!st.presenting);
      else if (key === 'l') st.setDialog('lessons');
      else if (key === '?') st.setDialog('help');
      else if (key === 'e' && st.presenting) st.togglePresentEditor();
      else if (key === 't' && st.presenting) st.setPresentTheme(st.presentTheme === 'dark' ? 'light' : 'dark'); // high-contrast ↔ dark
      else if (key === 'Escape' && st.presenting) st.setPresenting(false);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, []);
}

// Languages: English ships with the page; Korean and Traditional Chinese arrive as their own
// chunks when chosen. The choice comes from `?lang=` in the URL, then the one picked before, then
// the browser's languages. Tool output (kubectl, iptables-save, events) stays in English, as on a
// real machine: only our own words are translated.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en.ts';
import type { CoreMessages } from './say.ts';

export const LANGS = [
  { id: 'en', name: 'English' },
  { id: 'ko', name: '한국어' },
  { id: 'zh-TW', name: '繁體中文' },
] as const;
export type Lang = (typeof LANGS)[number]['id'];

const STORE_KEY = 'kubeplay.lang.v1';
// Each language: the UI's messages and core's explanations (English needs no 'core' bundle:
// core sends its English text along).
type Bundles = { ui: Messages; core: CoreMessages };
const loaders: Record<Exclude<Lang, 'en'>, () => Promise<Bundles>> = {
  ko: () => Promise.all([import('./ko.ts'), import('./core.ko.ts')]).then(([u, c]) => ({ ui: u.ko, core: c.koCore })),
  'zh-TW': () => Promise.all([import('./zh-TW.ts'), import('./core.zh-TW.ts')]).then(([u, c]) => ({ ui: u.zhTW, core: c.zhTWCore })),
};

/** Maps a BCP 47 tag onto ours: ko-KR → ko; any Chinese → zh-TW (the only Chinese we write). */
export function matchLang(tag: string | null | undefined): Lang | null {
  const t = (tag ?? '').trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'ko' || t.startsWith('ko-')) return 'ko';
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-TW';
  return null;
}

/** URL first (a link says which language it was written for), then the saved pick, then the browser. */
export function pickLang(search: string, saved: string | null, browser: readonly string[]): Lang {
  const fromUrl = matchLang(new URLSearchParams(search).get('lang'));
  return fromUrl ?? matchLang(saved) ?? browser.map(matchLang).find((l) => l) ?? 'en';
}

async function ensure(lang: Lang): Promise<void> {
  if (lang === 'en' || i18next.hasResourceBundle(lang, 'translation')) return;
  const { ui, core } = await loaders[lang]();
  i18next.addResourceBundle(lang, 'core', core);
  i18next.addResourceBundle(lang, 'translation', ui);
}

export async function initI18n(): Promise<void> {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORE_KEY);
  } catch {
    /* storage refused: the browser's languages decide */
  }
  const lang = pickLang(location.search, saved, navigator.languages ?? [navigator.language]);
  await i18next.use(initReactI18next).init({
    lng: 'en',
    fallbackLng: 'en',
    ns: ['translation', 'core'],
    defaultNS: 'translation',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes
    react: { useSuspense: false },
  });
  await setLang(lang, false);
}

/** Switches the page's language; `remember` keeps it for the next visit (and in the URL if it has ?lang). */
export async function setLang(lang: Lang, remember = true): Promise<void> {
  try {
    await ensure(lang);
  } catch {
    return; // the chunk failed to load: stay in the current language
  }
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  if (!remember) return;
  try {
    localStorage.setItem(STORE_KEY, lang);
  } catch {
    /* not remembered */
  }
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url);
  }
}

/** Our language for lesson texts: one of LANGS. */
export const currentLang = (): Lang => matchLang(i18next.language) ?? 'en';

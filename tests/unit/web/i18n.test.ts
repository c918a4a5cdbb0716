// Every language has every key, keeps every {{placeholder}} and <tag>, and the language is
// picked from the URL, then the saved choice, then the browser.
import { describe, expect, it } from 'vitest';
import { en } from '../../../web/i18n/en.ts';
import { ko } from '../../../web/i18n/ko.ts';
import { zhTW } from '../../../web/i18n/zh-TW.ts';
import { matchLang, pickLang } from '../../../web/i18n/index.ts';

type Tree = { [k: string]: string | Tree };
const flat = (t: Tree, at = ''): Record<string, string> =>
  Object.fromEntries(Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${at}${k}`, v]] : Object.entries(flat(v, `${at}${k}.`)))));
const marks = (s: string) => [...s.matchAll(/\{\{\w+\}\}|<\/?\w+>/g)].map((m) => m[0]).sort();

describe.each([['ko', ko], ['zh-TW', zhTW]] as const)('%s messages', (_lang, messages) => {
  const base = flat(en as unknown as Tree);
  const other = flat(messages as unknown as Tree);
  it('have exactly the English keys', () => expect(Object.keys(other).sort()).toEqual(Object.keys(base).sort()));
  it('keep placeholders and tags', () => {
    for (const [k, v] of Object.entries(base)) expect(marks(other[k] ?? ''), k).toEqual(marks(v));
  });
  it('are translated (not left in English)', () => {
    const same = Object.keys(base).filter((k) => other[k] === base[k] && /[a-z]{4,} [a-z]{4,}/.test(base[k]!));
    expect(same).toEqual([]);
  });
});

describe('language choice', () => {
  it('maps browser tags onto ours', () => {
    expect(matchLang('ko-KR')).toBe('ko');
    expect(matchLang('zh-Hant-TW')).toBe('zh-TW');
    expect(matchLang('zh-CN')).toBe('zh-TW');
    expect(matchLang('en-GB')).toBe('en');
    expect(matchLang('fr')).toBeNull();
  });
  it('prefers ?lang=, then the saved pick, then the browser, then English', () => {
    expect(pickLang('?lang=ko', 'zh-TW', ['en'])).toBe('ko');
    expect(pickLang('', 'zh-TW', ['ko'])).toBe('zh-TW');
    expect(pickLang('?lang=xx', null, ['fr', 'ko-KR'])).toBe('ko');
    expect(pickLang('', null, ['fr'])).toBe('en');
  });
});

// i18next reads some option names itself (`ns` picks the namespace, `lng` the language):
// used as placeholders they silently turn the message into its raw key. Regression:
// "inspector.namespace" was shown instead of "namespace default".
describe('placeholders avoid i18next option names', () => {
  it.each(Object.entries(flat(en as unknown as Tree)))('%s', (_key, msg) => {
    expect(msg).not.toMatch(/\{\{(ns|lng|lngs|context|defaultValue|returnObjects|keySeparator|nsSeparator)\}\}/);
  });
});

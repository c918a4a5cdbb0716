// The embed's options, all in its URL: ?view=…&mode=…&panels=…&height=…&theme=…&lang=…&autoplay=1
// &origins=…&scenario=URL, and an inline scenario in the fragment (#kp1.…, the share-link format).
// Anything unknown or malformed falls back to the default: an embed always shows something.
import { THEMES, type Theme } from '../classroom/themes.ts';
import type { GraphView } from '../store/ui.ts';

export type Panel = 'editor' | 'graph' | 'time' | 'terminal';

export interface EmbedOptions {
  /** Inline scenario (the share-link payload), or null. */
  inline: string | null;
  /** A same-origin URL of a .yaml workspace, or null. */
  scenarioUrl: string | null;
  view: GraphView | null;
  node: string | null;
  editable: boolean;
  panels: Panel[];
  /** CSS pixels, or null to fill the frame. */
  height: number | null;
  theme: Theme;
  /** Passed through to <html lang> (and the UI language, once there is more than English). */
  lang: string;
  autoplay: boolean;
  /** Origins allowed to drive the embed with postMessage (its own origin always is). */
  origins: string[];
  /** Why an option was ignored, to say so in the page rather than silently. */
  problems: string[];
}

const PANELS: Panel[] = ['editor', 'graph', 'time', 'terminal'];
const VIEWS: GraphView[] = ['cluster', 'node', 'datapath'];

export function parseOptions(href: string): EmbedOptions {
  const url = new URL(href);
  const q = url.searchParams;
  const problems: string[] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T | null): T | null => {
    const v = q.get(name);
    if (v === null) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`Unknown ${name} "${v.slice(0, 40)}".`);
    return fallback;
  };

  let scenarioUrl: string | null = null;
  const scenario = q.get('scenario');
  if (scenario) {
    try {
      const u = new URL(scenario, url);
      // Only this origin: the embed never fetches from anywhere else (and its CSP agrees).
      if (u.origin === url.origin) scenarioUrl = u.href;
      else problems.push('The scenario URL must be on the same site as the embed; inline it in the fragment instead.');
    } catch {
      problems.push('The scenario URL is malformed.');
    }
  }

  const asked = (q.get('panels') ?? 'editor,graph,time').split(',');
  const panels = asked.filter((p): p is Panel => PANELS.includes(p as Panel));
  if (panels.length < asked.length) problems.push(`Unknown panels: ${asked.filter((p) => !panels.includes(p as Panel)).join(', ').slice(0, 60)}.`);
  const height = Number(q.get('height'));
  const origins: string[] = [];
  for (const o of (q.get('origins') ?? '').split(',').filter(Boolean)) {
    try {
      const u = new URL(o);
      if (u.protocol === 'https:' || u.protocol === 'http:') origins.push(u.origin);
      else problems.push(`Origin "${o.slice(0, 60)}" is not http(s).`);
    } catch {
      problems.push(`Origin "${o.slice(0, 60)}" is malformed.`);
    }
  }
  const lang = q.get('lang') ?? 'en';
  const langOk = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang);
  if (!langOk) problems.push('The language code is malformed.');

  return {
    inline: url.hash.length > 1 ? url.hash.slice(1) : null,
    scenarioUrl,
    view: pick('view', VIEWS, null),
    node: /^[a-z0-9][a-z0-9.-]{0,62}$/.test(q.get('node') ?? '') ? q.get('node') : null,
    editable: pick('mode', ['readonly', 'editable'], 'readonly') === 'editable',
    panels: panels.length ? panels : ['graph'],
    height: Number.isInteger(height) && height >= 120 && height <= 4000 ? height : null,
    theme: pick('theme', THEMES, 'light') ?? 'light',
    lang: langOk ? lang : 'en',
    autoplay: q.get('autoplay') === '1' || q.get('autoplay') === 'true',
    origins: [url.origin, ...origins.filter((o) => o !== url.origin)],
    problems,
  };
}

// The lesson format: a workspace file anyone can write and share.
//
//   apiVersion: kubeplay.dev/v1alpha1
//   kind: Lesson
//   metadata: { name: probes }
//   spec:
//     title: { en: …, ko: …, zh-TW: … }     # a plain string is English only
//     steps:
//       - title / narration: per language
//         files: { web.yaml: "…" }            # set up or replace whole files
//         remove: [old.yaml]
//         run: ["ssh worker-1 systemctl stop kubelet"]   # terminal lines, run at the step's start (before its files)
//         advance: 40s                        # simulated time that passes in this step
//         show: { view: cluster|node|datapath, node, system, highlight: [Pod/web, kubelet], select }
//         task: { ask, hint, check, solution: { path: text }, solutionRun: [line] }
//         expect: [check, …]                  # what the narration claims (checked by the lesson tests)
//
// Pure (no DOM): the unit tests run every built-in lesson through the engine with it.
import { parse as parseYaml } from 'yaml';
import type { WorkspaceFile } from '../../core/protocol.ts';
import { CHECKS, type Check } from './checks.ts';
import { LESSON_API } from './detect.ts';

export { looksLikeLesson } from './detect.ts';
export const LANG_IDS = ['en', 'ko', 'zh-TW'] as const;
export type Text = { en: string } & Partial<Record<(typeof LANG_IDS)[number], string>>;
export type View = 'cluster' | 'node' | 'datapath';

export interface Show {
  view: View;
  node?: string;
  /** Show the cluster's own pods (kube-system, …). */
  system?: boolean;
  highlight: string[];
  /** Opened in the inspector. */
  select?: string;
}

export interface Task {
  ask: Text;
  hint: Text;
  check: Check;
  /** What "show me" applies: whole files, then terminal lines. */
  solution: WorkspaceFile[];
  solutionRun: string[];
}

export interface Step {
  title: Text;
  narration: Text;
  files: WorkspaceFile[];
  remove: string[];
  run: string[];
  advanceMs: number;
  show: Show | null;
  task: Task | null;
  expect: Check[];
}

export interface Lesson {
  name: string;
  title: Text;
  summary: Text | null;
  seed: number;
  steps: Step[];
}

export type ParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };

export function parseDurationMs(s: unknown): number | undefined {
  if (typeof s === 'number' && s >= 0) return s * 1000;
  if (typeof s !== 'string') return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let used = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    used = re.lastIndex;
  }
  return used === s.length && used > 0 ? Math.round(total) : undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A step may advance at most this far: lessons stay within what a class watches. */
const MAX_ADVANCE_MS = 60 * 60_000;

export function parseLesson(source: string): ParseResult {
  let doc: unknown;
  try {
    doc = parseYaml(source, { maxAliasCount: 50 });
  } catch (e) {
    return { ok: false, errors: [`YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`] };
  }
  const errors: string[] = [];
  const bad = (where: string, what: string) => errors.push(`${where}: ${what}`);
  if (!isObj(doc) || doc.kind !== 'Lesson' || doc.apiVersion !== LESSON_API) return { ok: false, errors: [`not a Lesson (apiVersion: ${LESSON_API}, kind: Lesson)`] };
  const spec = isObj(doc.spec) ? doc.spec : {};
  const name = isObj(doc.metadata) && typeof doc.metadata.name === 'string' ? doc.metadata.name : '';
  if (!name) bad('metadata.name', 'required');

  const text = (v: unknown, where: string, required = true): Text | null => {
    if (typeof v === 'string') return { en: v };
    if (isObj(v) && typeof v.en === 'string') {
      const out: Text = { en: v.en };
      for (const [k, s] of Object.entries(v)) {
        if (!(LANG_IDS as readonly string[]).includes(k)) bad(where, `unknown language "${k}" (use ${LANG_IDS.join(', ')})`);
        else if (typeof s !== 'string') bad(`${where}.${k}`, 'must be text');
        else out[k as (typeof LANG_IDS)[number]] = s;
      }
      return out;
    }
    if (required || v !== undefined) bad(where, 'text, or { en, ko, zh-TW } texts (en required)');
    return null;
  };
  const files = (v: unknown, where: string): WorkspaceFile[] => {
    if (v === undefined) return [];
    if (!isObj(v)) return bad(where, 'a map of path: text'), [];
    return Object.entries(v).flatMap(([path, content]) => {
      if (typeof content !== 'string') return bad(`${where}.${path}`, 'must be text'), [];
      if (!path || path.startsWith('/') || path.split('/').includes('..')) return bad(`${where}.${path}`, 'a relative path inside the workspace'), [];
      return [{ path, content }];
    });
  };
  const strings = (v: unknown, where: string): string[] => {
    if (v === undefined) return [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    return bad(where, 'a list of text'), [];
  };
  const check = (v: unknown, where: string): Check | null => {
    if (!isObj(v) || !Object.keys(v).length) return bad(where, `a check: ${Object.keys(CHECKS).join(', ')}`), null;
    for (const [k, arg] of Object.entries(v)) {
      const known = CHECKS[k as keyof Check];
      if (!known) bad(where, `unknown check "${k}" (known: ${Object.keys(CHECKS).join(', ')})`);
      else if (!known.valid(arg)) bad(`${where}.${k}`, known.usage);
    }
    return v as Check;
  };
  const show = (v: unknown, where: string): Show | null => {
    if (v === undefined) return null;
    if (!isObj(v)) return bad(where, 'a map'), null;
    const view = v.view ?? 'cluster';
    if (view !== 'cluster' && view !== 'node' && view !== 'datapath') bad(`${where}.view`, 'cluster, node or datapath');
    return {
      view: view as View,
      ...(typeof v.node === 'string' ? { node: v.node } : {}),
      ...(typeof v.system === 'boolean' ? { system: v.system } : {}),
      highlight: strings(v.highlight, `${where}.highlight`),
      ...(typeof v.select === 'string' ? { select: v.select } : {}),
    };
  };

  const title = text(spec.title, 'spec.title');
  const summary = text(spec.summary, 'spec.summary', false);
  const seed = spec.seed === undefined ? 1 : spec.seed;
  if (!Number.isInteger(seed)) bad('spec.seed', 'an integer');
  if (!Array.isArray(spec.steps) || !spec.steps.length) bad('spec.steps', 'at least one step');
  const steps: Step[] = (Array.isArray(spec.steps) ? spec.steps : []).map((raw: unknown, i: number) => {
    const at = `spec.steps[${i}]`;
    const s = isObj(raw) ? raw : (bad(at, 'a map'), {} as Record<string, unknown>);
    const advanceMs = s.advance === undefined ? 0 : parseDurationMs(s.advance);
    if (advanceMs === undefined || advanceMs > MAX_ADVANCE_MS) bad(`${at}.advance`, 'a duration up to 1h, e.g. 40s, 2m30s');
    let task: Task | null = null;
    if (s.task !== undefined) {
      const t = isObj(s.task) ? s.task : {};
      task = {
        ask: text(t.ask, `${at}.task.ask`) ?? { en: '' },
        hint: text(t.hint, `${at}.task.hint`) ?? { en: '' },
        check: check(t.check, `${at}.task.check`) ?? {},
        solution: files(t.solution, `${at}.task.solution`),
        solutionRun: strings(t.solutionRun, `${at}.task.solutionRun`),
      };
    }
    return {
      title: text(s.title, `${at}.title`) ?? { en: '' },
      narration: text(s.narration, `${at}.narration`) ?? { en: '' },
      files: files(s.files, `${at}.files`),
      remove: strings(s.remove, `${at}.remove`),
      run: strings(s.run, `${at}.run`),
      advanceMs: advanceMs ?? 0,
      show: show(s.show, `${at}.show`),
      task,
      expect: s.expect === undefined ? [] : Array.isArray(s.expect) ? s.expect.flatMap((c, j) => check(c, `${at}.expect[${j}]`) ?? []) : (bad(`${at}.expect`, 'a list of checks'), []),
    };
  });
  if (errors.length || !title) return { ok: false, errors };
  return { ok: true, lesson: { name, title, summary, seed: seed as number, steps } };
}

/** A text in `lang`, falling back to English. */
export const pick = (t: Text | null | undefined, lang: string): string => (t ? t[lang as keyof Text] ?? t.en : '');

// Where lessons come from: the built-in ones (public/lessons, fetched from this origin when
// asked for) and Lesson files in the workspace (written by a teacher, or arrived in a share link).
import type { WorkspaceFile } from '../../core/protocol.ts';
import type { LessonSource } from '../store/classroom.ts';
import { looksLikeLesson, parseLesson, type ParseResult, type Text } from './format.ts';

export interface LessonEntry {
  id: string;
  title: Text;
  summary: Text;
  steps: number;
}

const base = `${import.meta.env.BASE_URL}lessons/`;

export async function builtinIndex(): Promise<LessonEntry[]> {
  const r = await fetch(`${base}index.json`);
  if (!r.ok) throw new Error(`lessons/index.json: HTTP ${r.status}`);
  return (await r.json()) as LessonEntry[];
}

export async function builtinText(id: string): Promise<string> {
  const r = await fetch(`${base}${encodeURIComponent(id)}.yaml`);
  if (!r.ok) throw new Error(`lessons/${id}.yaml: HTTP ${r.status}`);
  return r.text();
}

export const workspaceLessons = (files: WorkspaceFile[]): WorkspaceFile[] => files.filter((f) => looksLikeLesson(f.content));

/** The lesson's text and, for a workspace lesson, its file (kept in the workspace while it runs). */
export async function loadLesson(source: LessonSource, files: WorkspaceFile[]): Promise<{ result: ParseResult; file?: WorkspaceFile }> {
  if (source.startsWith('builtin:')) return { result: parseLesson(await builtinText(source.slice('builtin:'.length))) };
  const path = source.slice('file:'.length);
  const file = files.find((f) => f.path === path);
  if (!file) return { result: { ok: false, errors: [`${path}: no such file in the workspace`] } };
  return { result: parseLesson(file.content), file };
}

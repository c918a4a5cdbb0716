// The postMessage API for pages that embed kubeplay. A message counts only when it comes from
// the embedding window itself (event.source === parent) AND from an allowed origin; anything
// else is ignored. Payloads go through the same validation as share links.
//
//   host → embed  { kubeplay: 1, type: 'load', id?, workspace: { files, seed?, time?, view? } }
//                 { kubeplay: 1, type: 'setTime', id?, time }           (simulated ms)
//                 { kubeplay: 1, type: 'getState', id? }
//   embed → host  { kubeplay: 1, type: 'ready' } once, then one reply per request:
//                 { kubeplay: 1, type: 'ok' | 'state' | 'error', id, state?, error? }
import { checkPayload, MAX_TIME_MS, type SharePayload } from '../share/payload.ts';

export interface EmbedState {
  time: number;
  head: number;
  playing: boolean;
  seed: number;
  files: { path: string; content: string }[];
  objects: { kind: string; namespace?: string; name: string; phase?: string; node?: string }[];
  errors: { file: string; line: number; col: number; message: string }[];
}

export interface HostDeps {
  parent: unknown;
  origins: readonly string[];
  load: (p: SharePayload) => void;
  setTime: (ms: number) => void;
  state: () => EmbedState;
}

type Reply = { kubeplay: 1; type: 'ok' | 'state' | 'error'; id: unknown; state?: EmbedState; error?: string };

/** The reply to one message, or null when the message is not ours to answer. */
export function answer(e: { origin: string; source: unknown; data: unknown }, deps: HostDeps): Reply | null {
  if (e.source !== deps.parent || e.source === null || !deps.origins.includes(e.origin)) return null;
  const msg = (typeof e.data === 'object' && e.data ? e.data : {}) as Record<string, unknown>;
  if (msg.kubeplay !== 1) return null; // someone else's message (another library on the page)
  const id = typeof msg.id === 'string' || typeof msg.id === 'number' ? msg.id : null;
  const error = (error: string): Reply => ({ kubeplay: 1, type: 'error', id, error });
  switch (msg.type) {
    case 'load': {
      const ws = (typeof msg.workspace === 'object' && msg.workspace ? msg.workspace : {}) as Record<string, unknown>;
      const p = checkPayload({ files: ws.files, seed: ws.seed, time: ws.time, view: ws.view });
      if (!p.ok) return error(p.error);
      deps.load(p.value);
      return { kubeplay: 1, type: 'ok', id };
    }
    case 'setTime':
      if (!Number.isInteger(msg.time) || (msg.time as number) < 0 || (msg.time as number) > MAX_TIME_MS) return error('time must be whole simulated ms between 0 and 24 h.');
      deps.setTime(msg.time as number);
      return { kubeplay: 1, type: 'ok', id };
    case 'getState':
      return { kubeplay: 1, type: 'state', id, state: deps.state() };
    default:
      return error(`Unknown message type "${String(msg.type).slice(0, 40)}".`);
  }
}

/** Listens for the host; tells the allowed origins once that the embed is ready. */
export function listen(deps: HostDeps, win: Window = window): () => void {
  const onMessage = (e: MessageEvent) => {
    const reply = answer(e, deps);
    if (reply) (e.source as Window).postMessage(reply, e.origin);
  };
  win.addEventListener('message', onMessage);
  // Addressed to the parent's origin by name, and only when it is allowed: nobody else hears it.
  const parent = win.location.ancestorOrigins?.[0] ?? originOf(win.document.referrer);
  if (win.parent !== win && parent && deps.origins.includes(parent)) win.parent.postMessage({ kubeplay: 1, type: 'ready' }, parent);
  return () => win.removeEventListener('message', onMessage);
}

function originOf(url: string): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

// The embed's starting scenario: inline in the fragment (the share-link format), or fetched
// from a same-origin URL (a .yaml — one manifest file or a kubeplay bundle — or a .zip).
import { fromBundle } from '../share/bundle.ts';
import { decodePayload } from '../share/codec.ts';
import { DEFAULT_VIEW, type SharePayload } from '../share/payload.ts';
import { LIMITS, decodeText, kb, type Checked } from '../share/validate.ts';
import { fromZip } from '../share/zip.ts';
import type { EmbedOptions } from './options.ts';

export async function loadScenario(opts: EmbedOptions): Promise<Checked<SharePayload> | null> {
  if (opts.inline) return decodePayload(opts.inline);
  if (!opts.scenarioUrl) return null;
  const name = decodeURIComponent(new URL(opts.scenarioUrl).pathname.split('/').pop() || 'workspace.yaml');
  let bytes: Uint8Array;
  try {
    // credentials: 'omit': a scenario is public text, never something behind the user's cookies.
    const res = await fetch(opts.scenarioUrl, { credentials: 'omit', redirect: 'error' });
    if (!res.ok) return { ok: false, error: `Could not load the scenario ${name} (HTTP ${res.status}).` };
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch {
    return { ok: false, error: `Could not load the scenario ${name}.` };
  }
  if (bytes.length > LIMITS.bytes) return { ok: false, error: `The scenario ${name} is too large (${kb(bytes.length)}).` };
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const text = isZip ? null : decodeText(bytes, name);
  const files = isZip ? fromZip(bytes) : text!.ok ? fromBundle(text!.value, name.replace(/[^\w.-]/g, '_')) : text!;
  return files.ok ? { ok: true, value: { files: files.value, seed: 1, view: DEFAULT_VIEW } } : files;
}

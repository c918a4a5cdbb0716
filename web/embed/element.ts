// <kubeplay-playground>: the embed as a custom element, for a plain <script type="module">.
//
//   <kubeplay-playground view="cluster" mode="readonly" height="420">
//     <script type="text/yaml">apiVersion: v1 …</script>
//   </kubeplay-playground>
//   <kubeplay-playground src="/scenarios/web.yaml" mode="editable"></kubeplay-playground>
//
// It renders an <iframe> to embed.html rather than the app in a shadow root: the playground's
// script, CSS, worker and CSP then live in their own document and origin, so the host page's
// styles cannot break it and it cannot reach the host's DOM or storage (a shadow root shares
// the page's JavaScript realm, globals and CSP). No `sandbox` attribute: the playground needs
// scripts and its own origin (module workers), and allow-scripts + allow-same-origin sandbox
// nothing; the origin boundary is the isolation. The scenario travels in the iframe's URL
// fragment, compressed like a share link; the host's origin is allowed to drive it with
// load(), setTime() and getState(), which speak the embed's postMessage API.
import { fromBundle } from '../share/bundle.ts';
import { encodePayload } from '../share/codec.ts';
import { DEFAULT_VIEW } from '../share/payload.ts';

const PASSED = ['view', 'node', 'mode', 'panels', 'theme', 'lang', 'autoplay'] as const;
const TIMEOUT_MS = 10_000;
let nextId = 1;

class KubeplayPlayground extends HTMLElement {
  static observedAttributes = ['src', 'embed', 'height', ...PASSED];
  private frame: HTMLIFrameElement | null = null;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private rendering = 0;
  private scheduled = false;

  connectedCallback() {
    window.addEventListener('message', this.onMessage);
    this.schedule();
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
  }

  attributeChangedCallback() {
    if (this.isConnected) this.schedule();
  }

  /** Upgrading an element calls back once per attribute: render once after all of them. */
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.render();
    });
  }

  /** Replaces the workspace: `{ files: [{ path, content }], seed?, time?, view? }`. */
  load(workspace: unknown): Promise<unknown> {
    return this.ask({ type: 'load', workspace });
  }

  setTime(ms: number): Promise<unknown> {
    return this.ask({ type: 'setTime', time: ms });
  }

  getState(): Promise<unknown> {
    return this.ask({ type: 'getState' });
  }

  private get embedUrl(): URL {
    return new URL(this.getAttribute('embed') ?? './embed.html', import.meta.url);
  }

  private async scenarioText(): Promise<string | null> {
    const src = this.getAttribute('src');
    // The host page fetches its own scenario (its origin, its CSP); the embed gets it inline.
    if (src) {
      const res = await fetch(new URL(src, document.baseURI), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`kubeplay-playground: could not load ${src} (HTTP ${res.status})`);
      return res.text();
    }
    return this.querySelector('script[type="text/yaml"]')?.textContent ?? null;
  }

  private async render() {
    const run = ++this.rendering;
    const url = this.embedUrl;
    for (const name of PASSED) {
      const v = this.getAttribute(name);
      if (v !== null) url.searchParams.set(name, v);
    }
    url.searchParams.set('origins', location.origin);
    const text = await this.scenarioText().catch((e: unknown) => (console.error(e), null));
    if (text !== null) {
      const files = fromBundle(dedent(text), 'workspace.yaml');
      if (files.ok) url.hash = encodePayload({ files: files.value, seed: 1, view: DEFAULT_VIEW });
      else console.error(`kubeplay-playground: ${files.error}`);
    }
    if (run !== this.rendering) return; // attributes changed while fetching: a newer render wins
    if (!this.frame) {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      this.frame = document.createElement('iframe');
      this.frame.title = this.getAttribute('title') ?? 'kubeplay playground';
      this.frame.loading = 'lazy';
      Object.assign(this.frame.style, { display: 'block', width: '100%', border: '1px solid #cbd5e1', borderRadius: '8px', boxSizing: 'border-box' });
      root.append(this.frame);
      if (!this.style.display) this.style.display = 'block';
    }
    this.frame.style.height = `${Number(this.getAttribute('height')) || 420}px`;
    this.frame.src = url.href;
  }

  private ask(msg: Record<string, unknown>): Promise<unknown> {
    const target = this.frame?.contentWindow;
    if (!target) return Promise.reject(new Error('kubeplay-playground is not rendered yet.'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      target.postMessage({ kubeplay: 1, id, ...msg }, this.embedUrl.origin);
      setTimeout(() => this.settle(id, new Error('kubeplay-playground: no answer.')), TIMEOUT_MS);
    });
  }

  private settle(id: number, outcome: Error | unknown) {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    if (outcome instanceof Error) w.reject(outcome);
    else w.resolve(outcome);
  }

  private onMessage = (e: MessageEvent) => {
    if (e.source !== this.frame?.contentWindow || e.origin !== this.embedUrl.origin) return;
    const d = e.data as { kubeplay?: number; id?: number; type?: string; error?: string; state?: unknown };
    if (d?.kubeplay !== 1 || typeof d.id !== 'number') return;
    this.settle(d.id, d.type === 'error' ? new Error(d.error) : d.type === 'state' ? d.state : true);
  };
}

/** Inline YAML is indented like the HTML around it: drop the common indent. */
function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

if (!customElements.get('kubeplay-playground')) customElements.define('kubeplay-playground', KubeplayPlayground);

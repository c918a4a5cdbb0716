// The graph on screen as an image, the whole of it (not just the part scrolled into view):
// html-to-image renders React Flow's viewport moved so every node fits, as React Flow's own
// docs do. Fonts are the system's (nothing to embed), so no request is made.
import { toBlob, toSvg } from 'html-to-image';

const PAD = 24;

export async function graphImage(kind: 'png' | 'svg'): Promise<Blob> {
  const flow = document.querySelector<HTMLElement>('.wb-view .react-flow');
  const viewport = flow?.querySelector<HTMLElement>('.react-flow__viewport');
  const nodes = [...(viewport?.querySelectorAll<HTMLElement>('.react-flow__node') ?? [])];
  if (!flow || !viewport || !nodes.length) throw new Error('There is no graph on screen to export yet.');
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of nodes) {
    const m = new DOMMatrixReadOnly(getComputedStyle(n).transform);
    x0 = Math.min(x0, m.m41);
    y0 = Math.min(y0, m.m42);
    x1 = Math.max(x1, m.m41 + n.offsetWidth);
    y1 = Math.max(y1, m.m42 + n.offsetHeight);
  }
  const width = Math.ceil(x1 - x0 + 2 * PAD);
  const height = Math.ceil(y1 - y0 + 2 * PAD);
  const options = {
    width,
    height,
    skipFonts: true,
    backgroundColor: getComputedStyle(flow).backgroundColor,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${PAD - x0}px, ${PAD - y0}px) scale(1)` },
  };
  if (kind === 'svg') {
    const url = await toSvg(viewport, options);
    return new Blob([decodeURIComponent(url.slice(url.indexOf(',') + 1))], { type: 'image/svg+xml' });
  }
  const blob = await toBlob(viewport, { ...options, pixelRatio: 2 });
  if (!blob) throw new Error('The browser could not draw the image.');
  return blob;
}

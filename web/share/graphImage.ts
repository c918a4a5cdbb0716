// The graph as a picture, the whole of it (not just the part scrolled into view). React Flow
// draws nodes as HTML and edges as SVG; we redraw both as plain SVG shapes (boxes from computed
// backgrounds and borders, text line by line, edge paths as they are), so the file is small,
// opens in any vector tool, and needs no request. PNG is that SVG drawn onto a canvas.
import i18next from 'i18next';

const PAD = 24;
const SVG_NS = 'http://www.w3.org/2000/svg';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const visible = (color: string) => color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color);
const n = (v: number) => Math.round(v * 10) / 10;

export async function graphImage(kind: 'png' | 'svg'): Promise<Blob> {
  const svg = graphSvg();
  const blob = new Blob([svg.text], { type: 'image/svg+xml' });
  if (kind === 'svg') return blob;
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = svg.width * 2;
    canvas.height = svg.height * 2;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(i18next.t('share.drawFailed')))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function graphSvg(): { text: string; width: number; height: number } {
  const flow = document.querySelector<HTMLElement>('.wb-view .react-flow');
  const viewport = flow?.querySelector<HTMLElement>('.react-flow__viewport');
  if (!flow || !viewport?.querySelector('.react-flow__node')) throw new Error(i18next.t('share.noGraph'));
  // Everything below is in flow coordinates: screen position relative to the viewport's origin, unzoomed.
  const origin = viewport.getBoundingClientRect();
  const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a || 1;
  const box = (r: DOMRect) => ({ x: (r.left - origin.left) / zoom, y: (r.top - origin.top) / zoom, w: r.width / zoom, h: r.height / zoom });
  const out: string[] = [];
  const bounds = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  const grow = (b: { x: number; y: number; w: number; h: number }) => {
    bounds.x0 = Math.min(bounds.x0, b.x);
    bounds.y0 = Math.min(bounds.y0, b.y);
    bounds.x1 = Math.max(bounds.x1, b.x + b.w);
    bounds.y1 = Math.max(bounds.y1, b.y + b.h);
  };

  for (const p of viewport.querySelectorAll<SVGPathElement>('.react-flow__edge-path')) {
    const cs = getComputedStyle(p);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    const dash = cs.strokeDasharray !== 'none' ? ` stroke-dasharray="${esc(cs.strokeDasharray)}"` : '';
    out.push(`<path d="${esc(p.getAttribute('d') ?? '')}" fill="none" stroke="${esc(cs.stroke)}" stroke-width="${esc(cs.strokeWidth)}" opacity="${cs.opacity}"${dash}/>`);
    const b = p.getBBox();
    grow({ x: b.x, y: b.y, w: b.width, h: b.height });
  }

  const drawText = (t: Text, cs: CSSStyleDeclaration, clip: { x: number; y: number; w: number; h: number } | null) => {
    // One <text> per rendered line: group the characters by the line box they landed on.
    const range = document.createRange();
    let line: { y: number; x: number; h: number; text: string } | null = null;
    const flush = () => {
      if (line && cs.textTransform === 'uppercase') line.text = line.text.toUpperCase();
      if (line?.text.trim()) out.push(`<text x="${n(line.x)}" y="${n(line.y + line.h * 0.78)}" font-family="${esc(cs.fontFamily)}" font-size="${cs.fontSize}" font-weight="${cs.fontWeight}" fill="${esc(cs.color)}" xml:space="preserve">${esc(line.text)}</text>`);
      line = null;
    };
    for (let i = 0; i < t.data.length; i++) {
      range.setStart(t, i);
      range.setEnd(t, i + 1);
      const r = range.getClientRects()[0];
      if (!r) continue;
      const c = box(r);
      if (clip && (c.x + c.w > clip.x + clip.w + 0.5 || c.y + c.h > clip.y + clip.h + 0.5)) continue; // cut off on screen too
      if (!line || Math.abs(c.y - line.y) > c.h / 2) {
        flush();
        line = { y: c.y, x: c.x, h: c.h, text: '' };
      }
      line.text += t.data[i];
    }
    flush();
  };

  const walk = (el: Element, clip: { x: number; y: number; w: number; h: number } | null) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return;
    const b = box(el.getBoundingClientRect());
    if (el instanceof SVGSVGElement) {
      const copy = el.cloneNode(true) as SVGSVGElement;
      for (const [k, v] of Object.entries({ x: b.x, y: b.y, width: b.w, height: b.h, color: cs.color })) copy.setAttribute(k, String(v));
      out.push(new XMLSerializer().serializeToString(copy));
      return;
    }
    const border = parseFloat(cs.borderTopWidth);
    const left = parseFloat(cs.borderLeftWidth);
    const radius = parseFloat(cs.borderTopLeftRadius) || 0;
    if (visible(cs.backgroundColor) || (border > 0 && visible(cs.borderTopColor))) {
      const stroke = border > 0 && visible(cs.borderTopColor) ? ` stroke="${esc(cs.borderTopColor)}" stroke-width="${border}"${cs.borderTopStyle === 'dashed' ? ' stroke-dasharray="6 4"' : ''}` : '';
      out.push(`<rect x="${n(b.x + border / 2)}" y="${n(b.y + border / 2)}" width="${n(Math.max(0, b.w - border))}" height="${n(Math.max(0, b.h - border))}" rx="${radius}" fill="${visible(cs.backgroundColor) ? esc(cs.backgroundColor) : 'none'}"${stroke}/>`);
      grow(b);
    }
    // A thicker left border is a status bar (pods): draw it as its own strip.
    if (left > border && visible(cs.borderLeftColor)) out.push(`<rect x="${n(b.x)}" y="${n(b.y)}" width="${left}" height="${n(b.h)}" rx="${Math.min(radius, left)}" fill="${esc(cs.borderLeftColor)}"/>`);
    const clips = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
    const inner = clips ? b : clip;
    for (const child of el.childNodes) {
      if (child instanceof Text) drawText(child, cs, inner);
      else if (child instanceof Element) walk(child, inner);
    }
  };
  for (const el of viewport.querySelectorAll('.react-flow__node, .react-flow__edgelabel-renderer > *')) walk(el, null);

  const width = Math.ceil(bounds.x1 - bounds.x0 + 2 * PAD);
  const height = Math.ceil(bounds.y1 - bounds.y0 + 2 * PAD);
  const background = getComputedStyle(flow).backgroundColor;
  const text = `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="${n(bounds.x0 - PAD)} ${n(bounds.y0 - PAD)} ${width} ${height}">` +
    `<rect x="${n(bounds.x0 - PAD)}" y="${n(bounds.y0 - PAD)}" width="${width}" height="${height}" fill="${visible(background) ? esc(background) : '#ffffff'}"/>${out.join('')}</svg>`;
  return { text, width, height };
}

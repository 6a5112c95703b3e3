/**
 * A PNG of part of a lab, drawn in the webview without any library: canvases are copied,
 * SVG plots are serialized with their computed colours inlined (CSS variables do not reach an
 * SVG drawn as an image) and drawn as images, and plain HTML (titles, legends, the conv lab's
 * number grids) is drawn as background boxes, borders and text. Enough for our plots; not a
 * general HTML renderer.
 */

/** SVG presentation properties whose computed values are copied onto the serialized clone. */
const SVG_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

const transparent = (colour: string) => colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);

/** The SVG as a standalone document with every style resolved. */
export function serializeSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const style = getComputedStyle(el);
    const copy = copies[i] as SVGElement;
    copy.removeAttribute('class');
    copy.setAttribute('style', SVG_PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
  });
  const box = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The plot could not be rasterized.'));
    image.src = url;
  });
}

async function drawSvg(ctx: CanvasRenderingContext2D, svg: SVGSVGElement, x: number, y: number, w: number, h: number): Promise<void> {
  const url = URL.createObjectURL(new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
  try {
    ctx.drawImage(await loadImage(url), x, y, w, h);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Background, border and own text of one HTML element. */
function drawBox(ctx: CanvasRenderingContext2D, el: Element, origin: DOMRect): void {
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const x = r.left - origin.left;
  const y = r.top - origin.top;
  if (!transparent(style.backgroundColor)) {
    ctx.fillStyle = style.backgroundColor;
    ctx.fillRect(x, y, r.width, r.height);
  }
  const border = parseFloat(style.borderTopWidth);
  if (border > 0 && style.borderTopStyle !== 'none' && !transparent(style.borderTopColor)) {
    ctx.strokeStyle = style.borderTopColor;
    ctx.lineWidth = border;
    ctx.strokeRect(x + border / 2, y + border / 2, r.width - border, r.height - border);
  }
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.fillStyle = style.color;
  ctx.textBaseline = 'middle';
  for (const node of el.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = range.getClientRects();
    if (rects.length === 1) {
      ctx.fillText(node.textContent.trim(), rects[0].left - origin.left, rects[0].top - origin.top + rects[0].height / 2);
      continue;
    }
    // Wrapped text: each word where the browser put it.
    for (const word of node.textContent.matchAll(/\S+/g)) {
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const box = range.getBoundingClientRect();
      ctx.fillText(word[0], box.left - origin.left, box.top - origin.top + box.height / 2);
    }
  }
}

const isVisible = (el: Element) => {
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
};

/** Draw `root` and everything visible inside it into a canvas, at `scale` pixels per CSS pixel. */
export async function snapshot(root: HTMLElement, scale = 2): Promise<HTMLCanvasElement> {
  const origin = root.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.ceil(origin.width * scale));
  canvas.height = Math.max(1, Math.ceil(origin.height * scale));
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  const page = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim();
  ctx.fillStyle = page || getComputedStyle(document.body).backgroundColor || '#ffffff';
  ctx.fillRect(0, 0, origin.width, origin.height);

  // Document order, so later siblings paint over earlier ones as on screen.
  const walk = async (el: Element): Promise<void> => {
    if (!isVisible(el)) return;
    const r = el.getBoundingClientRect();
    if (el instanceof HTMLCanvasElement) {
      ctx.drawImage(el, r.left - origin.left, r.top - origin.top, r.width, r.height);
      return;
    }
    if (el instanceof SVGSVGElement) {
      await drawSvg(ctx, el, r.left - origin.left, r.top - origin.top, r.width, r.height);
      return;
    }
    // Controls and formulas are left out: the image is of the plot and its labels.
    if (/^(BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName) || el.tagName.startsWith('VSCODE-') || el.classList.contains('math')) return;
    drawBox(ctx, el, origin);
    for (const child of el.children) await walk(child);
  };
  await walk(root);
  return canvas;
}

/** The PNG's bytes as base64 (what the extension writes to disk). */
export async function pngBase64(root: HTMLElement): Promise<string> {
  const canvas = await snapshot(root);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

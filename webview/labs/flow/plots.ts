/**
 * The flow lab's plots: a square frame over a box (canvas for heat maps and points, SVG for
 * lines and axes), heat maps with d3-scale-chromatic palettes, warped grid lines, samples and
 * contours. Colours of lines come from CSS classes (--vscode-* variables); canvas colours are read
 * from the same variables at draw time.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { contours } from 'd3-contour';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { interpolateRdBu, interpolateSinebow, interpolateViridis } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import { h } from '../../dom';

const SVG = 'http://www.w3.org/2000/svg';
export type Box = readonly [number, number, number, number];

export interface Frame {
  figure: HTMLElement;
  canvas: HTMLCanvasElement;
  svg: SVGSVGElement;
  /** Drawn over the canvas, under the axes. */
  layer: SVGGElement;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  caption: HTMLElement;
  size: number;
  /** The axes' groups, redrawn by setBox. */
  axes: [SVGGElement, SVGGElement];
}

const MARGIN = { left: 34, bottom: 22, top: 6, right: 6 };

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** A titled square plot over `box`, `size` px of plot area. */
export function frame(id: string, title: string, box: Box, size = 240): Frame {
  const width = size + MARGIN.left + MARGIN.right;
  const height = size + MARGIN.top + MARGIN.bottom;
  const dpr = window.devicePixelRatio || 1;
  const canvas = h('canvas', { class: 'plot-canvas', width: String(Math.round(size * dpr)), height: String(Math.round(size * dpr)) });
  // CSSOM, not style attributes: the webview's CSP blocks inline style attributes.
  Object.assign(canvas.style, { left: `${MARGIN.left}px`, top: `${MARGIN.top}px`, width: `${size}px`, height: `${size}px` });
  const svg = svgEl('svg', { width, height, class: 'plot-svg', role: 'img', 'aria-label': title });
  const x = scaleLinear()
    .domain([box[0], box[1]])
    .range([MARGIN.left, MARGIN.left + size]);
  const y = scaleLinear()
    .domain([box[2], box[3]])
    .range([MARGIN.top + size, MARGIN.top]);
  const layer = svgEl('g', { class: 'plot-layer' });
  const clip = svgEl('clipPath', { id: `${id}-clip` });
  clip.append(svgEl('rect', { x: MARGIN.left, y: MARGIN.top, width: size, height: size }));
  layer.setAttribute('clip-path', `url(#${id}-clip)`);
  const gx = svgEl('g', { class: 'axis', transform: `translate(0,${MARGIN.top + size})` });
  const gy = svgEl('g', { class: 'axis', transform: `translate(${MARGIN.left},0)` });
  select(gx).call(axisBottom(x).ticks(5));
  select(gy).call(axisLeft(y).ticks(5));
  svg.append(clip, layer, gx, gy);
  const caption = h('figcaption', { class: 'plot-caption' });
  const area = h('div', { class: 'plot-area' }, canvas, svg);
  Object.assign(area.style, { width: `${width}px`, height: `${height}px` });
  const figure = h('figure', { class: 'plot', id }, h('div', { class: 'plot-title' }, title), area, caption);
  figure.style.width = `${width}px`;
  return { figure, canvas, svg, layer, x, y, caption, size, axes: [gx, gy] };
}

/** Move a frame to another box in place: the scales and the axes' ticks (no new elements for the plot). */
export function setBox(f: Frame, box: Box): void {
  f.x.domain([box[0], box[1]]);
  f.y.domain([box[2], box[3]]);
  select(f.axes[0]).call(axisBottom(f.x).ticks(5));
  select(f.axes[1]).call(axisLeft(f.y).ticks(5));
}

function context2d(f: Frame): CanvasRenderingContext2D {
  const ctx = f.canvas.getContext('2d')!;
  const dpr = f.canvas.width / f.size;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, f.size, f.size);
  return ctx;
}

/** Row-major n×n values (row i at y_i, bottom to top) as an image through `color(t)`, t ∈ [0, 1]. */
export function heatMap(f: Frame, values: ArrayLike<number>, n: number, lo: number, hi: number, color: (t: number) => string): void {
  const ctx = context2d(f);
  const off = document.createElement('canvas');
  off.width = n;
  off.height = n;
  const octx = off.getContext('2d')!;
  const image = octx.createImageData(n, n);
  const span = hi - lo || 1;
  const cache = new Map<number, [number, number, number]>();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = values[i * n + j];
      const o = ((n - 1 - i) * n + j) * 4;
      if (!Number.isFinite(v)) continue;
      const t = Math.round(Math.max(0, Math.min(1, (v - lo) / span)) * 255);
      let rgb = cache.get(t);
      if (!rgb) {
        rgb = parseColor(color(t / 255));
        cache.set(t, rgb);
      }
      image.data[o] = rgb[0];
      image.data[o + 1] = rgb[1];
      image.data[o + 2] = rgb[2];
      image.data[o + 3] = 255;
    }
  }
  octx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, f.size, f.size);
}

/** "#440154" or "rgb(68, 1, 84)" → [68, 1, 84] (the palettes give one or the other). */
export function parseColor(c: string): [number, number, number] {
  if (c.startsWith('#') && c.length === 7) return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
  const m = /(\d+)\D+(\d+)\D+(\d+)/.exec(c);
  return m ? [+m[1], +m[2], +m[3]] : [0, 0, 0];
}

export const densityColor = interpolateViridis;
/** Blue where the flow squeezes (log|det| < 0), red where it stretches. */
export const logDetColor = (t: number) => interpolateRdBu(1 - t);

export function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

function linePath(f: Frame, line: number[][]): string {
  let d = '';
  for (const p of line) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    d += `${d ? 'L' : 'M'}${f.x(p[0]).toFixed(1)},${f.y(p[1]).toFixed(1)}`;
  }
  return d;
}

export function warpedGrid(f: Frame, horizontal: number[][][], vertical: number[][][]): void {
  context2d(f);
  f.layer.replaceChildren(
    ...horizontal.map((l) => svgEl('path', { d: linePath(f, l), class: 'grid-h' })),
    ...vertical.map((l) => svgEl('path', { d: linePath(f, l), class: 'grid-v' })),
  );
}

/** Base samples faint; pushed samples coloured by the angle of their base point, so they can be followed. */
export function samples(f: Frame, base: number[][], pushed: number[][]): void {
  const ctx = context2d(f);
  f.layer.replaceChildren();
  const ox = f.x(f.x.domain()[0]);
  const oy = f.y(f.y.domain()[1]);
  ctx.globalAlpha = 0.25;
  ctx.fillStyle = cssColor('--vscode-descriptionForeground', '#888');
  for (const p of base) ctx.fillRect(f.x(p[0]) - ox - 1, f.y(p[1]) - oy - 1, 2, 2);
  ctx.globalAlpha = 0.85;
  // One path per hue bin (64 colours), not one fill per sample: setting fillStyle parses a colour.
  const bins: number[][] = Array.from({ length: HUES.length }, () => []);
  pushed.forEach((_, k) => {
    const b = base[k];
    const t = (Math.atan2(b[1], b[0]) + Math.PI) / (2 * Math.PI);
    bins[Math.min(HUES.length - 1, Math.floor(t * HUES.length))].push(k);
  });
  bins.forEach((members, bin) => {
    if (!members.length) return;
    ctx.fillStyle = HUES[bin];
    ctx.beginPath();
    for (const k of members) {
      const x = f.x(pushed[k][0]) - ox;
      const y = f.y(pushed[k][1]) - oy;
      ctx.moveTo(x + 1.8, y);
      ctx.arc(x, y, 1.8, 0, 2 * Math.PI);
    }
    ctx.fill();
  });
  ctx.globalAlpha = 1;
}

/** The sample colours: the angle of the base point on the sinebow, in 64 bins. */
const HUES = Array.from({ length: 64 }, (_, i) => interpolateSinebow((i + 0.5) / 64));

/** Contour lines of row-major n×n values over the frame's box, at `thresholds`. */
export function contourLines(f: Frame, values: ArrayLike<number>, n: number, thresholds: number[]): SVGPathElement[] {
  const [x0, x1] = f.x.domain();
  const [y0, y1] = f.y.domain();
  const gx = (u: number) => f.x(x0 + ((x1 - x0) * (u - 0.5)) / Math.max(1, n - 1));
  const gy = (v: number) => f.y(y0 + ((y1 - y0) * (v - 0.5)) / Math.max(1, n - 1));
  const filled = Array.from(values, (v) => (Number.isFinite(v) ? v : 1e300));
  return contours()
    .size([n, n])
    .thresholds(thresholds)(filled)
    .map((c) => {
      let d = '';
      for (const polygon of c.coordinates)
        for (const ring of polygon) d += ring.map(([u, v], i) => `${i ? 'L' : 'M'}${gx(u).toFixed(1)},${gy(v).toFixed(1)}`).join('') + 'Z';
      return svgEl('path', { d, class: 'contour' });
    });
}

export function polyline(f: Frame, points: number[][], cls: string): SVGPathElement {
  return svgEl('path', { d: linePath(f, points), class: cls });
}

export function marker(f: Frame, p: number[] | undefined, cls: string, r = 4): SVGCircleElement | null {
  if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
  return svgEl('circle', { cx: f.x(p[0]), cy: f.y(p[1]), r, class: cls });
}

/**
 * A contour plot of f on a grid (d3-contour, log-spaced levels), with trajectories, markers, a
 * draggable start point (d3-drag) and divergence marks. Colours: the fill from d3-scale-chromatic
 * at a theme-dependent opacity (CSS), everything else from --vscode-* variables (CSS classes).
 */
import { contours } from 'd3-contour';
import { drag } from 'd3-drag';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import { axisBottom, axisLeft } from 'd3-axis';
import { logLevels } from './levels';
import { frame, svgEl } from './svg';

export interface Grid {
  n: number;
  box: { x: [number, number]; y: [number, number] };
  values: ArrayLike<number>;
}

export interface Path {
  points: number[][];
  /** CSS class for the colour (e.g. "series-0"). */
  cls: string;
  label: string;
  /** Index of the point where the run diverged (the last drawn point), if it did. */
  divergedAt?: number;
}

export interface ContourPlot {
  element: SVGSVGElement;
  /** Redraw the filled contours (call only when the grid changed: the costly part). */
  setGrid(grid: Grid, minimizers?: number[][]): void;
  setPaths(paths: Path[], start: number[]): void;
  /** Put each path's marker at point k (clamped to the path). */
  setStep(k: number): void;
}

const SIZE = 440;

export function contourPlot(label: string, onDragStart: (p: [number, number]) => void, onDragEnd?: (p: [number, number]) => void): ContourPlot {
  const f = frame(SIZE, SIZE, label, { top: 8, right: 8, bottom: 26, left: 40 });
  const layers = {
    fill: svgEl('g', { class: 'contour-fill' }),
    lines: svgEl('g', { class: 'contour-lines' }),
    minima: svgEl('g', { class: 'minima' }),
    paths: svgEl('g', { class: 'trajectories' }),
    markers: svgEl('g', { class: 'markers' }),
    start: svgEl('circle', { class: 'start-point', r: 7, tabindex: 0, role: 'slider', 'aria-label': 'Start point (drag, or use the arrow keys)' }),
    xAxis: svgEl('g', { class: 'axis', transform: `translate(0,${f.height})` }),
    yAxis: svgEl('g', { class: 'axis' }),
  };
  const clip = svgEl('clipPath', { id: 'contour-clip' });
  clip.append(svgEl('rect', { width: f.width, height: f.height }));
  const clipped = svgEl('g', { 'clip-path': 'url(#contour-clip)' });
  clipped.append(layers.fill, layers.lines, layers.minima, layers.paths, layers.markers);
  f.plot.append(clip, clipped, layers.xAxis, layers.yAxis, layers.start);
  let x: ScaleLinear<number, number> = scaleLinear().range([0, f.width]);
  let y: ScaleLinear<number, number> = scaleLinear().range([f.height, 0]);
  let paths: Path[] = [];
  let start: [number, number] = [0, 0];

  const placeStart = () => {
    layers.start.setAttribute('cx', String(x(start[0])));
    layers.start.setAttribute('cy', String(y(start[1])));
    layers.start.setAttribute('aria-valuetext', `x = ${start[0].toFixed(3)}, y = ${start[1].toFixed(3)}`);
  };
  const moved = (p: [number, number]) => {
    start = p;
    placeStart();
    onDragStart(p);
  };
  select(layers.start as SVGCircleElement).call(
    drag<SVGCircleElement, unknown>()
      .on('drag', (event: { x: number; y: number }) =>
        moved([x.invert(Math.max(0, Math.min(f.width, event.x))), y.invert(Math.max(0, Math.min(f.height, event.y)))]),
      )
      .on('end', () => onDragEnd?.(start)),
  );
  layers.start.addEventListener('keydown', (e) => {
    const dx = (x.domain()[1] - x.domain()[0]) / 50;
    const dy = (y.domain()[1] - y.domain()[0]) / 50;
    const d: Record<string, [number, number]> = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
    if (!d[e.key]) return;
    e.preventDefault();
    moved([start[0] + d[e.key][0], start[1] + d[e.key][1]]);
    onDragEnd?.(start);
  });

  const setGrid = (grid: Grid, minimizers: number[][] = []) => {
    x = scaleLinear().domain(grid.box.x).range([0, f.width]);
    y = scaleLinear().domain(grid.box.y).range([f.height, 0]);
    const { n } = grid;
    const values = new Float64Array(n * n);
    let hi = -Infinity;
    for (let i = 0; i < n * n; i++) if (Number.isFinite(grid.values[i]) && grid.values[i] > hi) hi = grid.values[i];
    for (let i = 0; i < n * n; i++) values[i] = Number.isFinite(grid.values[i]) ? grid.values[i] : hi;
    const levels = logLevels(values, 14);
    // Grid point (i, j) is contour coordinate (i + ½, j + ½); map it to the box, y up.
    const sx = (grid.box.x[1] - grid.box.x[0]) / (n - 1);
    const sy = (grid.box.y[1] - grid.box.y[0]) / (n - 1);
    const px = (gx: number) => x(grid.box.x[0] + (gx - 0.5) * sx).toFixed(1);
    const py = (gy: number) => y(grid.box.y[0] + (gy - 0.5) * sy).toFixed(1);
    const toPath = (coordinates: number[][][][]) =>
      coordinates.map((polygon) => polygon.map((ring) => `M${ring.map(([a, b]) => `${px(a)},${py(b)}`).join('L')}Z`).join('')).join('');
    const shapes = contours().size([n, n]).thresholds(levels)(values as unknown as number[]);
    layers.fill.replaceChildren();
    layers.lines.replaceChildren();
    shapes.forEach((shape, k) => {
      const d = toPath(shape.coordinates as unknown as number[][][][]);
      if (!d) return;
      const fill = svgEl('path', { d });
      fill.style.setProperty('fill', interpolateViridis(1 - k / Math.max(1, shapes.length - 1)));
      layers.fill.append(fill);
      layers.lines.append(svgEl('path', { d }));
    });
    layers.minima.replaceChildren(
      ...minimizers.map(([mx, my]) => svgEl('path', { d: `M${x(mx) - 5},${y(my)}h10M${x(mx)},${y(my) - 5}v10`, class: 'minimizer' })),
    );
    select(layers.xAxis).call(axisBottom(x).ticks(6));
    select(layers.yAxis).call(axisLeft(y).ticks(6));
    setPaths(paths, start);
  };

  const setPaths = (next: Path[], nextStart: number[]) => {
    paths = next;
    start = [nextStart[0], nextStart[1]];
    placeStart();
    layers.paths.replaceChildren();
    layers.markers.replaceChildren();
    for (const p of paths) {
      const d = p.points.map(([a, b], i) => `${i ? 'L' : 'M'}${clampPx(x(a))},${clampPx(y(b))}`).join('');
      const line = svgEl('path', { d, class: `trajectory ${p.cls}` });
      const title = svgEl('title');
      title.textContent = p.label;
      line.append(title);
      layers.paths.prepend(line); // the first run (whose update rule is shown) on top
      layers.markers.append(svgEl('circle', { r: 4.5, class: `marker ${p.cls}` }));
      if (p.divergedAt !== undefined && p.points.length) {
        const [a, b] = p.points[p.points.length - 1];
        const cx = Math.max(6, Math.min(f.width - 6, x(a)));
        const cy = Math.max(6, Math.min(f.height - 6, y(b)));
        const mark = svgEl('path', { d: `M${cx - 6},${cy - 6}L${cx + 6},${cy + 6}M${cx - 6},${cy + 6}L${cx + 6},${cy - 6}`, class: `diverged-mark ${p.cls}` });
        const t = svgEl('text', {
          x: cx + (cx > f.width - 140 ? -8 : 8),
          y: cy + (cy < 16 ? 14 : -6),
          class: 'diverged-label',
          'text-anchor': cx > f.width - 140 ? 'end' : 'start',
        });
        t.textContent = `diverged at step ${p.divergedAt}`;
        layers.markers.append(mark, t);
      }
    }
  };

  const setStep = (k: number) => {
    const circles = layers.markers.querySelectorAll('circle.marker');
    paths.forEach((p, i) => {
      const pt = p.points[Math.min(k, p.points.length - 1)];
      if (!pt) return;
      circles[i]?.setAttribute('cx', String(clampPx(x(pt[0]))));
      circles[i]?.setAttribute('cy', String(clampPx(y(pt[1]))));
    });
  };

  return { element: f.svg, setGrid, setPaths, setStep };
}

/** Keep far-away points drawable (SVG coordinates overflow for huge values). */
const clampPx = (v: number) => (Number.isFinite(v) ? Math.max(-1e5, Math.min(1e5, v)) : 0).toFixed(1);

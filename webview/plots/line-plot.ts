/**
 * A line plot of several series against the step (d3-scale, d3-axis, d3-shape), with a linear or
 * log y axis, dashed reference curves and a vertical step cursor. Colours from CSS classes.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { logDomain } from './levels';
import { frame, svgEl } from './svg';

export interface Series {
  values: ArrayLike<number>;
  /** CSS class for the colour; add "reference" for a dashed overlay. */
  cls: string;
  label: string;
  /** The x of values[0] (default 0). */
  offset?: number;
}

export interface LinePlot {
  element: SVGSVGElement;
  set(series: Series[], xMax: number, options?: { log?: boolean; yLabel?: string }): void;
  setStep(k: number): void;
}

export function linePlot(label: string, width = 440, height = 200): LinePlot {
  const f = frame(width, height, label, { top: 10, right: 12, bottom: 28, left: 56 });
  const lines = svgEl('g', { class: 'lines' });
  const cursor = svgEl('line', { class: 'step-cursor', y1: 0, y2: f.height });
  const xAxis = svgEl('g', { class: 'axis', transform: `translate(0,${f.height})` });
  const yAxis = svgEl('g', { class: 'axis' });
  const yLabel = svgEl('text', { class: 'axis-label', x: f.width - 4, y: 10, 'text-anchor': 'end' });
  f.plot.append(lines, cursor, xAxis, yAxis, yLabel);
  let x = scaleLinear().range([0, f.width]);

  return {
    element: f.svg,
    set(series, xMax, options = {}) {
      x = scaleLinear()
        .domain([0, Math.max(1, xMax)])
        .range([0, f.width]);
      const finite = (v: number) => Number.isFinite(v);
      let y;
      if (options.log) {
        y = scaleLog()
          .domain(logDomain(series.map((s) => s.values)))
          .range([f.height, 0])
          .clamp(true);
      } else {
        let lo = Infinity;
        let hi = -Infinity;
        for (const s of series)
          for (let i = 0; i < s.values.length; i++) if (finite(s.values[i])) [lo, hi] = [Math.min(lo, s.values[i]), Math.max(hi, s.values[i])];
        if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
        if (hi === lo) [lo, hi] = [Math.min(0, lo), hi === 0 ? 1 : Math.max(0, hi) * 1.1];
        y = scaleLinear().domain([lo, hi]).nice().range([f.height, 0]);
      }
      const isLog = options.log === true;
      const path = line<number>()
        .defined((v) => finite(v) && (!isLog || v > 0))
        .x((_v, i) => x(i))
        .y((v) => y(v));
      lines.replaceChildren(
        ...series.map((s) => {
          const offset = s.offset ?? 0;
          const p = line<number>()
            .defined((v) => finite(v) && (!isLog || v > 0))
            .x((_v, i) => x(i + offset))
            .y((v) => y(v));
          const el = svgEl('path', { d: (offset ? p : path)(Array.from(s.values)) ?? '', class: `series ${s.cls}` });
          const title = svgEl('title');
          title.textContent = s.label;
          el.append(title);
          return el;
        }),
      );
      select(xAxis).call(axisBottom(x).ticks(6));
      select(yAxis).call(isLog ? axisLeft(y).ticks(4, '.0e') : axisLeft(y).ticks(4));
      yLabel.textContent = options.yLabel ?? '';
    },
    setStep(k) {
      cursor.setAttribute('x1', String(x(k)));
      cursor.setAttribute('x2', String(x(k)));
    },
  };
}

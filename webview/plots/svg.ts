/** Small SVG helpers shared by the plots: element creation and a plot frame with margins. */
export const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export interface Frame {
  svg: SVGSVGElement;
  /** The inner group, translated by the margins. */
  plot: SVGGElement;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** An SVG of `outerWidth` × `outerHeight` (scaled to its container by CSS) with an inner plot area. */
export function frame(outerWidth: number, outerHeight: number, label: string, margin = { top: 10, right: 12, bottom: 28, left: 52 }): Frame {
  const svg = svgEl('svg', { viewBox: `0 0 ${outerWidth} ${outerHeight}`, role: 'img', 'aria-label': label, class: 'plot' });
  const plot = svgEl('g', { transform: `translate(${margin.left},${margin.top})` });
  svg.append(plot);
  return { svg, plot, width: outerWidth - margin.left - margin.right, height: outerHeight - margin.top - margin.bottom, margin };
}

/**
 * The output-size formula of a layer along one axis as TeX, first in symbols, then with the
 * layer's numbers substituted (PyTorch's "Shape" formulas; see compute/conv/shape.ts).
 */
import type { AnalyzedLayer } from '../compute';

export interface AxisFormula {
  symbolic: string;
  substituted: string;
}

const AXIS_NAMES: Record<number, string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

export function axisName(dims: number, axis: number): string {
  return AXIS_NAMES[dims]?.[axis] ?? `x_${axis}`;
}

/** The padding on one axis as [before, after], from the layer's JSON form. */
function padPair(layer: AnalyzedLayer, axis: number): [number, number] {
  const p = layer.padding;
  if (Array.isArray(p)) {
    const v = p[axis];
    return Array.isArray(v) ? [v[0], v[1]] : [v as number, v as number];
  }
  if (typeof p === 'number') return [p, p];
  // 'same'/'valid' are resolved from the shapes: total padding = what makes the formula hold.
  return [0, 0];
}

function resolvedPadding(layer: AnalyzedLayer, axis: number): { text: string; total: number } {
  if (layer.padding === 'same') {
    const k = (layer.kernel_size as number[])[axis];
    const d = (layer.dilation as number[])[axis];
    const total = d * (k - 1);
    return { text: `${total}`, total };
  }
  if (layer.padding === 'valid') return { text: '0', total: 0 };
  const [b, a] = padPair(layer, axis);
  return b === a ? { text: `2\\cdot ${b}`, total: 2 * b } : { text: `${b} + ${a}`, total: b + a };
}

export function axisFormula(layer: AnalyzedLayer, axis: number): AxisFormula {
  const dims = layer.inShape.length - 2;
  const name = axisName(dims, axis);
  const n = layer.inShape[axis + 2];
  const out = layer.outShape[axis + 2];
  const k = (layer.kernel_size as number[])[axis];
  const s = (layer.stride as number[])[axis];
  const d = (layer.dilation as number[])[axis];
  const pad = resolvedPadding(layer, axis);
  const inSym = `${name}_{\\text{in}}`;
  const outSym = `${name}_{\\text{out}}`;
  if (layer.op.startsWith('conv_transpose')) {
    const op = (layer.output_padding as number[] | undefined)?.[axis] ?? 0;
    return {
      symbolic: `${outSym} = (${inSym} - 1)\\,s - 2p + d\\,(k - 1) + p_{\\text{out}} + 1`,
      substituted: `${outSym} = (${n} - 1)\\cdot ${s} - ${pad.total} + ${d}\\cdot(${k} - 1) + ${op} + 1 = ${out}`,
    };
  }
  const ceil = layer.ceil_mode === true;
  const [open, close] = ceil ? ['\\left\\lceil', '\\right\\rceil'] : ['\\left\\lfloor', '\\right\\rfloor'];
  return {
    symbolic: `${outSym} = ${open} \\frac{${inSym} + 2p - d\\,(k - 1) - 1}{s} ${close} + 1`,
    substituted: `${outSym} = ${open} \\frac{${n} + ${pad.text} - ${d}\\cdot(${k} - 1) - 1}{${s}} ${close} + 1 = ${out}`,
  };
}

/**
 * The flow lab's parameters (pure, no DOM): the saved request with the lab's view settings, the
 * presets, and the compute requests built from them. Saved: parameters and seeds, never results.
 */
import { buildStack } from '../compute/flow/stack';
import type { FlowLayerJson, FlowRequest, GradientFlowRequest, GradientMethod } from '../compute/flow/types';

export type Section = 'normalizing' | 'gradient';

/** View settings kept next to the request (extra fields of the saved flow request). */
export interface FlowView {
  section: Section;
  /** Layers shown by the scrubber (undefined: all). */
  upTo?: number;
  preset?: string;
  objectivePreset?: string;
}

export type FlowLabRequest = FlowRequest & { view?: FlowView; gradientFlow: GradientFlowRequest };

export const BOX: [number, number, number, number] = [-4, 4, -4, 4];
export const DEFAULT_SIZES = { samples: 1000, densityN: 96, gridLines: 13, gridResolution: 64, contourN: 96 };

/**
 * Progressive refinement: an edit is drawn at once from a coarse pass (half-resolution grids, no
 * numerical check); the full pass runs when the controls have rested this long.
 */
export const REFINE_AFTER_MS = 300;

export const LAYER_PRESETS: Record<string, { label: string; layers: FlowLayerJson[] }> = {
  realnvp: {
    label: 'RealNVP: 2 couplings, alternating masks',
    layers: [
      { type: 'affine_coupling', mask: [1, 0], s: '0.5*tanh(x0)', t: '0.6*x0**2 - 1' },
      { type: 'affine_coupling', mask: [0, 1], s: '0.3*sin(x1)', t: '0.5*sin(2*x1)' },
    ],
  },
  planar: {
    label: 'Planar × 4',
    layers: [
      { type: 'planar', u: [1.2, 0.4], w: [2, 0], b: 0 },
      { type: 'planar', u: [0.4, 1.2], w: [0, 2], b: 0.5 },
      { type: 'planar', u: [-0.6, 0.6], w: [1.5, 1.5], b: 0 },
      { type: 'planar', u: [0.8, 0.3], w: [2, -1], b: -0.5 },
    ],
  },
  radial: {
    label: 'Radial × 3',
    layers: [
      { type: 'radial', z0: [1, 0], alpha: 0.5, beta: 1 },
      { type: 'radial', z0: [-1, 1], alpha: 1, beta: 1.5 },
      { type: 'radial', z0: [0, -1.5], alpha: 0.3, beta: 2 },
    ],
  },
  mixed: {
    label: 'Mixed: coupling, planar, radial, coupling',
    layers: [
      { type: 'affine_coupling', mask: [1, 0], s: '0.4*tanh(x0)', t: '0.5*x0**2 - 0.8' },
      { type: 'planar', u: [0.8, 0.8], w: [1.5, -1.5], b: 0 },
      { type: 'radial', z0: [0.5, 0.5], alpha: 0.6, beta: 1.2 },
      { type: 'affine_coupling', mask: [0, 1], s: '0.2*x1', t: '0.4*cos(2*x1)' },
    ],
  },
};

export const NEW_LAYERS: Record<FlowLayerJson['type'], FlowLayerJson> = {
  affine_coupling: { type: 'affine_coupling', mask: [1, 0], s: '0.5*tanh(x0)', t: '0.5*x0' },
  planar: { type: 'planar', u: [1, 0.5], w: [1.5, 0], b: 0 },
  radial: { type: 'radial', z0: [0, 0], alpha: 0.5, beta: 1 },
};

export const OBJECTIVE_PRESETS: Record<string, { label: string; expr: string; start: [number, number]; h: number; T: number }> = {
  quadratic: { label: 'Quadratic, κ = 10', expr: '0.5*(10*x**2 + y**2)', start: [1.5, 2], h: 0.15, T: 4 },
  rosenbrock: { label: 'Rosenbrock', expr: '(1 - x)**2 + 10*(y - x**2)**2', start: [-1.2, 1], h: 0.02, T: 6 },
  himmelblau: { label: 'Himmelblau', expr: '(x**2 + y - 11)**2 + (x + y**2 - 7)**2', start: [0, 0], h: 0.01, T: 1 },
  saddle: { label: 'Saddle with a wall', expr: 'x**2 - y**2 + 0.1*y**4', start: [1.5, 0.05], h: 0.1, T: 6 },
};

export const METHODS: GradientMethod[] = ['euler', 'rk4', 'gd'];

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function defaultRequest(): FlowLabRequest {
  const o = OBJECTIVE_PRESETS.quadratic;
  return {
    kind: 'flow',
    layers: clone(LAYER_PRESETS.realnvp.layers),
    samples: { count: DEFAULT_SIZES.samples, seed: 1 },
    gradientFlow: { objective: o.expr, start: [...o.start], h: o.h, T: o.T, methods: [...METHODS] },
    view: { section: 'normalizing', preset: 'realnvp', objectivePreset: 'quadratic' },
  };
}

/** The saved flow request made whole (older or partial saves get the defaults they lack). */
export function normalize(saved: FlowRequest | undefined): FlowLabRequest {
  const d = defaultRequest();
  if (!saved) return d;
  const gf = saved.gradientFlow && typeof saved.gradientFlow === 'object' ? { ...d.gradientFlow, ...saved.gradientFlow } : d.gradientFlow;
  const view = saved.view && typeof saved.view === 'object' ? { ...d.view!, ...(saved.view as Partial<FlowView>) } : { ...d.view!, preset: undefined };
  return { ...d, ...saved, layers: Array.isArray(saved.layers) ? saved.layers : d.layers, gradientFlow: gf, view };
}

export function applyPreset(request: FlowLabRequest, name: string): FlowLabRequest {
  const p = LAYER_PRESETS[name];
  if (!p) return request;
  return { ...request, layers: clone(p.layers), view: { ...request.view!, preset: name, upTo: undefined } };
}

export function applyObjectivePreset(request: FlowLabRequest, name: string): FlowLabRequest {
  const o = OBJECTIVE_PRESETS[name];
  if (!o) return request;
  return {
    ...request,
    gradientFlow: { ...request.gradientFlow, objective: o.expr, start: [...o.start], h: o.h, T: o.T },
    view: { ...request.view!, objectivePreset: name },
  };
}

/** An identity layer: what the scrubber shows after 0 layers (the base Gaussian). */
const IDENTITY: FlowLayerJson = { type: 'affine_coupling', mask: [1, 0], s: 0, t: 0 };

/** The normalizing-flow compute request for the first `upTo` layers (all by default). */
/**
 * The normalizing-flow compute request for the first `upTo` layers. `coarse`: the pass drawn in
 * the frame after an edit — the density on a grid a third as fine (a ninth of the points: the
 * costly part for planar layers, which are inverted numerically), grid lines with half the points
 * and no numerical check; the full pass follows when the controls rest.
 */
export function normalizingRequest(request: FlowLabRequest, upTo = request.layers.length, coarse = false): FlowRequest {
  const layers = request.layers.slice(0, Math.max(0, Math.min(upTo, request.layers.length)));
  return {
    kind: 'flow',
    layers: layers.length ? layers : [IDENTITY],
    samples: { count: request.samples?.count ?? DEFAULT_SIZES.samples, seed: request.samples?.seed ?? 1 },
    density: { box: BOX, n: coarse ? DEFAULT_SIZES.densityN / 3 : DEFAULT_SIZES.densityN },
    warpedGrid: { box: BOX, lines: DEFAULT_SIZES.gridLines, resolution: coarse ? DEFAULT_SIZES.gridResolution / 2 : DEFAULT_SIZES.gridResolution },
    check: !coarse,
  };
}

/**
 * The gradient-flow compute request (no layers), with the objective on a grid for contours;
 * `coarse`: the grid a third as fine, for the frame right after an edit (the full one follows).
 */
export function gradientRequest(request: FlowLabRequest, coarse = false): FlowRequest {
  return { kind: 'flow', layers: [], gradientFlow: { ...request.gradientFlow, grid: { n: coarse ? DEFAULT_SIZES.contourN / 3 : DEFAULT_SIZES.contourN } } };
}

/** The first problem with one layer on its own (in 2-D), or undefined: for inline errors. */
export function layerError(layer: FlowLayerJson): string | undefined {
  try {
    buildStack([layer], 2);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** "0.5, -1" → [0.5, -1], or undefined unless exactly `n` finite numbers. */
export function parseVector(text: string, n = 2): number[] | undefined {
  const parts = text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  return parts.length === n && parts.every(Number.isFinite) ? parts : undefined;
}

export function parseNumber(text: string): number | undefined {
  const v = text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(v) ? v : undefined;
}

/** Move layer i by `delta` places (clamped); returns a new list. */
export function moveLayer<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = Math.max(0, Math.min(list.length - 1, i + delta));
  const out = list.slice();
  const [item] = out.splice(i, 1);
  out.splice(j, 0, item);
  return out;
}

/** Tolerances under which the numerical check earns a ✓. */
export const CHECK_TOLERANCE = { inverse: 1e-8, logDet: 1e-5 };

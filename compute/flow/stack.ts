/**
 * A stack of flow layers f = f_L ∘ … ∘ f₁. Forward composes in order and sums the layers'
 * log-determinants (chain rule: det J_f = Π det J_{f_i} at the intermediate points); the
 * inverse runs the layers' inverses in reverse order.
 */
import { ComputeError, fail } from '../errors';
import { affineCouplingFromJson } from './coupling';
import { firstNonFinite, toColumns, type FlowLayer } from './layer';
import { planarFromJson } from './planar';
import { radialFromJson } from './radial';
import { MAX_DIM, MAX_LAYERS, type FlowLayerJson } from './types';
import { formatPoint } from './validate';

export type Direction = 'forward' | 'inverse';

export class FlowStack {
  constructor(
    readonly layers: readonly FlowLayer[],
    readonly dim: number,
  ) {}

  /** In place: cols ← f(cols); logDet += log|det J_f| (the caller zeroes it first). */
  forward(cols: Float64Array[], logDet: Float64Array): void {
    for (const layer of this.layers) layer.forward(cols, logDet);
  }

  /** In place: cols ← f⁻¹(cols); logDet += log|det J_{f⁻¹}|. */
  inverse(cols: Float64Array[], logDet: Float64Array): void {
    for (let i = this.layers.length - 1; i >= 0; i--) this.layers[i].inverse(cols, logDet);
  }

  /** Rough operations per point through the whole stack. */
  get cost(): number {
    return this.layers.reduce((sum, layer) => sum + layer.cost, 0);
  }

  run(direction: Direction, cols: Float64Array[], logDet: Float64Array): void {
    if (direction === 'forward') this.forward(cols, logDet);
    else this.inverse(cols, logDet);
  }

  /**
   * Push one point through layer by layer and throw a ComputeError naming the first layer that
   * produces a non-finite value. Used after a batch found one (`label` names the point, e.g.
   * "points[3]"; its coordinates are added).
   */
  explainNonFinite(direction: Direction, point: readonly number[], label: string): never {
    const cols = toColumns([point], this.dim);
    const logDet = new Float64Array(1);
    const order = this.layers.map((_, i) => i);
    if (direction === 'inverse') order.reverse();
    for (const i of order) {
      const layer = this.layers[i];
      const before = cols.map((c) => c[0]);
      if (direction === 'forward') layer.forward(cols, logDet);
      else layer.inverse(cols, logDet);
      if (firstNonFinite(cols, logDet) === 0) {
        const what = cols.some((c) => !Number.isFinite(c[0])) ? 'output' : 'log-determinant';
        fail(
          `Layer ${i + 1} (${layer.type}${direction === 'inverse' ? ', inverse' : ''}) gives a non-finite ${what} at ${label} ${formatPoint(point)}, whose input to that layer is ${formatPoint(before)}: ${layer.failureHint}. Move the point or the box, or change the layer.`,
          `layers[${i}]`,
        );
      }
    }
    fail(`The flow gives a non-finite value at ${label} ${formatPoint(point)}.`);
  }
}

/** The dimension a layer's JSON implies (mask, u or z0 length). */
function layerDim(json: FlowLayerJson): number | undefined {
  const v = json.type === 'affine_coupling' ? json.mask : json.type === 'planar' ? json.u : json.type === 'radial' ? json.z0 : undefined;
  return Array.isArray(v) ? v.length : undefined;
}

/** Validate and build a stack; `dim` (e.g. the points' dimension) is checked against every layer. */
export function buildStack(layers: unknown, dim?: number): FlowStack {
  if (!Array.isArray(layers) || layers.length === 0) fail('A flow request needs a non-empty "layers" list.', 'layers');
  if (layers.length > MAX_LAYERS) fail(`A flow may have at most ${MAX_LAYERS} layers, not ${layers.length}.`, 'layers');
  const d = dim ?? layerDim(layers[0] as FlowLayerJson);
  if (d === undefined || d < 1) fail('The first layer must say the dimension (a mask, u or z0 list).', 'layers[0]');
  if (d > MAX_DIM) fail(`A flow may have at most ${MAX_DIM} dimensions, not ${d}.`, 'layers');
  const built = layers.map((json: FlowLayerJson, i) => {
    const where = `layers[${i}]`;
    if (!json || typeof json !== 'object') fail(`${where} must be an object with a "type".`, where);
    const own = layerDim(json);
    if (own !== undefined && own !== d) {
      const field = json.type === 'affine_coupling' ? 'mask' : json.type === 'planar' ? 'u' : 'z0';
      fail(
        `${where}.${field} has ${own} entries but the flow is ${d}-dimensional${dim !== undefined ? ' (the points have that many coordinates)' : ''}.`,
        where,
      );
    }
    try {
      switch (json.type) {
        case 'affine_coupling':
          return affineCouplingFromJson(json, d, where);
        case 'planar':
          return planarFromJson(json, d, where);
        case 'radial':
          return radialFromJson(json, d, where);
        default:
          return fail(`${where}.type is ${JSON.stringify((json as { type?: unknown }).type)}; expected "affine_coupling", "planar" or "radial".`, where);
      }
    } catch (e) {
      if (e instanceof ComputeError && !e.message.startsWith('layers[')) throw new ComputeError(`${where}: ${e.message}`, e.where ?? where);
      throw e;
    }
  });
  return new FlowStack(built, d);
}

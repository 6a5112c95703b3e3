/**
 * The flow part of the request/result contract (docs/cli.md) and the limits
 * that keep one request to about a second of work. Field names in the layer and result types
 * are fixed by the design; the optional sub-requests (density, samples, warped grid, gradient
 * flow, check) are additions.
 */

export const MAX_POINTS = 1_000_000;
export const MAX_LAYERS = 64;
export const MAX_GRID = 1024;
export const MAX_STEPS = 1_000_000;
export const MAX_DIM = 64;
export const MAX_HIDDEN = 1024;
/** Rough arithmetic budget of one request (points × the stack's per-point cost): a few seconds. */
export const MAX_WORK = 2e9;
/** Most points a gradient-flow trajectory records (more steps are thinned by `recordEvery`). */
export const MAX_RECORDED = 100_001;

/** s or t of a coupling layer as a small seeded MLP (one hidden tanh layer), or explicit weights. */
export interface MlpJson {
  /** Hidden width. */
  hidden?: number;
  seed?: number;
  /** Scales the output weights at initialisation (default 0.5): small s keeps exp(s) mild. */
  scale?: number;
  /** Explicit weights instead of a seed: W1 is hidden×inputs, W2 is outputs×hidden (row-major rows). */
  W1?: number[][];
  b1?: number[];
  W2?: number[][];
  b2?: number[];
}

/** An expression, one expression per transformed coordinate, a constant, or an MLP. */
export type CouplingNetJson = string | number | (string | number)[] | { mlp: MlpJson };

export interface AffineCouplingJson {
  type: 'affine_coupling';
  /** 1 keeps a coordinate (and lets s, t read it); 0 transforms it. */
  mask: number[];
  s?: CouplingNetJson;
  t?: CouplingNetJson;
}

export interface PlanarJson {
  type: 'planar';
  u: number[];
  w: number[];
  b: number;
  /** Use û = u + (m(wᵀu) − wᵀu) w/‖w‖², m(a) = −1 + softplus(a), which is always invertible. */
  reparametrize?: boolean;
}

export interface RadialJson {
  type: 'radial';
  z0: number[];
  alpha: number;
  beta: number;
  /** Use β̂ = −α + softplus(β), which is always invertible. */
  reparametrize?: boolean;
}

export type FlowLayerJson = AffineCouplingJson | PlanarJson | RadialJson;

export interface DensityRequest {
  /** [xmin, xmax, ymin, ymax] */
  box: [number, number, number, number];
  /** Grid points per axis (the box's edges included). */
  n: number;
}

export interface SamplesRequest {
  count: number;
  seed?: number;
}

export interface WarpedGridRequest {
  box?: [number, number, number, number];
  /** Grid lines per direction (default 11). */
  lines?: number;
  /** Points along each line (default 64). */
  resolution?: number;
}

export type ObjectiveJson = string | { expr: string } | { quadratic: number[][] };

export type GradientMethod = 'euler' | 'rk4' | 'gd';

export interface GradientFlowRequest {
  objective: ObjectiveJson;
  start: number[];
  /** Integration step. */
  h: number;
  /** Final time (steps = T/h; a last, shorter step ends exactly at T). */
  T: number;
  methods?: GradientMethod[];
  /** Gradient-descent learning rate (default h, which makes GD identical to Euler). */
  eta?: number;
  recordEvery?: number;
  /**
   * Also evaluate the objective on an n×n grid (2-D objectives), for a contour plot. Without a
   * box, a square box covers the start and the recorded trajectories (diverged parts left out).
   */
  grid?: { box?: [number, number, number, number]; n: number };
}

export interface FlowRequest {
  kind: 'flow';
  layers: FlowLayerJson[];
  points?: number[][];
  /** "inverse" maps `points` through f⁻¹ (outputs = f⁻¹(points), logDet = log|det J_{f⁻¹}|). */
  direction?: 'forward' | 'inverse';
  density?: DensityRequest;
  samples?: SamplesRequest;
  warpedGrid?: WarpedGridRequest;
  gradientFlow?: GradientFlowRequest;
  /** Also report the largest inverse and log-determinant errors over (up to 1000 of) the points. */
  check?: boolean;
  [extra: string]: unknown;
}

export interface DensityResult {
  box: [number, number, number, number];
  n: number;
  /** p_x on the grid, row-major: entry i·n + j is at (x_j, y_i), x_j = xmin + j(xmax − xmin)/(n − 1). */
  density: number[];
  logDensity: number[];
  /** log|det J_f(f⁻¹(x))| at every grid point x: where the flow stretches (> 0) or squeezes (< 0). */
  logDet: number[];
}

export interface TrajectoryResult {
  times: number[];
  trajectory: number[][];
  loss: number[];
  diverged?: { step: number; time: number };
}

export interface GradientFlowResult {
  h: number;
  T: number;
  eta: number;
  steps: number;
  recordEvery: number;
  euler?: TrajectoryResult;
  rk4?: TrajectoryResult;
  gd?: TrajectoryResult;
  /** The closed form e^{−At}x₀ at the recorded times, for a quadratic objective. */
  exact?: { times: number[]; trajectory: number[][] };
  /** For a quadratic: the largest Hessian eigenvalue and the stability limit 2/λ_max of Euler and GD. */
  stability?: { lambdaMax: number; hMax: number };
  /** f on the requested grid, row-major: entry i·n + j is at (x_j, y_i); NaN where f is not finite. */
  grid?: { box: [number, number, number, number]; n: number; values: number[] };
}

export interface FlowResult {
  kind: 'flow';
  dim: number;
  outputs: number[][];
  logDet: number[];
  density?: DensityResult;
  samples?: { base: number[][]; pushed: number[][]; logDet: number[]; logDensity: number[] };
  warpedGrid?: { horizontal: number[][][]; vertical: number[][][] };
  gradientFlow?: GradientFlowResult;
  check?: { points: number; inverseMaxError: number; logDetMaxError: number };
}

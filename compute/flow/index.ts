/**
 * The flow lab's compute: normalizing-flow layers (affine coupling, planar, radial) and stacks
 * with forward, inverse and log|det J|; densities by change of variables, samples and warped
 * grids; the gradient flow ẋ = −∇f(x) by Euler, RK4 and GD; and `simulateFlow`, the request
 * entry point (docs/cli.md).
 */
export { simulateFlow } from './request';
export { buildStack, FlowStack, type Direction } from './stack';
export { emptyColumns, toColumns, toRows, plainArray, firstNonFinite, type FlowLayer, type FlowLayerType } from './layer';
export { AffineCoupling, affineCouplingFromJson, checkMask, type CouplingNet } from './coupling';
export { Planar, planarFromJson, planarReparametrize } from './planar';
export { Radial, radialFromJson, radialRadius } from './radial';
export { seededMlp, mlpFromJson, mlpToJson, mlpForwardBatch, mlpScratch, type Mlp, type SeededMlpOptions } from './mlp';
export {
  densityGrid,
  logDensityAt,
  pushSamples,
  warpedGrid,
  gridAxes,
  addLogStandardNormal,
  type DensityGrid,
  type PushedSamples,
  type WarpedGrid,
  type Box,
} from './density';
export { checkStack, type StackCheck } from './check';
export { logAbsDet, symmetricEigen } from './linalg';
export { integrateGradientFlow, stepCount, finalState, defaultRecordEvery, type Trajectory, type IntegrateOptions } from './gradient-flow';
export { expressionObjective, quadraticObjective, gradientObjective, objectiveFromJson, type Objective } from './objective';
export { quadraticFlow, type QuadraticFlow } from './quadratic';
export { simulateGradientFlow } from './gradient-request';
export { solveMonotone, type MonotoneFunction } from './solve';
export * from './types';

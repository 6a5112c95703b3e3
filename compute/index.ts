/**
 * The public API of the compute module: pure TypeScript, no vscode, no DOM. It runs in Node (CLI,
 * tests, benchmarks), in the extension host, and in the webview's Web Worker.
 */
export { ComputeError } from './errors';
export { createRng, type Rng } from './random';
export { zeros, fromJson, toJson, numel, MAX_ELEMENTS, type Tensor, type TensorJson } from './tensor';
export { offsetAt, parsePosition } from './text';

// Convolution and pooling: shapes, costs, receptive fields and values.
export { CONV_OPS, normalizeLayer, type ConvLayer, type ConvLayerJson, type ConvOp } from './conv/layer';
export { convOutSize, convTransposeOutSize, poolOutSize, effectiveKernel } from './conv/shape';
export { analyzeLayers, layerOutShape, receptiveFields, type LayerAnalysis, type ReceptiveField } from './conv/analyze';
export { runLayer, weightShape, flipKernel, convolve, correlate } from './conv/direct';
export {
  runLayerFast,
  convForward,
  chooseConvMethod,
  estimateCosts,
  releaseScratch,
  COST_NS,
  type ConvMethod,
  type ConvPrecision,
  type ConvCosts,
  type FastConvOptions,
  type RealTensor,
  type Real,
  type WinogradTile,
} from './conv/fast';
export { analyzeConvRequest, simulateConv, type ConvRequest, type ConvResult, type AnalyzedLayer } from './conv/request';

// Expressions (objectives, flow s/t) with exact gradients and Hessians.
export { compileExpression, parseExpression, type CompiledExpression } from './expr';

// Optimizers (PyTorch-exact, Keras and optax variants), schedules, objectives, theory.
export {
  simulateOptimizer,
  runOptimizer,
  buildOptimizer,
  resolveObjective,
  scheduleValues,
  robbinsMonro,
  robbinsMonroForSchedule,
  stepSizeSums,
  gdRateBound,
  gdContraction,
  gdLossBound,
  conditionAt,
  polyakAverage,
  emaAverage,
  OPTIMIZER_NAMES,
  OBJECTIVE_NAMES,
  SCHEDULE_NAMES,
  FRAMEWORKS,
  type OptimizerRequest,
  type OptimizerResult,
  type OptimizerRun,
  type OptimizerSpec,
  type ScheduleSpec,
  type ObjectiveSpec,
} from './optim';

// Normalizing flows and gradient flows (the flow lab); the whole module as `flow`.
export { simulateFlow } from './flow';
export type { FlowRequest, FlowResult } from './flow/types';
export * as flow from './flow';

// Requests of every kind.
export { simulate, type SimulateOptions, type SimulationRequest, type SimulationResult } from './simulate';
export type { Progress } from './progress';
export {
  recognize,
  recognizeRequest,
  NOTHING_RECOGNIZED,
  type Recognition,
  type AnyRecognition,
  type ConvRecognition,
  type OptimizerRecognition,
  type ObjectiveRecognition,
  type FlowRecognition,
  type RecognizeOptions,
} from './recognize';
export { simulatableSpans, type SimulatableSpan } from './recognize/spans';
export { analyzeFile, type FileOptions } from './program/file-analysis';
export type { FileAnalysis, ShapeHint, ShapeDiagnostic, ShapeFix, ModelSummary } from './program/file-types';
export type { ModelRecognition, ModelLayer, ModelTreeNode, ModelUnknown } from './program/model-types';
export { optimizerEdit, optimizerCode, pythonLiteral, type TextEdit } from './recognize/apply';
export { convEdit, type ConvEditOptions } from './recognize/apply-conv';
export { flowEdit, applyEdits } from './recognize/apply-flow';
export { labEdits, layerArguments, type LabApply } from './recognize/apply-lab';
export { convLayerCode, convStackCode } from './recognize/conv-codegen';
export { flowCode } from './flow/codegen';
export { slidingExample, smallExample, WINDOW_LIMITS, type SlidingExample } from './conv/window';

// Catalogs: terms (hovers) and derivative identities (snippets).
export { TERMS, termById, type Term } from './terms';
export { ARGUMENT_DOCS } from './terms/arguments';
export { IDENTITIES, DEFAULT_LAYOUT, checkIdentity, identityTex, snippetBody, snippetFile, type Identity, type Layout } from './identities';
export {
  hoverAt,
  hoverFor,
  hoverInDocument,
  termAt,
  hoverMarkdown,
  identityMarkdown,
  svgDataUri,
  THEME_INK,
  type HoverResult,
  type MathTable,
  type MathSvg,
  type ThemeKind,
} from './hover';

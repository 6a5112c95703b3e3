/** Run a simulation request (docs/cli.md) of any kind. */
import { simulateConv, type ConvRequest, type ConvResult } from './conv/request';
import { fail } from './errors';
import type { Progress } from './progress';
import { simulateFlow } from './flow';
import type { FlowRequest, FlowResult } from './flow/types';
import { simulateOptimizer, type OptimizerRequest, type OptimizerResult } from './optim';

export type SimulationRequest = ConvRequest | FlowRequest | OptimizerRequest;
export type SimulationResult = ConvResult | FlowResult | OptimizerResult;

/** Options of a run: `onProgress` hears the fraction done of long optimizer and gradient-flow runs. */
export interface SimulateOptions {
  onProgress?: Progress;
}

export function simulate(request: ConvRequest, options?: SimulateOptions): ConvResult;
export function simulate(request: FlowRequest, options?: SimulateOptions): FlowResult;
export function simulate(request: OptimizerRequest, options?: SimulateOptions): OptimizerResult;
export function simulate(request: unknown, options?: SimulateOptions): SimulationResult;
export function simulate(request: unknown, options: SimulateOptions = {}): SimulationResult {
  if (!request || typeof request !== 'object' || Array.isArray(request)) fail('A request must be a JSON object with a "kind".');
  const kind = (request as { kind?: unknown }).kind;
  switch (kind) {
    case 'conv':
      return simulateConv(request as ConvRequest);
    case 'flow':
      return simulateFlow(request as FlowRequest, options.onProgress);
    case 'optimizer':
      return simulateOptimizer(request as OptimizerRequest, options.onProgress);
    default:
      fail(`Unknown request kind ${JSON.stringify(kind)}; expected "conv", "optimizer" or "flow".`, 'kind');
  }
}

/** Run a simulation request (DESIGN.md, "The headless CLI") of any kind. */
import { simulateConv, type ConvRequest, type ConvResult } from './conv/request';
import { fail } from './errors';
import { simulateFlow } from './flow';
import type { FlowRequest, FlowResult } from './flow/types';
import { simulateOptimizer, type OptimizerRequest, type OptimizerResult } from './optim';

export type SimulationRequest = ConvRequest | FlowRequest | OptimizerRequest;
export type SimulationResult = ConvResult | FlowResult | OptimizerResult;

export function simulate(request: ConvRequest): ConvResult;
export function simulate(request: FlowRequest): FlowResult;
export function simulate(request: OptimizerRequest): OptimizerResult;
export function simulate(request: unknown): SimulationResult;
export function simulate(request: unknown): SimulationResult {
  if (!request || typeof request !== 'object' || Array.isArray(request)) fail('A request must be a JSON object with a "kind".');
  const kind = (request as { kind?: unknown }).kind;
  switch (kind) {
    case 'conv':
      return simulateConv(request as ConvRequest);
    case 'flow':
      return simulateFlow(request as FlowRequest);
    case 'optimizer':
      return simulateOptimizer(request as OptimizerRequest);
    default:
      fail(`Unknown request kind ${JSON.stringify(kind)}; expected "conv", "optimizer" or "flow".`, 'kind');
  }
}

/** Run a simulation request (DESIGN.md, "The headless CLI") of any kind. */
import { simulateConv, type ConvRequest, type ConvResult } from './conv/request';
import { fail } from './errors';
import { simulateFlow } from './flow';
import type { FlowRequest, FlowResult } from './flow/types';

export type SimulationRequest = ConvRequest | FlowRequest | { kind: 'optimizer'; [field: string]: unknown };
export type SimulationResult = ConvResult | FlowResult;

export function simulate(request: ConvRequest): ConvResult;
export function simulate(request: FlowRequest): FlowResult;
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
      fail(`Simulations of kind "${kind}" are not available in this version; "conv" and "flow" are.`, 'kind');
    default:
      fail(`Unknown request kind ${JSON.stringify(kind)}; expected "conv", "optimizer" or "flow".`, 'kind');
  }
}

/** Run a simulation request (DESIGN.md, "The headless CLI") of any kind. */
import { simulateConv, type ConvRequest, type ConvResult } from './conv/request';
import { fail } from './errors';

export type SimulationRequest = ConvRequest | { kind: 'optimizer' | 'flow'; [field: string]: unknown };
export type SimulationResult = ConvResult;

export function simulate(request: unknown): SimulationResult {
  if (!request || typeof request !== 'object' || Array.isArray(request)) fail('A request must be a JSON object with a "kind".');
  const kind = (request as { kind?: unknown }).kind;
  switch (kind) {
    case 'conv':
      return simulateConv(request as ConvRequest);
    case 'optimizer':
    case 'flow':
      fail(`Simulations of kind "${kind}" are not available in this version; only "conv" is.`, 'kind');
    default:
      fail(`Unknown request kind ${JSON.stringify(kind)}; expected "conv", "optimizer" or "flow".`, 'kind');
  }
}

/**
 * The one error type the compute module throws on bad input. Its message is a sentence a person
 * can act on; `where` optionally names the offending part (an argument name, a character range).
 */
export class ComputeError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(message);
    this.name = 'ComputeError';
  }
}

export function fail(message: string, where?: string): never {
  throw new ComputeError(message, where);
}

/**
 * Reading an optimizer's or scheduler's arguments as the framework names them: unknown names,
 * wrong types and out-of-range values are rejected with the framework's own error wording
 * (PyTorch's `ValueError` texts) plus what to change; missing ones take the framework default
 * and are listed in `defaultsUsed`.
 */
import { fail } from '../errors';
import type { Stepper } from './types';

export type ArgValue = number | boolean | string | number[] | null;

export interface ArgDef {
  name: string;
  /** `number`, `boolean`, `pair` (a 2-tuple of numbers), `numbers` (a list), `string`, or `number?` (a number or None/null). */
  type: 'number' | 'boolean' | 'pair' | 'numbers' | 'string' | 'number?';
  /** The framework default; `undefined` means the argument is required. */
  default?: ArgValue;
  /** Integers only. */
  integer?: boolean;
  /** Returns the framework's error text when the value is out of range. */
  check?: (value: never) => string | undefined;
  /** What the argument means, for errors and the lab. */
  about?: string;
}

export interface ReadArgs {
  values: Record<string, ArgValue>;
  /** Arguments not given, so taken from the framework defaults (in definition order). */
  defaultsUsed: string[];
}

const typeWords: Record<ArgDef['type'], string> = {
  number: 'a number',
  boolean: 'true or false',
  pair: 'a pair of numbers such as [0.9, 0.999]',
  numbers: 'a list of numbers',
  string: 'a string',
  'number?': 'a number or null (None)',
};

function convert(owner: string, def: ArgDef, raw: unknown): ArgValue {
  const bad = (): never => fail(`${owner}: "${def.name}" must be ${typeWords[def.type]}, not ${JSON.stringify(raw)}.`, def.name);
  const finite = (v: unknown): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return bad();
    if (def.integer && !Number.isInteger(v)) fail(`${owner}: "${def.name}" must be a whole number, not ${v}.`, def.name);
    return v;
  };
  switch (def.type) {
    case 'number':
      return finite(raw);
    case 'number?':
      return raw === null ? null : finite(raw);
    case 'boolean':
      return typeof raw === 'boolean' ? raw : bad();
    case 'string':
      return typeof raw === 'string' ? raw : bad();
    case 'pair':
      if (!Array.isArray(raw) || raw.length !== 2) return bad();
      return raw.map(finite);
    case 'numbers':
      if (!Array.isArray(raw)) return bad();
      return raw.map(finite);
  }
}

/**
 * Read `given` against `defs`. `ignored` names are accepted and dropped (arguments that do not
 * change the maths, e.g. PyTorch's `foreach`).
 */
export function readArgs(owner: string, defs: readonly ArgDef[], given: Record<string, unknown> | undefined, ignored: readonly string[] = []): ReadArgs {
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
    fail(`${owner}: hyperparameters must be an object of name → value, such as {"lr": 0.01}.`, 'hyperparameters');
  }
  const input = given ?? {};
  const known = new Set(defs.map((d) => d.name));
  for (const name of Object.keys(input)) {
    if (!known.has(name) && !ignored.includes(name)) {
      fail(`${owner} has no argument "${name}". Its arguments are: ${defs.map((d) => d.name).join(', ')}.`, name);
    }
  }
  const values: Record<string, ArgValue> = {};
  const defaultsUsed: string[] = [];
  for (const def of defs) {
    const raw = input[def.name];
    if (raw === undefined) {
      if (def.default === undefined) {
        fail(`${owner} needs "${def.name}"${def.about ? ` (${def.about})` : ''}: the framework gives it no default.`, def.name);
      }
      values[def.name] = def.default;
      defaultsUsed.push(def.name);
      continue;
    }
    const value = convert(owner, def, raw);
    const problem = def.check?.(value as never);
    if (problem) fail(`${owner}: ${problem}`, def.name);
    values[def.name] = value;
  }
  return { values, defaultsUsed };
}

// Range checks with PyTorch's wording (torch/optim/*.py, 1.13), followed by the allowed range.
export const atLeastZero =
  (what: string) =>
  (v: number): string | undefined =>
    v >= 0 ? undefined : `Invalid ${what}: ${v} (it must be ≥ 0).`;

export const betaCheck = (v: number[]): string | undefined => {
  for (let i = 0; i < 2; i++) {
    if (!(v[i] >= 0 && v[i] < 1)) return `Invalid beta parameter at index ${i}: ${v[i]} (each beta must be in [0, 1)).`;
  }
  return undefined;
};

export const unitInterval =
  (what: string, closedAtOne = false) =>
  (v: number): string | undefined =>
    v >= 0 && (closedAtOne ? v <= 1 : v < 1) ? undefined : `Invalid ${what}: ${v} (it must be in [0, 1${closedAtOne ? ']' : ')'}).`;

export const positive =
  (what: string) =>
  (v: number): string | undefined =>
    v > 0 ? undefined : `Invalid ${what}: ${v} (it must be > 0).`;

/** Numbers of an args record, typed (the defs guarantee the types). */
export const num = (values: Record<string, ArgValue>, name: string): number => values[name] as number;
export const bool = (values: Record<string, ArgValue>, name: string): boolean => values[name] as boolean;

/** One framework's optimizer: its arguments and how to build its update rule from them. */
export interface OptimizerDef {
  /** The framework's own name for it, e.g. `torch.optim.Adam`, `keras.optimizers.Adam`, `optax.adam`. */
  owner: string;
  defs: ArgDef[];
  create(values: Record<string, ArgValue>, dims: number): Stepper;
  /** Checks across arguments (after each one is valid), in the framework's wording. */
  crossCheck?(values: Record<string, ArgValue>): string | undefined;
}

/**
 * The functions an expression may call, each with its first and second derivative (for exact
 * gradients and Hessians), and the constants it may name. `np.`, `torch.`, `math.`, … prefixes
 * are accepted and ignored.
 */

export interface UnaryFunction {
  name: string;
  arity: 1;
  f(x: number): number;
  df(x: number): number;
  d2f(x: number): number;
}

export interface BinaryFunction {
  name: string;
  arity: 2;
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
/** softplus(x) = log(1 + eˣ), computed without overflow. */
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

const unary = (name: string, f: (x: number) => number, df: (x: number) => number, d2f: (x: number) => number): UnaryFunction => ({
  name,
  arity: 1,
  f,
  df,
  d2f,
});

const UNARY: UnaryFunction[] = [
  unary('sin', Math.sin, Math.cos, (x) => -Math.sin(x)),
  unary(
    'cos',
    Math.cos,
    (x) => -Math.sin(x),
    (x) => -Math.cos(x),
  ),
  unary(
    'tan',
    Math.tan,
    (x) => 1 / Math.cos(x) ** 2,
    (x) => (2 * Math.tan(x)) / Math.cos(x) ** 2,
  ),
  unary('exp', Math.exp, Math.exp, Math.exp),
  unary('expm1', Math.expm1, Math.exp, Math.exp),
  unary(
    'log',
    Math.log,
    (x) => 1 / x,
    (x) => -1 / (x * x),
  ),
  unary(
    'log1p',
    Math.log1p,
    (x) => 1 / (1 + x),
    (x) => -1 / (1 + x) ** 2,
  ),
  unary(
    'log2',
    Math.log2,
    (x) => 1 / (x * Math.LN2),
    (x) => -1 / (x * x * Math.LN2),
  ),
  unary(
    'log10',
    Math.log10,
    (x) => 1 / (x * Math.LN10),
    (x) => -1 / (x * x * Math.LN10),
  ),
  unary(
    'sqrt',
    Math.sqrt,
    (x) => 0.5 / Math.sqrt(x),
    (x) => -0.25 / (x * Math.sqrt(x)),
  ),
  unary(
    'square',
    (x) => x * x,
    (x) => 2 * x,
    () => 2,
  ),
  unary('abs', Math.abs, Math.sign, () => 0),
  unary(
    'sign',
    Math.sign,
    () => 0,
    () => 0,
  ),
  unary(
    'tanh',
    Math.tanh,
    (x) => 1 - Math.tanh(x) ** 2,
    (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2),
  ),
  unary('sinh', Math.sinh, Math.cosh, Math.sinh),
  unary('cosh', Math.cosh, Math.sinh, Math.cosh),
  unary(
    'arctan',
    Math.atan,
    (x) => 1 / (1 + x * x),
    (x) => (-2 * x) / (1 + x * x) ** 2,
  ),
  unary(
    'arcsin',
    Math.asin,
    (x) => 1 / Math.sqrt(1 - x * x),
    (x) => x / (1 - x * x) ** 1.5,
  ),
  unary(
    'arccos',
    Math.acos,
    (x) => -1 / Math.sqrt(1 - x * x),
    (x) => -x / (1 - x * x) ** 1.5,
  ),
  unary(
    'sigmoid',
    sigmoid,
    (x) => sigmoid(x) * (1 - sigmoid(x)),
    (x) => sigmoid(x) * (1 - sigmoid(x)) * (1 - 2 * sigmoid(x)),
  ),
  unary('softplus', softplus, sigmoid, (x) => sigmoid(x) * (1 - sigmoid(x))),
  // ReLU's derivative at 0 is taken as 0, as PyTorch does.
  unary(
    'relu',
    (x) => (x > 0 ? x : 0),
    (x) => (x > 0 ? 1 : 0),
    () => 0,
  ),
];

/** Other spellings of the same functions (NumPy vs PyTorch vs math). */
const ALIASES: Record<string, string> = { atan: 'arctan', asin: 'arcsin', acos: 'arccos', fabs: 'abs', absolute: 'abs' };

export const FUNCTIONS: Readonly<Record<string, UnaryFunction | BinaryFunction>> = (() => {
  const table: Record<string, UnaryFunction | BinaryFunction> = {};
  for (const fn of UNARY) table[fn.name] = fn;
  for (const [alias, name] of Object.entries(ALIASES)) table[alias] = table[name];
  // Two-argument functions: compiled to binary operations or handled in the compiler.
  for (const name of ['pow', 'power', 'maximum', 'minimum', 'hypot', 'arctan2']) table[name] = { name, arity: 2 };
  table.atan2 = table.arctan2;
  table.max = table.maximum;
  table.min = table.minimum;
  return table;
})();

export const UNARY_BY_NAME: ReadonlyMap<string, UnaryFunction> = new Map(UNARY.map((f) => [f.name, f]));

export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI };

/** Module prefixes accepted in front of a function or constant. */
export const NAMESPACES: ReadonlySet<string> = new Set([
  'np',
  'numpy',
  'torch',
  'math',
  'jnp',
  'jax.numpy',
  'F',
  'torch.nn.functional',
  'nn.functional',
  'tf',
  'tf.math',
  'scipy.special',
  'special',
]);

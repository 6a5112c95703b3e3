/**
 * Python's floor division and modulo on numbers, as CPython computes them for floats
 * (float_divmod): the remainder is fmod's, moved to the divisor's sign, and the quotient is
 * (a − remainder) / b rounded to the nearest integer. `Math.floor(a / b)` differs where a / b
 * rounds up to an integer: Python's 1 // 0.1 is 9.0, not 10. For integers both agree.
 * The divisor must not be 0 (Python raises ZeroDivisionError; each caller says so its own way).
 * A leaf, shared by the evaluator, the value resolver and the schedule-function reader.
 * `pyArith` is Python's arithmetic operators on two numbers with these.
 */

/** +0 or −0 with the sign of x (C's copysign(0.0, x)). */
const zeroWithSign = (x: number): number => (x < 0 || Object.is(x, -0) ? -0 : 0);

/** a % b: the sign of b. */
export function pyMod(a: number, b: number): number {
  const m = a % b;
  if (m === 0) return zeroWithSign(b);
  return m < 0 !== b < 0 ? m + b : m;
}

/** a // b. */
export function pyFloorDiv(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Math.floor(a / b);
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && mod < 0 !== b < 0) div -= 1;
  if (div === 0) return zeroWithSign(a / b);
  const floor = Math.floor(div);
  return div - floor > 0.5 ? floor + 1 : floor;
}

/** `a op b` for Python's arithmetic operators (+ - * / // % **), undefined for another operator. Zero divisors are the caller's. */
export function pyArith(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '//':
      return pyFloorDiv(a, b);
    case '%':
      return pyMod(a, b);
    case '**':
      return a ** b;
  }
  return undefined;
}

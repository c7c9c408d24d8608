import type { Expr } from '../parsing/ast.ts';

/**
 * Scalar semantics of Brian2's operators and default functions, shared by
 * constant folding, host-side evaluation and the generated JavaScript.
 */
export const MATH: Readonly<Record<string, (...args: number[]) => number>> = {
  exp: Math.exp,
  log: Math.log,
  log10: Math.log10,
  expm1: Math.expm1,
  log1p: Math.log1p,
  exprel: (x) => (Math.abs(x) < 1e-16 ? 1 : x > 717 ? Infinity : Math.expm1(x) / x),
  sqrt: Math.sqrt,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN),
  ceil: Math.ceil,
  floor: Math.floor,
  int: (x) => Math.trunc(x),
  // numpy's order: first the lower bound, then the upper one (which wins if lo > hi).
  clip: (x, lo, hi) => {
    const y = x < lo ? lo : x;
    return y > hi ? hi : y;
  },
};

/** Python's `%`: the result takes the sign of the divisor. */
export function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

/** Python's `//` on floats. */
export function pyFloorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * Evaluate an expression whose names all have known values; undefined if
 * any name is unknown or a function is not a pure default function.
 */
export function evaluate(expr: Expr, lookup: (name: string) => number | undefined): number | undefined {
  const ev = (e: Expr): number | undefined => evaluate(e, lookup);
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'bool':
      return expr.value ? 1 : 0;
    case 'name':
      return lookup(expr.name);
    case 'unary': {
      const v = ev(expr.operand);
      if (v === undefined) return undefined;
      return expr.op === '-' ? -v : expr.op === '+' ? v : v === 0 ? 1 : 0;
    }
    case 'binary': {
      const a = ev(expr.left);
      const b = ev(expr.right);
      if (a === undefined || b === undefined) return undefined;
      switch (expr.op) {
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
    case 'compare': {
      const vals = expr.operands.map(ev);
      if (vals.some((v) => v === undefined)) return undefined;
      for (let k = 0; k < expr.ops.length; k++) {
        const a = vals[k]!;
        const b = vals[k + 1]!;
        const ok = { '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b, '==': a === b, '!=': a !== b }[expr.ops[k]!];
        if (!ok) return 0;
      }
      return 1;
    }
    case 'logical': {
      const vals = expr.operands.map(ev);
      if (vals.some((v) => v === undefined)) return undefined;
      return expr.op === 'and' ? (vals.every((v) => v !== 0) ? 1 : 0) : vals.some((v) => v !== 0) ? 1 : 0;
    }
    case 'call': {
      const f = MATH[expr.callee];
      if (!f) return undefined;
      const args = expr.args.map(ev);
      if (args.some((v) => v === undefined)) return undefined;
      return f(...(args as number[]));
    }
  }
}

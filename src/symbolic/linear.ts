import type { Expr } from '../parsing/ast.ts';
import { add, div, mul, neg, num, sub } from './build.ts';
import { mentions } from './substitute.ts';

/** expr = Σ coefficients[v]·v + constant, with no coefficient or constant mentioning any v. */
export interface LinearForm {
  coefficients: Map<string, Expr>;
  constant: Expr;
}

/**
 * Split an expression into a linear combination of `vars` plus a remainder,
 * or return undefined when it is not linear in them. Structural: terms are
 * distributed, never expanded, so parts free of `vars` keep their original
 * evaluation order. (Brian2 asks sympy to expand and collect; the result is
 * the same decomposition up to rounding.)
 */
export function linearForm(expr: Expr, vars: ReadonlySet<string>, options: LinearOptions = {}): LinearForm | undefined {
  const has = (e: Expr): boolean => (options.opaqueCalls ? mentionsOutsideCalls(e, vars) : mentions(e, vars));
  if (!has(expr)) return { coefficients: new Map(), constant: expr };
  switch (expr.kind) {
    case 'name':
      return { coefficients: new Map([[expr.name, num(1)]]), constant: num(0) };
    case 'unary': {
      if (expr.op === 'not') return undefined;
      const inner = linearForm(expr.operand, vars, options);
      if (!inner || expr.op === '+') return inner;
      return scale(inner, (c) => neg(c));
    }
    case 'binary': {
      const { op } = expr;
      if (op === '+' || op === '-') {
        const l = linearForm(expr.left, vars, options);
        const r = linearForm(expr.right, vars, options);
        if (!l || !r) return undefined;
        const combine = op === '+' ? add : sub;
        const coefficients = new Map<string, Expr>();
        for (const v of new Set([...l.coefficients.keys(), ...r.coefficients.keys()])) {
          coefficients.set(v, combine(l.coefficients.get(v) ?? num(0), r.coefficients.get(v) ?? num(0)));
        }
        return { coefficients, constant: combine(l.constant, r.constant) };
      }
      if (op === '*') {
        const leftFree = !has(expr.left);
        const rightFree = !has(expr.right);
        if (leftFree) {
          const r = linearForm(expr.right, vars, options);
          return r && scale(r, (c) => mul(expr.left, c));
        }
        if (rightFree) {
          const l = linearForm(expr.left, vars, options);
          return l && scale(l, (c) => mul(c, expr.right));
        }
        return undefined;
      }
      if (op === '/') {
        if (has(expr.right)) return undefined;
        const l = linearForm(expr.left, vars, options);
        return l && scale(l, (c) => div(c, expr.right));
      }
      if (op === '**') {
        if (has(expr.right)) return undefined;
        if (expr.right.kind === 'number' && expr.right.value === 1) return linearForm(expr.left, vars, options);
        return undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export interface LinearOptions {
  /**
   * Treat function calls as opaque: a variable inside `exp(v/mV)` does not
   * count. This is what Brian2's exponential Euler does (sympy's collect
   * leaves such terms in the constant part, evaluated at the old value).
   */
  opaqueCalls?: boolean;
}

function mentionsOutsideCalls(e: Expr, vars: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case 'name':
      return vars.has(e.name);
    case 'unary':
      return mentionsOutsideCalls(e.operand, vars);
    case 'binary':
      return mentionsOutsideCalls(e.left, vars) || mentionsOutsideCalls(e.right, vars);
    case 'compare':
    case 'logical':
      return e.operands.some((o) => mentionsOutsideCalls(o, vars));
    default:
      return false;
  }
}

function scale(form: LinearForm, f: (e: Expr) => Expr): LinearForm {
  const coefficients = new Map<string, Expr>();
  for (const [v, c] of form.coefficients) coefficients.set(v, f(c));
  return { coefficients, constant: f(form.constant) };
}

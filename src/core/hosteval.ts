import type { Expr } from '../parsing/ast.ts';
import { MATH, pyFloorDiv, pyMod } from '../symbolic/evaluate.ts';
import { hostRandom } from './random.ts';

/** How names and functions of an expression evaluate, element by element. */
export interface ElementContext {
  /** Per-element values (array), one value for all (number), or undefined if unknown. */
  lookup(name: string): ArrayLike<number> | number | undefined;
  /** Extra functions (e.g. TimedArrays) by name. */
  call?(name: string, args: number[], index: number): number | undefined;
}

/**
 * Evaluate an expression for elements 0 … n−1 on the host (initial values
 * from strings). Same operator semantics as the kernels; rand()/randn()
 * draw from the seedable host generator.
 */
export function evaluatePerElement(expr: Expr, ctx: ElementContext, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = evalAt(expr, ctx, k);
  return out;
}

function evalAt(e: Expr, ctx: ElementContext, k: number): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'bool':
      return e.value ? 1 : 0;
    case 'name': {
      const v = ctx.lookup(e.name);
      if (v === undefined) throw new Error(`Cannot evaluate '${e.name}' here`);
      return typeof v === 'number' ? v : v[k]!;
    }
    case 'unary': {
      const x = evalAt(e.operand, ctx, k);
      return e.op === '-' ? -x : e.op === '+' ? x : x === 0 ? 1 : 0;
    }
    case 'binary': {
      const a = evalAt(e.left, ctx, k);
      const b = evalAt(e.right, ctx, k);
      switch (e.op) {
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
          return b === 2 ? a * a : b === 0.5 ? Math.sqrt(a) : Math.pow(a, b);
      }
      break;
    }
    case 'compare': {
      let a = evalAt(e.operands[0]!, ctx, k);
      for (let q = 0; q < e.ops.length; q++) {
        const b = evalAt(e.operands[q + 1]!, ctx, k);
        const op = e.ops[q]!;
        const ok = op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : op === '>=' ? a >= b : op === '==' ? a === b : a !== b;
        if (!ok) return 0;
        a = b;
      }
      return 1;
    }
    case 'logical': {
      if (e.op === 'and') {
        for (const o of e.operands) if (evalAt(o, ctx, k) === 0) return 0;
        return 1;
      }
      for (const o of e.operands) if (evalAt(o, ctx, k) !== 0) return 1;
      return 0;
    }
    case 'call': {
      if (e.callee === 'rand') return hostRandom().rand();
      if (e.callee === 'randn') return hostRandom().randn();
      const args = e.args.map((a) => evalAt(a, ctx, k));
      const custom = ctx.call?.(e.callee, args, k);
      if (custom !== undefined) return custom;
      const f = MATH[e.callee];
      if (!f) throw new Error(`Cannot evaluate function '${e.callee}' here`);
      return f(...args);
    }
  }
  throw new Error('unreachable');
}

import type { BinaryOp, Expr } from '../parsing/ast.ts';
import type { Span } from '../parsing/source.ts';

/**
 * Expression constructors for generated code. They fold literal arithmetic
 * and drop neutral elements so that derived code (state updaters, linear
 * solutions) stays readable, but never reorder floating-point operations
 * between non-literal operands: what the user wrote is evaluated as written.
 */
const NOWHERE: Span = { start: 0, end: 0 };

export function num(value: number): Expr {
  if (value < 0) return { kind: 'unary', op: '-', operand: num(-value), span: NOWHERE };
  return { kind: 'number', value, isInteger: Number.isInteger(value) && Math.abs(value) < 2 ** 31, span: NOWHERE };
}

export function sym(name: string): Expr {
  return { kind: 'name', name, span: NOWHERE };
}

export function call(callee: string, ...args: Expr[]): Expr {
  return { kind: 'call', callee, calleeSpan: NOWHERE, args, span: NOWHERE };
}

/** The literal value of an expression that is a (possibly negated) number. */
export function literal(e: Expr): number | undefined {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.op === '-' ) {
    const v = literal(e.operand);
    return v === undefined ? undefined : -v;
  }
  if (e.kind === 'unary' && e.op === '+') return literal(e.operand);
  return undefined;
}

export const isZero = (e: Expr): boolean => literal(e) === 0;
export const isOne = (e: Expr): boolean => literal(e) === 1;

function bin(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right, span: NOWHERE };
}

export function neg(a: Expr): Expr {
  const v = literal(a);
  if (v !== undefined) return num(-v);
  if (a.kind === 'unary' && a.op === '-') return a.operand;
  return { kind: 'unary', op: '-', operand: a, span: NOWHERE };
}

export function add(a: Expr, b: Expr): Expr {
  const va = literal(a);
  const vb = literal(b);
  if (va !== undefined && vb !== undefined) return num(va + vb);
  if (va === 0) return b;
  if (vb === 0) return a;
  if (b.kind === 'unary' && b.op === '-') return bin('-', a, b.operand);
  return bin('+', a, b);
}

export function sub(a: Expr, b: Expr): Expr {
  const va = literal(a);
  const vb = literal(b);
  if (va !== undefined && vb !== undefined) return num(va - vb);
  if (vb === 0) return a;
  if (va === 0) return neg(b);
  if (b.kind === 'unary' && b.op === '-') return bin('+', a, b.operand);
  return bin('-', a, b);
}

export function mul(a: Expr, b: Expr): Expr {
  const va = literal(a);
  const vb = literal(b);
  if (va !== undefined && vb !== undefined) return num(va * vb);
  if (va === 0 || vb === 0) return num(0);
  if (va === 1) return b;
  if (vb === 1) return a;
  if (va === -1) return neg(b);
  if (vb === -1) return neg(a);
  return bin('*', a, b);
}

export function div(a: Expr, b: Expr): Expr {
  const va = literal(a);
  const vb = literal(b);
  if (va !== undefined && vb !== undefined && vb !== 0) return num(va / vb);
  if (va === 0) return num(0);
  if (vb === 1) return a;
  if (vb === -1) return neg(a);
  // (x/c)/(y/c) = x/y: a common divisor cancels (typical of -B/A with both over tau).
  if (a.kind === 'binary' && a.op === '/' && b.kind === 'binary' && b.op === '/' && sameExpr(a.right, b.right)) return div(a.left, b.left);
  if (b.kind === 'unary' && b.op === '-') return neg(div(a, b.operand));
  return bin('/', a, b);
}

export function pow(a: Expr, b: Expr): Expr {
  const vb = literal(b);
  if (vb === 1) return a;
  if (vb === 0) return num(1);
  return bin('**', a, b);
}

export function sum(terms: Expr[]): Expr {
  return terms.reduce((acc, t) => add(acc, t), num(0));
}

/** Structural equality, ignoring source positions. */
export function sameExpr(a: Expr, b: Expr): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'number':
      return a.value === (b as typeof a).value;
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'name':
      return a.name === (b as typeof a).name;
    case 'unary':
      return a.op === (b as typeof a).op && sameExpr(a.operand, (b as typeof a).operand);
    case 'binary': {
      const o = b as typeof a;
      return a.op === o.op && sameExpr(a.left, o.left) && sameExpr(a.right, o.right);
    }
    case 'compare': {
      const o = b as typeof a;
      return a.ops.length === o.ops.length && a.ops.every((op, k) => op === o.ops[k]) && a.operands.every((x, k) => sameExpr(x, o.operands[k]!));
    }
    case 'logical': {
      const o = b as typeof a;
      return a.op === o.op && a.operands.length === o.operands.length && a.operands.every((x, k) => sameExpr(x, o.operands[k]!));
    }
    case 'call': {
      const o = b as typeof a;
      return a.callee === o.callee && a.args.length === o.args.length && a.args.every((x, k) => sameExpr(x, o.args[k]!));
    }
  }
}

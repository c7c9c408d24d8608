import type { Span } from './source.ts';

/** Arithmetic operators with Python's meaning (`//` floors, `%` takes the divisor's sign). */
export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type UnaryOp = '-' | '+' | 'not';
export type LogicalOp = 'and' | 'or';

export type Expr = NumberLit | BoolLit | Name | Unary | Binary | Compare | Logical | Call;

export interface NumberLit {
  kind: 'number';
  value: number;
  /** Written without a decimal point or exponent (`3` vs `3.`): Python keeps it an integer. */
  isInteger: boolean;
  span: Span;
}
export interface BoolLit {
  kind: 'bool';
  value: boolean;
  span: Span;
}
export interface Name {
  kind: 'name';
  name: string;
  span: Span;
}
export interface Unary {
  kind: 'unary';
  op: UnaryOp;
  operand: Expr;
  span: Span;
}
export interface Binary {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}
/** A chained comparison `a < b <= c` keeps Python's meaning `a < b and b <= c`. */
export interface Compare {
  kind: 'compare';
  ops: CompareOp[];
  operands: Expr[];
  span: Span;
}
export interface Logical {
  kind: 'logical';
  op: LogicalOp;
  operands: Expr[];
  span: Span;
}
export interface Call {
  kind: 'call';
  callee: string;
  calleeSpan: Span;
  args: Expr[];
  span: Span;
}

/** Assignment operators of Brian2's abstract code (reset, on_pre, on_post). */
export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '//=' | '%=' | '**=';

export interface Statement {
  target: string;
  targetSpan: Span;
  op: AssignOp;
  value: Expr;
  span: Span;
}

/** Every identifier an expression reads, in order of first appearance (calls excluded). */
export function identifiersOf(expr: Expr, out: Set<string> = new Set()): Set<string> {
  walk(expr, (e) => {
    if (e.kind === 'name') out.add(e.name);
  });
  return out;
}

/** Names of all functions an expression calls. */
export function calledFunctions(expr: Expr, out: Set<string> = new Set()): Set<string> {
  walk(expr, (e) => {
    if (e.kind === 'call') out.add(e.callee);
  });
  return out;
}

export function walk(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'unary':
      walk(expr.operand, visit);
      break;
    case 'binary':
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    case 'compare':
    case 'logical':
      for (const o of expr.operands) walk(o, visit);
      break;
    case 'call':
      for (const a of expr.args) walk(a, visit);
      break;
    default:
      break;
  }
}

/** Rebuild an expression bottom-up; `fn` may return a replacement for any node. */
export function mapExpr(expr: Expr, fn: (e: Expr) => Expr | undefined): Expr {
  let rebuilt: Expr;
  switch (expr.kind) {
    case 'unary':
      rebuilt = { ...expr, operand: mapExpr(expr.operand, fn) };
      break;
    case 'binary':
      rebuilt = { ...expr, left: mapExpr(expr.left, fn), right: mapExpr(expr.right, fn) };
      break;
    case 'compare':
    case 'logical':
      rebuilt = { ...expr, operands: expr.operands.map((o) => mapExpr(o, fn)) };
      break;
    case 'call':
      rebuilt = { ...expr, args: expr.args.map((a) => mapExpr(a, fn)) };
      break;
    default:
      rebuilt = expr;
  }
  return fn(rebuilt) ?? rebuilt;
}

import type { IRExpr, IRFunction, IRStmt, IRType } from './ir.ts';

/** What differs between the AssemblyScript and the JavaScript rendering. */
export interface Dialect {
  constant(value: number, type: IRType): string;
  load(base: string, elem: 'f64' | 'i32' | 'u8', index: string): string;
  store(base: string, elem: 'f64' | 'i32' | 'u8', index: string, value: string): string;
  arrayBase(name: string, elem: 'f64' | 'i32' | 'u8', slot: number): string;
  param(slot: number): string;
  setParam(slot: number, value: string): string;
  cast(arg: string, from: IRType, to: IRType): string;
  call(fn: string, args: string[], argTypes: IRType[], type: IRType): string;
  select(cond: string, a: string, b: string, type: IRType): string;
  declare(name: string, type: IRType, value: string, mutable: boolean): string;
  forHeader(counter: string, from: string, to: string): string;
  functionHeader(fn: IRFunction): string;
  binary(op: string, a: string, b: string, type: IRType, operandType: IRType): string;
}

export function printExprWith(d: Dialect, e: IRExpr): string {
  const p = (x: IRExpr): string => printExprWith(d, x);
  switch (e.k) {
    case 'const':
      return d.constant(e.value, e.type);
    case 'local':
      return e.name;
    case 'param':
      return d.param(e.slot);
    case 'load':
      return d.load(e.base, e.elem, p(e.index));
    case 'unary':
      return e.op === 'neg' ? `(-${p(e.arg)})` : `(!${p(e.arg)})`;
    case 'binary':
      return d.binary(e.op, p(e.a), p(e.b), e.type, e.a.type);
    case 'call':
      return d.call(e.fn, e.args.map(p), e.args.map((a) => a.type), e.type);
    case 'invoke':
      return `${e.fn}(${e.args.map(p).join(', ')})`;
    case 'cast':
      return d.cast(p(e.arg), e.arg.type, e.to);
    case 'select':
      return d.select(p(e.cond), p(e.a), p(e.b), e.type);
  }
}

export function printStmts(d: Dialect, stmts: IRStmt[], indent: string, out: string[]): void {
  const p = (x: IRExpr): string => printExprWith(d, x);
  for (const s of stmts) {
    switch (s.k) {
      case 'let':
        out.push(`${indent}${d.declare(s.name, s.type, p(s.value), s.mutable)};`);
        break;
      case 'set':
        out.push(`${indent}${s.name} = ${p(s.value)};`);
        break;
      case 'store':
        out.push(`${indent}${d.store(s.base, s.elem, p(s.index), p(s.value))};`);
        break;
      case 'array':
        out.push(`${indent}${d.arrayBase(s.name, s.elem, s.slot)};`);
        break;
      case 'setparam':
        out.push(`${indent}${d.setParam(s.slot, p(s.value))};`);
        break;
      case 'if':
        out.push(`${indent}if (${stripParens(p(s.cond))}) {`);
        printStmts(d, s.then, indent + '  ', out);
        if (s.else && s.else.length > 0) {
          out.push(`${indent}} else {`);
          printStmts(d, s.else, indent + '  ', out);
        }
        out.push(`${indent}}`);
        break;
      case 'for':
        out.push(`${indent}${d.forHeader(s.counter, p(s.from), p(s.to))} {`);
        printStmts(d, s.body, indent + '  ', out);
        out.push(`${indent}}`);
        break;
      case 'while':
        out.push(`${indent}while (${stripParens(p(s.cond))}) {`);
        printStmts(d, s.body, indent + '  ', out);
        out.push(`${indent}}`);
        break;
      case 'break':
        out.push(`${indent}break;`);
        break;
      case 'return':
        out.push(s.value ? `${indent}return ${p(s.value)};` : `${indent}return;`);
        break;
      case 'do':
        out.push(`${indent}${p(s.value)};`);
        break;
      case 'block':
        out.push(`${indent}{`);
        printStmts(d, s.body, indent + '  ', out);
        out.push(`${indent}}`);
        break;
      case 'comment':
        for (const line of s.text.split('\n')) out.push(`${indent}// ${line}`);
        break;
    }
  }
}

export function printFunction(d: Dialect, fn: IRFunction): string {
  const out: string[] = [d.functionHeader(fn) + ' {'];
  printStmts(d, fn.body, '  ', out);
  out.push('}');
  return out.join('\n');
}

function stripParens(s: string): string {
  if (!s.startsWith('(') || !s.endsWith(')')) return s;
  // Only strip if the outer parentheses enclose the whole string.
  let depth = 0;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')') depth--;
    if (depth === 0 && k < s.length - 1) return s;
  }
  return s.slice(1, -1);
}

/** Shortest round-trip decimal for a double. */
export function floatLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '(-Infinity)';
  if (Object.is(value, -0)) return '(-0.0)';
  let s = String(value);
  if (!/[.eE]/.test(s)) s += '.0';
  return value < 0 ? `(${s})` : s;
}

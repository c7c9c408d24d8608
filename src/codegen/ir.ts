/**
 * The intermediate form both code printers read: typed expressions and
 * structured statements over locals and linear-memory arrays. Generated
 * kernels are built only from this tree, so user text reaches the output
 * only as validated identifiers and numbers.
 */
export type IRType = 'f64' | 'i32' | 'bool';

/** Element type of an array in linear memory. */
export type ElemType = 'f64' | 'i32' | 'u8';

export type IRExpr =
  | { k: 'const'; type: IRType; value: number }
  | { k: 'local'; name: string; type: IRType }
  /** A runtime scalar from the parameter block (set by the host before each run). */
  | { k: 'param'; slot: number; type: 'f64' }
  /** Element of an array whose base is held in local `base`. */
  | { k: 'load'; base: string; elem: ElemType; index: IRExpr; type: IRType }
  | { k: 'unary'; op: 'neg' | 'not'; arg: IRExpr; type: IRType }
  | { k: 'binary'; op: BinOp; a: IRExpr; b: IRExpr; type: IRType }
  /** A math or runtime library function (names as in MATH_FUNCTIONS / RUNTIME_FUNCTIONS). */
  | { k: 'call'; fn: string; args: IRExpr[]; type: IRType }
  | { k: 'cast'; to: IRType; arg: IRExpr; type: IRType }
  /** A call of another function of the same kernel. */
  | { k: 'invoke'; fn: string; args: IRExpr[]; type: IRType }
  | { k: 'select'; cond: IRExpr; a: IRExpr; b: IRExpr; type: IRType };

export type BinOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or' | 'shl' | 'shr';

export type IRStmt =
  | { k: 'let'; name: string; type: IRType; value: IRExpr; mutable: boolean }
  | { k: 'set'; name: string; value: IRExpr }
  | { k: 'store'; base: string; elem: ElemType; index: IRExpr; value: IRExpr }
  /** Declare `name` as the base of an array whose address sits in parameter slot `slot`. */
  | { k: 'array'; name: string; elem: ElemType; slot: number }
  /** Write a value into parameter slot `slot` (how kernels report back to the host). */
  | { k: 'setparam'; slot: number; value: IRExpr }
  | { k: 'if'; cond: IRExpr; then: IRStmt[]; else?: IRStmt[] }
  | { k: 'for'; counter: string; from: IRExpr; to: IRExpr; body: IRStmt[] }
  | { k: 'while'; cond: IRExpr; body: IRStmt[] }
  | { k: 'break' }
  | { k: 'return'; value?: IRExpr }
  | { k: 'do'; value: IRExpr }
  | { k: 'comment'; text: string }
  /** A nested scope (lets two loop bodies with locals of the same names share one loop). */
  | { k: 'block'; body: IRStmt[] };

export interface IRFunction {
  name: string;
  params: Array<{ name: string; type: IRType }>;
  returns?: IRType;
  body: IRStmt[];
  exported?: boolean;
}

// ---- constructors ---------------------------------------------------------

export const f64 = (value: number): IRExpr => ({ k: 'const', type: 'f64', value });
export const i32 = (value: number): IRExpr => ({ k: 'const', type: 'i32', value });
export const bool = (value: boolean): IRExpr => ({ k: 'const', type: 'bool', value: value ? 1 : 0 });
export const local = (name: string, type: IRType): IRExpr => ({ k: 'local', name, type });
export const param = (slot: number): IRExpr => ({ k: 'param', slot, type: 'f64' });

export function load(base: string, elem: ElemType, index: IRExpr): IRExpr {
  return { k: 'load', base, elem, index, type: elem === 'f64' ? 'f64' : elem === 'i32' ? 'i32' : 'bool' };
}

export function cast(arg: IRExpr, to: IRType): IRExpr {
  if (arg.type === to) return arg;
  if (arg.k === 'const') {
    if (to === 'bool') return bool(arg.value !== 0);
    if (to === 'i32') return i32(Math.trunc(arg.value) | 0);
    return f64(arg.value);
  }
  return { k: 'cast', to, arg, type: to };
}

export function binary(op: BinOp, a: IRExpr, b: IRExpr): IRExpr {
  const comparison = op === '<' || op === '<=' || op === '>' || op === '>=' || op === '==' || op === '!=';
  if (op === 'and' || op === 'or') return { k: 'binary', op, a: cast(a, 'bool'), b: cast(b, 'bool'), type: 'bool' };
  if (op === 'shl' || op === 'shr') return { k: 'binary', op, a, b, type: 'i32' };
  // Mixed operands are computed in f64, as numpy does for int/float mixes;
  // integer arithmetic stays integer only when both sides are integers.
  const bothInt = a.type !== 'f64' && b.type !== 'f64' && op !== '/';
  const operandType: IRType = bothInt ? 'i32' : 'f64';
  const x = cast(a, operandType);
  const y = cast(b, operandType);
  return { k: 'binary', op, a: x, b: y, type: comparison ? 'bool' : operandType };
}

export function call(fn: string, args: IRExpr[], type: IRType = 'f64'): IRExpr {
  return { k: 'call', fn, args, type };
}

export function select(cond: IRExpr, a: IRExpr, b: IRExpr): IRExpr {
  const type: IRType = a.type === b.type ? a.type : 'f64';
  return { k: 'select', cond: cast(cond, 'bool'), a: cast(a, type), b: cast(b, type), type };
}

export const letConst = (name: string, value: IRExpr): IRStmt => ({ k: 'let', name, type: value.type, value, mutable: false });
export const letVar = (name: string, value: IRExpr, type: IRType = value.type): IRStmt => ({ k: 'let', name, type, value: cast(value, type), mutable: true });
export const set = (name: string, value: IRExpr): IRStmt => ({ k: 'set', name, value });
export const store = (base: string, elem: ElemType, index: IRExpr, value: IRExpr): IRStmt => ({
  k: 'store',
  base,
  elem,
  index,
  value: cast(value, elem === 'f64' ? 'f64' : elem === 'i32' ? 'i32' : 'bool'),
});
export const forRange = (counter: string, from: IRExpr, to: IRExpr, body: IRStmt[]): IRStmt => ({ k: 'for', counter, from, to, body });
export const ifThen = (cond: IRExpr, then: IRStmt[], otherwise?: IRStmt[]): IRStmt =>
  otherwise ? { k: 'if', cond: cast(cond, 'bool'), then, else: otherwise } : { k: 'if', cond: cast(cond, 'bool'), then };

/** Visit every expression in a statement list (pre-order). */
export function forEachExpr(stmts: IRStmt[], visit: (e: IRExpr) => void): void {
  const expr = (e: IRExpr): void => {
    visit(e);
    switch (e.k) {
      case 'load':
        expr(e.index);
        break;
      case 'unary':
      case 'cast':
        expr(e.arg);
        break;
      case 'binary':
        expr(e.a);
        expr(e.b);
        break;
      case 'call':
      case 'invoke':
        e.args.forEach(expr);
        break;
      case 'select':
        expr(e.cond);
        expr(e.a);
        expr(e.b);
        break;
      default:
        break;
    }
  };
  for (const s of stmts) {
    switch (s.k) {
      case 'let':
      case 'set':
        expr(s.value);
        break;
      case 'store':
        expr(s.index);
        expr(s.value);
        break;
      case 'if':
        expr(s.cond);
        forEachExpr(s.then, visit);
        if (s.else) forEachExpr(s.else, visit);
        break;
      case 'for':
        expr(s.from);
        expr(s.to);
        forEachExpr(s.body, visit);
        break;
      case 'while':
        expr(s.cond);
        forEachExpr(s.body, visit);
        break;
      case 'block':
        forEachExpr(s.body, visit);
        break;
      case 'return':
        if (s.value) expr(s.value);
        break;
      case 'do':
      case 'setparam':
        expr(s.value);
        break;
      default:
        break;
    }
  }
}

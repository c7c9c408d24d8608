import type { Expr, Statement } from '../parsing/ast.ts';
import { identifiersOf } from '../parsing/ast.ts';
import {
  binary,
  bool,
  call,
  cast,
  f64,
  i32,
  load,
  local,
  param,
  select,
  set,
  store,
  type IRExpr,
  type IRStmt,
  type IRType,
} from './ir.ts';
import { localName, type SymbolRef, type SymbolTable } from './symbols.ts';

/**
 * Default functions → runtime/math names, with their IR result type. exp,
 * log, expm1 and log1p use the runtime's own implementations (the same
 * algorithm in both backends), so WASM and JS kernels agree to the bit.
 */
const FUNCTIONS: Record<string, { impl: string; type: IRType }> = {
  exp: { impl: 'det_exp', type: 'f64' }, log: { impl: 'det_log', type: 'f64' }, log10: { impl: 'log10', type: 'f64' },
  expm1: { impl: 'det_expm1', type: 'f64' }, log1p: { impl: 'det_log1p', type: 'f64' }, exprel: { impl: 'exprel', type: 'f64' },
  sqrt: { impl: 'sqrt', type: 'f64' }, sin: { impl: 'sin', type: 'f64' }, cos: { impl: 'cos', type: 'f64' },
  tan: { impl: 'tan', type: 'f64' }, sinh: { impl: 'det_sinh', type: 'f64' }, cosh: { impl: 'det_cosh', type: 'f64' },
  tanh: { impl: 'det_tanh', type: 'f64' }, arcsin: { impl: 'asin', type: 'f64' }, arccos: { impl: 'acos', type: 'f64' },
  arctan: { impl: 'atan', type: 'f64' }, abs: { impl: 'abs', type: 'f64' }, sign: { impl: 'sign', type: 'f64' },
  floor: { impl: 'floor', type: 'f64' }, ceil: { impl: 'ceil', type: 'f64' }, clip: { impl: 'clip', type: 'f64' },
  timestep: { impl: 'timestep', type: 'f64' },
};

/** Stateful library functions: never hoisted, never folded. */
export const STATEFUL = new Set(['rand', 'randn', 'poisson', 'binomial']);

export interface TranslateOptions {
  symbols: SymbolTable;
  /** Subexpressions that may be referenced, by name (each in terms of variables and other subexpressions). */
  subexpressions?: ReadonlyMap<string, Expr>;
  /** Local holding the address of the RNG state. */
  rngLocal?: string;
  /** Extra condition under which a vector variable's new value is stored (conditional writes). */
  storeGuard?: (name: string, ref: SymbolRef) => IRExpr | undefined;
}

interface LoadedVar {
  local: string;
  ref: Extract<SymbolRef, { kind: 'vector' | 'shared' }>;
}

/**
 * Turns checked model code into IR for one loop iteration. Variables are
 * read into locals once, updated there, and stored back at the end, so a
 * statement sees the values written by the statements before it — Brian2's
 * abstract-code semantics. Array bases and scalar parameters are collected
 * for the loop's prologue.
 */
export class Translator {
  /** Statements to place before the loop (array bases). */
  readonly prologue: IRStmt[] = [];
  /** The iteration body. */
  readonly body: IRStmt[] = [];
  private readonly arrays = new Set<string>();
  private readonly loaded = new Map<string, LoadedVar>();
  private readonly written = new Set<string>();
  private readonly temporaries = new Map<string, IRType>();
  private readonly subexprState = new Map<string, 'valid' | 'stale'>();
  private pendingWrites = new Set<string>();
  private powCounter = 0;

  constructor(private readonly options: TranslateOptions) {}

  /** Translate a block of statements (assignments to variables and temporaries). */
  statements(stmts: readonly Statement[]): void {
    for (const st of stmts) {
      const ref = this.options.symbols(st.target);
      if (ref && (ref.kind === 'vector' || ref.kind === 'shared')) this.pendingWrites.add(st.target);
    }
    for (const st of stmts) this.statement(st);
  }

  /** Translate an expression, emitting any loads or subexpressions it needs into the body first. */
  expr(e: Expr): IRExpr {
    switch (e.kind) {
      case 'number':
        return e.isInteger && Math.abs(e.value) < 2 ** 31 ? i32(e.value) : f64(e.value);
      case 'bool':
        return bool(e.value);
      case 'name':
        return this.name(e.name);
      case 'unary': {
        const a = this.expr(e.operand);
        if (e.op === 'not') return { k: 'unary', op: 'not', arg: cast(a, 'bool'), type: 'bool' };
        if (e.op === '+') return a.type === 'bool' ? cast(a, 'i32') : a;
        const x = a.type === 'bool' ? cast(a, 'i32') : a;
        if (x.k === 'const') return { ...x, value: -x.value };
        return { k: 'unary', op: 'neg', arg: x, type: x.type };
      }
      case 'binary': {
        const a = this.expr(e.left);
        const b = this.expr(e.right);
        switch (e.op) {
          case '+':
          case '-':
          case '*':
            return binary(e.op, a, b);
          case '/':
            return binary('/', cast(a, 'f64'), cast(b, 'f64'));
          case '//':
          case '%': {
            const r = call(e.op === '%' ? 'pymod' : 'pyfloordiv', [cast(a, 'f64'), cast(b, 'f64')]);
            return a.type !== 'f64' && b.type !== 'f64' ? cast(r, 'i32') : r;
          }
          case '**':
            return this.power(a, b);
        }
        break;
      }
      case 'compare': {
        const operands = e.operands.map((o) => this.expr(o));
        let result: IRExpr | undefined;
        e.ops.forEach((op, k) => {
          const c = binary(op, operands[k]!, operands[k + 1]!);
          result = result ? binary('and', result, c) : c;
        });
        return result!;
      }
      case 'logical': {
        const operands = e.operands.map((o) => this.expr(o));
        return operands.slice(1).reduce((acc, o) => binary(e.op, acc, o), cast(operands[0]!, 'bool'));
      }
      case 'call':
        return this.call(e.callee, e.args);
    }
    throw new Error('unreachable');
  }

  /** Store every variable written in this iteration back to its array. */
  finish(): void {
    for (const name of this.written) {
      const v = this.loaded.get(name)!;
      const index = this.elementIndex(v.ref);
      const base = this.arrayBase(v.ref.arrayKey, v.ref.slot, v.ref.elem);
      const write = store(base, v.ref.elem, index, local(v.local, v.ref.type));
      const guard = this.options.storeGuard?.(name, v.ref);
      this.body.push(guard ? { k: 'if', cond: guard, then: [write] } : write);
    }
  }

  /** The local holding the base of an array, declared in the prologue on first use. */
  arrayBase(key: string, slot: number, elem: 'f64' | 'i32' | 'u8'): string {
    const name = arrayLocal(key);
    if (!this.arrays.has(name)) {
      this.arrays.add(name);
      this.prologue.push({ k: 'array', name, elem, slot });
    }
    return name;
  }

  private statement(st: Statement): void {
    const ref = this.options.symbols(st.target);
    let value = this.expr(st.value);
    if (ref && (ref.kind === 'vector' || ref.kind === 'shared')) {
      const v = this.ensureLoaded(st.target, ref, st.op !== '=');
      value = this.applyOp(st.op, local(v.local, ref.type), value);
      this.body.push(set(v.local, convertTo(value, ref.type)));
      this.written.add(st.target);
      this.invalidate(st.target);
      return;
    }
    // A temporary (of the generated code, or of the user's code: Brian2 lets
    // `tau = 3*ms` in a reset define a local that shadows a namespace value).
    const known = this.temporaries.get(st.target);
    const name = localName(st.target);
    if (known) {
      this.body.push(set(name, convertTo(this.applyOp(st.op, local(name, known), value), known)));
    } else {
      if (st.op !== '=') throw new Error(`Internal error: '${st.target}' is updated before it is defined`);
      this.temporaries.set(st.target, value.type);
      this.body.push({ k: 'let', name, type: value.type, value, mutable: true });
    }
  }

  private applyOp(op: Statement['op'], current: IRExpr, value: IRExpr): IRExpr {
    switch (op) {
      case '=':
        return value;
      case '+=':
        return binary('+', current, value);
      case '-=':
        return binary('-', current, value);
      case '*=':
        return binary('*', current, value);
      case '/=':
        return binary('/', cast(current, 'f64'), cast(value, 'f64'));
      case '//=':
        return call('pyfloordiv', [cast(current, 'f64'), cast(value, 'f64')]);
      case '%=':
        return call('pymod', [cast(current, 'f64'), cast(value, 'f64')]);
      case '**=':
        return this.power(current, value);
    }
  }

  /**
   * Small integer powers become products (exactly reproducible in both
   * backends, unlike the platforms' pow); x**0.5 is sqrt.
   */
  private power(a: IRExpr, b: IRExpr): IRExpr {
    const base = cast(a, 'f64');
    if (b.k === 'const' && Number.isInteger(b.value) && Math.abs(b.value) <= 8 && b.value !== 0) {
      if (base.k !== 'local' && base.k !== 'const' && base.k !== 'param') {
        const tmp = `_pow_${this.powCounter++}`;
        this.body.push({ k: 'let', name: tmp, type: 'f64', value: base, mutable: false });
        return this.power(local(tmp, 'f64'), b);
      }
      let result: IRExpr = base;
      for (let k = 1; k < Math.abs(b.value); k++) result = binary('*', result, base);
      return b.value < 0 ? binary('/', f64(1), result) : result;
    }
    if (b.k === 'const' && b.value === 0.5) return call('sqrt', [base]);
    return call('pow', [base, cast(b, 'f64')]);
  }

  private name(name: string): IRExpr {
    const temp = this.temporaries.get(name);
    if (temp) return local(localName(name), temp);
    const sub = this.options.subexpressions?.get(name);
    if (sub) return this.subexpression(name, sub);
    const ref = this.options.symbols(name);
    if (!ref) throw new Error(`Internal error: no symbol for '${name}'`);
    switch (ref.kind) {
      case 'vector':
      case 'shared': {
        const v = this.ensureLoaded(name, ref, false);
        return local(v.local, ref.type);
      }
      case 'param':
        return ref.type === 'f64' ? param(ref.slot) : cast(param(ref.slot), ref.type);
      case 'literal':
        return ref.type === 'f64' ? f64(ref.value) : ref.type === 'i32' ? i32(ref.value) : bool(ref.value !== 0);
      case 'local':
        return local(ref.name, ref.type);
      default:
        throw new Error(`Internal error: '${name}' is a function, not a value`);
    }
  }

  private subexpression(name: string, expr: Expr): IRExpr {
    const local_ = localName(name);
    const state = this.subexprState.get(name);
    if (state === 'valid') return local(local_, this.temporaries.get(`#sub:${name}`)!);
    const value = this.expr(expr);
    if (state === 'stale') {
      const type = this.temporaries.get(`#sub:${name}`)!;
      this.body.push(set(local_, convertTo(value, type)));
    } else {
      this.temporaries.set(`#sub:${name}`, value.type);
      this.body.push({ k: 'let', name: local_, type: value.type, value, mutable: true });
    }
    this.subexprState.set(name, 'valid');
    return local(local_, this.temporaries.get(`#sub:${name}`)!);
  }

  /** After `name` changes, subexpressions that depend on it are recomputed at their next use. */
  private invalidate(name: string): void {
    const subs = this.options.subexpressions;
    if (!subs) return;
    for (const [sub, expr] of subs) {
      if (this.subexprState.get(sub) === 'valid' && this.dependsOn(expr, name, new Set())) this.subexprState.set(sub, 'stale');
    }
  }

  private dependsOn(expr: Expr, name: string, seen: Set<string>): boolean {
    for (const id of identifiersOf(expr)) {
      if (id === name) return true;
      const sub = this.options.subexpressions?.get(id);
      if (sub && !seen.has(id)) {
        seen.add(id);
        if (this.dependsOn(sub, name, seen)) return true;
      }
    }
    return false;
  }

  /** The element a stored variable is read at (or written to) in this iteration. */
  private elementIndex(ref: Extract<SymbolRef, { kind: 'vector' | 'shared' }>): IRExpr {
    if (ref.kind === 'shared') return i32(0);
    const at = local(ref.index, 'i32');
    const via = ref.via;
    if (!via) return at;
    if ('constant' in via) return i32(via.constant);
    const element = load(this.arrayBase(via.arrayKey, via.slot, 'i32'), 'i32', at);
    return via.offset ? binary('+', element, i32(via.offset)) : element;
  }

  private ensureLoaded(name: string, ref: Extract<SymbolRef, { kind: 'vector' | 'shared' }>, forUpdate: boolean): LoadedVar {
    const existing = this.loaded.get(name);
    if (existing) return existing;
    void forUpdate;
    const base = this.arrayBase(ref.arrayKey, ref.slot, ref.elem);
    const index = this.elementIndex(ref);
    const v: LoadedVar = { local: localName(name), ref };
    this.body.push({ k: 'let', name: v.local, type: ref.type, value: load(base, ref.elem, index), mutable: this.pendingWrites.has(name) });
    this.loaded.set(name, v);
    return v;
  }

  private call(callee: string, args: readonly Expr[]): IRExpr {
    if (callee === '_where') {
      const [c, a, b] = args.map((x) => this.expr(x));
      return select(c!, a!, b!);
    }
    const ref = this.options.symbols(callee);
    if (ref?.kind === 'timedarray') return this.timedArray(ref, args);
    const rng = this.options.rngLocal ?? '_RNG';
    if (callee === 'rand' || callee === 'randn') return call(callee, [local(rng, 'i32')]);
    if (callee === 'poisson') return call('poisson', [local(rng, 'i32'), cast(this.expr(args[0]!), 'f64')], 'i32');
    const values = args.map((a) => this.expr(a));
    if (callee === 'int') {
      const x = values[0]!;
      return x.type === 'f64' ? cast(call('trunc', [x]), 'i32') : cast(x, 'i32');
    }
    if (callee === 'abs' && values[0]!.type !== 'f64') {
      const x = cast(values[0]!, 'i32');
      return select(binary('<', x, i32(0)), { k: 'unary', op: 'neg', arg: x, type: 'i32' }, x);
    }
    const fn = FUNCTIONS[callee];
    if (!fn) throw new Error(`Internal error: no implementation for function '${callee}'`);
    return call(fn.impl, values.map((v) => cast(v, 'f64')), fn.type);
  }

  private timedArray(ref: Extract<SymbolRef, { kind: 'timedarray' }>, args: readonly Expr[]): IRExpr {
    const t = cast(this.expr(args[0]!), 'f64');
    const row = call('timedarray_index', [t, param(ref.epsSlot), param(ref.kSlot), cast(param(ref.nSlot), 'i32')], 'i32');
    const base = this.arrayBase(ref.arrayKey, ref.valuesSlot, 'f64');
    if (!ref.twoD) return load(base, 'f64', row);
    const column = cast(this.expr(args[1]!), 'i32');
    return load(base, 'f64', binary('+', binary('*', row, cast(param(ref.colsSlot), 'i32')), column));
  }
}

/** The local holding an array's base inside a kernel function. */
export function arrayLocal(key: string): string {
  return `_ptr_${key}`;
}

/** Convert a value for storage in a variable of the given type (integers truncate, as numpy's casts do). */
export function convertTo(value: IRExpr, type: IRType): IRExpr {
  if (value.type === type) return value;
  if (type === 'i32' && value.type === 'f64') return cast(call('trunc', [value]), 'i32');
  return cast(value, type);
}

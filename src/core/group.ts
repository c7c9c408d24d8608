import { parseExpression } from '../parsing/expressions.ts';
import { SourceText } from '../parsing/source.ts';
import { parseStatements } from '../parsing/statements.ts';
import { Clock } from './clock.ts';
import type { TimeLike } from './quantities.ts';
import { errorAt } from '../parsing/diagnostics.ts';
import { checkExpression } from '../equations/unitcheck.ts';
import { perElementVariable } from '../equations/analyse.ts';
import { spanOfName } from '../equations/equations.ts';
import type { Scope } from '../equations/scope.ts';
import { Dimension, formatDimension, Quantity } from '../units/index.ts';
import { SimObject, type Operation, type RunContext } from './base.ts';
import type { IRFunction } from '../codegen/ir.ts';
import type { KernelBuild } from '../runtime/build.ts';
import type { SymbolTable } from '../codegen/symbols.ts';
import type { Translator } from '../codegen/translate.ts';
import type { Expr, Statement } from '../parsing/ast.ts';
import { evaluatePerElement, type ElementContext } from './hosteval.ts';
import { parseQuantity } from '../units/index.ts';
import { VariableValues, type StoredVariable } from './variables.ts';
import type { ArrayHandle } from '../runtime/arrays.ts';
import { nextSequence, type HistoryEntry } from './history.ts';

export interface KernelAccess {
  symbols: SymbolTable;
  subexpressions: ReadonlyMap<string, Expr>;
  /** Parameter slot holding the number of elements. */
  sizeSlot: number;
  /** Starts each loop iteration (e.g. loads a synapse's pre/post indices). */
  prelude?: (tr: Translator) => void;
}

export interface RunRegularlyOptions {
  /** Its own time step (a new clock); default: the object's clock. */
  dt?: TimeLike;
  clock?: Clock;
  /** Schedule slot, default 'start' (as in Brian2). */
  when?: string;
  order?: number;
  name?: string;
}

/** Code run on every element at regular intervals (Brian2's run_regularly). */
export interface RegularOperation {
  readonly name: string;
  readonly code: string;
  readonly clock: Clock;
  readonly when: string;
  readonly order: number;
}

/**
 * The operations of a run_regularly whose code Brian2 runs in two parts
 * (splitScalarStatements): the statements on shared values once per call,
 * then the rest for every element. Both carry the operation's name, so the
 * network's sort (slot, order, name — stable) keeps them together and in order.
 */
export function runRegularlyOperations(
  r: RegularOperation,
  build: KernelBuild,
  parts: { scalar: Statement[]; vector: Statement[] },
  shared: (name: string, once: number, statements: Statement[]) => IRFunction,
  perElement: (statements: Statement[]) => IRFunction,
): Operation[] {
  const op = (fn: IRFunction): Operation => ({ name: r.name, when: r.when, order: r.order, clock: r.clock, fn });
  const ops: Operation[] = [];
  if (parts.scalar.length > 0) ops.push(op(shared(`${r.name}_shared`, build.param(`${r.name}.once`, () => 1), parts.scalar)));
  if (parts.vector.length > 0 || parts.scalar.length === 0) ops.push(op(perElement(parts.vector)));
  return ops;
}

export type AssignValue = Quantity | number | boolean | string | ArrayLike<number> | ReadonlyArray<Quantity>;

/**
 * A population of elements with stored variables (neurons, synapses,
 * Poisson sources). Gives Brian2's attribute-style access as get/set and
 * through `vars`: `G.vars.v = '-70*mV'`, `G.vars.v.at(0)`.
 */
export abstract class VariableOwner extends SimObject {
  protected readonly stored = new Map<string, StoredVariable>();
  /** Assignments and connect() calls made on this object, in order (for export). */
  readonly history: HistoryEntry[] = [];
  /** Proxy for attribute-style access: `G.vars.v = -70*mV`. */
  readonly vars: Record<string, any>;

  constructor() {
    super();
    this.vars = new Proxy(
      {},
      {
        get: (_t, name) => (typeof name === 'string' ? this.get(name) : undefined),
        set: (_t, name, value) => {
          if (typeof name !== 'string') return false;
          this.set(name, value as AssignValue);
          return true;
        },
        has: (_t, name) => typeof name === 'string' && this.stored.has(name),
        ownKeys: () => [...this.stored.keys()],
        getOwnPropertyDescriptor: (_t, name) => (typeof name === 'string' && this.stored.has(name) ? { enumerable: true, configurable: true } : undefined),
      },
    );
  }

  private readonly regular: RegularOperation[] = [];

  /**
   * Run code on every element at regular intervals (Brian2's run_regularly):
   * on the object's clock, or on a clock of its own with `dt`. Like Brian2,
   * the code does not write `(unless refractory)` variables of refractory neurons.
   */
  runRegularly(code: string, options: RunRegularlyOptions = {}): RegularOperation {
    if (typeof code !== 'string' || code.trim() === '') throw new TypeError('run_regularly needs code (a string of statements)');
    const taken = new Set(this.regular.map((r) => r.name));
    let name = options.name;
    if (name === undefined) {
      name = `${this.name}_run_regularly`;
      for (let k = 1; taken.has(name); k++) name = `${this.name}_run_regularly_${k}`;
    } else if (taken.has(name)) throw new Error(`'${this.name}' already has an operation named '${name}'`);
    const clock = options.clock ?? (options.dt !== undefined ? new Clock(options.dt, `${name}_clock`) : this.clock);
    // Syntax errors now; names and units are checked when a run prepares it.
    parseStatements(new SourceText(code, `run_regularly code '${name}'`), `run_regularly code '${name}'`);
    const op: RegularOperation = { name, code, clock, when: options.when ?? 'start', order: options.order ?? 0 };
    this.regular.push(op);
    return op;
  }

  /** Operations added with runRegularly, in order. */
  get regularOperations(): readonly RegularOperation[] {
    return this.regular;
  }

  /** Number of elements (neurons, synapses …). */
  abstract get size(): number;

  /**
   * How kernels of other objects (monitors) read this object's variables
   * and subexpressions, indexed by the local `_idx`.
   */
  abstract kernelAccess(ctx: RunContext): KernelAccess;

  /** Scope for evaluating expressions on this object (its variables, namespace, defaults). */
  protected abstract expressionScope(): Scope;
  /** Per-element values of a name for host-side evaluation (variables, subexpressions). */
  protected abstract elementContext(): ElementContext;

  /** Every array this object keeps (for store/restore). */
  arrayHandles(): ArrayHandle[] {
    return [...this.stored.values()].map((v) => v.handle);
  }

  /** Dimension of a stored variable or a subexpression. */
  dimensionOf(name: string): Dimension {
    return this.variable(name).dim;
  }

  variableNames(): string[] {
    return [...this.stored.keys()];
  }

  variable(name: string): StoredVariable {
    const v = this.stored.get(name);
    if (!v) throw new Error(`'${this.name}' has no variable '${name}'. Its variables: ${[...this.stored.keys()].join(', ') || '(none)'}`);
    return v;
  }

  /** Values of a variable (a copy, in SI). Subexpressions are evaluated. */
  get(name: string): VariableValues {
    const v = this.stored.get(name);
    if (v) {
      const data = v.handle.data;
      const values = new Float64Array(v.shared ? 1 : this.size);
      for (let k = 0; k < values.length; k++) values[k] = data[k]!;
      return new VariableValues(name, values, v.dim);
    }
    return this.evaluateReadOnly(name);
  }

  /** Values in SI without units, like Brian2's `G.v_`. */
  getSI(name: string): Float64Array {
    return this.get(name).values;
  }

  /**
   * Assign a variable: a Quantity or number for all elements, an array of
   * per-element values (SI numbers or Quantities), or a string — a quantity
   * like '-70*mV' or an expression evaluated per element like
   * 'V_L + rand()*mV' or '-70*mV + i*0.5*mV'.
   */
  set(name: string, value: AssignValue): void {
    this.assignRange(name, value, 0, undefined);
  }

  /**
   * Assign to the elements start … start+count−1 (a subgroup; `undefined`
   * count means all). In a string, `i` and `N` refer to that range, as in
   * Brian2's subgroups. Like Brian2, a string (code) is not written to
   * elements whose variable is currently frozen (an `(unless refractory)`
   * variable of a refractory neuron); plain values always are.
   * @internal
   */
  assignRange(name: string, value: AssignValue, start: number, count: number | undefined): void {
    const whole = count === undefined;
    const entry: HistoryEntry = { kind: 'initializer', seq: nextSequence(), source: this.name, variable: name, value, si: false };
    if (!whole) entry.range = [start, start + count];
    this.history.push(entry);
    const v = this.variable(name);
    if (v.readOnly) throw new Error(`Variable '${name}' of '${this.name}' is read-only`);
    const data = v.handle.data;
    const n = v.shared ? 1 : whole ? this.size : count;
    const write = (k: number, x: number): void => {
      data[start + k] = v.type === 'integer' ? Math.trunc(x) : v.type === 'boolean' ? (x !== 0 ? 1 : 0) : x;
    };
    if (typeof value === 'string') {
      const values = this.evaluateString(value, v, v.shared ? 0 : start, n);
      if (entry.kind === 'initializer') entry.values = Float64Array.from({ length: n }, (_, k) => values[values.length === 1 ? 0 : k]!);
      const frozen = v.shared ? undefined : this.frozenElements(name);
      // A plain quantity gives one value for all elements.
      for (let k = 0; k < n; k++) if (!frozen || frozen[start + k] === 0) write(k, values[values.length === 1 ? 0 : k]!);
      return;
    }
    if (value instanceof Quantity || typeof value === 'number' || typeof value === 'boolean') {
      const x = scalarSI(value, v, this.name);
      for (let k = 0; k < n; k++) write(k, x);
      return;
    }
    const arr = value as ArrayLike<number | Quantity>;
    if (arr.length !== n) throw new RangeError(`Cannot assign ${arr.length} values to '${name}' of '${this.name}'${whole ? '' : ` [${start}:${start + n}]`}, which has ${n}`);
    for (let k = 0; k < n; k++) write(k, scalarSI(arr[k]!, v, this.name));
  }

  /**
   * Per element, nonzero where code must not write the variable now
   * (Brian2's conditional write: `(unless refractory)` variables of
   * refractory neurons); undefined if every element may be written.
   */
  protected frozenElements(_name: string): ArrayLike<number> | undefined {
    return undefined;
  }

  /** Assign raw SI values without unit checks (Brian2's `G.v_ = …`). */
  setSI(name: string, values: number | ArrayLike<number>): void {
    this.history.push({ kind: 'initializer', seq: nextSequence(), source: this.name, variable: name, value: typeof values === 'number' ? values : Array.from(values), si: true });
    const v = this.variable(name);
    const data = v.handle.data;
    const n = v.shared ? 1 : this.size;
    if (typeof values === 'number') {
      data.fill(v.type === 'integer' ? Math.trunc(values) : values, 0, n);
      return;
    }
    if (values.length !== n) throw new RangeError(`Cannot assign ${values.length} values to '${name}' of '${this.name}', which has ${n}`);
    for (let k = 0; k < n; k++) data[k] = v.type === 'integer' ? Math.trunc(values[k]!) : values[k]!;
  }

  private evaluateString(text: string, target: StoredVariable, start: number, count: number): Float64Array {
    // A plain quantity ('10*mV', '-70 mV') needs no per-element evaluation.
    let q: Quantity | undefined;
    try {
      q = parseQuantity(text);
    } catch {
      // not a plain quantity: an expression
    }
    if (q) return Float64Array.of(scalarSI(q, target, this.name));
    const source = new SourceText(text, `value of '${target.name}'`);
    const expr = parseExpression(source);
    const scope = this.expressionScope();
    const info = checkExpression(expr, scope, source);
    // Brian2: a shared variable has one value, which cannot come from per-element values.
    const vector = target.shared ? perElementVariable(expr, (name) => scope.resolve(name)) : undefined;
    if (vector) {
      throw errorAt(
        'scalar-write',
        `Cannot write to scalar variable '${target.name}' with an expression referring to vector variable '${vector}'`,
        source,
        spanOfName(expr, vector) ?? expr.span,
        `'${target.name}' is shared: one value for all of '${this.name}', while '${vector}' has one value per element.`,
      );
    }
    if (info.dim !== target.dim) {
      throw errorAt(
        'unit-mismatch',
        `Cannot assign '${text}' to '${target.name}': the expression has unit ${formatDimension(info.dim)}, but '${target.name}' has unit ${formatDimension(target.dim)}`,
        source,
        expr.span,
      );
    }
    const all = start === 0 && count === this.size;
    const ctx = all || target.shared ? this.elementContext() : windowContext(this.elementContext(), start, count);
    const result = evaluatePerElement(expr, ctx, target.shared ? 1 : count);
    if (result.length === 1 && !target.shared) return new Float64Array(count).fill(result[0]!);
    return result;
  }

  /** Values of something that is not stored (a subexpression), evaluated now. */
  protected evaluateReadOnly(name: string): VariableValues {
    throw new Error(`'${this.name}' has no variable '${name}'. Its variables: ${[...this.stored.keys()].join(', ')}`);
  }
}

/** Elements start … start+count−1 of a context, renumbered from 0 (a subgroup's view). */
function windowContext(ctx: ElementContext, start: number, count: number): ElementContext {
  return {
    lookup(name) {
      if (name === 'N') return count;
      if (name === 'i') return Float64Array.from({ length: count }, (_, k) => k);
      const value = ctx.lookup(name);
      if (value === undefined || typeof value === 'number') return value;
      return ArrayBuffer.isView(value) ? (value as unknown as Float64Array).subarray(start, start + count) : Array.prototype.slice.call(value, start, start + count);
    },
    call: ctx.call ? (name, args, index) => ctx.call!(name, args, start + index) : undefined,
  };
}

function scalarSI(value: Quantity | number | boolean, v: StoredVariable, owner: string): number {
  if (typeof value === 'boolean') {
    if (v.type !== 'boolean') throw new TypeError(`Cannot assign a boolean to '${v.name}' of '${owner}'`);
    return value ? 1 : 0;
  }
  if (typeof value === 'number') {
    if (!v.dim.isDimensionless && value !== 0) {
      throw new TypeError(`'${v.name}' of '${owner}' has units of ${formatDimension(v.dim)}; assign a Quantity or a string like '${value}*${formatDimension(v.dim)}', not the plain number ${value}`);
    }
    return value;
  }
  if (value.dim !== v.dim) {
    throw new TypeError(`Cannot assign ${value.toString()} to '${v.name}' of '${owner}': units of ${formatDimension(value.dim)} instead of ${formatDimension(v.dim)}`);
  }
  return value.value;
}

export { Dimension };

/**
 * Brian2's Synapses.connect() as a pure host-side generator: from the two
 * groups' sizes and variables and the arguments of connect(), the list of
 * synapses (i, j) in exactly the order Brian2 creates them.
 *
 * Every form of connect() is reduced, as in Brian2 (synapses.py), to one of
 * two mechanisms:
 *  - explicit index arrays (`i=`, `j=` numbers or arrays), optionally thinned
 *    by a constant `p` and repeated `n` times;
 *  - a generator: an outer loop over one side (presynaptic for `j='…'` and for
 *    conditions, postsynaptic for `i='…'`), an inner loop over range() or
 *    sample(), an element expression giving the other index, an optional
 *    `if` condition and `n` synapses per accepted pair.
 *    `condition='…', p=…` becomes `j='_k for _k in range(N_post) if …'`, or
 *    `sample(N_post, p=p) if …` for a p that does not depend on j, or
 *    `range(N_post) if (…) and rand() < p` for one that does.
 *
 * Expressions are parsed and unit-checked with the model language's parser
 * and checker, then compiled to JavaScript functions (see connect/compile.ts)
 * so that conditions over millions of pairs run at native speed. Constant
 * probabilities skip ahead geometrically: O(synapses), not O(pairs).
 * All random numbers come from the seedable host generator (seed(n)).
 */
import type { Expr } from '../parsing/ast.ts';
import { errorAt, ModelError } from '../parsing/diagnostics.ts';
import { parseExpression } from '../parsing/expressions.ts';
import { printExpr } from '../parsing/printer.ts';
import { SourceText, type Span } from '../parsing/source.ts';
import type { ValueType } from '../equations/functions.ts';
import { isExternalFunction, type Namespace } from '../equations/namespace.ts';
import { checkExpression } from '../equations/unitcheck.ts';
import { Dimension, formatDimension, Quantity } from '../units/index.ts';
import { compileBoolean, compileNumber, type PairFunction } from './connect/compile.ts';
import { forEachBernoulli, forEachFixedSample, rangeCount, SynapseBuffer } from './connect/iterate.ts';
import { ConnectNames, dependenciesOf, type ConnectEnvironment, type ConnectName } from './connect/names.ts';
import { parseGenerator, type GeneratorSyntax, type IteratorArg } from './connect/syntax.ts';
import { hostRandom } from './random.ts';

export type { ConnectEnvironment, ConnectName } from './connect/names.ts';

/** The arguments of Brian2's Synapses.connect(). */
export interface ConnectArgs {
  /** A condition on pairs ('i != j', 'abs(x_pre - x_post) < 100*um'), or true/false. */
  condition?: string | boolean;
  /** Presynaptic indices (with `j`), or a generator over presynaptic indices ('j+1', 'k for k in range(j-2, j+3)'). */
  i?: number | ArrayLike<number> | string;
  /** Postsynaptic indices (with `i`), or a generator ('k for k in range(i-3, i+4) if k != i', 'k for k in sample(N_post, p=0.1)'). */
  j?: number | ArrayLike<number> | string;
  /** Probability to create the `n` synapses of a pair: a number in [0, 1], or an expression per pair (default 1). */
  p?: number | string;
  /** Synapses per pair: a whole number ≥ 0 or an expression per pair (default 1). */
  n?: number | string;
  /** With string syntax: leave out pairs whose generated index is out of range instead of failing. */
  skip_if_invalid?: boolean;
}

export interface Connections {
  /** Presynaptic index of each new synapse, in creation order. */
  i: Int32Array;
  /** Postsynaptic index of each new synapse. */
  j: Int32Array;
}

function connectError(code: string, message: string, hint?: string): ModelError {
  return new ModelError(hint ? { code, message: `connect(): ${message}`, hint } : { code, message: `connect(): ${message}` });
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/**
 * The synapses one call of Brian2's `Synapses.connect(...)` creates, in
 * Brian2's order. Throws a ModelError (with the position in the string,
 * where the problem is in a string) for anything Brian2 rejects.
 */
export function generateConnections(env: ConnectEnvironment, args: ConnectArgs = {}): Connections {
  for (const [what, size] of [['sourceSize', env.sourceSize], ['targetSize', env.targetSize]] as const) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`connect(): ${what} must be a whole number ≥ 0, got ${size}`);
  }
  checkArgumentTypes(args);
  let { condition } = args;
  const { i, j } = args;
  const p = args.p ?? 1;
  const n = args.n ?? 1;
  const skip = args.skip_if_invalid ?? false;

  if (condition === undefined && i === undefined && j === undefined) condition = true;
  if (condition !== undefined) {
    if (i !== undefined || j !== undefined) throw connectError('connect-arguments', 'Cannot combine condition with i or j arguments');
    return fromCondition(env, condition, p, n, skip);
  }
  if (i !== undefined && j !== undefined && typeof i !== 'string' && typeof j !== 'string') {
    if (skip) throw connectError('connect-arguments', 'Can only use skip_if_invalid with string syntax (a condition or a generator expression)');
    return fromArrays(env, i, j, p, n);
  }
  if (typeof i === 'string') {
    if (j !== undefined) throw connectError('connect-arguments', 'Generator syntax for i cannot be combined with j argument');
    if (typeof p === 'string' || p !== 1) throw connectError('connect-arguments', 'Generator syntax cannot be combined with p argument', "Use sample(..., p=...) inside the generator, e.g. i='k for k in sample(N_pre, p=0.1)'.");
    return fromGenerator(env, i, false, n, skip);
  }
  if (typeof j === 'string') {
    if (i !== undefined) throw connectError('connect-arguments', 'Generator syntax for j cannot be combined with i argument');
    if (typeof p === 'string' || p !== 1) throw connectError('connect-arguments', 'Generator syntax cannot be combined with p argument', "Use sample(..., p=...) inside the generator, e.g. j='k for k in sample(N_post, p=0.1)'.");
    return fromGenerator(env, j, true, n, skip);
  }
  throw connectError('connect-arguments', `Must specify at least one of condition, i or j arguments (${i !== undefined ? 'i' : 'j'} was given without ${i !== undefined ? 'j' : 'i'})`);
}

function isIndexLike(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'string' || (typeof v === 'object' && v !== null && typeof (v as ArrayLike<number>).length === 'number');
}

function checkArgumentTypes(args: ConnectArgs): void {
  const { condition, i, j, p, n } = args;
  if (condition !== undefined && typeof condition !== 'string' && typeof condition !== 'boolean') {
    throw connectError('connect-arguments', 'condition argument must be bool or string. If you want to connect based on indices, use connect({i: ..., j: ...}).');
  }
  if (i !== undefined && !isIndexLike(i)) throw connectError('connect-arguments', 'i argument must be int, array or string');
  if (j !== undefined && !isIndexLike(j)) throw connectError('connect-arguments', 'j argument must be int, array or string');
  if (p !== undefined && typeof p !== 'number' && typeof p !== 'string') throw connectError('connect-arguments', 'p must be a number or a string expression');
  if (p !== undefined && typeof p === 'number' && !(p >= 0 && p <= 1)) {
    throw connectError('invalid-probability', `p must be a probability between 0 and 1, got ${p}`);
  }
  if (n !== undefined && typeof n !== 'string') {
    if (typeof n !== 'number' || !Number.isInteger(n)) throw connectError('connect-arguments', `n must be a whole number or a string expression, got ${String(n)}`);
    if (n < 0) throw connectError('invalid-n', `n (the number of synapses per pair) must not be negative, got ${n}`);
  }
  if (typeof condition === 'string' && /\bfor\b/.test(condition)) {
    throw connectError('connect-arguments', `Generator expression given for condition, write connect({j: '${condition}'}) instead of connect({condition: '${condition}'}).`);
  }
}

// ---------------------------------------------------------------------------
// Explicit indices
// ---------------------------------------------------------------------------

function indexList(v: number | ArrayLike<number>, name: 'i' | 'j'): { values: ArrayLike<number>; scalar: boolean } {
  const values = typeof v === 'number' ? [v] : v;
  for (let q = 0; q < values.length; q++) {
    const x = values[q]!;
    if (typeof x !== 'number' || !Number.isInteger(x)) {
      throw connectError('connect-arguments', `${name === 'i' ? 'Presynaptic' : 'Postsynaptic'} indices have to be whole numbers, but ${typeof v === 'number' ? name : `${name}[${q}]`} = ${String(x)}`);
    }
  }
  return { values, scalar: typeof v === 'number' };
}

function fromArrays(env: ConnectEnvironment, iArg: number | ArrayLike<number>, jArg: number | ArrayLike<number>, p: number | string, n: number | string): Connections {
  if (typeof n === 'string') {
    throw connectError('connect-arguments', 'Indices cannot be combined with a string expression for n. Either use a number for n, or a string expression for the connections.');
  }
  if (typeof p === 'string') {
    throw connectError('connect-arguments', 'Indices cannot be combined with a string expression for p. Either use a number for p, or a condition (connect({condition: ..., p: ...})).');
  }
  const I = indexList(iArg, 'i');
  const J = indexList(jArg, 'j');
  let count: number;
  if (I.values.length === J.values.length) count = I.values.length;
  else if (I.values.length === 1) count = J.values.length;
  else if (J.values.length === 1) count = I.values.length;
  else throw connectError('connect-arguments', `i and j must have the same length (or one of them a single index), got ${I.values.length} and ${J.values.length} indices`);

  for (const [list, name, size, side, group] of [
    [I, 'i', env.sourceSize, 'presynaptic', `source group${env.sourceName ? ` '${env.sourceName}'` : ''}`],
    [J, 'j', env.targetSize, 'postsynaptic', `target group${env.targetName ? ` '${env.targetName}'` : ''}`],
  ] as const) {
    for (let q = 0; q < list.values.length; q++) {
      const x = list.values[q]!;
      if (x < 0 || x >= size) {
        throw connectError(
          'index-out-of-range',
          `Tried to create synapses outside the valid range: ${side} index ${list.scalar ? name : `${name}[${q}]`} = ${x} is outside the ${group} with ${size} neurons (valid indices: 0 to ${size - 1})`,
        );
      }
    }
  }

  const out = new SynapseBuffer(count * n);
  const rng = hostRandom();
  for (let q = 0; q < count; q++) {
    // Brian2 draws one number per pair, before repeating pairs n times.
    if (p !== 1 && !(rng.rand() < p)) continue;
    const a = I.values[I.values.length === 1 ? 0 : q]!;
    const b = J.values[J.values.length === 1 ? 0 : q]!;
    out.pushRepeated(a, b, n);
  }
  return out.result();
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

/** Parse an argument string, reject unusable names, check units; returns the tree and its type. */
function checked(text: string, origin: string, names: ConnectNames): { expr: Expr; source: SourceText; dim: Dimension; type: ValueType } {
  const source = new SourceText(text, origin);
  const expr = parseExpression(source);
  names.rejectInvalid(expr, source);
  const info = checkExpression(expr, names, source);
  return { expr, source, dim: info.dim, type: info.type };
}

function checkSub(expr: Expr, source: SourceText, names: ConnectNames): { dim: Dimension; type: ValueType } {
  names.rejectInvalid(expr, source);
  return checkExpression(expr, names, source);
}

function requireBooleanCondition(expr: Expr, type: ValueType, source: SourceText, what: string): void {
  if (type !== 'boolean') {
    throw errorAt('not-boolean', `${what} '${printExpr(expr)}' is not a boolean expression`, source, expr.span, "Write a comparison, e.g. 'i != j' or 'abs(x_pre - x_post) < 100*um'.");
  }
}

/** An `n` argument: a constant, or a compiled per-pair function. */
type NSpec = { kind: 'const'; n: number } | { kind: 'expr'; fn: PairFunction<number>; source: SourceText; expr: Expr };

function nSpec(n: number | string, names: ConnectNames): NSpec {
  if (typeof n === 'number') return { kind: 'const', n };
  const c = checked(n, 'n', names);
  if (!c.dim.isDimensionless) {
    throw errorAt('unit-mismatch', `The expression for n must be dimensionless, but '${printExpr(c.expr)}' has unit ${formatDimension(c.dim)}`, c.source, c.expr.span);
  }
  if (c.type === 'float') {
    throw errorAt('not-integer', `The expression for n must give whole numbers, but '${printExpr(c.expr)}' is a floating-point expression`, c.source, c.expr.span, 'Convert it with int(...), e.g. int(3*rand()).');
  }
  return { kind: 'expr', fn: compileNumber(c.expr, names, c.source), source: c.source, expr: c.expr };
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

/** An argument of range()/sample(), evaluated once per outer index. */
type RowValue = { kind: 'const'; value: number } | { kind: 'expr'; fn: PairFunction<number> };

interface Plan {
  /** Outer loop over presynaptic neurons (j='…' and conditions) or postsynaptic ones (i='…'). */
  overPre: boolean;
  source: SourceText | undefined;
  /** Element expression computing the other index from the outer index and k; undefined: k itself. */
  element: PairFunction<number> | undefined;
  elementSpan: Span | undefined;
  /** The generator variable, for messages; undefined in the short form ('i+1') and for conditions. */
  innerName: string | undefined;
  func: 'range' | 'sample';
  low: RowValue;
  high: RowValue;
  step: RowValue;
  p: RowValue | undefined;
  size: RowValue | undefined;
  /** Condition that only depends on the outer side: checked once per outer index. */
  rowCondition: PairFunction<boolean> | undefined;
  /** Condition checked per candidate pair. */
  pairCondition: PairFunction<boolean> | undefined;
  /** The pair condition reads variables of the generated side: check the index first (Brian2's result_index_used). */
  checkBeforeCondition: boolean;
  /** Per-pair probability (condition + p depending on j). */
  pairP: PairFunction<number> | undefined;
  n: NSpec;
  skip: boolean;
  /** Where range()/sample() and its arguments were written, for run-time errors. */
  funcSpan?: Span;
  stepSpan?: Span;
  sizeSpan?: Span;
}

const CONST = (value: number): RowValue => ({ kind: 'const', value });

function fromCondition(env: ConnectEnvironment, condition: string | boolean, p: number | string, n: number | string, skip: boolean): Connections {
  if (condition === false || (typeof condition === 'string' && condition.trim() === 'False')) return { i: new Int32Array(0), j: new Int32Array(0) };
  const names = new ConnectNames(env);
  let condExpr: Expr | undefined;
  let source: SourceText | undefined;
  if (typeof condition === 'string') {
    const c = checked(condition, 'condition', names);
    requireBooleanCondition(c.expr, c.type, c.source, 'Condition');
    source = c.source;
    condExpr = c.expr.kind === 'bool' && c.expr.value ? undefined : c.expr;
  }
  const nspec = nSpec(n, names);

  let func: 'range' | 'sample' = 'range';
  let pRow: RowValue | undefined;
  let pairP: PairFunction<number> | undefined;
  if (typeof p === 'string') {
    const c = checked(p, 'p', names);
    if (!c.dim.isDimensionless) {
      throw errorAt('unit-mismatch', `The expression for p should be dimensionless, but '${printExpr(c.expr)}' has unit ${formatDimension(c.dim)}`, c.source, c.expr.span);
    }
    const deps = dependenciesOf(c.expr, names);
    const fn = compileNumber(c.expr, names, c.source);
    if (deps.j || deps.post) pairP = fn;
    else {
      func = 'sample';
      pRow = { kind: 'expr', fn };
    }
  } else if (p !== 1) {
    func = 'sample';
    pRow = CONST(p);
  }

  const plan: Plan = {
    overPre: true,
    source,
    element: undefined,
    elementSpan: undefined,
    innerName: undefined,
    func,
    low: CONST(0),
    high: CONST(env.targetSize),
    step: CONST(1),
    p: pRow,
    size: undefined,
    rowCondition: undefined,
    pairCondition: undefined,
    checkBeforeCondition: false,
    pairP,
    n: nspec,
    skip,
  };
  if (condExpr && source) placeCondition(plan, condExpr, source, names);
  return execute(env, plan);
}

/** Evaluate a condition once per outer index when it cannot depend on the generated index, else per pair. */
function placeCondition(plan: Plan, expr: Expr, source: SourceText, names: ConnectNames): void {
  const d = dependenciesOf(expr, names);
  const perPair = plan.overPre ? d.j || d.post || d.k || d.random : d.i || d.pre || d.k || d.random;
  const fn = compileBoolean(expr, names, source);
  if (perPair) {
    plan.pairCondition = fn;
    // Brian2 checks the generated index before the condition when the condition reads
    // variables of that side (for i='…' generators, Brian2 counts `i` itself too).
    plan.checkBeforeCondition = plan.overPre ? d.post : d.pre || d.i;
  } else {
    plan.rowCondition = fn;
  }
}

const ARG_NAMES = ['low', 'high', 'step', 'p', 'size'] as const;

function fromGenerator(env: ConnectEnvironment, text: string, overPre: boolean, n: number | string, skip: boolean): Connections {
  const resultIndex = overPre ? 'j' : 'i';
  const outerIndex = overPre ? 'i' : 'j';
  const resultSide = overPre ? 'postsynaptic' : 'presynaptic';
  const outerSide = overPre ? 'presynaptic' : 'postsynaptic';
  const source = new SourceText(text, `${resultIndex} (generator)`);
  const syntax: GeneratorSyntax = parseGenerator(source);
  if (syntax.inner === 'i' || syntax.inner === 'j') {
    throw errorAt('generator-syntax', `The generator variable cannot be called '${syntax.inner}' ('i' and 'j' are the synapse's indices)`, source, syntax.innerSpan!, "Use another name, e.g. 'k for k in range(...)'.");
  }
  const base = new ConnectNames(env);
  const names = syntax.inner ? base.withInner(syntax.inner) : base;
  const touchesResult = (e: Expr): { what: string } | undefined => {
    const d = dependenciesOf(e, names);
    if (overPre ? d.j : d.i) return { what: resultIndex };
    if (overPre ? d.post : d.pre) return { what: (overPre ? d.first.post : d.first.pre)! };
    return undefined;
  };

  // Element: the generated index, from the outer index and the generator variable.
  const el = checkSub(syntax.element, source, names);
  const bad = touchesResult(syntax.element);
  if (bad) {
    throw errorAt(
      'invalid-generator',
      `The generator's expression '${printExpr(syntax.element)}' computes the ${resultSide} index ${resultIndex}, so it cannot refer to '${bad.what}'`,
      source,
      syntax.element.span,
    );
  }
  if (!el.dim.isDimensionless || el.type === 'float' || el.type === 'boolean') {
    throw errorAt(
      'not-integer',
      `The generator's expression '${printExpr(syntax.element)}' must give whole numbers (${resultSide} indices), but it is ${el.dim.isDimensionless ? `a ${el.type === 'float' ? 'floating-point' : 'boolean'}` : `a dimensional (${formatDimension(el.dim)})`} expression`,
      source,
      syntax.element.span,
      el.type === 'float' && el.dim.isDimensionless ? 'Convert it with int(...).' : undefined,
    );
  }
  const identity = syntax.inner !== undefined && syntax.element.kind === 'name' && syntax.element.name === syntax.inner;

  // Iterator arguments: evaluated once per outer index, so they cannot depend on the generated side.
  const rowValues: Partial<Record<(typeof ARG_NAMES)[number], RowValue>> = {};
  for (const key of ARG_NAMES) {
    const arg: IteratorArg | undefined = syntax[key];
    if (!arg) continue;
    const info = checkSub(arg.expr, source, names);
    const d = dependenciesOf(arg.expr, names);
    if (d.k || (overPre ? d.j || d.post : d.i || d.pre)) {
      const culprit = d.k ? d.first.k! : overPre ? (d.j ? 'j' : d.first.post!) : d.i ? 'i' : d.first.pre!;
      throw errorAt(
        'invalid-generator',
        `The '${key}' argument of ${syntax.func}() ('${printExpr(arg.expr)}') depends on the ${resultSide} index or the generator variable ('${culprit}'); it is evaluated once per ${outerSide} neuron, so it can only depend on ${outerIndex} and ${outerSide} variables`,
        source,
        arg.expr.span,
      );
    }
    if (!info.dim.isDimensionless) {
      throw errorAt('unit-mismatch', `The '${key}' argument of ${syntax.func}() must be dimensionless, but '${printExpr(arg.expr)}' has unit ${formatDimension(info.dim)}`, source, arg.expr.span);
    }
    if (key !== 'p' && info.type !== 'integer') {
      throw errorAt(
        'not-integer',
        `The '${key}' argument of the ${syntax.func} function was '${printExpr(arg.expr)}', but it needs to be an integer`,
        source,
        arg.expr.span,
        info.type === 'float' ? "Use integer arithmetic ('//' instead of '/') or int(...)." : undefined,
      );
    }
    rowValues[key] = arg.expr.kind === 'number' ? CONST(arg.expr.value) : { kind: 'expr', fn: compileNumber(arg.expr, names, source) };
  }

  let conditionExpr: Expr | undefined;
  if (syntax.condition) {
    const info = checkSub(syntax.condition, source, names);
    requireBooleanCondition(syntax.condition, info.type, source, "The generator's condition");
    if (!(syntax.condition.kind === 'bool' && syntax.condition.value)) conditionExpr = syntax.condition;
  }
  const nspec = nSpec(n, names);

  const plan: Plan = {
    overPre,
    source,
    element: identity ? undefined : compileNumber(syntax.element, names, source),
    elementSpan: syntax.element.span,
    innerName: syntax.inner,
    func: syntax.func,
    low: rowValues.low ?? CONST(0),
    high: rowValues.high!,
    step: rowValues.step ?? CONST(1),
    p: rowValues.p,
    size: rowValues.size,
    rowCondition: undefined,
    pairCondition: undefined,
    checkBeforeCondition: false,
    pairP: undefined,
    n: nspec,
    skip,
    funcSpan: syntax.funcSpan,
    ...(syntax.step ? { stepSpan: syntax.step.expr.span } : {}),
    ...(syntax.size ? { sizeSpan: syntax.size.expr.span } : {}),
  };
  if (conditionExpr) placeCondition(plan, conditionExpr, source, names);
  return execute(env, plan);
}

// ---------------------------------------------------------------------------
// Execution
// ---------------------------------------------------------------------------

function execute(env: ConnectEnvironment, plan: Plan): Connections {
  const { overPre, element, rowCondition, pairCondition, checkBeforeCondition, pairP, skip } = plan;
  const nOuter = overPre ? env.sourceSize : env.targetSize;
  const nResult = overPre ? env.targetSize : env.sourceSize;
  const resultName = overPre ? 'j' : 'i';
  const outerName = overPre ? 'i' : 'j';
  const nConst = plan.n.kind === 'const' ? plan.n.n : -1;
  const nFn = plan.n.kind === 'expr' ? plan.n.fn : undefined;
  const rng = hostRandom();
  const out = new SynapseBuffer(1024);

  // State of the current outer index, read by `consider`.
  let o = 0;
  let low = 0;
  let step = 1;

  const outOfRange = (r: number, k: number): ModelError => {
    const where = plan.element && plan.innerName !== undefined ? ` (${outerName}=${o}, ${plan.innerName}=${k})` : ` (${outerName}=${o})`;
    const side = overPre ? 'post-synaptic' : 'pre-synaptic';
    const group = overPre ? `target group${env.targetName ? ` '${env.targetName}'` : ''}` : `source group${env.sourceName ? ` '${env.sourceName}'` : ''}`;
    const extra = checkBeforeCondition ? `, and the condition refers to a ${side} ${overPre ? 'variable' : 'index or variable'}, so the index is checked before the condition` : '';
    return errorAt(
      'index-out-of-range',
      `Tried to create synapses outside the valid range: index ${resultName}=${r}${where} is outside the allowed range from 0 to ${nResult - 1} of the ${group}${extra}`,
      plan.source,
      plan.elementSpan,
      `Pass skip_if_invalid: true to leave such synapses out, or add a condition that keeps ${resultName} between 0 and ${overPre ? 'N_post' : 'N_pre'}-1.`,
    );
  };

  const consider = (k: number): void => {
    let r = element ? element(overPre ? o : 0, overPre ? 0 : o, k) : k;
    if (r !== Math.trunc(r)) r = Math.trunc(r); // Brian2 stores the element in an int32 (C cast truncates)
    const pi = overPre ? o : r;
    const pj = overPre ? r : o;
    const valid = r >= 0 && r < nResult;
    if (!valid && checkBeforeCondition) {
      if (skip) return;
      throw outOfRange(r, k);
    }
    if (pairCondition !== undefined && !pairCondition(pi, pj, k)) return;
    if (!valid) {
      if (skip) return;
      throw outOfRange(r, k);
    }
    if (pairP !== undefined && !(rng.rand() < pairP(pi, pj, k))) return;
    if (nConst === 1) {
      out.push(pi, pj);
      return;
    }
    let count = nConst;
    if (nFn !== undefined) {
      count = Math.trunc(nFn(pi, pj, k));
      if (!(count >= 0)) {
        const spec = plan.n as Extract<NSpec, { kind: 'expr' }>;
        throw errorAt('invalid-n', `n evaluated to ${count < 0 ? `a negative number (${count})` : String(count)} for i=${pi}, j=${pj}; the number of synapses per pair must not be negative`, spec.source, spec.expr.span);
      }
    }
    if (count > 0) out.pushRepeated(pi, pj, count);
  };

  const rowValue = (v: RowValue): number => (v.kind === 'const' ? v.value : v.fn(overPre ? o : 0, overPre ? 0 : o, 0));

  for (o = 0; o < nOuter; o++) {
    const ri = overPre ? o : 0;
    const rj = overPre ? 0 : o;
    if (rowCondition !== undefined && !rowCondition(ri, rj, 0)) continue;
    low = Math.trunc(rowValue(plan.low));
    const high = Math.trunc(rowValue(plan.high));
    step = Math.trunc(rowValue(plan.step));
    if (step === 0) throw errorAt('invalid-generator', `The step of ${plan.func}() must not be zero`, plan.source, plan.stepSpan ?? plan.funcSpan);
    if (!Number.isFinite(low) || !Number.isFinite(high) || !Number.isFinite(step)) {
      throw errorAt('invalid-generator', `The arguments of ${plan.func}() must be finite, got (${low}, ${high}, ${step}) for ${outerName}=${o}`, plan.source, plan.funcSpan);
    }
    const count = rangeCount(low, high, step);
    if (plan.func === 'range') {
      for (let pos = 0; pos < count; pos++) consider(low + pos * step);
    } else if (plan.p) {
      const pv = rowValue(plan.p);
      forEachBernoulli(count, pv, (pos) => consider(low + pos * step));
    } else {
      let size = Math.trunc(rowValue(plan.size!));
      if (size < 0) {
        if (skip) continue;
        throw errorAt('invalid-generator', `Requested sample size ${size} is negative (for ${outerName}=${o})`, plan.source, plan.sizeSpan);
      }
      if (size > count) {
        if (!skip) throw errorAt('invalid-generator', `Requested sample size ${size} is bigger than the population size ${count} (for ${outerName}=${o})`, plan.source, plan.sizeSpan, 'Pass skip_if_invalid: true to take the whole population instead.');
        size = count;
      }
      forEachFixedSample(count, size, (pos) => consider(low + pos * step));
    }
  }
  return out.result();
}

// ---------------------------------------------------------------------------
// Environment from two groups (Brian2's naming rules)
// ---------------------------------------------------------------------------

/** A variable of a connected group, as connect() sees it. */
export interface ConnectGroupVariable {
  /** Per-neuron values in SI (one value if shared); a function is called only if the variable is used. */
  values: ArrayLike<number> | (() => ArrayLike<number>);
  dim: Dimension;
  type: ValueType;
  /** One value for the whole group (Brian2's shared variables). */
  shared?: boolean;
}

export interface ConnectGroup {
  name?: string;
  size: number;
  variables: ReadonlyMap<string, ConnectGroupVariable>;
}

export interface ConnectEnvironmentOptions {
  /** Constants and functions visible to the expressions (the Synapses' namespace, then the run namespace). */
  namespace?: Namespace;
  /** Host implementations of namespace functions (ExternalFunctions cannot be evaluated otherwise). */
  functions?: Readonly<Record<string, (...args: number[]) => number>>;
  /** Names of the Synapses' own variables (w, delay …): they do not exist yet while synapses are created. */
  synapticNames?: Iterable<string>;
}

/** Names a Synapses object defines itself: they never refer to the postsynaptic group. */
const SYNAPSE_OWN = new Set(['i', 'j', 'N', 't', 'dt', 't_in_timesteps', 'N_incoming', 'N_outgoing', 'lastupdate', 'delay']);

/**
 * An environment with Brian2's naming rules for Synapses: `x_pre` is the
 * source's `x`, `x_post` the target's, and an unsuffixed `x` the target's
 * (the postsynaptic side, not the presynaptic one); `i_pre`, `i_post` are
 * the neuron indices. Then the namespace, then Brian2's defaults.
 */
export function groupConnectEnvironment(source: ConnectGroup, target: ConnectGroup, options: ConnectEnvironmentOptions = {}): ConnectEnvironment {
  const synaptic = new Set(options.synapticNames ?? []);
  const namespace = options.namespace ?? {};
  const indexVar = (size: number): ConnectGroupVariable => ({ values: () => Int32Array.from({ length: size }, (_, q) => q), dim: Dimension.DIMENSIONLESS, type: 'integer' });
  const lookup = (group: ConnectGroup, name: string): ConnectGroupVariable | undefined => group.variables.get(name) ?? (name === 'i' ? indexVar(group.size) : undefined);
  const fromGroup = (side: 'pre' | 'post', v: ConnectGroupVariable): ConnectName => {
    const values = typeof v.values === 'function' ? v.values() : v.values;
    if (v.shared) return { kind: 'value', value: values[0]!, dim: v.dim, type: v.type };
    return { kind: side, values, dim: v.dim, type: v.type };
  };
  return {
    sourceSize: source.size,
    targetSize: target.size,
    ...(source.name !== undefined ? { sourceName: source.name } : {}),
    ...(target.name !== undefined ? { targetName: target.name } : {}),
    resolve(name) {
      if (synaptic.has(name)) {
        return { kind: 'invalid', reason: `'${name}' is a synaptic variable: it cannot be used in connect(), which creates the synapses` };
      }
      if (name === 'N_incoming' || name === 'N_outgoing') return { kind: 'invalid', reason: `The connect statement cannot refer to '${name}'` };
      if (name === 'N') return { kind: 'invalid', reason: "'N' (the number of synapses) cannot be used in connect(); use N_pre or N_post for the group sizes" };
      if (name.endsWith('_pre')) {
        const v = lookup(source, name.slice(0, -4));
        if (v) return fromGroup('pre', v);
      }
      if (name.endsWith('_post')) {
        const v = lookup(target, name.slice(0, -5));
        if (v) return fromGroup('post', v);
      }
      if (!SYNAPSE_OWN.has(name) && (!name.endsWith('_post') || name.endsWith('_pre'))) {
        const v = target.variables.get(name);
        if (v) return fromGroup('post', v);
      }
      if (Object.prototype.hasOwnProperty.call(namespace, name)) {
        const value = namespace[name]!;
        if (isExternalFunction(value)) {
          const impl = options.functions?.[name];
          return impl ? { kind: 'function', spec: value.spec, impl } : { kind: 'function', spec: value.spec };
        }
        if (value instanceof Quantity) return { kind: 'value', value: value.value, dim: value.dim, type: 'float' };
        if (typeof value === 'boolean') return { kind: 'value', value: value ? 1 : 0, dim: Dimension.DIMENSIONLESS, type: 'boolean' };
        if (typeof value === 'number') return { kind: 'value', value, dim: Dimension.DIMENSIONLESS, type: Number.isInteger(value) ? 'integer' : 'float' };
      }
      return undefined;
    },
    *knownNames() {
      for (const n of source.variables.keys()) yield `${n}_pre`;
      for (const n of target.variables.keys()) {
        yield `${n}_post`;
        if (!SYNAPSE_OWN.has(n)) yield n;
      }
      yield 'i_pre';
      yield 'i_post';
      yield* Object.keys(namespace);
    },
  };
}

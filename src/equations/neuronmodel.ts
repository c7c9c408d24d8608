import { identifiersOf, mapExpr, walk, type Expr, type Statement } from '../parsing/ast.ts';
import { errorAt } from '../parsing/diagnostics.ts';
import { parseExpression } from '../parsing/expressions.ts';
import { SourceText } from '../parsing/source.ts';
import { parseStatements } from '../parsing/statements.ts';
import { printExpr } from '../parsing/printer.ts';
import { Dimension, describeDimension, formatQuantity, Quantity } from '../units/index.ts';
import {
  checkEquationUnits,
  checkPrePostNames,
  checkStatements,
  collectExternals,
  dependencies,
  equationVariables,
  orderSubexpressions,
  specialVariables,
  variable,
} from './analyse.ts';
import { DIFFERENTIAL_EQUATION, Equations, isStochasticName, PARAMETER, spanOfName, SUBEXPRESSION, type EquationVariable } from './equations.ts';
import { GroupScope, type Namespace } from './namespace.ts';
import type { ResolvedFunction, ResolvedValue, ResolvedVariable } from './scope.ts';
import { checkExpression, checkSympyCompatible, isBooleanExpression, requireBoolean } from './unitcheck.ts';

const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

export interface NeuronModelSpec {
  equations: string | Equations;
  threshold?: string | null;
  reset?: string | null;
  /** A duration, an expression evaluating to a duration, or a boolean condition. */
  refractory?: Quantity | string | false | null;
  /** Custom events: name → condition (Brian2's `events=`). */
  events?: Readonly<Record<string, string>>;
  namespace?: Namespace;
  /** The number of neurons; its value is a constant (`N`) that exponents may use. */
  N?: number;
  /** `(linked)` parameters that have been linked to another group's variable (read-only here). */
  linked?: ReadonlySet<string>;
}

/** A condition that was parsed and checked to be boolean. */
export interface CheckedCondition {
  text: string;
  source: SourceText;
  expr: Expr;
}

export interface CheckedCode {
  text: string;
  source: SourceText;
  statements: Statement[];
}

export type Refractoriness =
  | { kind: 'none' }
  | { kind: 'duration'; seconds: number; text: string }
  | { kind: 'expression'; condition: CheckedCondition; isBoolean: boolean };

/**
 * A NeuronGroup's model after Brian2's group-level processing: the flags
 * allowed, refractoriness woven in, every name resolved and every unit
 * checked. Code generation and export start from here.
 */
export interface NeuronModel {
  /** As the user wrote them. */
  userEquations: Equations;
  /** With `(unless refractory)` applied and `(constant over dt)` subexpressions turned into stored variables. */
  equations: Equations;
  /** Every variable of the group, including t, dt, i, N, lastspike, not_refractory. */
  variables: ReadonlyMap<string, ResolvedVariable>;
  scope: GroupScope;
  /** Subexpressions in dependency order. */
  subexpressionOrder: string[];
  /** `(constant over dt)` subexpressions, in dependency order; evaluated once per step before the groups run. */
  constantOverDt: EquationVariable[];
  events: ReadonlyMap<string, { condition: CheckedCondition; code?: CheckedCode }>;
  refractory: Refractoriness;
  /** Names the model uses from outside (namespace, units, constants, functions). */
  externals: ReadonlyMap<string, ResolvedValue | ResolvedFunction>;
  /** The user's own external parameters and functions (from the namespace) — never units, constants or Brian2's functions. */
  identifiers: ReadonlyMap<string, ResolvedValue | ResolvedFunction>;
}

export const NEURON_FLAGS = {
  [DIFFERENTIAL_EQUATION]: ['unless refractory'],
  [PARAMETER]: ['constant', 'shared', 'linked'],
  [SUBEXPRESSION]: ['shared', 'constant over dt'],
} as const;

export function analyseNeuronModel(spec: NeuronModelSpec): NeuronModel {
  const userEquations = typeof spec.equations === 'string' ? new Equations(spec.equations) : spec.equations;
  userEquations.checkFlags(NEURON_FLAGS);
  checkPrePostNames(userEquations);
  if (spec.threshold !== undefined && spec.threshold !== null && typeof spec.threshold !== 'string') {
    throw new TypeError(`Threshold condition has to be a string, not ${describeValue(spec.threshold)}; probably you meant a condition like 'v > ...'`);
  }
  if (spec.reset !== undefined && spec.reset !== null && typeof spec.reset !== 'string') {
    throw new TypeError(`Reset code has to be a string, not ${describeValue(spec.reset)}; probably you meant statements like 'v = ...'`);
  }
  const hasRefractory = spec.refractory !== undefined && spec.refractory !== null && spec.refractory !== false;
  if (hasRefractory) {
    // Brian2 adds lastspike and not_refractory as parameters of the model.
    const own = userEquations.variables.get('lastspike');
    if (own) {
      throw errorAt(
        'duplicate-definition',
        "Duplicate definition of variable 'lastspike': with a refractory period, the group defines 'lastspike' itself (the time of the last spike)",
        userEquations.source,
        own.line.nameSpan,
        "Rename the variable, or use the group's own 'lastspike'.",
      );
    }
  }
  for (const v of userEquations.variables.values()) {
    if (v.kind === PARAMETER && v.flags.includes('linked') && !spec.linked?.has(v.name)) {
      throw errorAt(
        'unlinked-variable',
        `The linked variable '${v.name}' has not been linked to a variable of another group, so the identifier '${v.name}' could not be resolved`,
        userEquations.source,
        v.line.nameSpan,
        `Link it before the run: group.set('${v.name}', linkedVar(otherGroup, 'variable')).`,
      );
    }
  }

  const rewritten: EquationVariable[] = [];
  const constantOverDt: EquationVariable[] = [];
  for (const v of userEquations.variables.values()) {
    if (hasRefractory && v.kind === DIFFERENTIAL_EQUATION && v.flags.includes('unless refractory')) {
      rewritten.push({ ...v, expr: gateByRefractoriness(v.expr!) });
    } else if (v.kind === SUBEXPRESSION && v.flags.includes('constant over dt')) {
      constantOverDt.push(v);
      rewritten.push({ ...v, kind: PARAMETER, flags: v.flags.filter((f) => f !== 'constant over dt') });
    } else {
      rewritten.push(v);
    }
  }
  const equations = Equations.fromVariables(userEquations.source, rewritten);

  const variables = new Map<string, ResolvedVariable>([...specialVariables(), ...equationVariables(equations)]);
  if (spec.N !== undefined) variables.set('N', { ...variables.get('N')!, value: spec.N });
  for (const name of spec.linked ?? []) {
    const v = variables.get(name);
    if (v) variables.set(name, { ...v, readOnly: true, linked: true });
  }
  if (hasRefractory) {
    variables.set('lastspike', variable('lastspike', SECOND, 'float'));
    variables.set('not_refractory', variable('not_refractory', Dimension.DIMENSIONLESS, 'boolean'));
  }
  // The noise symbols exist only inside differential equations (Brian2 cannot resolve xi in a threshold or reset).
  const noise = new Map([...variables].filter(([n]) => isStochasticName(n) && !userEquations.variables.has(n)));
  const scope = new GroupScope(new Map([...variables].filter(([n]) => !noise.has(n))), spec.namespace ?? {});
  const equationScope = scope.with(noise);

  checkSharedSubexpressions(userEquations, variables);
  // Units of the user's equations (the refractory gate is dimensionless by construction).
  checkEquationUnits(equations, equationScope);
  checkStatefulSubexpressions(userEquations, scope);
  const subexpressionOrder = orderSubexpressions(userEquations).filter((n) => !constantOverDt.some((c) => c.name === n));
  const constantOrder = orderSubexpressions(userEquations).filter((n) => constantOverDt.some((c) => c.name === n));

  const events = new Map<string, { condition: CheckedCondition; code?: CheckedCode }>();
  const exprs: Expr[] = [...equations.variables.values()].flatMap((v) => (v.expr ? [v.expr] : []));
  for (const v of constantOverDt) exprs.push(v.expr!);

  if (spec.threshold !== undefined && spec.threshold !== null) {
    if (spec.events && 'spike' in spec.events) {
      throw new Error("The NeuronGroup defines both a threshold and a 'spike' event");
    }
    const condition = checkCondition(spec.threshold, 'threshold', scope, 'Threshold condition');
    const code = spec.reset ? checkCode(spec.reset, 'reset', scope) : undefined;
    events.set('spike', code ? { condition, code } : { condition });
  } else if (spec.reset) {
    throw new Error('A reset was given but no threshold: the reset runs after a spike, so a threshold is needed');
  }
  for (const [name, cond] of Object.entries(spec.events ?? {})) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`The name '${name}' cannot be used as an event name`);
    events.set(name, { condition: checkCondition(cond, `event '${name}'`, scope, 'Event condition') });
  }
  for (const e of events.values()) {
    exprs.push(e.condition.expr);
    for (const st of e.code?.statements ?? []) exprs.push(st.value);
  }

  const refractory = checkRefractory(spec.refractory, scope);
  if (refractory.kind === 'expression') exprs.push(refractory.condition.expr);

  checkGeneratedCode(userEquations, equations, equationScope, exprs);

  const externals = collectExternals(exprs, equationScope, undefined);
  const identifiers = new Map([...externals].filter(([, r]) => r.origin === 'namespace'));

  return {
    userEquations,
    equations,
    variables,
    scope,
    subexpressionOrder,
    constantOverDt: constantOrder.map((n) => constantOverDt.find((c) => c.name === n)!),
    events,
    refractory,
    externals,
    identifiers,
  };
}

function describeValue(v: unknown): string {
  if (v instanceof Quantity) return `a quantity (${formatQuantity(v)})`;
  return `a ${typeof v}`;
}

/** A `(shared)` subexpression has one value for the group, so it cannot read per-neuron variables (Brian2's check). */
function checkSharedSubexpressions(eqs: Equations, variables: ReadonlyMap<string, ResolvedVariable>): void {
  for (const v of eqs.variables.values()) {
    if (v.kind !== SUBEXPRESSION || !v.flags.includes('shared')) continue;
    for (const id of identifiersOf(v.expr!)) {
      const used = variables.get(id);
      if (used && !used.scalar) {
        throw errorAt(
          'shared-subexpression',
          `Shared subexpression '${v.name}' refers to non-shared variable '${id}'`,
          eqs.source,
          spanOfName(v.expr!, id) ?? v.line.nameSpan,
          `A shared subexpression has one value for the whole group; make '${id}' shared too, or remove '(shared)' from '${v.name}'.`,
        );
      }
    }
  }
}

/** Brian2 only allows rand(), randn() and other stateful functions in subexpressions that are `(constant over dt)`. */
function checkStatefulSubexpressions(eqs: Equations, scope: GroupScope): void {
  for (const v of eqs.variables.values()) {
    if (v.kind !== SUBEXPRESSION || v.flags.includes('constant over dt')) continue;
    let stateful: Expr | undefined;
    walk(v.expr!, (e) => {
      if (stateful || e.kind !== 'call') return;
      const r = scope.resolve(e.callee);
      if (r?.kind === 'function' && !r.spec.stateless) stateful = e;
    });
    if (stateful) {
      throw errorAt(
        'stateful-subexpression',
        `The subexpression '${v.name}' refers to a stateful function (${printExpr(stateful)}). Such expressions should only be evaluated once per time step: add the 'constant over dt' flag`,
        eqs.source,
        stateful.span,
        `Declare it as '${v.name} = ${v.exprText} : ${v.line.unitText} (constant over dt)'.`,
      );
    }
  }
}

/**
 * What Brian2 does when it generates code: the differential equations with
 * their subexpressions substituted are converted to sympy again (so a
 * boolean subexpression defined by a comparison cannot be used in the
 * arithmetic of a differential equation), and every expression that ends up
 * in code (not an unused subexpression) must pass the code type rules.
 */
function checkGeneratedCode(user: Equations, equations: Equations, scope: GroupScope, codeExprs: Expr[]): void {
  const subs = new Map<string, Expr>();
  for (const v of user.variables.values()) if (v.kind === SUBEXPRESSION) subs.set(v.name, v.expr!);
  for (const v of user.variables.values()) {
    if (v.kind !== DIFFERENTIAL_EQUATION) continue;
    const substituted = mapExpr(v.expr!, (e) => (e.kind === 'name' ? substituteDeep(e.name, subs) : undefined));
    checkSympyCompatible(substituted, user.source);
  }
  const used = new Set<string>();
  const roots: Expr[] = [...codeExprs];
  for (const v of equations.variables.values()) if (v.kind === DIFFERENTIAL_EQUATION) roots.push(v.expr!);
  for (const e of roots) dependencies(e, user, used);
  for (const v of equations.variables.values()) {
    if (!v.expr) continue;
    if (v.kind === DIFFERENTIAL_EQUATION || used.has(v.name)) checkExpression(v.expr, scope, user.source, { mode: 'code' });
  }
}

function substituteDeep(name: string, subs: ReadonlyMap<string, Expr>, seen: Set<string> = new Set()): Expr | undefined {
  const expr = subs.get(name);
  if (!expr || seen.has(name)) return undefined;
  const inner = new Set(seen).add(name);
  return mapExpr(expr, (e) => (e.kind === 'name' ? substituteDeep(e.name, subs, inner) : undefined));
}

/** Brian2 multiplies the derivative by int(not_refractory): the variable is frozen while refractory. */
function gateByRefractoriness(expr: Expr): Expr {
  const at = { start: expr.span.start, end: expr.span.start };
  const gate: Expr = { kind: 'call', callee: 'int', calleeSpan: at, args: [{ kind: 'name', name: 'not_refractory', span: at }], span: at };
  return { kind: 'binary', op: '*', left: gate, right: expr, span: expr.span };
}

export function checkCondition(text: string, origin: string, scope: GroupScope, what: string): CheckedCondition {
  const source = new SourceText(text, origin);
  const expr = parseExpression(source);
  checkExpression(expr, scope, source);
  requireBoolean(expr, scope, what, source);
  return { text, source, expr };
}

export function checkCode(text: string, origin: string, scope: GroupScope, options: { scalarWrites?: boolean } = {}): CheckedCode {
  const source = new SourceText(text, origin);
  const statements = parseStatements(source, origin);
  checkStatements(statements, scope, source, new Set(), options);
  return { text, source, statements };
}

function checkRefractory(ref: NeuronModelSpec['refractory'] | number, scope: GroupScope): Refractoriness {
  if (ref === undefined || ref === null || ref === false) return { kind: 'none' };
  if (typeof ref === 'number' || (ref instanceof Quantity && ref.dim.isDimensionless)) {
    const value = typeof ref === 'number' ? ref : ref.value;
    throw new TypeError(
      `The refractory period has to be a duration such as 2*ms (or a string expression), not the plain number ${value}: numbers have no unit in Brian2's model language`,
    );
  }
  if (ref instanceof Quantity) {
    if (ref.dim !== SECOND) {
      throw new Error(`Refractory period has to be specified in units of seconds but got ${formatQuantity(ref)} (unit ${describeDimension(ref.dim)})`);
    }
    // Negative periods are allowed, as in Brian2 (the neuron is never refractory).
    if (Number.isNaN(ref.value) || !Number.isFinite(ref.value)) {
      throw new Error(`Refractory period must be a finite duration, got ${formatQuantity(ref)}`);
    }
    return { kind: 'duration', seconds: ref.value, text: formatQuantity(ref) };
  }
  if (typeof ref !== 'string') throw new TypeError('refractory must be a duration (Quantity), a string expression, or false');
  const source = new SourceText(ref, 'refractory');
  const expr = parseExpression(source);
  const info = checkExpression(expr, scope, source);
  if (info.dim === SECOND) return { kind: 'expression', condition: { text: ref, source, expr }, isBoolean: false };
  if (info.dim.isDimensionless) {
    if (!isBooleanExpression(expr, scope, source)) {
      throw errorAt(
        'invalid-refractory',
        `Refractory expression '${ref}' is dimensionless but not a boolean value. It needs to either evaluate to a timespan or to a boolean value`,
        source,
        expr.span,
        "Write a duration (e.g. '2*ms' or a parameter with unit second) or a condition (e.g. 'v > -50*mV').",
      );
    }
    return { kind: 'expression', condition: { text: ref, source, expr }, isBoolean: true };
  }
  throw errorAt(
    'invalid-refractory',
    `Refractory expression has to evaluate to a timespan or a boolean value, but '${ref}' has unit ${describeDimension(info.dim)}`,
    source,
    expr.span,
  );
}

import type { Expr, Statement } from '../parsing/ast.ts';
import { errorAt } from '../parsing/diagnostics.ts';
import { parseExpression } from '../parsing/expressions.ts';
import { SourceText } from '../parsing/source.ts';
import { parseStatements } from '../parsing/statements.ts';
import { Dimension, formatQuantity, Quantity } from '../units/index.ts';
import {
  checkEquationUnits,
  checkStatements,
  collectExternals,
  equationVariables,
  orderSubexpressions,
  specialVariables,
  variable,
} from './analyse.ts';
import { DIFFERENTIAL_EQUATION, Equations, PARAMETER, SUBEXPRESSION, type EquationVariable } from './equations.ts';
import { GroupScope, type Namespace } from './namespace.ts';
import type { ResolvedFunction, ResolvedValue, ResolvedVariable } from './scope.ts';
import { checkExpression, requireBoolean } from './unitcheck.ts';

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
  const hasRefractory = spec.refractory !== undefined && spec.refractory !== null && spec.refractory !== false;

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
  if (hasRefractory) {
    variables.set('lastspike', variable('lastspike', SECOND, 'float'));
    variables.set('not_refractory', variable('not_refractory', Dimension.DIMENSIONLESS, 'boolean'));
  }
  const scope = new GroupScope(variables, spec.namespace ?? {});

  // Units of the user's equations (the refractory gate is dimensionless by construction).
  checkEquationUnits(equations, scope);
  for (const v of constantOverDt) checkExpression(v.expr!, scope, userEquations.source);
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

  const externals = collectExternals(exprs, scope, undefined);
  const identifiers = new Map([...externals].filter(([, r]) => r.kind === 'function' ? r.origin === 'namespace' : r.origin === 'namespace'));

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

/** Brian2 multiplies the derivative by int(not_refractory): the variable is frozen while refractory. */
function gateByRefractoriness(expr: Expr): Expr {
  const at = { start: expr.span.start, end: expr.span.start };
  const gate: Expr = { kind: 'call', callee: 'int', calleeSpan: at, args: [{ kind: 'name', name: 'not_refractory', span: at }], span: at };
  return { kind: 'binary', op: '*', left: gate, right: expr, span: expr.span };
}

export function checkCondition(text: string, origin: string, scope: GroupScope, what: string): CheckedCondition {
  const source = new SourceText(text, origin);
  const expr = parseExpression(source);
  const info = checkExpression(expr, scope, source);
  requireBoolean(expr, info, what, source);
  return { text, source, expr };
}

export function checkCode(text: string, origin: string, scope: GroupScope): CheckedCode {
  const source = new SourceText(text, origin);
  const statements = parseStatements(source, origin);
  checkStatements(statements, scope, source);
  return { text, source, statements };
}

function checkRefractory(ref: NeuronModelSpec['refractory'], scope: GroupScope): Refractoriness {
  if (ref === undefined || ref === null || ref === false) return { kind: 'none' };
  if (ref instanceof Quantity) {
    if (ref.dim !== SECOND) {
      throw new Error(`Refractory period has to be specified in units of seconds but got ${formatQuantity(ref)}`);
    }
    if (!(ref.value >= 0) || !Number.isFinite(ref.value)) {
      throw new Error(`Refractory period must be a finite duration ≥ 0, got ${formatQuantity(ref)}`);
    }
    return { kind: 'duration', seconds: ref.value, text: formatQuantity(ref) };
  }
  if (typeof ref !== 'string') throw new TypeError('refractory must be a duration (Quantity), a string expression, or false');
  const source = new SourceText(ref, 'refractory');
  const expr = parseExpression(source);
  const info = checkExpression(expr, scope, source);
  if (info.dim === SECOND) return { kind: 'expression', condition: { text: ref, source, expr }, isBoolean: false };
  if (info.dim.isDimensionless) {
    if (info.type !== 'boolean') {
      throw errorAt(
        'invalid-refractory',
        'Refractory expression is dimensionless but not a boolean value. It needs to either evaluate to a timespan or to a boolean value',
        source,
        expr.span,
      );
    }
    return { kind: 'expression', condition: { text: ref, source, expr }, isBoolean: true };
  }
  throw errorAt('invalid-refractory', 'Refractory expression has to evaluate to a timespan or a boolean value', source, expr.span);
}

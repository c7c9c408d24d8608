import type { Expr, Statement } from '../parsing/ast.ts';
import type { Scope } from '../equations/scope.ts';
import { isStochasticName } from '../equations/equations.ts';
import { call, sym } from '../symbolic/build.ts';
import { linearForm } from '../symbolic/linear.ts';
import { mentions } from '../symbolic/substitute.ts';

/** Raised when a method cannot integrate the given equations; method choice then tries the next one. */
export class UnsupportedEquations extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedEquations';
  }
}

/** One differential equation with all subexpressions substituted into its right-hand side. */
export interface DiffEq {
  name: string;
  expr: Expr;
}

export interface StateUpdateProblem {
  equations: DiffEq[];
  /** xi, xi_1, … used by the equations. */
  stochasticVariables: string[];
  /** How names resolve (to tell constants from per-neuron variables and find function properties). */
  scope: Scope;
  /** The group's time step in seconds, when known. */
  dt?: number;
}

/** Abstract code that advances the state by one step; temporaries start with '_'. */
export interface StateUpdate {
  method: string;
  statements: Statement[];
  /** Numbers the statements refer to by name (computed for this run, e.g. a matrix exponential). */
  constants?: ReadonlyMap<string, number>;
}

export type StateUpdater = (problem: StateUpdateProblem) => StateUpdate;

export function assign(target: string, value: Expr): Statement {
  const span = { start: 0, end: 0 };
  return { target, targetSpan: span, op: '=', value, span };
}

/** Final step of every method: write all new values only after all were computed from the old ones. */
export function commit(names: string[]): Statement[] {
  return names.map((n) => assign(n, sym(`_${n}`)));
}

/** f + Σ g[xi]·xi: the deterministic part and the factor of each noise term. */
export interface SplitEquation {
  name: string;
  f: Expr;
  g: Map<string, Expr>;
}

export function splitStochastic(eq: DiffEq, xis: readonly string[]): SplitEquation {
  const used = xis.filter((x) => mentions(eq.expr, x));
  if (used.length === 0) return { name: eq.name, f: eq.expr, g: new Map() };
  const form = linearForm(eq.expr, new Set(used));
  if (!form) {
    throw new UnsupportedEquations(
      `The equation for '${eq.name}' uses the noise term${used.length > 1 ? 's' : ''} ${used.join(', ')} non-linearly; noise can only enter as an additive term 'g*xi'`,
    );
  }
  return { name: eq.name, f: form.constant, g: form.coefficients };
}

/**
 * Brian2's is_constant_over_dt: no bare `t`, no stateful function (rand),
 * and functions of `t` only if they are locally constant over a step.
 */
export function isConstantOverDt(expr: Expr, scope: Scope, dt: number | undefined): boolean {
  switch (expr.kind) {
    case 'name':
      return expr.name !== 't' && expr.name !== 't_in_timesteps' && !isStochasticName(expr.name);
    case 'number':
    case 'bool':
      return true;
    case 'unary':
      return isConstantOverDt(expr.operand, scope, dt);
    case 'binary':
      return isConstantOverDt(expr.left, scope, dt) && isConstantOverDt(expr.right, scope, dt);
    case 'compare':
    case 'logical':
      return expr.operands.every((o) => isConstantOverDt(o, scope, dt));
    case 'call': {
      const r = scope.resolve(expr.callee);
      if (r?.kind !== 'function' || !r.spec.stateless) return false;
      return expr.args.every((a) => {
        if (a.kind === 'name' && (a.name === 't' || a.name === 't_in_timesteps')) {
          return dt !== undefined && r.spec.isLocallyConstant !== undefined && r.spec.isLocallyConstant(dt);
        }
        return isConstantOverDt(a, scope, dt);
      });
    }
  }
}

const GATE_NAME = 'not_refractory';

/**
 * `(unless refractory)` equations arrive as int(not_refractory)*(rhs).
 * Exact and exponential Euler integration solve the ungated equation and
 * apply the gate afterwards (sympy cancels the factor the same way).
 */
export function stripRefractoryGate(expr: Expr): { expr: Expr; gated: boolean } {
  if (
    expr.kind === 'binary' &&
    expr.op === '*' &&
    expr.left.kind === 'call' &&
    expr.left.callee === 'int' &&
    expr.left.args.length === 1 &&
    expr.left.args[0]!.kind === 'name' &&
    expr.left.args[0]!.name === GATE_NAME
  ) {
    return { expr: expr.right, gated: true };
  }
  return { expr, gated: false };
}

export function refractoryGate(): Expr {
  return call('int', sym(GATE_NAME));
}

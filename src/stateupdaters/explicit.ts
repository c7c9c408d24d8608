import type { Expr, Statement } from '../parsing/ast.ts';
import { add, call, div, mul, num, pow, sub, sym } from '../symbolic/build.ts';
import { mentions, substitute } from '../symbolic/substitute.ts';
import {
  assign,
  commit,
  isConstantOverDt,
  splitStochastic,
  UnsupportedEquations,
  type SplitEquation,
  type StateUpdate,
  type StateUpdateProblem,
} from './problem.ts';

/**
 * Brian2's explicit methods (brian2/stateupdaters/explicit.py), written out
 * per method rather than interpreted from their description strings.
 * All variables advance together: every stage reads the old values.
 */

const DT = sym('dt');
const T = sym('t');
const HALF_DT = div(DT, num(2));
const SQRT_DT = pow(DT, num(0.5));

/** f evaluated at a shifted state and time: every variable u becomes shift(u). */
function at(expr: Expr, names: string[], shift: (u: string) => Expr, time?: Expr): Expr {
  const replacements = new Map<string, Expr>(names.map((u) => [u, shift(u)]));
  if (time) replacements.set('t', time);
  return substitute(expr, replacements);
}

function noiseStatements(xis: readonly string[]): Statement[] {
  return xis.map((xi) => assign(xi, mul(SQRT_DT, call('randn'))));
}

function split(problem: StateUpdateProblem): SplitEquation[] {
  return problem.equations.map((eq) => splitStochastic(eq, problem.stochasticVariables));
}

function requireDeterministic(problem: StateUpdateProblem): void {
  if (problem.stochasticVariables.length > 0) {
    throw new UnsupportedEquations('Cannot integrate stochastic equations with this state updater.');
  }
}

export function euler(problem: StateUpdateProblem): StateUpdate {
  const eqs = split(problem);
  const names = eqs.map((e) => e.name);
  // Additive noise only: the noise factor may not change within the step
  // (a TimedArray of t that is constant over dt is fine, as in Brian2).
  for (const e of eqs) {
    for (const g of e.g.values()) {
      if (!isConstantOverDt(g, problem.scope, problem.dt) || names.some((n) => mentions(g, n))) {
        throw new UnsupportedEquations('Cannot integrate equations with multiplicative noise with this state updater.');
      }
    }
  }
  const statements = noiseStatements(problem.stochasticVariables);
  for (const e of eqs) {
    let rhs = add(sym(e.name), mul(DT, e.f));
    for (const [xi, g] of e.g) rhs = add(rhs, mul(g, sym(xi)));
    statements.push(assign(`_${e.name}`, rhs));
  }
  return { method: 'euler', statements: [...statements, ...commit(names)] };
}

export function rk2(problem: StateUpdateProblem): StateUpdate {
  requireDeterministic(problem);
  const eqs = problem.equations;
  const names = eqs.map((e) => e.name);
  const k = (u: string): Expr => sym(`__k_${u}`);
  const statements: Statement[] = eqs.map((e) => assign(`__k_${e.name}`, mul(DT, e.expr)));
  for (const e of eqs) {
    const mid = at(e.expr, names, (u) => add(sym(u), div(k(u), num(2))), add(T, HALF_DT));
    statements.push(assign(`_${e.name}`, add(sym(e.name), mul(DT, mid))));
  }
  return { method: 'rk2', statements: [...statements, ...commit(names)] };
}

export function rk4(problem: StateUpdateProblem): StateUpdate {
  requireDeterministic(problem);
  const eqs = problem.equations;
  const names = eqs.map((e) => e.name);
  const k = (n: number, u: string): Expr => sym(`__k_${n}_${u}`);
  const statements: Statement[] = [];
  const stage = (n: number, shift: ((u: string) => Expr) | undefined, time: Expr | undefined): void => {
    for (const e of eqs) {
      const f = shift ? at(e.expr, names, shift, time) : e.expr;
      statements.push(assign(`__k_${n}_${e.name}`, mul(DT, f)));
    }
  };
  stage(1, undefined, undefined);
  stage(2, (u) => add(sym(u), div(k(1, u), num(2))), add(T, HALF_DT));
  stage(3, (u) => add(sym(u), div(k(2, u), num(2))), add(T, HALF_DT));
  stage(4, (u) => add(sym(u), k(3, u)), add(T, DT));
  for (const e of eqs) {
    // Brian2's sympy-printed combination: k1/6 + k2/3 + k3/3 + k4/6 + x.
    const u = e.name;
    const combo = add(add(add(add(div(k(1, u), num(6)), div(k(2, u), num(3))), div(k(3, u), num(3))), div(k(4, u), num(6))), sym(u));
    statements.push(assign(`_${u}`, combo));
  }
  return { method: 'rk4', statements: [...statements, ...commit(names)] };
}

/**
 * Stochastic Heun (Stratonovich, multiplicative noise). Without noise it is
 * exactly Euler, as in Brian2.
 */
export function heun(problem: StateUpdateProblem): StateUpdate {
  if (problem.stochasticVariables.length === 0) return { ...euler(problem), method: 'heun' };
  const eqs = split(problem);
  const names = eqs.map((e) => e.name);
  const xis = problem.stochasticVariables;
  const statements = noiseStatements(xis);
  const g = (e: SplitEquation, xi: string): Expr => e.g.get(xi) ?? num(0);
  for (const xi of xis) {
    for (const e of eqs) statements.push(assign(`__x_support_${e.name}_${xi}`, add(sym(e.name), mul(g(e, xi), sym(xi)))));
  }
  for (const xi of xis) {
    for (const e of eqs) {
      statements.push(assign(`__g_support_${e.name}_${xi}`, at(g(e, xi), names, (u) => sym(`__x_support_${u}_${xi}`), add(T, DT))));
    }
  }
  for (const e of eqs) {
    let rhs = add(sym(e.name), mul(DT, e.f));
    for (const xi of xis) {
      if (!e.g.has(xi)) continue;
      rhs = add(rhs, mul(mul(num(0.5), sym(xi)), add(g(e, xi), sym(`__g_support_${e.name}_${xi}`))));
    }
    statements.push(assign(`_${e.name}`, rhs));
  }
  return { method: 'heun', statements: [...statements, ...commit(names)] };
}

/** Derivative-free Milstein for diagonal noise, exactly as Brian2 writes it (k uses dW**2). */
export function milstein(problem: StateUpdateProblem): StateUpdate {
  if (problem.stochasticVariables.length === 0) return { ...euler(problem), method: 'milstein' };
  const eqs = split(problem);
  const seen = new Set<string>();
  for (const e of eqs) {
    if (e.g.size > 1) throw new UnsupportedEquations('Cannot integrate stochastic equations with non-diagonal noise with this state updater.');
    for (const xi of e.g.keys()) {
      if (seen.has(xi)) throw new UnsupportedEquations('Cannot integrate stochastic equations with non-diagonal noise with this state updater.');
      seen.add(xi);
    }
  }
  const names = eqs.map((e) => e.name);
  const xis = problem.stochasticVariables;
  const statements = noiseStatements(xis);
  const g = (e: SplitEquation, xi: string): Expr => e.g.get(xi) ?? num(0);
  for (const xi of xis) {
    for (const e of eqs) {
      statements.push(assign(`__x_support_${e.name}_${xi}`, add(add(sym(e.name), mul(DT, e.f)), mul(SQRT_DT, g(e, xi)))));
    }
  }
  for (const e of eqs) {
    for (const xi of e.g.keys()) {
      statements.push(assign(`__g_support_${e.name}_${xi}`, at(g(e, xi), names, (u) => sym(`__x_support_${u}_${xi}`))));
      const k = mul(mul(div(num(1), mul(num(2), SQRT_DT)), sub(sym(`__g_support_${e.name}_${xi}`), g(e, xi))), pow(sym(xi), num(2)));
      statements.push(assign(`__k_${e.name}_${xi}`, k));
    }
  }
  for (const e of eqs) {
    let rhs = add(sym(e.name), mul(DT, e.f));
    for (const [xi, gx] of e.g) rhs = add(add(rhs, mul(gx, sym(xi))), sym(`__k_${e.name}_${xi}`));
    statements.push(assign(`_${e.name}`, rhs));
  }
  return { method: 'milstein', statements: [...statements, ...commit(names)] };
}

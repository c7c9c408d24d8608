import { add, call, div, isZero, mul, sub, sym } from '../symbolic/build.ts';
import { linearForm } from '../symbolic/linear.ts';
import { mentions } from '../symbolic/substitute.ts';
import { assign, commit, refractoryGate, stripRefractoryGate, UnsupportedEquations, type StateUpdate, type StateUpdateProblem } from './problem.ts';
import type { Statement } from '../parsing/ast.ts';

/**
 * Exponential Euler for conditionally linear equations: each dx/dt = A·x + B
 * with A, B free of x (they may depend on other variables, read at their old
 * values), advanced as x + (x + B/A)·(exp(A·dt) − 1), written the way Brian2 does.
 */
export function exponentialEuler(problem: StateUpdateProblem): StateUpdate {
  if (problem.stochasticVariables.length > 0) {
    throw new UnsupportedEquations('Cannot solve stochastic equations with this state updater.');
  }
  const statements: Statement[] = [];
  const dt = sym('dt');
  for (const eq of problem.equations) {
    const { expr, gated } = stripRefractoryGate(eq.expr);
    const form = linearForm(expr, new Set([eq.name]), { opaqueCalls: true });
    if (!form) {
      throw new UnsupportedEquations(
        `Can only solve conditionally linear systems with this state updater: the equation for '${eq.name}' is not linear in '${eq.name}'.`,
      );
    }
    if ((form.coefficients.get(eq.name) === undefined || isZero(form.coefficients.get(eq.name)!)) && mentions(expr, eq.name)) {
      // Like Brian2 (sympy's collect finds no term linear in the variable): the variable only occurs inside functions.
      throw new UnsupportedEquations(
        `Can only solve conditionally linear systems with this state updater: the equation for '${eq.name}' has no term linear in '${eq.name}' ('${eq.name}' only occurs inside functions).`,
      );
    }
    const gate = gated ? refractoryGate() : undefined;
    const A0 = form.coefficients.get(eq.name);
    const B0 = form.constant;
    const x = sym(eq.name);
    if (!A0 || isZero(A0)) {
      statements.push(assign(`_${eq.name}`, add(x, mul(dt, gate ? mul(gate, B0) : B0))));
      continue;
    }
    // A is computed once (it appears in B/A and in the exponent). The gate
    // multiplies A and B alike; it cancels in B/A and stays in the exponent.
    const a = `_A_${eq.name}`;
    statements.push(assign(a, A0));
    const growth = call('exp', mul(gate ? mul(gate, sym(a)) : sym(a), dt));
    if (isZero(B0)) {
      statements.push(assign(`_${eq.name}`, mul(x, growth)));
    } else {
      const ba = `_BA_${eq.name}`;
      statements.push(assign(ba, div(B0, sym(a))));
      statements.push(assign(`_${eq.name}`, sub(mul(add(sym(ba), x), growth), sym(ba))));
    }
  }
  return { method: 'exponential_euler', statements: [...statements, ...commit(problem.equations.map((e) => e.name))] };
}

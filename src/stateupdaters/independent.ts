import type { Statement } from '../parsing/ast.ts';
import { add, call, div, isZero, mul, sub, sym } from '../symbolic/build.ts';
import { linearForm } from '../symbolic/linear.ts';
import { mentions } from '../symbolic/substitute.ts';
import { assign, isConstantOverDt, stripRefractoryGate, UnsupportedEquations, type StateUpdate, type StateUpdateProblem } from './problem.ts';

/**
 * Brian2's deprecated `independent` method: every equation is solved on its
 * own, other state variables counting as constants, and the new value is
 * written at once, so equations later in alphabetical order (Brian2's order)
 * see it. Brian2 asks sympy's dsolve for the solution; spikeforge solves the
 * case that covers models in practice, dx/dt = A·x + B with A and B constant
 * over the step: x ← −B/A + (x + B/A)·exp(A·dt), or x + B·dt when A = 0.
 * Right-hand sides that depend on time (sympy can integrate some of them)
 * are rejected with an explanation.
 */
export function independent(problem: StateUpdateProblem): StateUpdate {
  if (problem.stochasticVariables.length > 0) throw new UnsupportedEquations('Cannot solve stochastic equations with this state updater.');
  const dt = sym('dt');
  const statements: Statement[] = [];
  const ordered = [...problem.equations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const eq of ordered) {
    const { expr, gated } = stripRefractoryGate(eq.expr);
    const form = linearForm(expr, new Set([eq.name]));
    if (!form) {
      throw new UnsupportedEquations(`Cannot explicitly solve the equation for '${eq.name}': it is not linear in '${eq.name}'.`);
    }
    const A = form.coefficients.get(eq.name);
    const B = form.constant;
    for (const part of [A, B]) {
      if (part === undefined) continue;
      if (mentions(part, 't') || mentions(part, 't_in_timesteps') || !isConstantOverDt(part, problem.scope, problem.dt)) {
        throw new UnsupportedEquations(
          `Cannot explicitly solve the equation for '${eq.name}': its right-hand side changes with time (t, a TimedArray or a random number). Brian2 integrates some of these symbolically; spikeforge's 'independent' method only solves dx/dt = A*x + B with A and B constant over a time step. Use 'exact', 'euler' or 'rk4'.`,
        );
      }
    }
    const x = sym(eq.name);
    const gate = gated ? call('int', sym('not_refractory')) : undefined;
    let value;
    if (A === undefined || isZero(A)) {
      value = add(x, mul(gate ? mul(gate, B) : B, dt));
    } else {
      const ratio = div(B, A);
      const growth = call('exp', mul(gate ? mul(gate, A) : A, dt));
      value = isZero(B) ? mul(x, growth) : sub(mul(add(x, ratio), growth), ratio);
    }
    // While refractory, a gated variable keeps its value exactly.
    statements.push(assign(eq.name, gated ? call('_where', sym('not_refractory'), value, x) : value));
  }
  return { method: 'independent', statements };
}

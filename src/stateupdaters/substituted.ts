import type { Expr } from '../parsing/ast.ts';
import { SUBEXPRESSION, type Equations } from '../equations/equations.ts';
import { substitute } from '../symbolic/substitute.ts';
import type { DiffEq } from './problem.ts';

/**
 * The differential equations with every subexpression replaced by its
 * definition (Brian2's get_substituted_expressions), so that multi-stage
 * methods re-evaluate them at intermediate states.
 */
export function substitutedEquations(eqs: Equations, subexpressionOrder: readonly string[]): DiffEq[] {
  const resolved = new Map<string, Expr>();
  for (const name of subexpressionOrder) {
    const v = eqs.variables.get(name);
    if (v?.kind !== SUBEXPRESSION) continue;
    resolved.set(name, substitute(v.expr!, resolved));
  }
  return eqs.diffEqNames.map((name) => ({ name, expr: substitute(eqs.variables.get(name)!.expr!, resolved) }));
}

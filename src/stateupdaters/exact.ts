import type { Expr, Statement } from '../parsing/ast.ts';
import { printExpr } from '../parsing/printer.ts';
import { add, call, div, isZero, mul, neg, num, pow, sameExpr, sub, sum, sym } from '../symbolic/build.ts';
import { evaluate } from '../symbolic/evaluate.ts';
import { linearForm } from '../symbolic/linear.ts';
import { assign, commit, isConstantOverDt, stripRefractoryGate, UnsupportedEquations, type StateUpdate, type StateUpdateProblem } from './problem.ts';
import { expm, hasComplexEigenvalues, inverse, type Matrix } from './linalg.ts';

/**
 * Exact integration of linear systems dX/dt = M·X + B with M and B constant
 * over a step (Brian2's `exact` / `linear`): X ← X* + exp(M·dt)·(X − X*),
 * X* = −M⁻¹B. Brian2 hands the matrix exponential to sympy; here systems
 * whose coupling is acyclic (M triangular after reordering, e.g. a membrane
 * driven by exponential or alpha synapses) get a closed form built from
 * divided differences of exp(λ·dt) over M's eigenvalues λ = M_ii, with the
 * confluent case (equal time constants) handled. Per-neuron coefficients
 * are fine. Cyclic couplings are solved numerically (see solveNumerically).
 */
export function exact(problem: StateUpdateProblem): StateUpdate {
  if (problem.stochasticVariables.length > 0) throw new UnsupportedEquations('Cannot solve stochastic equations with this state updater.');
  const names = problem.equations.map((e) => e.name);
  const nameSet = new Set(names);
  const gated = new Set<string>();
  const rows = problem.equations.map((eq) => {
    const stripped = stripRefractoryGate(eq.expr);
    if (stripped.gated) gated.add(eq.name);
    const form = linearForm(stripped.expr, nameSet);
    if (!form) throw new UnsupportedEquations(`The expression '${printExpr(eq.expr)}', defining the variable '${eq.name}', could not be separated into linear components.`);
    for (const part of [form.constant, ...form.coefficients.values()]) {
      if (!isConstantOverDt(part, problem.scope, problem.dt)) {
        throw new UnsupportedEquations(`Expression '${printExpr(part)}' is not guaranteed to be constant over a time step`);
      }
    }
    return form;
  });
  const system: LinearSystem = {
    names,
    M: rows.map((r) => names.map((n) => nonZero(r.coefficients.get(n)))),
    B: rows.map((r) => r.constant),
  };
  const valueOf = (e: Expr): number | undefined =>
    evaluate(e, (n) => {
      const r = problem.scope.resolve(n);
      return r?.kind === 'value' ? r.value : undefined;
    });

  const statements: Statement[] = [];
  const constants = new Map<string, number>();
  const solveAny = (sys: LinearSystem, tag: string): Map<string, Expr> => {
    const order = triangularOrder(sys);
    return order ? solve(sys, order, tag, statements, valueOf) : solveNumerically(sys, tag, statements, constants, valueOf, problem.dt);
  };
  const full = solveAny(system, 'full');
  let frozen: Map<string, Expr> | undefined;
  if (gated.size > 0) {
    // While refractory, gated variables are constant; the others then evolve
    // with them as fixed inputs, which is a different (smaller) system.
    const free = names.filter((n) => !gated.has(n));
    const affected = free.some((n) => dependsOnGated(system, n, gated));
    if (affected) {
      const reduced: LinearSystem = {
        names: free,
        M: free.map((i) => free.map((j) => system.M[names.indexOf(i)]![names.indexOf(j)])),
        B: free.map((i) => {
          const row = system.M[names.indexOf(i)]!;
          return [...gated].reduce((b, g) => {
            const c = row[names.indexOf(g)];
            return c ? add(b, mul(c, sym(g))) : b;
          }, system.B[names.indexOf(i)]!);
        }),
      };
      frozen = solveAny(reduced, 'frozen');
    }
  }
  for (const n of names) {
    let value = full.get(n)!;
    if (gated.has(n)) value = call('_where', sym('not_refractory'), value, sym(n));
    else if (frozen?.has(n) && !sameExpr(frozen.get(n)!, value)) value = call('_where', sym('not_refractory'), value, frozen.get(n)!);
    statements.push(assign(`_${n}`, value));
  }
  return constants.size > 0
    ? { method: 'exact', statements: [...statements, ...commit(names)], constants }
    : { method: 'exact', statements: [...statements, ...commit(names)] };
}

interface LinearSystem {
  names: string[];
  /** M[i][j]: coefficient of names[j] in d(names[i])/dt, undefined when zero. */
  M: Array<Array<Expr | undefined>>;
  B: Expr[];
}

function nonZero(e: Expr | undefined): Expr | undefined {
  return e === undefined || isZero(e) ? undefined : e;
}

function dependsOnGated(sys: LinearSystem, name: string, gated: Set<string>, seen = new Set<string>()): boolean {
  if (seen.has(name)) return false;
  seen.add(name);
  const row = sys.M[sys.names.indexOf(name)]!;
  return sys.names.some((other, j) => other !== name && row[j] !== undefined && (gated.has(other) || dependsOnGated(sys, other, gated, seen)));
}

/** Variables ordered so that each depends only on earlier ones; undefined for cyclic coupling. */
function triangularOrder(sys: LinearSystem): string[] | undefined {
  const order: string[] = [];
  const state = new Map<string, number>();
  let cyclic = false;
  const visit = (i: number): void => {
    const name = sys.names[i]!;
    if (state.get(name) === 2) return;
    if (state.get(name) === 1) {
      cyclic = true;
      return;
    }
    state.set(name, 1);
    sys.M[i]!.forEach((c, j) => {
      if (c !== undefined && j !== i) visit(j);
    });
    state.set(name, 2);
    order.push(name);
  };
  sys.names.forEach((_, i) => visit(i));
  return cyclic ? undefined : order;
}

/**
 * Cyclically coupled systems (e.g. a membrane with linear adaptation): when
 * M is the same for every neuron, exp(M·dt) and M⁻¹ are computed numerically
 * before the run and enter the kernel as constants; B may vary per neuron
 * and in time. Brian2 would print sympy's closed form, equal up to rounding.
 */
function solveNumerically(
  sys: LinearSystem,
  tag: string,
  out: Statement[],
  constants: Map<string, number>,
  valueOf: (e: Expr) => number | undefined,
  dt: number | undefined,
): Map<string, Expr> {
  const n = sys.names.length;
  if (dt === undefined) throw new UnsupportedEquations('Exact integration of coupled linear systems needs the time step');
  const M: Matrix = sys.M.map((row) =>
    row.map((c) => {
      if (c === undefined) return 0;
      const v = valueOf(c);
      if (v === undefined) {
        throw new UnsupportedEquations(
          `Exact integration of cyclically coupled linear equations needs coefficients that are the same for all neurons; '${printExpr(c)}' is not. Use another method, e.g. method='rk4'.`,
        );
      }
      return v;
    }),
  );
  if (hasComplexEigenvalues(M)) {
    throw new UnsupportedEquations('The solution to the linear system contains complex values which is currently not implemented.');
  }
  const Minv = inverse(M);
  if (!Minv) throw new UnsupportedEquations('Cannot solve the given equations with this stateupdater: the system matrix is singular (no fixed point).');
  const A = expm(M.map((row) => row.map((x) => x * dt)));
  const constant = (name: string, value: number): Expr => {
    constants.set(name, value);
    return sym(name);
  };
  const fixed: Expr[] = [];
  for (let i = 0; i < n; i++) {
    const terms = sys.B.map((b, j) => (isZero(b) || Minv[i]![j] === 0 ? undefined : mul(constant(`_${tag}_Minv_${i}_${j}`, Minv[i]![j]!), b))).filter((t): t is Expr => t !== undefined);
    const value = neg(sum(terms));
    if (isZero(value)) fixed.push(num(0));
    else {
      const tmp = `_${tag}_fixed_${sys.names[i]}`;
      out.push(assign(tmp, value));
      fixed.push(sym(tmp));
    }
  }
  const result = new Map<string, Expr>();
  sys.names.forEach((name, i) => {
    const terms = sys.names.map((other, j) => {
      const deviation = isZero(fixed[j]!) ? sym(other) : sub(sym(other), fixed[j]!);
      return A[i]![j] === 0 ? num(0) : mul(constant(`_${tag}_A_${i}_${j}`, A[i]![j]!), deviation);
    });
    result.set(name, isZero(fixed[i]!) ? sum(terms) : add(fixed[i]!, sum(terms)));
  });
  return result;
}

/**
 * Closed-form one-step solution of a triangular system; emits temporaries
 * for the exponentials and the fixed point, returns each variable's new value.
 */
function solve(sys: LinearSystem, order: string[], tag: string, out: Statement[], valueOf: (e: Expr) => number | undefined): Map<string, Expr> {
  const idx = (n: string): number => sys.names.indexOf(n);
  const coef = (i: string, j: string): Expr | undefined => sys.M[idx(i)]![idx(j)];
  const dt = sym('dt');

  for (const n of order) {
    if (coef(n, n) === undefined) {
      throw new UnsupportedEquations(`Cannot solve the given equations with this stateupdater: '${n}' does not decay (its equation has no term in '${n}'), so the system has no fixed point.`);
    }
  }
  // Fixed point by forward substitution: M_ii·x*_i + Σ_j<i M_ij·x*_j + B_i = 0.
  const star = new Map<string, Expr>();
  for (const n of order) {
    const inputs = order.filter((j) => j !== n && coef(n, j) !== undefined).map((j) => mul(coef(n, j)!, star.get(j)!));
    const value = neg(div(sum([sys.B[idx(n)]!, ...inputs]), coef(n, n)!));
    if (isZero(value)) {
      star.set(n, num(0));
    } else {
      const tmp = `_${tag}_fixed_${n}`;
      out.push(assign(tmp, value));
      star.set(n, sym(tmp));
    }
  }
  // One exponential per distinct eigenvalue.
  const classes: Array<{ lambda: Expr; value?: number; exp: Expr }> = [];
  const classOf = new Map<string, number>();
  for (const n of order) {
    const lambda = coef(n, n)!;
    const value = valueOf(lambda);
    let k = classes.findIndex((c) => sameExpr(c.lambda, lambda) || (value !== undefined && c.value === value));
    if (k < 0) {
      const tmp = `_${tag}_exp_${n}`;
      out.push(assign(tmp, call('exp', mul(lambda, dt))));
      classes.push(value === undefined ? { lambda, exp: sym(tmp) } : { lambda, value, exp: sym(tmp) });
      k = classes.length - 1;
    }
    classOf.set(n, k);
  }
  // Divided differences of exp(λ·dt) over a multiset of eigenvalue classes.
  const memo = new Map<string, Expr>();
  const divided = (ks: number[]): Expr => {
    const key = [...ks].sort().join(',');
    const hit = memo.get(key);
    if (hit) return hit;
    let result: Expr;
    const first = ks[0]!;
    const other = ks.findIndex((k) => k !== first);
    if (other < 0) {
      // All equal: the m-th derivative, dt^m·exp(λ·dt)/m!.
      const m = ks.length - 1;
      let factorial = 1;
      for (let q = 2; q <= m; q++) factorial *= q;
      result = m === 0 ? classes[first]!.exp : div(mul(pow(dt, num(m)), classes[first]!.exp), num(factorial));
    } else {
      const withoutFirst = ks.slice(1);
      const withoutOther = ks.filter((_, q) => q !== other);
      result = div(sub(divided(withoutFirst), divided(withoutOther)), sub(classes[ks[other]!]!.lambda, classes[first]!.lambda));
    }
    memo.set(key, result);
    return result;
  };
  // exp(M·dt)[i][j] sums, over coupling paths j → … → i, the product of the
  // couplings times the divided difference over the eigenvalues on the path.
  const propagator = (i: string, j: string): Expr | undefined => {
    const terms: Expr[] = [];
    const walk = (at: string, path: string[], weight: Expr | undefined): void => {
      if (at === i) {
        const dd = divided(path.map((p) => classOf.get(p)!));
        terms.push(weight ? mul(weight, dd) : dd);
        return;
      }
      for (const next of order) {
        if (next === at || coef(next, at) === undefined) continue;
        if (order.indexOf(next) <= order.indexOf(at) || order.indexOf(next) > order.indexOf(i)) continue;
        walk(next, [...path, next], weight ? mul(weight, coef(next, at)!) : coef(next, at)!);
      }
    };
    walk(j, [j], undefined);
    return terms.length === 0 ? undefined : sum(terms);
  };
  const result = new Map<string, Expr>();
  for (const i of order) {
    const terms: Expr[] = [];
    for (const j of order.slice(0, order.indexOf(i) + 1)) {
      const p = propagator(i, j);
      if (!p) continue;
      const deviation = isZero(star.get(j)!) ? sym(j) : sub(sym(j), star.get(j)!);
      terms.push(mul(p, deviation));
    }
    result.set(i, isZero(star.get(i)!) ? sum(terms) : add(star.get(i)!, sum(terms)));
  }
  return result;
}

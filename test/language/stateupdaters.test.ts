/**
 * Our integration methods against the abstract code Brian2 2.5.1 generates
 * (test/fixtures/language/stateupdaters.json). Brian2's code is parsed with
 * our own statement parser; both codes are then run numerically from the
 * same random states, parameters and namespace values (each namespace value
 * scaled by a random factor, our updater rebuilt for it), and must give the
 * same new state to 1e-12 relative. That proves the update formulas equal
 * Brian2's without comparing their (sympy-printed) text. Noise is not drawn:
 * `xi` gets the same random value in both codes, so stochastic Euler, Heun
 * and Milstein are compared term by term as well. Where Brian2 cannot apply
 * a method, we must refuse it too.
 *
 * Deliberate differences (asserted below):
 *  - `independent` on right-hand sides that change with t (explicit_t,
 *    t_times_state, subexpression_of_t): Brian2 integrates them with sympy,
 *    spikeforge's independent method explains that it only solves
 *    dx/dt = A·x + B with A, B constant over a step.
 *  - `exponential_euler` on `v**2` without a constant term is an error here;
 *    Brian2 silently drops the term (see the dedicated test at the end).
 */
import { describe, expect, it } from 'vitest';
import { mapExpr, type Expr, type Statement } from '../../src/parsing/ast.ts';
import { parseStatements } from '../../src/parsing/statements.ts';
import { num } from '../../src/symbolic/build.ts';
import { evaluate } from '../../src/symbolic/evaluate.ts';
import { DT, loadJson, runFrontEnd, siNumber, type CatalogueValue, type FrontEndResult } from './harness.ts';

interface Result {
  method: string;
  method_chosen?: string;
  abstract_code: string | null;
  error?: string | null;
  skipped?: boolean;
}

interface EquationSet {
  name: string;
  description: string;
  equations: string;
  namespace: Record<string, CatalogueValue>;
  threshold?: string;
  reset?: string;
  refractory?: string | { value: number; unit: string };
  init?: Record<string, number>;
  results: Result[];
}

const catalogue = loadJson<{ brian2_version: string; equation_sets: EquationSet[] }>('stateupdaters.json');

/** Brian2 refuses these (or we do) on purpose; see the header. */
const DELIBERATE: Record<string, RegExp> = {
  'explicit_t/independent': /changes with time/,
  't_times_state/independent': /changes with time/,
  'subexpression_of_t/independent': /changes with time/,
};

/** mulberry32: a small seeded generator, so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Funcs = Record<string, (...args: number[]) => number>;

/** Run abstract code: every statement in order, in one environment; xi draws are given. */
function execute(statements: Statement[], env: Map<string, number>, lookup: (name: string) => number | undefined, funcs: Funcs): void {
  const valueOf = (name: string): number | undefined => (env.has(name) ? env.get(name) : lookup(name));
  const evalExpr = (e: Expr): number => {
    // Calls our evaluator does not know (TimedArrays, _where) are computed first, innermost out.
    const reduced = mapExpr(e, (node) => {
      if (node.kind !== 'call' || !funcs[node.callee]) return undefined;
      const args = node.args.map((a) => {
        const v = evaluate(a, valueOf);
        if (v === undefined) throw new Error(`cannot evaluate an argument of ${node.callee}`);
        return v;
      });
      return num(funcs[node.callee]!(...args));
    });
    const v = evaluate(reduced, valueOf);
    if (v === undefined) throw new Error(`cannot evaluate expression (unknown name or function)`);
    return v;
  };
  for (const st of statements) {
    if (/^xi(_\w+)?$/.test(st.target)) continue; // the noise draw: preset
    const value = evalExpr(st.value);
    const current = env.get(st.target) ?? 0;
    const next = { '=': value, '+=': current + value, '-=': current - value, '*=': current * value, '/=': current / value }[st.op as '='];
    if (next === undefined) throw new Error(`operator ${st.op}`);
    env.set(st.target, next);
  }
}

function scaledNamespace(ns: Record<string, CatalogueValue>, random: () => number): Record<string, CatalogueValue> {
  const out: Record<string, CatalogueValue> = {};
  for (const [name, v] of Object.entries(ns)) {
    if (v.type === 'timedarray' || v.type === 'int' || v.type === 'bool') out[name] = v;
    else out[name] = { ...v, value: siNumber(v.value as number) * (0.8 + 0.45 * random()) };
  }
  return out;
}

/** A typical magnitude for a variable without an initial value, by its unit. */
function magnitude(dim: string): number {
  return { 'm^2 kg s^-3 A^-1': 0.02, A: 1e-10, 'm^-2 kg^-1 s^3 A^2': 1e-9, 's^-1': 10, s: 0.01 }[dim] ?? 0.5;
}

interface Trial {
  ours: Map<string, number>;
  brian: Map<string, number>;
  names: string[];
}

function runTrial(set: EquationSet, method: string | null, brianCode: Statement[], seed: number): Trial {
  const random = rng(seed);
  const namespace = scaledNamespace(set.namespace, random);
  const front: FrontEndResult = runFrontEnd({
    equations: set.equations,
    threshold: set.threshold ?? null,
    reset: set.reset ?? null,
    refractory: set.refractory ?? null,
    method,
    namespace,
  });
  const update = front.update!;
  const model = front.model;
  const names = front.problem.equations.map((e) => e.name);
  const state = new Map<string, number>();
  for (const v of model.userEquations.variables.values()) {
    if (v.kind === 'subexpression' && !v.flags.includes('constant over dt')) continue;
    const base = set.init?.[v.name];
    if (v.type === 'integer') state.set(v.name, base ?? 2);
    else if (v.type === 'boolean') state.set(v.name, random() < 0.5 ? 1 : 0);
    else if (base !== undefined && base !== 0) state.set(v.name, base * (0.5 + random()));
    else state.set(v.name, magnitude(v.dim.toString()) * (2 * random() - 1));
  }
  state.set('t', DT * Math.floor(random() * 40));
  state.set('dt', DT);
  state.set('not_refractory', random() < 0.5 ? 1 : 0);
  for (const xi of model.equations.stochasticVariables) state.set(xi, Math.sqrt(DT) * (2 * random() - 1) * 1.5);

  const timedArrays: Funcs = {};
  for (const [name, v] of Object.entries(namespace)) {
    if (v.type !== 'timedarray') continue;
    const values = (v.values as number[]).map(siNumber);
    timedArrays[name] = (t: number) => values[Math.min(values.length - 1, Math.max(0, Math.floor(t / v.dt + 0.5)))]!;
  }
  const funcs: Funcs = { ...timedArrays, _where: (c, a, b) => (c ? a : b) };
  const lookup = (name: string): number | undefined => {
    const constant = update.constants?.get(name);
    if (constant !== undefined) return constant;
    const r = model.scope.resolve(name);
    return r?.kind === 'value' ? r.value : undefined;
  };
  const ours = new Map(state);
  execute(update.statements, ours, lookup, funcs);
  const brian = new Map(state);
  execute(brianCode, brian, lookup, funcs);
  // `(unless refractory)` variables are only written where not_refractory
  // holds (Brian2's conditional write; our NeuronGroup's store guard), so
  // what the code computes for refractory neurons (Brian2: 0/0) is unused.
  if (model.refractory.kind !== 'none' && state.get('not_refractory') === 0) {
    for (const v of model.userEquations.variables.values()) {
      if (v.kind !== 'differential equation' || !v.flags.includes('unless refractory')) continue;
      ours.set(v.name, state.get(v.name)!);
      brian.set(v.name, state.get(v.name)!);
    }
  }
  return { ours, brian, names };
}

function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

describe(`state updaters: the same update as Brian2 ${catalogue.brian2_version}`, () => {
  for (const set of catalogue.equation_sets) {
    describe(set.name, () => {
      for (const r of set.results) {
        if (r.skipped) continue;
        const id = `${set.name}/${r.method}`;
        const method = r.method === 'default' ? null : r.method;
        if (DELIBERATE[id]) {
          it(`${id} (deliberately refused; Brian2 gives sympy's solution)`, () => {
            expect(() => runFrontEnd({ ...caseOf(set), method })).toThrow(DELIBERATE[id]!);
          });
          continue;
        }
        if (r.abstract_code === null) {
          it(`${id}: refused, as by Brian2 (${(r.error ?? '').split(':')[0]})`, () => {
            expect(() => runFrontEnd({ ...caseOf(set), method })).toThrow();
          });
          continue;
        }
        it(`${id}: same new state as Brian2's abstract code`, () => {
          const brianCode = parseStatements(r.abstract_code!, `Brian2 ${r.method}`);
          if (r.method === 'default') {
            const front = runFrontEnd({ ...caseOf(set), method: null });
            expect(front.update!.method).toBe(r.method_chosen);
          }
          let worst = 0;
          for (let k = 0; k < 4; k++) {
            const trial = runTrial(set, method, brianCode, 1000 * k + set.name.length);
            for (const n of trial.names) {
              const a = trial.ours.get(n)!;
              const b = trial.brian.get(n)!;
              expect(Number.isFinite(a), `${n} finite`).toBe(true);
              worst = Math.max(worst, relativeDifference(a, b));
              expect(relativeDifference(a, b), `${n}: ours ${a}, Brian2 ${b} (trial ${k})`).toBeLessThanOrEqual(1e-12);
            }
          }
          expect(worst).toBeLessThanOrEqual(1e-12);
        });
      }
    });
  }

  it('exponential_euler refuses v**2 without a constant term (Brian2 silently drops the term)', () => {
    expect(() =>
      runFrontEnd({ equations: 'dv/dt = -v**2/(mV*ms) : volt', threshold: null, reset: null, refractory: null, method: 'exponential_euler', namespace: {} }),
    ).toThrow(/not linear in 'v'/);
  });
});

function caseOf(set: EquationSet): Parameters<typeof runFrontEnd>[0] {
  return {
    equations: set.equations,
    threshold: set.threshold ?? null,
    reset: set.reset ?? null,
    refractory: set.refractory ?? null,
    method: null,
    namespace: set.namespace,
  };
}

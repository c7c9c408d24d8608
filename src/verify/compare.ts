import type { FixtureEvents, FixtureResult } from './format.ts';

export interface Tolerance {
  /** Relative tolerance on each value. */
  rtol: number;
  /** Absolute floor, as a fraction of the trace's largest magnitude (for values crossing zero). */
  scaleFloor: number;
}

/** Brian2's float64 operations reproduced: 1e-9 relative (README of the reference data). */
export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-9, scaleFloor: 1e-9 };

export interface VariableComparison {
  name: string;
  maxAbsError: number;
  maxRelError: number;
  ok: boolean;
  worst?: { index: number; sample: number; expected: number; actual: number };
}

export interface Comparison {
  ok: boolean;
  traces: VariableComparison[];
  finalState: VariableComparison[];
  spikes: { ok: boolean; expected: number; actual: number; firstMismatch?: { k: number; expected: [number, number]; actual: [number, number] } } | null;
  problems: string[];
}

function compareSeries(name: string, expected: number[][], actual: number[][] | undefined, tol: Tolerance): VariableComparison {
  if (!actual || actual.length !== expected.length) {
    return { name, maxAbsError: Infinity, maxRelError: Infinity, ok: false };
  }
  let scale = 0;
  for (const row of expected) for (const x of row) if (Number.isFinite(x)) scale = Math.max(scale, Math.abs(x));
  let maxAbs = 0;
  let maxRel = 0;
  let ok = true;
  let worst: VariableComparison['worst'];
  let worstRatio = -1;
  expected.forEach((row, k) => {
    const got = actual[k]!;
    if (got.length !== row.length) {
      ok = false;
      maxAbs = Infinity;
      return;
    }
    row.forEach((e, s) => {
      const a = got[s]!;
      if (Number.isNaN(e) && Number.isNaN(a)) return;
      const err = Math.abs(a - e);
      const rel = e === 0 ? (err === 0 ? 0 : Infinity) : err / Math.abs(e);
      maxAbs = Math.max(maxAbs, err);
      maxRel = Math.max(maxRel, rel);
      const allowed = tol.rtol * Math.abs(e) + tol.scaleFloor * scale;
      const ratio = allowed > 0 ? err / allowed : err === 0 ? 0 : Infinity;
      if (!(err <= allowed)) ok = false;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = { index: k, sample: s, expected: e, actual: a };
      }
    });
  });
  return worst ? { name, maxAbsError: maxAbs, maxRelError: maxRel, ok, worst } : { name, maxAbsError: maxAbs, maxRelError: maxRel, ok };
}

/** Compare a simulation with a fixture's expected data: traces, spikes (same time step) and final state. */
export function compareResults(expected: FixtureResult, actual: FixtureResult, tol: Tolerance = DEFAULT_TOLERANCE): Comparison {
  const problems: string[] = [];
  if (expected.step_indices.length !== actual.step_indices.length || expected.step_indices.some((s, k) => s !== actual.step_indices[k])) {
    problems.push(`recorded steps differ (expected ${expected.step_indices.length} samples, got ${actual.step_indices.length})`);
  }
  const traces = Object.entries(expected.traces).map(([name, series]) => compareSeries(name, series, actual.traces[name], tol));
  const finalState = Object.entries(expected.final_state).map(([name, values]) => compareSeries(name, [values], actual.final_state[name] ? [actual.final_state[name]!] : undefined, tol));
  for (const [syn, vars] of Object.entries(expected.final_state_synapses ?? {})) {
    for (const [name, values] of Object.entries(vars)) {
      const got = actual.final_state_synapses?.[syn]?.[name];
      finalState.push(compareSeries(`${syn}.${name}`, [values], got ? [got] : undefined, tol));
    }
  }
  const eventLists: Array<[string, FixtureEvents, FixtureEvents | undefined]> = [];
  for (const [g, e] of Object.entries(expected.spikes_by_group ?? {})) eventLists.push([`spikes of ${g}`, e, actual.spikes_by_group?.[g]]);
  for (const [key, e] of Object.entries(expected.events ?? {})) eventLists.push([`events ${key}`, e, actual.events?.[key]]);
  for (const [what, e, a] of eventLists) {
    // Same events, same steps, same order within each step (Brian2's order).
    const same = a !== undefined && a.i.length === e.i.length && e.i.every((x, k) => x === a.i[k] && e.t_step[k] === a.t_step[k]);
    if (!same) problems.push(`${what} differ: expected ${e.i.length}, got ${a?.i.length ?? 'none'}`);
  }
  for (const [g, r] of Object.entries(expected.population_rates ?? {})) {
    const c = compareSeries(`rate of ${g}`, [r.rate], actual.population_rates?.[g] ? [actual.population_rates[g]!.rate] : undefined, tol);
    traces.push(c);
  }
  for (const [g, vars] of Object.entries(expected.final_state_groups ?? {})) {
    for (const [name, values] of Object.entries(vars)) {
      const got = actual.final_state_groups?.[g]?.[name];
      finalState.push(compareSeries(`${g}.${name}`, [values], got ? [got] : undefined, tol));
    }
  }
  for (const [g, gt] of Object.entries(expected.group_traces ?? {})) {
    for (const [name, series] of Object.entries(gt.traces)) traces.push(compareSeries(`${g}.${name}`, series, actual.group_traces?.[g]?.traces[name], tol));
  }
  let spikes: Comparison['spikes'] = null;
  if (expected.spikes) {
    const key = (s: NonNullable<FixtureResult['spikes']>) => s.t_step.map((t, k) => [t, s.i[k]!] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const e = key(expected.spikes);
    const a = actual.spikes ? key(actual.spikes) : [];
    const k = e.findIndex((x, q) => !a[q] || a[q]![0] !== x[0] || a[q]![1] !== x[1]);
    const ok = e.length === a.length && k < 0;
    spikes = ok ? { ok, expected: e.length, actual: a.length } : { ok, expected: e.length, actual: a.length, firstMismatch: { k: k < 0 ? e.length : k, expected: e[k < 0 ? e.length - 1 : k] ?? [-1, -1], actual: a[k < 0 ? e.length : k] ?? [-1, -1] } };
    if (!ok) problems.push(`spikes differ: expected ${e.length}, got ${a.length}`);
  }
  for (const t of traces) if (!t.ok) problems.push(`trace '${t.name}' differs (max abs error ${t.maxAbsError.toExponential(3)}, max rel error ${t.maxRelError.toExponential(3)})`);
  for (const f of finalState) if (!f.ok) problems.push(`final value of '${f.name}' differs (max abs error ${f.maxAbsError.toExponential(3)})`);
  return { ok: problems.length === 0, traces, finalState, spikes, problems };
}

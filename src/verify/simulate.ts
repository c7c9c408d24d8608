import type { NamespaceValue } from '../equations/namespace.ts';
import { Clock } from '../core/clock.ts';
import { Network } from '../core/network.ts';
import { NeuronGroup } from '../core/neurongroup.ts';
import { Synapses } from '../core/synapses.ts';
import { TimedArray } from '../core/timedarray.ts';
import { SECOND } from '../core/quantities.ts';
import { StateMonitor } from '../monitors/statemonitor.ts';
import { SpikeMonitor } from '../monitors/spikemonitor.ts';
import type { Backend } from '../runtime/kernel.ts';
import { parseUnit, Quantity } from '../units/index.ts';
import type { Fixture, FixtureQuantity, FixtureResult, FixtureTimedArray } from './format.ts';

export interface SimulationInfo {
  backend: Backend;
  method: string | undefined;
  compileMs: number;
  cached: boolean;
  runMs: number;
}

function quantityOf(name: string, q: FixtureQuantity): Quantity {
  if (typeof q.value !== 'number') throw new Error(`namespace.${name}: value must be a number`);
  const unit = q.unit ?? '1';
  return new Quantity(q.value, parseUnit(unit).dim);
}

function timedArrayOf(name: string, ta: FixtureTimedArray): TimedArray {
  const unitName = (ta.values_unit ?? 'amp').split(/\s/)[0]!;
  const unit = parseUnit(unitName);
  const twoD = Array.isArray(ta.values[0]);
  // Values are SI already: attach the dimension only.
  return new TimedArray(twoD ? (ta.values as number[][]) : (ta.values as number[]), { dt: new Quantity(ta.dt, SECOND), unit: unit.dim, name });
}

/** The fixture's model built through the public API: its group, synapses and monitors. */
export function fixtureNetwork(fixture: Fixture): { network: Network; group: NeuronGroup; monitor: StateMonitor; spikes: SpikeMonitor | undefined; synapses: Synapses[] } {
  const m = fixture.model;
  const namespace: Record<string, NamespaceValue> = {};
  for (const [k, q] of Object.entries(m.namespace ?? {})) namespace[k] = quantityOf(k, q);
  for (const [k, ta] of Object.entries(m.input ?? {})) namespace[k] = timedArrayOf(k, ta);
  const clock = new Clock(new Quantity(m.dt, SECOND), `${fixture.name}_clock`);
  const ref = m.refractory;
  const refractory = !ref ? false : ref.expression !== undefined ? ref.expression : new Quantity(ref.value as number, SECOND);
  const G = new NeuronGroup(m.N, m.equations, {
    threshold: m.threshold,
    reset: m.reset,
    refractory,
    method: m.method,
    namespace,
    clock,
    name: 'G',
  });
  for (const [name, q] of Object.entries(m.initial ?? {})) {
    if (q.value === null) continue;
    G.setSI(name, q.value);
  }
  const synapses = (m.synapses ?? []).map((fs) => {
    if (fs.source !== 'G' || fs.target !== 'G') throw new Error(`synapses.${fs.name}: only connections within the fixture's group 'G' are supported`);
    const S = new Synapses(G, G, {
      model: fs.model,
      ...(fs.on_pre ? { on_pre: fs.on_pre } : {}),
      ...(fs.on_post ? { on_post: fs.on_post } : {}),
      ...(fs.method ? { method: fs.method } : {}),
      namespace,
      name: fs.name,
    });
    S.connect({ i: fs.i, j: fs.j });
    for (const [name, q] of Object.entries(fs.values ?? {})) S.setSI(name, q.value);
    if (fs.delay) S.setSI('delay', fs.delay.value);
    return S;
  });
  const rec = fixture.record;
  const monitor = new StateMonitor(G, rec.variables, { record: rec.indices, name: 'statemon' });
  const spikes = m.threshold ? new SpikeMonitor(G, { name: 'spikemon' }) : undefined;
  const network = new Network(G, ...synapses, monitor, ...(spikes ? [spikes] : []));
  return { network, group: G, monitor, spikes, synapses };
}

/**
 * Build the fixture's model through the public API, run it, and report
 * what was computed in the shape of the fixture's `expected` object.
 */
export async function simulateFixture(fixture: Fixture, backend: Backend = 'wasm'): Promise<{ result: FixtureResult; info: SimulationInfo }> {
  const m = fixture.model;
  const rec = fixture.record;
  const { network: net, group: G, monitor, spikes, synapses } = fixtureNetwork(fixture);
  const started = performance.now();
  let compileMs = 0;
  let cached = true;
  for (const duration of m.runs ?? [m.duration]) {
    await net.run(new Quantity(duration, SECOND), { backend });
    compileMs += net.lastCompile?.compileMs ?? 0;
    cached &&= net.lastCompile?.cached ?? false;
  }
  const runMs = performance.now() - started - compileMs;

  const times = monitor.t.values;
  const total = times.length;
  const steps: number[] = [];
  for (let s = 0; s < total; s += rec.every) steps.push(s);
  if (total > 0 && steps[steps.length - 1] !== total - 1) steps.push(total - 1);
  const traces: Record<string, number[][]> = {};
  for (const v of rec.variables) {
    const recorded = monitor.get(v);
    traces[v] = rec.indices.map((_, k) => {
      const trace = recorded.trace(k);
      return steps.map((s) => trace[s]!);
    });
  }
  const final_state: Record<string, number[]> = {};
  for (const name of G.variableNames()) {
    if (name === 'i') continue;
    const v = G.variable(name);
    const values = Array.from(G.getSI(name));
    final_state[name] = v.shared ? new Array<number>(m.N).fill(values[0]!) : values;
  }
  const result: FixtureResult = {
    t: steps.map((s) => times[s]!),
    step_indices: steps.map((s) => Math.round(times[s]! / m.dt)),
    traces,
    spikes: null,
    spike_count: null,
    final_state,
  };
  if (synapses.length > 0) {
    result.final_state_synapses = {};
    for (const S of synapses) {
      const state: Record<string, number[]> = {};
      for (const name of S.variableNames()) if (name !== 'i' && name !== 'j') state[name] = Array.from(S.getSI(name));
      result.final_state_synapses[S.name] = state;
    }
  }
  if (spikes) {
    const t = Array.from(spikes.t.values);
    result.spikes = { i: Array.from(spikes.i), t, t_step: t.map((x) => Math.round(x / m.dt)) };
    result.spike_count = spikes.numSpikes;
    result.spike_count_per_neuron = Array.from(spikes.count);
  }
  return { result, info: { backend, method: G.methodUsed, compileMs, cached, runMs } };
}

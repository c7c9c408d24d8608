import type { NamespaceValue } from '../equations/namespace.ts';
import { Clock } from '../core/clock.ts';
import { Network } from '../core/network.ts';
import { NeuronGroup } from '../core/neurongroup.ts';
import { Synapses } from '../core/synapses.ts';
import { SpikeGeneratorGroup } from '../core/spikegenerator.ts';
import { TimedArray } from '../core/timedarray.ts';
import { SECOND } from '../core/quantities.ts';
import type { SimObject } from '../core/base.ts';
import { StateMonitor } from '../monitors/statemonitor.ts';
import { EventMonitor, SpikeMonitor } from '../monitors/spikemonitor.ts';
import { PopulationRateMonitor } from '../monitors/ratemonitor.ts';
import type { Backend } from '../runtime/kernel.ts';
import { parseUnit, Quantity } from '../units/index.ts';
import type { Fixture, FixtureEvents, FixtureQuantity, FixtureResult, FixtureTimedArray } from './format.ts';

export interface SimulationInfo {
  backend: Backend;
  method: string | undefined;
  compileMs: number;
  cached: boolean;
  runMs: number;
}

function quantityOf(name: string, q: FixtureQuantity): Quantity {
  if (typeof q.value !== 'number') throw new Error(`namespace.${name}: value must be a number`);
  return new Quantity(q.value, parseUnit(q.unit ?? '1').dim);
}

function timedArrayOf(name: string, ta: FixtureTimedArray): TimedArray {
  const unit = parseUnit((ta.values_unit ?? 'amp').split(/\s/)[0]!);
  const twoD = Array.isArray(ta.values[0]);
  // Values are SI already: attach the dimension only.
  return new TimedArray(twoD ? (ta.values as number[][]) : (ta.values as number[]), { dt: new Quantity(ta.dt, SECOND), unit: unit.dim, name });
}

const seconds = (x: number): Quantity => new Quantity(x, SECOND);

/** Everything a fixture's model consists of, built through the public API. */
export interface FixtureModelObjects {
  network: Network;
  group: NeuronGroup;
  groups: Map<string, NeuronGroup>;
  monitor: StateMonitor;
  spikeMonitors: Map<string, SpikeMonitor>;
  eventMonitors: Map<string, EventMonitor>;
  rateMonitors: Map<string, PopulationRateMonitor>;
  traceMonitors: Map<string, StateMonitor>;
  synapses: Synapses[];
}

/** The fixture's model built through the public API: groups, synapses and monitors. */
export function fixtureNetwork(fixture: Fixture): FixtureModelObjects {
  const m = fixture.model;
  const namespace: Record<string, NamespaceValue> = {};
  for (const [k, q] of Object.entries(m.namespace ?? {})) namespace[k] = quantityOf(k, q);
  for (const [k, ta] of Object.entries(m.input ?? {})) namespace[k] = timedArrayOf(k, ta);
  const clock = new Clock(seconds(m.dt), `${fixture.name}_clock`);
  const refractoryOf = (ref: FixtureQuantity | null): Quantity | string | false => (!ref ? false : ref.expression !== undefined ? ref.expression : seconds(ref.value as number));

  const groups = new Map<string, NeuronGroup>();
  const neuronGroup = (name: string, spec: { N: number; equations: string; threshold: string | null; reset: string | null; refractory: FixtureQuantity | null; method: string | null; initial?: Record<string, FixtureQuantity>; events?: Record<string, string> | null; run_on_event?: Record<string, string> | null }): NeuronGroup => {
    const g = new NeuronGroup(spec.N, spec.equations, {
      threshold: spec.threshold,
      reset: spec.reset,
      refractory: refractoryOf(spec.refractory),
      method: spec.method,
      namespace,
      clock,
      name,
      ...(spec.events ? { events: spec.events } : {}),
    });
    for (const [event, code] of Object.entries(spec.run_on_event ?? {})) g.runOnEvent(event, code);
    for (const [v, q] of Object.entries(spec.initial ?? {})) if (q.value !== null) g.setSI(v, q.value);
    groups.set(name, g);
    return g;
  };
  const G = neuronGroup('G', m);
  for (const eg of m.extra_groups ?? []) {
    if (eg.kind === 'SpikeGeneratorGroup') {
      groups.set(eg.name, new SpikeGeneratorGroup(eg.N, eg.indices, eg.times, { name: eg.name, clock, ...(eg.period ? { period: seconds(eg.period) } : {}) }));
    } else {
      neuronGroup(eg.name, eg);
    }
  }
  const groupNamed = (name: string, where: string): NeuronGroup => {
    const g = groups.get(name);
    if (!g) throw new Error(`${where}: unknown group '${name}'`);
    return g;
  };

  const synapses = (m.synapses ?? []).map((fs) => {
    const delay: Record<string, Quantity> = {};
    for (const [pw, d] of Object.entries(fs.constructor_delay ?? {})) delay[pw] = seconds(d.value);
    const S = new Synapses(groupNamed(fs.source, `synapses.${fs.name}.source`), groupNamed(fs.target, `synapses.${fs.name}.target`), {
      model: fs.model,
      ...(fs.on_pre ? { on_pre: fs.on_pre } : {}),
      ...(fs.on_post ? { on_post: fs.on_post } : {}),
      ...(fs.on_event ? { on_event: fs.on_event } : {}),
      ...(Object.keys(delay).length ? { delay } : {}),
      ...(fs.method ? { method: fs.method } : {}),
      namespace,
      name: fs.name,
      clock,
    });
    S.connect({ i: fs.i, j: fs.j });
    for (const [name, q] of Object.entries(fs.values ?? {})) S.setSI(name, q.value);
    if (fs.delay && !fs.constructor_delay?.pre) S.setSI('delay', fs.delay.value);
    for (const [pw, d] of Object.entries(fs.delays_by_pathway ?? {})) if (!d.scalar) S.setSI(`${pw}_delay`, d.value);
    return S;
  });

  const rec = fixture.record;
  const monitor = new StateMonitor(G, rec.variables, { record: rec.indices, name: 'statemon' });
  const spikeMonitors = new Map<string, SpikeMonitor>();
  for (const name of rec.spike_monitors ?? (m.threshold ? ['G'] : [])) spikeMonitors.set(name, new SpikeMonitor(groupNamed(name, 'record.spike_monitors'), { name: `spikemon_${name}` }));
  const eventMonitors = new Map<string, EventMonitor>();
  for (const { group, event } of rec.event_monitors ?? []) eventMonitors.set(`${group}:${event}`, new EventMonitor(groupNamed(group, 'record.event_monitors'), event, { name: `eventmon_${group}_${event}` }));
  const rateMonitors = new Map<string, PopulationRateMonitor>();
  for (const name of rec.rate_monitors ?? []) rateMonitors.set(name, new PopulationRateMonitor(groupNamed(name, 'record.rate_monitors'), { name: `ratemon_${name}` }));
  const traceMonitors = new Map<string, StateMonitor>();
  for (const [name, t] of Object.entries(rec.group_traces ?? {})) traceMonitors.set(name, new StateMonitor(groupNamed(name, 'record.group_traces'), t.variables, { record: t.indices, name: `statemon_${name}` }));

  const objects: SimObject[] = [...groups.values(), ...synapses, monitor, ...spikeMonitors.values(), ...eventMonitors.values(), ...rateMonitors.values(), ...traceMonitors.values()];
  return { network: new Network(...objects), group: G, groups, monitor, spikeMonitors, eventMonitors, rateMonitors, traceMonitors, synapses };
}

/** Samples 0, every, 2·every, … and always the last one. */
function subsample(total: number, every: number): number[] {
  const steps: number[] = [];
  for (let s = 0; s < total; s += every) steps.push(s);
  if (total > 0 && steps[steps.length - 1] !== total - 1) steps.push(total - 1);
  return steps;
}

function tracesOf(monitor: StateMonitor, variables: string[], indices: number[], steps: number[]): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const v of variables) {
    const recorded = monitor.get(v);
    out[v] = indices.map((_, k) => {
      const trace = recorded.trace(k);
      return steps.map((s) => trace[s]!);
    });
  }
  return out;
}

function finalState(g: NeuronGroup): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const name of g.variableNames()) {
    if (name === 'i') continue;
    const v = g.variable(name);
    const values = Array.from(g.getSI(name));
    out[name] = v.shared ? new Array<number>(g.N).fill(values[0]!) : values;
  }
  return out;
}

function eventsOf(monitor: EventMonitor, dt: number): FixtureEvents {
  const t = Array.from(monitor.t.values);
  return { i: Array.from(monitor.i), t, t_step: t.map((x) => Math.round(x / dt)) };
}

/**
 * Build the fixture's model through the public API, run it, and report
 * what was computed in the shape of the fixture's `expected` object.
 */
export async function simulateFixture(fixture: Fixture, backend: Backend = 'wasm'): Promise<{ result: FixtureResult; info: SimulationInfo }> {
  const m = fixture.model;
  const rec = fixture.record;
  const objects = fixtureNetwork(fixture);
  const { network: net, group: G, monitor } = objects;
  const started = performance.now();
  let compileMs = 0;
  let cached = true;
  for (const duration of m.runs ?? [m.duration]) {
    await net.run(seconds(duration), { backend });
    compileMs += net.lastCompile?.compileMs ?? 0;
    cached &&= net.lastCompile?.cached ?? false;
  }
  const runMs = performance.now() - started - compileMs;

  const times = monitor.t.values;
  const steps = subsample(times.length, rec.every);
  const result: FixtureResult = {
    t: steps.map((s) => times[s]!),
    step_indices: steps.map((s) => Math.round(times[s]! / m.dt)),
    traces: tracesOf(monitor, rec.variables, rec.indices, steps),
    spikes: null,
    spike_count: null,
    final_state: finalState(G),
  };
  const gSpikes = objects.spikeMonitors.get('G');
  if (gSpikes) {
    result.spikes = eventsOf(gSpikes, m.dt);
    result.spike_count = gSpikes.numSpikes;
    result.spike_count_per_neuron = Array.from(gSpikes.count);
  }
  if (objects.spikeMonitors.size > 0) {
    result.spikes_by_group = {};
    for (const [name, mon] of objects.spikeMonitors) result.spikes_by_group[name] = eventsOf(mon, m.dt);
  }
  if (objects.eventMonitors.size > 0) {
    result.events = {};
    for (const [key, mon] of objects.eventMonitors) result.events[key] = eventsOf(mon, m.dt);
  }
  if (objects.rateMonitors.size > 0) {
    result.population_rates = {};
    for (const [name, mon] of objects.rateMonitors) result.population_rates[name] = { t: Array.from(mon.t.values), rate: Array.from(mon.rate.values) };
  }
  const extra = [...objects.groups].filter(([name, g]) => name !== 'G' && !(g instanceof SpikeGeneratorGroup));
  if (extra.length > 0) result.final_state_groups = Object.fromEntries(extra.map(([name, g]) => [name, finalState(g)]));
  if (objects.traceMonitors.size > 0) {
    result.group_traces = {};
    for (const [name, mon] of objects.traceMonitors) {
      const spec = rec.group_traces![name]!;
      const t = mon.t.values;
      const s = subsample(t.length, spec.every);
      result.group_traces[name] = { t: s.map((k) => t[k]!), step_indices: s.map((k) => Math.round(t[k]! / m.dt)), traces: tracesOf(mon, spec.variables, spec.indices, s) };
    }
  }
  if (objects.synapses.length > 0) {
    result.final_state_synapses = {};
    for (const S of objects.synapses) {
      const state: Record<string, number[]> = {};
      for (const name of S.variableNames()) {
        if (name === 'i' || name === 'j') continue;
        const values = Array.from(S.getSI(name));
        const key = name.endsWith('_delay') ? `delay_${name.slice(0, -'_delay'.length)}` : name;
        state[key] = values.length === 1 && S.N !== 1 ? new Array<number>(S.N).fill(values[0]!) : values;
      }
      result.final_state_synapses[S.name] = state;
    }
  }
  const method = G.methodUsed;
  return { result, info: { backend, method, compileMs, cached, runMs } };
}

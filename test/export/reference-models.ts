// The five models of test/fixtures/reference/baseexport/, built through the
// public API the way the baseexport generator built them in Brian2 (see
// test/fixtures/reference/README.md, section baseexport): the fixture's
// group 'G' on one clock with the fixture's dt, its namespace (units parsed
// as written, which registers compound units for display as Brian2 does),
// an unnamed TimedArray, initial values in the fixture's order, synapses
// 'syn' with explicit connectivity, StateMonitor 'statemon' and, with a
// threshold, SpikeMonitor 'spikemon'.
//
// Brian2's str() of quantities depends on process-wide state (display units
// registered so far, the '_timedarray' name counter), and each reference was
// made in a fresh Brian2 process; so callers import this module (and
// src/export) afresh per model, after vi.resetModules().
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NamespaceValue } from '../../src/equations/namespace.ts';
import { Clock } from '../../src/core/clock.ts';
import { Network } from '../../src/core/network.ts';
import { NeuronGroup } from '../../src/core/neurongroup.ts';
import { Synapses } from '../../src/core/synapses.ts';
import { TimedArray } from '../../src/core/timedarray.ts';
import { StateMonitor } from '../../src/monitors/statemonitor.ts';
import { SpikeMonitor } from '../../src/monitors/spikemonitor.ts';
import { parseUnit, Quantity } from '../../src/units/index.ts';

export const REFERENCE_MODELS = ['lif_group5_exact', 'lif_network50_delays', 'neurodynex_typeI_step0p5pA', 'neurodynex_typeII_step0p5pA', 'traub_hh_expeuler'] as const;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'reference');
const SECOND = parseUnit('second').dim;

export function referenceFixture(name: string): any {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
}

export function referenceExport(name: string): any {
  return JSON.parse(readFileSync(join(FIXTURES, 'baseexport', `${name}.json`), 'utf8'));
}

export function referenceNetwork(name: string): { network: Network; duration: number; G: NeuronGroup; statemon: StateMonitor; spikemon: SpikeMonitor | undefined } {
  const fx = referenceFixture(name);
  const m = fx.model;
  const namespace: Record<string, NamespaceValue> = {};
  for (const [k, q] of Object.entries<any>(m.namespace ?? {})) namespace[k] = new Quantity(q.value, parseUnit(q.unit ?? '1').dim);
  for (const [k, ta] of Object.entries<any>(m.input ?? {})) {
    const unit = parseUnit((ta.values_unit ?? 'amp').split(/\s/)[0]).dim;
    namespace[k] = new TimedArray(ta.values, { dt: new Quantity(ta.dt, SECOND), unit });
  }
  const clock = new Clock(new Quantity(m.dt, SECOND));
  const G = new NeuronGroup(m.N, m.equations, {
    threshold: m.threshold,
    reset: m.reset,
    refractory: m.refractory ? new Quantity(m.refractory.value, SECOND) : false,
    method: m.method,
    namespace,
    clock,
    name: 'G',
  });
  for (const [v, q] of Object.entries<any>(m.initial ?? {})) G.setSI(v, q.value);
  const synapses = (m.synapses ?? []).map((fs: any) => {
    const S = new Synapses(G, G, { model: fs.model, on_pre: fs.on_pre, namespace, name: fs.name });
    S.connect({ i: fs.i, j: fs.j });
    for (const [v, q] of Object.entries<any>(fs.values ?? {})) S.setSI(v, q.value);
    if (fs.delay) S.setSI('delay', fs.delay.value);
    return S;
  });
  const statemon = new StateMonitor(G, fx.record.variables, { record: fx.record.indices, name: 'statemon' });
  const spikemon = m.threshold ? new SpikeMonitor(G, { name: 'spikemon' }) : undefined;
  const network = new Network(G, ...synapses, statemon, ...(spikemon ? [spikemon] : []));
  return { network, duration: m.duration, G, statemon, spikemon };
}

// Models that use every kind of component and every kind of initializer the
// format knows, for the round-trip tests (export → import → export, and
// import → run reproducing the original run exactly).
import type { Network } from '../../src/core/network.ts';
import { Network as Net } from '../../src/core/network.ts';
import { NeuronGroup } from '../../src/core/neurongroup.ts';
import { PoissonGroup, PoissonInput } from '../../src/core/poisson.ts';
import { SpikeGeneratorGroup } from '../../src/core/spikegenerator.ts';
import { Synapses } from '../../src/core/synapses.ts';
import { TimedArray } from '../../src/core/timedarray.ts';
import { StateMonitor } from '../../src/monitors/statemonitor.ts';
import { EventMonitor, SpikeMonitor } from '../../src/monitors/spikemonitor.ts';
import { PopulationRateMonitor } from '../../src/monitors/ratemonitor.ts';
import { parseQuantity as q } from '../../src/units/index.ts';

export interface RichModel {
  network: Network;
  /** Run it the way the model intends (several runs, with changes in between). */
  run(backend: 'js' | 'wasm'): Promise<void>;
}

/**
 * Deterministic: a spike generator drives a LIF population through synapses
 * with per-synapse delays; gap junctions (summed variable); a custom event
 * with run_on_event; a 2-D TimedArray input; subgroups; string, array and
 * scalar initializers; two runs with a parameter change in between.
 */
export function deterministicModel(): RichModel {
  const ns = {
    tau: q('10*ms'),
    E_L: q('-65*mV'),
    V_t: q('-52*mV'),
    V_r: q('-68*mV'),
    tau_ref: q('2*ms'),
    tau_e: q('5*ms'),
    g_gap: q('0.05'),
    stim: new TimedArray(
      Array.from({ length: 30 }, (_, r) => Array.from({ length: 8 }, (_, c) => (r >= 5 && r < 20 ? 0.5 + 0.25 * c : 0))),
      { dt: '1*ms', unit: q('mV') },
    ),
  };
  const inp = new SpikeGeneratorGroup(4, [0, 1, 2, 3, 0, 2], [0.001, 0.0025, 0.004, 0.0061, 0.012, 0.0153], { name: 'inp' });
  const G = new NeuronGroup(
    8,
    `dv/dt = (E_L - v + ge + Igap + stim(t, i)*10)/tau : volt (unless refractory)
dge/dt = -ge/tau_e : volt
Igap : volt
bursts : integer
label : 1 (constant)`,
    { threshold: 'v > V_t', reset: 'v = V_r', refractory: 'tau_ref', method: 'euler', namespace: ns, events: { near: 'v > V_t - 3*mV' }, name: 'G' },
  );
  G.runOnEvent('near', 'bursts += 1');
  G.set('v', 'E_L + i*1.5*mV');
  G.set('label', [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
  const S = new Synapses(inp, G, { model: 'w : volt', on_pre: 'ge_post += w', namespace: ns, name: 'S' });
  S.connect({ condition: 'j % 2 == i % 2' });
  S.set('w', '2*mV + j*0.5*mV');
  S.set('delay', 'j*0.3*ms');
  const gap = new Synapses(G, G, { model: 'Igap_post = g_gap*(v_pre - v_post) : volt (summed)', namespace: ns, name: 'gap' });
  gap.connect({ condition: 'abs(i - j) == 1' });
  const half = new Synapses(G.subgroup(0, 4), G.subgroup(4, 8), { model: 'c : 1', on_pre: { pre: 'ge_post += c*mV' }, delay: '0.5*ms', name: 'half' });
  half.connect({ i: [0, 1, 2, 3], j: [3, 2, 1, 0] });
  half.setSI('c', [1, 2, 3, 4]);
  const statemon = new StateMonitor(G, ['v', 'ge', 'Igap'], { record: true, name: 'statemon' });
  const synmon = new StateMonitor(S, 'w', { record: [0, 1], name: 'synmon' });
  const spikemon = new SpikeMonitor(G, { name: 'spikemon' });
  const sub = new SpikeMonitor(G.subgroup(2, 6), { name: 'spikemon_sub' });
  const near = new EventMonitor(G, 'near', { name: 'nearmon' });
  const rate = new PopulationRateMonitor(G, { name: 'ratemon' });
  const network = new Net(inp, G, S, gap, half, statemon, synmon, spikemon, sub, near, rate);
  return {
    network,
    async run(backend) {
      await network.run('12*ms', { backend });
      // A quantity, not a string: Brian2 assigns strings to (unless refractory)
      // variables only where the neuron is not refractory (a conditional write).
      G.set('v', q('-60*mV'));
      S.setSI('w', Array.from({ length: S.N }, (_, k) => 0.003 + k * 1e-4));
      await network.run('8*ms', { backend });
    },
  };
}

/**
 * With random numbers: Poisson sources and inputs, connect() with a
 * probability, and random initial values and delays.
 */
export function stochasticModel(): RichModel {
  const ns = { tau: q('20*ms'), w_in: q('0.4*mV'), v0: q('-70*mV') };
  const P = new PoissonGroup(30, q('40*Hz'), { name: 'P' });
  const G = new NeuronGroup(10, 'dv/dt = (v0 - v)/tau : volt', { threshold: 'v > -60*mV', reset: 'v = v0', namespace: ns, name: 'G' });
  G.set('v', 'v0 + rand()*8*mV');
  const S = new Synapses(P, G, { model: 'w : volt', on_pre: 'v_post += w', name: 'S' });
  S.connect({ p: 0.3 });
  S.set('w', '0.5*mV + rand()*0.5*mV');
  S.set('delay', 'rand()*2*ms');
  const drive = new PoissonInput(G, 'v', 20, '30*Hz', 'w_in', { name: 'drive' });
  const statemon = new StateMonitor(G, 'v', { record: [0, 5], name: 'statemon' });
  const spikemon = new SpikeMonitor(G, { name: 'spikemon' });
  const inmon = new SpikeMonitor(P, { name: 'inmon' });
  const network = new Net(P, G, S, drive, statemon, spikemon, inmon);
  return {
    network,
    async run(backend) {
      await network.run('30*ms', { backend });
    },
  };
}

/**
 * Brian2's CUBA example (Brette et al. 2007, benchmark 2): 4,000 leaky
 * integrate-and-fire neurons with exponential currents, 2% random
 * connectivity, 1 s. Run: npx tsx examples/cuba.ts [--backend js]
 */
import { Network, NeuronGroup, SpikeMonitor, Synapses, parseQuantity as q, seed } from '../src/index.ts';
import { networkStatistics } from './network-statistics.ts';

const backend = process.argv.includes('--backend') ? (process.argv[process.argv.indexOf('--backend') + 1] as 'wasm' | 'js') : 'wasm';
seed(1);
const namespace = {
  taum: q('20*ms'), taue: q('5*ms'), taui: q('10*ms'), Vt: q('-50*mV'), Vr: q('-60*mV'), El: q('-49*mV'),
  we: q(`${(60 * 0.27) / 10}*mV`), // excitatory synaptic weight (voltage)
  wi: q(`${(-20 * 4.5) / 10}*mV`), // inhibitory synaptic weight
};
const P = new NeuronGroup(4000, `
  dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
  dge/dt = -ge/taue : volt
  dgi/dt = -gi/taui : volt`, { threshold: 'v>Vt', reset: 'v = Vr', refractory: '5*ms', method: 'exact', namespace });
P.set('v', 'Vr + rand() * (Vt - Vr)');
const Ce = new Synapses(P, P, { on_pre: 'ge += we', namespace });
const Ci = new Synapses(P, P, { on_pre: 'gi += wi', namespace });
let started = performance.now();
Ce.connect({ condition: 'i<3200', p: 0.02 });
Ci.connect({ condition: 'i>=3200', p: 0.02 });
const connectMs = performance.now() - started;
const spikes = new SpikeMonitor(P);
const net = new Network(P, Ce, Ci, spikes);
started = performance.now();
await net.run('1*second', { backend, report: 'text', reportPeriod: '2*second' });
const runMs = performance.now() - started;

const { meanRate, cv } = networkStatistics(spikes, 4000, 1);
console.log(`CUBA: ${Ce.N + Ci.N} synapses (connected in ${connectMs.toFixed(0)} ms), ${spikes.numSpikes} spikes in 1 s`);
console.log(`  mean rate ${meanRate.toFixed(2)} Hz, mean CV of ISIs ${cv.toFixed(3)}`);
console.log(`  ${backend}: ${runMs.toFixed(0)} ms including ${net.lastCompile?.cached ? 'a cached kernel' : `compilation (${net.lastCompile?.compileMs.toFixed(0)} ms)`}`);

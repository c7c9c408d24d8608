/**
 * Brian2's COBAHH example (Brette et al. 2007, benchmark 3): 4,000
 * Hodgkin–Huxley neurons with exponential conductances, 2% random
 * connectivity, 1 s. Run: npx tsx examples/cobahh.ts [--backend js]
 */
import { Network, NeuronGroup, SpikeMonitor, StateMonitor, Synapses, parseQuantity as q, seed } from '../src/index.ts';
import { networkStatistics } from './network-statistics.ts';

const backend = process.argv.includes('--backend') ? (process.argv[process.argv.indexOf('--backend') + 1] as 'wasm' | 'js') : 'wasm';
seed(1);
const area = 20000e-12; // 20000 um^2
const namespace = {
  Cm: q(`${1e-6 * (area / 1e-4)}*farad`), gl: q(`${5e-5 * (area / 1e-4)}*siemens`),
  El: q('-60*mV'), EK: q('-90*mV'), ENa: q('50*mV'),
  g_na: q(`${100e-3 * (area / 1e-4)}*siemens`), g_kd: q(`${30e-3 * (area / 1e-4)}*siemens`),
  VT: q('-63*mV'), taue: q('5*ms'), taui: q('10*ms'), Ee: q('0*mV'), Ei: q('-80*mV'), we: q('6*nS'), wi: q('67*nS'),
};
const P = new NeuronGroup(4000, `
  dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
           g_na*(m*m*m)*h*(v-ENa)-
           g_kd*(n*n*n*n)*(v-EK))/Cm : volt
  dm/dt = alpha_m*(1-m)-beta_m*m : 1
  dn/dt = alpha_n*(1-n)-beta_n*n : 1
  dh/dt = alpha_h*(1-h)-beta_h*h : 1
  dge/dt = -ge*(1./taue) : siemens
  dgi/dt = -gi*(1./taui) : siemens
  alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
  beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
  alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
  beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
  alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
  beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz`, { threshold: 'v>-20*mV', refractory: '3*ms', method: 'exponential_euler', namespace });
const Ce = new Synapses(P.subgroup(0, 3200), P, { on_pre: 'ge+=we', namespace });
const Ci = new Synapses(P.subgroup(3200, 4000), P, { on_pre: 'gi+=wi', namespace });
Ce.connect({ p: 0.02 });
Ci.connect({ p: 0.02 });
P.set('v', 'El + (randn() * 5 - 5)*mV');
P.set('ge', '(randn() * 1.5 + 4) * 10.*nS');
P.set('gi', '(randn() * 12 + 20) * 10.*nS');
const trace = new StateMonitor(P, 'v', { record: [1, 10, 100] });
const spikes = new SpikeMonitor(P);
const net = new Network(P, Ce, Ci, trace, spikes);
const started = performance.now();
await net.run('1*second', { backend, report: 'text', reportPeriod: '2*second' });
const runMs = performance.now() - started;

const { meanRate, cv } = networkStatistics(spikes, 4000, 1);
console.log(`COBAHH: ${Ce.N + Ci.N} synapses, ${spikes.numSpikes} spikes in 1 s`);
console.log(`  mean rate ${meanRate.toFixed(2)} Hz, mean CV of ISIs ${cv.toFixed(3)}`);
console.log(`  ${backend}: ${runMs.toFixed(0)} ms including ${net.lastCompile?.cached ? 'a cached kernel' : `compilation (${net.lastCompile?.compileMs.toFixed(0)} ms)`}`);

/**
 * The main job (`npm start`): the neurodynex neuron-types getting-started
 * example — a Type I neuron driven by a 0.5 pA step from 50 to 150 ms —
 * simulated in WebAssembly, with a text plot of the membrane potential.
 */
import { NeuronGroup, StateMonitor, Network, TimedArray, Quantity, parseQuantity, getUnit } from '../src/index.ts';

const mV = getUnit('mV')!;
const pA = parseQuantity('1*pA');
const current = new TimedArray(Array.from({ length: 152 }, (_, k) => [k >= 50 && k <= 150 ? 0.5 : 0]), { dt: "1*ms", unit: pA });

const group = new NeuronGroup(
  1,
  `
  I = input_current(t,i) : amp
  winf = (0.5*mV)*( 1 + tanh((v-12*mV)/(17*mV)) ) : volt
  tau = (1*ms)/cosh((v-12*mV)/(2*17*mV)) : second
  m = (0.5*mV)*(1+tanh((v+1.2*mV)/(18*mV))) : volt
  dv/dt = (-g_1*m*(v-V_1) - g_2*w*(v-V_2) - g_L*(v-V_L) + I*R)/(20*ms) : volt
  dw/dt = phi*(winf-w)/tau : volt
  `,
  {
    method: 'euler',
    namespace: {
      input_current: current,
      g_1: parseQuantity('4.4/mV'),
      g_2: parseQuantity('8/mV'),
      g_L: 2,
      V_1: parseQuantity('120*mV'),
      V_2: parseQuantity('-84*mV'),
      V_L: parseQuantity('-60*mV'),
      phi: 0.06666667,
      R: parseQuantity('100*Gohm'),
    },
  },
);
group.set('v', '-60*mV');
const monitor = new StateMonitor(group, ['v', 'w', 'I'], { record: true });
const net = new Network(group, monitor);
const started = performance.now();
await net.run('200*ms', { report: 'text', reportPeriod: '1*second' });
const elapsed = performance.now() - started;

const v = monitor.get('v').trace(0);
const t = monitor.t.values;
let spikes = 0;
for (let k = 1; k < v.length; k++) if (v[k - 1]! < 0 && v[k]! >= 0) spikes++;
console.log(`\nType I neuron, 0.5 pA step from 50 to 150 ms: ${spikes} spikes (upward zero crossings of v)`);
console.log(`simulated 200 ms in ${elapsed.toFixed(0)} ms (${net.lastCompile?.cached ? 'kernel from cache' : `kernel compiled in ${net.lastCompile?.compileMs.toFixed(0)} ms`})\n`);

// A small text plot of v over time.
const rows = 12;
const cols = 80;
const lo = Math.min(...v);
const hi = Math.max(...v);
const grid = Array.from({ length: rows }, () => new Array<string>(cols).fill(' '));
for (let c = 0; c < cols; c++) {
  const k = Math.floor((c / cols) * v.length);
  const r = rows - 1 - Math.round(((v[k]! - lo) / (hi - lo)) * (rows - 1));
  grid[r]![c] = '•';
}
console.log(`v (mV) from ${(lo / mV.scale).toFixed(1)} to ${(hi / mV.scale).toFixed(1)}, t from 0 to ${(t[t.length - 1]! * 1000).toFixed(0)} ms`);
for (const row of grid) console.log('  |' + row.join(''));
void Quantity;

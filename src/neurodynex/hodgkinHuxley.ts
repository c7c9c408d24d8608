/**
 * The Hodgkin–Huxley neuron (neurodynex3.hodgkin_huxley.HH), Neuronal
 * Dynamics ch. 2.2: squid-axon parameters with the resting potential at 0 mV.
 */
import { NeuronGroup, type StateMonitor, type TimedArray } from '../index.ts';
import { COLORS, stackedPanels, type Figure } from '../plot/index.ts';
import { of, type QuantityInput } from './quantities.ts';
import { modelCurrent, modelName, simulateStates, type SimulationOptions } from './simulation.ts';
import { endOf, timesMs, traceIn } from './traces.ts';

const NAME = modelName('hh');

/**
 * Simulate one HH neuron (exponential Euler, dt 0.1 ms) from vm = 0, m = 0.05,
 * h = 0.6, n = 0.32; records vm, I_e, m, n and h.
 */
export async function simulateHHNeuron(inputCurrent: TimedArray, simulationTime: QuantityInput, options: SimulationOptions = {}): Promise<StateMonitor> {
  const neuron = new NeuronGroup(
    1,
    `
    I_e = input_current(t,i) : amp
    membrane_Im = I_e + gNa*m**3*h*(ENa-vm) + gl*(El-vm) + gK*n**4*(EK-vm) : amp
    alphah = .07*exp(-.05*vm/mV)/ms    : Hz
    alpham = .1*(25*mV-vm)/(exp(2.5-.1*vm/mV)-1)/mV/ms : Hz
    alphan = .01*(10*mV-vm)/(exp(1-.1*vm/mV)-1)/mV/ms : Hz
    betah = 1./(1+exp(3.-.1*vm/mV))/ms : Hz
    betam = 4*exp(-.0556*vm/mV)/ms : Hz
    betan = .125*exp(-.0125*vm/mV)/ms : Hz
    dh/dt = alphah*(1-h)-betah*h : 1
    dm/dt = alpham*(1-m)-betam*m : 1
    dn/dt = alphan*(1-n)-betan*n : 1
    dvm/dt = membrane_Im/C : volt
    `,
    {
      method: 'exponential_euler',
      namespace: {
        El: of(10.6, 'mV'),
        EK: of(-12, 'mV'),
        ENa: of(115, 'mV'),
        gl: of(0.3, 'msiemens'),
        gK: of(36, 'msiemens'),
        gNa: of(120, 'msiemens'),
        C: of(1, 'ufarad'),
        input_current: modelCurrent(inputCurrent, NAME),
      },
      name: NAME,
    },
  );
  neuron.set('vm', of(0, 'mV'));
  neuron.set('m', 0.05);
  neuron.set('h', 0.6);
  neuron.set('n', 0.32);
  return simulateStates(neuron, ['vm', 'I_e', 'm', 'n', 'h'], simulationTime, options);
}

/** plot_data: vm [mV]; the gating variables m, n, h; the input current [µA]. */
export function plotData(stateMonitor: StateMonitor, options: { title?: string; subtitle?: string } = {}): Figure {
  const t = timesMs(stateMonitor);
  const I = traceIn(stateMonitor, 'I_e', 'uA');
  const iLo = Math.min(...I) * 1.1;
  const iHi = Math.max(...I) * 1.1;
  return stackedPanels({
    title: options.title ?? 'Hodgkin–Huxley neuron',
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    x: { title: 't', unit: 'ms', domain: [0, endOf(t)] },
    panels: [
      { y: { title: 'v', unit: 'mV' }, series: [{ x: t, y: traceIn(stateMonitor, 'vm', 'mV'), color: COLORS.blue, width: 2 }] },
      {
        y: { title: 'act./inact.', domain: [0, 1] },
        series: [
          { name: 'm', x: t, y: stateMonitor.get('m').trace(0), color: COLORS.black, width: 2 },
          { name: 'n', x: t, y: stateMonitor.get('n').trace(0), color: COLORS.blue, width: 2 },
          { name: 'h', x: t, y: stateMonitor.get('h').trace(0), color: COLORS.red, width: 2 },
        ],
      },
      { y: { title: 'I', unit: 'µA', ...(iHi > iLo ? { domain: [iLo, iHi] as const } : {}) }, series: [{ x: t, y: I, color: COLORS.red, width: 2 }] },
    ],
  });
}

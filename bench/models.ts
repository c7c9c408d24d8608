/**
 * The benchmark models, built with spikeforge's public API; bench/brian2/models.py
 * builds the same models in Brian2.
 */
import { Network, NeuronGroup, SpikeMonitor, Synapses, parseQuantity as q, seed } from '../src/index.ts';

export interface BenchModel {
  name: string;
  description: string;
  neurons: number;
  build(): { network: Network; spikes: SpikeMonitor; synapses: number };
}

const area = 20000e-12; // 20000 um^2 in m^2
const perArea = (valuePerCm2: number): number => valuePerCm2 * (area / 1e-4);

export const MODELS: BenchModel[] = [
  {
    name: 'lif',
    description: '100,000 LIF neurons (exact, refractory 2 ms), 1 s',
    neurons: 100_000,
    build() {
      const G = new NeuronGroup(100_000, 'dv/dt = (v_rest - v + I)/tau : volt (unless refractory)', {
        threshold: 'v > -50*mV', reset: 'v = -60*mV', refractory: '2*ms', method: 'exact',
        namespace: { v_rest: q('-70*mV'), tau: q('10*ms'), I: q('25*mV') },
      });
      G.set('v', '-70*mV + 20*mV*i/N');
      const spikes = new SpikeMonitor(G, { record: false });
      return { network: new Network(G, spikes), spikes, synapses: 0 };
    },
  },
  {
    name: 'hh',
    description: '4,000 Hodgkin-Huxley neurons (Traub-Miles, exponential Euler), 1 s',
    neurons: 4000,
    build() {
      const G = new NeuronGroup(4000, `
        dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
        dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
        dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
        dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
        I : amp`, {
        threshold: 'v > -20*mV', refractory: '3*ms', method: 'exponential_euler',
        namespace: hhNamespace(),
      });
      G.set('v', '-60*mV');
      G.set('I', '0.5*nA + i*1*nA/N');
      const spikes = new SpikeMonitor(G, { record: false });
      return { network: new Network(G, spikes), spikes, synapses: 0 };
    },
  },
  {
    name: 'cuba',
    description: "CUBA network (Brian2's example): 4,000 LIF neurons, 2% connectivity, 1 s",
    neurons: 4000,
    build() {
      seed(1);
      const ns = { taum: q('20*ms'), taue: q('5*ms'), taui: q('10*ms'), Vt: q('-50*mV'), Vr: q('-60*mV'), El: q('-49*mV'), we: q(`${60 * 0.27 / 10}*mV`), wi: q(`${-20 * 4.5 / 10}*mV`) };
      const P = new NeuronGroup(4000, `
        dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
        dge/dt = -ge/taue : volt
        dgi/dt = -gi/taui : volt`, { threshold: 'v>Vt', reset: 'v = Vr', refractory: '5*ms', method: 'exact', namespace: ns });
      P.set('v', 'Vr + rand() * (Vt - Vr)');
      const Ce = new Synapses(P, P, { on_pre: 'ge += we', namespace: ns });
      const Ci = new Synapses(P, P, { on_pre: 'gi += wi', namespace: ns });
      Ce.connect({ condition: 'i<3200', p: 0.02 });
      Ci.connect({ condition: 'i>=3200', p: 0.02 });
      const spikes = new SpikeMonitor(P);
      return { network: new Network(P, Ce, Ci, spikes), spikes, synapses: Ce.N + Ci.N };
    },
  },
  {
    name: 'cobahh',
    description: "COBAHH network (Brian2's example): 4,000 HH neurons, conductance synapses, 2% connectivity, 1 s",
    neurons: 4000,
    build() {
      seed(1);
      const ns = { ...hhNamespace(), taue: q('5*ms'), taui: q('10*ms'), Ee: q('0*mV'), Ei: q('-80*mV'), we: q('6*nS'), wi: q('67*nS') };
      const P = new NeuronGroup(4000, `
        dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm : volt
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
        beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz`, { threshold: 'v>-20*mV', refractory: '3*ms', method: 'exponential_euler', namespace: ns });
      const Ce = new Synapses(P.subgroup(0, 3200), P, { on_pre: 'ge+=we', namespace: ns });
      const Ci = new Synapses(P.subgroup(3200, 4000), P, { on_pre: 'gi+=wi', namespace: ns });
      Ce.connect({ p: 0.02 });
      Ci.connect({ p: 0.02 });
      P.set('v', 'El + (randn() * 5 - 5)*mV');
      P.set('ge', '(randn() * 1.5 + 4) * 10.*nS');
      P.set('gi', '(randn() * 12 + 20) * 10.*nS');
      const spikes = new SpikeMonitor(P);
      return { network: new Network(P, Ce, Ci, spikes), spikes, synapses: Ce.N + Ci.N };
    },
  },
];

function hhNamespace() {
  return {
    Cm: q(`${perArea(1e-6)}*farad`),
    gl: q(`${perArea(5e-5)}*siemens`),
    El: q('-60*mV'),
    EK: q('-90*mV'),
    ENa: q('50*mV'),
    g_na: q(`${perArea(100e-3)}*siemens`),
    g_kd: q(`${perArea(30e-3)}*siemens`),
    VT: q('-63*mV'),
  };
}

/**
 * The adaptive exponential integrate-and-fire neuron
 * (neurodynex3.adex_model.AdEx), Neuronal Dynamics ch. 6.1, with the
 * firing-pattern parameter sets of the book's Table 6.1.
 */
import { NeuronGroup, type Quantity, type StateMonitor, type TimedArray } from '../index.ts';
import { COLORS, gridFigure, type Figure } from '../plot/index.ts';
import { getZeroCurrent } from './inputFactory.ts';
import { inUnit, of, quantity, show, type QuantityInput } from './quantities.ts';
import { modelCurrent, modelName, simulateSpiking, type SimulationOptions, type SpikingResult } from './simulation.ts';
import { endOf, timesMs, traceIn } from './traces.ts';

/** Default parameters: the "initial burst" pattern (neurodynex3's module constants). */
export const ADEX_DEFAULTS = {
  tauM: of(5, 'ms'),
  R: of(500, 'Mohm'),
  vRest: of(-70, 'mV'),
  vReset: of(-51, 'mV'),
  vRheobase: of(-50, 'mV'),
  a: of(0.5, 'nS'),
  b: of(7, 'pA'),
  /** A technical threshold: when v passes it, the spike is over and v is reset. */
  vSpike: of(-30, 'mV'),
  deltaT: of(2, 'mV'),
  tauW: of(100, 'ms'),
} as const;

const NAME = modelName('adex');

/** neurodynex3 sets Brian2's defaultclock to 0.01 ms for this model; here the model has its own clock. */
export const ADEX_DT = of(0.01, 'ms');

/** What distinguishes the firing patterns of Table 6.1. */
export interface PatternParameters {
  readonly tauM: Quantity;
  readonly a: Quantity;
  readonly tauW: Quantity;
  readonly b: Quantity;
  readonly vReset: Quantity;
}

export type FiringPattern = 'tonic' | 'adapting' | 'initialBurst' | 'bursting' | 'irregular' | 'transient' | 'delayed';

/**
 * Table 6.1 of Neuronal Dynamics: the parameters that differ between firing
 * patterns (the others as in ADEX_DEFAULTS; the book drives them all with a
 * 65 pA step). The defaults are the "initialBurst" row.
 */
export const FIRING_PATTERNS: Readonly<Record<FiringPattern, PatternParameters>> = {
  tonic: { tauM: of(20, 'ms'), a: of(0, 'nS'), tauW: of(30, 'ms'), b: of(60, 'pA'), vReset: of(-55, 'mV') },
  adapting: { tauM: of(20, 'ms'), a: of(0, 'nS'), tauW: of(100, 'ms'), b: of(5, 'pA'), vReset: of(-55, 'mV') },
  initialBurst: { tauM: of(5, 'ms'), a: of(0.5, 'nS'), tauW: of(100, 'ms'), b: of(7, 'pA'), vReset: of(-51, 'mV') },
  bursting: { tauM: of(5, 'ms'), a: of(-0.5, 'nS'), tauW: of(100, 'ms'), b: of(7, 'pA'), vReset: of(-46, 'mV') },
  irregular: { tauM: of(9.9, 'ms'), a: of(-0.5, 'nS'), tauW: of(100, 'ms'), b: of(7, 'pA'), vReset: of(-46, 'mV') },
  transient: { tauM: of(10, 'ms'), a: of(1, 'nS'), tauW: of(100, 'ms'), b: of(10, 'pA'), vReset: of(-60, 'mV') },
  delayed: { tauM: of(5, 'ms'), a: of(-1, 'nS'), tauW: of(100, 'ms'), b: of(10, 'pA'), vReset: of(-60, 'mV') },
};

export interface AdExParameters {
  tauM?: QuantityInput;
  R?: QuantityInput;
  vRest?: QuantityInput;
  vReset?: QuantityInput;
  vRheobase?: QuantityInput;
  a?: QuantityInput;
  b?: QuantityInput;
  vSpike?: QuantityInput;
  deltaT?: QuantityInput;
  tauW?: QuantityInput;
  /** Input current (default: none). */
  IStim?: TimedArray;
  /** Default 200 ms. */
  simulationTime?: QuantityInput;
}

/**
 * `tau_m·dv/dt = -(v - v_rest) + ΔT·exp((v - v_rh)/ΔT) + R·I(t) - R·w`,
 * `tau_w·dw/dt = a·(v - v_rest) - w`; at v > v_spike: v := v_reset, w += b.
 * Euler, dt 0.01 ms; records v and w.
 */
export async function simulateAdExNeuron(options: AdExParameters & SimulationOptions = {}): Promise<SpikingResult> {
  const d = ADEX_DEFAULTS;
  const vSpike = quantity(options.vSpike ?? d.vSpike, 'volt', 'v_spike');
  const namespace = {
    tau_m: quantity(options.tauM ?? d.tauM, 'second', 'tau_m'),
    R: quantity(options.R ?? d.R, 'ohm', 'R'),
    v_rest: quantity(options.vRest ?? d.vRest, 'volt', 'v_rest'),
    v_reset: quantity(options.vReset ?? d.vReset, 'volt', 'v_reset'),
    v_rheobase: quantity(options.vRheobase ?? d.vRheobase, 'volt', 'v_rheobase'),
    a: quantity(options.a ?? d.a, 'siemens', 'a'),
    b: quantity(options.b ?? d.b, 'amp', 'b'),
    delta_T: quantity(options.deltaT ?? d.deltaT, 'volt', 'delta_T'),
    tau_w: quantity(options.tauW ?? d.tauW, 'second', 'tau_w'),
    I_stim: modelCurrent(options.IStim ?? getZeroCurrent(), NAME),
  };
  const neuron = new NeuronGroup(
    1,
    `
        dv/dt = (-(v-v_rest) +delta_T*exp((v-v_rheobase)/delta_T)+ R * I_stim(t,i) - R * w)/(tau_m) : volt
        dw/dt=(a*(v-v_rest)-w)/tau_w : amp
        `,
    // The threshold as neurodynex3 writes it: the value printed with 6 decimals.
    { threshold: `v>${inUnit(vSpike, 'mV').toFixed(6)}*mvolt`, reset: 'v=v_reset;w+=b', method: 'euler', namespace, dt: ADEX_DT, name: NAME },
  );
  neuron.set('v', namespace.v_rest);
  neuron.set('w', of(0, 'pA'));
  return simulateSpiking(neuron, ['v', 'w'], options.simulationTime ?? '200*ms', options);
}

/**
 * plot_adex_state: the membrane potential u(t), the adaptation current w(t)
 * and the trajectory in the (u, w) phase plane.
 */
export function plotAdexState(adexStateMonitor: StateMonitor, options: { title?: string; subtitle?: string } = {}): Figure {
  const t = timesMs(adexStateMonitor);
  const u = traceIn(adexStateMonitor, 'v', 'mV');
  const w = traceIn(adexStateMonitor, 'w', 'pA');
  const time = { title: 't', unit: 'ms', domain: [0, endOf(t)] as const };
  const size = { width: 420, height: 230 };
  return gridFigure({
    title: options.title ?? 'AdEx neuron: state variables',
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    columns: 2,
    panels: [
      { title: 'Membrane potential', ...size, x: time, y: { title: 'u', unit: 'mV' }, series: [{ x: t, y: u, color: COLORS.blue, width: 1.5 }] },
      { title: 'Phase plane representation', ...size, x: { title: 'u', unit: 'mV' }, y: { title: 'w', unit: 'pA' }, series: [{ x: u, y: w, color: COLORS.blue, width: 1.5 }] },
      { title: 'Adaptation current', ...size, x: time, y: { title: 'w', unit: 'pA' }, series: [{ x: t, y: w, color: COLORS.blue, width: 1.5 }] },
    ],
  });
}

/** The parameters of a firing pattern as text, e.g. "τm = 20 ms, a = 0 S, …". */
export function describePattern(pattern: FiringPattern): string {
  const p = FIRING_PATTERNS[pattern];
  return `τm = ${show(p.tauM)}, a = ${show(p.a)}, τw = ${show(p.tauW)}, b = ${show(p.b)}, u_reset = ${show(p.vReset)}`;
}

/**
 * The exponential integrate-and-fire neuron
 * (neurodynex3.exponential_integrate_fire.exp_IF), Neuronal Dynamics ch. 5.2.
 */
import { NeuronGroup, type TimedArray } from '../index.ts';
import { getZeroCurrent } from './inputFactory.ts';
import { of, quantity, type QuantityInput } from './quantities.ts';
import { modelCurrent, modelName, simulateSpiking, type SimulationOptions, type SpikingResult } from './simulation.ts';

const NAME = modelName('exp_if');

/** Default parameters (neurodynex3's module constants). */
export const EXP_IF_DEFAULTS = {
  tau: of(12, 'ms'),
  R: of(20, 'Mohm'),
  vRest: of(-65, 'mV'),
  vReset: of(-60, 'mV'),
  vRheobase: of(-55, 'mV'),
  /** A technical threshold: when v passes it, the spike is over and v is reset. */
  vSpike: of(-30, 'mV'),
  deltaT: of(2, 'mV'),
} as const;

/** neurodynex3 sets Brian2's defaultclock to 0.05 ms for this model; here the model has its own clock. */
export const EXP_IF_DT = of(0.05, 'ms');

export interface ExpIFParameters {
  tau?: QuantityInput;
  R?: QuantityInput;
  vRest?: QuantityInput;
  vReset?: QuantityInput;
  vRheobase?: QuantityInput;
  vSpike?: QuantityInput;
  deltaT?: QuantityInput;
  /** Input current (default: none). */
  IStim?: TimedArray;
  /** Default 200 ms. */
  simulationTime?: QuantityInput;
}

/** `tau·dv/dt = -(v - v_rest) + ΔT·exp((v - v_rh)/ΔT) + R·I(t)`, reset to v_reset above v_spike; euler, dt 0.05 ms. */
export async function simulateExponentialIFNeuron(options: ExpIFParameters & SimulationOptions = {}): Promise<SpikingResult> {
  const d = EXP_IF_DEFAULTS;
  const namespace = {
    tau: quantity(options.tau ?? d.tau, 'second', 'tau'),
    R: quantity(options.R ?? d.R, 'ohm', 'R'),
    v_rest: quantity(options.vRest ?? d.vRest, 'volt', 'v_rest'),
    v_reset: quantity(options.vReset ?? d.vReset, 'volt', 'v_reset'),
    v_rheobase: quantity(options.vRheobase ?? d.vRheobase, 'volt', 'v_rheobase'),
    v_spike: quantity(options.vSpike ?? d.vSpike, 'volt', 'v_spike'),
    delta_T: quantity(options.deltaT ?? d.deltaT, 'volt', 'delta_T'),
    I_stim: modelCurrent(options.IStim ?? getZeroCurrent(), NAME),
  };
  const neuron = new NeuronGroup(
    1,
    `
    dv/dt = (-(v-v_rest) +delta_T*exp((v-v_rheobase)/delta_T)+ R * I_stim(t,i))/(tau) : volt
    `,
    { reset: 'v=v_reset', threshold: 'v>v_spike', method: 'euler', namespace, dt: EXP_IF_DT, name: NAME },
  );
  neuron.set('v', namespace.v_rest);
  return simulateSpiking(neuron, ['v'], options.simulationTime ?? '200*ms', options);
}

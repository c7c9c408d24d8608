/**
 * The leaky integrate-and-fire neuron (neurodynex3.leaky_integrate_and_fire.LIF)
 * and its quiz: a neuron with hidden random parameters to be found by probing.
 */
import { NeuronGroup, type Quantity, type TimedArray } from '../index.ts';
import { MersenneTwister } from './mt19937.ts';
import { of, quantity, type QuantityInput } from './quantities.ts';
import { modelCurrent, modelName, simulateSpiking, type SimulationOptions, type SpikingResult } from './simulation.ts';

const NAME = modelName('lif');

/** The default parameters of simulateLIFNeuron (neurodynex3's module constants). */
export const LIF_DEFAULTS = {
  vRest: of(-70, 'mV'),
  vReset: of(-65, 'mV'),
  firingThreshold: of(-50, 'mV'),
  membraneResistance: of(10, 'Mohm'),
  membraneTimeScale: of(8, 'ms'),
  absRefractoryPeriod: of(2, 'ms'),
} as const;

export interface LIFParameters {
  vRest?: QuantityInput;
  vReset?: QuantityInput;
  firingThreshold?: QuantityInput;
  membraneResistance?: QuantityInput;
  membraneTimeScale?: QuantityInput;
  absRefractoryPeriod?: QuantityInput;
}

/**
 * One LIF neuron, `tau·dv/dt = -(v - v_rest) + R·I(t)`, v := v_reset after
 * v > threshold, then refractory; integrated exactly ('linear'), dt 0.1 ms.
 */
export async function simulateLIFNeuron(
  inputCurrent: TimedArray,
  options: LIFParameters & SimulationOptions & { simulationTime?: QuantityInput } = {},
): Promise<SpikingResult> {
  const p = {
    v_rest: quantity(options.vRest ?? LIF_DEFAULTS.vRest, 'volt', 'v_rest'),
    v_reset: quantity(options.vReset ?? LIF_DEFAULTS.vReset, 'volt', 'v_reset'),
    firing_threshold: quantity(options.firingThreshold ?? LIF_DEFAULTS.firingThreshold, 'volt', 'firing_threshold'),
    membrane_resistance: quantity(options.membraneResistance ?? LIF_DEFAULTS.membraneResistance, 'ohm', 'membrane_resistance'),
    membrane_time_scale: quantity(options.membraneTimeScale ?? LIF_DEFAULTS.membraneTimeScale, 'second', 'membrane_time_scale'),
    input_current: modelCurrent(inputCurrent, NAME),
  };
  const neuron = new NeuronGroup(
    1,
    `
    dv/dt =
    ( -(v-v_rest) + membrane_resistance * input_current(t,i) ) / membrane_time_scale : volt (unless refractory)`,
    {
      reset: 'v=v_reset',
      threshold: 'v>firing_threshold',
      refractory: quantity(options.absRefractoryPeriod ?? LIF_DEFAULTS.absRefractoryPeriod, 'second', 'abs_refractory_period'),
      method: 'linear',
      namespace: p,
      name: NAME,
    },
  );
  neuron.set('v', p.v_rest);
  return simulateSpiking(neuron, ['v'], options.simulationTime ?? '5*ms', options);
}

const PARAMETER_LABELS = ['Resting potential', 'Reset voltage', 'Firing threshold', 'Membrane resistance', 'Membrane time-scale', 'Absolute refractory period'] as const;

function describe(values: readonly Quantity[]): string {
  return values.map((v, k) => `${PARAMETER_LABELS[k]}: ${v.toString()}`).join('\n');
}

/** The default parameters, one per line, as print_default_parameters prints them. */
export function defaultParametersText(): string {
  const d = LIF_DEFAULTS;
  return describe([d.vRest, d.vReset, d.firingThreshold, d.membraneResistance, d.membraneTimeScale, d.absRefractoryPeriod]);
}

// Each hidden parameter is stored multiplied by its own factor, so that
// printing the list does not give the answer away at a glance.
const OBFUSCATION_FACTORS = [543, 622, 9307, 584, 2029, 211] as const;

/** An opaque parameter set for simulateRandomNeuron (six obfuscated quantities). */
export type ObfuscatedParameters = readonly Quantity[];

function deobfuscate(params: ObfuscatedParameters): Quantity[] {
  if (params.length !== 6) throw new RangeError(`An obfuscated parameter set has 6 values, got ${params.length}`);
  return params.map((p, k) => p.div(OBFUSCATION_FACTORS[k]!));
}

/**
 * Random LIF parameters in their typical ranges, obfuscated. With a seed,
 * the same set as neurodynex3's get_random_param_set(seed).
 */
export function getRandomParamSet(randomSeed?: number): ObfuscatedParameters {
  const rng = MersenneTwister.python(randomSeed ?? Math.floor(Math.random() * 2 ** 52));
  const vRest = of(-75 + rng.randint(0, 15), 'mV');
  const values = [
    vRest,
    vRest.add(of(rng.randint(-10, 10), 'mV')),
    of(rng.randint(-40, 5), 'mV'),
    of(rng.randint(2, 15), 'Mohm'),
    of(rng.randint(2, 30), 'ms'),
    of(rng.randint(1, 7), 'ms'),
  ];
  return values.map((v, k) => v.mul(OBFUSCATION_FACTORS[k]!));
}

/** The true values of an obfuscated set, one per line (print_obfuscated_parameters). */
export function obfuscatedParametersText(obfuscatedParams: ObfuscatedParameters): string {
  return describe(deobfuscate(obfuscatedParams));
}

/** Simulate the hidden neuron for 50 ms with `inputCurrent`. */
export async function simulateRandomNeuron(inputCurrent: TimedArray, obfuscatedParamSet: ObfuscatedParameters, options: SimulationOptions = {}): Promise<SpikingResult> {
  const [vRest, vReset, firingThreshold, membraneResistance, membraneTimeScale, absRefractoryPeriod] = deobfuscate(obfuscatedParamSet);
  return simulateLIFNeuron(inputCurrent, {
    ...options,
    simulationTime: '50*ms',
    vRest: vRest!,
    vReset: vReset!,
    firingThreshold: firingThreshold!,
    membraneResistance: membraneResistance!,
    membraneTimeScale: membraneTimeScale!,
    absRefractoryPeriod: absRefractoryPeriod!,
  });
}

/** Print the default parameters (print_default_parameters). */
export function printDefaultParameters(): void {
  console.log(defaultParametersText());
}

/** Print the true values of an obfuscated set (print_obfuscated_parameters). */
export function printObfuscatedParameters(obfuscatedParams: ObfuscatedParameters): void {
  console.log(obfuscatedParametersText(obfuscatedParams));
}

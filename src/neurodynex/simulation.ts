/**
 * What the single-neuron exercises share: run one group with a StateMonitor
 * (and a SpikeMonitor when it has a threshold) for a while.
 */
import { Network, SpikeMonitor, StateMonitor, TimedArray, type Backend, type NeuronGroup, type RunOptions } from '../index.ts';
import { of, quantity, type QuantityInput } from './quantities.ts';

export interface SimulationOptions {
  /** Code generation target (default: spikeforge's default, WebAssembly). */
  backend?: Backend;
  /** Progress of the run (see Network.run). */
  report?: RunOptions['report'];
  reportPeriod?: RunOptions['reportPeriod'];
}

export interface SpikingResult {
  /** The recorded variables of the neuron at every time step. */
  stateMonitor: StateMonitor;
  spikeMonitor: SpikeMonitor;
}

/**
 * The name of a model's NeuronGroup. Kernels are compiled once per source
 * text, and object names are part of it: a fixed name per model (rather than
 * Brian2's numbered 'neurongroup_7') lets every run of the model reuse one
 * compiled kernel. Monitors and currents are named after the group.
 */
export function modelName(model: string): string {
  return `neurodynex_${model}`;
}

/**
 * `current` under the name `<group>_current`: TimedArray names are part of
 * the kernel source too, so a new current under a new name would mean a new
 * compilation (about a second for WebAssembly) although only its values differ.
 */
export function modelCurrent(current: TimedArray, group: string): TimedArray {
  const values = current.values;
  const rows = Array.from({ length: current.rows }, (_, r) => values.subarray(r * current.columns, (r + 1) * current.columns));
  return new TimedArray(rows, { dt: of(current.dt, 'second'), unit: current.dim, name: `${group}_current` });
}

/** Record `variables` of every neuron of `group` over `duration`; the group must have a threshold. */
export async function simulateSpiking(group: NeuronGroup, variables: readonly string[], duration: QuantityInput, options: SimulationOptions): Promise<SpikingResult> {
  const stateMonitor = new StateMonitor(group, variables, { record: true, name: `${group.name}_state` });
  const spikeMonitor = new SpikeMonitor(group, { name: `${group.name}_spikes` });
  await new Network(group, stateMonitor, spikeMonitor).run(quantity(duration, 'second', 'simulation_time'), runOptions(options));
  return { stateMonitor, spikeMonitor };
}

/** Record `variables` of every neuron of `group` over `duration`. */
export async function simulateStates(group: NeuronGroup, variables: readonly string[], duration: QuantityInput, options: SimulationOptions): Promise<StateMonitor> {
  const stateMonitor = new StateMonitor(group, variables, { record: true, name: `${group.name}_state` });
  await new Network(group, stateMonitor).run(quantity(duration, 'second', 'simulation_time'), runOptions(options));
  return stateMonitor;
}

/** The Network.run options among `options` (leaving out what is not set). */
function runOptions(options: SimulationOptions): RunOptions {
  const out: RunOptions = {};
  if (options.backend) out.backend = options.backend;
  if (options.report) out.report = options.report;
  if (options.reportPeriod) out.reportPeriod = options.reportPeriod;
  return out;
}

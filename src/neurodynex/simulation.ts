/**
 * What the single-neuron exercises share: run one group with a StateMonitor
 * (and a SpikeMonitor when it has a threshold) for a while.
 */
import { Network, SpikeMonitor, StateMonitor, type Backend, type NeuronGroup, type RunOptions } from '../index.ts';
import { quantity, type QuantityInput } from './quantities.ts';

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

/** Record `variables` of every neuron of `group` over `duration`; the group must have a threshold. */
export async function simulateSpiking(group: NeuronGroup, variables: readonly string[], duration: QuantityInput, options: SimulationOptions): Promise<SpikingResult> {
  const stateMonitor = new StateMonitor(group, variables, { record: true });
  const spikeMonitor = new SpikeMonitor(group);
  await new Network(group, stateMonitor, spikeMonitor).run(quantity(duration, 'second', 'simulation_time'), runOptions(options));
  return { stateMonitor, spikeMonitor };
}

/** Record `variables` of every neuron of `group` over `duration`. */
export async function simulateStates(group: NeuronGroup, variables: readonly string[], duration: QuantityInput, options: SimulationOptions): Promise<StateMonitor> {
  const stateMonitor = new StateMonitor(group, variables, { record: true });
  await new Network(group, stateMonitor).run(quantity(duration, 'second', 'simulation_time'), runOptions(options));
  return stateMonitor;
}

/** The Network.run options among `options` (leaving out what is not set). */
export function runOptions(options: SimulationOptions): RunOptions {
  const out: RunOptions = {};
  if (options.backend) out.backend = options.backend;
  if (options.report) out.report = options.report;
  if (options.reportPeriod) out.reportPeriod = options.reportPeriod;
  return out;
}

/**
 * spikeforge: Brian2's model language in TypeScript, simulated in WebAssembly.
 */
export { Quantity, Dimension, parseQuantity, parseUnit, getUnit, formatQuantity, DimensionMismatchError } from './units/index.ts';
export { ModelError, type Diagnostic } from './parsing/diagnostics.ts';
export { Equations } from './equations/equations.ts';
export { Clock, defaultclock } from './core/clock.ts';
export { NeuronGroup, type NeuronGroupOptions } from './core/neurongroup.ts';
export type { RunRegularlyOptions, RegularOperation, AssignValue } from './core/group.ts';
export { TimedArray } from './core/timedarray.ts';
export { Network, SimulationError, setDefaultBackend, type RunOptions, type Progress } from './core/network.ts';
export { seed } from './core/random.ts';
export { StateMonitor, RecordedVariable, type StateMonitorOptions } from './monitors/statemonitor.ts';
export { SpikeMonitor, EventMonitor, type EventMonitorOptions } from './monitors/spikemonitor.ts';
export { VariableValues } from './core/variables.ts';
export type { Backend } from './runtime/kernel.ts';
export { Synapses, type SynapsesOptions, type ConnectArgs } from './core/synapses.ts';
export { PoissonGroup, PoissonInput, type PoissonGroupOptions } from './core/poisson.ts';
export { SpikeGeneratorGroup, type SpikeGeneratorOptions } from './core/spikegenerator.ts';
export { PopulationRateMonitor } from './monitors/ratemonitor.ts';
export { Subgroup } from './core/subgroup.ts';
export { linkedVar, LinkedVariable } from './core/linked.ts';
export { setWarningHandler } from './core/warnings.ts';
export {
  exportModel,
  importModel,
  ModelFileError,
  toBrian2Script,
  brian2ScriptFromModel,
  toMarkdown,
  markdownFromModel,
  monitorResults,
  type ExportOptions,
  type ImportedModel,
  type ImportedRun,
} from './export/index.ts';
export type { ModelJSON, RunJSON } from './export/format.ts';
export { run, store, restore, startScope, magicNetwork } from './core/magic.ts';

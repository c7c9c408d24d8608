/**
 * The model file format: the structure brian2tools' `baseexport` device
 * collects from a Brian2 network (`device.runs`), serialized as JSON the way
 * test/fixtures/reference/baseexport/ shows it. Every Brian2 Quantity is
 * `{"str": str(q), "value": SI value or list, "dim": SI dimension}`.
 *
 * Keys marked "spikeforge" are additions that keep what brian2tools loses;
 * a reader of the original format can ignore them, and they appear only
 * where the information is not already implied by the original keys.
 */

/** A Brian2 Quantity (or Unit): Brian2's str(), the value in SI (a list for arrays), str(dimension). */
export interface QuantityJSON {
  str: string;
  value: number | number[] | boolean;
  dim: string;
}

/** Where a group is: its name, or a subgroup `G[start:stop+1]` (brian2tools' `stop` is inclusive). */
export type SpikeSourceJSON = string | { group: string; start: number; stop: number };

export interface TimedArrayJSON {
  type: 'timedarray';
  /** Brian2's name of the TimedArray object (e.g. "_timedarray"), not the name used in equations. */
  name: string;
  /** The values, flattened row by row (time-major) for 2-D arrays. */
  values: QuantityJSON;
  dt: QuantityJSON;
  ndim: number;
  /** spikeforge: [rows, columns] of a 2-D array with more than one column (brian2tools keeps only ndim). */
  shape?: [number, number];
}

/** A function the model uses that is not a TimedArray (brian2tools' custom_func); cannot be imported. */
export interface CustomFunctionJSON {
  type: 'custom_func';
  arg_units?: unknown;
  arg_types?: unknown;
  return_type?: unknown;
  return_unit?: unknown;
}

/** An external name a model uses: a quantity, a dimensionless number (as a plain number), or a function. */
export type IdentifierJSON = QuantityJSON | number | boolean | TimedArrayJSON | CustomFunctionJSON;

export interface EquationJSON {
  /** The variable's unit (Brian2's get_unit of its dimension; "rad" for dimensionless). */
  unit: QuantityJSON;
  type: 'differential equation' | 'subexpression' | 'parameter';
  var_type: 'float' | 'integer' | 'boolean';
  /** Right-hand side (not for parameters). */
  expr?: string;
  flags?: string[];
}

/** A CodeRunner: code with its place in the schedule. */
export interface CodeRunnerJSON {
  code: string;
  when: string;
  order: number;
  dt: QuantityJSON;
}

/** Brian2's run_regularly: code run on a clock of its own (brian2tools' format). */
export interface RunRegularlyJSON extends CodeRunnerJSON {
  name: string;
}

export interface EventJSON {
  threshold: CodeRunnerJSON;
  reset?: CodeRunnerJSON;
  /** Only for 'spike': a duration or an expression. */
  refractory?: QuantityJSON | string;
}

export interface NeuronGroupJSON {
  name: string;
  N: number;
  user_method: string | null;
  equations: Record<string, EquationJSON>;
  events?: Record<string, EventJSON>;
  identifiers?: Record<string, IdentifierJSON>;
  when: string;
  order: number;
  /** spikeforge: the integration method actually used, when the user chose none (or gave a list). */
  method?: string;
  /** spikeforge: the methods the user offered, when a list was given. */
  method_choice?: string[];
  /** spikeforge: the group's dt, when no event carries it and it is not the default 0.1 ms. */
  dt?: QuantityJSON;
  run_regularly?: RunRegularlyJSON[];
  /** spikeforge: where each `(linked)` parameter points (brian2tools records no links). */
  linked_variables?: Record<string, LinkedVariableJSON>;
}

/** A link made with linked_var(source, variable, index=...). */
export interface LinkedVariableJSON {
  source: SpikeSourceJSON;
  variable: string;
  /** One source index per neuron, or the name of an integer variable holding them. */
  index?: number[] | string;
}

export interface PoissonGroupJSON {
  name: string;
  N: number;
  /** A rate (or per-neuron rates), or an expression. */
  rates: QuantityJSON | string;
  identifiers?: Record<string, IdentifierJSON>;
  /** spikeforge: dt and order when not the defaults (0.1 ms, 0). */
  dt?: QuantityJSON;
  order?: number;
  run_regularly?: RunRegularlyJSON[];
}

export interface SpikeGeneratorGroupJSON {
  name: string;
  N: number;
  /** Neuron indices, sorted by spike time. */
  indices: number[];
  times: QuantityJSON;
  period: QuantityJSON;
  identifiers?: Record<string, IdentifierJSON>;
  /** spikeforge: dt and order when not the defaults (0.1 ms, 0). */
  dt?: QuantityJSON;
  order?: number;
  run_regularly?: RunRegularlyJSON[];
}

export interface PathwayJSON {
  prepost: 'pre' | 'post';
  event: string;
  code: string;
  source: SpikeSourceJSON;
  target: SpikeSourceJSON;
  /** `<synapses name>_<pathway>`, e.g. "syn_pre". */
  name: string;
  dt: QuantityJSON;
  order: number;
  when: string;
  /** A delay common to all synapses (Brian2's scalar delay); per-synapse delays are initializers of `delay`. */
  delay?: QuantityJSON;
}

export interface SummedVariableJSON {
  code: string;
  target: SpikeSourceJSON;
  /** `<synapses name>_summed_variable_<var>_post` (or `_pre`). */
  name: string;
  dt: QuantityJSON;
  when: string;
  order: number;
}

export interface SynapsesJSON {
  name: string;
  source: SpikeSourceJSON;
  target: SpikeSourceJSON;
  equations?: Record<string, EquationJSON>;
  user_method?: string;
  summed_variables?: SummedVariableJSON[];
  pathways?: PathwayJSON[];
  identifiers?: Record<string, IdentifierJSON>;
  /** spikeforge: method used / offered when the user chose none or a list (clock-driven equations only). */
  method?: string;
  method_choice?: string[];
  /** spikeforge: the synapses' dt when it differs from its source group's. */
  dt?: QuantityJSON;
  run_regularly?: RunRegularlyJSON[];
  /** spikeforge: the synapses' order when not 0. */
  order?: number;
}

export interface PoissonInputJSON {
  target: string;
  rate: QuantityJSON;
  N: number;
  when: string;
  order: number;
  dt: QuantityJSON;
  weight: QuantityJSON | string;
  target_var: string;
  identifiers?: Record<string, IdentifierJSON>;
  /** spikeforge: the object's name (brian2tools has none for PoissonInput). */
  name?: string;
}

export interface StateMonitorJSON {
  name: string;
  source: SpikeSourceJSON;
  variables: string[];
  /** true for every element, else the recorded indices. */
  record: boolean | number[];
  n_indices: number;
  dt: QuantityJSON;
  when: string;
  order: number;
}

export interface EventMonitorJSON {
  name: string;
  event: string;
  source: SpikeSourceJSON;
  source_size: number;
  variables: string[];
  record: boolean | number[];
  dt: QuantityJSON;
  when: string;
  order: number;
}

export interface PopulationRateMonitorJSON {
  name: string;
  source: SpikeSourceJSON;
  dt: QuantityJSON;
  when: string;
  order: number;
}

export interface ComponentsJSON {
  neurongroup?: NeuronGroupJSON[];
  poissongroup?: PoissonGroupJSON[];
  spikegeneratorgroup?: SpikeGeneratorGroupJSON[];
  synapses?: SynapsesJSON[];
  poissoninput?: PoissonInputJSON[];
  statemonitor?: StateMonitorJSON[];
  spikemonitor?: EventMonitorJSON[];
  eventmonitor?: EventMonitorJSON[];
  populationratemonitor?: PopulationRateMonitorJSON[];
}

export const COMPONENT_KINDS = [
  'neurongroup',
  'poissongroup',
  'spikegeneratorgroup',
  'synapses',
  'poissoninput',
  'statemonitor',
  'spikemonitor',
  'eventmonitor',
  'populationratemonitor',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export interface InitializerJSON {
  type: 'initializer';
  source: SpikeSourceJSON;
  variable: string;
  /**
   * true: all elements; an index, a list of indices, or a condition string.
   * Brian2 assigns code through its conditional setter, so code assigned to
   * all elements has the condition "True".
   */
  index: boolean | number | number[] | string;
  /** A quantity, or code evaluated per element. */
  value: QuantityJSON | string;
  identifiers?: Record<string, IdentifierJSON>;
  /** spikeforge: for code using random numbers, the values it produced (so the model can be rebuilt exactly). */
  evaluated?: QuantityJSON;
}

export interface ConnectJSON {
  type: 'connect';
  synapses: string;
  source: SpikeSourceJSON;
  target: SpikeSourceJSON;
  condition?: string;
  i?: number | number[];
  j?: number | number[] | string;
  probability: number | string;
  n_connections: number | string;
  identifiers?: Record<string, IdentifierJSON>;
  /** spikeforge: Brian2's skip_if_invalid, when set. */
  skip_if_invalid?: boolean;
  /** spikeforge: the synapses this call created, when not given explicitly by `i` and `j`. */
  connectivity?: { i: number[]; j: number[] };
}

export type InitializerConnectorJSON = InitializerJSON | ConnectJSON;

export interface RunJSON {
  duration: QuantityJSON;
  components: ComponentsJSON;
  initializers_connectors?: InitializerConnectorJSON[];
  /** Names of objects that were in the network but inactive. */
  inactive?: string[];
}

export interface ModelJSON {
  runs: RunJSON[];
  /** Free-form metadata, kept as given. */
  name?: string;
  note?: string;
  exporter?: string;
  brian2_version?: string;
  brian2tools_commit?: string;
}

/** Top-level keys a model file may have besides `runs`. */
export const METADATA_KEYS = ['name', 'note', 'exporter', 'brian2_version', 'brian2tools_commit'] as const;

/** Brian2's default time step, which objects without a recorded dt get. */
export const DEFAULT_DT = 1e-4;

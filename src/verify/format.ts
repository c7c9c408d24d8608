/**
 * The reference fixture format of ../shared/reference/README.md (Brian2
 * models with their expected results), with the additive extensions of
 * test/fixtures/extra/README.md. All values in SI.
 */
export interface FixtureQuantity {
  value: number | number[] | null;
  unit: string | null;
  brian2?: string;
  shared?: boolean;
  /** String refractory (extension): the expression and whether it is a time or a condition. */
  expression?: string;
  kind?: 'time' | 'condition';
}

export interface FixtureTimedArray {
  type: 'TimedArray';
  name: string;
  call: string;
  dt: number;
  shape: number[];
  values: number[] | number[][];
  values_unit?: string;
}

export interface FixtureSynapses {
  name: string;
  source: string;
  target: string;
  model: string;
  on_pre: string | Record<string, string> | null;
  on_post?: string | Record<string, string> | null;
  /** Extension: the event each pathway reacts to. */
  on_event?: Record<string, string>;
  i: number[];
  j: number[];
  values?: Record<string, { value: number[]; unit: string }>;
  /** Per-synapse delays of the 'pre' pathway. */
  delay: { value: number[]; unit: string } | null;
  /** Extension: delays of the other pathways (scalar ones came from the constructor). */
  delays_by_pathway?: Record<string, { value: number[]; scalar?: boolean }>;
  /** Extension: the constructor's delay argument, per pathway. */
  constructor_delay?: Record<string, { value: number }>;
  method?: string | null;
}

/** Extension (network fixtures): further groups besides G. */
export type FixtureGroup =
  | { name: string; kind: 'SpikeGeneratorGroup'; N: number; indices: number[]; times: number[]; period: number | null }
  | {
      name: string;
      kind: 'NeuronGroup';
      N: number;
      equations: string;
      threshold: string | null;
      reset: string | null;
      refractory: FixtureQuantity | null;
      method: string | null;
      method_chosen?: string;
      namespace?: Record<string, FixtureQuantity>;
      initial?: Record<string, FixtureQuantity>;
      events?: Record<string, string> | null;
      run_on_event?: Record<string, string> | null;
    };

export interface FixtureModel {
  equations: string;
  threshold: string | null;
  reset: string | null;
  refractory: FixtureQuantity | null;
  method: string | null;
  N: number;
  namespace: Record<string, FixtureQuantity>;
  initial: Record<string, FixtureQuantity>;
  dt: number;
  duration: number;
  n_steps: number;
  input: Record<string, FixtureTimedArray> | null;
  synapses?: FixtureSynapses[] | null;
  /** Extension: successive run() durations. */
  runs?: number[];
  method_chosen?: string;
  /** Extension: custom events of G and code run on them. */
  events?: Record<string, string> | null;
  run_on_event?: Record<string, string> | null;
  extra_groups?: FixtureGroup[];
}

export interface FixtureRecord {
  variables: string[];
  indices: number[];
  every: number;
  when?: string;
  spike_monitors?: string[];
  event_monitors?: Array<{ group: string; event: string }>;
  rate_monitors?: string[];
  group_traces?: Record<string, { variables: string[]; indices: number[]; every: number }>;
}

export interface FixtureEvents {
  i: number[];
  t: number[];
  t_step: number[];
}

export interface FixtureResult {
  t: number[];
  step_indices: number[];
  traces: Record<string, number[][]>;
  spikes: { i: number[]; t: number[]; t_step: number[] } | null;
  spike_count: number | null;
  spike_count_per_neuron?: number[];
  final_state: Record<string, number[]>;
  final_state_synapses?: Record<string, Record<string, number[]>>;
  spikes_by_group?: Record<string, FixtureEvents>;
  events?: Record<string, FixtureEvents>;
  population_rates?: Record<string, { t: number[]; rate: number[] }>;
  final_state_groups?: Record<string, Record<string, number[]>>;
  group_traces?: Record<string, { t: number[]; step_indices: number[]; traces: Record<string, number[][]> }>;
}

export interface Fixture {
  name: string;
  description?: string;
  model: FixtureModel;
  record: FixtureRecord;
  expected?: FixtureResult;
}

/** Check the parts of a fixture the simulator needs, naming what is missing. */
export function validateFixture(data: unknown, where = 'fixture'): Fixture {
  const fail = (path: string, what: string): never => {
    throw new Error(`${where}: ${path} ${what}`);
  };
  if (typeof data !== 'object' || data === null) fail('', 'is not a JSON object');
  const f = data as Record<string, unknown>;
  const model = f.model as Record<string, unknown> | undefined;
  if (!model || typeof model !== 'object') fail('model', 'is missing');
  const m = model!;
  if (typeof m.equations !== 'string') fail('model.equations', 'must be the equations string');
  if (!Number.isInteger(m.N) || (m.N as number) < 1) fail('model.N', 'must be a whole number ≥ 1');
  if (typeof m.dt !== 'number' || !(m.dt > 0)) fail('model.dt', 'must be a positive number of seconds');
  if (typeof m.duration !== 'number' || !(m.duration >= 0)) fail('model.duration', 'must be a number of seconds ≥ 0');
  if (m.namespace !== undefined && (typeof m.namespace !== 'object' || m.namespace === null)) fail('model.namespace', 'must be an object');
  const record = f.record as Record<string, unknown> | undefined;
  if (!record || !Array.isArray(record.variables) || !Array.isArray(record.indices)) fail('record', 'must give variables and indices');
  if (!Number.isInteger(record!.every) || (record!.every as number) < 1) fail('record.every', 'must be a whole number ≥ 1');
  return {
    name: typeof f.name === 'string' ? f.name : 'fixture',
    ...(typeof f.description === 'string' ? { description: f.description } : {}),
    model: {
      threshold: null,
      reset: null,
      refractory: null,
      method: null,
      namespace: {},
      initial: {},
      input: null,
      n_steps: Math.round((m.duration as number) / (m.dt as number)),
      ...(m as object),
    } as FixtureModel,
    record: record as unknown as FixtureRecord,
    ...(f.expected ? { expected: f.expected as FixtureResult } : {}),
  };
}

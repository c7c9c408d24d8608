/**
 * exportModel: a network as brian2tools' baseexport device describes it
 * (`device.runs`), in the JSON of test/fixtures/reference/baseexport/.
 *
 * Per run: its duration, the components by kind (sorted by name), and the
 * assignments and connect() calls made since the previous run
 * ("initializers_connectors", from the objects' histories in call order).
 * Identifiers are the model's own external names only (namespace values and
 * TimedArrays), never Brian2's units, constants or functions.
 */
import { calledFunctions, identifiersOf } from '../parsing/ast.ts';
import { parseExpression } from '../parsing/expressions.ts';
import { parseStatements } from '../parsing/statements.ts';
import { DEFAULT_FUNCTIONS } from '../equations/functions.ts';
import { isExternalFunction, type Namespace } from '../equations/namespace.ts';
import { SUBEXPRESSION, type EquationVariable } from '../equations/equations.ts';
import type { ResolvedFunction, ResolvedValue } from '../equations/scope.ts';
import { applyStateUpdater, substitutedEquations } from '../stateupdaters/index.ts';
import type { SimObject } from '../core/base.ts';
import type { HistoryEntry } from '../core/history.ts';
import { VariableOwner } from '../core/group.ts';
import type { Network } from '../core/network.ts';
import { NeuronGroup } from '../core/neurongroup.ts';
import { PoissonGroup, PoissonInput } from '../core/poisson.ts';
import { SpikeGeneratorGroup } from '../core/spikegenerator.ts';
import { Synapses } from '../core/synapses.ts';
import { TimedArray, timedArraysBySpec } from '../core/timedarray.ts';
import { SECOND, toSeconds, type TimeLike } from '../core/quantities.ts';
import { rangeOf, type GroupRange } from '../core/subgroup.ts';
import { StateMonitor } from '../monitors/statemonitor.ts';
import { EventMonitor, SpikeMonitor } from '../monitors/spikemonitor.ts';
import { PopulationRateMonitor } from '../monitors/ratemonitor.ts';
import { Dimension, formatNumpyScalar, parseQuantity, Quantity } from '../units/index.ts';
import {
  DEFAULT_DT,
  type CodeRunnerJSON,
  type RunRegularlyJSON,
  type PoissonGroupJSON,
  type SpikeGeneratorGroupJSON,
  type ComponentKind,
  type ComponentsJSON,
  type ConnectJSON,
  type EquationJSON,
  type EventJSON,
  type IdentifierJSON,
  type InitializerConnectorJSON,
  type InitializerJSON,
  type ModelJSON,
  type NeuronGroupJSON,
  type QuantityJSON,
  type RunJSON,
  type SpikeSourceJSON,
  type SynapsesJSON,
  type TimedArrayJSON,
} from './format.ts';
import { LONG_ARRAY, quantityJSON, unitJSON } from './quantity.ts';
import { formatNumpyArray } from './numpy-format.ts';
import { importPlans, importedIndexRecords, importedTimedArrayNames, type PlannedRun } from './plan.ts';

const HERTZ = Dimension.of([0, 0, -1, 0, 0, 0, 0]);

export interface ExportOptions {
  /**
   * Describe one more run of this duration after the completed ones (and
   * after the runs an imported model still plans): what `network.run(duration)`
   * would do next. Needed for a network that has not run yet.
   */
  duration?: TimeLike;
  /** The namespace that run would get (like `run(duration, { namespace })`). */
  namespace?: Namespace;
  /** A top-level "name" for the file. */
  name?: string;
}

/** The exporter's signature in the file's top-level "exporter" key. */
export const EXPORTER = 'spikeforge (brian2tools baseexport format)';

interface RunPlan {
  duration: number;
  namespace: Namespace;
  members: readonly SimObject[];
  /** Components of an imported model not built yet, as read. */
  pendingComponents?: ReadonlyArray<{ kind: string; json: unknown }>;
  entries: HistoryEntry[];
  /** Records of an imported model not applied yet (written as they were read). */
  pending: InitializerConnectorJSON[];
}

/**
 * The network in brian2tools' baseexport format: one entry per completed run
 * (plus the runs an imported model still plans, plus `options.duration`).
 */
export function exportModel(network: Network, options: ExportOptions = {}): ModelJSON {
  const plans = runPlans(network, options);
  const model: ModelJSON = { exporter: EXPORTER, runs: plans.map((p) => exportRun(p)) };
  if (options.name !== undefined) model.name = options.name;
  return model;
}

function runPlans(network: Network, options: ExportOptions): RunPlan[] {
  const done = network.runs;
  const imported = importPlans.get(network);
  const members = network.members;
  const owners = new Set<VariableOwner>();
  const collectOwners = (objs: readonly SimObject[]): void => {
    for (const o of objs) if (o instanceof VariableOwner) owners.add(o);
  };
  collectOwners(members);
  for (const r of imported?.runs ?? []) collectOwners(r.members);
  const entries = [...owners].flatMap((o) => o.history.filter((h) => !constructorEntries(o).has(h))).sort((a, b) => a.seq - b.seq);

  const plans: RunPlan[] = [];
  let from = -Infinity;
  done.forEach((run, k) => {
    plans.push({
      duration: run.duration,
      namespace: run.namespace,
      members: imported?.runs[k]?.members ?? members,
      entries: entries.filter((e) => e.seq > from && e.seq < run.seq),
      pending: [],
    });
    from = run.seq;
  });
  const later = entries.filter((e) => e.seq > from);
  const remaining: PlannedRun[] = imported ? imported.runs.slice(done.length) : [];
  remaining.forEach((r, k) => {
    plans.push({
      duration: r.duration,
      namespace: {},
      members: r.members,
      entries: k === 0 ? later : [],
      pending: r.applied ? [] : r.records,
      pendingComponents: r.pendingComponents,
    });
  });
  if (options.duration !== undefined) {
    plans.push({
      duration: toSeconds(options.duration, 'duration'),
      namespace: options.namespace ?? {},
      members,
      entries: remaining.length === 0 ? later : [],
      pending: [],
    });
  }
  if (plans.length === 0) {
    throw new Error('The network has not run yet, so there is no run to export: pass { duration } to describe the run you intend (exportModel(network, { duration: "100*ms" }))');
  }
  return plans;
}

/** History entries made by constructors (a PoissonGroup's rates), which are part of the object, not initializers. */
function constructorEntries(o: VariableOwner): Set<HistoryEntry> {
  if (o instanceof PoissonGroup && !o.equations.variables.get('rates')?.expr) {
    const first = o.history[0];
    if (first && first.kind === 'initializer' && first.variable === 'rates') return new Set([first]);
  }
  return new Set();
}

function exportRun(plan: RunPlan): RunJSON {
  const components: ComponentsJSON = {};
  const add = (kind: ComponentKind, item: { name?: string }): void => {
    const list = ((components as Record<string, unknown[]>)[kind] ??= []);
    list.push(item);
  };
  const inactive: string[] = [];
  for (const o of plan.members) {
    const [kind, item] = collect(o, plan.namespace);
    add(kind, item as { name?: string });
    if (!o.active) inactive.push(o.name);
  }
  for (const { kind, json } of plan.pendingComponents ?? []) add(kind as ComponentKind, json as { name?: string });
  for (const list of Object.values(components) as Array<Array<{ name?: string }>>) {
    list.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));
  }
  const run: RunJSON = { duration: quantityJSON(plan.duration, SECOND), components };
  const ownersByName = new Map<string, VariableOwner>();
  for (const o of plan.members) if (o instanceof VariableOwner) ownersByName.set(o.name, o);
  const ic: InitializerConnectorJSON[] = [];
  for (const e of plan.entries) {
    const owner = ownersByName.get(e.kind === 'initializer' ? e.source : e.synapses);
    if (!owner) continue;
    ic.push(e.kind === 'initializer' ? initializerJSON(e, owner, plan.namespace) : connectJSON(e, owner as Synapses, plan.namespace));
  }
  ic.push(...plan.pending);
  if (ic.length > 0) run.initializers_connectors = ic;
  if (inactive.length > 0) run.inactive = inactive.sort();
  return run;
}

// ---------------------------------------------------------------------------
// Components

function collect(o: SimObject, ns: Namespace): [ComponentKind, object] {
  if (o instanceof SpikeGeneratorGroup) return ['spikegeneratorgroup', spikeGeneratorJSON(o)];
  if (o instanceof PoissonGroup) return ['poissongroup', poissonGroupJSON(o, ns)];
  if (o instanceof NeuronGroup) return ['neurongroup', neuronGroupJSON(o, ns)];
  if (o instanceof Synapses) return ['synapses', synapsesJSON(o, ns)];
  if (o instanceof PoissonInput) return ['poissoninput', poissonInputJSON(o, ns)];
  if (o instanceof StateMonitor) return ['statemonitor', stateMonitorJSON(o)];
  if (o instanceof SpikeMonitor) return ['spikemonitor', eventMonitorJSON(o)];
  if (o instanceof EventMonitor) return ['eventmonitor', eventMonitorJSON(o)];
  if (o instanceof PopulationRateMonitor) return ['populationratemonitor', rateMonitorJSON(o)];
  throw new Error(`Cannot export '${o.name}' (${o.constructor.name}): the baseexport format has no such component`);
}

const dtOf = (o: { clock: { dt_: number } }): QuantityJSON => quantityJSON(o.clock.dt_, SECOND);

function spikeSource(r: GroupRange): SpikeSourceJSON {
  if (r.offset === 0 && r.size === r.group.N) return r.group.name;
  return { start: r.offset, stop: r.offset + r.size - 1, group: r.group.name };
}

function equationJSON(v: EquationVariable): EquationJSON {
  const eq: EquationJSON = { unit: unitJSON(v.dim), type: v.kind, var_type: v.type };
  if (v.kind !== 'parameter' && v.exprText !== undefined) eq.expr = v.exprText;
  if (v.flags.length > 0) eq.flags = [...v.flags];
  return eq;
}

function identifiersJSON(ids: ReadonlyMap<string, ResolvedValue | ResolvedFunction>): Record<string, IdentifierJSON> | undefined {
  if (ids.size === 0) return undefined;
  const out: Record<string, IdentifierJSON> = {};
  for (const [name, r] of [...ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (r.kind === 'value') {
      if (r.dim.isDimensionless) out[name] = r.type === 'boolean' ? r.value !== 0 : r.value;
      else out[name] = quantityJSON(r.value, r.dim);
    } else {
      const ta = timedArraysBySpec.get(r.spec);
      out[name] = ta ? timedArrayJSON(ta) : { type: 'custom_func', arg_units: null, arg_types: null, return_type: null, return_unit: null };
    }
  }
  return out;
}

export function timedArrayJSON(ta: TimedArray): TimedArrayJSON {
  const json: TimedArrayJSON = {
    type: 'timedarray',
    name: importedTimedArrayNames.get(ta) ?? ta.name,
    values: quantityJSON(ta.values, ta.dim),
    // brian2tools builds Quantity(ta.dt, dim=second) with a Unit as `dim`; Brian2
    // then finds no display unit and prints the value in seconds ("0.001 s").
    dt: { str: `${formatNumpyScalar(ta.dt)} s`, value: ta.dt, dim: 's' },
    ndim: ta.twoD ? 2 : 1,
  };
  if (ta.twoD && ta.columns !== 1) json.shape = [ta.rows, ta.columns];
  return json;
}

/** Names of the owner's namespace (and the run's) that `code` uses, as identifiers. */
function codeIdentifiers(owner: VariableOwner, codes: string[], ns: Namespace): Record<string, IdentifierJSON> | undefined {
  const namespace: Namespace = { ...ns, ...(namespaceOf(owner) ?? {}) };
  const variables = new Set([...owner.variableNames(), 't', 'dt', 'i', 'j', 'N', 't_in_timesteps']);
  const eqs = (owner as { equations?: { names: string[] } }).equations;
  for (const n of eqs?.names ?? []) variables.add(n);
  const ids = new Map<string, ResolvedValue | ResolvedFunction>();
  for (const code of codes) {
    let names: Set<string>;
    try {
      names = identifiersOfCode(code);
    } catch {
      continue;
    }
    for (const name of names) {
      if (variables.has(name) || /_(pre|post)$/.test(name) && variables.has(name.replace(/_(pre|post)$/, ''))) continue;
      if (!Object.prototype.hasOwnProperty.call(namespace, name)) continue;
      const value = namespace[name]!;
      if (isExternalFunction(value)) ids.set(name, { kind: 'function', name, spec: value.spec, origin: 'namespace' });
      else if (value instanceof Quantity) ids.set(name, { kind: 'value', name, value: value.value, dim: value.dim, type: 'float', origin: 'namespace' });
      else ids.set(name, { kind: 'value', name, value: Number(value), dim: Dimension.DIMENSIONLESS, type: typeof value === 'boolean' ? 'boolean' : 'float', origin: 'namespace' });
    }
  }
  return identifiersJSON(ids);
}

function identifiersOfCode(code: string): Set<string> {
  try {
    return identifiersOf(parseExpression(code));
  } catch {
    const out = new Set<string>();
    for (const st of parseStatements(code)) {
      out.add(st.target);
      identifiersOf(st.value, out);
    }
    return out;
  }
}

function namespaceOf(o: VariableOwner): Namespace | undefined {
  return (o as { namespace?: Namespace }).namespace;
}

/** The method the state updater uses (or would use), for groups whose user chose none. */
function methodUsed(g: NeuronGroup, ns: Namespace): string | undefined {
  if (g.methodUsed) return g.methodUsed;
  const model = g.analyse(ns);
  const equations = substitutedEquations(model.equations, model.subexpressionOrder);
  if (equations.length === 0) return undefined;
  return applyStateUpdater({ equations, stochasticVariables: model.equations.stochasticVariables, scope: model.scope, dt: g.clock.dt_ }, g.method).method;
}

function neuronGroupJSON(g: NeuronGroup, ns: Namespace): NeuronGroupJSON {
  const model = g.analyse(ns);
  const equations: Record<string, EquationJSON> = {};
  for (const v of g.equations.variables.values()) equations[v.name] = equationJSON(v);
  const json: NeuronGroupJSON = {
    name: g.name,
    N: g.N,
    user_method: typeof g.method === 'string' ? g.method : null,
    equations,
    when: 'groups',
    order: g.order,
  };
  const dt = dtOf(g);
  const runner = (code: string, when: string, order: number): CodeRunnerJSON => ({ code, when, order, dt });
  const events: Record<string, EventJSON> = {};
  const onEvent = g.eventCodes;
  if (g.threshold !== null) {
    const spike: EventJSON = { threshold: runner(g.threshold, 'thresholds', g.order) };
    const extra = onEvent.get('spike');
    if (g.reset !== null) spike.reset = runner(g.reset, 'resets', g.order);
    else if (extra) spike.reset = runner(extra.code, extra.when, extra.order ?? g.order);
    if (g.refractory instanceof Quantity) {
      if (g.refractory.value !== 0) spike.refractory = quantityJSON(g.refractory.value, SECOND);
    } else if (typeof g.refractory === 'string' && g.refractory !== '') spike.refractory = g.refractory;
    events.spike = spike;
  }
  for (const [name, condition] of Object.entries(g.events)) {
    const ev: EventJSON = { threshold: runner(condition, 'after_thresholds', g.order) };
    const extra = onEvent.get(name);
    if (extra) ev.reset = runner(extra.code, extra.when, extra.order ?? g.order);
    events[name] = ev;
  }
  if (Object.keys(events).length > 0) json.events = events;
  const ids = { ...identifiersJSON(model.identifiers), ...codeIdentifiers(g, g.regularOperations.map((r) => r.code), ns) };
  if (Object.keys(ids).length > 0) json.identifiers = ids;
  if (json.user_method === null && model.userEquations.diffEqNames.length > 0) {
    const used = methodUsed(g, ns);
    if (used) json.method = used;
    if (Array.isArray(g.method)) json.method_choice = [...(g.method as string[])];
  }
  if (!json.events && g.clock.dt_ !== DEFAULT_DT) json.dt = dt;
  const regular = regularJSON(g);
  if (regular) json.run_regularly = regular;
  if (g.linkedVariables.size > 0) {
    json.linked_variables = {};
    for (const [name, link] of g.linkedVariables) {
      const index = link.spec.index;
      json.linked_variables[name] = {
        source: spikeSource(rangeOf(link.spec.group)),
        variable: link.variable,
        ...(index === undefined ? {} : { index: typeof index === 'string' ? index : Array.from(index) }),
      };
    }
  }
  return json;
}

function poissonGroupJSON(p: PoissonGroup, ns: Namespace) {
  const model = p.analyse(ns);
  const expr = p.equations.variables.get('rates');
  let rates: QuantityJSON | string;
  if (expr?.exprText !== undefined && expr.kind === SUBEXPRESSION) rates = expr.exprText;
  else {
    const first = [...constructorEntries(p)][0];
    rates = first && first.kind === 'initializer' ? valueJSON(first.value, HERTZ, first.si) : quantityJSON(0, HERTZ);
  }
  const json: PoissonGroupJSON = { name: p.name, N: p.N, rates };
  const ids = { ...identifiersJSON(model.identifiers), ...codeIdentifiers(p, p.regularOperations.map((r) => r.code), ns) };
  if (Object.keys(ids).length > 0) json.identifiers = ids;
  if (p.clock.dt_ !== DEFAULT_DT) json.dt = dtOf(p);
  if (p.order !== 0) json.order = p.order;
  const regular = regularJSON(p);
  if (regular) json.run_regularly = regular;
  return json;
}

function inSeconds(values: ArrayLike<number>): QuantityJSON {
  const list = Array.from(values);
  const str = list.length > LONG_ARRAY ? `<array of ${list.length}, unit s>` : `${formatNumpyArray(list)} s`;
  return { str, value: list, dim: 's' };
}

function spikeGeneratorJSON(g: SpikeGeneratorGroup) {
  const { indices, times, period } = g.spikes;
  const json: SpikeGeneratorGroupJSON = {
    name: g.name,
    N: g.N,
    indices: Array.from(indices),
    // brian2tools builds Quantity(times, second) with a Unit as the dimension:
    // Brian2 then finds no display unit and prints seconds ("[0.001 0.002] s").
    times: inSeconds(times),
    period: quantityJSON(period, SECOND),
  };
  if (g.clock.dt_ !== DEFAULT_DT) json.dt = dtOf(g);
  if (g.order !== 0) json.order = g.order;
  const regular = regularJSON(g);
  if (regular) json.run_regularly = regular;
  return json;
}

function synapsesJSON(s: Synapses, ns: Namespace): SynapsesJSON {
  const model = s.analyse(ns);
  const json: SynapsesJSON = { name: s.name, source: spikeSource(s.sourceRange), target: spikeSource(s.targetRange) };
  const equations: Record<string, EquationJSON> = {};
  const summed = [];
  for (const v of s.equations.variables.values()) {
    if (v.flags.includes('summed')) {
      const post = v.name.endsWith('_post');
      const range = post ? s.targetRange : s.sourceRange;
      summed.push({
        code: v.exprText ?? '',
        target: spikeSource(range),
        name: `${s.name}_summed_variable_${v.name}`,
        dt: dtOf(range.group),
        when: 'groups',
        order: range.group.order - 1,
      });
    } else {
      equations[v.name] = equationJSON(v);
    }
  }
  if (model.eventDriven.length > 0 && !equations.lastupdate) {
    equations.lastupdate = { unit: unitJSON(SECOND), type: 'parameter', var_type: 'float' };
  }
  if (Object.keys(equations).length > 0) json.equations = equations;
  if (model.clockDriven.length > 0) {
    if (typeof s.method === 'string') json.user_method = s.method;
    else {
      if (s.methodUsed) json.method = s.methodUsed;
      if (Array.isArray(s.method)) json.method_choice = [...(s.method as string[])];
    }
  }
  if (summed.length > 0) json.summed_variables = summed;
  if (s.pathways.length > 0) {
    json.pathways = s.pathways.map((p) => {
      const pre = p.prepost === 'pre';
      const path: NonNullable<SynapsesJSON['pathways']>[number] = {
        prepost: p.prepost,
        event: p.event,
        code: p.code,
        source: spikeSource(pre ? s.sourceRange : s.targetRange),
        target: spikeSource(pre ? s.targetRange : s.sourceRange),
        name: `${s.name}_${p.name}`,
        dt: dtOf(pre ? s.source : s.target),
        order: pre ? -1 : 1,
        when: 'synapses',
      };
      if (s.variable(p.delayVar).shared) path.delay = quantityJSON(s.variable(p.delayVar).handle.data[0]!, SECOND);
      return path;
    });
  }
  const ids = { ...identifiersJSON(model.identifiers), ...codeIdentifiers(s, s.regularOperations.map((r) => r.code), ns) };
  if (Object.keys(ids).length > 0) json.identifiers = ids;
  // Left out where it is the source group's: the reading brian2tools files need (they never give it).
  if (s.clock.dt_ !== s.source.clock.dt_) json.dt = dtOf(s);
  if (s.order !== 0) json.order = s.order;
  const regular = regularJSON(s);
  if (regular) json.run_regularly = regular;
  return json;
}

/** run_regularly operations as brian2tools lists them. */
function regularJSON(owner: VariableOwner): RunRegularlyJSON[] | undefined {
  const ops = owner.regularOperations;
  return ops.length > 0 ? ops.map((r) => ({ name: r.name, code: r.code, dt: dtOf(r), when: r.when, order: r.order })) : undefined;
}

function poissonInputJSON(p: PoissonInput, ns: Namespace) {
  const json: Record<string, unknown> = {
    target: p.target.name,
    rate: quantityJSON(p.rate, HERTZ),
    N: p.N,
    when: p.when,
    order: p.order,
    dt: dtOf(p),
    weight: typeof p.weight === 'string' ? p.weight : quantityJSON(p.weight.value, p.weight.dim),
    target_var: p.targetVar,
    name: p.name,
  };
  if (typeof p.weight === 'string') {
    const ids = codeIdentifiers(p.target, [p.weight], ns);
    if (ids) json.identifiers = ids;
  }
  return json;
}

function stateMonitorJSON(m: StateMonitor) {
  const indices = Array.from(m.indices);
  return {
    name: m.name,
    source: m.subgroup ? spikeSource(rangeOf(m.subgroup)) : m.source.name,
    variables: [...m.variables],
    record: m.recordAll ? true : indices,
    n_indices: indices.length,
    dt: dtOf(m),
    when: m.when,
    order: m.order,
  };
}

function rangeOfMonitor(m: EventMonitor | PopulationRateMonitor): GroupRange {
  return { group: m.source as unknown as NeuronGroup, offset: m.range.offset, size: m.range.size };
}

function eventMonitorJSON(m: EventMonitor) {
  return {
    name: m.name,
    event: m.event,
    source: spikeSource(rangeOfMonitor(m)),
    source_size: m.range.size,
    variables: ['t', 'i', ...m.variables],
    record: m.record,
    dt: dtOf(m),
    when: m.when,
    order: m.order,
  };
}

function rateMonitorJSON(m: PopulationRateMonitor) {
  return { name: m.name, source: spikeSource(rangeOfMonitor(m)), dt: dtOf(m), when: m.when, order: m.order };
}

// ---------------------------------------------------------------------------
// Initializers and connectors

/** A value as assigned (Quantity, number, string, array …) in the file's quantity encoding. */
function valueJSON(value: unknown, dim: Dimension, si: boolean): QuantityJSON {
  if (typeof value === 'string') {
    const q = parseQuantity(value);
    return quantityJSON(q.value, q.dim);
  }
  if (value instanceof Quantity) return quantityJSON(value.value, value.dim);
  if (typeof value === 'boolean') return quantityJSON(value, Dimension.DIMENSIONLESS);
  if (typeof value === 'number') return quantityJSON(value, si ? dim : Dimension.DIMENSIONLESS);
  const arr = Array.from(value as ArrayLike<number | Quantity>);
  if (arr.length > 0 && arr[0] instanceof Quantity) return quantityJSON(arr.map((q) => (q as Quantity).value), (arr[0] as Quantity).dim);
  return quantityJSON(arr as number[], si ? dim : Dimension.DIMENSIONLESS);
}

function usesRandom(code: string): boolean {
  try {
    for (const f of calledFunctions(parseExpression(code))) if (DEFAULT_FUNCTIONS.get(f)?.stateless === false) return true;
  } catch {
    return /\b(rand|randn)\s*\(/.test(code);
  }
  return false;
}

function initializerJSON(e: Extract<HistoryEntry, { kind: 'initializer' }>, owner: VariableOwner, ns: Namespace): InitializerJSON {
  const verbatim = importedIndexRecords.get(e);
  if (verbatim) return verbatim;
  let source: SpikeSourceJSON = owner.name;
  let variable = e.variable;
  if (owner instanceof Synapses) {
    const p = owner.pathways.find((q) => q.delayVar === e.variable);
    if (p) {
      source = `${owner.name}_${p.name}`;
      variable = 'delay';
    }
  }
  // An assignment to a subgroup names the subgroup (stop inclusive, as brian2tools writes it).
  if (e.range) source = { group: owner.name, start: e.range[0], stop: e.range[1] - 1 };
  const dim = owner.variableNames().includes(e.variable) ? owner.variable(e.variable).dim : Dimension.DIMENSIONLESS;
  const json: InitializerJSON = { source, variable, index: true, value: '', type: 'initializer' };
  if (typeof e.value === 'string') {
    // Any string is code for Brian2, a plain quantity ('-70*mV') too; Brian2
    // sets it through its conditional setter, so brian2tools records the
    // index as the condition "True".
    json.index = 'True';
    json.value = e.value;
    const ids = codeIdentifiers(owner, [e.value], ns);
    if (ids) json.identifiers = ids;
    if (e.values && usesRandom(e.value)) json.evaluated = quantityJSON(e.values, dim);
  } else {
    json.value = valueJSON(e.value, dim, e.si);
  }
  return json;
}

function connectJSON(e: Extract<HistoryEntry, { kind: 'connect' }>, s: Synapses, ns: Namespace): ConnectJSON {
  const a = e.args as { i?: number | ArrayLike<number>; j?: number | ArrayLike<number> | string; condition?: string | boolean; p?: number | string; n?: number | string; skip_if_invalid?: boolean };
  const json: ConnectJSON = {
    probability: a.p ?? 1,
    n_connections: a.n ?? 1,
    synapses: s.name,
    source: spikeSource(s.sourceRange),
    target: spikeSource(s.targetRange),
    type: 'connect',
  };
  const list = (x: number | ArrayLike<number>): number | number[] => (typeof x === 'number' ? x : Array.from(x));
  const strings: string[] = [];
  if (typeof a.condition === 'string') {
    json.condition = a.condition;
    strings.push(a.condition);
  } else {
    if (a.i !== undefined) json.i = list(a.i);
    if (a.j !== undefined) json.j = typeof a.j === 'string' ? a.j : list(a.j);
    if (typeof a.j === 'string') strings.push(a.j);
  }
  for (const x of [a.p, a.n]) if (typeof x === 'string') strings.push(x);
  const ids = codeIdentifiers(s, strings, ns);
  if (ids) json.identifiers = ids;
  if (a.skip_if_invalid) json.skip_if_invalid = true;
  const explicit =
    typeof a.condition !== 'string' &&
    a.condition !== false &&
    Array.isArray(json.i) &&
    Array.isArray(json.j) &&
    (a.p ?? 1) === 1 &&
    (a.n ?? 1) === 1 &&
    sameList(json.i, e.i) &&
    sameList(json.j, e.j);
  if (!explicit) json.connectivity = { i: Array.from(e.i), j: Array.from(e.j) };
  return json;
}

function sameList(a: readonly number[], b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}


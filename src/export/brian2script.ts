/**
 * toBrian2Script: a runnable Python script that rebuilds the network in
 * Brian2, runs it (all runs, with their initializers) and — given a file
 * name as argument — writes what the monitors recorded in spikeforge's
 * results format (one entry per monitor, SI units), so both simulators can
 * be compared directly.
 *
 * Values are written so that Python computes exactly the same doubles:
 * `10.0*msecond` where that product is exact, otherwise the SI value times
 * the unscaled unit. Random initial values are written as the values
 * spikeforge drew; connectivity from conditions and probabilities as the
 * synapses spikeforge created.
 */
import type { Network } from '../core/network.ts';
import { DEFAULT_FUNCTIONS } from '../equations/functions.ts';
import { bestUnit, Dimension, formatPythonFloat, formatQuantity, getUnit, isDefaultUnitName, Quantity } from '../units/index.ts';
import { exportModel, type ExportOptions } from './baseexport.ts';
import {
  DEFAULT_DT,
  type ConnectJSON,
  type EquationJSON,
  type EventMonitorJSON,
  type IdentifierJSON,
  type InitializerJSON,
  type ModelJSON,
  type NeuronGroupJSON,
  type PoissonGroupJSON,
  type PopulationRateMonitorJSON,
  type QuantityJSON,
  type RunRegularlyJSON,
  type SpikeSourceJSON,
  type StateMonitorJSON,
  type SynapsesJSON,
  type TimedArrayJSON,
} from './format.ts';
import { compoundDisplayUnit, displayToPython, parseDimension, pythonUnitFromDisplay, pythonUnitOf } from './quantity.ts';

/** The Brian2 script for a network (see exportModel for `options`). */
export function toBrian2Script(network: Network, options: ExportOptions = {}): string {
  return brian2ScriptFromModel(exportModel(network, options));
}

const PYTHON_RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield', 'np', 'json', 'sys', 'net', 'results', 'defaultclock', 'prefs', 'start_scope', 'run', 'seed', 'Network',
  'NeuronGroup', 'Synapses', 'StateMonitor', 'SpikeMonitor', 'EventMonitor', 'PopulationRateMonitor', 'PoissonGroup', 'PoissonInput',
  'SpikeGeneratorGroup', 'TimedArray', 'Quantity', 'Equations', 'Clock', 'device', 'second', 'volt', 'amp', 'metre', 'kilogram',
]);

class Script {
  readonly lines: string[] = [];
  private readonly vars = new Map<string, string>();
  private readonly taVars = new Map<string, string>();

  /** The Python variable holding object `name`. */
  v(name: string): string {
    let out = this.vars.get(name);
    if (out) return out;
    out = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PYTHON_RESERVED.has(name) && !getUnit(name) && !DEFAULT_FUNCTIONS.has(name) ? name : `obj_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    while ([...this.vars.values()].includes(out)) out += '_';
    this.vars.set(name, out);
    return out;
  }

  source(s: SpikeSourceJSON): string {
    return typeof s === 'string' ? this.v(s) : `${this.v(s.group)}[${s.start}:${s.stop + 1}]`;
  }

  timedArray(ta: TimedArrayJSON): string {
    const key = JSON.stringify([ta.name, ta.values.value, ta.dt.value]);
    let out = this.taVars.get(key);
    if (out) return out;
    out = `timedarray_${this.taVars.size + 1}`;
    this.taVars.set(key, out);
    const dim = parseDimension(ta.values.dim);
    const values = ta.values.value as number[];
    const columns = ta.ndim === 2 ? (ta.shape?.[1] ?? 1) : 1;
    const array = ta.ndim === 2 ? `np.array(${pyFloatList(values)}).reshape(${values.length / columns}, ${columns})` : `np.array(${pyFloatList(values)})`;
    this.lines.push(`${out} = TimedArray(${array}${dim.isDimensionless ? '' : ` * ${pythonUnitOf(dim)}`}, dt=${pyQuantity(ta.dt.value as number, Dimension.of([0, 0, 1, 0, 0, 0, 0]))})`);
    return out;
  }

  /** Identifiers that initializers, connect() calls and inputs use, by the object whose namespace resolves them. */
  readonly extraIdentifiers = new Map<string, Record<string, IdentifierJSON>>();

  /** An explicit namespace (always given, so names never come from the script's globals). */
  namespace(owner: string, ids: Record<string, IdentifierJSON> | undefined): string {
    const all = { ...(this.extraIdentifiers.get(owner) ?? {}), ...(ids ?? {}) };
    const items = Object.entries(all).map(([k, v]) => `${pyStr(k)}: ${this.identifier(v)}`);
    return `{${items.join(', ')}}`;
  }

  identifier(v: IdentifierJSON): string {
    if (typeof v === 'number') return pyFloat(v);
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if ('type' in v && v.type === 'timedarray') return this.timedArray(v);
    if ('type' in v) throw new Error('A model with a custom function cannot be written as a Brian2 script');
    return pyQuantityJSON(v);
  }
}

export function brian2ScriptFromModel(model: ModelJSON): string {
  const s = new Script();
  const out = s.lines;
  const title = model.name ? `${model.name}: ` : '';
  out.push(
    '#!/usr/bin/env python3',
    `"""${title}a Brian2 network written by spikeforge from its model description.`,
    '',
    'Run it with Brian2 (2.5):  python3 script.py [results.json]',
    'With a file name, it writes what the monitors recorded as JSON: one entry',
    'per monitor, by name, in SI units (SpikeMonitor: i, t, count; StateMonitor:',
    't and one list per recorded index for each variable; PopulationRateMonitor:',
    't, rate) -- the format of `spikeforge run --out`.',
    '"""',
    'import json',
    'import sys',
    '',
    'import numpy as np',
    'from brian2 import *',
    '',
    "prefs.codegen.target = 'numpy'",
  );
  // The time step most groups use becomes defaultclock.dt; others get dt=.
  const dts = new Map<number, number>();
  const groupDt = (g: { events?: NeuronGroupJSON['events']; dt?: QuantityJSON }): number => {
    if (g.dt) return g.dt.value as number;
    for (const ev of Object.values(g.events ?? {})) return ev.threshold.dt.value as number;
    return DEFAULT_DT;
  };
  for (const run of model.runs) {
    for (const g of run.components.neurongroup ?? []) dts.set(groupDt(g), (dts.get(groupDt(g)) ?? 0) + 1);
    for (const g of [...(run.components.poissongroup ?? []), ...(run.components.spikegeneratorgroup ?? [])]) dts.set(groupDt(g), (dts.get(groupDt(g)) ?? 0) + 1);
  }
  const defaultDt = [...dts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_DT;
  const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);
  out.push(`defaultclock.dt = ${pyQuantity(defaultDt, SECOND)}`);
  // Compound units the original created: Brian2 prints quantities with them only once they exist.
  const compounds: string[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.str === 'string' && typeof o.dim === 'string' && 'value' in o) {
        const unit = compoundDisplayUnit(o.str);
        const py = unit === undefined ? undefined : displayToPython(unit, true);
        if (py && !compounds.includes(py)) compounds.push(py);
      } else Object.values(o).forEach(visit);
    }
  };
  visit(model.runs);
  if (compounds.length) out.push(`_display_units = [${compounds.join(', ')}]  # units the model's quantities are shown in`);
  out.push('');

  // Names used by initializers, connect() and PoissonInput weights join the namespace of the object that resolves them.
  for (const run of model.runs) {
    const merge = (owner: string, ids: Record<string, IdentifierJSON> | undefined): void => {
      if (ids) s.extraIdentifiers.set(owner, { ...(s.extraIdentifiers.get(owner) ?? {}), ...ids });
    };
    for (const rec of run.initializers_connectors ?? []) {
      if (rec.type === 'connect') merge(rec.synapses, rec.identifiers);
      else merge(typeof rec.source === 'string' ? (s_hasObject(model, rec.source) ? rec.source : (findPathwayOwner(model, rec.source) ?? rec.source)) : rec.source.group, rec.identifiers);
    }
    for (const p of run.components.poissoninput ?? []) merge(p.target, p.identifiers);
  }
  const dtOf = new Map<string, number>();
  const made = new Set<string>();
  const monitors: Array<{ kind: string; json: StateMonitorJSON | EventMonitorJSON | PopulationRateMonitorJSON }> = [];
  const runMembers: string[][] = [];
  const links: string[] = [];

  const kw = (args: Array<string | undefined>): string => args.filter((a): a is string => a !== undefined).join(', ');
  const dtArg = (dt: number): string | undefined => (dt === defaultDt ? undefined : `dt=${pyQuantity(dt, SECOND)}`);

  model.runs.forEach((run, k) => {
    const c = run.components;
    const members: string[] = [];
    const header = (text: string): void => {
      out.push(`# ${text}`);
    };
    for (const g of c.neurongroup ?? []) {
      members.push(g.name);
      if (made.has(g.name)) continue;
      made.add(g.name);
      const dt = groupDt(g);
      dtOf.set(g.name, dt);
      header(`NeuronGroup '${g.name}'`);
      const ns = s.namespace(g.name, g.identifiers);
      const spike = g.events?.spike;
      const custom = Object.entries(g.events ?? {}).filter(([e]) => e !== 'spike');
      const resetInline = spike?.reset && spike.reset.when === 'resets' && spike.reset.order === g.order;
      const args = kw([
        String(g.N),
        equationsArg(g.equations),
        spike ? `threshold=${pyStr(spike.threshold.code)}` : undefined,
        resetInline ? `reset=${pyStr(spike!.reset!.code)}` : undefined,
        spike?.refractory !== undefined ? `refractory=${typeof spike.refractory === 'string' ? pyStr(spike.refractory) : pyQuantityJSON(spike.refractory)}` : undefined,
        custom.length > 0 ? `events={${custom.map(([e, ev]) => `${pyStr(e)}: ${pyStr(ev.threshold.code)}`).join(', ')}}` : undefined,
        methodArg(g.user_method, g.method_choice, g.method),
        `namespace=${ns}`,
        dtArg(dt),
        g.order !== 0 ? `order=${g.order}` : undefined,
        `name=${pyStr(g.name)}`,
      ]);
      out.push(`${s.v(g.name)} = NeuronGroup(${args})`);
      if (spike?.reset && !resetInline) out.push(`${s.v(g.name)}.run_on_event('spike', ${pyStr(spike.reset.code)}, when=${pyStr(spike.reset.when)}, order=${spike.reset.order})`);
      for (const [e, ev] of custom) if (ev.reset) out.push(`${s.v(g.name)}.run_on_event(${pyStr(e)}, ${pyStr(ev.reset.code)}, when=${pyStr(ev.reset.when)}, order=${ev.reset.order})`);
      out.push(...regularCalls(s.v(g.name), g.run_regularly, dt), '');
      for (const [name, l] of Object.entries(g.linked_variables ?? {})) {
        const index = l.index === undefined ? '' : typeof l.index === 'string' ? `, index=${pyStr(l.index)}` : `, index=np.array(${pyList(l.index)}, dtype=int)`;
        links.push(`${s.v(g.name)}.${name} = linked_var(${s.source(l.source)}, ${pyStr(l.variable)}${index})`);
      }
    }
    for (const g of c.poissongroup ?? []) {
      members.push(g.name);
      if (made.has(g.name)) continue;
      made.add(g.name);
      dtOf.set(g.name, groupDt(g));
      header(`PoissonGroup '${g.name}'`);
      out.push(`${s.v(g.name)} = PoissonGroup(${kw([String(g.N), `rates=${poissonRates(g)}`, `namespace=${s.namespace(g.name, g.identifiers)}`, dtArg(groupDt(g)), g.order ? `order=${g.order}` : undefined, `name=${pyStr(g.name)}`])})`, ...regularCalls(s.v(g.name), g.run_regularly, groupDt(g)), '');
    }
    for (const g of c.spikegeneratorgroup ?? []) {
      members.push(g.name);
      if (made.has(g.name)) continue;
      made.add(g.name);
      dtOf.set(g.name, groupDt(g));
      header(`SpikeGeneratorGroup '${g.name}'`);
      out.push(`${s.v(g.name)} = SpikeGeneratorGroup(${kw([String(g.N), `indices=np.array(${pyList(g.indices)}, dtype=int)`, `times=${pyArray(g.times)}`, (g.period.value as number) !== 0 ? `period=${pyQuantityJSON(g.period)}` : undefined, dtArg(groupDt(g)), g.order ? `order=${g.order}` : undefined, `name=${pyStr(g.name)}`])})`, ...regularCalls(s.v(g.name), g.run_regularly, groupDt(g)), '');
    }
    if (links.length > 0) out.push('# Linked variables', ...links.splice(0), '');
    for (const syn of c.synapses ?? []) {
      members.push(syn.name);
      if (made.has(syn.name)) continue;
      made.add(syn.name);
      const srcName = typeof syn.source === 'string' ? syn.source : syn.source.group;
      dtOf.set(syn.name, syn.dt ? (syn.dt.value as number) : (dtOf.get(srcName) ?? defaultDt));
      header(`Synapses '${syn.name}'`);
      out.push(`${s.v(syn.name)} = Synapses(${synapsesArgs(s, syn, model, dtArg, dtOf.get(syn.name)!)})`, ...regularCalls(s.v(syn.name), syn.run_regularly, dtOf.get(syn.name)!), '');
    }
    for (const p of c.poissoninput ?? []) {
      const key = p.name ?? `poissoninput_${k}_${members.length}`;
      members.push(key);
      if (made.has(key)) continue;
      made.add(key);
      header(`PoissonInput${p.name ? ` '${p.name}'` : ''}`);
      const weight = typeof p.weight === 'string' ? pyStr(p.weight) : pyQuantityJSON(p.weight);
      out.push(`${s.v(key)} = PoissonInput(${kw([s.v(p.target), pyStr(p.target_var), String(p.N), pyQuantityJSON(p.rate), `weight=${weight}`, p.when !== 'synapses' ? `when=${pyStr(p.when)}` : undefined, p.order !== 0 ? `order=${p.order}` : undefined])})`, '');
    }
    const inits = run.initializers_connectors ?? [];
    if (inits.length) {
      out.push(k === 0 ? '# Initial values and connections' : `# Changes before run ${k + 1}`);
      for (const rec of inits) out.push(...(rec.type === 'connect' ? connectLines(s, rec) : initializerLines(s, rec, model)));
      out.push('');
    }
    for (const m of c.statemonitor ?? []) {
      members.push(m.name);
      if (made.has(m.name)) continue;
      made.add(m.name);
      monitors.push({ kind: 'state', json: m });
      const srcDt = dtOf.get(typeof m.source === 'string' ? m.source : m.source.group);
      const dt = m.dt.value as number;
      out.push(
        `${s.v(m.name)} = StateMonitor(${kw([
          s.source(m.source),
          `[${m.variables.map(pyStr).join(', ')}]`,
          `record=${m.record === true ? 'True' : pyList(m.record as number[])}`,
          srcDt === undefined || dt !== srcDt ? `dt=${pyQuantity(dt, SECOND)}` : undefined,
          m.when !== 'start' ? `when=${pyStr(m.when)}` : undefined,
          m.order !== 0 ? `order=${m.order}` : undefined,
          `name=${pyStr(m.name)}`,
        ])})`,
      );
    }
    for (const [kind, list] of [['spike', c.spikemonitor ?? []], ['event', c.eventmonitor ?? []]] as const) {
      for (const m of list) {
        members.push(m.name);
        if (made.has(m.name)) continue;
        made.add(m.name);
        monitors.push({ kind: 'event', json: m });
        const cls = kind === 'spike' ? 'SpikeMonitor' : 'EventMonitor';
        const defaultWhen = m.event === 'spike' ? 'thresholds' : 'after_thresholds';
        const sourceName = typeof m.source === 'string' ? m.source : m.source.group;
        // Brian2's default order is the source's + 1, and a subgroup's order is its group's + 1.
        const sourceOrder = groupOrder(model, sourceName) + (typeof m.source === 'string' ? 0 : 1);
        // Brian2 needs `when` whenever `order` is given.
        const custom = m.when !== defaultWhen || m.order !== sourceOrder + 1;
        out.push(
          `${s.v(m.name)} = ${cls}(${kw([
            s.source(m.source),
            kind === 'event' ? pyStr(m.event) : undefined,
            extraVariables(m).length > 0 ? `variables=[${extraVariables(m).map(pyStr).join(', ')}]` : undefined,
            m.record === false ? 'record=False' : undefined,
            custom ? `when=${pyStr(m.when)}` : undefined,
            custom ? `order=${m.order}` : undefined,
            `name=${pyStr(m.name)}`,
          ])})`,
        );
      }
    }
    for (const m of c.populationratemonitor ?? []) {
      members.push(m.name);
      if (made.has(m.name)) continue;
      made.add(m.name);
      monitors.push({ kind: 'rate', json: m });
      out.push(`${s.v(m.name)} = PopulationRateMonitor(${kw([s.source(m.source), `name=${pyStr(m.name)}`])})`);
      if (m.when !== 'end') out.push(`${s.v(m.name)}.when = ${pyStr(m.when)}`);
      if (m.order !== 0) out.push(`${s.v(m.name)}.order = ${m.order}`);
    }
    runMembers.push(members);
    out.push('');
    if (k === 0) out.push(`net = Network(${members.map((n) => s.v(n)).join(', ')})`);
    else {
      const before = new Set(runMembers[k - 1]);
      const now = new Set(members);
      const removed = [...before].filter((n) => !now.has(n));
      const added = members.filter((n) => !before.has(n));
      if (removed.length) out.push(`net.remove(${removed.map((n) => s.v(n)).join(', ')})`);
      if (added.length) out.push(`net.add(${added.map((n) => s.v(n)).join(', ')})`);
    }
    for (const n of members) if ((run.inactive ?? []).includes(n)) out.push(`${s.v(n)}.active = False`);
    for (const n of runMembers[k - 1] ?? []) if (members.includes(n) && !(run.inactive ?? []).includes(n) && (model.runs[k - 1]!.inactive ?? []).includes(n)) out.push(`${s.v(n)}.active = True`);
    out.push(`net.run(${pyQuantityJSON(run.duration)})`, '');
  });

  out.push('results = {}');
  for (const { kind, json } of monitors) {
    const m = s.v(json.name);
    if (kind === 'state') {
      const vars = (json as StateMonitorJSON).variables.map((v) => `${pyStr(v)}: np.asarray(getattr(${m}, ${pyStr(v + '_')})).tolist()`);
      out.push(`results[${pyStr(json.name)}] = {'t': np.asarray(${m}.t_).tolist(), ${vars.join(', ')}}`);
    } else if (kind === 'event') {
      const extra = extraVariables(json as EventMonitorJSON).map((v) => `, ${pyStr(v)}: np.asarray(getattr(${m}, ${pyStr(`${v}_`)})).tolist()`).join('');
      out.push(`results[${pyStr(json.name)}] = {'i': np.asarray(${m}.i).tolist(), 't': np.asarray(${m}.t_).tolist(), 'count': np.asarray(${m}.count).tolist()${extra}}`);
    } else {
      out.push(`results[${pyStr(json.name)}] = {'t': np.asarray(${m}.t_).tolist(), 'rate': np.asarray(${m}.rate_).tolist()}`);
    }
  }
  out.push(
    '',
    'if len(sys.argv) > 1:',
    "    with open(sys.argv[1], 'w') as f:",
    '        json.dump(results, f)',
    'else:',
    '    for name, r in results.items():',
    "        print(name, ', '.join(f'{k}: {len(v)} values' for k, v in r.items()))",
    '',
  );
  return out.join('\n');
}

function equationsArg(eqs: Record<string, EquationJSON>, extra: string[] = [], skip: (n: string) => boolean = () => false): string {
  const lines: string[] = [];
  for (const [name, eq] of Object.entries(eqs)) {
    if (skip(name)) continue;
    const dim = parseDimension(eq.unit.dim);
    const unit = eq.var_type === 'float' ? (pythonUnitFromDisplay(eq.unit.str, dim) ?? pythonUnitOf(dim)) : eq.var_type;
    const flags = eq.flags && eq.flags.length ? ` (${eq.flags.join(', ')})` : '';
    const lhs = eq.type === 'differential equation' ? `d${name}/dt = ${eq.expr}` : eq.type === 'subexpression' ? `${name} = ${eq.expr}` : name;
    lines.push(`${lhs} : ${unit}${flags}`);
  }
  lines.push(...extra);
  if (lines.length === 0) return "''";
  return `'''\n${lines.join('\n')}\n'''`;
}

function methodArg(user: string | null | undefined, choice: string[] | undefined, used: string | undefined): string | undefined {
  if (user) return `method=${pyStr(user)}`;
  if (choice && choice.length) return `method=[${choice.map(pyStr).join(', ')}]`;
  // Brian2 chooses the same method as spikeforge did; name it for the reader.
  return used ? `method=${pyStr(used)}` : undefined;
}

function poissonRates(g: PoissonGroupJSON): string {
  if (typeof g.rates === 'string') return pyStr(g.rates);
  return Array.isArray(g.rates.value) ? pyArray(g.rates) : pyQuantityJSON(g.rates);
}

function synapsesArgs(s: Script, syn: SynapsesJSON, model: ModelJSON, dtArg: (dt: number) => string | undefined, synapsesDt: number): string {
  const eventDriven = Object.values(syn.equations ?? {}).some((e) => e.flags?.includes('event-driven'));
  const extra: string[] = [];
  for (const sv of syn.summed_variables ?? []) {
    const varName = sv.name.slice(`${syn.name}_summed_variable_`.length);
    const targetVar = varName.replace(/_(pre|post)$/, '');
    const group = typeof sv.target === 'string' ? sv.target : sv.target.group;
    let unit = '1';
    for (const run of model.runs) {
      const g = (run.components.neurongroup ?? []).find((x) => x.name === group);
      const eq = g?.equations[targetVar];
      if (eq) unit = pythonUnitOf(parseDimension(eq.unit.dim));
    }
    extra.push(`${varName} = ${sv.code} : ${unit} (summed)`);
  }
  const pre: Record<string, string> = {};
  const post: Record<string, string> = {};
  const delays: Record<string, string> = {};
  const events: Record<string, string> = {};
  for (const p of syn.pathways ?? []) {
    const objname = p.name.slice(syn.name.length + 1);
    (p.prepost === 'pre' ? pre : post)[objname] = p.code;
    if (p.delay) delays[objname] = pyQuantityJSON(p.delay);
    if (p.event !== 'spike') events[objname] = p.event;
  }
  const codes = (m: Record<string, string>, prepost: string): string | undefined => {
    const keys = Object.keys(m);
    if (keys.length === 0) return undefined;
    if (keys.length === 1 && keys[0] === prepost) return pyStr(m[prepost]!);
    return `{${keys.map((k) => `${pyStr(k)}: ${pyStr(m[k]!)}`).join(', ')}}`;
  };
  const delayKeys = Object.keys(delays);
  const preCode = codes(pre, 'pre');
  const postCode = codes(post, 'post');
  const ns = s.namespace(syn.name, syn.identifiers);
  return [
    s.source(syn.source),
    s.source(syn.target),
    `model=${equationsArg(syn.equations ?? {}, extra, (n) => eventDriven && n === 'lastupdate')}`,
    preCode ? `on_pre=${preCode}` : undefined,
    postCode ? `on_post=${postCode}` : undefined,
    delayKeys.length === 1 && delayKeys[0] === 'pre' ? `delay=${delays.pre}` : delayKeys.length ? `delay={${delayKeys.map((k) => `${pyStr(k)}: ${delays[k]}`).join(', ')}}` : undefined,
    Object.keys(events).length ? `on_event={${Object.entries(events).map(([k, e]) => `${pyStr(k)}: ${pyStr(e)}`).join(', ')}}` : undefined,
    methodArg(syn.user_method, syn.method_choice, syn.method),
    `namespace=${ns}`,
    // Brian2 puts Synapses on the default clock; a model file without dt means the source group's.
    dtArg(synapsesDt),
    syn.order ? `order=${syn.order}` : undefined,
    `name=${pyStr(syn.name)}`,
  ]
    .filter((x): x is string => x !== undefined)
    .join(', ');
}

function initializerLines(s: Script, rec: InitializerJSON, model: ModelJSON): string[] {
  let target: string;
  let variable = rec.variable;
  const src = rec.source;
  if (typeof src === 'string' && !s_hasObject(model, src)) {
    // a synaptic pathway's delay: '<synapses>_<pathway>'
    const syn = findPathwayOwner(model, src);
    if (!syn) throw new Error(`Unknown source '${src}'`);
    const objname = src.slice(syn.length + 1);
    target = objname === 'pre' ? s.v(syn) : `${s.v(syn)}.${objname}`;
    variable = 'delay';
  } else {
    target = s.source(src);
  }
  const index = rec.index === true || rec.index === 'True' ? '' : typeof rec.index === 'number' ? `[${rec.index}]` : typeof rec.index === 'string' ? `[${pyStr(rec.index)}]` : `[${pyList(rec.index as number[])}]`;
  const lhs = index ? `${target}.${variable}${index}` : `${target}.${variable}`;
  if (typeof rec.value === 'string') {
    if (rec.evaluated) return [`# ${variable} = ${JSON.stringify(rec.value)}: the values spikeforge drew`, `${lhs} = ${pyArray(rec.evaluated)}`];
    return [`${lhs} = ${pyStr(rec.value)}`];
  }
  return [`${lhs} = ${Array.isArray(rec.value.value) ? pyArray(rec.value) : pyQuantityJSON(rec.value)}`];
}

function groupOrder(model: ModelJSON, name: string): number {
  for (const run of model.runs) {
    for (const g of run.components.neurongroup ?? []) if (g.name === name) return g.order;
    for (const g of [...(run.components.poissongroup ?? []), ...(run.components.spikegeneratorgroup ?? [])]) if (g.name === name) return g.order ?? 0;
  }
  return 0;
}

function s_hasObject(model: ModelJSON, name: string): boolean {
  for (const run of model.runs) for (const list of Object.values(run.components) as Array<Array<{ name?: string }>>) if (list.some((o) => o.name === name)) return true;
  return false;
}

function findPathwayOwner(model: ModelJSON, pathway: string): string | undefined {
  for (const run of model.runs) for (const syn of run.components.synapses ?? []) if ((syn.pathways ?? []).some((p) => p.name === pathway)) return syn.name;
  return undefined;
}

function connectLines(s: Script, rec: ConnectJSON): string[] {
  const S = s.v(rec.synapses);
  if (rec.connectivity) {
    const what = [rec.condition ? `condition=${JSON.stringify(rec.condition)}` : undefined, rec.j !== undefined && typeof rec.j === 'string' ? `j=${JSON.stringify(rec.j)}` : undefined, rec.probability !== 1 ? `p=${rec.probability}` : undefined, rec.n_connections !== 1 ? `n=${rec.n_connections}` : undefined]
      .filter(Boolean)
      .join(', ');
    return [`# connect(${what}): the synapses spikeforge created`, `${S}.connect(i=np.array(${pyList(rec.connectivity.i)}, dtype=int), j=np.array(${pyList(rec.connectivity.j)}, dtype=int))`];
  }
  const args: string[] = [];
  if (rec.condition !== undefined) args.push(`condition=${pyStr(rec.condition)}`);
  if (rec.i !== undefined) args.push(`i=${typeof rec.i === 'number' ? rec.i : `np.array(${pyList(rec.i)}, dtype=int)`}`);
  if (rec.j !== undefined) args.push(`j=${typeof rec.j === 'number' ? rec.j : typeof rec.j === 'string' ? pyStr(rec.j) : `np.array(${pyList(rec.j)}, dtype=int)`}`);
  if (rec.probability !== 1) args.push(`p=${typeof rec.probability === 'string' ? pyStr(rec.probability) : pyFloat(rec.probability)}`);
  if (rec.n_connections !== 1) args.push(`n=${typeof rec.n_connections === 'string' ? pyStr(rec.n_connections) : rec.n_connections}`);
  if (rec.skip_if_invalid) args.push('skip_if_invalid=True');
  return [`${S}.connect(${args.join(', ')})`];
}

// ---------------------------------------------------------------------------
// Python literals

export function pyStr(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "float('nan')";
  if (!Number.isFinite(x)) return x > 0 ? "float('inf')" : "-float('inf')";
  return formatPythonFloat(x);
}

/** A Python list of the given item texts, wrapped at about 100 characters. */
function wrapList(items: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && line.length + item.length + 2 > 100) {
      lines.push(line + ',');
      line = '';
    }
    line += (line ? ', ' : '') + item;
  }
  if (line) lines.push(line);
  return lines.length <= 1 ? `[${lines[0] ?? ''}]` : `[\n    ${lines.join('\n    ')},\n]`;
}

/** Whole numbers (indices). */
function pyList(values: readonly number[]): string {
  return wrapList(values.map((x) => String(x)));
}

/** Floats, each with Python's repr (1.0, not 1). */
function pyFloatList(values: readonly number[]): string {
  return wrapList(values.map(pyFloat));
}

function pyArray(q: QuantityJSON): string {
  const dim = parseDimension(q.dim);
  const values = Array.isArray(q.value) ? q.value : [Number(q.value)];
  return `np.array(${pyFloatList(values)})${dim.isDimensionless ? '' : ` * ${pythonUnitOf(dim)}`}`;
}

function pyQuantityJSON(q: QuantityJSON): string {
  if (Array.isArray(q.value)) return pyArray(q);
  return pyQuantity(Number(q.value), parseDimension(q.dim));
}

/**
 * A scalar quantity as Python that evaluates to exactly `value`: "10.0*msecond"
 * when 10.0 × msecond is exactly the value, otherwise "<SI value> * <unscaled unit>".
 */
export function pyQuantity(value: number, dim: Dimension): string {
  if (dim.isDimensionless) return pyFloat(value);
  if (Number.isFinite(value) && value !== 0) {
    const unit = bestUnit(value, dim);
    if (unit && !unit.compound && isDefaultUnitName(unit.name)) {
      const shown = formatQuantity(new Quantity(value, dim)).split(' ')[0]!;
      const x = Number(shown);
      if (Number.isFinite(x) && x * unit.scale === value) return `${formatPythonFloat(x)}*${unit.name}`;
    }
  }
  return `${pyFloat(value)}*${pythonUnitOf(dim).includes(' ') ? `(${pythonUnitOf(dim)})` : pythonUnitOf(dim)}`;
}

/** `G.run_regularly(...)` lines; dt only where it differs from the owner's. */
function regularCalls(variable: string, ops: readonly RunRegularlyJSON[] | undefined, ownerDt: number): string[] {
  return (ops ?? []).map((r) => {
    const args = [pyStr(r.code)];
    if ((r.dt.value as number) !== ownerDt) args.push(`dt=${pyQuantityJSON(r.dt)}`);
    if (r.when !== 'start') args.push(`when=${pyStr(r.when)}`);
    if (r.order !== 0) args.push(`order=${r.order}`);
    args.push(`name=${pyStr(r.name)}`);
    return `${variable}.run_regularly(${args.join(', ')})`;
  });
}

/** The variables an event monitor records besides `i` and `t`. */
function extraVariables(m: EventMonitorJSON): string[] {
  return (m.variables ?? []).filter((v) => v !== 'i' && v !== 't');
}

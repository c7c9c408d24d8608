/**
 * importModel: a runnable network from a model file (brian2tools' baseexport
 * structure, as written by exportModel or by Brian2). Everything is checked;
 * a problem is reported as a ModelFileError naming the JSON path
 * (`runs[0].components.neurongroup[0].equations.v.expr`) and what was expected.
 *
 * All objects of all runs are built at once; the network holds the first
 * run's objects, with that run's initializers and connect() calls applied.
 * `runs[k].run()` (or `model.run()` for all of them) applies a run's
 * initializers, sets the network's members and runs it.
 */
import { ModelError } from '../parsing/diagnostics.ts';
import { parseExpression } from '../parsing/expressions.ts';
import { parseStatements } from '../parsing/statements.ts';
import type { NamespaceValue } from '../equations/namespace.ts';
import { slotIndex, type SimObject } from '../core/base.ts';
import { Clock } from '../core/clock.ts';
import { VariableOwner } from '../core/group.ts';
import { nextSequence, type HistoryEntry } from '../core/history.ts';
import { Network, type RunOptions } from '../core/network.ts';
import { NeuronGroup } from '../core/neurongroup.ts';
import { linkedVar } from '../core/linked.ts';
import { PoissonGroup, PoissonInput } from '../core/poisson.ts';
import { SECOND } from '../core/quantities.ts';
import { SpikeGeneratorGroup } from '../core/spikegenerator.ts';
import { Subgroup } from '../core/subgroup.ts';
import { Synapses, type ConnectArgs } from '../core/synapses.ts';
import { TimedArray } from '../core/timedarray.ts';
import { StateMonitor } from '../monitors/statemonitor.ts';
import { EventMonitor, SpikeMonitor } from '../monitors/spikemonitor.ts';
import { PopulationRateMonitor } from '../monitors/ratemonitor.ts';
import { Dimension, formatDimension, Quantity } from '../units/index.ts';
import { COMPONENT_KINDS, DEFAULT_DT, METADATA_KEYS, type InitializerConnectorJSON, type InitializerJSON, type ModelJSON } from './format.ts';
import { importedIndexRecords, importedTimedArrayNames, importPlans, type PlannedRun } from './plan.ts';
import { pythonUnitFromDisplay, pythonUnitOf } from './quantity.ts';
import { at, boolean, describe, fail, integer, integerList, list, ModelFileError, name as readName, object, oneOf, quantity, string, type JSONObject } from './validate.ts';

const HERTZ = Dimension.of([0, 0, -1, 0, 0, 0, 0]);

export { ModelFileError };

export interface ImportedRun {
  /** The run's duration. */
  duration: Quantity;
  /** Apply this run's initializers and connect() calls (once; later calls do nothing). */
  apply(): void;
  /** Apply the initializers, put this run's objects in the network, and run it. */
  run(options?: RunOptions): Promise<void>;
}

export interface ImportedModel {
  network: Network;
  /** Every object by name: groups, synapses, monitors, PoissonInputs, and TimedArrays (by their Brian2 name). */
  objects: Record<string, SimObject | TimedArray>;
  runs: ImportedRun[];
  /** Run all runs of the file in order. */
  run(options?: RunOptions): Promise<void>;
}

type Group = NeuronGroup;

/** A JSON path and the message to show there. */
interface Located {
  path: string;
  message: string;
}

interface Built {
  obj: SimObject;
  kind: string;
  path: string;
  /** The namespace object given to the object (filled with identifiers; more may be added). */
  namespace?: Record<string, NamespaceValue>;
}

/**
 * Build a runnable network from a model file's JSON (already parsed).
 * Throws ModelFileError (with `.path`) for anything that is not a valid model.
 */
export function importModel(json: unknown): ImportedModel {
  return new Importer().read(json);
}

class Importer {
  private readonly objects = new Map<string, Built>();
  private readonly clocks = new Map<number, Clock>();
  private readonly timedArrays = new Map<string, { ta: TimedArray; values: number[] }>();
  /** Work left until a run's initializers are applied (StateMonitors of synapses), by run path. */
  private readonly afterApply = new Map<string, () => void>();
  private readonly unnamedInputs = new Map<string, SimObject>();

  read(json: unknown): ImportedModel {
    const root = object(json, '', ['runs'], METADATA_KEYS);
    for (const key of METADATA_KEYS) if (key in root) string(root[key], key);
    const runsJSON = list(root.runs, 'runs', 'a list of runs');
    if (runsJSON.length === 0) fail('runs', 'the list is empty; expected at least one run');
    const plan: PlannedRun[] = [];
    runsJSON.forEach((r, k) => {
      plan.push(this.readRun(r, `runs[${k}]`));
      if (k === 0) this.applyRun(plan[0]!, 0);
    });
    const network = new Network(...plan[0]!.members);
    importPlans.set(network, { runs: plan });
    const runs: ImportedRun[] = plan.map((p, k) => ({
      duration: new Quantity(p.duration, SECOND),
      apply: () => this.applyRun(p, k),
      run: async (options?: RunOptions) => {
        this.applyRun(p, k);
        for (const o of network.members) if (!p.members.includes(o)) network.remove(o);
        network.add(...p.members);
        await network.run(new Quantity(p.duration, SECOND), options);
      },
    }));
    const objects: Record<string, SimObject | TimedArray> = {};
    for (const [n, b] of this.objects) objects[n] = b.obj;
    for (const [n, { ta }] of this.timedArrays) objects[n] ??= ta;
    return {
      network,
      objects,
      runs,
      run: async (options?: RunOptions) => {
        for (const r of runs) await r.run(options);
      },
    };
  }

  private applyRun(p: PlannedRun, k: number): void {
    if (p.applied) return;
    p.records.forEach((rec, m) => this.apply(rec, `runs[${k}].initializers_connectors[${m}]`));
    this.afterApply.get(`runs[${k}]`)?.();
    p.applied = true;
  }

  // -------------------------------------------------------------------------
  // Runs and components

  private readRun(value: unknown, path: string): PlannedRun {
    const run = object(value, path, ['duration', 'components'], ['initializers_connectors', 'inactive']);
    const duration = quantity(run.duration, at(path, 'duration'), { dim: SECOND, shape: 'scalar', what: 'the run duration, e.g. {"str": "100. ms", "value": 0.1, "dim": "s"}' });
    if (!((duration.value as number) >= 0)) fail(at(path, 'duration'), 'expected a duration ≥ 0');
    const comps = object(run.components, at(path, 'components'), [], COMPONENT_KINDS);
    const members: SimObject[] = [];
    const deferred: Array<() => SimObject> = [];
    const pendingComponents: Array<{ kind: string; json: unknown }> = [];
    const order = ['neurongroup', 'poissongroup', 'spikegeneratorgroup', 'synapses', 'poissoninput', 'statemonitor', 'spikemonitor', 'eventmonitor', 'populationratemonitor'] as const;
    for (const kind of order) {
      if (kind === 'synapses') this.linkGroups();
      if (!(kind in comps)) continue;
      const items = list(comps[kind], at(at(path, 'components'), kind), `a list of ${kind} descriptions`);
      items.forEach((item, k) => {
        const itemPath = `${at(at(path, 'components'), kind)}[${k}]`;
        // A StateMonitor of synapses needs the synapses to exist: it is made after this run's connect() calls.
        const src = kind === 'statemonitor' && typeof item === 'object' && item !== null ? (item as JSONObject).source : undefined;
        const name = typeof item === 'object' && item !== null ? (item as JSONObject).name : undefined;
        if (typeof src === 'string' && this.objects.get(src)?.obj instanceof Synapses && !(typeof name === 'string' && this.objects.has(name))) {
          deferred.push(() => this.component(kind, item, itemPath));
          pendingComponents.push({ kind, json: item });
        } else members.push(this.component(kind, item, itemPath));
      });
    }
    this.linkGroups();
    const inactive = run.inactive === undefined ? [] : list(run.inactive, at(path, 'inactive'), 'a list of object names').map((x, k) => string(x, at(at(path, 'inactive'), k)));
    const deactivate = (): void =>
      inactive.forEach((n, k) => {
        const o = members.find((m) => m.name === n);
        if (!o) fail(at(at(path, 'inactive'), k), `'${n}' is not a component of this run`);
        o.active = false;
      });
    if (deferred.length === 0) deactivate();
    else {
      this.afterApply.set(path, () => {
        for (const make of deferred) members.push(make());
        pendingComponents.length = 0;
        deactivate();
      });
    }
    const records = run.initializers_connectors === undefined ? [] : (list(run.initializers_connectors, at(path, 'initializers_connectors')) as InitializerConnectorJSON[]);
    // Check every record now (syntax, names, units) so that errors show up at import.
    records.forEach((rec, m) => this.checkRecord(rec, `${at(path, 'initializers_connectors')}[${m}]`));
    return { duration: duration.value as number, members, pendingComponents, records, applied: false };
  }

  private component(kind: (typeof COMPONENT_KINDS)[number], value: unknown, path: string): SimObject {
    const n = typeof value === 'object' && value !== null && typeof (value as JSONObject).name === 'string' ? ((value as JSONObject).name as string) : undefined;
    if (n !== undefined) {
      const known = this.objects.get(n);
      if (known) {
        if (known.kind !== kind) fail(at(path, 'name'), `'${n}' is already a ${known.kind} (${known.path}); names must be unique`);
        return known.obj;
      }
    }
    // brian2tools gives PoissonInputs no name: the same input in a later run is the same object.
    const unnamedKey = kind === 'poissoninput' && n === undefined ? JSON.stringify(value) : undefined;
    if (unnamedKey !== undefined) {
      const known = this.unnamedInputs.get(unnamedKey);
      if (known) return known;
    }
    let built: Built;
    switch (kind) {
      case 'neurongroup':
        built = this.neuronGroup(value, path);
        break;
      case 'poissongroup':
        built = this.poissonGroup(value, path);
        break;
      case 'spikegeneratorgroup':
        built = this.spikeGenerator(value, path);
        break;
      case 'synapses':
        built = this.synapses(value, path);
        break;
      case 'poissoninput':
        built = this.poissonInput(value, path);
        break;
      case 'statemonitor':
        built = this.stateMonitor(value, path);
        break;
      case 'spikemonitor':
      case 'eventmonitor':
        built = this.eventMonitor(value, path, kind);
        break;
      case 'populationratemonitor':
        built = this.rateMonitor(value, path);
        break;
    }
    this.objects.set(built.obj.name, built);
    if (unnamedKey !== undefined) this.unnamedInputs.set(unnamedKey, built.obj);
    return built.obj;
  }

  private clock(dt: number): Clock {
    let c = this.clocks.get(dt);
    if (!c) this.clocks.set(dt, (c = new Clock(new Quantity(dt, SECOND))));
    return c;
  }

  private dtOf(value: unknown, path: string): number {
    const q = quantity(value, path, { dim: SECOND, shape: 'scalar', what: 'a time step, e.g. {"str": "100. us", "value": 0.0001, "dim": "s"}' });
    if (!((q.value as number) > 0)) fail(path, 'expected a time step > 0');
    return q.value as number;
  }

  private when(value: unknown, path: string): string {
    const w = string(value, path, 'a scheduling slot such as "groups" or "thresholds"');
    try {
      slotIndex(w);
    } catch (e) {
      fail(path, (e as Error).message);
    }
    return w;
  }

  /** Run `build`, reporting model errors and failures of constructors at `path` (or where `locate` says). */
  private guard<T>(path: string, build: () => T, locate?: (e: ModelError) => Located | string | undefined): T {
    try {
      return build();
    } catch (e) {
      if (e instanceof ModelFileError) throw e;
      if (e instanceof ModelError) {
        const where = locate?.(e);
        if (where && typeof where === 'object') throw new ModelFileError(where.path, where.message);
        throw new ModelFileError(where ?? path, e.message.replace(/\n/g, '\n  '));
      }
      if (e instanceof Error) throw new ModelFileError(path, e.message);
      throw e;
    }
  }

  // -------------------------------------------------------------------------
  // Identifiers and equations

  private identifiers(value: unknown, path: string): Record<string, NamespaceValue> {
    const ids = object(value, path, [], Object.keys(typeof value === 'object' && value !== null ? value : {}));
    const ns: Record<string, NamespaceValue> = {};
    for (const [key, v] of Object.entries(ids)) {
      const p = at(path, key);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) fail(p, `'${key}' is not a valid identifier`);
      if (typeof v === 'number') ns[key] = new Quantity(v);
      else if (typeof v === 'boolean') ns[key] = v;
      else if (typeof v === 'object' && v !== null && !Array.isArray(v) && (v as JSONObject).type === 'timedarray') ns[key] = this.timedArray(v, p);
      else if (typeof v === 'object' && v !== null && !Array.isArray(v) && (v as JSONObject).type === 'custom_func') {
        fail(p, `'${key}' is a custom function; model files cannot carry function implementations, only TimedArrays`);
      } else {
        const q = quantity(v, p, { shape: 'scalar', what: 'a quantity like {"str": "10. ms", "value": 0.01, "dim": "s"}, a plain number (dimensionless) or a TimedArray' });
        ns[key] = new Quantity(q.value as number, q.dim);
      }
    }
    return ns;
  }

  private timedArray(value: unknown, path: string): TimedArray {
    const obj = object(value, path, ['type', 'name', 'values', 'dt', 'ndim'], ['shape']);
    const taName = string(obj.name, at(path, 'name'), 'the TimedArray object name');
    const values = quantity(obj.values, at(path, 'values'), { shape: 'array', what: 'the TimedArray values, e.g. {"str": "[0. 1.] nA", "value": [0.0, 1e-9], "dim": "A"}' });
    const dt = this.dtOf(obj.dt, at(path, 'dt'));
    const ndim = integer(obj.ndim, at(path, 'ndim'), 1);
    if (ndim > 2) fail(at(path, 'ndim'), `expected 1 or 2, got ${ndim}`);
    const flat = values.value as number[];
    if (flat.length === 0) fail(at(path, 'values'), 'expected at least one value');
    let columns = 1;
    if (obj.shape !== undefined) {
      const shape = integerList(obj.shape, at(path, 'shape'), 1);
      if (shape.length !== 2 || ndim !== 2) fail(at(path, 'shape'), 'expected [rows, columns] of a 2-D TimedArray');
      if (shape[0]! * shape[1]! !== flat.length) fail(at(path, 'shape'), `${shape[0]}×${shape[1]} does not match the ${flat.length} values`);
      columns = shape[1]!;
    }
    const known = this.timedArrays.get(taName);
    if (known && known.ta.dt === dt && known.ta.dim === values.dim && known.ta.twoD === (ndim === 2) && known.values.length === flat.length && known.values.every((x, k) => x === flat[k])) {
      return known.ta;
    }
    const rows = flat.length / columns;
    const data = ndim === 2 ? Array.from({ length: rows }, (_, r) => flat.slice(r * columns, (r + 1) * columns)) : flat;
    const valid = /^[A-Za-z][A-Za-z0-9_]*$/.test(taName) && !this.timedArrays.has(taName);
    const ta = new TimedArray(data, { dt: new Quantity(dt, SECOND), unit: values.dim, ...(valid ? { name: taName } : {}) });
    if (ta.name !== taName) importedTimedArrayNames.set(ta, taName);
    if (!known) this.timedArrays.set(taName, { ta, values: flat });
    return ta;
  }

  /**
   * Equations JSON to a Brian2 equations string, remembering where each
   * variable's parts are so errors can name `equations.<var>.expr` etc.
   */
  private equations(value: unknown, path: string, extra: Array<{ line: string; path: string }> = [], skip: (name: string, eq: JSONObject) => boolean = () => false) {
    const eqs = object(value, path, [], Object.keys(typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}));
    const lines: string[] = [];
    const where: Array<{ path: string; expr?: [number, number]; unit: [number, number]; flags?: [number, number] }> = [];
    for (const [varName, v] of Object.entries(eqs)) {
      const p = at(path, varName);
      const eq = object(v, p, ['unit', 'type', 'var_type'], ['expr', 'flags']);
      if (skip(varName, eq)) continue;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(varName)) fail(p, `'${varName}' is not a valid variable name`);
      const type = oneOf(eq.type, at(p, 'type'), ['differential equation', 'subexpression', 'parameter'] as const);
      const varType = oneOf(eq.var_type, at(p, 'var_type'), ['float', 'integer', 'boolean'] as const);
      const unit = quantity(eq.unit, at(p, 'unit'), { shape: 'scalar', what: 'a unit like {"str": "V", "value": 1.0, "dim": "m^2 kg s^-3 A^-1"}' });
      const flags = eq.flags === undefined ? [] : list(eq.flags, at(p, 'flags'), 'a list of flags').map((f, k) => string(f, at(at(p, 'flags'), k), 'a flag such as "constant"'));
      flags.forEach((f, k) => {
        if (!/^[A-Za-z][A-Za-z -]*$/.test(f)) fail(at(at(p, 'flags'), k), `'${f}' is not a flag; expected e.g. "constant", "unless refractory", "event-driven"`);
      });
      let expr: string | undefined;
      if (type === 'parameter') {
        if (eq.expr !== undefined) fail(at(p, 'expr'), 'a parameter has no expression; expected no "expr" (or type "subexpression")');
      } else {
        if (eq.expr === undefined) fail(at(p, 'expr'), `missing; expected the right-hand side of the ${type}`);
        expr = string(eq.expr, at(p, 'expr'), 'an expression').replace(/\s*\n\s*/g, ' ');
        try {
          parseExpression(expr);
        } catch (e) {
          if (e instanceof ModelError) fail(at(p, 'expr'), `cannot parse '${expr}': ${e.diagnostic.message}${e.diagnostic.column ? ` (column ${e.diagnostic.column})` : ''}; expected an expression in Brian2's syntax`);
          throw e;
        }
      }
      if (varType !== 'float' && !unit.dim.isDimensionless) fail(at(p, 'unit'), `a ${varType} variable must be dimensionless, but its unit has dimension ${unit.dim.toString()}`);
      const unitText = varType === 'float' ? (pythonUnitFromDisplay(unit.json.str, unit.dim) ?? pythonUnitOf(unit.dim)) : varType;
      let line = type === 'differential equation' ? `d${varName}/dt = ` : type === 'subexpression' ? `${varName} = ` : `${varName}`;
      const entry: (typeof where)[number] = { path: p, unit: [0, 0] };
      if (expr !== undefined) {
        entry.expr = [line.length + 1, line.length + expr.length];
        line += expr;
      }
      line += ' : ';
      entry.unit = [line.length + 1, line.length + unitText.length];
      line += unitText;
      if (flags.length > 0) {
        entry.flags = [line.length + 1, line.length + flags.join(', ').length + 3];
        line += ` (${flags.join(', ')})`;
      }
      lines.push(line);
      where.push(entry);
    }
    for (const e of extra) {
      lines.push(e.line);
      where.push({ path: e.path, unit: [0, 0] });
    }
    const text = lines.join('\n');
    /** Where an error in the equations string points, as a JSON path (with the message shown on the expression itself). */
    const locate = (err: ModelError): Located | string | undefined => {
      const d = err.diagnostic;
      if (d.origin !== 'equations' || d.line === undefined) return undefined;
      const w = where[d.line - 1];
      if (!w) return path;
      const col = d.column ?? 0;
      if (w.expr && col >= w.expr[0] - 1 && col <= w.expr[1] + 1) {
        const expr = lines[d.line - 1]!.slice(w.expr[0] - 1, w.expr[1]);
        const rel = Math.max(0, col - w.expr[0]);
        const caret = '^'.repeat(Math.max(1, Math.min(d.length ?? 1, expr.length - rel)));
        return { path: at(w.path, 'expr'), message: `${d.message}\n    ${expr}\n    ${' '.repeat(rel)}${caret}${d.hint ? `\n  ${d.hint}` : ''}` };
      }
      if (col >= w.unit[0] && col <= w.unit[1] && w.unit[1] > 0) return at(w.path, 'unit');
      if (w.flags && col >= w.flags[0]) return at(w.path, 'flags');
      return w.path;
    };
    return { text, locate };
  }

  // -------------------------------------------------------------------------
  // Groups

  private neuronGroup(value: unknown, path: string): Built {
    const g = object(value, path, ['name', 'N', 'user_method', 'equations'], ['events', 'identifiers', 'when', 'order', 'method', 'method_choice', 'dt', 'run_regularly', 'linked_variables']);
    const groupName = readName(g.name, at(path, 'name'));
    const N = integer(g.N, at(path, 'N'), 1, 'the number of neurons (a whole number ≥ 1)');
    const userMethod = g.user_method === null ? null : string(g.user_method, at(path, 'user_method'), 'a method name such as "euler", or null');
    const methodChoice = g.method_choice === undefined ? undefined : list(g.method_choice, at(path, 'method_choice')).map((m, k) => string(m, at(at(path, 'method_choice'), k), 'a method name'));
    if (g.method !== undefined) string(g.method, at(path, 'method'), 'the name of the method used');
    if (g.when !== undefined && this.when(g.when, at(path, 'when')) !== 'groups') fail(at(path, 'when'), `spikeforge updates groups in the 'groups' slot; expected "groups"`);
    const order = g.order === undefined ? 0 : integer(g.order, at(path, 'order'));
    const namespace = g.identifiers === undefined ? {} : this.identifiers(g.identifiers, at(path, 'identifiers'));
    const { text, locate } = this.equations(g.equations, at(path, 'equations'));

    let dt: number | undefined = g.dt === undefined ? undefined : this.dtOf(g.dt, at(path, 'dt'));
    let threshold: string | null = null;
    let reset: string | null = null;
    let refractory: Quantity | string | false = false;
    const custom: Record<string, string> = {};
    const onEvent: Array<{ event: string; code: string; when: string; order: number }> = [];
    const eventPaths = new Map<string, string>();
    if (g.events !== undefined) {
      const events = object(g.events, at(path, 'events'), [], Object.keys(typeof g.events === 'object' && g.events !== null ? g.events : {}));
      for (const [event, ev] of Object.entries(events)) {
        const p = at(at(path, 'events'), event);
        eventPaths.set(event, p);
        const e = object(ev, p, ['threshold'], ['reset', 'refractory']);
        const runner = (v: unknown, rp: string) => {
          const r = object(v, rp, ['code'], ['when', 'order', 'dt']);
          const code = string(r.code, at(rp, 'code'), 'code');
          const runnerDt = r.dt === undefined ? undefined : this.dtOf(r.dt, at(rp, 'dt'));
          if (runnerDt !== undefined) {
            if (dt !== undefined && runnerDt !== dt) fail(at(rp, 'dt'), `${runnerDt} s differs from the group's dt (${dt} s); spikeforge runs a group's events on its clock`);
            dt = runnerDt;
          }
          return { code, when: r.when === undefined ? undefined : this.when(r.when, at(rp, 'when')), order: r.order === undefined ? undefined : integer(r.order, at(rp, 'order')) };
        };
        const th = runner(e.threshold, at(p, 'threshold'));
        const expectedWhen = event === 'spike' ? 'thresholds' : 'after_thresholds';
        if (th.when !== undefined && th.when !== expectedWhen) fail(at(at(p, 'threshold'), 'when'), `spikeforge checks ${event === 'spike' ? 'the threshold' : 'custom events'} in '${expectedWhen}'; expected "${expectedWhen}"`);
        if (event === 'spike') threshold = th.code;
        else {
          if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(event)) fail(p, `'${event}' cannot be used as an event name`);
          custom[event] = th.code;
        }
        if (e.reset !== undefined) {
          const r = runner(e.reset, at(p, 'reset'));
          if (event === 'spike' && (r.when ?? 'resets') === 'resets' && (r.order ?? order) === order) reset = r.code;
          else onEvent.push({ event, code: r.code, when: r.when ?? 'after_resets', order: r.order ?? order });
        }
        if (e.refractory !== undefined) {
          if (event !== 'spike') fail(at(p, 'refractory'), "only the 'spike' event has a refractory period");
          if (typeof e.refractory === 'string') refractory = e.refractory;
          else {
            const q = quantity(e.refractory, at(p, 'refractory'), { dim: SECOND, shape: 'scalar', what: 'a duration like {"str": "2. ms", "value": 0.002, "dim": "s"} or an expression string' });
            refractory = new Quantity(q.value as number, SECOND);
          }
        }
      }
    }
    const method = userMethod ?? (methodChoice && methodChoice.length > 0 ? methodChoice : null);
    const locateAll = (err: ModelError): Located | string | undefined => {
      const origin = err.diagnostic.origin ?? '';
      if (origin === 'equations') return locate(err);
      if (origin === 'threshold') return at(at(eventPaths.get('spike') ?? at(path, 'events'), 'threshold'), 'code');
      if (origin === 'reset') return at(at(eventPaths.get('spike') ?? at(path, 'events'), 'reset'), 'code');
      if (origin === 'refractory') return at(eventPaths.get('spike') ?? at(path, 'events'), 'refractory');
      const ev = /^event '(.+)'$/.exec(origin) ?? /^code on event '(.+)'$/.exec(origin);
      if (ev && eventPaths.has(ev[1]!)) return at(at(eventPaths.get(ev[1]!)!, origin.startsWith('code') ? 'reset' : 'threshold'), 'code');
      return undefined;
    };
    const G = this.guard(
      path,
      () =>
        new NeuronGroup(N, text, {
          threshold,
          reset,
          refractory,
          method,
          namespace,
          events: custom,
          clock: this.clock(dt ?? DEFAULT_DT),
          name: groupName,
          order,
        }),
      locateAll,
    );
    for (const e of onEvent) this.guard(at(at(eventPaths.get(e.event)!, 'reset'), 'code'), () => G.runOnEvent(e.event, e.code, e.when, e.order));
    this.regularOperations(G, g.run_regularly, path);
    if (g.linked_variables === undefined) this.guard(path, () => G.analyse(), locateAll);
    else {
      // The linked groups may come later in the file: link (and check) once all groups exist.
      const links = object(g.linked_variables, at(path, 'linked_variables'), [], Object.keys(typeof g.linked_variables === 'object' && g.linked_variables !== null ? g.linked_variables : {}));
      this.pendingLinks.push(() => {
        for (const [name, item] of Object.entries(links)) {
          const p = at(at(path, 'linked_variables'), name);
          const l = object(item, p, ['source', 'variable'], ['index']);
          const source = this.source(l.source, at(p, 'source'));
          const variable = string(l.variable, at(p, 'variable'), 'the name of the linked variable in the source group');
          let index: number[] | string | undefined;
          if (typeof l.index === 'string') index = l.index;
          else if (l.index !== undefined) index = list(l.index, at(p, 'index'), 'a list of source indices or an index variable name').map((x, k) => integer(x, at(at(p, 'index'), k), 0));
          this.guard(p, () => G.set(name, linkedVar(source, variable, index === undefined ? {} : { index })));
        }
        this.guard(path, () => G.analyse(), locateAll);
      });
    }
    return { obj: G, kind: 'neurongroup', path, namespace };
  }

  private poissonGroup(value: unknown, path: string): Built {
    const g = object(value, path, ['name', 'N', 'rates'], ['identifiers', 'dt', 'order', 'run_regularly']);
    const groupName = readName(g.name, at(path, 'name'));
    const N = integer(g.N, at(path, 'N'), 1, 'the number of neurons (a whole number ≥ 1)');
    const namespace = g.identifiers === undefined ? {} : this.identifiers(g.identifiers, at(path, 'identifiers'));
    let rates: string | Quantity | Quantity[];
    if (typeof g.rates === 'string') {
      rates = g.rates;
      try {
        parseExpression(rates);
      } catch (e) {
        if (e instanceof ModelError) fail(at(path, 'rates'), `cannot parse '${rates}': ${e.diagnostic.message}; expected an expression giving a rate`);
        throw e;
      }
    } else {
      const q = quantity(g.rates, at(path, 'rates'), { dim: HERTZ, what: 'a rate like {"str": "5. Hz", "value": 5.0, "dim": "s^-1"} or an expression string' });
      if (Array.isArray(q.value)) {
        if (q.value.length !== N) fail(at(path, 'rates'), `${q.value.length} rates for ${N} neurons`);
        rates = q.value.map((x) => new Quantity(x, HERTZ));
      } else rates = new Quantity(q.value, HERTZ);
    }
    const dt = g.dt === undefined ? DEFAULT_DT : this.dtOf(g.dt, at(path, 'dt'));
    const order = g.order === undefined ? 0 : integer(g.order, at(path, 'order'));
    const P = this.guard(at(path, 'rates'), () => new PoissonGroup(N, rates, { namespace, name: groupName, clock: this.clock(dt), order }));
    this.guard(at(path, 'rates'), () => P.analyse());
    this.regularOperations(P, g.run_regularly, path);
    return { obj: P, kind: 'poissongroup', path, namespace };
  }

  private spikeGenerator(value: unknown, path: string): Built {
    const g = object(value, path, ['name', 'N', 'indices', 'times', 'period'], ['identifiers', 'dt', 'order', 'run_regularly']);
    const groupName = readName(g.name, at(path, 'name'));
    const N = integer(g.N, at(path, 'N'), 1, 'the number of neurons (a whole number ≥ 1)');
    const indices = integerList(g.indices, at(path, 'indices'), 0);
    const timesQ = quantity(g.times, at(path, 'times'), { dim: SECOND, what: 'spike times like {"str": "[1. 2.] ms", "value": [0.001, 0.002], "dim": "s"}' });
    const times = Array.isArray(timesQ.value) ? timesQ.value : [timesQ.value];
    if (times.length !== indices.length) fail(at(path, 'times'), `${times.length} times for ${indices.length} indices`);
    const period = quantity(g.period, at(path, 'period'), { dim: SECOND, shape: 'scalar', what: 'the period, e.g. {"str": "0. s", "value": 0.0, "dim": "s"}' });
    const dt = g.dt === undefined ? DEFAULT_DT : this.dtOf(g.dt, at(path, 'dt'));
    const order = g.order === undefined ? 0 : integer(g.order, at(path, 'order'));
    const S = this.guard(path, () => new SpikeGeneratorGroup(N, indices, times, { period: new Quantity(period.value as number, SECOND), name: groupName, clock: this.clock(dt), order }));
    this.regularOperations(S, g.run_regularly, path);
    return { obj: S, kind: 'spikegeneratorgroup', path };
  }

  /** A group (or subgroup) named by a spike source value. */
  /** Links of groups read so far, made once every group they may point to exists. */
  private readonly pendingLinks: Array<() => void> = [];

  private linkGroups(): void {
    for (const link of this.pendingLinks.splice(0)) link();
  }

  private source(value: unknown, path: string): Group | Subgroup {
    if (typeof value === 'string') {
      const b = this.objects.get(value);
      if (!b || !(b.obj instanceof NeuronGroup)) {
        const groups = [...this.objects.values()].filter((x) => x.obj instanceof NeuronGroup).map((x) => `'${x.obj.name}'`);
        fail(path, `no group named '${value}'${groups.length ? `; expected one of ${groups.join(', ')}` : ' (groups must be listed before the objects that use them)'}`);
      }
      return b.obj as Group;
    }
    const s = object(value, path, ['group', 'start', 'stop']);
    const parent = this.source(s.group, at(path, 'group'));
    if (!(parent instanceof NeuronGroup)) fail(at(path, 'group'), 'expected the name of a group');
    const start = integer(s.start, at(path, 'start'), 0);
    const stop = integer(s.stop, at(path, 'stop'), start, `the last index of the subgroup (inclusive, ≥ start ${start})`);
    if (stop >= parent.N) fail(at(path, 'stop'), `index ${stop} is beyond the ${parent.N} neurons of '${parent.name}'`);
    return parent.subgroup(start, stop + 1);
  }

  /** A group's or synapses' run_regularly list. */
  private regularOperations(owner: VariableOwner, value: unknown, path: string): void {
    if (value === undefined) return;
    list(value, at(path, 'run_regularly')).forEach((item, k) => {
      const p = at(at(path, 'run_regularly'), k);
      const r = object(item, p, ['code', 'dt', 'when', 'order'], ['name']);
      const code = string(r.code, at(p, 'code'), 'abstract code');
      const runDt = this.dtOf(r.dt, at(p, 'dt'));
      const when = string(r.when, at(p, 'when'), "a schedule slot such as 'start'");
      const order = integer(r.order, at(p, 'order'), Number.MIN_SAFE_INTEGER);
      const name = r.name === undefined ? undefined : readName(r.name, at(p, 'name'));
      this.guard(at(p, 'code'), () => owner.runRegularly(code, { clock: runDt === owner.clock.dt_ ? owner.clock : this.clock(runDt), when, order, ...(name ? { name } : {}) }));
    });
  }

  private synapses(value: unknown, path: string): Built {
    const s = object(value, path, ['name', 'source', 'target'], ['equations', 'user_method', 'summed_variables', 'pathways', 'identifiers', 'method', 'method_choice', 'dt', 'order', 'run_regularly']);
    const synName = readName(s.name, at(path, 'name'));
    const source = this.source(s.source, at(path, 'source'));
    const target = this.source(s.target, at(path, 'target'));
    const namespace = s.identifiers === undefined ? {} : this.identifiers(s.identifiers, at(path, 'identifiers'));
    const userMethod = s.user_method === undefined ? null : string(s.user_method, at(path, 'user_method'), 'a method name');
    const methodChoice = s.method_choice === undefined ? undefined : list(s.method_choice, at(path, 'method_choice')).map((m, k) => string(m, at(at(path, 'method_choice'), k), 'a method name'));
    if (s.method !== undefined) string(s.method, at(path, 'method'), 'the name of the method used');
    // Summed variables become equation lines `<var>_post = <code> : <unit> (summed)`.
    const extra: Array<{ line: string; path: string }> = [];
    if (s.summed_variables !== undefined) {
      list(s.summed_variables, at(path, 'summed_variables')).forEach((sv, k) => {
        const p = `${at(path, 'summed_variables')}[${k}]`;
        const o = object(sv, p, ['code', 'target', 'name'], ['dt', 'when', 'order']);
        const code = string(o.code, at(p, 'code'), 'an expression');
        const full = string(o.name, at(p, 'name'), `'${synName}_summed_variable_<variable>_post'`);
        const prefix = `${synName}_summed_variable_`;
        if (!full.startsWith(prefix)) fail(at(p, 'name'), `expected '${prefix}<variable>_post' (or _pre), got '${full}'`);
        const varName = full.slice(prefix.length);
        const side = varName.endsWith('_post') ? 'post' : varName.endsWith('_pre') ? 'pre' : fail(at(p, 'name'), `the summed variable '${varName}' must end in '_pre' or '_post'`);
        const tgt = groupOf(this.source(o.target, at(p, 'target')));
        const expected = groupOf(side === 'post' ? target : source);
        if (tgt !== expected) fail(at(p, 'target'), `'${varName}' is summed into '${expected.name}', but the target is '${tgt.name}'`);
        const targetVar = varName.slice(0, -(side.length + 1));
        const v = tgt.equations.variables.get(targetVar);
        if (!v) fail(at(p, 'name'), `'${tgt.name}' has no variable '${targetVar}' to sum into`);
        extra.push({ line: `${varName} = ${code.replace(/\s*\n\s*/g, ' ')} : ${pythonUnitOf(v.dim)} (summed)`, path: at(p, 'code') });
      });
    }
    let hasEventDriven = false;
    if (s.equations !== undefined && typeof s.equations === 'object' && s.equations !== null) {
      hasEventDriven = Object.values(s.equations as JSONObject).some((e) => Array.isArray((e as JSONObject | null)?.flags) && ((e as JSONObject).flags as unknown[]).includes('event-driven'));
    }
    const { text, locate } = this.equations(s.equations ?? {}, at(path, 'equations'), extra, (n, eq) => hasEventDriven && n === 'lastupdate' && eq.type === 'parameter');
    const onPre: Record<string, string> = {};
    const onPost: Record<string, string> = {};
    const delays: Record<string, Quantity> = {};
    const events: Record<string, string> = {};
    const pathwayPaths = new Map<string, string>();
    if (s.pathways !== undefined) {
      list(s.pathways, at(path, 'pathways')).forEach((pw, k) => {
        const p = `${at(path, 'pathways')}[${k}]`;
        const o = object(pw, p, ['prepost', 'code', 'name'], ['event', 'source', 'target', 'dt', 'order', 'when', 'delay']);
        const prepost = oneOf(o.prepost, at(p, 'prepost'), ['pre', 'post'] as const);
        const code = string(o.code, at(p, 'code'), 'code such as "v_post += w"');
        const full = string(o.name, at(p, 'name'), `'${synName}_pre'`);
        if (!full.startsWith(`${synName}_`)) fail(at(p, 'name'), `expected '${synName}_<pathway>' (e.g. '${synName}_${prepost}'), got '${full}'`);
        const objname = full.slice(synName.length + 1);
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(objname)) fail(at(p, 'name'), `'${objname}' is not a valid pathway name`);
        if (objname in onPre || objname in onPost) fail(at(p, 'name'), `pathway '${objname}' is defined twice`);
        try {
          parseStatements(code);
        } catch (e) {
          if (e instanceof ModelError) fail(at(p, 'code'), `cannot parse '${code}': ${e.diagnostic.message}; expected statements like "v_post += w"`);
          throw e;
        }
        (prepost === 'pre' ? onPre : onPost)[objname] = code;
        pathwayPaths.set(objname, p);
        if (o.event !== undefined) {
          const ev = string(o.event, at(p, 'event'), 'an event name such as "spike"');
          if (ev !== 'spike') events[objname] = ev;
        }
        if (o.when !== undefined && this.when(o.when, at(p, 'when')) !== 'synapses') fail(at(p, 'when'), `spikeforge runs pathways in the 'synapses' slot; expected "synapses"`);
        if (o.delay !== undefined) delays[objname] = new Quantity(quantity(o.delay, at(p, 'delay'), { dim: SECOND, shape: 'scalar', what: 'a delay like {"str": "1. ms", "value": 0.001, "dim": "s"}' }).value as number, SECOND);
      });
    }
    const codes = (m: Record<string, string>, prepost: string): string | Record<string, string> | undefined => {
      const keys = Object.keys(m);
      if (keys.length === 0) return undefined;
      return keys.length === 1 && keys[0] === prepost ? m[prepost] : m;
    };
    const delayKeys = Object.keys(delays);
    const delay = delayKeys.length === 0 ? undefined : delayKeys.length === 1 && delayKeys[0] === 'pre' ? delays.pre : delays;
    const method = userMethod ?? (methodChoice && methodChoice.length > 0 ? methodChoice : null);
    const dt = s.dt === undefined ? undefined : this.dtOf(s.dt, at(path, 'dt'));
    const order = s.order === undefined ? undefined : integer(s.order, at(path, 'order'));
    const locateAll = (err: ModelError): Located | string | undefined => {
      const origin = err.diagnostic.origin ?? '';
      if (origin === 'equations') return locate(err);
      const m = /^on_(pre|post)(?: \('(.+)'\))?$/.exec(origin);
      if (m) return at(pathwayPaths.get(m[2] ?? m[1]!) ?? at(path, 'pathways'), 'code');
      return undefined;
    };
    const S = this.guard(
      path,
      () =>
        new Synapses(source, target, {
          model: text,
          ...(codes(onPre, 'pre') !== undefined ? { on_pre: codes(onPre, 'pre')! } : {}),
          ...(codes(onPost, 'post') !== undefined ? { on_post: codes(onPost, 'post')! } : {}),
          ...(delay !== undefined ? { delay } : {}),
          ...(Object.keys(events).length > 0 ? { on_event: events } : {}),
          method,
          namespace,
          name: synName,
          // A model file leaves out a synapse's dt where it is its source group's (brian2tools never writes it).
          clock: dt !== undefined ? this.clock(dt) : groupOf(source).clock,
          ...(order !== undefined ? { order } : {}),
        }),
      locateAll,
    );
    this.regularOperations(S, s.run_regularly, path);
    this.guard(path, () => S.analyse(), locateAll);
    return { obj: S, kind: 'synapses', path, namespace };
  }

  private poissonInput(value: unknown, path: string): Built {
    const o = object(value, path, ['target', 'rate', 'N', 'weight', 'target_var'], ['when', 'order', 'dt', 'identifiers', 'name']);
    const target = this.source(o.target, at(path, 'target'));
    if (!(target instanceof NeuronGroup)) fail(at(path, 'target'), 'expected the name of a whole group');
    const rate = quantity(o.rate, at(path, 'rate'), { dim: HERTZ, shape: 'scalar', what: 'a rate like {"str": "5. Hz", "value": 5.0, "dim": "s^-1"}' });
    const N = integer(o.N, at(path, 'N'), 0, 'the number of Poisson sources (a whole number ≥ 0)');
    const targetVar = string(o.target_var, at(path, 'target_var'), 'the name of a variable of the target');
    if (!target.variableNames().includes(targetVar)) fail(at(path, 'target_var'), `'${target.name}' has no variable '${targetVar}'`);
    let weight: string | Quantity;
    if (typeof o.weight === 'string') weight = o.weight;
    else {
      const q = quantity(o.weight, at(path, 'weight'), { dim: target.variable(targetVar).dim, shape: 'scalar', what: `a weight in the unit of '${targetVar}', or an expression string` });
      weight = new Quantity(q.value as number, q.dim);
    }
    if (o.identifiers !== undefined) this.mergeNamespace(target.name, this.identifiers(o.identifiers, at(path, 'identifiers')), at(path, 'identifiers'));
    const when = o.when === undefined ? 'synapses' : this.when(o.when, at(path, 'when'));
    const order = o.order === undefined ? 0 : integer(o.order, at(path, 'order'));
    if (o.dt !== undefined && this.dtOf(o.dt, at(path, 'dt')) !== target.clock.dt_) fail(at(path, 'dt'), `a PoissonInput runs on its target's clock (${target.clock.dt_} s)`);
    const inputName = o.name === undefined ? undefined : readName(o.name, at(path, 'name'));
    const P = this.guard(path, () => new PoissonInput(target, targetVar, N, new Quantity(rate.value as number, HERTZ), weight, { ...(inputName ? { name: inputName } : {}), when, order }));
    return { obj: P, kind: 'poissoninput', path };
  }

  /** Identifiers used by initializers and inputs join the owner's namespace. */
  private mergeNamespace(owner: string, ids: Record<string, NamespaceValue>, path: string): void {
    const b = this.objects.get(owner);
    if (!b?.namespace) return;
    let added = false;
    for (const [k, v] of Object.entries(ids)) {
      const old = b.namespace[k];
      if (old === undefined) {
        b.namespace[k] = v;
        added = true;
      }
      else if (!(old instanceof Quantity && v instanceof Quantity && old.value === v.value && old.dim === v.dim) && old !== v) {
        fail(at(path, k), `'${k}' is already defined differently for '${owner}'`);
      }
    }
    // The object analysed its model with the namespace it had; let it see the new names.
    if (added && (b.obj instanceof NeuronGroup || b.obj instanceof Synapses)) this.guard(path, () => (b.obj as NeuronGroup | Synapses).analyse());
  }

  // -------------------------------------------------------------------------
  // Monitors

  private stateMonitor(value: unknown, path: string): Built {
    const m = object(value, path, ['name', 'source', 'variables', 'record'], ['n_indices', 'dt', 'when', 'order']);
    const monName = readName(m.name, at(path, 'name'));
    let monitored: VariableOwner | Subgroup;
    if (typeof m.source === 'string') {
      const b = this.objects.get(m.source);
      if (!b || !(b.obj instanceof VariableOwner)) fail(at(path, 'source'), `no group or synapses named '${m.source}'`);
      monitored = b.obj as VariableOwner;
    } else if (m.source !== null && typeof m.source === 'object') {
      monitored = this.source(m.source, at(path, 'source'));
    } else {
      fail(at(path, 'source'), `expected the name of a group or synapses, or a subgroup {"group", "start", "stop"}, got ${describe(m.source)}`);
    }
    const src: VariableOwner = monitored instanceof Subgroup ? monitored.source : monitored;
    const size = monitored instanceof Subgroup ? monitored.size : src.size;
    const label = monitored instanceof Subgroup ? `the subgroup [${monitored.start}:${monitored.stop}] of '${src.name}'` : `'${src.name}'`;
    const variables = list(m.variables, at(path, 'variables'), 'a list of variable names').map((v, k) => string(v, at(at(path, 'variables'), k), 'a variable name'));
    variables.forEach((v, k) => {
      try {
        src.dimensionOf(v);
      } catch {
        fail(at(at(path, 'variables'), k), `'${src.name}' has no variable '${v}'; expected one of ${[...src.variableNames(), ...equationNames(src)].filter((x, n, a) => a.indexOf(x) === n).map((x) => `'${x}'`).join(', ')}`);
      }
    });
    let record: true | number[];
    if (m.record === true) record = true;
    else if (m.record === false) record = [];
    else record = integerList(m.record, at(path, 'record'), 0);
    if (Array.isArray(record)) record.forEach((i, k) => i >= size && size > 0 && fail(at(at(path, 'record'), k), `index ${i} is beyond the ${size} elements of ${label}`));
    if (m.n_indices !== undefined) {
      const n = integer(m.n_indices, at(path, 'n_indices'), 0);
      const expected = record === true ? size : record.length;
      if (n !== expected && !(record === true && src instanceof Synapses)) fail(at(path, 'n_indices'), `${n}, but ${expected} elements are recorded`);
    }
    const dt = m.dt === undefined ? undefined : this.dtOf(m.dt, at(path, 'dt'));
    const when = m.when === undefined ? 'start' : this.when(m.when, at(path, 'when'));
    const order = m.order === undefined ? 0 : integer(m.order, at(path, 'order'));
    const clock = dt === undefined || dt === src.clock.dt_ ? src.clock : this.clock(dt);
    const M = this.guard(path, () => new StateMonitor(monitored, variables, { record, name: monName, when, order, clock }));
    return { obj: M, kind: 'statemonitor', path };
  }

  private eventMonitor(value: unknown, path: string, kind: 'spikemonitor' | 'eventmonitor'): Built {
    const m = object(value, path, ['name', 'source'], ['event', 'source_size', 'variables', 'record', 'dt', 'when', 'order']);
    const monName = readName(m.name, at(path, 'name'));
    const src = this.source(m.source, at(path, 'source'));
    const event = m.event === undefined ? 'spike' : string(m.event, at(path, 'event'), 'an event name');
    if (kind === 'spikemonitor' && event !== 'spike') fail(at(path, 'event'), `a SpikeMonitor records 'spike'; expected "spike" (or use "eventmonitor")`);
    const parent = groupOf(src);
    const recorded: string[] = [];
    if (m.variables !== undefined) {
      list(m.variables, at(path, 'variables')).forEach((v, k) => {
        const name = string(v, at(at(path, 'variables'), k), 'a variable name');
        if (name === 't' || name === 'i') return;
        try {
          parent.dimensionOf(name);
        } catch {
          fail(at(at(path, 'variables'), k), `'${parent.name}' has no variable '${name}' to record at each event`);
        }
        recorded.push(name);
      });
    }
    const size = src instanceof NeuronGroup ? src.N : src.size;
    if (m.source_size !== undefined && integer(m.source_size, at(path, 'source_size'), 0) !== size) fail(at(path, 'source_size'), `the source has ${size} neurons`);
    const record = m.record === undefined ? true : Array.isArray(m.record) ? fail(at(path, 'record'), 'recording some neurons only is not supported; expected true or false') : boolean(m.record, at(path, 'record'));
    if (m.dt !== undefined && this.dtOf(m.dt, at(path, 'dt')) !== parent.clock.dt_) fail(at(path, 'dt'), `an event monitor runs on its source's clock (${parent.clock.dt_} s)`);
    const when = m.when === undefined ? undefined : this.when(m.when, at(path, 'when'));
    const order = m.order === undefined ? undefined : integer(m.order, at(path, 'order'));
    const options = { record, name: monName, ...(recorded.length ? { variables: recorded } : {}), ...(when ? { when } : {}), ...(order !== undefined ? { order } : {}) };
    const M = this.guard(at(path, 'source'), () => (kind === 'spikemonitor' ? new SpikeMonitor(src, options) : new EventMonitor(src as never, event, options)));
    return { obj: M, kind, path };
  }

  private rateMonitor(value: unknown, path: string): Built {
    const m = object(value, path, ['name', 'source'], ['dt', 'when', 'order']);
    const monName = readName(m.name, at(path, 'name'));
    const src = this.source(m.source, at(path, 'source'));
    const parent = groupOf(src);
    if (m.dt !== undefined && this.dtOf(m.dt, at(path, 'dt')) !== parent.clock.dt_) fail(at(path, 'dt'), `a PopulationRateMonitor runs on its source's clock (${parent.clock.dt_} s)`);
    const when = m.when === undefined ? undefined : this.when(m.when, at(path, 'when'));
    const order = m.order === undefined ? undefined : integer(m.order, at(path, 'order'));
    const M = this.guard(at(path, 'source'), () => new PopulationRateMonitor(src as never, { name: monName, ...(when ? { when } : {}), ...(order !== undefined ? { order } : {}) }));
    return { obj: M, kind: 'populationratemonitor', path };
  }

  // -------------------------------------------------------------------------
  // Initializers and connect()

  /** Which object and variable an initializer's source/variable mean (a pathway's `delay` is a Synapses variable). */
  private target(rec: JSONObject, path: string): { owner: VariableOwner; variable: string; offset: number; size: number } {
    const variable = string(rec.variable, at(path, 'variable'), 'a variable name');
    let owner: VariableOwner | undefined;
    let actual = variable;
    let offset = 0;
    let size: number | undefined;
    if (typeof rec.source === 'string') {
      const b = this.objects.get(rec.source);
      if (b && b.obj instanceof VariableOwner) owner = b.obj;
      else {
        for (const o of this.objects.values()) {
          if (!(o.obj instanceof Synapses)) continue;
          const p = o.obj.pathways.find((q) => `${o.obj.name}_${q.name}` === rec.source);
          if (p && variable === 'delay') {
            owner = o.obj;
            actual = p.delayVar;
          }
        }
        if (!owner) fail(at(path, 'source'), `no group, synapses or synaptic pathway named '${rec.source}'`);
      }
    } else {
      const sub = this.source(rec.source, at(path, 'source'));
      if (sub instanceof NeuronGroup) owner = sub;
      else {
        owner = sub.source;
        offset = sub.start;
        size = sub.size;
      }
    }
    if (!owner.variableNames().includes(actual)) {
      fail(at(path, 'variable'), `'${owner.name}' has no variable '${variable}'; expected one of ${owner.variableNames().filter((n) => n !== 'i' && n !== 'j').map((n) => `'${n}'`).join(', ')}`);
    }
    const v = owner.variable(actual);
    return { owner, variable: actual, offset, size: size ?? (v.shared ? 1 : owner.size) };
  }

  private checkRecord(rec: unknown, path: string): void {
    const r = object(rec, path, ['type'], Object.keys(typeof rec === 'object' && rec !== null ? rec : {}));
    const type = oneOf(r.type, at(path, 'type'), ['initializer', 'connect'] as const);
    if (type === 'initializer') {
      object(r, path, ['type', 'source', 'variable', 'index', 'value'], ['identifiers', 'evaluated']);
      this.target(r, path);
      if (typeof r.value === 'string') {
        try {
          parseExpression(r.value);
        } catch (e) {
          if (e instanceof ModelError) fail(at(path, 'value'), `cannot parse '${r.value}': ${e.diagnostic.message}; expected an expression giving the value`);
          throw e;
        }
      } else quantity(r.value, at(path, 'value'));
      if (typeof r.index === 'string') {
        try {
          parseExpression(r.index);
        } catch (e) {
          if (e instanceof ModelError) fail(at(path, 'index'), `cannot parse '${r.index}': ${e.diagnostic.message}; expected a condition`);
          throw e;
        }
      } else if (typeof r.index !== 'boolean' && typeof r.index !== 'number' && !Array.isArray(r.index)) {
        fail(at(path, 'index'), `expected true, an index, a list of indices or a condition string, got ${describe(r.index)}`);
      }
      if (r.identifiers !== undefined) this.identifiers(r.identifiers, at(path, 'identifiers'));
      if (r.evaluated !== undefined) quantity(r.evaluated, at(path, 'evaluated'), { shape: 'array' });
    } else {
      object(r, path, ['type', 'synapses'], ['source', 'target', 'condition', 'i', 'j', 'probability', 'n_connections', 'identifiers', 'skip_if_invalid', 'connectivity']);
      const b = this.objects.get(string(r.synapses, at(path, 'synapses'), 'the name of a Synapses object'));
      if (!b || !(b.obj instanceof Synapses)) fail(at(path, 'synapses'), `no synapses named '${r.synapses}'`);
      if (r.identifiers !== undefined) this.identifiers(r.identifiers, at(path, 'identifiers'));
      if (r.condition !== undefined) {
        const c = string(r.condition, at(path, 'condition'), 'a condition such as "i != j"');
        try {
          parseExpression(c);
        } catch (e) {
          if (e instanceof ModelError) fail(at(path, 'condition'), `cannot parse '${c}': ${e.diagnostic.message}; expected a condition such as "i != j"`);
          throw e;
        }
      }
    }
  }

  private apply(recValue: InitializerConnectorJSON, path: string): void {
    const rec = recValue as unknown as JSONObject;
    if (rec.type === 'connect') return this.connect(rec, path);
    const { owner, variable, offset, size } = this.target(rec, path);
    const v = owner.variable(variable);
    if (rec.identifiers !== undefined) this.mergeNamespace(owner.name, this.identifiers(rec.identifiers, at(path, 'identifiers')), at(path, 'identifiers'));
    // "True" is how Brian2 (and brian2tools) note a string assigned to all elements.
    const all = rec.index === true || rec.index === 'True';
    const whole = all && offset === 0 && size === (v.shared ? 1 : owner.size);
    const before = owner.history.length;
    if (whole) {
      this.guard(at(path, 'value'), () => this.assign(owner, variable, rec, path));
      return;
    }
    // A subset of the elements: compute the new values of all of them, assign once.
    const positions = this.positions(owner, variable, rec.index, offset, size, path);
    const current = Float64Array.from(owner.getSI(variable));
    const result = Float64Array.from(current);
    if (typeof rec.value === 'string') {
      // Code on a subgroup counts i from 0 within it (Brian2's subgroup semantics).
      const sub = owner instanceof NeuronGroup && (offset !== 0 || size !== owner.N) && !v.shared ? owner.subgroup(offset, offset + size) : undefined;
      this.guard(at(path, 'value'), () => (sub ? sub.set(variable, rec.value as string) : owner.set(variable, rec.value as string)));
      const assigned = owner.getSI(variable);
      for (const k of positions) result[k] = assigned[k]!;
    } else {
      const q = quantity(rec.value, at(path, 'value'));
      const zero = q.dim.isDimensionless && (Array.isArray(q.value) ? q.value.every((x) => x === 0) : q.value === 0);
      if (q.dim !== v.dim && !zero) fail(at(path, 'value'), `'${variable}' of '${owner.name}' has units of ${formatDimension(v.dim)}, but the value has units of ${formatDimension(q.dim)}`);
      if (Array.isArray(q.value) && q.value.length !== positions.length) fail(at(path, 'value'), `${q.value.length} values for the ${positions.length} elements the index selects`);
      const convert = (x: number): number => (v.type === 'integer' ? Math.trunc(x) : v.type === 'boolean' ? (x !== 0 ? 1 : 0) : x);
      positions.forEach((p, k) => (result[p] = convert(Array.isArray(q.value) ? q.value[k]! : (q.value as number))));
    }
    owner.setSI(variable, result);
    owner.history.splice(before);
    const entry: HistoryEntry = { kind: 'initializer', seq: nextSequence(), source: owner.name, variable, value: rec.value, si: false, values: result };
    owner.history.push(entry);
    importedIndexRecords.set(entry, recValue as InitializerJSON);
  }

  private assign(owner: VariableOwner, variable: string, rec: JSONObject, path: string): void {
    const v = owner.variable(variable);
    if (typeof rec.value === 'string') {
      if (rec.evaluated !== undefined) {
        const ev = quantity(rec.evaluated, at(path, 'evaluated'), { dim: v.dim, shape: 'array' });
        const n = v.shared ? 1 : owner.size;
        if ((ev.value as number[]).length !== n) fail(at(path, 'evaluated'), `${(ev.value as number[]).length} values for ${n} elements`);
        owner.setSI(variable, ev.value as number[]);
        const last = owner.history[owner.history.length - 1]!;
        if (last.kind === 'initializer') {
          last.value = rec.value;
          last.si = false;
          last.values = Float64Array.from(ev.value as number[]);
        }
        return;
      }
      owner.set(variable, rec.value);
      return;
    }
    const q = quantity(rec.value, at(path, 'value'));
    if (q.dim !== v.dim) {
      const zero = q.dim.isDimensionless && (Array.isArray(q.value) ? q.value.every((x) => x === 0) : q.value === 0);
      if (!zero) fail(at(path, 'value'), `'${variable}' of '${owner.name}' has units of ${formatDimension(v.dim)}, but the value has units of ${formatDimension(q.dim)}`);
      owner.set(variable, Array.isArray(q.value) ? q.value : q.value);
      return;
    }
    if (Array.isArray(q.value)) {
      const n = v.shared ? 1 : owner.size;
      if (q.value.length !== n) fail(at(path, 'value'), `${q.value.length} values for the ${n} elements of '${owner.name}'`);
      owner.setSI(variable, q.value);
    } else if (q.dim.isDimensionless) owner.set(variable, q.value);
    else owner.setSI(variable, q.value);
  }

  /** Element positions an index selects (true, an index, a list, or a condition). */
  private positions(owner: VariableOwner, variable: string, index: unknown, offset: number, size: number, path: string): number[] {
    const p = at(path, 'index');
    if (index === true || index === 'True') return Array.from({ length: size }, (_, k) => offset + k);
    if (typeof index === 'number') {
      const i = integer(index, p, 0);
      if (i >= size) fail(p, `index ${i} is beyond the ${size} elements`);
      return [offset + i];
    }
    if (Array.isArray(index)) {
      return integerList(index, p, 0).map((i, k) => (i >= size ? fail(at(p, k), `index ${i} is beyond the ${size} elements`) : offset + i));
    }
    if (typeof index === 'string') {
      // Evaluate the condition per element by assigning its indicator, then restore.
      const v = owner.variable(variable);
      const before = owner.history.length;
      const current = Float64Array.from(owner.getSI(variable));
      const unit = v.type === 'float' && !v.dim.isDimensionless ? ` * (${pythonUnitOf(v.dim)})` : '';
      this.guard(p, () => owner.set(variable, `int(${index})${unit}`));
      const indicator = owner.getSI(variable);
      owner.setSI(variable, current);
      owner.history.splice(before);
      const out: number[] = [];
      for (let k = offset; k < offset + size; k++) if (indicator[k] !== 0) out.push(k);
      return out;
    }
    fail(p, `expected true, an index, a list of indices or a condition string, got ${describe(index)}`);
  }

  private connect(rec: JSONObject, path: string): void {
    const S = this.objects.get(rec.synapses as string)!.obj as Synapses;
    if (rec.identifiers !== undefined) this.mergeNamespace(S.name, this.identifiers(rec.identifiers, at(path, 'identifiers')), at(path, 'identifiers'));
    const args: ConnectArgs = {};
    const idx = (v: unknown, p: string): number | number[] => (typeof v === 'number' ? integer(v, p, 0) : integerList(v, p, 0));
    if (rec.condition !== undefined) args.condition = rec.condition as string;
    if (rec.i !== undefined) args.i = idx(rec.i, at(path, 'i'));
    if (rec.j !== undefined) args.j = typeof rec.j === 'string' ? rec.j : idx(rec.j, at(path, 'j'));
    if (rec.probability !== undefined && rec.probability !== 1) {
      if (typeof rec.probability !== 'number' && typeof rec.probability !== 'string') fail(at(path, 'probability'), `expected a probability (a number or an expression), got ${describe(rec.probability)}`);
      args.p = rec.probability;
    }
    if (rec.n_connections !== undefined && rec.n_connections !== 1) {
      if (typeof rec.n_connections !== 'number' && typeof rec.n_connections !== 'string') fail(at(path, 'n_connections'), `expected a number of connections (a number or an expression), got ${describe(rec.n_connections)}`);
      args.n = rec.n_connections;
    }
    if (rec.skip_if_invalid !== undefined && boolean(rec.skip_if_invalid, at(path, 'skip_if_invalid'))) args.skip_if_invalid = true;
    for (const side of ['source', 'target'] as const) {
      if (rec[side] === undefined) continue;
      const given = this.source(rec[side], at(path, side));
      const range = side === 'source' ? S.sourceRange : S.targetRange;
      const g = given instanceof NeuronGroup ? { group: given, offset: 0, size: given.N } : { group: given.source, offset: given.start, size: given.size };
      if (g.group !== range.group || g.offset !== range.offset || g.size !== range.size) fail(at(path, side), `'${S.name}' connects ${side === 'source' ? 'from' : 'to'} '${range.group.name}'${range.size !== range.group.N ? `[${range.offset}:${range.offset + range.size}]` : ''}`);
    }
    if (rec.connectivity !== undefined) {
      const c = object(rec.connectivity, at(path, 'connectivity'), ['i', 'j']);
      const i = integerList(c.i, at(at(path, 'connectivity'), 'i'));
      const j = integerList(c.j, at(at(path, 'connectivity'), 'j'));
      if (i.length !== j.length) fail(at(path, 'connectivity'), `i has ${i.length} indices but j has ${j.length}`);
      this.guard(at(path, 'connectivity'), () => S.connect({ i, j }));
      const last = S.history[S.history.length - 1]!;
      if (last.kind === 'connect') last.args = { ...args };
      return;
    }
    this.guard(path, () => S.connect(args));
  }
}

function equationNames(o: VariableOwner): string[] {
  const eqs = (o as { equations?: { names: string[] } }).equations;
  return eqs?.names ?? [];
}

/** The file format's top-level type, for callers that build files by hand. */
export type { ModelJSON };

/** The group a group or subgroup belongs to. */
function groupOf(x: Group | Subgroup): Group {
  return x instanceof NeuronGroup ? x : x.source;
}

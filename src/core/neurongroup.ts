import type { Expr, Statement } from '../parsing/ast.ts';
import { Equations, SUBEXPRESSION } from '../equations/equations.ts';
import type { Namespace } from '../equations/namespace.ts';
import { analyseNeuronModel, checkCode, NEURON_FLAGS, type NeuronModel } from '../equations/neuronmodel.ts';
import { GroupScope } from '../equations/namespace.ts';
import { equationVariables, specialVariables, splitScalarStatements, variable } from '../equations/analyse.ts';
import type { ResolvedVariable, Scope } from '../equations/scope.ts';
import type { ConnectedGroup } from '../equations/synapsemodel.ts';
import { applyStateUpdater, substitutedEquations, type MethodChoice } from '../stateupdaters/index.ts';
import { call, sym } from '../symbolic/build.ts';
import { cast, local } from '../codegen/ir.ts';
import type { SymbolRef, SymbolTable } from '../codegen/symbols.ts';
import type { KernelBuild } from '../runtime/build.ts';
import { checkLinkIndices, LinkedVariable, linkSymbol, linkValues, resolveLink, type Link } from './linked.ts';
import type { Translator } from '../codegen/translate.ts';
import { loopOp, onListOp, spikeCount, thresholdOp } from '../codegen/ops.ts';
import { localName } from '../codegen/symbols.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import { SLOT } from '../runtime/build.ts';
import { Dimension, Quantity } from '../units/index.ts';
import type { Operation, RunContext } from './base.ts';
import { runRegularlyOperations, VariableOwner, type AssignValue, type KernelAccess, type RegularOperation } from './group.ts';
import { uniqueName } from './names.ts';
import { SECOND, toSeconds, type TimeLike } from './quantities.ts';
import { groupSymbols, describeNonFinite } from './symbols.ts';
import { Clock } from './clock.ts';
import { storedVariable, VariableValues } from './variables.ts';
import { warnOnce } from './warnings.ts';
import { Subgroup } from './subgroup.ts';
import { evaluatePerElement, type ElementContext } from './hosteval.ts';

export interface NeuronGroupOptions {
  threshold?: string | null;
  reset?: string | null;
  /** A duration ('2*ms' or a Quantity), an expression giving a duration per neuron, or a boolean condition. */
  refractory?: TimeLike | false | null;
  /** Integration method, or a list to try in order (default: exact, euler, heun). */
  method?: MethodChoice;
  namespace?: Namespace;
  /** Custom events, name → condition (`events: {burst: 'v > 0*mV'}`). */
  events?: Readonly<Record<string, string>>;
  dt?: TimeLike;
  clock?: Clock;
  name?: string;
  order?: number;
}

/** Brian2's NeuronGroup: N neurons sharing a model. */
export class NeuronGroup extends VariableOwner {
  readonly name: string;
  readonly N: number;
  readonly equations: Equations;
  readonly threshold: string | null;
  readonly reset: string | null;
  readonly refractory: Quantity | string | false;
  readonly method: MethodChoice;
  readonly namespace: Namespace | undefined;
  readonly events: Readonly<Record<string, string>>;
  /** Indices of the neurons that spiked in the last step, count at index N (Brian2's spikespace). */
  readonly spikeSpace: ArrayHandle;
  readonly eventSpaces = new Map<string, ArrayHandle>();
  private readonly onEvent = new Map<string, { code: string; when: string; order?: number }>();
  private readonly links = new Map<string, Link>();
  /** The model as analysed for the latest run. */
  private analysed: NeuronModel | undefined;
  /** The integration method actually used in the latest run. */
  methodUsed: string | undefined;

  constructor(N: number, model: string | Equations, options: NeuronGroupOptions = {}) {
    super();
    if (typeof N === 'string') throw new TypeError('First NeuronGroup argument should be the number of neurons, not the equations');
    if (!Number.isInteger(N) || N < 1) throw new RangeError(`NeuronGroup size should be a whole number ≥ 1, was ${N}`);
    this.N = N;
    this.name = uniqueName('neurongroup', options.name);
    this.equations = typeof model === 'string' ? new Equations(model) : model;
    this.equations.checkFlags(NEURON_FLAGS);
    this.threshold = options.threshold ?? null;
    this.reset = options.reset ?? null;
    const ref = options.refractory;
    this.refractory = ref === undefined || ref === null || ref === false ? false : typeof ref === 'string' && !looksLikeQuantity(ref) ? ref : new Quantity(toSeconds(ref, 'refractory'), SECOND);
    this.method = options.method ?? null;
    this.namespace = options.namespace;
    this.events = options.events ?? {};
    if (options.clock) this.clock = options.clock;
    else if (options.dt !== undefined) this.clock = new Clock(options.dt, `${this.name}_clock`);
    if (options.order !== undefined) this.order = options.order;
    if (this.reset !== null && this.threshold === null) throw new Error(`NeuronGroup '${this.name}': a reset needs a threshold`);

    for (const v of this.equations.variables.values()) {
      if (v.kind === SUBEXPRESSION && !v.flags.includes('constant over dt')) continue;
      if (v.flags.includes('linked')) continue; // lives in another group, see link()
      this.stored.set(v.name, storedVariable(this.name, v.name, v.dim, v.type, N, { shared: v.flags.includes('shared'), constant: v.flags.includes('constant') }));
    }
    if (this.refractory !== false) {
      const ls = storedVariable(this.name, 'lastspike', SECOND, 'float', N);
      (ls.handle.data as Float64Array).fill(-1e4);
      this.stored.set('lastspike', ls);
      const nr = storedVariable(this.name, 'not_refractory', Dimension.DIMENSIONLESS, 'boolean', N);
      nr.handle.data.fill(1);
      this.stored.set('not_refractory', nr);
    }
    this.stored.set('i', { ...storedVariable(this.name, 'i', Dimension.DIMENSIONLESS, 'integer', N, { readOnly: true, constant: true }) });
    const idx = this.stored.get('i')!.handle.data;
    for (let k = 0; k < N; k++) idx[k] = k;
    this.spikeSpace = new ArrayHandle(`${this.name}_spikespace`, 'i32', N + 1);
    for (const event of Object.keys(this.events)) this.eventSpaces.set(event, new ArrayHandle(`${this.name}_${event}space`, 'i32', N + 1));
  }

  get size(): number {
    return this.N;
  }

  override arrayHandles(): ArrayHandle[] {
    const linkIndices = [...this.links.values()].flatMap((l) => (l.indices ? [l.indices] : []));
    return [...super.arrayHandles(), this.spikeSpace, ...this.eventSpaces.values(), ...linkIndices];
  }

  /**
   * Assign a variable (see VariableOwner.set), or link a `(linked)`
   * parameter to another group's variable: `G.set('noise', linkedVar(inp, 'noise'))`.
   */
  override set(name: string, value: AssignValue | LinkedVariable): void {
    if (value instanceof LinkedVariable) {
      this.links.set(name, resolveLink(this, name, value));
      this.analysed = undefined;
      return;
    }
    super.set(name, value);
  }

  /** @internal */
  override assignRange(name: string, value: AssignValue, start: number, count: number | undefined): void {
    if (this.equations.variables.get(name)?.flags.includes('linked')) {
      throw new Error(`Cannot set the linked variable '${name}' of '${this.name}' directly; link it to another variable with linkedVar()`);
    }
    super.assignRange(name, value, start, count);
  }

  /** The links of `(linked)` parameters (for export). */
  get linkedVariables(): ReadonlyMap<string, Link> {
    return this.links;
  }

  /** How a kernel loop indexed by `index` reads a linked variable; undefined for other names. */
  linkedSymbol(name: string, build: KernelBuild, index = '_idx'): SymbolRef | undefined {
    const link = this.links.get(name);
    return link ? linkSymbol(this, link, build, index) : undefined;
  }

  protected override frozenElements(name: string): ArrayLike<number> | undefined {
    if (this.refractory === false || !this.stored.has('not_refractory')) return undefined;
    const eq = this.equations.variables.get(name);
    if (!eq || !eq.flags.includes('unless refractory')) return undefined;
    const notRefractory = this.stored.get('not_refractory')!.handle.data;
    return Uint8Array.from(notRefractory, (x) => (x === 0 ? 1 : 0));
  }

  /** Brian2's `G[start:stop]`: neurons start … stop−1 as a group of their own (for synapses, monitors, get/set). */
  subgroup(start: number, stop: number): Subgroup {
    return new Subgroup(this, start, stop);
  }

  /** Run code whenever an event happens (Brian2's run_on_event). */
  runOnEvent(event: string, code: string, when = 'after_resets', order?: number): void {
    if (event !== 'spike' && !(event in this.events)) throw new Error(`Unknown event '${event}'`);
    if (event === 'spike' && this.threshold === null) throw new Error("Unknown event 'spike'. Did you forget to define a threshold?");
    if (this.onEvent.has(event) || (event === 'spike' && this.reset !== null)) throw new Error(`Code for event '${event}' has already been added`);
    this.onEvent.set(event, order === undefined ? { code, when } : { code, when, order });
  }

  /** Code added with runOnEvent, by event (for export). */
  get eventCodes(): ReadonlyMap<string, { readonly code: string; readonly when: string; readonly order?: number }> {
    return this.onEvent;
  }

  /** The event's index list (spikes or a custom event), for monitors and synapses. */
  eventSpace(event: string): ArrayHandle {
    if (event === 'spike') {
      if (this.threshold === null) throw new Error(`NeuronGroup '${this.name}' has no threshold, so it has no spikes`);
      return this.spikeSpace;
    }
    const space = this.eventSpaces.get(event);
    if (!space) throw new Error(`NeuronGroup '${this.name}' has no event '${event}'`);
    return space;
  }

  /** Analyse the model against the namespaces (the run's and the group's own). */
  analyse(runNamespace: Namespace = {}): NeuronModel {
    const namespace = { ...runNamespace, ...(this.namespace ?? {}) };
    const events: Record<string, string> = { ...this.events };
    const model = analyseNeuronModel({
      equations: this.equations,
      threshold: this.threshold,
      reset: this.reset,
      refractory: this.refractory,
      events,
      namespace,
      N: this.N,
      linked: new Set(this.links.keys()),
    });
    for (const [name, link] of this.links) checkLinkIndices(this, name, link);
    for (const name of model.scope.shadowedNamespaceEntries()) warnOnce(`${this.name}:${name}`, `NeuronGroup '${this.name}': the namespace entry '${name}' is ignored, because '${name}' is one of Brian2's units, constants or functions`);
    this.analysed = model;
    return model;
  }

  /** What a Synapses object connected to this group can see of it. */
  connectedView(runNamespace: Namespace = {}): ConnectedGroup {
    const model = this.analyse(runNamespace);
    const variables = new Map<string, ResolvedVariable>();
    for (const [name, v] of model.variables) {
      if (name === 't' || name === 'dt' || name === 't_in_timesteps' || name.startsWith('xi')) continue;
      // Brian2's Synapses see only variables the group owns, not its links to other groups.
      if (v.linked) continue;
      variables.set(name, v);
    }
    const unlessRefractory = new Set(
      model.refractory.kind === 'none' ? [] : model.userEquations.diffEqNames.filter((n) => model.userEquations.variables.get(n)!.flags.includes('unless refractory')),
    );
    return { name: this.name, size: this.N, variables, parameters: new Set(model.equations.parameterNames), unlessRefractory };
  }

  kernelAccess(ctx: RunContext): KernelAccess {
    const model = this.analyse(ctx.runNamespace);
    const sizeSlot = ctx.build.param(`${this.name}.N`, () => this.N);
    const subexpressions = new Map<string, Expr>();
    for (const v of model.equations.variables.values()) if (v.kind === SUBEXPRESSION) subexpressions.set(v.name, v.expr!);
    const own = groupSymbols(this, model, ctx.build, sizeSlot, this.clock);
    const symbols: SymbolTable = this.links.size === 0 ? own : (name) => this.linkedSymbol(name, ctx.build) ?? own(name);
    return { symbols, subexpressions, sizeSlot };
  }

  prepare(ctx: RunContext): Operation[] {
    const { symbols, subexpressions, sizeSlot } = this.kernelAccess(ctx);
    const model = this.analysed!;
    const build = ctx.build;
    const options = { symbols, subexpressions };
    const ops: Operation[] = [];
    const opName = (suffix: string): string => `${this.name}_${suffix}`;

    if (model.constantOverDt.length > 0) {
      const statements: Statement[] = model.constantOverDt.map((v) => assignment(v.name, v.expr!));
      ops.push({
        name: opName('subexpression_updater'),
        when: 'before_start',
        order: this.order,
        clock: this.clock,
        fn: loopOp({ ...options, name: opName('subexpression_updater'), loop: { kind: 'all', sizeSlot }, build: (tr) => tr.statements(statements) }),
      });
    }

    const problem = {
      equations: substitutedEquations(model.equations, model.subexpressionOrder),
      stochasticVariables: model.equations.stochasticVariables,
      scope: model.scope,
      dt: this.clock.dt_,
    };
    if (problem.equations.length > 0 || model.refractory.kind !== 'none') {
      const update = applyStateUpdater(problem, this.method);
      this.methodUsed = update.method;
      const constants = update.constants;
      const withConstants: typeof symbols = constants
        ? (name) => (constants.has(name) ? { kind: 'param', slot: build.param(`${this.name}.${name}`, () => constants.get(name)!), type: 'f64' } : symbols(name))
        : symbols;
      const statements = [...refractoryCode(model), ...update.statements];
      const gated = new Set(model.userEquations.diffEqNames.filter((n) => model.refractory.kind !== 'none' && model.userEquations.variables.get(n)!.flags.includes('unless refractory')));
      const checked = problem.equations.map((e) => e.name).filter((n) => this.stored.get(n)!.type === 'float');
      const fn = loopOp({
        ...options,
        symbols: withConstants,
        name: opName('stateupdater'),
        loop: { kind: 'all', sizeSlot },
        // Brian2 writes (unless refractory) variables only where not_refractory holds.
        storeGuard: (name) => (gated.has(name) ? local(localName('not_refractory'), 'bool') : undefined),
        build: (tr) => tr.statements(statements),
        finite: {
          vars: checked.map((n) => ({ name: n, slot: build.array(this.stored.get(n)!.handle), arrayKey: this.stored.get(n)!.handle.key })),
          varSlot: SLOT.errorVar,
          indexSlot: SLOT.errorIndex,
          status: 1,
        },
      });
      ops.push({ name: opName('stateupdater'), when: 'groups', order: this.order, clock: this.clock, fn, failure: describeNonFinite(this.name, 'neuron', checked), fusion: { owner: this, role: 'update' } });
    }

    for (const [event, { condition, code }] of model.events) {
      const space = event === 'spike' ? this.spikeSpace : this.eventSpaces.get(event)!;
      const refractory =
        event === 'spike' && model.refractory.kind !== 'none'
          ? {
              lastspike: symbols('lastspike') as never,
              notRefractory: symbols('not_refractory') as never,
            }
          : undefined;
      const thName = opName(event === 'spike' ? 'spike_thresholder' : `${event}_thresholder`);
      ops.push({
        name: thName,
        when: event === 'spike' ? 'thresholds' : 'after_thresholds',
        order: this.order,
        clock: this.clock,
        fn: thresholdOp({ name: thName, sizeSlot, condition: condition.expr, spikes: { key: space.key, slot: build.array(space) }, options, ...(refractory ? { refractory } : {}) }),
        ...(event === 'spike' ? { fusion: { owner: this, role: 'threshold' as const } } : {}),
      });
      const extra = this.onEvent.get(event);
      const resetCode = code?.statements ?? (extra ? checkCode(extra.code, `code on event '${event}'`, model.scope).statements : undefined);
      if (resetCode && resetCode.length > 0) {
        const rName = opName(`${event}_resetter`);
        ops.push({
          name: rName,
          when: code ? 'resets' : extra!.when,
          order: extra?.order ?? this.order,
          clock: this.clock,
          fn: onListOp({ name: rName, list: { key: space.key, slot: build.array(space) }, count: spikeCount(space.key, sizeSlot), statements: resetCode, options }),
        });
      }
    }
    for (const r of this.regularOperations) ops.push(...this.regularOps(r, ctx, options, sizeSlot));
    return ops;
  }

  private regularOps(r: RegularOperation, ctx: RunContext, options: { symbols: SymbolTable; subexpressions: ReadonlyMap<string, Expr> }, sizeSlot: number): Operation[] {
    const model = this.analysed!;
    // Like Brian2's state updater template, run_regularly may write shared variables (first, from shared values).
    const { statements, source } = checkCode(r.code, `run_regularly code '${r.name}'`, model.scope, { scalarWrites: true });
    const gated = new Set(model.refractory.kind === 'none' ? [] : model.userEquations.diffEqNames.filter((n) => model.userEquations.variables.get(n)!.flags.includes('unless refractory')));
    let tr: Translator | undefined;
    return runRegularlyOperations(
      r,
      ctx.build,
      splitScalarStatements(statements, model.scope, source),
      (name, once, scalar) => loopOp({ ...options, name, loop: { kind: 'all', sizeSlot: once }, build: (t) => t.statements(scalar) }),
      (vector) =>
        loopOp({
          ...options,
          name: r.name,
          loop: { kind: 'all', sizeSlot },
          // Brian2's conditional write: read not_refractory just before the guarded stores.
          storeGuard: (name) => (gated.has(name) && tr ? cast(tr.expr(sym('not_refractory')), 'bool') : undefined),
          build: (t) => {
            tr = t;
            t.statements(vector);
          },
        }),
    );
  }

  protected expressionScope(): Scope {
    const model = this.analysed;
    if (model) return model.scope;
    const vars = new Map([...specialVariables(), ...equationVariables(this.equations)]);
    if (this.refractory !== false) {
      vars.set('lastspike', variable('lastspike', SECOND, 'float'));
      vars.set('not_refractory', variable('not_refractory', Dimension.DIMENSIONLESS, 'boolean'));
    }
    return new GroupScope(vars, this.namespace ?? {});
  }

  protected elementContext(): ElementContext {
    const scope = this.expressionScope();
    const linked = (name: string): Float64Array | undefined => {
      const link = this.links.get(name);
      return link ? linkValues(this, link) : undefined;
    };
    return elementContextFor(this, scope, this.equations, linked);
  }

  override dimensionOf(name: string): Dimension {
    const v = this.equations.variables.get(name);
    return v && !this.stored.has(name) ? v.dim : super.dimensionOf(name);
  }

  protected override evaluateReadOnly(name: string): VariableValues {
    const link = this.links.get(name);
    if (link) return new VariableValues(name, linkValues(this, link), link.target.dim);
    const v = this.equations.variables.get(name);
    if (v?.kind === SUBEXPRESSION && v.expr) {
      const values = evaluatePerElement(v.expr, this.elementContext(), this.N);
      return new VariableValues(name, values, v.dim);
    }
    return super.evaluateReadOnly(name);
  }

  /** Chosen or given method, as Brian2 reports it. */
  override toString(): string {
    return `NeuronGroup '${this.name}' with ${this.N} neurons`;
  }
}

function looksLikeQuantity(text: string): boolean {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*\*?\s*[A-Za-z]+\s*$/.test(text);
}

function assignment(target: string, value: Expr): Statement {
  const span = { start: 0, end: 0 };
  return { target, targetSpan: span, op: '=', value, span };
}

/**
 * The start of Brian2's state update with refractoriness: recompute
 * not_refractory from the time since the last spike (or, for a boolean
 * refractory condition, leave refractoriness once the condition is false).
 */
function refractoryCode(model: NeuronModel): Statement[] {
  const ref = model.refractory;
  if (ref.kind === 'none') return [];
  const span = { start: 0, end: 0 };
  if (ref.kind === 'expression' && ref.isBoolean) {
    const value: Expr = {
      kind: 'logical',
      op: 'or',
      operands: [sym('not_refractory'), { kind: 'unary', op: 'not', operand: ref.condition.expr, span }],
      span,
    };
    return [assignment('not_refractory', value)];
  }
  const elapsed: Expr = { kind: 'binary', op: '-', left: sym('t'), right: sym('lastspike'), span };
  if (ref.kind === 'duration') {
    // One comparison with a threshold found before the run (see refractory.ts).
    return [assignment('not_refractory', { kind: 'compare', ops: ['>='], operands: [elapsed, sym('_refractory_elapsed')], span })];
  }
  // A period per neuron: Brian2's test as written, with a cheap shortcut
  // long after the last spike (the divisions of timestep() only run for recent spikes).
  const period = ref.condition.expr;
  const since = call('timestep', elapsed, sym('dt'));
  const limit = call('timestep', period, sym('dt'));
  const exact: Expr = { kind: 'compare', ops: ['>='], operands: [since, limit], span };
  const margin: Expr = { kind: 'binary', op: '+', left: period, right: { kind: 'binary', op: '*', left: { kind: 'number', value: 2, isInteger: true, span }, right: sym('dt'), span }, span };
  const clearlyOver: Expr = { kind: 'compare', ops: ['>'], operands: [elapsed, margin], span };
  return [assignment('not_refractory', { kind: 'logical', op: 'or', operands: [clearlyOver, exact], span })];
}


/** Host-side evaluation context for a group's stored variables and subexpressions. */
export function elementContextFor(owner: VariableOwner, scope: Scope, eqs: Equations, linked?: (name: string) => ArrayLike<number> | undefined): ElementContext {
  const cache = new Map<string, ArrayLike<number> | number>();
  const ctx: ElementContext = {
    lookup(name) {
      const hit = cache.get(name);
      if (hit !== undefined) return hit;
      let value: ArrayLike<number> | number | undefined;
      if (name === 'N') value = owner.size;
      else if (linked?.(name)) value = linked(name);
      else if (name === 't') value = owner.clockTime;
      else if (owner.variableNames().includes(name)) {
        const v = owner.variable(name);
        value = v.shared ? v.handle.data[0]! : v.handle.data;
      } else {
        const sub = eqs.variables.get(name);
        if (sub?.kind === SUBEXPRESSION && sub.expr) value = evaluatePerElement(sub.expr, ctx, owner.size);
        else {
          const r = scope.resolve(name);
          if (r?.kind === 'value') value = r.value;
        }
      }
      if (value !== undefined) cache.set(name, value);
      return value;
    },
  };
  return ctx;
}

import { SourceText } from '../parsing/source.ts';
import { parseStatements } from '../parsing/statements.ts';
import { errorAt } from '../parsing/diagnostics.ts';
import { checkStatements, splitScalarStatements } from '../equations/analyse.ts';
import type { Expr, Statement } from '../parsing/ast.ts';
import { Equations, SUBEXPRESSION } from '../equations/equations.ts';
import type { Namespace } from '../equations/namespace.ts';
import type { Scope } from '../equations/scope.ts';
import { analyseSynapsesModel, canonicalNames, canonicalStatements, SYNAPSE_FLAGS, type SynapsesModel, type SynapticName } from '../equations/synapsemodel.ts';
import { identifiersOf } from '../parsing/ast.ts';
import { applyStateUpdater, substitutedEquations, type MethodChoice } from '../stateupdaters/index.ts';
import { exact } from '../stateupdaters/exact.ts';
import { substitute } from '../symbolic/substitute.ts';
import { sym } from '../symbolic/build.ts';
import { binary, cast, f64, i32, letVar, load, local, param, select, store, type IRExpr, type IRStmt } from '../codegen/ir.ts';
import { loopOp } from '../codegen/ops.ts';
import { irTypeOf, type SymbolTable } from '../codegen/symbols.ts';
import { arrayLocal, type Translator } from '../codegen/translate.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import { SLOT, type KernelBuild } from '../runtime/build.ts';
import { Dimension, Quantity } from '../units/index.ts';
import type { Operation, RunContext, SimObject } from './base.ts';
import { Clock, defaultclock } from './clock.ts';
import { runRegularlyOperations, VariableOwner, type KernelAccess } from './group.ts';
import { elementContextFor } from './neurongroup.ts';
import type { NeuronGroup } from './neurongroup.ts';
import { uniqueName } from './names.ts';
import { SECOND, toSeconds, type TimeLike } from './quantities.ts';
import { describeNonFinite, externalSymbol } from './symbols.ts';
import { storedVariable, VariableValues } from './variables.ts';
import { rangeOf, type GroupRange, type Subgroup } from './subgroup.ts';
import { generateConnections, groupConnectEnvironment, type ConnectArgs, type ConnectGroup, type ConnectGroupVariable } from './connect.ts';
import { nextSequence } from './history.ts';
import { evaluatePerElement, type ElementContext } from './hosteval.ts';

/** A group Synapses can connect: spikes (or other events) and variables. */
export type SynapticGroup = NeuronGroup;

export interface SynapsesOptions {
  model?: string | Equations;
  /** Code run when the source fires; a dict gives several pathways ({pre: …, other: …}). */
  on_pre?: string | Readonly<Record<string, string>>;
  /** Code run when the target fires. */
  on_post?: string | Readonly<Record<string, string>>;
  /** Transmission delay: one value for all synapses (homogeneous), or per pathway. Per-synapse delays are set later with `S.set('delay', …)`. */
  delay?: TimeLike | Readonly<Record<string, TimeLike>>;
  /** The source event a pathway reacts to (default 'spike'). */
  on_event?: string | Readonly<Record<string, string>>;
  method?: MethodChoice;
  namespace?: Namespace;
  name?: string;
  dt?: TimeLike;
  clock?: Clock;
  order?: number;
}

export type { ConnectArgs } from './connect.ts';

interface Pathway {
  name: string;
  prepost: 'pre' | 'post';
  code: string;
  event: string;
  /** The stored variable with this pathway's delays (seconds). */
  delayVar: string;
  delaySteps: ArrayHandle;
  ring: ArrayHandle;
  counts: ArrayHandle;
  cursor: ArrayHandle;
}

/**
 * Brian2's Synapses: a model per synapse, code run on pre- and
 * postsynaptic events with delays, summed variables written into the
 * connected groups, and connect() in all of Brian2's forms.
 */
export class Synapses extends VariableOwner {
  readonly name: string;
  /** The groups the synapses connect (the parents, when subgroups were given). */
  readonly source: SynapticGroup;
  readonly target: SynapticGroup;
  /** Which neurons of source and target take part: a whole group or a subgroup's range. */
  readonly sourceRange: GroupRange;
  readonly targetRange: GroupRange;
  readonly equations: Equations;
  readonly method: MethodChoice;
  readonly namespace: Namespace | undefined;
  readonly pathways: Pathway[] = [];
  private nSynapses = 0;
  private readonly incoming: ArrayHandle;
  private readonly outgoing: ArrayHandle;
  private readonly csr = {
    preOffsets: new ArrayHandle('', 'i32', 1),
    preOrder: new ArrayHandle('', 'i32', 0),
    postOffsets: new ArrayHandle('', 'i32', 1),
    postOrder: new ArrayHandle('', 'i32', 0),
  };
  private analysed: SynapsesModel | undefined;
  methodUsed: string | undefined;

  constructor(source: SynapticGroup | Subgroup, target: SynapticGroup | Subgroup = source, options: SynapsesOptions = {}) {
    super();
    this.sourceRange = rangeOf(source);
    this.targetRange = rangeOf(target);
    this.source = this.sourceRange.group;
    this.target = this.targetRange.group;
    this.name = uniqueName('synapses', options.name);
    this.equations = typeof options.model === 'string' ? new Equations(options.model) : options.model ?? new Equations('');
    this.equations.checkFlags(SYNAPSE_FLAGS, [['event-driven', 'clock-driven'], ['summed', 'shared', 'constant over dt']]);
    this.method = options.method ?? null;
    this.namespace = options.namespace;
    // Brian2: the synapses' own updates run on the default clock unless told otherwise; each pathway runs on its spike source's clock.
    this.clock = options.clock ?? (options.dt !== undefined ? new Clock(options.dt, `${this.name}_clock`) : defaultclock);
    if (options.order !== undefined) this.order = options.order;
    this.csr.preOffsets = new ArrayHandle(`${this.name}_pre_offsets`, 'i32', this.source.size + 1);
    this.csr.preOrder = new ArrayHandle(`${this.name}_pre_order`, 'i32', 0);
    this.csr.postOffsets = new ArrayHandle(`${this.name}_post_offsets`, 'i32', this.target.size + 1);
    this.csr.postOrder = new ArrayHandle(`${this.name}_post_order`, 'i32', 0);
    this.incoming = new ArrayHandle(`${this.name}_N_incoming`, 'i32', this.target.size);
    this.outgoing = new ArrayHandle(`${this.name}_N_outgoing`, 'i32', this.source.size);

    const add = (name: string, dim: Dimension, type: 'float' | 'integer' | 'boolean', opts: { shared?: boolean; constant?: boolean; readOnly?: boolean } = {}): void => {
      this.stored.set(name, storedVariable(this.name, name, dim, type, 0, opts));
    };
    add('i', Dimension.DIMENSIONLESS, 'integer', { readOnly: true, constant: true });
    add('j', Dimension.DIMENSIONLESS, 'integer', { readOnly: true, constant: true });
    for (const v of this.equations.variables.values()) {
      if (v.kind === SUBEXPRESSION && !v.flags.includes('constant over dt')) continue;
      add(v.name, v.dim, v.type, { shared: v.flags.includes('shared'), constant: v.flags.includes('constant') });
    }
    if (this.equations.diffEqNames.some((n) => this.equations.variables.get(n)!.flags.includes('event-driven'))) add('lastupdate', SECOND, 'float');

    const codes = (value: SynapsesOptions['on_pre'], prepost: 'pre' | 'post'): Array<[string, string]> =>
      value === undefined ? [] : typeof value === 'string' ? [[prepost, value]] : Object.entries(value);
    const delays = options.delay;
    const delayOf = (pathway: string): TimeLike | undefined =>
      delays === undefined ? undefined : typeof delays === 'string' || delays instanceof Quantity ? (pathway === 'pre' ? (delays as TimeLike) : undefined) : (delays as Record<string, TimeLike>)[pathway];
    const events = options.on_event;
    for (const [prepost, value] of [['pre', options.on_pre], ['post', options.on_post]] as const) {
      for (const [name, code] of codes(value, prepost)) {
        if (this.pathways.some((p) => p.name === name)) throw new Error(`Synapses '${this.name}': pathway '${name}' is defined twice`);
        const delayVar = name === 'pre' ? 'delay' : `${name}_delay`;
        const given = delayOf(name);
        add(delayVar, SECOND, 'float', { shared: given !== undefined });
        if (given !== undefined) {
          const seconds = toSeconds(given, `delay of pathway '${name}'`);
          if (!(seconds >= 0)) throw new RangeError(`Synapses '${this.name}': delays must be ≥ 0, got ${seconds} s for pathway '${name}'`);
          this.stored.get(delayVar)!.handle.data[0] = seconds;
        }
        const event = typeof events === 'string' ? events : events?.[name] ?? 'spike';
        (prepost === 'pre' ? this.source : this.target).eventSpace(event);
        this.pathways.push({
          name,
          prepost,
          code,
          event,
          delayVar,
          delaySteps: new ArrayHandle(`${this.name}_${name}_delaysteps`, 'i32', 0),
          ring: new ArrayHandle(`${this.name}_${name}_ring`, 'i32', 1),
          counts: new ArrayHandle(`${this.name}_${name}_counts`, 'i32', 1),
          cursor: new ArrayHandle(`${this.name}_${name}_cursor`, 'i32', 1),
        });
      }
    }
    if (delays !== undefined && typeof delays === 'object' && !(delays instanceof Quantity)) {
      for (const key of Object.keys(delays)) if (!this.pathways.some((p) => p.name === key)) throw new Error(`Cannot set the delay for pathway '${key}': unknown pathway`);
    }
  }

  get size(): number {
    return this.nSynapses;
  }

  /** Number of synapses (Brian2's len(S) / S.N). */
  get N(): number {
    return this.nSynapses;
  }

  override dependencies(): SimObject[] {
    return [this.source, this.target];
  }

  override arrayHandles(): ArrayHandle[] {
    return [...super.arrayHandles(), this.incoming, this.outgoing, ...this.pathways.flatMap((p) => [p.ring, p.counts, p.cursor])];
  }

  /**
   * Add synapses from explicit index arrays (every other form of connect()
   * ends here). Indices count within the source and target as given
   * (subgroups from 0); the kernel stores indices into the parent groups.
   */
  addSynapses(pre: ArrayLike<number>, post: ArrayLike<number>): void {
    if (pre.length !== post.length) throw new RangeError(`connect(): i and j must have the same length (${pre.length} vs ${post.length})`);
    const { offset: po, size: ps } = this.sourceRange;
    const { offset: qo, size: qs } = this.targetRange;
    for (let k = 0; k < pre.length; k++) {
      const a = pre[k]!;
      const b = post[k]!;
      if (!Number.isInteger(a) || a < 0 || a >= ps) throw new RangeError(`connect(): presynaptic index ${a} is out of range for the source '${this.source.name}' (${ps} neurons)`);
      if (!Number.isInteger(b) || b < 0 || b >= qs) throw new RangeError(`connect(): postsynaptic index ${b} is out of range for the target '${this.target.name}' (${qs} neurons)`);
    }
    const old = this.nSynapses;
    const total = old + pre.length;
    for (const v of this.stored.values()) if (!v.shared) v.handle.resize(total);
    const I = this.stored.get('i')!.handle.data;
    const J = this.stored.get('j')!.handle.data;
    for (let k = 0; k < pre.length; k++) {
      I[old + k] = pre[k]! + po;
      J[old + k] = post[k]! + qo;
      this.outgoing.data[pre[k]! + po]! += 1;
      this.incoming.data[post[k]! + qo]! += 1;
    }
    this.nSynapses = total;
  }

  /** Values of a variable; `i` and `j` count within the source and target as given (subgroups from 0). */
  override get(name: string): VariableValues {
    const values = super.get(name);
    const offset = name === 'i' ? this.sourceRange.offset : name === 'j' ? this.targetRange.offset : 0;
    return offset === 0 ? values : new VariableValues(name, values.values.map((x) => x - offset), values.dim);
  }

  /**
   * Create synapses, in any of Brian2's forms: connect() (all to all),
   * connect({i, j}), connect({condition: 'i != j', p: 0.1}),
   * connect({j: 'k for k in range(i-1, i+2)', skip_if_invalid: true}), connect({p: 0.02, n: 2}).
   */
  connect(args: ConnectArgs = {}): void {
    const { i, j } = this.generate(args);
    this.addSynapses(i, j);
    this.history.push({ kind: 'connect', seq: nextSequence(), synapses: this.name, args: { ...args }, i: Int32Array.from(i), j: Int32Array.from(j) });
  }

  /** The synapses connect(args) creates, in Brian2's order (see connect.ts). */
  protected generate(args: ConnectArgs): { i: ArrayLike<number>; j: ArrayLike<number> } {
    const view = (range: GroupRange): ConnectGroup => {
      const g = range.group;
      const variables = new Map<string, ConnectGroupVariable>();
      const names = new Set([...g.variableNames(), ...[...g.equations.variables.values()].filter((v) => v.kind === SUBEXPRESSION).map((v) => v.name)]);
      for (const name of names) {
        if (name === 'i') continue;
        const shared = g.variableNames().includes(name) && g.variable(name).shared;
        const type = g.variableNames().includes(name) ? g.variable(name).type : g.equations.variables.get(name)!.type;
        variables.set(name, {
          values: () => {
            const all = g.get(name).values;
            return shared ? all : all.subarray(range.offset, range.offset + range.size);
          },
          dim: g.dimensionOf(name),
          type,
          shared,
        });
      }
      return { name: g.name, size: range.size, variables };
    };
    const env = groupConnectEnvironment(view(this.sourceRange), view(this.targetRange), {
      namespace: this.namespace ?? {},
      synapticNames: [...this.stored.keys()].filter((n) => n !== 'i' && n !== 'j'),
    });
    return generateConnections(env, args);
  }

  analyse(runNamespace: Namespace = {}): SynapsesModel {
    const namespace = { ...runNamespace, ...(this.namespace ?? {}) };
    const model = analyseSynapsesModel({
      equations: this.equations,
      pathways: this.pathways.map((p) => ({ name: p.name, prepost: p.prepost, code: p.code })),
      source: this.source.connectedView(runNamespace),
      target: this.target.connectedView(runNamespace),
      namespace,
    });
    this.analysed = model;
    return model;
  }

  kernelAccess(ctx: RunContext): KernelAccess {
    const model = this.analyse(ctx.runNamespace);
    const sizeSlot = ctx.build.param(`${this.name}.N`, () => this.nSynapses);
    return { symbols: this.symbols(ctx, model, sizeSlot), subexpressions: this.subexpressions(ctx, model), sizeSlot, prelude: this.indexPrelude(ctx.build) };
  }

  /** Every synaptic loop body starts with the pre- and postsynaptic indices of synapse _idx. */
  private indexPrelude(build: KernelBuild): (tr: Translator) => void {
    const pre = this.stored.get('i')!.handle;
    const post = this.stored.get('j')!.handle;
    const preSlot = build.array(pre);
    const postSlot = build.array(post);
    return (tr) => {
      const preBase = tr.arrayBase(pre.key, preSlot, 'i32');
      const postBase = tr.arrayBase(post.key, postSlot, 'i32');
      tr.body.push(
        { k: 'let', name: '_pre_idx', type: 'i32', value: load(preBase, 'i32', local('_idx', 'i32')), mutable: false },
        { k: 'let', name: '_post_idx', type: 'i32', value: load(postBase, 'i32', local('_idx', 'i32')), mutable: false },
        // i and j count within the source and target as given (from 0 for subgroups).
        { k: 'let', name: '_i', type: 'i32', value: binary('-', local('_pre_idx', 'i32'), i32(this.sourceRange.offset)), mutable: false },
        { k: 'let', name: '_j', type: 'i32', value: binary('-', local('_post_idx', 'i32'), i32(this.targetRange.offset)), mutable: false },
      );
    };
  }

  private subexpressions(ctx: RunContext, model: SynapsesModel): Map<string, Expr> {
    const out = new Map<string, Expr>();
    for (const v of model.equations.variables.values()) if (v.kind === SUBEXPRESSION && !v.flags.includes('summed')) out.set(v.name, canonicalNames(v.expr!, model.names));
    // Subexpressions of the connected groups, read at the pre-/postsynaptic index.
    for (const [side, group] of [['pre', this.source], ['post', this.target]] as const) {
      const access = group.kernelAccess(ctx);
      for (const [name, expr] of access.subexpressions) {
        const renamed = substitute(expr, new Map([...group.variableNames(), ...access.subexpressions.keys()].map((n) => [n, sym(`${n}_${side}`)])));
        out.set(`${name}_${side}`, renamed);
      }
    }
    return out;
  }

  private symbols(ctx: RunContext, model: SynapsesModel, sizeSlot: number): SymbolTable {
    const build = ctx.build;
    return (name) => {
      switch (name) {
        case 't':
          return { kind: 'local', name: 't', type: 'f64' };
        case 'dt':
          return { kind: 'local', name: 'dt', type: 'f64' };
        case 't_in_timesteps':
          return { kind: 'local', name: '_ts', type: 'f64' };
        case 'i':
          return { kind: 'local', name: '_i', type: 'i32' };
        case 'j':
          return { kind: 'local', name: '_j', type: 'i32' };
        case 'N':
          return { kind: 'param', slot: sizeSlot, type: 'i32' };
        case 'N_pre':
          return { kind: 'param', slot: build.param(`${this.name}.N_pre`, () => this.sourceRange.size), type: 'i32' };
        case 'N_post':
          return { kind: 'param', slot: build.param(`${this.name}.N_post`, () => this.targetRange.size), type: 'i32' };
        case 'N_incoming':
          return { kind: 'vector', slot: build.array(this.incoming), elem: 'i32', type: 'i32', index: '_post_idx', arrayKey: this.incoming.key };
        case 'N_outgoing':
          return { kind: 'vector', slot: build.array(this.outgoing), elem: 'i32', type: 'i32', index: '_pre_idx', arrayKey: this.outgoing.key };
      }
      if (name.startsWith('_') && name.includes('_exact_')) return undefined;
      const where = model.names.get(name);
      if (where && where.side === 'syn' && this.stored.has(name)) {
        const v = this.stored.get(name)!;
        const slot = build.array(v.handle);
        return v.shared
          ? { kind: 'shared', slot, elem: v.handle.elem, type: irTypeOf(v.type), arrayKey: v.handle.key }
          : { kind: 'vector', slot, elem: v.handle.elem, type: irTypeOf(v.type), index: '_idx', arrayKey: v.handle.key };
      }
      if (where && where.side !== 'syn') {
        const group = where.side === 'pre' ? this.source : this.target;
        if (!group.variableNames().includes(where.name)) return undefined;
        const v = group.variable(where.name);
        const slot = build.array(v.handle);
        return v.shared
          ? { kind: 'shared', slot, elem: v.handle.elem, type: irTypeOf(v.type), arrayKey: v.handle.key }
          : { kind: 'vector', slot, elem: v.handle.elem, type: irTypeOf(v.type), index: where.side === 'pre' ? '_pre_idx' : '_post_idx', arrayKey: v.handle.key };
      }
      return externalSymbol(name, model.scope.resolve(name), build, this.name, this.clock);
    };
  }

  prepare(ctx: RunContext): Operation[] {
    const build = ctx.build;
    const model = this.analyse(ctx.runNamespace);
    const sizeSlot = build.param(`${this.name}.N`, () => this.nSynapses);
    const baseSymbols = this.symbols(ctx, model, sizeSlot);
    const subexpressions = this.subexpressions(ctx, model);
    const prelude = this.indexPrelude(build);
    const ops: Operation[] = [];
    const opName = (suffix: string): string => `${this.name}_${suffix}`;
    this.buildCsr();

    // Summed variables: zero the target, then add every synapse's contribution (before the target's update).
    for (const s of model.summed) {
      const group = s.side === 'post' ? this.target : this.source;
      const tv = group.variable(s.targetVar);
      const targetSlot = build.array(tv.handle);
      const range = s.side === 'post' ? this.targetRange : this.sourceRange;
      const expr = canonicalNames(s.expr, model.names);
      const name = opName(`summed_variable_${s.name}`);
      const fn = loopOp({
        symbols: baseSymbols,
        subexpressions,
        name,
        loop: {
          kind: 'custom',
          wrap: (iteration) => [
            { k: 'for', counter: '_t', from: i32(range.offset), to: i32(range.offset + range.size), body: [store(arrayLocal(tv.handle.key), 'f64', local('_t', 'i32'), f64(0))] },
            { k: 'for', counter: '_idx', from: i32(0), to: cast(param(sizeSlot), 'i32'), body: iteration },
          ],
        },
        build: (tr) => {
          prelude(tr);
          const base = tr.arrayBase(tv.handle.key, targetSlot, 'f64');
          const at = local(s.side === 'post' ? '_post_idx' : '_pre_idx', 'i32');
          const value = cast(tr.expr(expr), 'f64');
          tr.body.push(store(base, 'f64', at, binary('+', load(base, 'f64', at), value)));
        },
      });
      // Brian2 runs it just before the target updates (order − 1), and a subgroup's order is its group's + 1.
      const targetOrder = range.offset === 0 && range.size === group.N ? group.order : group.order + 1;
      ops.push({ name, when: 'groups', order: targetOrder - 1, clock: group.clock, fn });
    }

    // Clock-driven synaptic equations.
    if (model.clockDriven.length > 0) {
      const eqs = Equations.fromVariables(model.equations.source, [...model.equations.variables.values()].filter((v) => !v.flags.includes('event-driven') && !v.flags.includes('summed')));
      const problem = {
        equations: substitutedEquations(eqs, model.subexpressionOrder).map((e) => ({ name: e.name, expr: canonicalNames(e.expr, model.names) })),
        stochasticVariables: eqs.stochasticVariables,
        scope: model.scope,
        dt: this.clock.dt_,
      };
      const update = applyStateUpdater(problem, this.method);
      this.methodUsed = update.method;
      const constants = update.constants;
      const symbols: SymbolTable = constants
        ? (n) => (constants.has(n) ? { kind: 'param', slot: build.param(`${this.name}.${n}`, () => constants.get(n)!), type: 'f64' } : baseSymbols(n))
        : baseSymbols;
      const checked = model.clockDriven.filter((n) => this.stored.get(n)!.type === 'float');
      const name = opName('stateupdater');
      const fn = loopOp({
        symbols,
        subexpressions,
        name,
        loop: { kind: 'all', sizeSlot },
        build: (tr) => {
          prelude(tr);
          tr.statements(update.statements);
        },
        finite: {
          vars: checked.map((n) => ({ name: n, slot: build.array(this.stored.get(n)!.handle), arrayKey: this.stored.get(n)!.handle.key })),
          varSlot: SLOT.errorVar,
          indexSlot: SLOT.errorIndex,
          status: 1,
        },
      });
      ops.push({ name, when: 'groups', order: this.order, clock: this.clock, fn, failure: describeNonFinite(this.name, 'synapse', checked) });
    }

    // Event-driven equations advance from lastupdate to t when a pathway runs.
    let eventUpdate: Statement[] = [];
    if (model.eventDriven.length > 0) {
      const eqs = Equations.fromVariables(model.equations.source, [...model.equations.variables.values()].filter((v) => !v.flags.includes('clock-driven') && !v.flags.includes('summed') && (v.kind !== 'differential equation' || v.flags.includes('event-driven'))));
      let update;
      try {
        update = exact({ equations: substitutedEquations(eqs, model.subexpressionOrder).filter((e) => model.eventDriven.includes(e.name)), stochasticVariables: [], scope: model.scope, dt: this.clock.dt_ });
        if (update.constants) throw new Error('numeric');
      } catch {
        throw new Error(`Synapses '${this.name}': cannot solve the differential equations as event-driven. Use (clock-driven) instead.`);
      }
      const elapsed: Expr = { kind: 'binary', op: '-', left: sym('t'), right: sym('lastupdate'), span: { start: 0, end: 0 } };
      eventUpdate = update.statements.map((st) => ({ ...st, value: canonicalNames(substitute(st.value, new Map([['dt', elapsed]])), model.names) }));
    }

    for (const pathway of this.pathways) {
      const code = model.pathways.find((p) => p.name === pathway.name)!;
      const statements = [...eventUpdate, ...canonicalStatements(code.code.statements, model.names), ...(model.eventDriven.length ? [assignLastupdate()] : [])];
      const storage = (n: string): string | undefined => {
        const where = model.names.get(n);
        if (!where || where.side === 'syn') return undefined;
        return `${(where.side === 'pre' ? this.source : this.target).name}.${where.name}`;
      };
      ops.push(...this.pathwayOps(ctx, pathway, statementSegments(statements, model.names, storage), baseSymbols, subexpressions, prelude));
    }

    for (const r of this.regularOperations) {
      ops.push(
        ...runRegularlyOperations(
          r,
          build,
          this.regularStatements(r.code, r.name, model),
          (name, once, scalar) => loopOp({ symbols: baseSymbols, subexpressions, name, loop: { kind: 'all', sizeSlot: once }, build: (tr) => tr.statements(scalar) }),
          (vector) =>
            loopOp({
              symbols: baseSymbols,
              subexpressions,
              name: r.name,
              loop: { kind: 'all', sizeSlot },
              build: (tr) => {
                prelude(tr);
                tr.statements(vector);
              },
            }),
        ),
      );
    }
    return ops;
  }

  /**
   * run_regularly code, checked. It may read everything on_pre may read but
   * write only synaptic variables: a pass over all synapses writing a neuron
   * variable would write each neuron once per synapse.
   */
  private regularStatements(code: string, name: string, model: SynapsesModel): { scalar: Statement[]; vector: Statement[] } {
    const source = new SourceText(code, `run_regularly code '${name}'`);
    const statements = parseStatements(source, source.origin);
    // As in Brian2, shared synaptic variables may be written first, from shared values.
    checkStatements(statements, model.scope, source, new Set(), { scalarWrites: true });
    for (const st of statements) {
      const where = model.names.get(st.target);
      if (where && where.side !== 'syn') {
        throw errorAt('invalid-target', `run_regularly on Synapses '${this.name}' can only write synaptic variables; '${st.target}' belongs to the ${where.side}synaptic group (use the group's own run_regularly)`, source, st.targetSpan);
      }
    }
    const { scalar, vector } = splitScalarStatements(statements, model.scope, source);
    return { scalar: canonicalStatements(scalar, model.names), vector: canonicalStatements(vector, model.names) };
  }

  /** Queue this step's events with their delays, then run the code of the synapses whose delay ends now. */
  private pathwayOps(ctx: RunContext, p: Pathway, segments: Statement[][], symbols: SymbolTable, subexpressions: Map<string, Expr>, prelude: (tr: Translator) => void): Operation[] {
    const build = ctx.build;
    const sourceGroup = p.prepost === 'pre' ? this.source : this.target;
    const targetGroup = p.prepost === 'pre' ? this.target : this.source;
    const space = sourceGroup.eventSpace(p.event);
    const sourceSize = sourceGroup.kernelAccess(ctx).sizeSlot;
    const offsets = p.prepost === 'pre' ? this.csr.preOffsets : this.csr.postOffsets;
    const order = p.prepost === 'pre' ? this.csr.preOrder : this.csr.postOrder;

    // Delays in steps, as Brian2's spike queue rounds them: (int)(delay/dt + 0.5).
    const dv = this.stored.get(p.delayVar)!;
    const steps = new Int32Array(this.nSynapses);
    for (let k = 0; k < this.nSynapses; k++) {
      const d = dv.handle.data[dv.shared ? 0 : k]!;
      if (!(d >= 0)) throw new RangeError(`Synapses '${this.name}': synapse ${k} has a negative or invalid delay (${d} s)`);
      steps[k] = Math.trunc(d / sourceGroup.clock.dt_ + 0.5);
    }
    let maxSteps = 0;
    for (const s of steps) maxSteps = Math.max(maxSteps, s);
    const homogeneous = dv.shared || steps.every((s) => s === steps[0]);
    const L = maxSteps + 1;
    const width = homogeneous ? sourceGroup.size : Math.max(1, this.nSynapses);
    if (p.counts.length !== L || p.ring.length !== L * width) {
      // A new queue geometry: pending events of an earlier run cannot be kept.
      p.counts.resize(L);
      p.counts.data.fill(0);
      p.ring.resize(L * width);
      p.cursor.data[0] = 0;
    }
    p.delaySteps.resize(this.nSynapses);
    p.delaySteps.data.set(steps);
    const slots = {
      space: build.array(space),
      ring: build.array(p.ring),
      counts: build.array(p.counts),
      cursor: build.array(p.cursor),
      steps: build.array(p.delaySteps),
      offsets: build.array(offsets),
      order: build.array(order),
      L: build.param(`${this.name}.${p.name}.L`, () => L),
      delay: build.param(`${this.name}.${p.name}.delay`, () => steps[0] ?? 0),
      width: build.param(`${this.name}.${p.name}.width`, () => width),
    };
    const A = (h: ArrayHandle): string => arrayLocal(h.key);
    const li = (n: string): IRExpr => local(n, 'i32');
    const Lx = cast(param(slots.L), 'i32');
    const W = cast(param(slots.width), 'i32');
    const wrapSlot = (x: IRExpr): IRExpr => select(binary('>=', x, Lx), binary('-', x, Lx), x);

    // Writes to (unless refractory) variables of the receiving group only happen while it is not refractory.
    const view = targetGroup.connectedView(ctx.runNamespace);
    const guarded = new Set([...view.unlessRefractory].map((n) => `${n}_${p.prepost === 'pre' ? 'post' : 'pre'}`));
    const nr = targetGroup.variableNames().includes('not_refractory') ? targetGroup.variable('not_refractory').handle : undefined;
    const synapsesOf = (src: IRExpr, body: IRStmt[]): IRStmt => ({
      k: 'for',
      counter: '_q',
      from: load(A(offsets), 'i32', src),
      to: load(A(offsets), 'i32', binary('+', src, i32(1))),
      body: [{ k: 'let', name: '_syn', type: 'i32', value: load(A(order), 'i32', li('_q')), mutable: false }, ...body],
    });
    /** Queue the synapses of this step's events: source neurons (same delay for all) or synapses by delay. */
    const push = (): IRStmt[] =>
      homogeneous
        ? [
            letVar('_nsp', load(A(space), 'i32', cast(param(sourceSize), 'i32'))),
            letVar('_slot', wrapSlot(binary('+', li('_cur'), cast(param(slots.delay), 'i32')))),
            store(A(p.counts), 'i32', li('_slot'), li('_nsp')),
            { k: 'for', counter: '_k', from: i32(0), to: li('_nsp'), body: [store(A(p.ring), 'i32', binary('+', binary('*', li('_slot'), W), li('_k')), load(A(space), 'i32', li('_k')))] },
          ]
        : [
            letVar('_nsp', load(A(space), 'i32', cast(param(sourceSize), 'i32'))),
            {
              k: 'for',
              counter: '_k',
              from: i32(0),
              to: li('_nsp'),
              body: [
                { k: 'let', name: '_src', type: 'i32', value: load(A(space), 'i32', li('_k')), mutable: false },
                synapsesOf(li('_src'), [
                  letVar('_slot', wrapSlot(binary('+', li('_cur'), load(A(p.delaySteps), 'i32', li('_syn'))))),
                  letVar('_c', load(A(p.counts), 'i32', li('_slot'))),
                  store(A(p.ring), 'i32', binary('+', binary('*', li('_slot'), W), li('_c')), li('_syn')),
                  store(A(p.counts), 'i32', li('_slot'), binary('+', li('_c'), i32(1))),
                ]),
              ],
            },
          ];
    /** Run the iteration for every synapse due now, in queue order. */
    const deliver = (iteration: IRStmt[]): IRStmt[] => [
      letVar('_due', load(A(p.counts), 'i32', li('_cur'))),
      homogeneous
        ? {
            k: 'for',
            counter: '_k',
            from: i32(0),
            to: li('_due'),
            body: [
              { k: 'let', name: '_src', type: 'i32', value: load(A(p.ring), 'i32', binary('+', binary('*', li('_cur'), W), li('_k'))), mutable: false },
              synapsesOf(li('_src'), [{ k: 'let', name: '_idx', type: 'i32', value: li('_syn'), mutable: false }, ...iteration]),
            ],
          }
        : {
            k: 'for',
            counter: '_k',
            from: i32(0),
            to: li('_due'),
            body: [{ k: 'let', name: '_idx', type: 'i32', value: load(A(p.ring), 'i32', binary('+', binary('*', li('_cur'), W), li('_k'))), mutable: false }, ...iteration],
          },
    ];
    // Each segment of the code is one pass over the synapses due now: the
    // first pass also queues this step's events, the last empties the slot.
    return segments.map((segment, k): Operation => {
      const first = k === 0;
      const last = k === segments.length - 1;
      const name = `${this.name}_${p.name}${k === 0 ? '' : `_${k}`}`;
      const fn = loopOp({
        symbols,
        subexpressions,
        name,
        storeGuard: (n) => (guarded.has(n) && nr ? load(arrayLocal(nr.key), 'u8', li(p.prepost === 'pre' ? '_post_idx' : '_pre_idx')) : undefined),
        loop: {
          kind: 'custom',
          wrap: (iteration, tr) => {
            for (const [h, slot, elem] of [[space, slots.space, 'i32'], [p.ring, slots.ring, 'i32'], [p.counts, slots.counts, 'i32'], [p.cursor, slots.cursor, 'i32'], [p.delaySteps, slots.steps, 'i32'], [offsets, slots.offsets, 'i32'], [order, slots.order, 'i32']] as const) {
              tr.arrayBase(h.key, slot, elem);
            }
            if (nr) tr.arrayBase(nr.key, build.array(nr), 'u8');
            const out: IRStmt[] = [letVar('_cur', load(A(p.cursor), 'i32', i32(0)))];
            if (first) out.push(...push());
            out.push(...deliver(iteration));
            if (last) out.push(store(A(p.counts), 'i32', li('_cur'), i32(0)), store(A(p.cursor), 'i32', i32(0), wrapSlot(binary('+', li('_cur'), i32(1)))));
            return out;
          },
        },
        build: (tr) => {
          prelude(tr);
          tr.statements(segment);
        },
      });
      return { name, when: 'synapses', order: p.prepost === 'pre' ? -1 : 1, clock: sourceGroup.clock, fn };
    });
  }

  /** Synapse indices grouped by presynaptic (and postsynaptic) neuron, in creation order within each. */
  private buildCsr(): void {
    const pre = this.stored.get('i')!.handle.data;
    const post = this.stored.get('j')!.handle.data;
    const fill = (idx: ArrayLike<number>, n: number, offsets: ArrayHandle, order: ArrayHandle): void => {
      offsets.resize(n + 1);
      order.resize(this.nSynapses);
      const off = offsets.data;
      off.fill(0);
      for (let k = 0; k < this.nSynapses; k++) off[idx[k]! + 1]! += 1;
      for (let q = 0; q < n; q++) off[q + 1]! += off[q]!;
      const next = Int32Array.from(off.subarray(0, n));
      for (let k = 0; k < this.nSynapses; k++) order.data[next[idx[k]!]!++] = k;
    };
    fill(pre, this.source.size, this.csr.preOffsets, this.csr.preOrder);
    fill(post, this.target.size, this.csr.postOffsets, this.csr.postOrder);
  }

  protected expressionScope(): Scope {
    const model = this.analysed ?? this.analyse();
    return model.scope;
  }

  protected elementContext(): ElementContext {
    const model = this.analysed ?? this.analyse();
    const base = elementContextFor(this, model.scope, this.equations);
    const pre = this.stored.get('i')!.handle.data;
    const post = this.stored.get('j')!.handle.data;
    const gather = (group: SynapticGroup, name: string, idx: ArrayLike<number>): Float64Array => {
      const values = group.get(name).values;
      return Float64Array.from({ length: this.nSynapses }, (_, k) => values[values.length === 1 ? 0 : idx[k]!]!);
    };
    return {
      lookup: (name) => {
        if (name === 'i') return this.get('i').values;
        if (name === 'j') return this.get('j').values;
        const where = model.names.get(name);
        if (where && where.side !== 'syn') return gather(where.side === 'pre' ? this.source : this.target, where.name, where.side === 'pre' ? pre : post);
        return base.lookup(name);
      },
    };
  }

  /** Dimension of a stored variable or of a synaptic subexpression (which StateMonitors may record). */
  override dimensionOf(name: string): Dimension {
    const v = this.equations.variables.get(name);
    return v && v.kind === SUBEXPRESSION && !v.flags.includes('summed') && !this.stored.has(name) ? v.dim : super.dimensionOf(name);
  }

  /** A synaptic subexpression, evaluated now for every synapse. */
  protected override evaluateReadOnly(name: string): VariableValues {
    const v = this.equations.variables.get(name);
    if (v?.kind === SUBEXPRESSION && !v.flags.includes('summed') && v.expr) return new VariableValues(name, evaluatePerElement(v.expr, this.elementContext(), this.nSynapses), v.dim);
    return super.evaluateReadOnly(name);
  }

  override toString(): string {
    return `Synapses '${this.name}' from '${this.source.name}' to '${this.target.name}' (${this.nSynapses} synapses)`;
  }
}

/**
 * Brian2's numpy target runs pathway code statement by statement over all
 * synapses due in a step (so a statement reading a pre/post variable sees
 * what earlier statements wrote for all synapses), unless a statement writes
 * a pre/post variable already read in the block — then it loops synapse by
 * synapse. Splitting the code into one pass per segment reproduces both;
 * a temporary crossing a split keeps the code in one pass.
 */
export function statementSegments(statements: Statement[], names: ReadonlyMap<string, SynapticName>, storage: (name: string) => string | undefined): Statement[][] {
  const isPrePost = (n: string): boolean => {
    const where = names.get(n);
    return where !== undefined && where.side !== 'syn';
  };
  const used = new Set<string>();
  for (const st of statements) {
    for (const id of identifiersOf(st.value)) if (isPrePost(id)) used.add(id);
    if (used.has(st.target)) return [statements];
  }
  // A new pass starts where a statement reads neuron state (v_pre and v_post
  // are the same array when source and target are one group) written before.
  const segments: Statement[][] = [[]];
  const written = new Set<string>();
  for (const st of statements) {
    const reads = [...identifiersOf(st.value)].some((id) => isPrePost(id) && written.has(storage(id)!));
    if (reads && segments[segments.length - 1]!.length > 0) segments.push([]);
    segments[segments.length - 1]!.push(st);
    if (isPrePost(st.target)) written.add(storage(st.target)!);
  }
  if (segments.length > 1) {
    const assigned = new Set<string>();
    for (const [k, segment] of segments.entries()) {
      for (const st of segment) {
        const crossing = [...identifiersOf(st.value)].some((id) => !names.has(id) && assigned.has(id) && !segment.some((s) => s.target === id));
        if (crossing && k > 0) return [statements];
      }
      for (const st of segment) if (!names.has(st.target)) assigned.add(st.target);
    }
  }
  return segments;
}

function assignLastupdate(): Statement {
  const span = { start: 0, end: 0 };
  return { target: 'lastupdate', targetSpan: span, op: '=', value: sym('t'), span };
}



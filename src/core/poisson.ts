import { formatDimension, Quantity } from '../units/index.ts';
import { binary, call, cast, load, local, param, store, type IRExpr } from '../codegen/ir.ts';
import { loopOp } from '../codegen/ops.ts';
import { parseExpression } from '../parsing/expressions.ts';
import { SourceText } from '../parsing/source.ts';
import { checkExpression } from '../equations/unitcheck.ts';
import { errorAt } from '../parsing/diagnostics.ts';
import type { Expr } from '../parsing/ast.ts';
import { sym } from '../symbolic/build.ts';
import type { Namespace } from '../equations/namespace.ts';
import { SimObject, type Operation, type RunContext } from './base.ts';
import { NeuronGroup } from './neurongroup.ts';
import { uniqueName } from './names.ts';
import type { Clock } from './clock.ts';
import type { TimeLike, ValueLike } from './quantities.ts';
import { toSI } from './quantities.ts';
import { Dimension } from '../units/index.ts';

const HERTZ = Dimension.of([0, 0, -1, 0, 0, 0, 0]);

export interface PoissonGroupOptions {
  namespace?: Namespace;
  name?: string;
  dt?: TimeLike;
  clock?: Clock;
  order?: number;
}

/**
 * Brian2's PoissonGroup: N independent Poisson sources; a neuron fires in a
 * step when rand() < rates*dt. Rates are one value, one per neuron, or an
 * expression (which may use t, i and TimedArrays).
 */
export class PoissonGroup extends NeuronGroup {
  constructor(N: number, rates: ValueLike | ArrayLike<number> | ReadonlyArray<Quantity>, options: PoissonGroupOptions = {}) {
    const expression = typeof rates === 'string' && !isQuantityText(rates) ? rates : undefined;
    super(N, expression ? `rates = ${expression} : Hz` : 'rates : Hz', {
      threshold: 'rand() < rates*dt',
      ...options,
      name: uniqueName('poissongroup', options.name),
    });
    if (!expression) {
      if (typeof rates === 'string' || rates instanceof Quantity) this.set('rates', rates);
      else if (typeof rates === 'number') {
        if (rates !== 0) throw new TypeError(`PoissonGroup rates need units of Hz; got the plain number ${rates}. Write e.g. '${rates}*Hz'`);
      } else {
        this.set('rates', rates as ArrayLike<number>);
      }
      // Brian2 would silently never fire; a negative rate is a mistake worth naming.
      const values = this.getSI('rates');
      const bad = values.findIndex((r) => !(r >= 0) || !Number.isFinite(r));
      if (bad >= 0) throw new RangeError(`PoissonGroup '${this.name}': rates must be finite and ≥ 0 Hz, got ${values[bad]} Hz for neuron ${bad}`);
    }
  }
}

function isQuantityText(s: string): boolean {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*\*?\s*[A-Za-z]+\s*$/.test(s);
}

/**
 * Brian2's PoissonInput: adds, every step and to every neuron of the target,
 * the input of N independent Poisson sources of the given rate: target_var
 * += binomial(N, rate*dt) * weight. Cheaper than N×size synapses.
 */
export class PoissonInput extends SimObject {
  readonly name: string;
  readonly target: NeuronGroup;
  readonly targetVar: string;
  readonly N: number;
  readonly rate: number;
  /** An expression in the target's context, or a fixed value. */
  readonly weight: string | Quantity;
  readonly when: string;

  constructor(target: NeuronGroup, targetVar: string, N: number, rate: ValueLike, weight: string | Quantity | number, options: { name?: string; when?: string; order?: number } = {}) {
    super();
    this.name = uniqueName('poissoninput', options.name);
    this.target = target;
    this.targetVar = targetVar;
    if (!Number.isInteger(N) || N < 0) throw new RangeError(`PoissonInput: N must be a whole number ≥ 0, got ${N}`);
    this.N = N;
    this.rate = toSI(rate, HERTZ, 'PoissonInput rate');
    if (!(this.rate >= 0)) throw new RangeError(`PoissonInput: the rate must be ≥ 0`);
    this.weight = typeof weight === 'number' ? new Quantity(weight) : weight;
    this.when = options.when ?? 'synapses';
    this.order = options.order ?? 0;
    this.clock = target.clock;
    target.variable(targetVar);
  }

  override dependencies(): SimObject[] {
    return [this.target];
  }

  prepare(ctx: RunContext): Operation[] {
    const access = this.target.kernelAccess(ctx);
    const view = this.target.connectedView(ctx.runNamespace);
    const tv = this.target.variable(this.targetVar);
    const build = ctx.build;
    let weight: Expr;
    let symbols = access.symbols;
    if (typeof this.weight === 'string') {
      const scope = this.target.analyse(ctx.runNamespace).scope;
      const source = new SourceText(this.weight, `weight of '${this.name}'`);
      weight = parseExpression(source);
      const info = checkExpression(weight, scope, source);
      if (info.dim !== tv.dim) {
        throw errorAt('unit-mismatch', `The weight of '${this.name}' has unit ${formatDimension(info.dim)}, but '${this.targetVar}' has unit ${formatDimension(tv.dim)}`, source, weight.span);
      }
    } else {
      const w = this.weight;
      if (w.dim !== tv.dim) throw new TypeError(`The weight of '${this.name}' (${w.toString()}) does not have the unit of '${this.targetVar}' (${formatDimension(tv.dim)})`);
      const slot = build.param(`${this.name}.weight`, () => w.value);
      weight = sym('_weight');
      symbols = (n) => (n === '_weight' ? { kind: 'param', slot, type: 'f64' } : access.symbols(n));
    }
    const nSlot = build.param(`${this.name}.N`, () => this.N);
    const pSlot = build.param(`${this.name}.p`, () => this.rate * this.clock.dt_);
    const gated = view.unlessRefractory.has(this.targetVar) && this.target.variableNames().includes('not_refractory');
    const fn = loopOp({
      symbols,
      subexpressions: access.subexpressions,
      name: this.name,
      loop: { kind: 'all', sizeSlot: access.sizeSlot },
      build: (tr) => {
        const w = cast(tr.expr(weight), 'f64');
        const base = tr.arrayBase(tv.handle.key, build.array(tv.handle), 'f64');
        const count: IRExpr = cast(call('binomial', [local('_RNG', 'i32'), cast(param(nSlot), 'i32'), param(pSlot)], 'i32'), 'f64');
        const update = store(base, 'f64', local('_idx', 'i32'), binary('+', load(base, 'f64', local('_idx', 'i32')), binary('*', count, w)));
        if (gated) {
          const nr = this.target.variable('not_refractory').handle;
          const nrBase = tr.arrayBase(nr.key, build.array(nr), 'u8');
          tr.body.push({ k: 'if', cond: load(nrBase, 'u8', local('_idx', 'i32')), then: [update] });
        } else {
          tr.body.push(update);
        }
      },
    });
    return [{ name: this.name, when: this.when, order: this.order, clock: this.clock, fn }];
  }
}

import { binary, cast, i32, ifThen, letVar, load, local, param, set, store, type IRStmt } from '../codegen/ir.ts';
import { loopOp, spikeCount } from '../codegen/ops.ts';
import { arrayLocal } from '../codegen/translate.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import { SimObject, type Operation, type RunContext } from '../core/base.ts';
import type { NeuronGroup } from '../core/neurongroup.ts';
import { Subgroup } from '../core/subgroup.ts';
import { uniqueName } from '../core/names.ts';
import { SECOND } from '../core/quantities.ts';
import type { Restorable } from '../core/network.ts';
import { VariableValues } from '../core/variables.ts';
import { GrowableFloat64 } from './recording.ts';
import type { Dimension } from '../units/index.ts';
import type { SymbolTable } from '../codegen/symbols.ts';
import type { Translator } from '../codegen/translate.ts';
import type { Expr } from '../parsing/ast.ts';
import { sym } from '../symbolic/build.ts';

/** Anything that produces events into a Brian2-style index list. */
export interface EventSource extends SimObject {
  readonly size: number;
  eventSpace(event: string): ArrayHandle;
  kernelAccess(ctx: RunContext): { sizeSlot: number; symbols?: SymbolTable; subexpressions?: ReadonlyMap<string, Expr>; prelude?: (tr: Translator) => void };
  dimensionOf?(name: string): Dimension;
}

export interface EventMonitorOptions {
  /** Record event indices and times: true (all), false (only count them), or the indices to record. */
  record?: boolean | readonly number[];
  /** Variables of the source to record at each event (Brian2's `variables`), besides `i` and `t`. */
  variables?: readonly string[];
  when?: string;
  order?: number;
  name?: string;
}

/**
 * Brian2's EventMonitor (SpikeMonitor is the one for 'spike'): indices and
 * times of events, and counts per element, written by the kernel into a
 * buffer that the host empties between chunks.
 */
export class EventMonitor extends SimObject implements Restorable {
  readonly name: string;
  readonly source: EventSource;
  /** The monitored neurons: the whole source or a subgroup's range (indices are reported from 0). */
  readonly range: { offset: number; size: number };
  readonly event: string;
  readonly record: boolean;
  readonly when: string;
  /** With a list of indices to record: 1 for recorded elements (counts cover all). */
  private readonly recordMask: ArrayHandle | undefined;
  private readonly counts: ArrayHandle;
  private readonly fill: ArrayHandle;
  private readonly bufI: ArrayHandle;
  private readonly bufT: ArrayHandle;
  private readonly recI = new GrowableFloat64();
  private readonly recT = new GrowableFloat64();
  /** Variables recorded at each event, besides i and t. */
  readonly variables: readonly string[];
  private readonly bufVars: ArrayHandle[];
  private readonly recVars: GrowableFloat64[];
  private dims: Dimension[] = [];

  constructor(source: EventSource | Subgroup, event: string, options: EventMonitorOptions = {}, baseName = 'eventmonitor') {
    super();
    if (source instanceof Subgroup) {
      this.source = source.source as unknown as EventSource;
      this.range = { offset: source.start, size: source.size };
    } else {
      this.source = source;
      this.range = { offset: 0, size: source.size };
    }
    source = this.source;
    this.event = event;
    this.name = uniqueName(baseName, options.name);
    const record = options.record ?? true;
    this.record = record !== false && !(Array.isArray(record) && record.length === 0);
    this.when = options.when ?? (event === 'spike' ? 'thresholds' : 'after_thresholds');
    this.order = options.order ?? source.order + 1;
    this.clock = source.clock;
    source.eventSpace(event);
    this.counts = new ArrayHandle(`${this.name}_counts`, 'i32', this.range.size);
    this.fill = new ArrayHandle(`${this.name}_fill`, 'i32', 1);
    this.bufI = new ArrayHandle(`${this.name}_i`, 'i32', 1);
    this.bufT = new ArrayHandle(`${this.name}_t`, 'f64', 1);
    this.variables = (options.variables ?? []).filter((v) => v !== 'i' && v !== 't');
    if (this.variables.length > 0 && !this.record) throw new Error(`${baseName === 'spikemonitor' ? 'SpikeMonitor' : 'EventMonitor'} '${this.name}': recording variables needs record: true`);
    this.bufVars = this.variables.map((v, k) => new ArrayHandle(`${this.name}_var${k}`, 'f64', 1));
    this.recVars = this.variables.map(() => new GrowableFloat64());
    if (typeof record === 'object') {
      this.recordMask = new ArrayHandle(`${this.name}_mask`, 'u8', this.range.size);
      for (const k of record) {
        if (!Number.isInteger(k) || k < 0 || k >= this.range.size) throw new RangeError(`Cannot record element ${k}: the source has ${this.range.size} elements`);
        this.recordMask.data[k] = 1;
      }
    }
  }

  override dependencies(): SimObject[] {
    return [this.source];
  }

  arrayHandles(): ArrayHandle[] {
    return [this.counts];
  }

  prepare(ctx: RunContext): Operation[] {
    const build = ctx.build;
    const access = this.source.kernelAccess(ctx);
    const { sizeSlot } = access;
    this.dims = this.variables.map((v) => {
      if (!this.source.dimensionOf) throw new Error(`'${this.name}' cannot record '${v}': its source has no variables`);
      return this.source.dimensionOf(v);
    });
    const space = this.source.eventSpace(this.event);
    const N = this.source.size;
    // Room for at least one step in which every element fires.
    const capacity = this.record ? N + Math.max(N, 1 << 16) : 1;
    this.bufI.resize(capacity);
    this.bufT.resize(capacity);
    for (const b of this.bufVars) b.resize(capacity);
    const slots = {
      space: build.array(space),
      counts: build.array(this.counts),
      fill: build.array(this.fill),
      i: build.array(this.bufI),
      t: build.array(this.bufT),
    };
    const n = local('_n', 'i32');
    const fn = loopOp({
      symbols: this.variables.length > 0 && access.symbols ? access.symbols : () => undefined,
      ...(this.variables.length > 0 && access.subexpressions ? { subexpressions: access.subexpressions } : {}),
      name: this.name,
      loop: { kind: 'list', listKey: space.key, listSlot: slots.space, count: spikeCount(space.key, sizeSlot) },
      before: [letVar('_n', load(arrayLocal(this.fill.key), 'i32', i32(0))), letVar('_m', i32(0))],
      build: (tr) => {
        if (this.variables.length > 0) access.prelude?.(tr);
        tr.arrayBase(this.fill.key, slots.fill, 'i32');
        const counts = tr.arrayBase(this.counts.key, slots.counts, 'i32');
        const rel = binary('-', local('_idx', 'i32'), i32(this.range.offset));
        const body: IRStmt[] = [store(counts, 'i32', rel, binary('+', load(counts, 'i32', rel), i32(1)))];
        if (this.record) {
          const at = binary('+', n, local('_m', 'i32'));
          const rec: IRStmt[] = [
            store(tr.arrayBase(this.bufI.key, slots.i, 'i32'), 'i32', at, rel),
            store(tr.arrayBase(this.bufT.key, slots.t, 'f64'), 'f64', at, local('t', 'f64')),
            ...this.variables.map((v, k) => store(tr.arrayBase(this.bufVars[k]!.key, build.array(this.bufVars[k]!), 'f64'), 'f64', at, cast(tr.expr(sym(v)), 'f64'))),
            set('_m', binary('+', local('_m', 'i32'), i32(1))),
          ];
          const mask = this.recordMask;
          body.push(...(mask ? [ifThen(load(tr.arrayBase(mask.key, build.array(mask), 'u8'), 'u8', rel), rec)] : rec));
        }
        const whole = this.range.offset === 0 && this.range.size === this.source.size;
        tr.body.push(...(whole ? body : [ifThen(binary('and', binary('>=', local('_idx', 'i32'), i32(this.range.offset)), binary('<', local('_idx', 'i32'), i32(this.range.offset + this.range.size))), body)]));
      },
      after: this.record ? [store(arrayLocal(this.fill.key), 'i32', i32(0), binary('+', n, local('_m', 'i32')))] : [],
    });
    if (this.record) {
      const fillLocal = `_ptr_${this.fill.key}`;
      build.stopBefore.push({
        arrays: [{ name: fillLocal, elem: 'i32', slot: slots.fill }],
        cond: binary('>', binary('+', load(fillLocal, 'i32', i32(0)), cast(param(sizeSlot), 'i32')), i32(capacity)),
      });
      build.afterChunk.push(() => this.drain());
    }
    return [{ name: this.name, when: this.when, order: this.order, clock: this.clock, fn }];
  }

  private drain(): void {
    const n = this.fill.data[0]!;
    if (n === 0) return;
    this.recI.append(this.bufI.data.subarray(0, n));
    this.recT.append(this.bufT.data.subarray(0, n));
    this.bufVars.forEach((b, k) => this.recVars[k]!.append((b.data as Float64Array).subarray(0, n)));
    this.fill.data[0] = 0;
  }

  /** A recorded variable's values, one per recorded event (Brian2's `mon.v`). */
  get(name: string): VariableValues {
    const k = this.variables.indexOf(name);
    if (k < 0) throw new Error(`'${this.name}' does not record '${name}' (it records ${['i', 't', ...this.variables].join(', ')})`);
    return new VariableValues(name, this.recVars[k]!.view().slice(), this.dims[k] ?? this.source.dimensionOf!(name));
  }

  /** A recorded variable's values per element (Brian2's `mon.values('v')`). */
  values(name: string): Map<number, Float64Array> {
    return this.perElement(this.get(name).values);
  }

  /** Values recorded with the events, grouped by element (every element, in order of the events). */
  private perElement(values: ArrayLike<number>): Map<number, Float64Array> {
    const lists = new Map<number, number[]>();
    const is = this.recI.view();
    for (let k = 0; k < is.length; k++) {
      let l = lists.get(is[k]!);
      if (!l) lists.set(is[k]!, (l = []));
      l.push(values[k]!);
    }
    const out = new Map<number, Float64Array>();
    for (let i = 0; i < this.range.size; i++) out.set(i, Float64Array.from(lists.get(i) ?? []));
    return out;
  }

  /** Indices of the elements, one per recorded event. */
  get i(): Int32Array {
    return Int32Array.from(this.recI.view());
  }
  /** Times of the events. */
  get t(): VariableValues {
    return new VariableValues('t', this.recT.view().slice(), SECOND);
  }
  /** Events per element. */
  get count(): Int32Array {
    return (this.counts.data as Int32Array).slice();
  }
  /** Total number of events. */
  get numEvents(): number {
    let total = 0;
    for (const c of this.counts.data) total += c;
    return total;
  }
  /** Event times per element (Brian2's spike_trains() / event_trains()). */
  eventTrains(): Map<number, Float64Array> {
    return this.perElement(this.recT.view());
  }

  storeState(): unknown {
    return { n: this.recI.length };
  }
  restoreState(state: unknown): void {
    const n = (state as { n: number }).n;
    this.recI.truncate(n);
    this.recT.truncate(n);
    for (const r of this.recVars) r.truncate(n);
    this.fill.data[0] = 0;
  }
}

/** Brian2's SpikeMonitor. */
export class SpikeMonitor extends EventMonitor {
  constructor(source: EventSource | NeuronGroup | Subgroup, options: EventMonitorOptions = {}) {
    super(source as EventSource, 'spike', options, 'spikemonitor');
  }
  /** Spike times per neuron. */
  spikeTrains(): Map<number, Float64Array> {
    return this.eventTrains();
  }
  get numSpikes(): number {
    return this.numEvents;
  }
}

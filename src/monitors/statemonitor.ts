import { store, binary, cast, i32, load, local, param, letVar, type IRExpr } from '../codegen/ir.ts';
import { loopOp } from '../codegen/ops.ts';
import { arrayLocal } from '../codegen/translate.ts';
import { sym } from '../symbolic/build.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import { Dimension } from '../units/index.ts';
import { SimObject, type Operation, type RunContext } from '../core/base.ts';
import { Clock } from '../core/clock.ts';
import type { VariableOwner } from '../core/group.ts';
import { Subgroup } from '../core/subgroup.ts';
import { uniqueName } from '../core/names.ts';
import { SECOND, type TimeLike } from '../core/quantities.ts';
import type { Restorable } from '../core/network.ts';
import { VariableValues } from '../core/variables.ts';
import { GrowableFloat64 } from './recording.ts';

export interface StateMonitorOptions {
  /** true: every element; false: none; or the indices to record. */
  record?: boolean | number | readonly number[];
  dt?: TimeLike;
  clock?: Clock;
  when?: string;
  order?: number;
  name?: string;
}

/** Recorded values of one variable: `trace(k)` is the time course of the k-th recorded element. */
export class RecordedVariable {
  constructor(
    readonly name: string,
    readonly dim: Dimension,
    /** Indices of the recorded elements. */
    readonly indices: Int32Array,
    /** Samples × recorded elements, row-major by sample. */
    private readonly data: Float64Array,
  ) {}

  get samples(): number {
    return this.indices.length === 0 ? 0 : this.data.length / this.indices.length;
  }

  /** The time course of the k-th recorded element (position in `indices`, not the neuron index). */
  trace(k: number): Float64Array {
    const n = this.indices.length;
    if (!(k >= 0 && k < n)) throw new RangeError(`Only ${n} elements were recorded; there is no trace ${k}`);
    const out = new Float64Array(this.samples);
    for (let s = 0; s < out.length; s++) out[s] = this.data[s * n + k]!;
    return out;
  }

  /** The time course of element `index` (a neuron index that was recorded). */
  of(index: number): Float64Array {
    const k = this.indices.indexOf(index);
    if (k < 0) throw new RangeError(`Element ${index} was not recorded (recorded: ${Array.from(this.indices.subarray(0, 10)).join(', ')}${this.indices.length > 10 ? ', …' : ''})`);
    return this.trace(k);
  }

  /** All traces, one per recorded element (Brian2's `mon.v`). */
  traces(): Float64Array[] {
    return Array.from(this.indices, (_, k) => this.trace(k));
  }
}

/**
 * Brian2's StateMonitor: records variables (or subexpressions) of a group
 * at the start of each step of its clock. Recording happens inside the
 * kernel into a buffer that is copied out after each chunk of steps.
 */
export class StateMonitor extends SimObject implements Restorable {
  readonly name: string;
  readonly source: VariableOwner;
  readonly variables: string[];
  readonly when: string;
  /** Whether every element is recorded (`record: true`, Brian2's record_all), for export. */
  readonly recordAll: boolean;
  private readonly indexHandle: ArrayHandle;
  private readonly counter: ArrayHandle;
  private buffer: ArrayHandle;
  private times: ArrayHandle;
  private capacity = 0;
  private readonly recorded: GrowableFloat64[];
  private readonly recordedTimes = new GrowableFloat64();
  private dims: Dimension[] = [];

  /**
   * Set when the monitor was made for a subgroup (Brian2's `StateMonitor(G[10:20], …)`):
   * `source` is then its group, and the recorded indices count from the subgroup's start.
   */
  readonly subgroup: Subgroup | undefined;
  /** The first neuron of the monitored range in `source` (0 without a subgroup). */
  private readonly offset: number;

  constructor(monitored: VariableOwner | Subgroup, variables: string | readonly string[] | true, options: StateMonitorOptions = {}) {
    super();
    this.subgroup = monitored instanceof Subgroup ? monitored : undefined;
    const source: VariableOwner = monitored instanceof Subgroup ? monitored.source : monitored;
    this.source = source;
    this.offset = this.subgroup?.start ?? 0;
    const size = this.subgroup?.size ?? source.size;
    const what = this.subgroup ? `the subgroup [${this.subgroup.start}:${this.subgroup.stop}] of '${source.name}'` : `'${source.name}'`;
    this.name = uniqueName('statemonitor', options.name);
    this.variables = variables === true ? source.variableNames().filter((n) => n !== 'i' && n !== 'lastspike' && n !== 'not_refractory') : typeof variables === 'string' ? [variables] : [...variables];
    this.when = options.when ?? 'start';
    this.order = options.order ?? 0;
    this.clock = options.clock ?? (options.dt !== undefined ? new Clock(options.dt, `${this.name}_clock`) : source.clock);
    const record = options.record ?? false;
    this.recordAll = record === true;
    const indices =
      record === true ? Array.from({ length: size }, (_, k) => k) : record === false ? [] : typeof record === 'number' ? [record] : [...record];
    for (const i of indices) {
      if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`Cannot record element ${i} of ${what}, which has ${size} elements`);
    }
    this.indexHandle = new ArrayHandle(`${this.name}_indices`, 'i32', indices.length);
    this.indexHandle.data.set(indices.map((i) => i + this.offset));
    this.counter = new ArrayHandle(`${this.name}_count`, 'i32', 1);
    this.buffer = new ArrayHandle(`${this.name}_buffer`, 'f64', 1);
    this.times = new ArrayHandle(`${this.name}_times`, 'f64', 1);
    this.recorded = this.variables.map(() => new GrowableFloat64());
  }

  override dependencies(): SimObject[] {
    return [this.source];
  }

  prepare(ctx: RunContext): Operation[] {
    const access = this.source.kernelAccess(ctx);
    const build = ctx.build;
    const nrec = this.indexHandle.length;
    const nvars = this.variables.length;
    this.dims = this.variables.map((v) => dimensionOf(this.source, v));
    // Buffer a bounded number of samples per kernel call (≤ 32 MB).
    this.capacity = Math.max(1, Math.min(256, Math.floor((32 << 20) / (8 * Math.max(1, nrec * nvars)))));
    this.buffer.resize(this.capacity * nrec * nvars);
    this.times.resize(this.capacity);
    build.limitChunk(this.capacity);
    const slots = {
      indices: build.array(this.indexHandle),
      count: build.array(this.counter),
      buffer: build.array(this.buffer),
      times: build.array(this.times),
      nrec: build.param(`${this.name}.nrec`, () => this.indexHandle.length),
    };
    const n = local('_n', 'i32');
    const fn = loopOp({
      symbols: access.symbols,
      subexpressions: access.subexpressions,
      name: this.name,
      loop: { kind: 'list', listKey: this.indexHandle.key, listSlot: slots.indices, count: cast(param(slots.nrec), 'i32') },
      before: [letVar('_n', load(arrayLocal(this.counter.key), 'i32', i32(0)))],
      build: (tr) => {
        access.prelude?.(tr);
        tr.arrayBase(this.counter.key, slots.count, 'i32');
        tr.arrayBase(this.times.key, slots.times, 'f64');
        const buf = tr.arrayBase(this.buffer.key, slots.buffer, 'f64');
        this.variables.forEach((name, j) => {
          const value = cast(tr.expr(sym(name)), 'f64');
          const at: IRExpr = binary('+', binary('*', binary('+', binary('*', n, i32(nvars)), i32(j)), cast(param(slots.nrec), 'i32')), local('_k', 'i32'));
          tr.body.push(store(buf, 'f64', at, value));
        });
      },
      after: [
        store(arrayLocal(this.times.key), 'f64', n, local('t', 'f64')),
        store(arrayLocal(this.counter.key), 'i32', i32(0), binary('+', n, i32(1))),
      ],
    });
    build.afterChunk.push(() => this.drain());
    return [{ name: this.name, when: this.when, order: this.order, clock: this.clock, fn }];
  }

  private drain(): void {
    const count = this.counter.data[0]!;
    if (count === 0) return;
    const nrec = this.indexHandle.length;
    const nvars = this.variables.length;
    const buf = this.buffer.data as Float64Array;
    for (let s = 0; s < count; s++) {
      for (let j = 0; j < nvars; j++) this.recorded[j]!.append(buf.subarray((s * nvars + j) * nrec, (s * nvars + j + 1) * nrec));
    }
    this.recordedTimes.append((this.times.data as Float64Array).subarray(0, count));
    this.counter.data[0] = 0;
  }

  /** Times of the samples. */
  get t(): VariableValues {
    return new VariableValues('t', this.recordedTimes.view().slice(), SECOND);
  }

  /** The recorded elements, counted from the subgroup's start for a subgroup (as Brian2's `record`). */
  get indices(): Int32Array {
    return (this.indexHandle.data as Int32Array).map((i) => i - this.offset);
  }

  /** The recording of one variable. */
  get(name: string): RecordedVariable {
    const j = this.variables.indexOf(name);
    if (j < 0) throw new Error(`StateMonitor '${this.name}' does not record '${name}' (it records ${this.variables.join(', ')})`);
    const dim = this.dims[j] ?? dimensionOf(this.source, name);
    return new RecordedVariable(name, dim, this.indices, this.recorded[j]!.view().slice());
  }

  storeState(): unknown {
    return { n: this.recordedTimes.length, per: this.recorded.map((r) => r.length) };
  }
  restoreState(state: unknown): void {
    const s = state as { n: number; per: number[] };
    this.recordedTimes.truncate(s.n);
    this.recorded.forEach((r, j) => r.truncate(s.per[j]!));
    this.counter.data[0] = 0;
  }
}

function dimensionOf(source: VariableOwner, name: string): Dimension {
  return source.dimensionOf(name);
}

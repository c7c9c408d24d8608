import { binary, call, cast, f64, i32, ifThen, letVar, load, local, param, set, store } from '../codegen/ir.ts';
import { loopOp } from '../codegen/ops.ts';
import { arrayLocal } from '../codegen/translate.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import type { Operation, RunContext } from './base.ts';
import type { Clock } from './clock.ts';
import { NeuronGroup } from './neurongroup.ts';
import { uniqueName } from './names.ts';
import { toSeconds, type TimeLike } from './quantities.ts';
import type { Quantity } from '../units/index.ts';

export interface SpikeGeneratorOptions {
  /** Repeat the pattern with this period (0: no repetition). */
  period?: TimeLike;
  /** Skip sorting when the spikes are already sorted by time. */
  sorted?: boolean;
  name?: string;
  dt?: TimeLike;
  clock?: Clock;
  order?: number;
}

/**
 * Brian2's SpikeGeneratorGroup: neurons that fire at given times, optionally
 * repeating with a period. Each spike falls into the step containing its time
 * (shifted by 1e-3·dt so that exact multiples of dt are not pushed back).
 */
export class SpikeGeneratorGroup extends NeuronGroup {
  private indices = new Int32Array(0);
  private times = new Float64Array(0);
  private periodSeconds = 0;
  private changed = true;
  private readonly spikeIndices: ArrayHandle;
  private readonly timebins: ArrayHandle;
  private readonly lastIndex: ArrayHandle;

  constructor(N: number, indices: ArrayLike<number>, times: ArrayLike<number> | Quantity | ReadonlyArray<Quantity> | string, options: SpikeGeneratorOptions = {}) {
    super(N, '', { name: uniqueName('spikegeneratorgroup', options.name), ...(options.clock ? { clock: options.clock } : {}), ...(options.dt !== undefined ? { dt: options.dt } : {}), ...(options.order !== undefined ? { order: options.order } : {}) });
    this.spikeIndices = new ArrayHandle(`${this.name}_neuron_index`, 'i32', 0);
    this.timebins = new ArrayHandle(`${this.name}_timebins`, 'i32', 0);
    this.lastIndex = new ArrayHandle(`${this.name}_lastindex`, 'i32', 1);
    this.setSpikes(indices, times, options.period ?? '0*second', options.sorted ?? false);
  }

  /**
   * Replace the spikes (Brian2's set_spikes). Times are seconds as plain
   * numbers, or Quantities.
   */
  setSpikes(indices: ArrayLike<number>, times: ArrayLike<number> | Quantity | ReadonlyArray<Quantity> | string, period: TimeLike = '0*second', sorted = false): void {
    const t = toTimes(times);
    if (t.length !== indices.length) throw new RangeError(`SpikeGeneratorGroup: ${indices.length} indices but ${t.length} times`);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (!Number.isInteger(i) || i < 0 || i >= this.N) throw new RangeError(`SpikeGeneratorGroup: neuron index ${i} is out of range for ${this.N} neurons`);
      if (!(t[k]! >= 0) || !Number.isFinite(t[k]!)) throw new RangeError(`SpikeGeneratorGroup: spike time ${t[k]} s must be finite and ≥ 0`);
    }
    const order = Array.from({ length: t.length }, (_, k) => k);
    if (!sorted) order.sort((a, b) => t[a]! - t[b]! || indices[a]! - indices[b]!);
    this.indices = Int32Array.from(order, (k) => indices[k]!);
    this.times = Float64Array.from(order, (k) => t[k]!);
    this.periodSeconds = toSeconds(period, 'period');
    if (this.periodSeconds < 0) throw new RangeError('The period must be ≥ 0');
    if (this.periodSeconds > 0 && this.times.length > 0 && this.times[this.times.length - 1]! >= this.periodSeconds) {
      throw new Error(`SpikeGeneratorGroup '${this.name}': spike times must be smaller than the period (${this.periodSeconds} s)`);
    }
    this.changed = true;
  }

  /** The spikes as stored (sorted by time): neuron indices, times and period in seconds (for export). */
  get spikes(): { indices: Int32Array; times: Float64Array; period: number } {
    return { indices: this.indices.slice(), times: this.times.slice(), period: this.periodSeconds };
  }

  override eventSpace(event: string): ArrayHandle {
    if (event === 'spike') return this.spikeSpace;
    return super.eventSpace(event);
  }

  override arrayHandles(): ArrayHandle[] {
    return [...super.arrayHandles(), this.lastIndex];
  }

  override prepare(ctx: RunContext): Operation[] {
    const build = ctx.build;
    const dt = this.clock.dt_;
    if (this.periodSeconds > 0 && this.periodSeconds < dt) throw new Error(`The period of '${this.name}' is smaller than its dt`);
    const bins = Int32Array.from(this.times, (x) => Math.trunc((x + 1e-3 * dt) / dt));
    for (let k = 1; k < bins.length; k++) {
      if (bins[k] === bins[k - 1] && this.indices[k] === this.indices[k - 1]) {
        throw new Error(`Using a dt of ${dt} s, some neurons of SpikeGeneratorGroup '${this.name}' spike more than once during a time step`);
      }
    }
    this.spikeIndices.resize(bins.length);
    this.spikeIndices.data.set(this.indices);
    this.timebins.resize(bins.length);
    this.timebins.data.set(bins);
    if (this.changed) {
      // Spikes before the current time are skipped.
      const now = Math.trunc((ctx.t + 1e-3 * dt) / dt);
      let first = 0;
      while (first < bins.length && bins[first]! < now) first++;
      this.lastIndex.data[0] = this.periodSeconds > 0 ? 0 : first;
      this.changed = false;
    }
    const periodBins = this.periodSeconds > 0 ? Math.round(this.periodSeconds / dt) : 0;
    const sizeSlot = build.param(`${this.name}.N`, () => this.N);
    const slots = {
      space: build.array(this.spikeSpace),
      index: build.array(this.spikeIndices),
      bins: build.array(this.timebins),
      last: build.array(this.lastIndex),
      count: build.param(`${this.name}.nspikes`, () => bins.length),
      period: build.param(`${this.name}.period_bins`, () => periodBins),
    };
    const A = (h: ArrayHandle): string => arrayLocal(h.key);
    const li = (n: string) => local(n, 'i32');
    const name = `${this.name}_spikegenerator`;
    const fn = loopOp({
      symbols: () => undefined,
      name,
      loop: { kind: 'custom', wrap: () => [] },
      build: (tr) => {
        tr.arrayBase(this.spikeSpace.key, slots.space, 'i32');
        tr.arrayBase(this.spikeIndices.key, slots.index, 'i32');
        tr.arrayBase(this.timebins.key, slots.bins, 'i32');
        tr.arrayBase(this.lastIndex.key, slots.last, 'i32');
      },
      before: [
        letVar('_tb', local('_ts', 'f64'), 'f64'),
        letVar('_last', load(A(this.lastIndex), 'i32', i32(0))),
        ifThen(binary('>', param(slots.period), f64(0)), [
          set('_tb', call('pymod', [local('_tb', 'f64'), param(slots.period)])),
          ifThen(binary('and', binary('>', li('_last'), i32(0)), binary('>=', load(A(this.timebins), 'i32', binary('-', li('_last'), i32(1))), local('_tb', 'f64'))), [set('_last', i32(0))]),
        ]),
        letVar('_n', i32(0)),
        {
          k: 'while',
          cond: binary('and', binary('<', binary('+', li('_last'), li('_n')), cast(param(slots.count), 'i32')), binary('<=', load(A(this.timebins), 'i32', binary('+', li('_last'), li('_n'))), local('_tb', 'f64'))),
          body: [store(A(this.spikeSpace), 'i32', li('_n'), load(A(this.spikeIndices), 'i32', binary('+', li('_last'), li('_n')))), set('_n', binary('+', li('_n'), i32(1)))],
        },
        store(A(this.lastIndex), 'i32', i32(0), binary('+', li('_last'), li('_n'))),
        store(A(this.spikeSpace), 'i32', cast(param(sizeSlot), 'i32'), li('_n')),
      ],
    });
    return [{ name, when: 'thresholds', order: this.order, clock: this.clock, fn }];
  }
}

function toTimes(times: ArrayLike<number> | Quantity | ReadonlyArray<Quantity> | string): Float64Array {
  if (typeof times === 'string') return Float64Array.of(toSeconds(times, 'spike time'));
  if ('dim' in (times as object) && !('length' in (times as object))) return Float64Array.of(toSeconds(times as Quantity, 'spike time'));
  const arr = times as ArrayLike<number | Quantity>;
  return Float64Array.from({ length: arr.length }, (_, k) => {
    const x = arr[k]!;
    return typeof x === 'number' ? x : toSeconds(x, 'spike time');
  });
}

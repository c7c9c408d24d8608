import { binary, cast, f64, i32, ifThen, letVar, load, local, param, set, store } from '../codegen/ir.ts';
import { loopOp } from '../codegen/ops.ts';
import { arrayLocal } from '../codegen/translate.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import { SimObject, type Operation, type RunContext } from '../core/base.ts';
import { uniqueName } from '../core/names.ts';
import { SECOND, toSeconds, type TimeLike } from '../core/quantities.ts';
import type { Restorable } from '../core/network.ts';
import { VariableValues } from '../core/variables.ts';
import { Dimension } from '../units/index.ts';
import type { EventSource } from './spikemonitor.ts';
import { Subgroup } from '../core/subgroup.ts';
import { GrowableFloat64 } from './recording.ts';

const HERTZ = Dimension.of([0, 0, -1, 0, 0, 0, 0]);

/**
 * Brian2's PopulationRateMonitor: the fraction of the source that fired in
 * each step, as a rate (spikes / dt / N), recorded at the end of the step.
 */
export class PopulationRateMonitor extends SimObject implements Restorable {
  readonly name: string;
  readonly source: EventSource;
  /** The monitored neurons: the whole source or a subgroup's range. */
  readonly range: { offset: number; size: number };
  readonly when: string;
  private readonly fill: ArrayHandle;
  private readonly bufRate: ArrayHandle;
  private readonly bufT: ArrayHandle;
  private readonly rates = new GrowableFloat64();
  private readonly times = new GrowableFloat64();
  private readonly capacity = 1024;

  constructor(source: EventSource | Subgroup, options: { name?: string; when?: string; order?: number } = {}) {
    super();
    if (source instanceof Subgroup) {
      this.source = source.source as unknown as EventSource;
      this.range = { offset: source.start, size: source.size };
    } else {
      this.source = source;
      this.range = { offset: 0, size: source.size };
    }
    source = this.source;
    this.name = uniqueName('ratemonitor', options.name);
    this.when = options.when ?? 'end';
    this.order = options.order ?? 0;
    this.clock = source.clock;
    source.eventSpace('spike');
    this.fill = new ArrayHandle(`${this.name}_fill`, 'i32', 1);
    this.bufRate = new ArrayHandle(`${this.name}_rate`, 'f64', this.capacity);
    this.bufT = new ArrayHandle(`${this.name}_t`, 'f64', this.capacity);
  }

  override dependencies(): SimObject[] {
    return [this.source];
  }

  prepare(ctx: RunContext): Operation[] {
    const build = ctx.build;
    const { sizeSlot } = this.source.kernelAccess(ctx);
    const space = this.source.eventSpace('spike');
    const slots = { space: build.array(space), fill: build.array(this.fill), rate: build.array(this.bufRate), t: build.array(this.bufT) };
    build.limitChunk(this.capacity);
    const n = local('_n', 'i32');
    const N = f64(this.range.size);
    const whole = this.range.offset === 0 && this.range.size === this.source.size;
    const inRange = binary('and', binary('>=', local('_idx', 'i32'), i32(this.range.offset)), binary('<', local('_idx', 'i32'), i32(this.range.offset + this.range.size)));
    const fn = loopOp({
      symbols: () => undefined,
      name: this.name,
      loop: whole
        ? { kind: 'custom', wrap: () => [] }
        : {
            kind: 'custom',
            wrap: () => [
              { k: 'for', counter: '_k', from: i32(0), to: local('_all', 'i32'), body: [{ k: 'let', name: '_idx', type: 'i32', value: load(arrayLocal(space.key), 'i32', local('_k', 'i32')), mutable: false }, ifThen(inRange, [set('_count', binary('+', local('_count', 'i32'), i32(1)))])] },
            ],
          },
      build: (tr) => {
        tr.arrayBase(space.key, slots.space, 'i32');
        tr.arrayBase(this.fill.key, slots.fill, 'i32');
        tr.arrayBase(this.bufRate.key, slots.rate, 'f64');
        tr.arrayBase(this.bufT.key, slots.t, 'f64');
      },
      before: [
        letVar('_n', load(arrayLocal(this.fill.key), 'i32', i32(0))),
        letVar('_all', load(arrayLocal(space.key), 'i32', cast(param(sizeSlot), 'i32'))),
        letVar('_count', whole ? local('_all', 'i32') : i32(0)),
      ],
      after: [
        // Brian2: 1.0 * len(spikes) / dt / N
        store(arrayLocal(this.bufRate.key), 'f64', n, binary('/', binary('/', cast(local('_count', 'i32'), 'f64'), local('dt', 'f64')), N)),
        store(arrayLocal(this.bufT.key), 'f64', n, local('t', 'f64')),
        store(arrayLocal(this.fill.key), 'i32', i32(0), binary('+', n, i32(1))),
      ],
    });
    build.afterChunk.push(() => this.drain());
    return [{ name: this.name, when: this.when, order: this.order, clock: this.clock, fn }];
  }

  private drain(): void {
    const n = this.fill.data[0]!;
    if (n === 0) return;
    this.rates.append(this.bufRate.data.subarray(0, n));
    this.times.append(this.bufT.data.subarray(0, n));
    this.fill.data[0] = 0;
  }

  get t(): VariableValues {
    return new VariableValues('t', this.times.view().slice(), SECOND);
  }

  /** Population rate in Hz, one value per step. */
  get rate(): VariableValues {
    return new VariableValues('rate', this.rates.view().slice(), HERTZ);
  }

  /**
   * Brian2 2.5.1's smooth_rate (with its rounding of the window sizes): convolution with a normalized Gaussian (±2 widths)
   * or flat window of the given width, same length as the recording.
   */
  smoothRate(window: 'gaussian' | 'flat' | ArrayLike<number>, width?: TimeLike): VariableValues {
    const dt = this.clock.dt_;
    let kernel: number[];
    if (typeof window === 'string') {
      if (width === undefined) throw new TypeError('Need a width when using a predefined window');
      const w = toSeconds(width, 'width');
      if (window === 'gaussian') {
        const half = roundHalfEven((2 * w) / dt);
        kernel = Array.from({ length: 2 * half + 1 }, (_, k) => Math.exp((-((k - half) ** 2) * 1.0) / (2 * (w / dt) ** 2)));
      } else {
        const size = Math.trunc(w / 2 / dt) * 2 + 1;
        kernel = new Array<number>(size).fill(1);
      }
    } else {
      if (width !== undefined) throw new TypeError('Can only specify a width for a predefined window');
      if (window.length % 2 !== 1) throw new RangeError('The window must have an odd number of elements');
      kernel = Array.from(window);
    }
    const total = kernel.reduce((a, b) => a + b, 0);
    const rate = this.rates.view();
    return new VariableValues('rate', convolveSame(rate, kernel.map((x) => (x * 1.0) / total)), HERTZ);
  }

  storeState(): unknown {
    return { n: this.rates.length };
  }
  restoreState(state: unknown): void {
    const n = (state as { n: number }).n;
    this.rates.truncate(n);
    this.times.truncate(n);
    this.fill.data[0] = 0;
  }
}

/** numpy's round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** numpy.convolve(a, v, mode='same') */
export function convolveSame(a: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const n = a.length;
  const m = v.length;
  const outLen = Math.max(n, m);
  const full = new Float64Array(n + m - 1);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) full[i + j]! += a[i]! * v[j]!;
  const start = Math.floor((n + m - 1 - outLen) / 2);
  return full.slice(start, start + outLen);
}

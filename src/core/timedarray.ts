import type { ExternalFunction } from '../equations/namespace.ts';
import type { FunctionSpec } from '../equations/functions.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import { Dimension, Quantity } from '../units/index.ts';
import { uniqueName } from './names.ts';
import { SECOND, toSeconds, type TimeLike } from './quantities.ts';

/** TimedArrays by their function spec, so a resolved function can be traced back to its data. */
export const timedArraysBySpec = new WeakMap<object, TimedArray>();

/**
 * Brian2's TimedArray: values sampled every `dt`, called from model code as
 * `name(t)` (1-D) or `name(t, i)` (2-D, one column per neuron). Beyond the
 * last sample the last value holds; lookups follow Brian2 2.5.1 exactly.
 */
export class TimedArray implements ExternalFunction {
  readonly kind = 'external-function' as const;
  readonly name: string;
  readonly dt: number;
  readonly dim: Dimension;
  /** Number of time samples. */
  readonly rows: number;
  /** Columns of a 2-D array (1 for 1-D). */
  readonly columns: number;
  readonly twoD: boolean;
  readonly handle: ArrayHandle;
  readonly spec: FunctionSpec;

  /**
   * @param values 1-D: one value per time step; 2-D: rows of per-neuron values (values[t][i]).
   * @param unit dimension of the values, as a Quantity (e.g. `pA` → values are in SI amps times the scale).
   */
  constructor(values: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>, options: { dt: TimeLike; unit?: Quantity | Dimension; name?: string }) {
    this.name = uniqueName('_timedarray', options.name);
    this.dt = toSeconds(options.dt, 'TimedArray dt');
    if (!(this.dt > 0) || !Number.isFinite(this.dt)) throw new RangeError(`TimedArray '${this.name}': dt must be a positive, finite duration, got ${this.dt} s`);
    const unit = options.unit ?? Dimension.DIMENSIONLESS;
    const scale = unit instanceof Quantity ? unit.value : 1;
    this.dim = unit instanceof Quantity ? unit.dim : unit;
    const first = (values as ArrayLike<unknown>)[0];
    this.twoD = typeof first === 'object' && first !== null;
    this.rows = values.length;
    if (this.rows === 0) throw new Error('A TimedArray needs at least one value');
    this.columns = this.twoD ? (first as ArrayLike<number>).length : 1;
    this.handle = new ArrayHandle(`${this.name}_values`, 'f64', this.rows * this.columns);
    const data = this.handle.data as Float64Array;
    for (let r = 0; r < this.rows; r++) {
      if (this.twoD) {
        const row = (values as ReadonlyArray<ArrayLike<number>>)[r]!;
        if (row.length !== this.columns) throw new Error(`TimedArray rows must all have ${this.columns} values; row ${r} has ${row.length}`);
        for (let c = 0; c < this.columns; c++) data[r * this.columns + c] = row[c]! * scale;
      } else {
        data[r] = (values as ArrayLike<number>)[r]! * scale;
      }
    }
    const dim = this.dim;
    const ta = this;
    this.spec = {
      name: this.name,
      args: this.twoD ? [{ kind: 'dim', dim: SECOND }, { kind: 'dimensionless' }] : [{ kind: 'dim', dim: SECOND }],
      returnDim: () => dim,
      returnType: 'float',
      stateless: true,
      impl: 'timedarray',
      isLocallyConstant: (groupDt: number) => ta.isLocallyConstant(groupDt),
    };
    timedArraysBySpec.set(this.spec, this);
  }

  /** Brian2's K: how finely a step of the array is subdivided for robust rounding. */
  lookupK(groupDt: number): number {
    return Math.max(2 ** Math.ceil(Math.log2((8 / groupDt) * this.dt)), 1);
  }

  isLocallyConstant(groupDt: number): boolean {
    if (groupDt > this.dt) return false;
    const ratio = this.dt / groupDt;
    return Math.floor(ratio) === ratio;
  }

  /** Values (SI) as a flat array, row-major by time. */
  get values(): Float64Array {
    return (this.handle.data as Float64Array).slice();
  }
}

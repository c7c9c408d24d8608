import type { ValueType } from '../equations/functions.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import { Dimension, formatDimension, formatQuantity, Quantity } from '../units/index.ts';

/** A stored variable of a group: its meaning and its array. */
export interface StoredVariable {
  name: string;
  dim: Dimension;
  type: ValueType;
  /** One value for the whole group. */
  shared: boolean;
  constant: boolean;
  readOnly: boolean;
  handle: ArrayHandle;
}

export function storedVariable(
  owner: string,
  name: string,
  dim: Dimension,
  type: ValueType,
  size: number,
  opts: { shared?: boolean; constant?: boolean; readOnly?: boolean } = {},
): StoredVariable {
  const elem = type === 'float' ? 'f64' : type === 'integer' ? 'i32' : 'u8';
  return {
    name,
    dim,
    type,
    shared: opts.shared ?? false,
    constant: opts.constant ?? false,
    readOnly: opts.readOnly ?? false,
    handle: new ArrayHandle(`${owner}_${name}`, elem, opts.shared ? 1 : size),
  };
}

/**
 * The values of a variable, as the API returns them: SI numbers with their
 * dimension. `values` is a copy, safe to keep after further runs.
 */
export class VariableValues {
  constructor(
    readonly name: string,
    readonly values: Float64Array,
    readonly dim: Dimension,
  ) {}

  get length(): number {
    return this.values.length;
  }
  at(index: number): Quantity {
    const i = index < 0 ? this.values.length + index : index;
    if (!(i >= 0 && i < this.values.length)) throw new RangeError(`Index ${index} out of range for '${this.name}' (${this.values.length} values)`);
    return new Quantity(this.values[i]!, this.dim);
  }
  /** Values in a unit, e.g. `v.in(mV)`. */
  in(unit: { scale: number; dim: Dimension } | Quantity): Float64Array {
    const scale = unit instanceof Quantity ? unit.value : unit.scale;
    if (unit.dim !== this.dim) throw new TypeError(`Cannot express '${this.name}' (${formatDimension(this.dim)}) in units of ${formatDimension(unit.dim)}`);
    return this.values.map((v) => v / scale);
  }
  toArray(): number[] {
    return Array.from(this.values);
  }
  toString(): string {
    const shown = Array.from(this.values.subarray(0, 6), (v) => formatQuantity(new Quantity(v, this.dim)));
    return `<${this.name}: [${shown.join(', ')}${this.values.length > 6 ? ', …' : ''}]>`;
  }
}

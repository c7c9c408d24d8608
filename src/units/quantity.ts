import { Dimension } from './dimension.ts';
import { DimensionMismatchError } from './errors.ts';
import { formatPythonFloat } from './float-format.ts';
import { formatQuantity } from './format.ts';

/** Anything with a scale and a dimension: a Unit or the result of parseUnit. */
export interface UnitLike {
  readonly scale: number;
  readonly dim: Dimension;
}

/** A plain number is a dimensionless quantity. */
export type QuantityLike = Quantity | number;

/** A scalar physical quantity with Brian2's semantics; `value` is in SI units. */
export class Quantity {
  readonly value: number;
  readonly dim: Dimension;

  constructor(value: number, dim: Dimension = Dimension.DIMENSIONLESS) {
    this.value = value;
    this.dim = dim;
  }

  /** `value` given in `unit`, e.g. Quantity.of(10, ms) is Brian2's 10*ms. */
  static of(value: number, unit: UnitLike): Quantity {
    return new Quantity(value * unit.scale, unit.dim);
  }

  get isDimensionless(): boolean {
    return this.dim.isDimensionless;
  }

  // A dimensionless zero may meet any dimension (see dimsMatch). It stands
  // for the Python float Brian2 would hold, so 0 + 3*mV runs 3*mV.__radd__
  // and keeps volts, and 0 - 3*mV is -(3*mV).
  add(other: QuantityLike): Quantity {
    const o = toQuantity(other);
    requireSameDim(this, o, () => `Cannot calculate ${shortStr(this)} + ${shortStr(o)}, units do not match`);
    const dim = this.isDimensionless ? o.dim : this.dim;
    return new Quantity(this.value + o.value, dim);
  }

  sub(other: QuantityLike): Quantity {
    const o = toQuantity(other);
    requireSameDim(this, o, () => `Cannot calculate ${shortStr(this)} - ${shortStr(o)}, units do not match`);
    if (this.isDimensionless && !o.isDimensionless) return o.neg();
    return new Quantity(this.value - o.value, this.dim);
  }

  mul(other: QuantityLike): Quantity {
    const o = toQuantity(other);
    return new Quantity(this.value * o.value, this.dim.mul(o.dim));
  }

  div(other: QuantityLike): Quantity {
    const o = toQuantity(other);
    return new Quantity(this.value / o.value, this.dim.div(o.dim));
  }

  /** Any real exponent is allowed (fractional ones too), but it must be dimensionless. */
  pow(exponent: QuantityLike): Quantity {
    const p = toQuantity(exponent);
    if (!p.isDimensionless) {
      throw new DimensionMismatchError(
        `Cannot calculate ${shortStr(this)} ** ${shortStr(p)}, the exponent has to be dimensionless`,
        p.dim,
      );
    }
    return new Quantity(this.value ** p.value, this.dim.pow(p.value));
  }

  neg(): Quantity {
    return new Quantity(-this.value, this.dim);
  }

  abs(): Quantity {
    return new Quantity(Math.abs(this.value), this.dim);
  }

  lt(other: QuantityLike): boolean {
    return this.value < this.comparable(other, '<').value;
  }

  le(other: QuantityLike): boolean {
    return this.value <= this.comparable(other, '<=').value;
  }

  gt(other: QuantityLike): boolean {
    return this.value > this.comparable(other, '>').value;
  }

  ge(other: QuantityLike): boolean {
    return this.value >= this.comparable(other, '>=').value;
  }

  eq(other: QuantityLike): boolean {
    return this.value === this.comparable(other, '==').value;
  }

  ne(other: QuantityLike): boolean {
    return this.value !== this.comparable(other, '!=').value;
  }

  /** The value expressed in `unit`, e.g. (10*ms).in(second) === 0.01. */
  in(unit: UnitLike | Quantity): number {
    const isQuantity = unit instanceof Quantity;
    const scale = isQuantity ? unit.value : unit.scale;
    if (!dimsMatch(this.dim, this.value, unit.dim, scale)) {
      const description = 'Non-matching unit for method "in_unit"';
      // Brian2 names only the quantity's dimension when given a unit.
      throw isQuantity
        ? new DimensionMismatchError(description, this.dim, unit.dim)
        : new DimensionMismatchError(description, this.dim);
    }
    return this.value / scale;
  }

  toString(): string {
    return formatQuantity(this);
  }

  private comparable(other: QuantityLike, op: string): Quantity {
    const o = toQuantity(other);
    // Brian2 lets comparisons with a plain (dimensionless) infinity through.
    const isBareInfinity = o.isDimensionless && Math.abs(o.value) === Infinity;
    if (!isBareInfinity) {
      requireSameDim(this, o, () => `Cannot perform comparison ${shortStr(this)} ${op} ${shortStr(o)}, units do not match`);
    }
    return o;
  }
}

function toQuantity(x: QuantityLike): Quantity {
  return typeof x === 'number' ? new Quantity(x) : x;
}

// Brian2's fail_for_dimension_mismatch treats a dimensionless zero as having
// any dimension, so that 3*mV + 0 and 3*mV > 0 work.
function dimsMatch(aDim: Dimension, aValue: number, bDim: Dimension, bValue: number): boolean {
  return (
    aDim === bDim ||
    (aDim.isDimensionless && aValue === 0) ||
    (bDim.isDimensionless && bValue === 0)
  );
}

function requireSameDim(a: Quantity, b: Quantity, describe: () => string): void {
  if (!dimsMatch(a.dim, a.value, b.dim, b.value)) {
    throw new DimensionMismatchError(describe(), a.dim, b.dim);
  }
}

// How Brian2's error messages show an operand. A dimensionless scalar is a
// Python float by the time it reaches an operator in Brian2, hence repr.
function shortStr(q: Quantity): string {
  return q.isDimensionless ? formatPythonFloat(q.value) : formatQuantity(q);
}

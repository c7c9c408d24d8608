import { Dimension, formatDimension, parseQuantity, Quantity } from '../units/index.ts';

/** A duration as the API accepts it: a Quantity or a Brian2 string like '200*ms'. */
export type TimeLike = Quantity | string;
/** Any physical value: a Quantity, a Brian2 string, or a plain number where dimensionless. */
export type ValueLike = Quantity | string | number;

export const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

/** Value in SI of an API argument, checked against the expected dimension. */
export function toSI(value: ValueLike, dim: Dimension, what: string): number {
  let q: Quantity;
  if (typeof value === 'number') {
    if (!dim.isDimensionless) {
      throw new TypeError(`${what} needs units of ${formatDimension(dim)}; got the plain number ${value}. Write e.g. '${value}*${exampleUnit(dim)}'`);
    }
    return value;
  }
  if (typeof value === 'string') q = parseQuantity(value);
  else if (value instanceof Quantity) q = value;
  else throw new TypeError(`${what} must be a Quantity, a string like '10*ms', or a number`);
  if (q.dim !== dim) {
    throw new TypeError(`${what} must have units of ${formatDimension(dim)}, but ${q.toString()} has units of ${formatDimension(q.dim)}`);
  }
  return q.value;
}

export function toSeconds(value: TimeLike, what: string): number {
  return toSI(value, SECOND, what);
}

function exampleUnit(dim: Dimension): string {
  return formatDimension(dim);
}

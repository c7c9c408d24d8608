/**
 * Arguments with units, as the exercises take them: a Quantity or a Brian2
 * string ('0.5*pA', '-70 mV'), checked against the dimension the argument needs.
 */
import { getUnit, parseQuantity, Quantity } from '../index.ts';

/** A value with units: a Quantity or a string such as '10*ms'. */
export type QuantityInput = Quantity | string;

/** The Quantity for `value`, which must have the dimension of `unit` (a unit name such as 'mV'). */
export function quantity(value: QuantityInput, unit: string, what: string): Quantity {
  const q = typeof value === 'string' ? parseQuantity(value) : value;
  const expected = unitOf(unit);
  if (q.dim !== expected.dim) {
    throw new TypeError(`${what} must have the dimension of ${unit} (e.g. '1*${unit}'), but got ${q.toString()}`);
  }
  return q;
}

/** SI value of `value`, checked against the dimension of `unit`. */
export function si(value: QuantityInput, unit: string, what: string): number {
  return quantity(value, unit, what).value;
}

/** How many `unit`s `value` is, e.g. inUnit(q('-70*mV'), 'mV') === -70. */
export function inUnit(value: Quantity, unit: string): number {
  return value.in(unitOf(unit));
}

/** The Brian2 unit called `name`; throws for unknown names (a typo in our own code). */
export function unitOf(name: string): NonNullable<ReturnType<typeof getUnit>> {
  const u = getUnit(name);
  if (!u) throw new Error(`Unknown unit '${name}'`);
  return u;
}

/** A Quantity of `value` `unit`s, e.g. of(5, 'ms'). */
export function of(value: number, unit: string): Quantity {
  return Quantity.of(value, unitOf(unit));
}

/** A unit name as a label shows it: 'uA' as 'µA'. */
export function displayUnit(unit: string): string {
  return unit.replace(/^u(?=[A-Za-z])/, 'µ');
}

/** A quantity for a label: Brian2's text without its trailing point ('200 ms', not '200. ms'). */
export function show(value: Quantity): string {
  return value.toString().replace(/(\d)\.(?=\s|$)/, '$1');
}

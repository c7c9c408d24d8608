// Brian2's Unit arithmetic (Unit.__mul__, __div__, __pow__): combining units
// yields a new compound unit with a composed name, and Brian2 registers every
// such unit for display -- intermediate ones included, e.g. cm**2 while
// evaluating ufarad/cm**2.
import { formatPythonFloat } from './float-format.ts';
import { makeUnit, registerDisplayUnit, type Unit } from './registry.ts';

/** An exponent as Python source would spell it; Brian2 prints ints and floats differently. */
export interface Exponent {
  readonly value: number;
  readonly isInt: boolean;
}

export function unitTimes(a: Unit, b: Unit): Unit {
  return registered(
    makeUnit(
      `${a.name} * ${b.name}`,
      `${a.dispname} ${b.dispname}`,
      a.scaleExponent + b.scaleExponent,
      a.dim.mul(b.dim),
      true,
    ),
  );
}

export function unitDividedBy(a: Unit, b: Unit): Unit {
  return registered(
    makeUnit(
      `${wrap(a, a.name)} / ${wrap(b, b.name)}`,
      `${wrap(a, a.dispname)}/${wrap(b, b.dispname)}`,
      a.scaleExponent - b.scaleExponent,
      a.dim.div(b.dim),
      true,
    ),
  );
}

export function unitToPower(a: Unit, p: Exponent): Unit {
  // Python's str() and repr() agree for ints and floats.
  const text = p.isInt ? String(p.value) : formatPythonFloat(p.value);
  return registered(
    makeUnit(
      `${wrap(a, a.name)} ** ${text}`,
      `${wrap(a, a.dispname)}^${text}`,
      a.scaleExponent * p.value,
      a.dim.pow(p.value),
      true,
    ),
  );
}

function wrap(u: Unit, text: string): string {
  return u.compound ? `(${text})` : text;
}

function registered(u: Unit): Unit {
  registerDisplayUnit(u);
  return u;
}

// Brian2's unit tables and its three display registries (standard, user,
// additional). The data comes from Brian2 itself, see
// tools/brian2/units_reference.py, which also records the order in which
// Brian2 registers units: that order decides ties between units of equal scale.
import rawData from './brian2_units.json' with { type: 'json' };
import { Dimension } from './dimension.ts';

export interface Unit {
  /** Brian2's repr, e.g. "mvolt" (also for the alias mV) or "mvolt ** -1". */
  readonly name: string;
  /** Brian2's str, e.g. "mV" or "mV^-1". */
  readonly dispname: string;
  /** Value of one unit in SI units, exactly Brian2's float(unit). */
  readonly scale: number;
  /** The power of ten `scale` was computed from (Brian2's Unit.scale). */
  readonly scaleExponent: number;
  readonly dim: Dimension;
  /** Built by unit arithmetic; compound display names get parenthesised when combined. */
  readonly compound: boolean;
}

type UnitRow = [dispname: string, scaleExponent: number, dim: number[], compound: number];

interface UnitData {
  units: Record<string, UnitRow>;
  names: Record<string, string>;
  allunitsOnly: string[];
  registers: { standard: string[]; additional: string[]; user: string[] };
  pow10Exceptions: Record<string, number>;
}

const data = rawData as unknown as UnitData;

/**
 * Python's `10.0 ** exponent`, which Brian2 uses for unit values. For integer
 * exponents the correctly rounded literal is right except where the platform
 * pow() is off by an ulp (recorded by the generator); JS `10 ** n` is off far
 * more often, so it is only used for fractional exponents.
 */
function pow10(exponent: number): number {
  if (!Number.isInteger(exponent)) return Math.pow(10, exponent);
  return data.pow10Exceptions[String(exponent)] ?? Number(`1e${exponent}`);
}

export function makeUnit(
  name: string,
  dispname: string,
  scaleExponent: number,
  dim: Dimension,
  compound: boolean,
): Unit {
  return Object.freeze({ name, dispname, scale: pow10(scaleExponent), scaleExponent, dim, compound });
}

const unitsByName = new Map<string, Unit>();
for (const [name, [dispname, scaleExponent, dim, compound]] of Object.entries(data.units)) {
  unitsByName.set(name, makeUnit(name, dispname, scaleExponent, Dimension.of(dim), compound === 1));
}

function unitNamed(name: string): Unit {
  const unit = unitsByName.get(name);
  if (unit === undefined) throw new Error(`brian2_units.json does not define unit ${name}`);
  return unit;
}

const lookup = new Map<string, Unit>(Object.entries(data.names).map(([alias, name]) => [alias, unitNamed(name)]));
const sortedNames = [...lookup.keys()].sort();
const allunitsOnly = new Set(data.allunitsOnly);

/**
 * A unit by any name Brian2 defines: everything in brian2.units.allunits (all
 * SI prefixes, powered forms such as cmetre3 and um2) plus the short names of
 * brian2.units.stdunits (mV, ms, uF, ...).
 */
export function getUnit(name: string): Unit | undefined {
  return lookup.get(name);
}

export function allUnitNames(): string[] {
  return [...sortedNames];
}

/**
 * Whether Brian2 resolves `name` without an explicit import: it is in
 * DEFAULT_UNITS (the namespace of model strings) or `from brian2 import *`.
 * Units with the prefixes c, d, da and h (cvolt, cmetre3) are not, except
 * cmetre/cmeter and the stdunits aliases cm, cm2, cm3.
 */
export function isDefaultUnitName(name: string): boolean {
  return lookup.has(name) && !allunitsOnly.has(name);
}

/** Brian2's UnitRegistry: units per dimension, keyed by their value. */
class UnitRegistry {
  private readonly byDim = new Map<Dimension, Map<number, Unit>>();
  private readonly byName = new Map<string, Unit>();

  add(unit: Unit): void {
    // Like a Python dict, re-setting a key keeps its position: a later unit with
    // the same scale replaces the earlier one but not its place in the order.
    this.byName.set(unit.name, unit);
    let forDim = this.byDim.get(unit.dim);
    if (forDim === undefined) this.byDim.set(unit.dim, (forDim = new Map()));
    forDim.set(unit.scale, unit);
  }

  units(): Unit[] {
    return [...this.byName.values()];
  }

  withScaleOne(dim: Dimension): Unit | undefined {
    return this.byDim.get(dim)?.get(1);
  }

  /**
   * UnitRegistry.__getitem__ for a scalar: the unit for which |value| / scale
   * is closest to 10 on a log scale (first one wins ties). Zero and NaN fit
   * every unit, so they get the scale-1 unit; `undefined` where Brian2 raises
   * KeyError and moves on to the next registry.
   */
  best(value: number, dim: Dimension): Unit | undefined {
    const matching = this.byDim.get(dim);
    if (matching === undefined) return undefined;
    const magnitude = Math.abs(value);
    let best: Unit | undefined;
    let bestDeviation = Infinity;
    let allIgnored = true;
    for (const unit of matching.values()) {
      const ratio = magnitude / unit.scale;
      // numpy turns zero ratios (including underflow) into NaN and nansum()s them to 0.
      const ignored = ratio === 0 || Number.isNaN(ratio);
      allIgnored &&= ignored;
      const deviation = ignored ? 0 : (Math.log10(ratio) - 1) ** 2;
      if (best === undefined || deviation < bestDeviation) {
        best = unit;
        bestDeviation = deviation;
      }
    }
    return allIgnored ? matching.get(1) : best;
  }
}

function registryOf(names: readonly string[]): UnitRegistry {
  const registry = new UnitRegistry();
  for (const name of names) registry.add(unitNamed(name));
  return registry;
}

const standardRegister = registryOf(data.registers.standard);
const additionalRegister = registryOf(data.registers.additional);
let userRegister = registryOf(data.registers.user);

/**
 * Make `unit` available for displaying quantities (Brian2's register_new_unit).
 * Brian2 does this for every Unit that unit arithmetic creates; parseUnit and
 * parseQuantity do the same for compound units.
 */
export function registerDisplayUnit(unit: Unit): void {
  userRegister.add(unit);
}

/** Back to the state right after `import brian2` (which already registered cmetre ** 2). */
export function resetDisplayUnits(): void {
  userRegister = registryOf(data.registers.user);
}

/** Units in the user register, in registration order. */
export function registeredDisplayUnits(): Unit[] {
  return userRegister.units();
}

/**
 * Brian2's Quantity.get_best_unit for a non-dimensionless scalar: searched in
 * the standard, user and additional registers in turn. `undefined` means
 * Brian2 falls back to plain SI base units.
 */
export function bestUnit(value: number, dim: Dimension): Unit | undefined {
  return (
    standardRegister.best(value, dim) ??
    userRegister.best(value, dim) ??
    additionalRegister.best(value, dim)
  );
}

/**
 * Brian2's get_unit: the scale-1 unit for a dimension. Like Brian2, when none
 * exists it creates one named after the SI base units and registers it, which
 * changes how later quantities of that dimension are displayed.
 */
export function unitForDimension(dim: Dimension): Unit {
  const known =
    standardRegister.withScaleOne(dim) ?? userRegister.withScaleOne(dim) ?? additionalRegister.withScaleOne(dim);
  if (known !== undefined) return known;
  const created = makeUnit(dim.toRepr(), dim.toString(), 0, dim, false);
  registerDisplayUnit(created);
  return created;
}

import { beforeEach, describe, expect, it } from 'vitest';
import {
  allUnitNames,
  bestUnit,
  Dimension,
  formatQuantity,
  getUnit,
  isDefaultUnitName,
  parseUnit,
  Quantity,
  registerDisplayUnit,
  registeredDisplayUnits,
  resetDisplayUnits,
  unitForDimension,
} from '../../src/units/index.ts';
import { brian2 } from './brian2-fixture.ts';

beforeEach(resetDisplayUnits);

const names = Object.keys(brian2.units);

describe('unit names', () => {
  it(`knows exactly the ${names.length} names Brian2 exposes`, () => {
    expect(allUnitNames()).toEqual([...names].sort());
  });

  it('has the same name, display name, scale and dimension as Brian2 for every name', () => {
    const actual = names.map((n) => {
      const u = getUnit(n)!;
      return [n, u.name, u.dispname, u.scale, [...u.dim.exponents]];
    });
    expect(actual).toEqual(names.map((n) => [n, ...brian2.units[n]]));
  });

  it('covers long, short, prefixed and powered forms', () => {
    for (const name of ['mvolt', 'mV', 'msecond', 'ms', 'nS', 'pA', 'Gohm', 'ufarad', 'uF', 'cmetre', 'cm', 'mmolar', 'mM']) {
      expect(getUnit(name), name).toBeDefined();
    }
    for (const name of ['metre2', 'cmetre3', 'um2', 'mm3', 'Hz', 'kHz', 'mS', 'liter', 'mliter', 'katal', 'Ykatal3']) {
      expect(getUnit(name), name).toBeDefined();
    }
    // Brian2 defines no short prefixed forms beyond stdunits.
    expect(getUnit('GV')).toBeUndefined();
    expect(getUnit('celsius')).toBeUndefined();
  });

  it('knows which names Brian2 resolves without an explicit import', () => {
    const defaults = new Set(brian2.defaultNames);
    expect(names.filter((n) => isDefaultUnitName(n))).toEqual(names.filter((n) => defaults.has(n)));
    expect(isDefaultUnitName('mV')).toBe(true);
    expect(isDefaultUnitName('cm3')).toBe(true);
    expect(isDefaultUnitName('cmetre3')).toBe(false);
    expect(isDefaultUnitName('dvolt')).toBe(false);
    expect(isDefaultUnitName('nonsense')).toBe(false);
  });

  it('aliases resolve to the very same unit', () => {
    expect(getUnit('mV')).toBe(getUnit('mvolt'));
    expect(getUnit('mV')).toMatchObject({ name: 'mvolt', dispname: 'mV', scale: 0.001, scaleExponent: -3 });
    expect(getUnit('um2')!.name).toBe('umetre2');
  });

  it('returns a copy of the name list', () => {
    allUnitNames().pop();
    expect(allUnitNames()).toHaveLength(names.length);
  });
});

describe('display registries', () => {
  it('start with what importing Brian2 registers (cmetre ** 2)', () => {
    expect(registeredDisplayUnits().map((u) => u.name)).toEqual(['cmetre ** 2']);
  });

  it('registerDisplayUnit changes formatting until reset', () => {
    const invVolt = getUnit('volt')!.dim.pow(-1);
    expect(formatQuantity(new Quantity(4400, invVolt))).toBe('4400. m^-2 kg^-1 s^3 A');
    const unit = { ...getUnit('mV')!, name: 'mvolt ** -1', dispname: 'mV^-1', scale: 1000, scaleExponent: 3, dim: invVolt };
    registerDisplayUnit(unit);
    expect(formatQuantity(new Quantity(4400, invVolt))).toBe('4.4 mV^-1');
    resetDisplayUnits();
    expect(formatQuantity(new Quantity(4400, invVolt))).toBe('4400. m^-2 kg^-1 s^3 A');
  });

  it('standard units take precedence over registered ones', () => {
    parseUnit('mV/mA');
    expect(bestUnit(1000, getUnit('ohm')!.dim)!.dispname).toBe('kohm');
  });

  it('bestUnit is undefined where Brian2 falls back to SI base units', () => {
    const d = Dimension.of([-4, -1, 3, 2, 0, 0, 0]);
    expect(bestUnit(0.5, d)).toBeUndefined();
  });

  it('unitForDimension returns the scale-1 unit, or registers a made-up one like get_unit', () => {
    expect(unitForDimension(getUnit('volt')!.dim).dispname).toBe('V');
    expect(unitForDimension(getUnit('hertz')!.dim).dispname).toBe('Hz');
    const d = Dimension.of([-4, -1, 3, 2, 0, 0, 0]);
    const made = unitForDimension(d);
    expect(made).toMatchObject({
      name: 'metre ** -4 * kilogram ** -1 * second ** 3 * amp ** 2',
      dispname: 'm^-4 kg^-1 s^3 A^2',
      scale: 1,
    });
    expect(registeredDisplayUnits().at(-1)).toBe(made);
    expect(unitForDimension(d)).toBe(made);
  });
});

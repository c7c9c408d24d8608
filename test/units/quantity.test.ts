import { beforeEach, describe, expect, it } from 'vitest';
import {
  Dimension,
  DimensionMismatchError,
  getUnit,
  parseUnit,
  Quantity,
  resetDisplayUnits,
} from '../../src/units/index.ts';
import { brian2, decodeFloat, type ValueAndDim } from './brian2-fixture.ts';

beforeEach(resetDisplayUnits);

const q = (value: number, unit: string) => Quantity.of(value, getUnit(unit)!);
const fromFixture = (x: ValueAndDim) => new Quantity(x.value, Dimension.of(x.dim));

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
}

describe('arithmetic matches Brian2', () => {
  it.each(brian2.arithmetic.map((r) => [`${r.op} -> ${r.str}`, r] as const))('%s', (_, row) => {
    const a = fromFixture(row.a);
    const b = row.b;
    let r: Quantity;
    switch (row.op) {
      case 'neg':
        r = a.neg();
        break;
      case 'abs':
        r = a.abs();
        break;
      case 'pow':
        r = a.pow(b as number);
        break;
      default:
        r = a[row.op](fromFixture(b as ValueAndDim));
    }
    const expected = decodeFloat(row.value);
    if (row.op === 'pow') {
      // JS and C pow() may differ in the last bit for fractional exponents.
      expect(Math.abs(r.value - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-15);
    } else {
      expect(r.value).toBe(expected);
    }
    expect(r.dim).toBe(Dimension.of(row.dim));
    expect(String(r)).toBe(row.str);
  });

  it('lets a dimensionless zero meet any dimension, like the Python float 0', () => {
    expect(String(q(3, 'mV').add(0))).toBe('3. mV');
    expect(String(new Quantity(0).add(q(3, 'mV')))).toBe('3. mV');
    expect(String(q(3, 'mV').sub(new Quantity(0)))).toBe('3. mV');
    expect(String(new Quantity(0).sub(q(3, 'mV')))).toBe('-3. mV');
    expect(String(new Quantity(0).sub(q(0, 'mV')))).toBe('-0. V');
    expect(() => q(3, 'mV').add(q(0, 'second'))).toThrow(DimensionMismatchError);
  });

  it('accepts plain numbers as dimensionless operands', () => {
    expect(String(q(3, 'mV').mul(2))).toBe('6. mV');
    expect(String(q(3, 'mV').div(2))).toBe('1.5 mV');
    expect(String(new Quantity(2).add(1))).toBe('3.');
  });
});

describe('powers', () => {
  it('allows fractional exponents', () => {
    const r = q(4, 'ms').pow(0.5);
    expect(r.dim.exponents).toEqual([0, 0, 0.5, 0, 0, 0, 0]);
    expect(r.value).toBeCloseTo(Math.sqrt(0.004), 15);
    expect(q(4, 'ms').pow(0.5).pow(2).dim).toBe(getUnit('second')!.dim);
  });

  it('accepts a dimensionless quantity as exponent', () => {
    expect(String(q(3, 'mV').pow(new Quantity(2)))).toBe('9. mV^2');
  });

  it('rejects an exponent with dimensions', () => {
    expect(() => q(3, 'mV').pow(q(2, 'mV'))).toThrow(
      new DimensionMismatchError('Cannot calculate 3. mV ** 2. mV, the exponent has to be dimensionless', getUnit('volt')!.dim),
    );
    expect(() => new Quantity(2).pow(q(1, 'second'))).toThrow(DimensionMismatchError);
  });
});

describe('comparisons', () => {
  it('compare values of the same dimension', () => {
    expect(q(3, 'mV').lt(q(1, 'volt'))).toBe(true);
    expect(q(3, 'mV').le(q(3, 'mV'))).toBe(true);
    expect(q(3, 'mV').gt(q(2999, 'uvolt'))).toBe(true);
    expect(q(3, 'mV').ge(q(4, 'mV'))).toBe(false);
    expect(q(1000, 'ms').eq(q(1, 'second'))).toBe(true);
    expect(q(1, 'ms').ne(q(1, 'second'))).toBe(true);
  });

  it('let a dimensionless zero or infinity through, as Brian2 does', () => {
    expect(q(3, 'mV').gt(0)).toBe(true);
    expect(q(3, 'mV').eq(0)).toBe(false);
    expect(q(3, 'mV').lt(Infinity)).toBe(true);
    expect(q(3, 'mV').gt(-Infinity)).toBe(true);
    expect(() => q(3, 'mV').lt(1)).toThrow(DimensionMismatchError);
    expect(() => q(3, 'mV').eq(q(0, 'second'))).toThrow(DimensionMismatchError);
  });

  it('treat NaN like numpy', () => {
    const nan = new Quantity(NaN, getUnit('volt')!.dim);
    expect(nan.eq(nan)).toBe(false);
    expect(nan.ne(nan)).toBe(true);
    expect(nan.lt(q(1, 'mV'))).toBe(false);
  });
});

describe('in()', () => {
  it('expresses a value in a unit', () => {
    expect(q(10, 'ms').in(getUnit('second')!)).toBe(0.01);
    expect(q(10, 'ms').in(getUnit('ms')!)).toBe(10);
    expect(q(1, 'uF').div(q(1, 'cm2')).in(parseUnit('uF/cm**2'))).toBeCloseTo(1, 15);
    expect(q(3, 'mV').in(q(2, 'mV'))).toBe(1.5);
  });

  it('names only the quantity’s unit when given a unit, both when given a quantity', () => {
    expect(errorOf(() => q(3, 'mV').in(getUnit('second')!)).message).toBe(
      'Non-matching unit for method "in_unit" (unit is V).',
    );
    expect(errorOf(() => q(3, 'mV').in(q(1, 'second'))).message).toBe(
      'Non-matching unit for method "in_unit" (units are V and s).',
    );
  });
});

describe('properties', () => {
  it('exposes value, dim and isDimensionless', () => {
    const x = q(-70, 'mV');
    expect(x.value).toBeCloseTo(-0.07, 17);
    expect(x.dim).toBe(getUnit('volt')!.dim);
    expect(x.isDimensionless).toBe(false);
    expect(new Quantity(3).isDimensionless).toBe(true);
    expect(new Quantity(3).dim).toBe(Dimension.DIMENSIONLESS);
  });
});

describe('DimensionMismatchError messages match Brian2', () => {
  it.each(brian2.errors.map((r) => [r.message, r] as const))('%s', (message, row) => {
    const a = fromFixture(row.a);
    const b = typeof row.b === 'string' ? getUnit(row.b)! : fromFixture(row.b);
    const run = () => {
      if (row.op === 'in') return a.in(b);
      if (!(b instanceof Quantity)) throw new Error('fixture: operand must be a quantity');
      return a[row.op](b);
    };
    const err = errorOf(run);
    expect(err).toBeInstanceOf(DimensionMismatchError);
    expect(err.message).toBe(message);
  });

  it.each(brian2.directErrors.map((r) => [r.message, r] as const))('constructed directly: %s', (message, row) => {
    const err = new DimensionMismatchError(row.description, ...row.dims.map((d) => Dimension.of(d)));
    expect(err.message).toBe(message);
    expect(err.description).toBe(row.description);
    expect(err.dims).toHaveLength(row.dims.length);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('DimensionMismatchError');
  });

  it('shows a dimensionless operand like the Python float it is in Brian2', () => {
    expect(errorOf(() => q(3, 'mV').add(1)).message).toBe(
      'Cannot calculate 3. mV + 1.0, units do not match (units are V and 1).',
    );
  });
});

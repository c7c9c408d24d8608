import { beforeEach, describe, expect, it } from 'vitest';
import {
  Dimension,
  formatDimension,
  formatDimensionSI,
  formatNumpyScalar,
  formatPythonFloat,
  formatQuantity,
  getUnit,
  Quantity,
  resetDisplayUnits,
} from '../../src/units/index.ts';
import { brian2, decodeFloat } from './brian2-fixture.ts';

beforeEach(resetDisplayUnits);

describe('formatQuantity matches Brian2 str()', () => {
  for (const group of brian2.quantityStr) {
    it(`values in ${group.unit} (${group.rows.length} rows)`, () => {
      const dim = Dimension.of(group.dim);
      const actual = group.rows.map(([v]) => formatQuantity(new Quantity(decodeFloat(v), dim)));
      expect(actual).toEqual(group.rows.map(([, s]) => s));
    });
  }

  it('examples from the spec', () => {
    const q = (value: number, unit: string) => String(Quantity.of(value, getUnit(unit)!));
    expect(q(10, 'ms')).toBe('10. ms');
    expect(q(-70, 'mV')).toBe('-70. mV');
    expect(q(100, 'us')).toBe('100. us');
    expect(q(0.5, 'pA')).toBe('0.5 pA');
    expect(q(300, 'uS')).toBe('300. uS');
    expect(q(15.6, 'ms')).toBe('15.6 ms');
    expect(q(1.25, 'Hz')).toBe('1.25 Hz');
    expect(q(20000, 'um2')).toBe('0.02 mm^2');
    expect(String(new Quantity(1 / 15))).toBe('0.06666667');
    expect(String(new Quantity(4.4).div(Quantity.of(1, getUnit('mV')!)))).toBe('4400. m^-2 kg^-1 s^3 A');
  });
});

describe('numpy and Python float text', () => {
  it(`formatNumpyScalar matches numpy for ${brian2.floatStr.length} values`, () => {
    const actual = brian2.floatStr.map(([v]) => formatNumpyScalar(decodeFloat(v)));
    expect(actual).toEqual(brian2.floatStr.map(([, s]) => s));
  });

  it('rounds exact ties at the 8th decimal half to even, like numpy', () => {
    expect(formatNumpyScalar(0.001953125)).toBe('0.00195312');
    expect(formatNumpyScalar(0.005859375)).toBe('0.00585938');
    expect(formatNumpyScalar(9.999999999e-5)).toBe('1.e-04');
    expect(formatNumpyScalar(-0)).toBe('-0.');
  });

  it(`formatPythonFloat matches repr() for ${brian2.floatRepr.length} values`, () => {
    const actual = brian2.floatRepr.map(([v]) => formatPythonFloat(decodeFloat(v)));
    expect(actual).toEqual(brian2.floatRepr.map(([, s]) => s));
  });
});

describe('dimensions', () => {
  it.each(brian2.dimensionStr.map((r) => [r.str, r.dim, r.display] as const))(
    'str(Dimension) %s and its display unit',
    (str, dim, display) => {
      const d = Dimension.of(dim);
      expect(d.toString()).toBe(str);
      expect(formatDimensionSI(d)).toBe(str);
      expect(formatDimension(d)).toBe(display);
    },
  );
});

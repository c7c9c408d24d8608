import { describe, expect, it } from 'vitest';
import { Dimension, getUnit } from '../../src/units/index.ts';

const volt = getUnit('volt')!.dim;
const amp = getUnit('amp')!.dim;
const second = getUnit('second')!.dim;

describe('Dimension', () => {
  it('is interned: equal exponents give the same object', () => {
    expect(Dimension.of([2, 1, -3, -1, 0, 0, 0])).toBe(volt);
    expect(Dimension.of([0, 0, 0, 0, 0, 0, 0])).toBe(Dimension.DIMENSIONLESS);
    expect(Dimension.of([-0, 0, 0, 0, 0, 0, 0])).toBe(Dimension.DIMENSIONLESS);
  });

  it('multiplies, divides and raises to powers', () => {
    expect(volt.mul(amp)).toBe(Dimension.of([2, 1, -3, 0, 0, 0, 0]));
    expect(volt.div(amp)).toBe(getUnit('ohm')!.dim);
    expect(volt.div(volt)).toBe(Dimension.DIMENSIONLESS);
    expect(second.pow(-1)).toBe(getUnit('Hz')!.dim);
    expect(volt.pow(0)).toBe(Dimension.DIMENSIONLESS);
    expect(second.pow(-0.5).exponents).toEqual([0, 0, -0.5, 0, 0, 0, 0]);
    expect(second.pow(0.5).mul(second.pow(0.5))).toBe(second);
  });

  it('caches operation results', () => {
    expect(volt.mul(amp)).toBe(volt.mul(amp));
    expect(volt.div(amp)).toBe(volt.div(amp));
    expect(volt.pow(2)).toBe(volt.pow(2));
  });

  it('absorbs floating-point noise in exponents (Brian2 compares with allclose)', () => {
    expect(Dimension.of([0, 0, 0.1 + 0.2, 0, 0, 0, 0])).toBe(Dimension.of([0, 0, 0.3, 0, 0, 0, 0]));
    expect(second.pow(1 / 3).pow(3)).toBe(second);
    expect(second.pow(0.1).pow(10)).toBe(second);
    expect(Dimension.of([0, 0, 1 / 3, 0, 0, 0, 0]).toString()).toBe('s^0.3333333333333333');
  });

  it('equals and isDimensionless', () => {
    expect(volt.equals(Dimension.of([2, 1, -3, -1, 0, 0, 0]))).toBe(true);
    expect(volt.equals(amp)).toBe(false);
    expect(Dimension.DIMENSIONLESS.isDimensionless).toBe(true);
    expect(volt.div(volt).isDimensionless).toBe(true);
    expect(volt.isDimensionless).toBe(false);
  });

  it('prints like Brian2 str() and repr()', () => {
    expect(volt.toString()).toBe('m^2 kg s^-3 A^-1');
    expect(Dimension.DIMENSIONLESS.toString()).toBe('1');
    expect(volt.toRepr()).toBe('metre ** 2 * kilogram * second ** -3 * amp ** -1');
    expect(Dimension.DIMENSIONLESS.toRepr()).toBe('Dimension()');
    expect(second.pow(-0.5).toRepr()).toBe('second ** -0.5');
  });

  it('rejects malformed exponent lists', () => {
    expect(() => Dimension.of([1, 2, 3])).toThrow(TypeError);
    expect(() => Dimension.of([NaN, 0, 0, 0, 0, 0, 0])).toThrow(RangeError);
    expect(() => Dimension.of([Infinity, 0, 0, 0, 0, 0, 0])).toThrow(RangeError);
  });

  it('keeps exponents immutable', () => {
    expect(Object.isFrozen(volt.exponents)).toBe(true);
  });
});

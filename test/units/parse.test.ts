import { beforeEach, describe, expect, it } from 'vitest';
import {
  Dimension,
  DimensionMismatchError,
  formatQuantity,
  parseQuantity,
  parseUnit,
  registeredDisplayUnits,
  resetDisplayUnits,
  UnitParseError,
} from '../../src/units/index.ts';
import { brian2, decodeFloat } from './brian2-fixture.ts';

beforeEach(resetDisplayUnits);

const registered = () => registeredDisplayUnits().filter((u) => !u.dim.isDimensionless).map((u) => [u.name, u.dispname, u.scale]);

describe('parseQuantity evaluates like Brian2', () => {
  it.each(brian2.parseQuantity.map((r) => [r.text, r.python, r] as const))('%s (Python: %s)', (text, _, row) => {
    const q = parseQuantity(text);
    expect(q.value).toBe(decodeFloat(row.value));
    expect(q.dim).toBe(Dimension.of(row.dim));
    expect(formatQuantity(q)).toBe(row.str);
    expect(registered()).toEqual(row.registered);
  });
});

describe('parseUnit evaluates like Brian2', () => {
  it.each(brian2.parseUnit.map((r) => [r.text, r.display, r] as const))('%s -> %s', (text, _, row) => {
    const u = parseUnit(text);
    expect(u).toEqual({ name: row.name, display: row.display, scale: row.scale, dim: Dimension.of(row.dim) });
    expect(registered()).toEqual(row.registered);
  });

  it('rejects quantities and plain numbers', () => {
    expect(() => parseUnit('10*mV')).toThrow("Cannot parse '10*mV': this is a quantity, not a unit");
    expect(() => parseUnit('1 * siemens/metre**2')).toThrow(UnitParseError);
    expect(() => parseUnit('2')).toThrow("Cannot parse '2': this is a number, not a unit");
    expect(() => parseUnit('1.0')).toThrow(UnitParseError);
  });

  it('accepts surrounding whitespace around "1"', () => {
    expect(parseUnit(' 1 ').display).toBe('1');
  });
});

describe('parse errors name the bad part', () => {
  const message = (text: string, parse: (t: string) => unknown = parseQuantity) => {
    try {
      parse(text);
    } catch (e) {
      expect(e).toBeInstanceOf(UnitParseError);
      return (e as Error).message;
    }
    throw new Error(`'${text}' parsed`);
  };

  it('unknown units come with suggestions', () => {
    expect(message('10 mVolt')).toBe("Cannot parse '10 mVolt': unknown unit 'mVolt' (did you mean 'Mvolt', 'mvolt'?)");
    expect(message('5 siemen')).toBe("Cannot parse '5 siemen': unknown unit 'siemen' (did you mean 'siemens'?)");
    expect(message('3 uf')).toBe("Cannot parse '3 uf': unknown unit 'uf' (did you mean 'uF'?)");
    expect(message('1 xyzzy')).toBe("Cannot parse '1 xyzzy': unknown unit 'xyzzy'");
    expect(message('amp/metr**2', parseUnit)).toContain("unknown unit 'metr' (did you mean 'meter', 'metre'?)");
  });

  it('malformed numbers', () => {
    expect(message('1.2.3 ms')).toBe("Cannot parse '1.2.3 ms': malformed number '1.2.3'");
    expect(message('1e ms')).toBe("Cannot parse '1e ms': malformed number '1e'");
    expect(message('10ms')).toBe("Cannot parse '10ms': missing space or '*' between '10' and 'ms'");
  });

  it('syntax errors', () => {
    expect(message('')).toBe("Cannot parse '': empty expression");
    expect(message('10 * ')).toBe("Cannot parse '10 * ': unexpected end of input");
    expect(message('(10 * mV')).toBe("Cannot parse '(10 * mV': expected ')' at position 8");
    expect(message('10 mV)')).toBe("Cannot parse '10 mV)': unexpected ')' at position 5");
    expect(message('3*mV + 2*mV')).toBe("Cannot parse '3*mV + 2*mV': unexpected '+' at position 5");
    expect(message('10 @ ms')).toBe("Cannot parse '10 @ ms': unexpected character '@' at position 3");
    expect(message('1/0')).toBe("Cannot parse '1/0': division by zero");
    expect(message('(-8)**0.5')).toBe("Cannot parse '(-8)**0.5': a negative number cannot be raised to a fractional power");
  });

  it('an exponent with dimensions is a DimensionMismatchError', () => {
    expect(() => parseQuantity('2 ** mV')).toThrow(DimensionMismatchError);
    expect(() => parseQuantity('(3*mV) ** (2*mV)')).toThrow(
      'Cannot calculate 3. mV ** 2. mV, the exponent has to be dimensionless (unit is V).',
    );
  });
});

describe('Python semantics', () => {
  it('keeps Python precedence', () => {
    expect(parseQuantity('-2 ** 2').value).toBe(-4);
    expect(parseQuantity('2 ** -1').value).toBe(0.5);
    expect(parseQuantity('2 ** 3 ** 2').value).toBe(512);
    expect(parseQuantity('8 / 2 / 2').value).toBe(2);
  });

  it('dimensionless results are plain numbers', () => {
    const q = parseQuantity('(3*mV) / (1*mV)');
    expect(q.isDimensionless).toBe(true);
    expect(q.value).toBeCloseTo(3, 15);
  });

  it('prints integer and float exponents as Python does', () => {
    expect(parseUnit('second**2').display).toBe('s^2');
    expect(parseUnit('second**2.0').display).toBe('s^2.0');
    expect(parseUnit('second^-1').name).toBe('second ** -1');
  });
});

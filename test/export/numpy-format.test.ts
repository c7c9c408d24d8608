import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumpyArray, formatQuantityArray, formatScalarQuantity } from '../../src/export/numpy-format.ts';
import { Dimension } from '../../src/units/index.ts';

// Made by tools/brian2/export/make_format_cases.py with Brian2 2.5.1 / numpy 1.24.2.
const cases = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'export', 'format_cases.json'), 'utf8')) as {
  array_str: Array<{ values: Array<number | string>; str: string }>;
  quantity_str: Array<{ values: Array<number | string>; dim: number[]; str: string }>;
  scalar_str: Array<{ value: number; dim: number[]; str: string }>;
};

const num = (x: number | string): number => (typeof x === 'number' ? x : x === 'nan' ? NaN : x === 'inf' ? Infinity : -Infinity);

describe("numpy's array printing", () => {
  it(`matches numpy's str() for ${cases.array_str.length} arrays (positional, scientific, nan/inf, wrapping, summary)`, () => {
    const wrong = cases.array_str.map((c) => ({ want: c.str, got: formatNumpyArray(c.values.map(num)) })).filter((r) => r.want !== r.got);
    expect(wrong).toEqual([]);
  });

  it('prints an empty array as []', () => {
    expect(formatNumpyArray([])).toBe('[]');
  });
});

describe("Brian2's str() of array quantities", () => {
  it(`matches Brian2 for ${cases.quantity_str.length} array quantities (best unit over all values)`, () => {
    const wrong = cases.quantity_str
      .map((c) => ({ want: c.str, got: formatQuantityArray(c.values.map(num), Dimension.of(c.dim)) }))
      .filter((r) => r.want !== r.got);
    expect(wrong).toEqual([]);
  });

  it('matches Brian2 for scalars', () => {
    for (const c of cases.scalar_str) expect(formatScalarQuantity(c.value, Dimension.of(c.dim))).toBe(c.str);
  });
});

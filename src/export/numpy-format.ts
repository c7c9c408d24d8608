// Text of float arrays and array quantities exactly as numpy 1.24 and Brian2
// 2.5.1 print them: numpy's array_str (array2string with default options:
// precision 8, floatmode 'maxprec', line width 75, summary above 1000
// elements with 3 edge items) and Brian2's str(Quantity) for arrays, which
// picks the display unit from all values. Checked against
// test/fixtures/export/format_cases.json (tools/brian2/export/make_format_cases.py).
import rawUnits from '../units/brian2_units.json' with { type: 'json' };
import { Dimension, formatQuantity, Quantity, registeredDisplayUnits, type Unit } from '../units/index.ts';
import { makeUnit } from '../units/registry.ts';
import { roundExact } from '../units/float-format.ts';

const PRECISION = 8;
const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;

// ---------------------------------------------------------------------------
// Dragon4 as numpy calls it: shortest round-tripping digits ("unique"), cut to
// `precision` fractional digits by rounding the exact binary value half to even.

interface Digits {
  sign: string;
  int: string;
  frac: string;
}

/** Positional digits of a finite x (|x| < 1e16), unique mode, trailing zeros trimmed ('.' kept). */
function positionalDigits(x: number, precision: number): Digits {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const a = Math.abs(x);
  let int: string;
  let frac: string;
  const text = a === 0 ? '0' : plainDecimal(a);
  [int, frac = ''] = text.split('.') as [string, string?];
  if (frac.length > precision) {
    const digits = roundExact(a, precision).toString().padStart(precision + 1, '0');
    int = digits.slice(0, -precision);
    frac = digits.slice(-precision);
  }
  return { sign, int, frac: frac.replace(/0+$/, '') };
}

/** The shortest round-trip decimal of a >= 0 without exponent notation. */
function plainDecimal(a: number): string {
  const [mantissa, expText] = a.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return digits.padEnd(exp + 1, '0');
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

interface SciDigits {
  sign: string;
  lead: string;
  frac: string;
  exp: number;
}

/** Scientific digits of a finite x, unique mode, cut to `precision` fractional digits, trailing zeros trimmed. */
function scientificDigits(x: number, precision: number): SciDigits {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const a = Math.abs(x);
  if (a === 0) return { sign, lead: '0', frac: '', exp: 0 };
  const [mantissa, expText] = a.toExponential().split('e') as [string, string];
  let exp = Number(expText);
  let [lead, frac = ''] = mantissa.split('.') as [string, string?];
  if (frac.length > precision) {
    let digits = roundExact(a, precision - exp).toString();
    if (digits.length > precision + 1) {
      exp += 1;
      digits = digits.slice(0, precision + 1);
    }
    lead = digits[0]!;
    frac = digits.slice(1);
  }
  return { sign, lead, frac: frac.replace(/0+$/, ''), exp };
}

// ---------------------------------------------------------------------------
// numpy's FloatingFormat: one format for all elements of an array.

function floatingFormat(data: readonly number[]): (x: number) => string {
  const finite = data.filter((x) => Number.isFinite(x));
  const nonZero = finite.filter((x) => x !== 0).map(Math.abs);
  let expFormat = false;
  if (nonZero.length > 0) {
    const max = Math.max(...nonZero);
    const min = Math.min(...nonZero);
    if (max >= 1e8 || min < 0.0001 || max / min > 1000) expFormat = true;
  }
  let padLeft = 0;
  let padRight = 0;
  let format: (x: number) => string;
  if (finite.length === 0) {
    format = () => '';
  } else if (expFormat) {
    const parts = finite.map((x) => scientificDigits(x, PRECISION));
    const precision = Math.max(...parts.map((p) => p.frac.length));
    const expSize = Math.max(...parts.map((p) => String(Math.abs(p.exp)).padStart(2, '0').length));
    padLeft = Math.max(...parts.map((p) => p.sign.length + p.lead.length));
    padRight = expSize + 2 + precision;
    format = (x) => {
      const p = scientificDigits(x, precision);
      const exp = (p.exp < 0 ? '-' : '+') + String(Math.abs(p.exp)).padStart(expSize, '0');
      return `${(p.sign + p.lead).padStart(padLeft)}.${p.frac.padEnd(precision, '0')}e${exp}`;
    };
  } else {
    const parts = finite.map((x) => positionalDigits(x, PRECISION));
    padLeft = Math.max(...parts.map((p) => p.sign.length + p.int.length));
    padRight = Math.max(...parts.map((p) => p.frac.length));
    format = (x) => {
      const p = positionalDigits(x, PRECISION);
      return `${(p.sign + p.int).padStart(padLeft)}.${p.frac.padEnd(padRight)}`;
    };
  }
  if (finite.length !== data.length) {
    const negInf = data.some((x) => x === -Infinity);
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (negInf ? 1 : 0) - offset);
  }
  return (x) => {
    if (Number.isFinite(x)) return format(x);
    const text = Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
    return ' '.repeat(Math.max(0, padLeft + padRight + 1 - text.length)) + text;
  };
}

/**
 * numpy's str() of a 1-D float64 array with default print options, e.g.
 * "[-70.  -69.6 -69.2]", wrapped at 75 characters with a one-space hanging
 * indent, and summarized as "[0. 1. 2. ... 7. 8. 9.]" above 1000 elements.
 */
export function formatNumpyArray(values: ArrayLike<number>): string {
  const n = values.length;
  if (n === 0) return '[]';
  const all = Array.from(values);
  const summary = n > THRESHOLD;
  const shown = summary ? [...all.slice(0, EDGE_ITEMS), ...all.slice(n - EDGE_ITEMS)] : all;
  const format = floatingFormat(shown);
  const prefix = ' ';
  const width = LINE_WIDTH - 1;
  let s = '';
  let line = prefix;
  const extend = (word: string): void => {
    let wrap = line.length + word.length > width;
    if (line.length <= prefix.length) wrap = false;
    if (wrap) {
      s += line.trimEnd() + '\n';
      line = prefix;
    }
    line += word;
  };
  const leading = summary ? EDGE_ITEMS : 0;
  const trailing = summary ? EDGE_ITEMS : n;
  for (let k = 0; k < leading; k++) {
    extend(format(all[k]!));
    line += ' ';
  }
  if (summary) {
    extend('...');
    line += ' ';
  }
  for (let k = trailing; k > 1; k--) {
    extend(format(all[n - k]!));
    line += ' ';
  }
  extend(format(all[n - 1]!));
  s += line;
  return '[' + s.slice(prefix.length) + ']';
}

// ---------------------------------------------------------------------------
// Brian2's best unit for an array (UnitRegistry.__getitem__ with several values).

interface UnitData {
  units: Record<string, [string, number, number[], number]>;
  registers: { standard: string[]; additional: string[] };
}
const unitData = rawUnits as unknown as UnitData;

type Register = Map<Dimension, Map<number, Unit>>;

function buildRegister(units: Iterable<Unit>): Register {
  const reg: Register = new Map();
  for (const u of units) {
    let forDim = reg.get(u.dim);
    if (!forDim) reg.set(u.dim, (forDim = new Map()));
    forDim.set(u.scale, u);
  }
  return reg;
}

function unitsNamed(names: readonly string[]): Unit[] {
  return names.map((name) => {
    const [dispname, exponent, dim, compound] = unitData.units[name]!;
    return makeUnit(name, dispname, exponent, Dimension.of(dim), compound === 1);
  });
}

let standard: Register | undefined;
let additional: Register | undefined;

function registerBest(reg: Register, values: readonly number[], dim: Dimension): Unit | undefined {
  const matching = reg.get(dim);
  if (!matching || matching.size === 0) return undefined;
  const units = [...matching.values()];
  let allNaN = true;
  const deviations = units.map((u) => {
    let sum = 0;
    for (const x of values) {
      const r = Math.abs(x) / u.scale;
      if (r === 0 || Number.isNaN(r)) continue;
      allNaN = false;
      sum += (Math.log10(r) - 1) ** 2;
    }
    return sum;
  });
  if (allNaN) return matching.get(1);
  let best = 0;
  for (let k = 1; k < units.length; k++) if (deviations[k]! < deviations[best]!) best = k;
  return units[best];
}

/**
 * Brian2's get_best_unit for an array quantity: the unit minimising the sum of
 * (log10(|x|/unit) - 1)^2 over the values (zeros ignored), searched in the
 * standard, user and additional registers; above 1000 values only those numpy
 * shows count. `undefined`: Brian2 prints SI base units.
 */
export function bestUnitForArray(values: ArrayLike<number>, dim: Dimension): Unit | undefined {
  standard ??= buildRegister(unitsNamed(unitData.registers.standard));
  additional ??= buildRegister(unitsNamed(unitData.registers.additional));
  const all = Array.from(values);
  const shown = all.length > THRESHOLD ? [...all.slice(0, EDGE_ITEMS), ...all.slice(all.length - EDGE_ITEMS)] : all;
  for (const reg of [standard, buildRegister(registeredDisplayUnits()), additional]) {
    const u = registerBest(reg, shown, dim);
    if (u) return u;
  }
  return undefined;
}

/** The unit text Brian2 shows for an array in its best unit: "mV", "1" when dimensionless, SI base units when none fits. */
export function bestUnitTextForArray(values: ArrayLike<number>, dim: Dimension): { text: string; scale: number } {
  if (dim.isDimensionless) return { text: '1', scale: 1 };
  const u = bestUnitForArray(values, dim);
  return u ? { text: u.dispname, scale: u.scale } : { text: dim.toString(), scale: 1 };
}

/** Brian2's str() of an array quantity: "[-70. -65.] mV"; dimensionless arrays have no unit. */
export function formatQuantityArray(values: ArrayLike<number>, dim: Dimension): string {
  const { text, scale } = bestUnitTextForArray(values, dim);
  const scaled = Array.from(values, (x) => x / scale);
  const body = formatNumpyArray(scaled);
  return dim.isDimensionless ? body : `${body} ${text}`;
}

/** Brian2's str() of a scalar quantity ("10. ms", "0." when dimensionless). */
export function formatScalarQuantity(value: number, dim: Dimension): string {
  return formatQuantity(new Quantity(value, dim));
}

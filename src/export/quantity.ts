// Quantities in model files: Brian2's {"str", "value", "dim"} encoding, both
// ways. Writing gives exactly Brian2's str() and str(dimension); reading
// parses those strings back (display units such as "mV^-1", "uF/(cm^2)",
// "m^2 kg s^-3 A^-1", arrays "[1. 2.] mV", and "<array of 152, unit pA>").
import rawUnits from '../units/brian2_units.json' with { type: 'json' };
import { Dimension, getUnit, isDefaultUnitName, unitForDimension, type Unit } from '../units/index.ts';
import { unitDividedBy, unitTimes, unitToPower } from '../units/compound.ts';
import { makeUnit } from '../units/registry.ts';
import { bestUnitTextForArray, formatQuantityArray, formatScalarQuantity } from './numpy-format.ts';
import type { QuantityJSON } from './format.ts';

/**
 * Arrays longer than this get a short str, "<array of 152, unit pA>", as in
 * the reference exports (50 values were printed in full, 152 and 285 were not).
 */
export const LONG_ARRAY = 100;

/** A quantity (scalar or array) in the file format. */
export function quantityJSON(value: number | boolean | ArrayLike<number>, dim: Dimension): QuantityJSON {
  if (typeof value === 'boolean') return { str: value ? '1.' : '0.', value: value ? 1 : 0, dim: dim.toString() };
  if (typeof value === 'number') return { str: formatScalarQuantity(value, dim), value, dim: dim.toString() };
  const list = Array.from(value);
  const str = list.length > LONG_ARRAY ? `<array of ${list.length}, unit ${bestUnitTextForArray(list, dim).text}>` : formatQuantityArray(list, dim);
  return { str, value: list, dim: dim.toString() };
}

/** An equation's unit as Brian2 stores it: the unscaled unit of the dimension ("V", "rad" for dimensionless). */
export function unitJSON(dim: Dimension): QuantityJSON {
  const u = unitForDimension(dim);
  return { str: u.dispname, value: u.scale, dim: dim.toString() };
}

// ---------------------------------------------------------------------------
// Reading

const SYMBOLS = ['m', 'kg', 's', 'A', 'K', 'mol', 'cd'];

/** Brian2's str(Dimension) back to a Dimension: "m^2 kg s^-3 A^-1", "s^-0.5", "1". */
export function parseDimension(text: string): Dimension {
  const t = text.trim();
  if (t === '1' || t === '') {
    if (t === '') throw new Error('an empty dimension');
    return Dimension.DIMENSIONLESS;
  }
  const exps = [0, 0, 0, 0, 0, 0, 0];
  for (const part of t.split(/\s+/)) {
    const m = /^([A-Za-z]+)(?:\^(-?\d+(?:\.\d+)?))?$/.exec(part);
    const k = m ? SYMBOLS.indexOf(m[1]!) : -1;
    if (!m || k < 0) throw new Error(`'${part}' is not an SI base unit symbol (${SYMBOLS.join(', ')}) with an optional ^exponent`);
    if (exps[k] !== 0) throw new Error(`'${m[1]}' appears twice`);
    exps[k] = m[2] === undefined ? 1 : Number(m[2]);
  }
  return Dimension.of(exps);
}

interface UnitValue {
  scale: number;
  dim: Dimension;
}

let displayUnits: Map<string, Unit> | undefined;

/** Units by the names Brian2 prints (dispname: "mV", "s", "rad", "Mohm"). */
function displayUnitTable(): Map<string, Unit> {
  if (displayUnits) return displayUnits;
  displayUnits = new Map();
  const units = (rawUnits as unknown as { units: Record<string, [string, number, number[], number]> }).units;
  for (const [name, [dispname, exponent, dim, compound]] of Object.entries(units)) {
    if (compound === 1 || displayUnits.has(dispname)) continue;
    displayUnits.set(dispname, makeUnit(name, dispname, exponent, Dimension.of(dim), false));
  }
  return displayUnits;
}

/**
 * A unit as Brian2 displays it ("mV", "mV^-1", "uF/(cm^2)", "N m",
 * "m^2 kg s^-3 A^-1", "1") or as Python code over unit names ("mvolt",
 * "ufarad/cm**2").
 */
export function parseDisplayUnit(text: string): UnitValue {
  return evaluateUnit(text, false);
}

/**
 * Make the display unit of a quantity string known, as Brian2 must have
 * had it to print it: "4.4 mV^-1" means `mvolt ** -1` was created (and so
 * registered for display). Replays that unit arithmetic; plain units and
 * Brian2's SI fallback ("m^-2 kg^-1 s^3 A") register nothing.
 */
export function learnDisplayUnit(quantityText: string): void {
  const unitText = compoundDisplayUnit(quantityText);
  if (unitText === undefined) return;
  try {
    evaluateUnit(unitText, true);
  } catch {
    // not a unit we can replay; nothing to learn
  }
}

function evaluateUnit(text: string, register: boolean): UnitValue {
  const t = text.trim();
  if (t === '1' || t === '') return { scale: 1, dim: Dimension.DIMENSIONLESS };
  const tokens = t.match(/\*\*|[A-Za-z_][A-Za-z_0-9]*|-?\d+(?:\.\d+)?|[\^*/()]|\s+/g) ?? [];
  if (tokens.join('') !== t) throw new Error(`unexpected characters in the unit '${t}'`);
  type V = { unit?: Unit; scale: number; dim: Dimension };
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const skipSpace = (): void => {
    while (peek() !== undefined && /^\s+$/.test(peek()!)) pos++;
  };
  const table = displayUnitTable();
  const atom = (): V => {
    skipSpace();
    const tok = tokens[pos++];
    if (tok === '(') {
      const inner = product();
      skipSpace();
      if (tokens[pos++] !== ')') throw new Error(`missing ')' in the unit '${t}'`);
      return inner;
    }
    if (tok === undefined || !/^[A-Za-z_]/.test(tok)) throw new Error(`expected a unit name in '${t}'${tok ? `, found '${tok}'` : ''}`);
    const u = table.get(tok) ?? getUnit(tok);
    if (u) return { unit: u, scale: u.scale, dim: u.dim };
    throw new Error(`unknown unit '${tok}'`);
  };
  const power = (): V => {
    const base = atom();
    const save = pos;
    skipSpace();
    const op = peek();
    if (op === '^' || op === '**') {
      pos++;
      skipSpace();
      const e = tokens[pos++];
      if (e === undefined || !/^-?\d/.test(e)) throw new Error(`expected an exponent after '${op}' in '${t}'`);
      const p = Number(e);
      const unit = register && base.unit ? unitToPower(base.unit, { value: p, isInt: !e.includes('.') }) : undefined;
      return { ...(unit ? { unit } : {}), scale: base.scale ** p, dim: base.dim.pow(p) };
    }
    pos = save;
    return base;
  };
  const product = (): V => {
    let acc = power();
    for (;;) {
      const save = pos;
      skipSpace();
      const op = peek();
      if (op === undefined || op === ')') {
        pos = save;
        return acc;
      }
      let divide = false;
      if (op === '*' || op === '/') {
        divide = op === '/';
        pos++;
      } else if (pos === save) {
        throw new Error(`unexpected '${op}' in the unit '${t}'`);
      }
      const rhs = power();
      const unit = register && acc.unit && rhs.unit ? (divide ? unitDividedBy(acc.unit, rhs.unit) : unitTimes(acc.unit, rhs.unit)) : undefined;
      acc = divide
        ? { ...(unit ? { unit } : {}), scale: acc.scale / rhs.scale, dim: acc.dim.div(rhs.dim) }
        : { ...(unit ? { unit } : {}), scale: acc.scale * rhs.scale, dim: acc.dim.mul(rhs.dim) };
    }
  };
  const result = product();
  skipSpace();
  if (pos < tokens.length) throw new Error(`unexpected '${tokens[pos]}' in the unit '${t}'`);
  return { scale: result.scale, dim: result.dim };
}

const NUMBER = /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf)$/i;

function parseNumber(text: string): number | undefined {
  if (text === 'True') return 1;
  if (text === 'False') return 0;
  if (!NUMBER.test(text)) return undefined;
  const lower = text.toLowerCase();
  if (lower.endsWith('nan')) return NaN;
  if (lower.endsWith('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

/** What a quantity string says. Values are SI; `values` is undefined for summarized or short array strings. */
export type ParsedQuantityString =
  | { kind: 'scalar'; value: number; dim: Dimension; scale: number }
  | { kind: 'array'; values: number[] | undefined; dim: Dimension; scale: number }
  | { kind: 'short'; length: number; dim: Dimension };

/**
 * Parse Brian2's str() of a quantity: "10. ms", "-70. mV", "0.5", "4.4 mV^-1",
 * "[-70. -65.] mV" (numpy's array printing, possibly wrapped or summarized
 * with "..."), "<array of 152, unit pA>"; also Python-like "10*ms".
 */
export function parseQuantityString(text: string): ParsedQuantityString {
  const t = text.trim();
  const short = /^<array of (\d+), unit (.+)>$/.exec(t);
  if (short) {
    const u = parseDisplayUnit(short[2]!);
    return { kind: 'short', length: Number(short[1]), dim: u.dim };
  }
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close < 0) throw new Error(`missing ']'`);
    const body = t.slice(1, close).trim();
    const u = parseDisplayUnit(t.slice(close + 1));
    const words = body === '' ? [] : body.split(/\s+/);
    let summarized = false;
    const values: number[] = [];
    for (const w of words) {
      if (w === '...') {
        summarized = true;
        continue;
      }
      const x = parseNumber(w);
      if (x === undefined) throw new Error(`'${w}' is not a number`);
      values.push(x * u.scale);
    }
    return { kind: 'array', values: summarized ? undefined : values, dim: u.dim, scale: u.scale };
  }
  const m = /^(\S+?)(?:\s*\*\s*|\s+|$)(.*)$/s.exec(t);
  const x = m ? parseNumber(m[1]!) : undefined;
  if (m && x !== undefined) {
    const u = parseDisplayUnit(m[2]!);
    return { kind: 'scalar', value: x * u.scale, dim: u.dim, scale: u.scale };
  }
  // A unit alone ("mV", "rad"): one of that unit.
  const u = parseDisplayUnit(t);
  return { kind: 'scalar', value: u.scale, dim: u.dim, scale: u.scale };
}

/** Whether a number shown in a str agrees with the exact value (both SI; `scale` is the display unit). */
export function agrees(shown: number, exact: number, scale: number): boolean {
  if (Number.isNaN(shown) || Number.isNaN(exact)) return Number.isNaN(shown) && Number.isNaN(exact);
  if (!Number.isFinite(shown) || !Number.isFinite(exact)) return shown === exact;
  const a = shown / scale;
  const b = exact / scale;
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-8;
}

/** Python source for a unit of this dimension: "volt", "amp", "1" … or SI base units. */
export function pythonUnitOf(dim: Dimension): string {
  if (dim.isDimensionless) return '1';
  const u = unitForDimension(dim);
  if (!u.compound && getUnit(u.name) && u.scale === 1) return u.name;
  return dim.toRepr();
}

/**
 * Python source for the unit an equation was written with, from Brian2's
 * display of it ("S/(m^2)" → "siemens/(metre**2)"), so that parsing it
 * creates (and registers for display) the same compound units Brian2's did.
 * `undefined` when the text is not a scale-1 unit of `dim` made of unit names.
 */
export function pythonUnitFromDisplay(text: string, dim: Dimension): string | undefined {
  const t = text.trim();
  if (t === 'rad' || t === '1' || dim.isDimensionless) return dim.isDimensionless ? '1' : undefined;
  let value: UnitValue;
  try {
    value = evaluateUnit(t, false);
  } catch {
    return undefined;
  }
  if (value.dim !== dim || value.scale !== 1) return undefined;
  return displayToPython(t);
}

/** The compound display unit of a quantity string ("4.4 mV^-1" → "mV^-1"), unless plain or Brian2's SI fallback. */
export function compoundDisplayUnit(quantityText: string): string | undefined {
  const t = quantityText.trim();
  const short = /^<array of \d+, unit (.+)>$/.exec(t);
  const unitText = (short ? short[1]! : t.startsWith('[') ? t.slice(t.indexOf(']') + 1) : t.replace(/^\S+\s*/, '')).trim();
  if (!/[\s^/*]/.test(unitText)) return undefined;
  try {
    if (unitText === evaluateUnit(unitText, false).dim.toString()) return undefined;
  } catch {
    return undefined;
  }
  return unitText;
}

/** Python over Brian2's unit names for a display unit ("mV^-1" → "mvolt**-1"); undefined if a name has none. */
export function displayToPython(text: string, allowParentheses = false): string | undefined {
  const t = text.trim();
  const table = displayUnitTable();
  const tokens = t.match(/\*\*|[A-Za-z_][A-Za-z_0-9]*|-?\d+(?:\.\d+)?|[\^*/()]|\s+/g) ?? [];
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (/^\s+$/.test(tok)) {
      // juxtaposition multiplies; spaces around operators are just spaces
      const prev = out[out.length - 1];
      const next = tokens.slice(k + 1).find((x) => !/^\s+$/.test(x));
      if (prev !== undefined && !['*', '/', '**', '('].includes(prev) && next !== undefined && !['*', '/', '^', '**', ')'].includes(next)) out.push('*');
      continue;
    }
    if (/^[A-Za-z_]/.test(tok)) {
      const u = table.get(tok) ?? getUnit(tok);
      if (!u || !isDefaultUnitName(u.name)) return undefined;
      out.push(u.name);
    } else out.push(tok === '^' ? '**' : tok);
  }
  // Equation units cannot contain parentheses (they would be read as flags);
  // Brian2 shows compound parts in parentheses, e.g. "S/(m^2)" for siemens/metre**2.
  const text2 = out.join('').replace(/\(([A-Za-z_][A-Za-z_0-9]*(?:\*\*-?\d+(?:\.\d+)?)?)\)/g, '$1');
  return /[()]/.test(text2) && !allowParentheses ? undefined : text2;
}

// Reading model files with errors that name the JSON path of the problem
// ("runs[0].components.neurongroup[0].equations.v.expr") and what was expected.
import { Dimension, formatDimension } from '../units/index.ts';
import type { QuantityJSON } from './format.ts';
import { agrees, learnDisplayUnit, parseDimension, parseQuantityString } from './quantity.ts';

/** A model file that cannot be read: where (a JSON path) and what is wrong. */
export class ModelFileError extends Error {
  constructor(
    /** JSON path of the offending value, e.g. `runs[0].components.neurongroup[0].equations.v.expr`. */
    readonly path: string,
    /** What is wrong and what was expected. */
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ModelFileError';
  }
}

/** `path` extended by a key or index, in JavaScript/Python notation. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

export function fail(path: string, problem: string): never {
  throw new ModelFileError(path, problem);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

export type JSONObject = Record<string, unknown>;

/** An object with exactly these required keys and some of these optional ones. */
export function object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): JSONObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `expected an object, got ${describe(value)}`);
  const obj = value as JSONObject;
  const allowed = new Set([...required, ...optional]);
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) {
      fail(at(path, key), `unknown key '${key}'; expected one of ${[...allowed].map((k) => `'${k}'`).join(', ')}`);
    }
  }
  for (const key of required) if (!(key in obj)) fail(at(path, key), `missing; expected ${keyHint(key)}`);
  return obj;
}

function keyHint(key: string): string {
  switch (key) {
    case 'unit':
      return 'the unit of the variable, e.g. {"str": "V", "value": 1.0, "dim": "m^2 kg s^-3 A^-1"} ({"str": "rad", "value": 1.0, "dim": "1"} if dimensionless)';
    case 'dim':
      return 'the SI dimension, e.g. "m^2 kg s^-3 A^-1" for volt, "s" for second, "1" when dimensionless';
    case 'str':
      return `Brian2's str() of the quantity, e.g. "10. ms"`;
    case 'value':
      return 'the value in SI units (a number, or a list of numbers)';
    default:
      return `a value for '${key}'`;
  }
}

export function string(value: unknown, path: string, what = 'a string'): string {
  if (typeof value !== 'string') fail(path, `expected ${what}, got ${describe(value)}`);
  return value;
}

export function integer(value: unknown, path: string, min = -Infinity, what?: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(path, `expected ${what ?? (min === -Infinity ? 'a whole number' : `a whole number ≥ ${min}`)}, got ${describe(value)}`);
  }
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `expected true or false, got ${describe(value)}`);
  return value;
}

export function list(value: unknown, path: string, what = 'a list'): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected ${what}, got ${describe(value)}`);
  return value;
}

export function integerList(value: unknown, path: string, min = 0): number[] {
  return list(value, path, 'a list of whole numbers').map((x, k) => integer(x, at(path, k), min));
}

export function name(value: unknown, path: string): string {
  const s = string(value, path, 'a name');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) fail(path, `'${s}' is not a valid name; expected letters, digits and '_', not starting with a digit`);
  return s;
}

export function oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(path, `expected one of ${options.map((o) => `'${o}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

export interface ReadQuantity {
  /** SI value(s). */
  value: number | number[];
  dim: Dimension;
  json: QuantityJSON;
}

const QUANTITY_EXAMPLE = 'a quantity like {"str": "10. ms", "value": 0.01, "dim": "s"}';

/**
 * A Brian2 quantity {"str", "value", "dim"}: all three keys, a parseable dim
 * and str, and a str that agrees with value and dim. `dim` (optional) is the
 * dimension the context requires; `shape` whether a scalar or a list is wanted.
 */
export function quantity(value: unknown, path: string, options: { dim?: Dimension; what?: string; shape?: 'scalar' | 'array' | 'any' } = {}): ReadQuantity {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected ${options.what ?? QUANTITY_EXAMPLE}, got ${describe(value)}`);
  }
  const obj = object(value, path, ['str', 'value', 'dim']);
  const dimText = string(obj.dim, at(path, 'dim'), 'the SI dimension as a string, e.g. "s" or "1"');
  let dim: Dimension;
  try {
    dim = parseDimension(dimText);
  } catch (e) {
    fail(at(path, 'dim'), `cannot parse the dimension '${dimText}': ${(e as Error).message}; expected Brian2's str() of a dimension, e.g. "m^2 kg s^-3 A^-1", "s" or "1"`);
  }
  const raw = obj.value;
  let si: number | number[];
  if (typeof raw === 'number') si = raw;
  else if (typeof raw === 'boolean') si = raw ? 1 : 0;
  else if (Array.isArray(raw)) si = raw.map((x, k) => (typeof x === 'number' ? x : typeof x === 'boolean' ? (x ? 1 : 0) : fail(at(at(path, 'value'), k), `expected a number, got ${describe(x)}`)));
  else fail(at(path, 'value'), `expected the value in SI units (a number or a list of numbers), got ${describe(raw)}`);
  const str = string(obj.str, at(path, 'str'), `Brian2's str() of the quantity, e.g. "10. ms"`);
  let parsed;
  try {
    parsed = parseQuantityString(str);
  } catch (e) {
    fail(at(path, 'str'), `cannot parse '${str}' (${(e as Error).message}); expected Brian2's str() of a quantity, e.g. "10. ms", "-70. mV", "[-70. -65.] mV" or "<array of 152, unit pA>"`);
  }
  if (parsed.dim !== dim) {
    fail(at(path, 'str'), `'${str}' has units of ${formatDimension(parsed.dim)} (dimension ${parsed.dim.toString()}), but "dim" is "${dimText}"`);
  }
  if (parsed.kind === 'scalar') {
    if (Array.isArray(si)) fail(at(path, 'str'), `'${str}' is a single value, but "value" is a list of ${si.length}`);
    if (!agrees(parsed.value, si, parsed.scale)) fail(at(path, 'str'), `'${str}' is ${parsed.value} in SI units, but "value" is ${si}`);
  } else {
    if (!Array.isArray(si)) fail(at(path, 'str'), `'${str}' is an array, but "value" is a single number`);
    if (parsed.kind === 'short' && parsed.length !== si.length) fail(at(path, 'str'), `'${str}' has ${parsed.length} values, but "value" has ${si.length}`);
    if (parsed.kind === 'array' && parsed.values) {
      const shown = parsed.values;
      if (shown.length !== si.length) fail(at(path, 'str'), `'${str.length > 60 ? str.slice(0, 57) + '...' : str}' shows ${shown.length} values, but "value" has ${si.length}`);
      const k = shown.findIndex((x, n) => !agrees(x, (si as number[])[n]!, parsed.scale));
      if (k >= 0) fail(at(path, 'str'), `element ${k} of the str is ${shown[k]} in SI units, but "value" has ${(si as number[])[k]}`);
    }
  }
  if (options.shape === 'scalar' && Array.isArray(si)) fail(at(path, 'value'), `expected a single value, got a list of ${si.length}`);
  if (options.shape === 'array' && !Array.isArray(si)) fail(at(path, 'value'), 'expected a list of values, got a single number');
  if (options.dim && options.dim !== dim) {
    const missing = dim.isDimensionless ? 'the unit is missing: ' : '';
    fail(path, `${missing}'${str}' has units of ${formatDimension(dim)}; expected ${options.what ?? `a quantity in units of ${formatDimension(options.dim)}`}`);
  }
  learnDisplayUnit(str);
  return { value: si, dim, json: obj as unknown as QuantityJSON };
}

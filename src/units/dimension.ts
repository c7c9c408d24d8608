import { formatPythonFloat } from './float-format.ts';

/** Brian2's order of the SI base dimensions and their symbols in str(Dimension). */
const SYMBOLS = ['m', 'kg', 's', 'A', 'K', 'mol', 'cd'] as const;
/** The names Brian2 uses for the same base units in repr(Dimension) (Python code). */
const BASE_UNIT_NAMES = ['metre', 'kilogram', 'second', 'amp', 'kelvin', 'mole', 'candle'] as const;
const COUNT = SYMBOLS.length;

/** Largest denominator an exponent is snapped to, see canonicalExponent. */
const MAX_DENOMINATOR = 12;
const SNAP_TOLERANCE = 1e-9;

const interned = new Map<string, Dimension>();

/**
 * Physical dimension as exponents of the 7 SI base units. Instances are
 * interned, so `a === b` is the equality test (as Brian2's `is` check), and
 * results of mul/div/pow are cached per instance: the unit checker calls
 * these on every node of every expression.
 */
export class Dimension {
  static readonly DIMENSIONLESS: Dimension = Dimension.of([0, 0, 0, 0, 0, 0, 0]);

  readonly exponents: readonly number[];
  private mulCache?: Map<Dimension, Dimension>;
  private divCache?: Map<Dimension, Dimension>;
  private powCache?: Map<number, Dimension>;
  private text?: string;

  private constructor(exponents: readonly number[]) {
    this.exponents = exponents;
  }

  static of(exponents: readonly number[]): Dimension {
    if (exponents.length !== COUNT) {
      throw new TypeError(`A dimension needs exactly ${COUNT} exponents, got ${exponents.length}`);
    }
    const canonical = exponents.map(canonicalExponent);
    const key = canonical.join(',');
    let dim = interned.get(key);
    if (dim === undefined) {
      if (canonical.some((e) => !Number.isFinite(e))) {
        throw new RangeError(`Dimension exponents must be finite numbers, got [${exponents.join(', ')}]`);
      }
      dim = new Dimension(Object.freeze(canonical));
      interned.set(key, dim);
    }
    return dim;
  }

  mul(o: Dimension): Dimension {
    this.mulCache ??= new Map();
    let r = this.mulCache.get(o);
    if (r === undefined) {
      r = Dimension.of(this.exponents.map((e, i) => e + o.exponents[i]));
      this.mulCache.set(o, r);
    }
    return r;
  }

  div(o: Dimension): Dimension {
    this.divCache ??= new Map();
    let r = this.divCache.get(o);
    if (r === undefined) {
      r = Dimension.of(this.exponents.map((e, i) => e - o.exponents[i]));
      this.divCache.set(o, r);
    }
    return r;
  }

  pow(p: number): Dimension {
    this.powCache ??= new Map();
    let r = this.powCache.get(p);
    if (r === undefined) {
      r = Dimension.of(this.exponents.map((e) => e * p));
      this.powCache.set(p, r);
    }
    return r;
  }

  equals(o: Dimension): boolean {
    return this === o;
  }

  get isDimensionless(): boolean {
    return this === Dimension.DIMENSIONLESS;
  }

  /** Brian2's str(Dimension): "m^2 kg s^-3 A^-1", "s^-0.5", "1" when dimensionless. */
  toString(): string {
    this.text ??= this.render(SYMBOLS, '^', ' ') || '1';
    return this.text;
  }

  /** Brian2's repr(Dimension), valid Python: "metre ** 2 * kilogram * second ** -3 * amp ** -1". */
  toRepr(): string {
    return this.render(BASE_UNIT_NAMES, ' ** ', ' * ') || 'Dimension()';
  }

  private render(names: readonly string[], powOp: string, sep: string): string {
    const parts: string[] = [];
    this.exponents.forEach((e, i) => {
      if (e !== 0) parts.push(e === 1 ? names[i] : names[i] + powOp + formatExponent(e));
    });
    return parts.join(sep);
  }
}

// Brian2 prints an exponent with Python's str(): "2" for ints, repr for floats.
// Exponents that are whole numbers print as ints here; Brian2 prints "2.0"
// when the dimension happened to be created first from float arithmetic.
function formatExponent(e: number): string {
  return Number.isInteger(e) ? String(e) : formatPythonFloat(e);
}

// Float arithmetic on exponents yields values such as 0.1 + 0.2 or (1/3) * 3.
// Brian2 compares dimensions with np.allclose; snapping to the nearest simple
// fraction gives the same tolerance while keeping equality an identity check.
function canonicalExponent(e: number): number {
  if (Number.isInteger(e)) return e === 0 ? 0 : e; // also turns -0 into 0
  for (let q = 1; q <= MAX_DENOMINATOR; q++) {
    const n = Math.round(e * q);
    if (Math.abs(e * q - n) < SNAP_TOLERANCE) return n === 0 ? 0 : n / q;
  }
  return e;
}

// Text forms of doubles exactly as Brian2 produces them: numpy's array printing
// (used by str(Quantity)) and Python's repr(float) (unit exponents, plain floats).

/** numpy's default print precision; Brian2 never changes it. */
const PRECISION = 8;

/**
 * One element of a numpy array printed with default options, as Brian2's
 * `Quantity.in_unit` does for scalars: "10.", "-70.", "0.06666667", "2.e-05",
 * "1.23456789e+08", "nan", "-inf".
 */
export function formatNumpyScalar(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const a = Math.abs(x);
  // numpy switches the whole array to scientific notation on these bounds.
  const scientific = a !== 0 && (a >= 1e8 || a < 1e-4);
  return sign + (scientific ? numpyScientific(a) : numpyPositional(a));
}

/** Python's repr(float): "0.5", "2.0", "1e-05", "1.5e+16", "-0.0", "nan". */
export function formatPythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const frac = digits.slice(1);
    return `${sign}${digits[0]}${frac ? '.' + frac : ''}e${exponentSuffix(exp)}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  return `${sign}${intPart}.${digits.slice(exp + 1) || '0'}`;
}

// numpy (Dragon4 in "unique" mode with a precision cut-off) prints the
// shortest round-tripping digits unless they exceed PRECISION fractional
// digits; then it rounds the *exact* binary value half-to-even. JS gives us the
// same shortest digits, so only the rounding branch needs exact arithmetic.

function numpyPositional(a: number): string {
  // In [1e-4, 1e8) String() never uses exponent notation.
  let [intPart, frac = ''] = String(a).split('.');
  if (frac.length > PRECISION) {
    const digits = roundExact(a, PRECISION).toString().padStart(PRECISION + 1, '0');
    intPart = digits.slice(0, -PRECISION);
    frac = digits.slice(-PRECISION);
  }
  return `${intPart}.${frac.replace(/0+$/, '')}`;
}

function numpyScientific(a: number): string {
  const [mantissa, expText] = a.toExponential().split('e');
  let exp = Number(expText);
  let [lead, frac = ''] = mantissa.split('.');
  if (frac.length > PRECISION) {
    let digits = roundExact(a, PRECISION - exp).toString();
    if (digits.length > PRECISION + 1) {
      // Rounding carried into a new leading digit (9.999999999e-05 -> 1.e-04).
      exp += 1;
      digits = digits.slice(0, PRECISION + 1);
    }
    lead = digits[0];
    frac = digits.slice(1);
  }
  return `${lead}.${frac.replace(/0+$/, '')}e${exponentSuffix(exp)}`;
}

/** Sign and at least two digits, as both C printf and numpy write exponents. */
function exponentSuffix(exp: number): string {
  return (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
}

/** round(a * 10^fractionDigits), half to even, on the exact value of `a` (a >= 0). */
export function roundExact(a: number, fractionDigits: number): bigint {
  const { digits, scale } = exactDecimal(a);
  const shift = scale - fractionDigits;
  if (shift <= 0) return digits * 10n ** BigInt(-shift);
  const divisor = 10n ** BigInt(shift);
  const q = digits / divisor;
  const twiceRemainder = 2n * (digits % divisor);
  if (twiceRemainder > divisor || (twiceRemainder === divisor && q % 2n === 1n)) return q + 1n;
  return q;
}

/** The exact value of a finite double >= 0 as digits / 10^scale. */
function exactDecimal(a: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const bits = view.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biasedExp === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biasedExp === 0 ? 1 : biasedExp) - 1075;
  if (exp2 >= 0) return { digits: mantissa << BigInt(exp2), scale: 0 };
  // m / 2^k == m * 5^k / 10^k
  return { digits: mantissa * 5n ** BigInt(-exp2), scale: -exp2 };
}

// Quantity and unit strings: Python expressions over Brian2's unit names
// ("10*ms", "1*ufarad/cm**2", "15.6 * msecond") plus the display notation
// ("10 ms", "4.4 mV^-1"). Evaluation follows Brian2/Python semantics exactly,
// including which sub-expressions produce (and register) compound units.
import { type Exponent, unitDividedBy, unitTimes, unitToPower } from './compound.ts';
import { Dimension } from './dimension.ts';
import { UnitParseError } from './errors.ts';
import { Quantity } from './quantity.ts';
import { allUnitNames, getUnit, type Unit } from './registry.ts';

export interface ParsedUnit {
  /** Brian2's repr of the unit, e.g. "ufarad / (cmetre ** 2)"; "1" when dimensionless. */
  readonly name: string;
  /** Value of one unit in SI units. */
  readonly scale: number;
  readonly dim: Dimension;
  /** Brian2's str of the unit, e.g. "uF/(cm^2)". */
  readonly display: string;
}

/**
 * Evaluate a quantity string. Unit-only sub-expressions such as `mV**-1` or
 * `cm**2` create compound units and register them for display, as in Brian2;
 * `4.4/mV` does not (only `1/unit` yields a unit).
 */
export function parseQuantity(text: string): Quantity {
  return asQuantity(evaluate(text));
}

/**
 * Evaluate a unit string such as "ufarad/cm**2" or "1/mV" (Brian2's
 * dimensions_and_type_from_string, but accepting every unit name). "1" is
 * dimensionless. Compound results are registered for display.
 */
export function parseUnit(text: string): ParsedUnit {
  if (text.trim() === '1') return { name: '1', scale: 1, dim: Dimension.DIMENSIONLESS, display: '1' };
  const result = evaluate(text);
  if (result.kind === 'unit') {
    const { name, scale, dim, dispname } = result.unit;
    return { name, scale, dim, display: dispname };
  }
  if (result.kind === 'quantity') {
    throw new UnitParseError(
      text,
      "this is a quantity, not a unit -- use only units, e.g. 'siemens/metre**2' and not '1 * siemens/metre**2'",
    );
  }
  throw new UnitParseError(text, 'this is a number, not a unit');
}

// ---------------------------------------------------------------------------
// Values with Python's types: Brian2 turns dimensionless results into plain
// floats, and int/float matters for how exponents are printed ("^2" vs "^2.0").

type Value =
  | { readonly kind: 'number'; readonly value: number; readonly isInt: boolean }
  | { readonly kind: 'unit'; readonly unit: Unit }
  | { readonly kind: 'quantity'; readonly quantity: Quantity };

function numberValue(value: number, isInt: boolean): Value {
  return { kind: 'number', value, isInt };
}

function asQuantity(v: Value): Quantity {
  switch (v.kind) {
    case 'number':
      return new Quantity(v.value);
    case 'unit':
      return new Quantity(v.unit.scale, v.unit.dim);
    case 'quantity':
      return v.quantity;
  }
}

function fromQuantity(q: Quantity): Value {
  return q.isDimensionless ? numberValue(q.value, false) : { kind: 'quantity', quantity: q };
}

// ---------------------------------------------------------------------------
// Tokens

interface Token {
  readonly kind: 'number' | 'name' | 'op' | 'end';
  readonly text: string;
  readonly pos: number;
}

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const GLUED = /[\w.]+/y;
const NAME = /[A-Za-z_]\w*/y;
const OPERATORS = ['**', '*', '/', '^', '(', ')', '+', '-'];

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < input.length) {
    const ch = input[pos];
    if (/\s/.test(ch)) {
      pos++;
    } else if (/[\d.]/.test(ch)) {
      const text = stickyMatch(NUMBER, input, pos);
      if (text === '') throw new UnitParseError(input, `unexpected '${ch}' at position ${pos}`);
      const glued = stickyMatch(GLUED, input, pos + text.length);
      if (glued !== '') throw new UnitParseError(input, malformedNumber(text, glued));
      tokens.push({ kind: 'number', text, pos });
      pos += text.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const text = stickyMatch(NAME, input, pos);
      tokens.push({ kind: 'name', text, pos });
      pos += text.length;
    } else {
      const op = OPERATORS.find((o) => input.startsWith(o, pos));
      if (op === undefined) throw new UnitParseError(input, `unexpected character '${ch}' at position ${pos}`);
      tokens.push({ kind: 'op', text: op, pos });
      pos += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', pos });
  return tokens;
}

function stickyMatch(re: RegExp, input: string, pos: number): string {
  re.lastIndex = pos;
  return re.exec(input)?.[0] ?? '';
}

function malformedNumber(number: string, glued: string): string {
  if (getUnit(glued) !== undefined) {
    return `missing space or '*' between '${number}' and '${glued}'`;
  }
  return `malformed number '${number}${glued}'`;
}

// ---------------------------------------------------------------------------
// Recursive descent with Python's precedence: unary minus binds looser than
// ** (-2**2 == -4), and ** is right-associative. Juxtaposition ("10 ms")
// multiplies like '*'.

function evaluate(input: string): Value {
  return new Evaluator(input).run();
}

class Evaluator {
  private readonly input: string;
  private readonly tokens: Token[];
  private index = 0;

  constructor(input: string) {
    this.input = input;
    this.tokens = tokenize(input);
  }

  run(): Value {
    if (this.peek().kind === 'end') throw new UnitParseError(this.input, 'empty expression');
    const value = this.product();
    const rest = this.peek();
    if (rest.kind !== 'end') this.fail(`unexpected '${rest.text}' at position ${rest.pos}`);
    return value;
  }

  private product(): Value {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.text === '*' || t.text === '/') {
        this.index++;
        const right = this.unary();
        left = t.text === '*' ? multiply(left, right) : this.divide(left, right);
      } else if (t.kind === 'name' || t.text === '(') {
        left = multiply(left, this.unary());
      } else {
        return left;
      }
    }
  }

  private unary(): Value {
    const t = this.peek();
    if (t.text === '-') {
      this.index++;
      return negate(this.unary());
    }
    if (t.text === '+') {
      this.index++;
      return this.unary(); // +unit stays a unit in Brian2 (Quantity.__pos__ returns self)
    }
    return this.power();
  }

  private power(): Value {
    const base = this.atom();
    const t = this.peek();
    if (t.text !== '**' && t.text !== '^') return base;
    this.index++;
    return this.raise(base, this.unary());
  }

  private atom(): Value {
    const t = this.tokens[this.index++];
    switch (t.kind) {
      case 'number':
        return numberValue(Number(t.text), /^\d+$/.test(t.text));
      case 'name': {
        const unit = getUnit(t.text);
        if (unit === undefined) this.fail(unknownUnit(t.text));
        return { kind: 'unit', unit };
      }
      case 'op':
        if (t.text === '(') {
          const inner = this.product();
          const close = this.tokens[this.index++];
          if (close.text !== ')') this.fail(`expected ')' at position ${close.pos}`);
          return inner;
        }
        return this.fail(`unexpected '${t.text}' at position ${t.pos}`);
      case 'end':
        return this.fail('unexpected end of input');
    }
  }

  private divide(a: Value, b: Value): Value {
    if (a.kind === 'number' && b.kind === 'number') {
      if (b.value === 0) this.fail('division by zero');
      return numberValue(a.value / b.value, false);
    }
    if (a.kind === 'unit' && b.kind === 'unit') return { kind: 'unit', unit: unitDividedBy(a.unit, b.unit) };
    // Unit.__rdiv__: exactly 1/unit is the unit to the power -1; 4.4/unit is a quantity.
    if (a.kind === 'number' && a.value === 1 && b.kind === 'unit') {
      return { kind: 'unit', unit: unitToPower(b.unit, { value: -1, isInt: true }) };
    }
    return fromQuantity(asQuantity(a).div(asQuantity(b)));
  }

  private raise(base: Value, exponent: Value): Value {
    if (exponent.kind !== 'number') {
      // Throws Brian2's DimensionMismatchError unless the exponent is dimensionless.
      return fromQuantity(asQuantity(base).pow(asQuantity(exponent)));
    }
    switch (base.kind) {
      case 'unit':
        return { kind: 'unit', unit: unitToPower(base.unit, exponent) };
      case 'quantity':
        return fromQuantity(base.quantity.pow(exponent.value));
      case 'number':
        return this.numberPower(base.value, base.isInt, exponent);
    }
  }

  private numberPower(base: number, baseIsInt: boolean, p: Exponent): Value {
    if (base === 0 && p.value < 0) this.fail('0 cannot be raised to a negative power');
    if (base < 0 && !Number.isInteger(p.value)) this.fail('a negative number cannot be raised to a fractional power');
    return numberValue(base ** p.value, baseIsInt && p.isInt && p.value >= 0);
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private fail(problem: string): never {
    throw new UnitParseError(this.input, problem);
  }
}

function multiply(a: Value, b: Value): Value {
  if (a.kind === 'number' && b.kind === 'number') return numberValue(a.value * b.value, a.isInt && b.isInt);
  if (a.kind === 'unit' && b.kind === 'unit') return { kind: 'unit', unit: unitTimes(a.unit, b.unit) };
  return fromQuantity(asQuantity(a).mul(asQuantity(b)));
}

function negate(v: Value): Value {
  return v.kind === 'number' ? numberValue(-v.value, v.isInt) : fromQuantity(asQuantity(v).neg());
}

// ---------------------------------------------------------------------------
// "Did you mean" for unknown names

function unknownUnit(name: string): string {
  const suggestions = closestUnitNames(name);
  const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?)` : '';
  return `unknown unit '${name}'${hint}`;
}

const MAX_SUGGESTIONS = 3;

function closestUnitNames(name: string): string[] {
  const names = allUnitNames();
  const sameLetters = names.filter((n) => n.toLowerCase() === name.toLowerCase());
  if (sameLetters.length > 0) return sameLetters.slice(0, MAX_SUGGESTIONS);
  const maxDistance = Math.ceil(name.length / 3);
  let best: string[] = [];
  let bestDistance = maxDistance + 1;
  for (const candidate of names) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = [candidate];
    } else if (d === bestDistance) {
      best.push(candidate);
    }
  }
  return best.slice(0, MAX_SUGGESTIONS);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

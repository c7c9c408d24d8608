import type { Expr } from './ast.ts';

const PRECEDENCE: Record<string, number> = {
  or: 1, and: 2, not: 3, compare: 4, '+': 5, '-': 5, '*': 6, '/': 6, '//': 6, '%': 6, unary: 7, '**': 8, atom: 9,
};

function precedenceOf(e: Expr): number {
  switch (e.kind) {
    case 'logical':
      return PRECEDENCE[e.op]!;
    case 'unary':
      return e.op === 'not' ? PRECEDENCE.not! : PRECEDENCE.unary!;
    case 'compare':
      return PRECEDENCE.compare!;
    case 'binary':
      return PRECEDENCE[e.op]!;
    case 'number':
      return e.value < 0 ? PRECEDENCE.unary! : PRECEDENCE.atom!;
    default:
      return PRECEDENCE.atom!;
  }
}

/** Python-syntax rendering with only the parentheses precedence requires. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return formatNumber(e.value, e.isInteger);
    case 'bool':
      return e.value ? 'True' : 'False';
    case 'name':
      return e.name;
    case 'call':
      return `${e.callee}(${e.args.map(printExpr).join(', ')})`;
    case 'unary': {
      const inner = wrap(e.operand, precedenceOf(e), e.op !== 'not' && e.operand.kind === 'binary' && e.operand.op === '**' ? false : true);
      return e.op === 'not' ? `not ${inner}` : `${e.op}${inner}`;
    }
    case 'binary': {
      const p = precedenceOf(e);
      // Left-associative operators need parentheses on the right at equal
      // precedence (a - (b - c)); `**` is right-associative, so the reverse.
      const left = e.op === '**' ? wrap(e.left, p, true) : wrap(e.left, p, false);
      const right = e.op === '**' ? wrapPowerExponent(e.right) : wrap(e.right, p, true);
      return e.op === '**' ? `${left}**${right}` : `${left} ${e.op} ${right}`;
    }
    case 'compare': {
      let out = wrap(e.operands[0]!, PRECEDENCE.compare!, true);
      e.ops.forEach((op, k) => {
        out += ` ${op} ${wrap(e.operands[k + 1]!, PRECEDENCE.compare!, true)}`;
      });
      return out;
    }
    case 'logical':
      return e.operands.map((o) => wrap(o, PRECEDENCE[e.op]!, true)).join(` ${e.op} `);
  }
}

function wrap(e: Expr, parent: number, strict: boolean): string {
  const p = precedenceOf(e);
  const text = printExpr(e);
  return p < parent || (strict && p === parent) ? `(${text})` : text;
}

function wrapPowerExponent(e: Expr): string {
  // The exponent of ** is parsed at unary level: 2**-1 and 2**3**2 need no parentheses.
  const p = precedenceOf(e);
  return p >= PRECEDENCE.unary! ? printExpr(e) : `(${printExpr(e)})`;
}

/** Shortest round-tripping decimal, keeping a float marker for non-integers written as floats. */
export function formatNumber(value: number, isInteger = Number.isInteger(value)): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Number.isNaN(value)) return 'nan';
  let s = String(value);
  if (s.includes('e')) {
    // JS "1e-7" → Python "1e-07" is cosmetic; keep JS's shortest form, but make sure it is a float literal.
    return s.replace('e+', 'e');
  }
  if (!isInteger && !s.includes('.')) s += '.0';
  return s;
}

import { describe, expect, it } from 'vitest';
import { parseExpression, printExpr, ModelError } from '../../src/parsing/index.ts';
import { evaluate } from '../../src/symbolic/evaluate.ts';

const value = (text: string, names: Record<string, number> = {}): number | undefined => evaluate(parseExpression(text), (n) => names[n]);

describe('expression parser: Python precedence and associativity', () => {
  it.each([
    ['-2**2', -4],
    ['2**-1', 0.5],
    ['2**3**2', 512],
    ['(-2)**2', 4],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 3 - 2', 5],
    ['12 / 3 / 2', 2],
    ['7 // 2', 3],
    ['-7 // 2', -4],
    ['-7 % 3', 2],
    ['7 % -3', -2],
    ['-7.5 % 2', 0.5],
    ['1 < 2 < 3', 1],
    ['3 > 2 > 2', 0],
    ['not 1 < 2', 0],
    ['not 0 and 1', 1],
    ['0 or 0 and 1', 0],
    ['True + True', 2],
    ['1e-3 + .5', 0.501],
    ['1.e2', 100],
    ['2.5E+1', 25],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 12);
  });

  it('prints with only the parentheses precedence needs', () => {
    expect(printExpr(parseExpression('(a - (b - c))'))).toBe('a - (b - c)');
    expect(printExpr(parseExpression('(a - b) - c'))).toBe('a - b - c');
    expect(printExpr(parseExpression('-v**2'))).toBe('-v**2');
    expect(printExpr(parseExpression('(-v)**2'))).toBe('(-v)**2');
    expect(printExpr(parseExpression('exp(-v/tau)*g'))).toBe('exp(-v / tau) * g');
  });

  it('keeps source positions of names', () => {
    const e = parseExpression('a + tau_m');
    expect(e.kind).toBe('binary');
    if (e.kind === 'binary') expect(e.right.span).toEqual({ start: 4, end: 9 });
  });

  it('accepts line continuations inside parentheses', () => {
    expect(value('(1 +\n 2)')).toBe(3);
  });
});

describe('expression parser: errors say what and where', () => {
  const errorOf = (text: string): ModelError => {
    try {
      parseExpression(text);
    } catch (e) {
      expect(e).toBeInstanceOf(ModelError);
      return e as ModelError;
    }
    throw new Error(`no error for ${text}`);
  };

  it.each([
    ['3mV', 1, /Invalid number '3mV'/],
    ['a +', 4, /ends too early/],
    ['(a + b', 1, /Unclosed parenthesis/],
    ['a b', 3, /Missing operator/],
    ['a)', 2, /Unmatched closing parenthesis/],
    ['v ^ 2', 3, /Unexpected character '\^'/],
    ['f(x=1)', 3, /Keyword arguments/],
    ['a if b else c', 3, /not supported/],
    ['', 1, /Empty expression/],
    ['3(a)', 2, /Missing operator before parenthesis/],
  ])('%j', (text, column, message) => {
    const err = errorOf(text);
    expect(err.message).toMatch(message);
    expect(err.diagnostic.column).toBe(column);
    expect(err.diagnostic.code).toBe('syntax');
  });

  it('never hangs or crashes on random input', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          parseExpression(s);
        } catch (e) {
          if (!(e instanceof ModelError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9+\-*/().<>=! ]{0,30}$/), (s) => {
        try {
          parseExpression(s);
        } catch (e) {
          if (!(e instanceof ModelError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

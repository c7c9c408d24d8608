import { describe, expect, it } from 'vitest';
import { parseStatements, printExpr, ModelError } from '../../src/parsing/index.ts';

describe('abstract code statements', () => {
  it('splits on newlines and semicolons, drops comments and blank lines', () => {
    const st = parseStatements('v = v_reset; w += b  # adaptation\n\n  x *= 2\n# only a comment\ny /= 3');
    expect(st.map((s) => `${s.target} ${s.op} ${printExpr(s.value)}`)).toEqual(['v = v_reset', 'w += b', 'x *= 2', 'y /= 3']);
  });

  it.each([
    ['v == 3', /'==' compares/],
    ['3 = v', /must start with the name/],
    ['v = 1 = 2', /Only one assignment/],
    ['v += ', /ends too early/],
    ['v', /Expected an assignment/],
  ])('rejects %j', (code, message) => {
    expect(() => parseStatements(code)).toThrow(ModelError);
    expect(() => parseStatements(code)).toThrow(message);
  });

  it('reports the line of the bad statement', () => {
    try {
      parseStatements('v = 0\nw = (1 +\nx = 2');
      expect.unreachable();
    } catch (e) {
      expect((e as ModelError).diagnostic.line).toBeGreaterThanOrEqual(2);
    }
  });
});

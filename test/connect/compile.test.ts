import { describe, expect, it } from 'vitest';
import { generateConnections, groupConnectEnvironment, type ConnectEnvironment, type ConnectGroup } from '../../src/core/connect.ts';
import { compileBoolean, compileNumber } from '../../src/core/connect/compile.ts';
import { ConnectNames } from '../../src/core/connect/names.ts';
import { ModelError } from '../../src/parsing/diagnostics.ts';
import { parseExpression } from '../../src/parsing/expressions.ts';
import { SourceText } from '../../src/parsing/source.ts';
import { evaluate } from '../../src/symbolic/evaluate.ts';
import { checkExpression } from '../../src/equations/unitcheck.ts';
import { Dimension, Quantity } from '../../src/units/index.ts';

const METRE = Dimension.of([1, 0, 0, 0, 0, 0, 0]);
const N = 9;
const xs = Float64Array.from({ length: N }, (_, q) => (q - 3) * 1.5e-6);
const ys = Float64Array.from({ length: N }, (_, q) => ((q * 5) % 7) * 1e-6);
const flags = Float64Array.from({ length: N }, (_, q) => (q % 3 === 0 ? 1 : 0));
const source: ConnectGroup = {
  size: N,
  variables: new Map([
    ['x', { values: xs, dim: METRE, type: 'float' as const }],
    ['b', { values: flags, dim: Dimension.DIMENSIONLESS, type: 'boolean' as const }],
  ]),
};
const target: ConnectGroup = { size: N, variables: new Map([['y', { values: ys, dim: METRE, type: 'float' as const }]]) };
const env = groupConnectEnvironment(source, target, { namespace: { w0: new Quantity(2e-6, METRE), k2: 2, flag: true } });

/** Reference: the tree-walking evaluator shared by constant folding and the host (src/symbolic/evaluate.ts). */
function reference(text: string, i: number, j: number): number | undefined {
  const values: Record<string, number> = { i, j, N_pre: N, N_post: N, x_pre: xs[i]!, y_post: ys[j]!, y: ys[j]!, b_pre: flags[i]!, w0: 2e-6, k2: 2, flag: 1, um: 1e-6, pi: Math.PI };
  return evaluate(parseExpression(text), (name) => values[name]);
}

describe('compiled expressions have Brian2/Python semantics', () => {
  const numeric = [
    '(i - j) % 4',
    '(j - i) % -3',
    '(i - j) // 2',
    '(i - 4.5) // 2',
    '(i - j) ** 2 / 3',
    '2 ** -(i + 1)',
    '-(i - j)**2',
    'i / 2',
    'int(x_pre / um * 1.7)',
    'abs(x_pre - y_post) / um',
    'sign(i - j) + floor(i / 2.5) + ceil(-j / 3.0)',
    'clip(i - j, -2, 2)',
    'sqrt(i) * exp(-j / 3.0) + log1p(i) - expm1(-j * 0.1)',
    'exprel((i - j) * 1.0)',
    '(i > j) + (j > 2) * 3',
    'b_pre * 7 + k2',
    '-i + +j',
    'sin(pi * i / 4) * cos(j)',
    'N_pre - N_post + i',
  ];
  for (const text of numeric) {
    it(text, () => {
      const names = new ConnectNames(env);
      const src = new SourceText(text);
      const expr = parseExpression(src);
      checkExpression(expr, names, src);
      const f = compileNumber(expr, names, src);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) expect(f(i, j, 0)).toBe(reference(text, i, j));
    });
  }

  const conditions = [
    'i != j',
    'not (i < j)',
    'i == 2 or j == 3 and i > 4',
    'not b_pre and y > w0',
    '(i - j) % 3 == 0 or abs(x_pre - y_post) < 2*um',
    'flag and i >= j',
    'True',
    'not False',
  ];
  for (const text of conditions) {
    it(text, () => {
      const names = new ConnectNames(env);
      const src = new SourceText(text);
      const expr = parseExpression(src);
      checkExpression(expr, names, src);
      const f = compileBoolean(expr, names, src);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) expect(f(i, j, 0)).toBe(reference(text, i, j) !== 0);
    });
  }

  it('and/or short-circuit, so rand() is drawn only when it matters', () => {
    let calls = 0;
    const counting: ConnectEnvironment = {
      sourceSize: 50,
      targetSize: 50,
      resolve: (name) =>
        name === 'myrand'
          ? {
              kind: 'function',
              spec: { name, args: [], returnDim: () => Dimension.DIMENSIONLESS, returnType: 'float', stateless: false, impl: name },
              impl: () => {
                calls++;
                return 0.5;
              },
            }
          : undefined,
    };
    const r = generateConnections(counting, { condition: 'i == j and myrand() < 0.7' });
    expect(r.i.length).toBe(50);
    expect(calls).toBe(50);
  });

  it('the generated JavaScript contains only generated names, never the text the user wrote', () => {
    const names = new ConnectNames(env);
    const text = 'abs(x_pre - y_post) < w0 and (i + k2) % 3 == 0 or not b_pre and exp(-(i-j)**2/1e-3) > 0.5';
    const src = new SourceText(text);
    const expr = parseExpression(src);
    checkExpression(expr, names, src);
    const code = compileBoolean(expr, names, src).toString();
    const identifiers = code.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
    for (const id of identifiers) expect(id).toMatch(/^(function|connectExpr|let|return|true|false|Math|floor|i|j|k|[acft]\d+|e)$/);
    for (const user of ['x_pre', 'y_post', 'w0', 'k2', 'b_pre', 'abs', 'exp']) expect(code).not.toContain(user);
  });

  it('names that look like JavaScript internals are ordinary unknown identifiers', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'process', 'globalThis', 'Function', 'eval', 'this']) {
      let error: unknown;
      try {
        generateConnections(env, { condition: `${name} > 0` });
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(ModelError);
      expect((error as ModelError).code, name).toBe('unknown-identifier');
    }
    expect(() => generateConnections(env, { condition: 'constructor(i) > 0' })).toThrow(/Unknown function 'constructor'/);
  });

  it('numbers are printed from their parsed values (exponents, long decimals, infinity)', () => {
    const r = generateConnections(env, { condition: 'x_pre/metre < 1.5e-6 and i * 1e300 * 1e10 > 1e-400 and j < inf' });
    // x_pre < 1.5 um for i ≤ 3; 1e-400 parses to 0, so i * 1e310 (= inf for i > 0) > 0 excludes i = 0.
    expect(Array.from(new Set(r.i))).toEqual([1, 2, 3]);
    expect(r.i.length).toBe(3 * N);
  });
});

describe('groupConnectEnvironment: Brian2 names in Synapses', () => {
  it('x_pre, x_post, unsuffixed post names, i_pre/i_post, N_pre/N_post', () => {
    const count = (condition: string): number => generateConnections(env, { condition }).i.length;
    expect(count('y == y_post')).toBe(N * N);
    expect(count('i_pre == i and i_post == j')).toBe(N * N);
    expect(count('N_pre == 9 and N_post == 9')).toBe(N * N);
    expect(count('b_pre')).toBe(3 * N);
  });

  it('shared variables are single values; values given as functions are computed only when used', () => {
    let computed = 0;
    const lazy: ConnectGroup = {
      size: 3,
      variables: new Map([
        ['g', { values: [5], dim: Dimension.DIMENSIONLESS, type: 'float' as const, shared: true }],
        ['s', { values: () => (computed++, [1, 2, 3]), dim: Dimension.DIMENSIONLESS, type: 'float' as const }],
        ['never', { values: () => { throw new Error('evaluated'); }, dim: Dimension.DIMENSIONLESS, type: 'float' as const }],
      ]),
    };
    const e = groupConnectEnvironment(lazy, lazy);
    expect(generateConnections(e, { condition: 's_pre + g_post > 7' }).i.length).toBe(3);
    expect(computed).toBe(1);
  });

  it('values of the wrong length are reported', () => {
    const bad: ConnectGroup = { size: 3, variables: new Map([['s', { values: [1, 2], dim: Dimension.DIMENSIONLESS, type: 'float' as const }]]) };
    expect(() => generateConnections(groupConnectEnvironment(bad, bad), { condition: 's_pre > 0' })).toThrow(/'s_pre' has 2 values, but the source group has 3 neurons/);
  });

  it('a hand-written environment works too (no groups needed)', () => {
    const e: ConnectEnvironment = {
      sourceSize: 4,
      targetSize: 6,
      resolve: (name) => (name === 'pos_post' ? { kind: 'post', values: [0, 1, 2, 3, 4, 5], dim: Dimension.DIMENSIONLESS, type: 'integer' } : undefined),
    };
    const r = generateConnections(e, { j: 'k for k in range(N_post) if pos_post == 2*i' });
    expect([Array.from(r.i), Array.from(r.j)]).toEqual([[0, 1, 2], [0, 2, 4]]);
  });

  it('zero-sized groups create nothing', () => {
    const e: ConnectEnvironment = { sourceSize: 0, targetSize: 5, resolve: () => undefined };
    expect(generateConnections(e, {}).i.length).toBe(0);
    expect(generateConnections(e, { p: 0.5 }).i.length).toBe(0);
    expect(() => generateConnections({ sourceSize: 1.5, targetSize: 2, resolve: () => undefined }, {})).toThrow(/sourceSize must be a whole number/);
  });
});

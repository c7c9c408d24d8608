import { describe, expect, it } from 'vitest';
import { generateConnections, groupConnectEnvironment, type ConnectArgs, type ConnectGroup } from '../../src/core/connect.ts';
import type { FunctionSpec } from '../../src/equations/functions.ts';
import { ModelError } from '../../src/parsing/diagnostics.ts';
import { Dimension, Quantity } from '../../src/units/index.ts';

const VOLT = Dimension.of([2, 1, -3, -1, 0, 0, 0]);
const METRE = Dimension.of([1, 0, 0, 0, 0, 0, 0]);

const source: ConnectGroup = {
  name: 'exc',
  size: 10,
  variables: new Map([
    ['v', { values: new Float64Array(10).fill(-0.07), dim: VOLT, type: 'float' as const }],
    ['x', { values: Float64Array.from({ length: 10 }, (_, q) => q * 1e-5), dim: METRE, type: 'float' as const }],
  ]),
};
const target: ConnectGroup = {
  name: 'inh',
  size: 4,
  variables: new Map([
    ['v', { values: new Float64Array(4).fill(-0.06), dim: VOLT, type: 'float' as const }],
    ['y', { values: Float64Array.from({ length: 4 }, (_, q) => q * 2e-5), dim: METRE, type: 'float' as const }],
  ]),
};
const TIMED: FunctionSpec = { name: 'stim', args: [{ kind: 'any' }], returnDim: () => Dimension.DIMENSIONLESS, returnType: 'float', stateless: true, impl: 'stim' };
const env = groupConnectEnvironment(source, target, {
  namespace: { tau: new Quantity(0.01, Dimension.of([0, 0, 1, 0, 0, 0, 0])), stim: { kind: 'external-function', spec: TIMED } },
  synapticNames: ['w', 'delay'],
});

/** The ModelError connect() throws for these arguments. */
function failure(args: ConnectArgs): ModelError {
  try {
    generateConnections(env, args);
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw new Error(`expected a ModelError, got ${String(e)}`);
  }
  throw new Error(`expected connect(${JSON.stringify(args)}) to fail`);
}

/** The error points at `text` in the string, by line and column. */
function expectAt(e: ModelError, origin: string, column: number, length: number): void {
  expect(e.diagnostic.origin).toBe(origin);
  expect(e.diagnostic.line).toBe(1);
  expect(e.diagnostic.column).toBe(column);
  expect(e.diagnostic.length).toBe(length);
}

describe('connect() conditions: bad input', () => {
  it('unknown identifiers, with a suggestion', () => {
    const e = failure({ condition: 'i != j and y_post > x_pe' });
    expect(e.code).toBe('unknown-identifier');
    expect(e.message).toMatch(/Unknown identifier 'x_pe'/);
    expect(e.message).toMatch(/Did you mean 'x_pre'/);
    expectAt(e, 'condition', 21, 4);
  });

  it("a presynaptic variable without suffix is unknown: unsuffixed names are postsynaptic (Brian2's rule)", () => {
    const e = failure({ condition: 'x > 0*um' });
    expect(e.code).toBe('unknown-identifier');
    expectAt(e, 'condition', 1, 1);
    // …while the postsynaptic one works without suffix.
    expect(generateConnections(env, { condition: 'y > 3*um' }).i.length).toBe(30);
  });

  it("unit mismatches: 'v_pre > 3' compares volt with a number", () => {
    const e = failure({ condition: 'v_pre > 3' });
    expect(e.code).toBe('unit-mismatch');
    expect(e.message).toMatch(/different units/);
    expect(e.message).toMatch(/'v_pre' has unit V/);
    expectAt(e, 'condition', 1, 9);
  });

  it('unit mismatches inside sums', () => {
    const e = failure({ condition: 'x_pre + v_post > 0*mV' });
    expect(e.code).toBe('unit-mismatch');
    expectAt(e, 'condition', 1, 14);
  });

  it('non-boolean conditions', () => {
    const e = failure({ condition: 'i + j' });
    expect(e.code).toBe('not-boolean');
    expect(e.message).toMatch(/Condition 'i \+ j' is not a boolean expression/);
    expectAt(e, 'condition', 1, 5);
    expect(failure({ condition: 'x_pre' }).code).toBe('not-boolean');
    expect(failure({ condition: 'i and j > 1' }).code).toBe('not-boolean');
  });

  it('syntax errors, with position', () => {
    const e = failure({ condition: 'i != (j + 1' });
    expect(e.code).toBe('syntax');
    expect(e.diagnostic.origin).toBe('condition');
    expect(e.diagnostic.column).toBe(6);
    expect(failure({ condition: 'i ! j' }).code).toBe('syntax');
    expect(failure({ condition: '' }).code).toBe('syntax');
  });

  it('synaptic variables and N_incoming/N_outgoing cannot be used', () => {
    const e = failure({ condition: 'w > 0' });
    expect(e.code).toBe('invalid-identifier');
    expect(e.message).toMatch(/'w' is a synaptic variable/);
    expectAt(e, 'condition', 1, 1);
    expect(failure({ condition: 'i != j', p: 'N_incoming * 0.1' }).message).toMatch(/cannot refer to 'N_incoming'/);
    expect(failure({ j: 'k for k in range(N_outgoing)' }).message).toMatch(/cannot refer to 'N_outgoing'/);
  });

  it('functions that cannot be evaluated on the host', () => {
    const e = failure({ condition: 'stim(i) > 0.5' });
    expect(e.code).toBe('unsupported-function');
    expectAt(e, 'condition', 1, 4);
    expect(failure({ condition: 'poisson(2.0) > 1' }).code).toBe('unsupported-function');
    // A host implementation makes it usable.
    const withImpl = groupConnectEnvironment(source, target, { namespace: { stim: { kind: 'external-function', spec: TIMED } }, functions: { stim: (x) => (x % 2 === 0 ? 1 : 0) } });
    expect(Array.from(generateConnections(withImpl, { condition: 'stim(i) > 0.5 and j == 0' }).i)).toEqual([0, 2, 4, 6, 8]);
  });

  it('a generator given as condition', () => {
    expect(failure({ condition: 'k for k in range(3)' }).message).toMatch(/Generator expression given for condition, write connect\(\{j: 'k for k in range\(3\)'\}\)/);
  });
});

describe('connect() p and n: bad input', () => {
  it('p outside [0, 1] (Brian2 silently treats p > 1 as 1 and p < 0 as 0; here it is an error)', () => {
    for (const p of [1.5, -0.1, Number.NaN, Infinity]) {
      const e = failure({ condition: 'i != j', p });
      expect(e.code).toBe('invalid-probability');
      expect(e.message).toMatch(/p must be a probability between 0 and 1/);
    }
    expect(failure({ i: [1], j: [2], p: 2 }).code).toBe('invalid-probability');
  });

  it('p with units', () => {
    const e = failure({ condition: 'i != j', p: 'x_pre/(2*um)*mV' });
    expect(e.code).toBe('unit-mismatch');
    expect(e.message).toMatch(/p should be dimensionless/);
    expect(e.diagnostic.origin).toBe('p');
  });

  it('negative n, fractional n, n with units or a float expression', () => {
    expect(failure({ condition: 'i == j', n: -1 }).code).toBe('invalid-n');
    expect(failure({ condition: 'i == j', n: 1.5 }).message).toMatch(/n must be a whole number/);
    const neg = failure({ condition: 'i == j', n: 'i - 2' });
    expect(neg.code).toBe('invalid-n');
    expect(neg.message).toMatch(/a negative number \(-2\) for i=0, j=0/);
    expectAt(neg, 'n', 1, 5);
    expect(failure({ condition: 'i == j', n: 'i * 0.5' }).code).toBe('not-integer');
    expect(failure({ condition: 'i == j', n: 'x_pre' }).code).toBe('unit-mismatch');
  });
});

describe('connect() explicit indices: bad input', () => {
  it('mismatched lengths', () => {
    const e = failure({ i: [1, 2], j: [0, 2, 1] });
    expect(e.code).toBe('connect-arguments');
    expect(e.message).toMatch(/same length.*2 and 3/);
  });

  it('out-of-range indices name the index, the value and the group size', () => {
    let e = failure({ i: [1, 10], j: [0, 2] });
    expect(e.code).toBe('index-out-of-range');
    expect(e.message).toMatch(/presynaptic index i\[1\] = 10 is outside the source group 'exc' with 10 neurons \(valid indices: 0 to 9\)/);
    e = failure({ i: [0, 1, 2], j: [0, -1, 4] });
    expect(e.message).toMatch(/postsynaptic index j\[1\] = -1 is outside the target group 'inh' with 4 neurons/);
    e = failure({ i: 3, j: 4 });
    expect(e.message).toMatch(/postsynaptic index j = 4/);
  });

  it('non-integer indices', () => {
    expect(failure({ i: [1.5], j: [0] }).message).toMatch(/whole numbers, but i\[0\] = 1.5/);
    expect(failure({ i: [0], j: [Number.NaN] }).message).toMatch(/j\[0\] = NaN/);
  });

  it('argument combinations Brian2 refuses', () => {
    expect(failure({ i: [1], j: [1], skip_if_invalid: true }).message).toMatch(/skip_if_invalid with string syntax/);
    expect(failure({ i: [1], j: [1], n: '2' }).message).toMatch(/string expression for n/);
    expect(failure({ i: [1], j: [1], p: '0.5' }).message).toMatch(/string expression for p/);
    expect(failure({ i: [1, 2] }).message).toMatch(/Must specify at least one of condition, i or j/);
    expect(failure({ condition: 'i == j', j: [1] }).message).toMatch(/Cannot combine condition with i or j/);
    expect(failure({ j: 'k for k in range(3)', i: [1] }).message).toMatch(/Generator syntax for j cannot be combined with i/);
    expect(failure({ i: 'k for k in range(3)', j: 2 }).message).toMatch(/Generator syntax for i cannot be combined with j/);
    expect(failure({ j: 'k for k in range(3)', p: 0.5 }).message).toMatch(/cannot be combined with p/);
    expect(failure({ condition: 3 as unknown as string }).message).toMatch(/condition argument must be bool or string/);
    expect(failure({ i: {} as unknown as number, j: 1 }).message).toMatch(/i argument must be int, array or string/);
  });
});

describe('connect() generators: bad input', () => {
  const syntax: Array<[string, RegExp, number?]> = [
    ['k for k in', /iterator must be 'range' or 'sample'/, 11],
    ['k for in range(3)', /single variable name/, 7],
    ['k for k range(3)', /expected 'in'/, 9],
    ['k for k in range(3', /Unclosed parenthesis/],
    ['k for k in range()', /1-3 positional arguments \(got 0\)/, 12],
    ['k for k in range(1, 2, 3, 4)', /1-3 positional arguments \(got 4\)/, 12],
    ['k for k in range(3) if', /condition after 'if' is missing/, 21],
    ['k for k in range(3) if k>0 if k<2', /at most one if statement/, 28],
    ['k for k in range(3) for l in range(2)', /only one iterator/, 21],
    ['k for k, l in range(3)', /single variable \(not tuple/, 8],
    ['k for k in foo(3)', /'range' or 'sample'/, 12],
    ['k for k in range', /'range' or 'sample'/, 12],
    ['for k in range(3)', /expression before 'for' is missing/, 1],
    ['k for k in range(3) else 2', /'else' is not supported/, 21],
    ['k for k in sample(N_post)', /one keyword argument, either 'p' or 'size'/, 12],
    ['k for k in sample(N_post, p=0.1, size=3)', /one keyword argument/, 12],
    ['k for k in sample(N_post, q=0.1)', /one keyword argument/, 12],
    ['k for k in range(N_post, step=1)', /doesn't accept any keyword arguments/, 26],
    ['k for k in sample(p=0.1, N_post)', /positional argument after a keyword/, 26],
    ['k for k in range(3,, 4)', /empty argument/, 20],
    ['k[1] for k in range(3)', /Unexpected character '\['/, 2],
    ['k for k in range(3) if (k for k in range(2))', /inside parentheses/, 27],
    ['i if i < 3 if i > 1', /at most one if/, 12],
  ];
  for (const [text, message, column] of syntax) {
    it(`malformed: '${text}'`, () => {
      const e = failure({ j: text });
      expect(e.message).toMatch(message);
      expect(e.diagnostic.origin).toBe('j (generator)');
      if (column !== undefined) expect(e.diagnostic.column).toBe(column);
    });
  }

  it('out-of-range targets: an error naming the index, or skipped with skip_if_invalid', () => {
    const e = failure({ j: 'k for k in range(i-1, i+2)' });
    expect(e.code).toBe('index-out-of-range');
    expect(e.message).toMatch(/index j=-1 \(i=0\) is outside the allowed range from 0 to 3 of the target group 'inh'/);
    expect(e.message).toMatch(/skip_if_invalid/);
    expectAt(e, 'j (generator)', 1, 1);
    const e2 = failure({ j: '2*k + i for k in range(2)' });
    expect(e2.message).toMatch(/index j=4 \(i=2, k=1\)/);
    expectAt(e2, 'j (generator)', 1, 7);
    const e3 = failure({ i: 'j + 7' });
    expect(e3.message).toMatch(/index i=10 \(j=3\) is outside the allowed range from 0 to 9 of the source group 'exc'/);
    expect(generateConnections(env, { j: 'k for k in range(i-1, i+2)', skip_if_invalid: true }).i.length).toBe(2 + 3 + 3 + 2 + 1);
  });

  it('a condition on postsynaptic variables is checked after the index (Brian2), so a guard in the condition does not help', () => {
    const e = failure({ j: 'k for k in range(i-1, i+2) if k >= 0 and k < N_post and y_post > 0*um' });
    expect(e.message).toMatch(/index j=-1 .*the condition refers to a post-synaptic variable/);
    // Without postsynaptic variables the guard works.
    expect(generateConnections(env, { j: 'k for k in range(i-1, i+2) if k >= 0 and k < N_post' }).i.length).toBe(11);
  });

  it('range() arguments must be integers and cannot depend on the generated side', () => {
    let e = failure({ j: 'k for k in range(N_post/2)' });
    expect(e.code).toBe('not-integer');
    expectAt(e, 'j (generator)', 18, 8);
    e = failure({ j: 'k for k in range(j)' });
    expect(e.message).toMatch(/depends on the postsynaptic index or the generator variable \('j'\)/);
    e = failure({ j: 'k for k in range(int(y_post/um))' });
    expect(e.message).toMatch(/\('y_post'\)/);
    e = failure({ j: 'k for k in range(0, k)' });
    expect(e.message).toMatch(/\('k'\)/);
    e = failure({ i: 'k for k in range(i)' });
    expect(e.message).toMatch(/depends on the presynaptic index/);
    expect(failure({ j: 'k for k in range(3*mV)' }).code).toBe('unit-mismatch');
    expect(failure({ j: 'k for k in sample(N_post, size=2.5)' }).code).toBe('not-integer');
    expect(failure({ j: 'k for k in sample(N_post, p=x_pre)' }).code).toBe('unit-mismatch');
  });

  it('zero step and bad sample sizes, at run time, pointing at the argument', () => {
    let e = failure({ j: 'k for k in range(0, 3, i - i)' });
    expect(e.message).toMatch(/step of range\(\) must not be zero/);
    expectAt(e, 'j (generator)', 24, 5);
    e = failure({ j: 'k for k in sample(N_post, size=i-2)' });
    expect(e.message).toMatch(/Requested sample size -2 is negative \(for i=0\)/);
    expectAt(e, 'j (generator)', 32, 3);
    e = failure({ j: 'k for k in sample(N_post, size=5)' });
    expect(e.message).toMatch(/Requested sample size 5 is bigger than the population size 4/);
  });

  it("the element must be an integer expression that does not use the generated side", () => {
    let e = failure({ j: 'k*0.5 for k in range(3)' });
    expect(e.code).toBe('not-integer');
    expect(e.message).toMatch(/floating-point/);
    expectAt(e, 'j (generator)', 1, 5);
    expect(failure({ j: 'i > 2 for k in range(1)' }).message).toMatch(/boolean/);
    expect(failure({ j: 'x_pre for k in range(1)' }).message).toMatch(/dimensional/);
    e = failure({ j: 'j + k for k in range(3)' });
    expect(e.message).toMatch(/computes the postsynaptic index j, so it cannot refer to 'j'/);
    e = failure({ j: 'int(y_post/um) for k in range(3)' });
    expect(e.message).toMatch(/cannot refer to 'y_post'/);
    e = failure({ i: 'i + 1' });
    expect(e.message).toMatch(/computes the presynaptic index i/);
  });

  it("the generator's condition must be boolean; its variable cannot be i or j", () => {
    const e = failure({ j: 'k for k in range(3) if k*0.5' });
    expect(e.code).toBe('not-boolean');
    expectAt(e, 'j (generator)', 24, 5);
    expect(failure({ j: 'i for i in range(3)' }).message).toMatch(/cannot be called 'i'/);
  });

  it('unknown names in generators', () => {
    const e = failure({ j: 'k for k in range(N_pst)' });
    expect(e.code).toBe('unknown-identifier');
    expect(e.message).toMatch(/Did you mean 'N_post'/);
    expectAt(e, 'j (generator)', 18, 5);
  });
});

/**
 * Further corners of the model language, beyond the generated catalogue.
 * Each outcome was checked against Brian2 2.5.1 (numpy target, the same
 * harness as tools/brian2/language) when these tests were written; the
 * rules behind them are Brian2's sympy conversion of equations, its typed
 * AST for generated code, and its handling of abstract code.
 */
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/parsing/diagnostics.ts';
import { runFrontEnd, type AcceptanceCase } from './harness.ts';

type Case = Partial<Pick<AcceptanceCase, 'equations' | 'threshold' | 'reset' | 'method' | 'namespace'>>;

const BASE = 'dv/dt = -v/(10*ms) : volt\nb : boolean\nx : 1\nn : integer\n';

function run(c: Case): ReturnType<typeof runFrontEnd> {
  return runFrontEnd({
    equations: c.equations ?? BASE,
    threshold: c.threshold ?? (c.reset !== undefined ? 'v > 1*mV' : null),
    reset: c.reset ?? null,
    refractory: null,
    method: c.method ?? null,
    namespace: c.namespace ?? {},
  });
}

/** [what, case, Brian2's verdict: true = accepted, or a pattern our error must match] */
const PROBES: Array<[string, Case, true | RegExp]> = [
  // Comparisons and booleans in arithmetic (sympy in equations, the typed AST in code).
  ['reset: a comparison times a unit', { reset: 'v = (v > 0*mV)*mV' }, /cannot be used in a multiplication.*int\(v > 0\*mV\)\*mV/s],
  ['reset: int() of a comparison times a unit', { reset: 'v = int(v > 0*mV)*mV' }, true],
  ['reset: minus a boolean variable', { reset: 'v = -b*mV' }, /'-' does not apply to the boolean value 'b'/],
  ['reset: True times a number', { reset: 'x = True*3' }, /True\/False in arithmetic/],
  ['reset: True + True is boolean', { reset: 'b = True + True' }, true],
  ['reset: and on a float', { reset: 'x = b and x' }, /ought to be boolean.*'x'/],
  ['reset: boolean + boolean', { reset: 'x = b + b' }, true],
  ['reset: chained comparison', { reset: 'x = 1 < 2 < 3' }, /single comparisons/],
  ['equation: True times a number', { equations: BASE + 'y = True*3 : 1' }, /True\/False in arithmetic/],
  ['equation: True times a variable', { equations: BASE + 'y = True*v : volt' }, true],
  ['equation: a variable over True', { equations: BASE + 'y = v/True : volt' }, true],
  ['equation: a number over True', { equations: BASE + 'y = 3/True : 1' }, true],
  ['equation: True over a number', { equations: BASE + 'y = True/2 : 1' }, /True\/False in arithmetic/],
  ['equation: True to a power', { equations: BASE + 'y = True**2 : 1' }, /True\/False in arithmetic/],
  ['equation: a power of True', { equations: BASE + 'y = 2**True : 1' }, true],
  ['equation: minus True', { equations: BASE + 'y = -True : 1' }, /True\/False in arithmetic/],
  ['equation: x - True', { equations: BASE + 'y = x - True : 1' }, true],
  ['equation: minus a comparison', { equations: BASE + 'y = -(v > 0*mV) : 1' }, /cannot be used in a negation/],
  ['equation: abs of a comparison', { equations: BASE + 'y = abs(v > 0*mV) : 1' }, /cannot be used in the function 'abs'/],
  ['equation: sin of a comparison', { equations: BASE + 'y = sin(x > 0) : 1' }, /the function 'sin'/],
  ['equation: log of a comparison', { equations: BASE + 'y = log(x > 0) : 1' }, /the function 'log'/],
  ['equation: floor of a comparison', { equations: BASE + 'y = floor(x > 0) : 1' }, /the function 'floor'/],
  ['equation: exp of a comparison', { equations: BASE + 'y = exp(x > 0) : 1' }, true],
  ['equation: sqrt of a comparison', { equations: BASE + 'y = sqrt(v > 0*mV) : 1' }, true],
  ['equation: clip of a comparison', { equations: BASE + 'y = clip(v > 0*mV, 0, 1) : 1' }, true],
  ['equation: sign of a comparison', { equations: BASE + 'y = sign(v > 0*mV) : 1' }, true],
  ['equation: a comparison equal to True', { equations: BASE + 'y = (v > 0*mV) == True : boolean' }, true],
  ['equation: a comparison equal to a boolean', { equations: BASE + 'y = (v > 0*mV) == b : boolean' }, true],
  ['equation: a comparison ordered against 1', { equations: BASE + 'y = (v > 0*mV) < 1 : boolean' }, /cannot be compared with '<'/],
  ['equation: chained comparison', { equations: BASE + 'y = 0*mV < v < 1*mV : boolean' }, /single comparisons/],
  ['equation: not of a comparison', { equations: BASE + 'y = not (x > 0) : boolean' }, true],
  ['equation: not plus one', { equations: BASE + 'y = (not b) + 1 : 1' }, /'not' operation .* cannot be used in an addition/],
  ['equation: an unused "-b"', { equations: BASE + 'y = -b : 1' }, true],
  [
    'equation: "-b" in a subexpression the state update uses',
    { equations: 'dv/dt = (y - v)/(10*ms) : volt\ny = -b*mV : volt\nb : boolean' },
    /'-' does not apply to the boolean value 'b'/,
  ],
  [
    'equation: a comparison subexpression in the arithmetic of a differential equation',
    { equations: 'dv/dt = (c*mV - v)/(10*ms) : volt\nc = v > 0*mV : boolean' },
    /comparison 'v > 0\*mV' cannot be used in a multiplication/,
  ],
  ['equation: int() of such a subexpression', { equations: 'dv/dt = (int(c)*mV - v)/(10*ms) : volt\nc = v > 0*mV : boolean' }, true],
  [
    "threshold: a subexpression 'b and x' (x a float)",
    { equations: BASE + 'y = b and x : boolean', threshold: 'y', reset: '' },
    /ought to be boolean/,
  ],
  ['threshold: not of a float', { threshold: 'not x', reset: '' }, true],
  ['threshold: boolean + boolean', { threshold: 'b + b', reset: '' }, /not a boolean expression/],
  // Exponents: only their value counts.
  ['exponent with a unit', { equations: BASE + 'y = 2**(1*second) : 1' }, true],
  ['exponent 1*ms gives volt**0.001', { equations: BASE + 'y = v**(1*ms) : volt' }, /inconsistent units in subexpression 'y'/i],
  ['dimensionless base, boolean exponent', { equations: BASE + 'y = x ** b : 1' }, true],
  ['volt to a boolean variable', { equations: BASE + 'y = v ** b : volt' }, /'b' is not constant/],
  ['unary plus in an exponent', { equations: BASE + 'y = v**(+2) : volt**2' }, /cannot be evaluated in an exponent/],
  // Abstract code: temporaries, scalar and subexpression targets.
  ['reset: update of an undefined name', { reset: 'u += 1*mV' }, /unknown identifier 'u'/i],
  ['reset: temporary read before it is defined', { reset: 'v = u\nu = 1*mV' }, /unknown identifier 'u'/i],
  ['reset: a temporary named like a namespace value', { reset: 'tau = 3*ms', namespace: { tau: { value: 0.003, unit: 'ms' } } }, true],
  ['reset: a temporary named like a unit', { reset: 'mV = 3' }, true],
  ['reset: a temporary named like a constant', { reset: 'pi = 3' }, true],
  ['reset: a temporary named like a function', { reset: 'exp = 3' }, true],
  ['reset: a temporary named xi', { reset: 'xi = 3' }, true],
  ['reset: write t_in_timesteps', { reset: 't_in_timesteps = 3' }, /Writing to scalar variable t_in_timesteps/],
  ['reset: write a constant parameter', { equations: BASE + 'c : 1 (constant)', reset: 'c = 3' }, true],
  ['reset: update a subexpression', { equations: BASE + 'y = -v : volt', reset: 'y += 1*mV' }, /Cannot write to subexpression 'y'/],
  [
    'reset: xi of the equations',
    { equations: BASE + 'dw/dt = -w/(10*ms) + b*xi*ms**-0.5 : 1', reset: 'w = xi*ms**0.5' },
    /unknown identifier 'xi'.*only be used in differential equations/is,
  ],
  ['reset: if statement', { reset: 'if v > 0*mV: v = 0*mV' }, /'if' statements are not supported/],
];

describe('more of Brian2 2.5.1 model language rules', () => {
  for (const [what, c, verdict] of PROBES) {
    it(`${what}: ${verdict === true ? 'accepted' : 'rejected'}`, () => {
      if (verdict === true) {
        expect(() => run(c)).not.toThrow();
        return;
      }
      let error: unknown;
      try {
        run(c);
      } catch (e) {
        error = e;
      }
      expect(error, 'rejected').toBeInstanceOf(ModelError);
      const d = (error as ModelError).diagnostic;
      expect(`${d.message}\n${d.hint ?? ''}`).toMatch(verdict);
      expect(d.line).toBeDefined();
    });
  }

  it('the default method for int() of a comparison subexpression is euler, as in Brian2', () => {
    expect(run({ equations: 'dv/dt = (int(c)*mV - v)/(10*ms) : volt\nc = v > 0*mV : boolean' }).update!.method).toBe('euler');
  });

  it('exact refuses larger linear systems with complex eigenvalues, like 2×2 ones', () => {
    const rotating = 'dx/dt = (-0.1*x - y)/ms : 1\ndy/dt = (x - 0.1*y)/ms : 1\ndz/dt = (x - z)/ms : 1';
    expect(() => run({ equations: rotating, method: 'exact' })).toThrow(/complex values/);
    expect(run({ equations: rotating }).update!.method).toBe('euler');
    const cyclicReal = 'dx/dt = (-2*x + y)/ms : 1\ndy/dt = (x - 2*y)/ms : 1\ndz/dt = (y - 3*z)/ms : 1';
    expect(run({ equations: cyclicReal }).update!.method).toBe('exact');
  });

  it('method names are case-insensitive, in lists too', () => {
    expect(run({ equations: 'dv/dt = -v**2/(mV*ms) : volt', method: ['RK4', 'Euler'] }).update!.method).toBe('rk4');
    expect(run({ equations: 'dv/dt = -v**2/(mV*ms) : volt', method: 'Heun' }).update!.method).toBe('heun');
  });

  it('euler accepts a noise factor that is constant over a step (a TimedArray of t), like Brian2, but not one of t itself', () => {
    const namespace = { I: { type: 'timedarray' as const, values: [0, 1, 2], unit: '1', dt: 1e-4 } };
    expect(run({ equations: 'dv/dt = -v/ms + I(t)*xi/ms**0.5 : 1', method: 'euler', namespace }).update!.method).toBe('euler');
    expect(run({ equations: 'dv/dt = -v/ms + I(t)*xi/ms**0.5 : 1', namespace }).update!.method).toBe('euler');
    expect(() => run({ equations: 'dv/dt = -v/ms + sin(t/ms)*xi/ms**0.5 : 1', method: 'euler' })).toThrow(/multiplicative noise/);
  });

  it('suggests what was probably meant', () => {
    const message = (c: Case): string => {
      try {
        run(c);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(message({ equations: 'dv/dt = -v/tau_n : volt', namespace: { tau_m: { value: 0.01, unit: 'ms' } } })).toMatch(/Did you mean 'tau_m'\?/);
    expect(message({ equations: 'dv/dt = (3*uV - v)/ms : volt' })).toMatch(/'uvolt'/);
    expect(message({ equations: 'x : 1 (Shared)' })).toMatch(/Did you mean 'shared'\?/);
    expect(message({ equations: 'x : mV' })).toMatch(/Use 'volt' instead/);
    expect(message({ equations: 'dv/dt = -v/(10*ms) : volt\ny = max(v, 0*mV) : volt' })).toMatch(/clip/);
  });
});

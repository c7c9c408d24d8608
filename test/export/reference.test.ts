// The five brian2tools baseexport reference files: our export of the same
// models equals them, importing them gives them back, and importing and
// running reproduces the original run exactly.
//
// Each test imports the code afresh (vi.resetModules): Brian2's str() of a
// quantity depends on the display units registered so far and TimedArray
// names on a process-wide counter, and every reference file was made by a
// fresh Brian2 process.
import { describe, expect, it, vi } from 'vitest';
import { REFERENCE_MODELS } from './reference-models.ts';

async function fresh() {
  vi.resetModules();
  const models = await import('./reference-models.ts');
  const api = await import('../../src/export/index.ts');
  return { ...models, ...api };
}

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe.each(REFERENCE_MODELS)('reference model %s', (name) => {
  it('exportModel equals the brian2tools export (before running, with the duration given)', async () => {
    const m = await fresh();
    const { network, duration } = m.referenceNetwork(name);
    const ours = plain(m.exportModel(network, { duration: `${duration}*second` }));
    expect(ours.runs).toStrictEqual(m.referenceExport(name).runs);
  });

  it('exportModel equals the brian2tools export after running', async () => {
    const m = await fresh();
    const { network, duration } = m.referenceNetwork(name);
    await network.run(`${duration}*second`, { backend: 'js' });
    expect(plain(m.exportModel(network)).runs).toStrictEqual(m.referenceExport(name).runs);
  });

  it('import → export gives the reference file back', async () => {
    const m = await fresh();
    const ref = m.referenceExport(name);
    const imported = m.importModel(ref);
    expect(plain(m.exportModel(imported.network)).runs).toStrictEqual(ref.runs);
  });

  it('export → import → export is the identity', async () => {
    const m = await fresh();
    const { network, duration } = m.referenceNetwork(name);
    const first = plain(m.exportModel(network, { duration: `${duration}*second`, name }));
    const second = plain(m.exportModel(m.importModel(first).network, { name }));
    expect(second).toStrictEqual(first);
  });

  it("import → run reproduces the original run exactly, and Brian2's spikes", async () => {
    const m = await fresh();
    const original = m.referenceNetwork(name);
    await original.network.run(`${original.duration}*second`, { backend: 'js' });
    const imported = m.importModel(m.referenceExport(name));
    await imported.run({ backend: 'js' });
    const ours = m.monitorResults(imported.network);
    expect(Object.keys(ours).sort()).toEqual(original.spikemon ? ['spikemon', 'statemon'] : ['statemon']);
    expect(ours).toStrictEqual(m.monitorResults(original.network));
    const expected = m.referenceFixture(name).expected;
    if (expected.spikes) {
      const spikes = ours.spikemon as { i: number[]; t: number[] };
      const dt = m.referenceFixture(name).model.dt;
      expect(spikes.i).toEqual(expected.spikes.i);
      expect(spikes.t.map((t) => Math.round(t / dt))).toEqual(expected.spikes.t_step);
    }
  });
});

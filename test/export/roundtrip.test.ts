// Round trips on models using every component and initializer kind:
// export → import → export is the identity, and import → run reproduces
// the original run exactly (random numbers included, given the same seed).
import { describe, expect, it } from 'vitest';
import { exportModel, importModel, monitorResults } from '../../src/export/index.ts';
import type { ConnectJSON, InitializerJSON, ModelJSON } from '../../src/export/format.ts';
import { seed } from '../../src/core/random.ts';
import { Network } from '../../src/core/network.ts';
import { NeuronGroup } from '../../src/core/neurongroup.ts';
import { Synapses } from '../../src/core/synapses.ts';
import { StateMonitor } from '../../src/monitors/statemonitor.ts';
import { parseQuantity as q } from '../../src/units/index.ts';
import { deterministicModel, stochasticModel } from './rich-models.ts';

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe.each([
  ['deterministic', deterministicModel],
  ['stochastic', stochasticModel],
] as const)('the %s model', (_, make) => {
  it('export → import → export is the identity, before and after running the imported model', async () => {
    const original = make();
    seed(5);
    await original.run('js');
    const json = plain(exportModel(original.network));
    const imported = importModel(json);
    expect(plain(exportModel(imported.network))).toStrictEqual(json);
    await imported.run({ backend: 'js' });
    expect(plain(exportModel(imported.network))).toStrictEqual(json);
  });

  it('import → run reproduces the original run exactly', async () => {
    const original = make();
    seed(21);
    await original.run('js');
    const imported = importModel(plain(exportModel(original.network)));
    seed(21);
    await imported.run({ backend: 'js' });
    expect(monitorResults(imported.network)).toStrictEqual(monitorResults(original.network));
  });
});

describe('what the export keeps that brian2tools loses', () => {
  it('connectivity from conditions, delays per synapse, random values, 2-D TimedArray shapes, two runs', async () => {
    const m = deterministicModel();
    await m.run('js');
    const json = plain(exportModel(m.network)) as ModelJSON;
    expect(json.runs).toHaveLength(2);
    const [first, second] = json.runs;
    const connects = first!.initializers_connectors!.filter((r): r is ConnectJSON => r.type === 'connect');
    expect(connects.map((c) => c.synapses)).toEqual(['S', 'gap', 'half']);
    expect(connects[0]!.condition).toBe('j % 2 == i % 2');
    expect(connects[0]!.connectivity!.i).toHaveLength(16);
    expect(connects[2]!.connectivity).toBeUndefined(); // explicit i and j already say it
    const delay = first!.initializers_connectors!.find((r): r is InitializerJSON => r.type === 'initializer' && r.variable === 'delay');
    expect(delay).toMatchObject({ source: 'S_pre', value: 'j*0.3*ms', index: 'True' });
    const stim = first!.components.neurongroup![0]!.identifiers!.stim as { ndim: number; shape: number[] };
    expect(stim.ndim).toBe(2);
    expect(stim.shape).toEqual([30, 8]);
    // The second run lists only what changed before it.
    expect(second!.initializers_connectors!.map((r) => (r as InitializerJSON).variable)).toEqual(['v', 'w']);
    expect(second!.duration).toEqual({ str: '8. ms', value: 0.008, dim: 's' });
    const pathway = first!.components.synapses!.find((s) => s.name === 'half')!.pathways![0]!;
    expect(pathway.delay).toEqual({ str: '0.5 ms', value: 0.0005, dim: 's' });
    expect(first!.components.synapses!.find((s) => s.name === 'half')!.source).toEqual({ start: 0, stop: 3, group: 'G' });

    const s = stochasticModel();
    await s.run('js');
    const sj = plain(exportModel(s.network)) as ModelJSON;
    const inits = sj.runs[0]!.initializers_connectors!;
    const v = inits.find((r): r is InitializerJSON => r.type === 'initializer' && r.variable === 'v')!;
    expect(v.value).toBe('v0 + rand()*8*mV');
    expect((v.evaluated!.value as number[]).length).toBe(10);
    expect(v.evaluated!.dim).toBe('m^2 kg s^-3 A^-1');
    expect((inits.find((r) => r.type === 'connect') as ConnectJSON).probability).toBe(0.3);
    expect(sj.runs[0]!.components.poissongroup![0]!.rates).toEqual({ str: '40. Hz', value: 40, dim: 's^-1' });
    expect(sj.runs[0]!.components.poissoninput![0]).toMatchObject({ name: 'drive', target: 'G', N: 20, weight: 'w_in', target_var: 'v' });
  });

  it('the method chosen when the user chose none', () => {
    const G = new NeuronGroup(1, 'dv/dt = -v/tau : volt\ndw/dt = (v**2/mV - w)/tau : volt', { namespace: { tau: q('10*ms') }, name: 'G' });
    const json = exportModel(new Network(G, new StateMonitor(G, 'v', { record: true, name: 'mon' })), { duration: '1*ms' });
    const g = json.runs[0]!.components.neurongroup![0]!;
    expect(g.user_method).toBeNull();
    expect(g.method).toBe('euler');
  });
});

describe('runs', () => {
  it('compound equation units keep the display Brian2 gives them', () => {
    const G = new NeuronGroup(1, 'g : siemens/meter**2\ndx/dt = -x/(10*ms) : volt/second\nC : farad/meter**2\ny : 1', { name: 'G' });
    const json = plain(exportModel(new Network(G), { duration: '1*ms' })) as ModelJSON;
    const eqs = json.runs[0]!.components.neurongroup![0]!.equations;
    expect([eqs.g!.unit.str, eqs.x!.unit.str, eqs.C!.unit.str, eqs.y!.unit.str]).toEqual(['S/(m^2)', 'V/s', 'F/(m^2)', 'rad']);
    expect(plain(exportModel(importModel(json).network))).toStrictEqual(json);
  });

  it('a network that has not run needs the duration to export', () => {
    const G = new NeuronGroup(1, 'v : 1', { name: 'G' });
    expect(() => exportModel(new Network(G))).toThrow(/has not run yet.*duration/);
    expect(exportModel(new Network(G), { duration: '5*ms' }).runs[0]!.duration.value).toBe(0.005);
  });

  it('an imported model runs its runs one by one; its export lists the runs it still plans', async () => {
    const m = deterministicModel();
    await m.run('js');
    const json = plain(exportModel(m.network));
    const imported = importModel(json);
    await imported.runs[0]!.run({ backend: 'js' });
    expect(plain(exportModel(imported.network))).toStrictEqual(json);
    expect(imported.network.t_).toBeCloseTo(0.012, 12);
    await imported.runs[1]!.run({ backend: 'js' });
    expect(imported.network.t_).toBeCloseTo(0.02, 12);
    expect(plain(exportModel(imported.network))).toStrictEqual(json);
  });
});

describe('files from elsewhere', () => {
  it('initializers of some elements only (an index, a list, a condition) are applied and written back as read', () => {
    const json = plain(exportModel(new Network(new NeuronGroup(5, 'v : volt\nk : integer', { name: 'G' })), { duration: '1*ms' })) as ModelJSON;
    json.runs[0]!.initializers_connectors = [
      { type: 'initializer', source: 'G', variable: 'v', index: true, value: { str: '-70. mV', value: -0.07, dim: 'm^2 kg s^-3 A^-1' } },
      { type: 'initializer', source: 'G', variable: 'v', index: [0, 2], value: { str: '[1. 2.] mV', value: [0.001, 0.002], dim: 'm^2 kg s^-3 A^-1' } },
      { type: 'initializer', source: 'G', variable: 'v', index: 4, value: '-i*mV' },
      { type: 'initializer', source: 'G', variable: 'k', index: 'i >= 3', value: '7' },
      { type: 'initializer', source: { group: 'G', start: 1, stop: 2 }, variable: 'k', index: true, value: { str: '5.', value: 5, dim: '1' } },
    ];
    const imported = importModel(json);
    const G = imported.objects.G as NeuronGroup;
    expect(Array.from(G.getSI('v'))).toEqual([0.001, -0.07, 0.002, -0.07, -0.004]);
    expect(Array.from(G.getSI('k'))).toEqual([0, 5, 5, 7, 7]);
    expect(plain(exportModel(imported.network))).toStrictEqual(json);
  });

  it('event-driven synapses (Brian2 lists their lastupdate among the equations)', async () => {
    const build = () => {
      const ns = { taupre: q('20*ms'), taupost: q('20*ms'), Apre: q('0.01'), Apost: q('-0.0105'), wmax: q('1*mV') };
      const inp = new NeuronGroup(2, 'dv/dt = rate : 1\nrate : Hz (constant)', { threshold: 'v > 1', reset: 'v = 0', method: 'euler', name: 'inp' });
      inp.setSI('rate', [150, 230]);
      const out = new NeuronGroup(1, 'dv/dt = -v/(10*ms) : volt', { threshold: 'v > 2*mV', reset: 'v = 0*mV', method: 'exact', name: 'out' });
      const S = new Synapses(inp, out, {
        model: 'w : volt\ndapre/dt = -apre/taupre : 1 (event-driven)\ndapost/dt = -apost/taupost : 1 (event-driven)',
        on_pre: 'v_post += w\napre += Apre\nw = clip(w + apost*wmax, 0*mV, wmax)',
        on_post: 'apost += Apost\nw = clip(w + apre*wmax, 0*mV, wmax)',
        namespace: ns,
        name: 'stdp',
      });
      S.connect();
      S.set('w', '0.8*mV');
      const mon = new StateMonitor(S, ['w', 'apre'], { record: true, name: 'wmon' });
      return new Network(inp, out, S, mon);
    };
    const original = build();
    await original.run('60*ms', { backend: 'js' });
    const json = plain(exportModel(original));
    const syn = (json as ModelJSON).runs[0]!.components.synapses![0]!;
    expect(syn.equations!.lastupdate).toEqual({ unit: { str: 's', value: 1, dim: 's' }, type: 'parameter', var_type: 'float' });
    expect(syn.pathways!.map((p) => [p.name, p.prepost])).toEqual([['stdp_pre', 'pre'], ['stdp_post', 'post']]);
    const imported = importModel(json);
    expect(plain(exportModel(imported.network))).toStrictEqual(json);
    await imported.run({ backend: 'js' });
    expect(monitorResults(imported.network)).toStrictEqual(monitorResults(original));
  });
});

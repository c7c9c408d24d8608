import { describe, expect, it } from 'vitest';
import { NeuronGroup, Network, PoissonGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, exportModel, importModel, toBrian2Script, toMarkdown, linkedVar, parseQuantity as q, seed } from '../../src/index.ts';

describe('assignments to subgroups in model descriptions', () => {
  it('are exported with the subgroup as source and imported with i counted within it', async () => {
    const G = new NeuronGroup(10, 'dx/dt = -x/(10*ms) : 1', { name: 'G' });
    G.subgroup(4, 8).set('x', 'i + 10*N');
    G.subgroup(0, 2).set('x', [5, 6]);
    const net = new Network(G);
    await net.run('1*ms', { backend: 'js' });
    const model = exportModel(net);
    const inits = model.runs[0]!.initializers_connectors!;
    expect(inits[0]).toMatchObject({ source: { group: 'G', start: 4, stop: 7 }, variable: 'x', index: 'True', value: 'i + 10*N' });
    expect(inits[1]).toMatchObject({ source: { group: 'G', start: 0, stop: 1 }, variable: 'x', index: true });
    expect(toBrian2Script(net)).toContain("G[4:8].x = 'i + 10*N'");
    const imported = importModel(JSON.parse(JSON.stringify(model)));
    await imported.run();
    const G2 = imported.objects.G as NeuronGroup;
    expect(Array.from(G2.getSI('x'))).toEqual(Array.from(G.getSI('x')));
    expect(G2.getSI('x')[4]).toBeCloseTo(40 * Math.exp(-0.1), 12);
  });
});

describe('run_regularly in model descriptions', () => {
  it('is exported in brian2tools format, imported, and rebuilt in scripts and Markdown', async () => {
    const G = new NeuronGroup(3, 'dv/dt = -v/tau : volt\nI : volt', { name: 'G', namespace: { tau: q('10*ms'), step: q('2*mV'), unused: q('1*mV') } });
    G.runRegularly('v += step', { dt: '1*ms' });
    G.runRegularly('I = v', { when: 'end', order: 2, name: 'copy' });
    const M = new StateMonitor(G, ['v', 'I'], { record: true, name: 'M' });
    const net = new Network(G, M);
    await net.run('5*ms', { backend: 'js' });
    const model = exportModel(net);
    const g = model.runs[0]!.components.neurongroup![0]!;
    expect(g.run_regularly).toEqual([
      { name: 'G_run_regularly', code: 'v += step', dt: { str: '1. ms', value: 0.001, dim: 's' }, when: 'start', order: 0 },
      { name: 'copy', code: 'I = v', dt: { str: '100. us', value: 0.0001, dim: 's' }, when: 'end', order: 2 },
    ]);
    expect(Object.keys(g.identifiers!)).toEqual(['tau', 'step']);
    const script = toBrian2Script(net);
    expect(script).toContain("G.run_regularly('v += step', dt=1.0*msecond, name='G_run_regularly')");
    expect(script).toContain("G.run_regularly('I = v', when='end', order=2, name='copy')");
    expect(toMarkdown(net)).toMatch(/Regular operations:\n\n- every 1\. ms: /);
    const imported = importModel(JSON.parse(JSON.stringify(model)));
    await imported.run();
    const M2 = imported.objects.M as StateMonitor;
    expect(Array.from(M2.get('v').trace(2))).toEqual(Array.from(M.get('v').trace(2)));
    expect(Array.from(M2.get('I').trace(2))).toEqual(Array.from(M.get('I').trace(2)));
    expect(M.get('v').trace(0)[10]).toBeCloseTo(2e-3 * Math.exp(-0.1) + 2e-3, 12);
  });
});

describe('run_regularly of Synapses in model descriptions', () => {
  it('round-trips and is written to scripts', async () => {
    const src = new SpikeGeneratorGroup(2, [0, 1, 0], [q('1*ms'), q('2*ms'), q('4*ms')], { name: 'src' });
    const tgt = new NeuronGroup(2, 'dv/dt = -v/(5*ms) : 1', { name: 'tgt', method: 'exact' });
    const S = new Synapses(src, tgt, { model: 'w : 1', on_pre: 'v_post += w', name: 'S', namespace: { growth: 1.3 } });
    S.connect();
    S.set('w', '0.1*(i+1) + 0.01*j');
    S.runRegularly('w = clip(w*growth, 0, 1)', { dt: '1.5*ms', when: 'before_synapses' });
    const M = new StateMonitor(tgt, 'v', { record: true, name: 'M' });
    const net = new Network(src, tgt, S, M);
    await net.run('6*ms', { backend: 'js' });
    const model = exportModel(net);
    const syn = model.runs[0]!.components.synapses![0]!;
    expect(syn.run_regularly).toEqual([{ name: 'S_run_regularly', code: 'w = clip(w*growth, 0, 1)', dt: { str: '1.5 ms', value: 0.0015, dim: 's' }, when: 'before_synapses', order: 0 }]);
    expect(syn.identifiers).toEqual({ growth: 1.3 });
    expect(toBrian2Script(net)).toContain("S.run_regularly('w = clip(w*growth, 0, 1)', dt=1.5*msecond, when='before_synapses', name='S_run_regularly')");
    expect(toMarkdown(net)).toContain('Regular operations:');
    const imported = importModel(JSON.parse(JSON.stringify(model)));
    await imported.run();
    expect(Array.from((imported.objects.M as StateMonitor).get('v').trace(1))).toEqual(Array.from(M.get('v').trace(1)));
  });
});

describe('linked variables in model descriptions', () => {
  it('are exported (a spikeforge addition), imported, and written to scripts and Markdown', async () => {
    const src = new NeuronGroup(3, 'dz/dt = (i + 1 - z)/(3*ms) : 1', { method: 'exact', name: 'src' });
    const G = new NeuronGroup(4, 'z_in : 1 (linked)\nfirst : 1 (linked)\ndw/dt = (z_in + first - w)/(4*ms) : 1', { method: 'euler', name: 'G' });
    G.set('z_in', linkedVar(src, 'z', { index: [2, 1, 0, 0] }));
    G.set('first', linkedVar(src.subgroup(1, 3), 'z', { index: [0, 0, 1, 1] }));
    const M = new StateMonitor(G, ['w', 'z_in'], { record: true, name: 'M' });
    const net = new Network(G, src, M);
    await net.run('3*ms', { backend: 'js' });
    const model = exportModel(net);
    const g = model.runs[0]!.components.neurongroup!.find((x) => x.name === 'G')!;
    expect(g.linked_variables).toEqual({ z_in: { source: 'src', variable: 'z', index: [2, 1, 0, 0] }, first: { source: { group: 'src', start: 1, stop: 2 }, variable: 'z', index: [0, 0, 1, 1] } });
    const script = toBrian2Script(net);
    expect(script).toContain("G.z_in = linked_var(src, 'z', index=np.array([2, 1, 0, 0], dtype=int))");
    expect(script).toContain("G.first = linked_var(src[1:3], 'z', index=np.array([0, 0, 1, 1], dtype=int))");
    expect(toMarkdown(net)).toContain('Linked variables:');
    const imported = importModel(JSON.parse(JSON.stringify(model)));
    await imported.run();
    const M2 = imported.objects.M as StateMonitor;
    for (const k of [0, 3]) expect(Array.from(M2.get('w').trace(k))).toEqual(Array.from(M.get('w').trace(k)));
    expect(exportModel(imported.network)).toEqual(model);
  });
});

describe('run_regularly of Poisson groups in model descriptions', () => {
  const build = () => {
    const P = new PoissonGroup(20, Array.from({ length: 20 }, () => q('50*Hz')), { name: 'P', namespace: { base: q('50*Hz'), depth: q('40*Hz'), period: q('20*ms') } });
    P.runRegularly('rates = base + depth*sin(2*pi*t/period)', { dt: '1*ms', name: 'modulate' });
    const M = new StateMonitor(P, 'rates', { record: [0], name: 'M' });
    const SM = new SpikeMonitor(P, { name: 'SM' });
    return { net: new Network(P, M, SM), M, SM };
  };

  it('is exported, imported (the same spikes for the same seed) and rebuilt in scripts and Markdown', async () => {
    seed(3);
    const { net, M, SM } = build();
    await net.run('10*ms', { backend: 'js' });
    // Modulated from the first millisecond on: 50 Hz + 40 Hz·sin(2π t / 20 ms).
    expect(M.get('rates').trace(0)[15]).toBeCloseTo(50 + 40 * Math.sin((2 * Math.PI * 1) / 20), 9);
    const model = exportModel(net);
    const P = model.runs[0]!.components.poissongroup![0]!;
    expect(P.run_regularly).toEqual([{ name: 'modulate', code: 'rates = base + depth*sin(2*pi*t/period)', dt: { str: '1. ms', value: 0.001, dim: 's' }, when: 'start', order: 0 }]);
    expect(Object.keys(P.identifiers!).sort()).toEqual(['base', 'depth', 'period']);
    expect(toBrian2Script(net)).toContain("P.run_regularly('rates = base + depth*sin(2*pi*t/period)', dt=1.0*msecond, name='modulate')");
    expect(toMarkdown(net)).toContain('Regular operations:');
    seed(3);
    const imported = importModel(JSON.parse(JSON.stringify(model)));
    await imported.run();
    expect(exportModel(imported.network)).toEqual(model);
    const SM2 = imported.objects.SM as SpikeMonitor;
    expect(Array.from(SM2.i)).toEqual(Array.from(SM.i));
    expect(SM.numSpikes).toBeGreaterThan(0);
  });
});

describe('variables recorded at each spike in model descriptions', () => {
  it('are exported as the monitor\'s variables, imported, scripted and described', async () => {
    const G = new NeuronGroup(3, 'dv/dt = (1.5 + 0.2*i - v)/(5*ms) : 1\nw : 1', { threshold: 'v > 1', reset: 'v = 0; w += 1', method: 'exact', name: 'G' });
    const M = new SpikeMonitor(G, { variables: ['v', 'w'], name: 'M' });
    const net = new Network(G, M);
    await net.run('20*ms', { backend: 'js' });
    expect(Array.from(M.get('w').values).slice(0, 6)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(M.values('w').get(2)!)).toEqual([0, 1, 2, 3, 4]);
    const model = exportModel(net);
    expect(model.runs[0]!.components.spikemonitor![0]!.variables).toEqual(['t', 'i', 'v', 'w']);
    expect(toBrian2Script(net)).toContain("M = SpikeMonitor(G, variables=['v', 'w'], name='M')");
    expect(toMarkdown(net)).toContain('with $v$, $w$ at each spike');
    const imported = importModel(JSON.parse(JSON.stringify(model)));
    await imported.run();
    expect(Array.from((imported.objects.M as SpikeMonitor).get('v').values)).toEqual(Array.from(M.get('v').values));
    const bad = JSON.parse(JSON.stringify(model));
    bad.runs[0].components.spikemonitor[0].variables = ['t', 'i', 'u'];
    expect(() => importModel(bad)).toThrow(/runs\[0\]\.components\.spikemonitor\[0\]\.variables\[2\].*no variable 'u'/);
    expect(() => new SpikeMonitor(G, { variables: ['v'], record: false })).toThrow(/recording variables needs record: true/);
  });
});

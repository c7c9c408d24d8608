import { describe, expect, it } from 'vitest';
import { NeuronGroup, Network, exportModel, importModel, toBrian2Script } from '../../src/index.ts';

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

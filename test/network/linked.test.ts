import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, linkedVar, parseQuantity as q } from '../../src/index.ts';

// Brian2 2.5.1's traces: tools/brian2/fixtures/make_linked_fixture.py
const brian2 = JSON.parse(readFileSync(new URL('../fixtures/assignment/linked.json', import.meta.url), 'utf8')) as Record<string, number[][]> & { spike_i: number[]; spike_t: number[] };

function build(zByVariable: boolean) {
  const src1 = new NeuronGroup(1, 'dx/dt = (1 - x)/(5*ms) : 1', { method: 'exact', name: 'src1' });
  const src4 = new NeuronGroup(4, 'dz/dt = (i + 1 - z)/(3*ms) : 1', { method: 'exact', name: 'src4' });
  const phases = new NeuronGroup(2, 'phase : 1\ndy/dt = cos(2*pi*50*Hz*t - phase)*50/second : 1', { method: 'euler', name: 'phases' });
  phases.set('phase', [0, Math.PI / 2]);
  const G = new NeuronGroup(6, `x_in : 1 (linked)
y_in : 1 (linked)
z_in : 1 (linked)
which : integer (constant)
dv/dt = (x_in + y_in - v)/(2*ms) : 1
dw/dt = (z_in - w)/(4*ms) : 1`, { threshold: 'v > 0.8 and x_in > 0.5', reset: 'v = 0', method: 'euler', name: 'G' });
  G.set('x_in', linkedVar(src1, 'x'));
  G.set('y_in', linkedVar(phases, 'y', { index: [0, 1, 1, 0, 1, 0] }));
  G.set('which', [3, 2, 1, 0, 0, 1]);
  G.set('z_in', zByVariable ? linkedVar(src4, 'z', { index: 'which' }) : linkedVar(src4, 'z', { index: [3, 2, 1, 0, 0, 1] }));
  const stim = new SpikeGeneratorGroup(1, [0, 0, 0], [q('2*ms'), q('5*ms'), q('9*ms')], { name: 'stim' });
  const S = new Synapses(stim, G, { on_pre: 'w_post += 0.1*(which_post + 1)', name: 'S' });
  S.connect();
  const M = new StateMonitor(G, ['v', 'w', 'x_in', 'y_in', 'z_in'], { record: true });
  const SM = new SpikeMonitor(G);
  return { G, src1, net: new Network(src1, src4, phases, G, stim, S, M, SM), M, SM, S };
}

describe.each(['wasm', 'js'] as const)('linked variables (%s)', (backend) => {
  it.each([false, true])('read another group one to one, one to all and through indices, as in Brian2 (index variable: %s)', async (byVariable) => {
    const { net, M, SM } = build(byVariable);
    await net.run('20*ms', { backend });
    for (const name of ['v', 'w', 'x_in', 'y_in', 'z_in']) {
      brian2[name]!.forEach((row, k) => {
        const trace = M.get(name).trace(k);
        expect(trace.length).toBe(row.length);
        row.forEach((x, n) => expect(trace[n]).toBeCloseTo(x, 12));
      });
    }
    expect(Array.from(SM.i)).toEqual(brian2.spike_i);
    expect(Array.from(SM.t.values, (t) => Math.round(t / 1e-4))).toEqual(brian2.spike_t.map((t) => Math.round(t / 1e-4)));
  });
});

describe('linked variables: host access and errors', () => {
  it('reads linked values on the host and in string expressions', async () => {
    const { G, src1, net } = build(false);
    await net.run('1*ms', { backend: 'js' });
    expect(Array.from(G.get('x_in').values)).toEqual(new Array(6).fill(src1.getSI('x')[0]));
    G.set('v', 'x_in*2');
    expect(G.getSI('v')[3]).toBe(2 * src1.getSI('x')[0]!);
  });

  it('says what is wrong, as Brian2 does', async () => {
    const A = new NeuronGroup(3, 'a : volt\nb : 1');
    const B = new NeuronGroup(2, 'l : volt (linked)\nm : 1\nk : integer');
    expect(() => B.set('m', linkedVar(A, 'b'))).toThrow(/has to be marked as a linked variable with '\(linked\)'/);
    expect(() => B.set('l', linkedVar(A, 'b'))).toThrow(/Unit of variable 'l' \(V\) does not match its link target 'b'/);
    expect(() => B.set('l', linkedVar(A, 'a'))).toThrow(/size of the target group does not match \(2 != 3\)/);
    expect(() => B.set('l', linkedVar(A, 'a', { index: [0, 3] }))).toThrow(/outside of the valid range \[0, 3\[/);
    expect(() => B.set('l', linkedVar(A, 'a', { index: [0] }))).toThrow(/length 2, but has length 1/);
    expect(() => B.set('l', linkedVar(A, 'nope'))).toThrow(/has no stored variable 'nope'/);
    expect(() => B.set('l', q('1*mV'))).toThrow(/Cannot set the linked variable 'l'.*linkedVar/);
    B.set('l', linkedVar(A.subgroup(1, 3), 'a'));
    A.set('a', '(i + 1)*mV');
    expect(Array.from(B.get('l').values)).toEqual([0.002, 0.003]);
    const unlinked = new NeuronGroup(2, 'l : volt (linked)');
    await expect(new Network(unlinked).run('1*ms', { backend: 'js' })).rejects.toThrow(/'l' has not been linked/);
    const writer = new NeuronGroup(2, 'l : volt (linked)\ndv/dt = -v/ms : volt', { threshold: 'v > l', reset: 'l = 0*mV' });
    writer.set('l', linkedVar(A.subgroup(0, 2), 'a'));
    await expect(new Network(A, writer).run('1*ms', { backend: 'js' })).rejects.toThrow(/Cannot write to 'l': it is linked/);
    B.set('k', [0, 5]);
    B.set('l', linkedVar(A, 'a', { index: 'k' }));
    await expect(new Network(A, B).run('1*ms', { backend: 'js' })).rejects.toThrow(/'k' of .* holds 5 for neuron 1, outside the valid range \[0, 3\[/);
  });

  it('is not visible to Synapses, as in Brian2', async () => {
    const A = new NeuronGroup(2, 'a : 1');
    const B = new NeuronGroup(2, 'l : 1 (linked)\ndv/dt = -v/ms : 1', { threshold: 'v > 1' });
    B.set('l', linkedVar(A, 'a'));
    const S = new Synapses(B, B, { on_pre: 'v_post += l_post' });
    S.connect({ i: [0], j: [1] });
    await expect(new Network(A, B, S).run('1*ms', { backend: 'js' })).rejects.toThrow(/l_post/);
  });
});

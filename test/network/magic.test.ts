import { beforeEach, describe, expect, it } from 'vitest';
import { Network, NeuronGroup, SpikeMonitor, StateMonitor, restore, run, startScope, store, magicNetwork } from '../../src/index.ts';

// Brian2's script style: run() without a Network, start_scope(), store()/restore().
describe('the magic network', () => {
  beforeEach(() => startScope());

  it('runs every object created since startScope(), and continues on the next run()', async () => {
    const G = new NeuronGroup(2, 'dv/dt = (1 - v)/(10*ms) : 1', { threshold: 'v > 0.5', reset: 'v = 0', method: 'exact' });
    const S = new SpikeMonitor(G);
    await run('10*ms', { backend: 'js' });
    expect(magicNetwork().t_).toBeCloseTo(0.01, 12);
    // 1 - exp(-t/10ms) passes 0.5 at 6.93 ms: in the step from 6.9 ms to 7 ms, which Brian2 records as 6.9 ms
    expect(Array.from(S.t.values, (t) => Math.round(t / 1e-4))).toEqual([69, 69]);
    await run('10*ms', { backend: 'js' });
    expect(magicNetwork().t_).toBeCloseTo(0.02, 12);
    expect(S.count[0]).toBe(2);
  });

  it('starts again at t = 0 after startScope() and leaves earlier objects out', async () => {
    const old = new NeuronGroup(1, 'dv/dt = 1/second : 1');
    await run('1*ms', { backend: 'js' });
    startScope();
    const G = new NeuronGroup(1, 'dv/dt = 1/second : 1');
    const M = new StateMonitor(G, 'v', { record: true });
    await run('1*ms', { backend: 'js' });
    expect(magicNetwork().members).toEqual([G, M]);
    expect(M.t.values.length).toBe(10);
    expect(old.getSI('v')[0]).toBeCloseTo(0.001, 12);
  });

  it('leaves objects that belong to a Network of their own alone', async () => {
    const mine = new NeuronGroup(1, 'dv/dt = 1/second : 1');
    const net = new Network(mine);
    const G = new NeuronGroup(1, 'dv/dt = 1/second : 1');
    await run('2*ms', { backend: 'js' });
    expect(mine.getSI('v')[0]).toBe(0);
    expect(G.getSI('v')[0]).toBeCloseTo(0.002, 12);
    expect(net.t_).toBe(0);
  });

  it('stores and restores like Brian2', async () => {
    const G = new NeuronGroup(1, 'dv/dt = 1/second : 1');
    store();
    await run('3*ms', { backend: 'js' });
    restore();
    expect(G.getSI('v')[0]).toBe(0);
    expect(magicNetwork().t_).toBe(0);
  });

  it('says so when there is nothing to run', async () => {
    await expect(run('1*ms')).rejects.toThrow(/found nothing to simulate/);
  });
});

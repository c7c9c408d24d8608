import { describe, expect, it } from 'vitest';
import { NeuronGroup, Network, PoissonGroup, PoissonInput, PopulationRateMonitor, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, TimedArray, parseQuantity as q, seed } from '../../src/index.ts';

describe('PoissonGroup', () => {
  it.each(['js', 'wasm'] as const)('fires at the requested rate (%s)', async (backend) => {
    seed(1);
    const P = new PoissonGroup(1000, q('20*Hz'));
    const spikes = new SpikeMonitor(P);
    const rate = new PopulationRateMonitor(P);
    await new Network(P, spikes, rate).run('1*second', { backend });
    // 20 Hz × 1000 neurons × 1 s: Poisson count with sd sqrt(20000) ≈ 141.
    expect(Math.abs(spikes.numSpikes - 20000)).toBeLessThan(5 * 141);
    const r = rate.rate.values;
    expect(r.length).toBe(10000);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    expect(mean).toBeCloseTo(spikes.numSpikes / 1000, 6);
  });

  it('takes rate expressions per neuron and time', async () => {
    seed(2);
    const P = new PoissonGroup(100, 'i*1*Hz');
    const spikes = new SpikeMonitor(P);
    await new Network(P, spikes).run('2*second', { backend: 'js' });
    const counts = spikes.count;
    // Neuron i fires at i Hz: counts grow with i.
    const low = counts.slice(0, 20).reduce((a, b) => a + b, 0);
    const high = counts.slice(80).reduce((a, b) => a + b, 0);
    expect(high).toBeGreaterThan(low * 5);
  });
});

describe('PoissonInput', () => {
  it('adds N·rate·dt·weight per step on average', async () => {
    seed(3);
    const G = new NeuronGroup(200, 'v : volt');
    const input = new PoissonInput(G, 'v', 100, q('10*Hz'), '0.1*mV');
    await new Network(G, input).run('100*ms', { backend: 'js' });
    // Expected total: 100 inputs × 10 Hz × 0.1 s × 0.1 mV = 10 mV per neuron, variance 10·1e-2 mV².
    const v = G.get('v').values;
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean).toBeGreaterThan(9.5e-3);
    expect(mean).toBeLessThan(10.5e-3);
  });
});

describe('SpikeGeneratorGroup', () => {
  it.each(['js', 'wasm'] as const)('emits spikes in the step containing their time, and repeats with a period (%s)', async (backend) => {
    const gen = new SpikeGeneratorGroup(3, [0, 1, 2, 0], [0.0, 0.0003, 0.0011, 0.002], { period: '5*ms' });
    const spikes = new SpikeMonitor(gen);
    await new Network(gen, spikes).run('12*ms', { backend });
    const steps = Array.from(spikes.t.values, (t) => Math.round(t / 1e-4));
    // 120 steps (0 … 119): the third repetition's last spike (step 120) falls after the run.
    expect(Array.from(spikes.i)).toEqual([0, 1, 2, 0, 0, 1, 2, 0, 0, 1, 2]);
    expect(steps).toEqual([0, 3, 11, 20, 50, 53, 61, 70, 100, 103, 111]);
  });

  it('drives synapses', async () => {
    const gen = new SpikeGeneratorGroup(2, [0, 1], [0.001, 0.002]);
    const G = new NeuronGroup(1, 'v : volt');
    const S = new Synapses(gen, G, { model: 'w : volt', on_pre: 'v_post += w', delay: '0.5*ms' });
    S.connect({ i: [0, 1], j: [0, 0] });
    S.set('w', [q('1*mV'), q('2*mV')]);
    const mon = new StateMonitor(G, 'v', { record: true });
    await new Network(gen, G, S, mon).run('4*ms', { backend: 'js' });
    const v = mon.get('v').trace(0);
    expect(v[15]).toBe(0);
    expect(v[16]).toBeCloseTo(0.001, 15);
    expect(v[26]).toBeCloseTo(0.003, 15);
  });
});

describe('noise', () => {
  it.each(['euler', 'milstein', 'heun'] as const)('an Ornstein-Uhlenbeck process has the right stationary variance (%s)', async (method) => {
    seed(4);
    const G = new NeuronGroup(2000, 'dv/dt = -v/tau + sigma*sqrt(2/tau)*xi : 1', { method, namespace: { tau: q('10*ms'), sigma: 0.5 } });
    await new Network(G).run('100*ms', { backend: 'js' });
    const v = G.get('v').values;
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
    // Stationary variance sigma² = 0.25 (the start at 0 has decayed by e^-20 in the mean part).
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.25 * 0.9);
    expect(variance).toBeLessThan(0.25 * 1.1);
  });

  it('is reproducible with seed() and identical across backends', async () => {
    const run = async (backend: 'js' | 'wasm'): Promise<Float64Array> => {
      seed(5);
      const G = new NeuronGroup(10, 'dv/dt = -v/tau + xi/sqrt(tau) : 1', { method: 'euler', namespace: { tau: q('10*ms') } });
      await new Network(G).run('10*ms', { backend });
      return G.get('v').values;
    };
    const a = await run('js');
    const b = await run('js');
    const c = await run('wasm');
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
  });
});

describe('assigning variables', () => {
  it('broadcasts a quantity string to every neuron, evaluates expressions per neuron', () => {
    const G = new NeuronGroup(4, 'v : volt\nI : amp');
    G.set('v', '-60*mV');
    expect(Array.from(G.get('v').values)).toEqual([-0.06, -0.06, -0.06, -0.06]);
    G.set('I', '0.5*nA + i*1*nA/N');
    expect(Array.from(G.get('I').values).map((x) => +x.toPrecision(12))).toEqual([5e-10, 7.5e-10, 1e-9, 1.25e-9]);
    expect(() => G.set('v', '3*nA')).toThrow(/units/);
    expect(() => G.set('v', 'i*nA')).toThrow(/unit/);
  });
});

describe('subgroups', () => {
  it('connect, monitor and count within their range, numbered from 0', async () => {
    const gen = new SpikeGeneratorGroup(4, [0, 1, 2, 3], [0.001, 0.002, 0.003, 0.004]);
    const G = new NeuronGroup(6, 'v : volt');
    const S = new Synapses(gen.subgroup(2, 4), G.subgroup(3, 6), { model: 'w : volt', on_pre: 'v_post += w' });
    S.connect({ i: [0, 1], j: [2, 0] });
    S.set('w', '(i + 1)*mV + j*0.1*mV');
    expect(Array.from(S.get('i').values)).toEqual([0, 1]);
    expect(Array.from(S.get('j').values)).toEqual([2, 0]);
    const spikes = new SpikeMonitor(gen.subgroup(1, 3));
    const rate = new PopulationRateMonitor(gen.subgroup(0, 2));
    await new Network(gen, G, S, spikes, rate).run('5*ms', { backend: 'js' });
    expect(Array.from(G.get('v').values).map((x) => +(x * 1e3).toFixed(9))).toEqual([0, 0, 0, 2, 0, 1.2]);
    expect(Array.from(spikes.i)).toEqual([0, 1]);
    expect(Array.from(spikes.count)).toEqual([1, 1]);
    const r = rate.rate.values;
    expect(r[10]).toBeCloseTo(1 / 1e-4 / 2, 6);
    expect(r[30]).toBe(0);
    expect(() => S.connect({ i: [2], j: [0] })).toThrow(/outside the source|out of range/);
  });
});

describe('SpikeMonitor with a list of indices', () => {
  it('records only those neurons but counts all', async () => {
    const gen = new SpikeGeneratorGroup(4, [0, 1, 2, 3, 1], [0.001, 0.001, 0.002, 0.002, 0.003]);
    const mon = new SpikeMonitor(gen, { record: [1, 3] });
    await new Network(gen, mon).run('5*ms', { backend: 'js' });
    expect(Array.from(mon.i)).toEqual([1, 3, 1]);
    expect(Array.from(mon.count)).toEqual([1, 2, 1, 1]);
  });
});

describe('TimedArray', () => {
  it('needs a positive, finite dt', () => {
    expect(() => new TimedArray([1, 2], { dt: '0*ms' })).toThrow(/dt must be a positive, finite duration, got 0 s/);
    expect(() => new TimedArray([1, 2], { dt: '-1*ms' })).toThrow(/dt must be a positive/);
    expect(new TimedArray([1, 2], { dt: '1*ms' }).dt).toBe(1e-3);
  });
});

describe('PoissonGroup rates', () => {
  it('must be finite and ≥ 0 Hz when given as values', () => {
    expect(() => new PoissonGroup(3, q('-5*Hz'))).toThrow(/rates must be finite and ≥ 0 Hz, got -5 Hz for neuron 0/);
    expect(() => new PoissonGroup(2, [q('5*Hz'), q('-1*Hz')])).toThrow(/got -1 Hz for neuron 1/);
    expect(new PoissonGroup(2, q('0*Hz')).getSI('rates')).toEqual(new Float64Array([0, 0]));
  });
});

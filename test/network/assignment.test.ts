import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Network, NeuronGroup, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses, parseQuantity as q } from '../../src/index.ts';

// Brian2 2.5.1's answers: tools/brian2/fixtures/make_assignment_fixture.py
const brian2 = JSON.parse(readFileSync(new URL('../fixtures/assignment/conditional-write.json', import.meta.url), 'utf8')) as Record<string, (number | boolean)[]>;

const close = (actual: ArrayLike<number>, expected: (number | boolean)[]): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, k) => expect(actual[k]).toBeCloseTo(Number(x), 12));
};

describe.each(['wasm', 'js'] as const)('assignments between runs (%s)', (backend) => {
  it('writes code only to non-refractory neurons of (unless refractory) variables, and counts i from 0 in subgroups', async () => {
    const G = new NeuronGroup(6, 'dv/dt = (I - v)/(10*ms) : volt (unless refractory)\nI : volt\nw : volt', {
      threshold: 'v > 10*mV', reset: 'v = 0*mV', refractory: '5*ms', method: 'exact',
    });
    G.set('I', '20*mV + i*2*mV');
    G.set('v', 'i*2*mV');
    await new Network(G).run('3*ms', { backend });
    close(G.getSI('not_refractory'), brian2.not_refractory!);
    G.set('v', 'v + 1*mV');
    G.set('w', 'i*mV');
    G.subgroup(2, 5).set('v', '100*mV*i + 3*mV');
    G.subgroup(1, 3).set('I', q('7*mV'));
    close(G.getSI('v'), brian2.v!);
    close(G.getSI('w'), brian2.w!);
    close(G.getSI('I'), brian2.I!);
    close(G.subgroup(2, 5).get('v').values, brian2.vsub!);
  });
});

describe('subgroup assignment', () => {
  it('takes N as the subgroup size and rejects arrays of the wrong length', () => {
    const G = new NeuronGroup(10, 'x : 1');
    G.subgroup(4, 8).set('x', 'i + 10*N');
    expect(Array.from(G.getSI('x'))).toEqual([0, 0, 0, 0, 40, 41, 42, 43, 0, 0]);
    expect(() => G.subgroup(4, 8).set('x', [1, 2, 3])).toThrow(/3 values .* \[4:8\], which has 4/);
    G.subgroup(0, 2).set('x', [5, 6]);
    expect(Array.from(G.subgroup(0, 3).get('x').values)).toEqual([5, 6, 0]);
  });
});

// tools/brian2/fixtures/make_run_regularly_fixture.py
const regular = JSON.parse(readFileSync(new URL('../fixtures/assignment/run-regularly.json', import.meta.url), 'utf8')) as {
  v: number[][];
  I: number[][];
  count: number[][];
  spike_i: number[];
  spike_t: number[];
  syn_w: number[][];
  syn_v: number[][];
};

describe.each(['wasm', 'js'] as const)('run_regularly (%s)', (backend) => {
  it('runs on its own clock and slot, and keeps out of refractory neurons, as in Brian2', async () => {
    const G = new NeuronGroup(4, 'dv/dt = (I - v)/(10*ms) : volt (unless refractory)\nI : volt\ncount : 1', {
      threshold: 'v > 15*mV', reset: 'v = 0*mV', refractory: '2*ms', method: 'exact',
    });
    G.set('I', '12*mV + i*3*mV');
    G.runRegularly('v += 1.5*mV\ncount += 1', { dt: '0.7*ms' });
    G.runRegularly('I = I * 0.99', { when: 'end' });
    const M = new StateMonitor(G, ['v', 'I', 'count'], { record: true });
    const S = new SpikeMonitor(G);
    await new Network(G, M, S).run('12*ms', { backend });
    for (const name of ['v', 'I', 'count'] as const) {
      const expected = regular[name];
      for (let n = 0; n < 4; n++) {
        const trace = M.get(name).trace(n);
        expect(trace.length).toBe(expected.length === 4 ? expected[n]!.length : expected.length);
        trace.forEach((x, k) => expect(x).toBeCloseTo(expected[n]![k]!, 12));
      }
    }
    expect(Array.from(S.i)).toEqual(regular.spike_i);
    expect(Array.from(S.t.values, (t) => Math.round(t / 1e-4))).toEqual(regular.spike_t.map((t) => Math.round(t / 1e-4)));
  });

  it('updates synaptic variables of Synapses that on_pre then reads, as in Brian2', async () => {
    const src = new SpikeGeneratorGroup(2, [0, 1, 0, 1, 0], [1, 2, 4, 5.5, 7.3].map((ms) => q(`${ms}*ms`)));
    const tgt = new NeuronGroup(3, 'dv/dt = -v/(5*ms) : 1', { method: 'exact' });
    const S = new Synapses(src, tgt, { model: 'w : 1', on_pre: 'v_post += w' });
    S.connect();
    S.set('w', '0.1*(i+1) + 0.01*j');
    S.runRegularly('w = clip(w*1.3 - 0.02*j, 0, 1)', { dt: '1.5*ms', when: 'before_synapses' });
    const MS = new StateMonitor(S, 'w', { record: true });
    const MT = new StateMonitor(tgt, 'v', { record: true });
    await new Network(src, tgt, S, MS, MT).run('10*ms', { backend });
    regular.syn_w.forEach((row, k) => MS.get('w').trace(k).forEach((x, n) => expect(x).toBeCloseTo(row[n]!, 13)));
    regular.syn_v.forEach((row, k) => MT.get('v').trace(k).forEach((x, n) => expect(x).toBeCloseTo(row[n]!, 13)));
    S.runRegularly('v_post = 0'); // accepted here, refused when a run is prepared:
    await expect(new Network(src, tgt, S).run('1*ms', { backend })).rejects.toThrow(/can only write synaptic variables; 'v_post'/);
  });

  it('names operations like Brian2 and rejects bad code early', () => {
    const G = new NeuronGroup(2, 'x : 1', { name: 'grp' });
    expect(G.runRegularly('x += 1').name).toBe('grp_run_regularly');
    expect(G.runRegularly('x += 2').name).toBe('grp_run_regularly_1');
    expect(() => G.runRegularly('x += ')).toThrow(/run_regularly code/);
  });
});

describe('assigning shared variables', () => {
  // Brian2 2.5.1: "Cannot write to scalar variable 'x' with an expression referring to vector variable 'i'".
  it('rejects expressions with per-element values, naming both, as Brian2 does', () => {
    const G = new NeuronGroup(3, 'x : 1 (shared)\nv : 1', { name: 'G' });
    expect(() => G.set('x', 'i*2')).toThrow(/Cannot write to scalar variable 'x' with an expression referring to vector variable 'i'/);
    expect(() => G.set('x', '1 + v')).toThrow(/referring to vector variable 'v'[\s\S]*column 5/);
    const H = new NeuronGroup(3, 'v : 1', { threshold: 'True', reset: '' });
    const S = new Synapses(H, H, { on_pre: 'v += 1', delay: '1*ms' });
    S.connect();
    expect(() => S.set('delay', '1*ms + j*0.5*ms')).toThrow(/scalar variable 'delay' with an expression referring to vector variable 'j'/);
    expect(() => S.set('delay', 'v_pre*ms')).toThrow(/vector variable 'v_pre'/);
  });

  it('accepts scalar expressions: N, t, random numbers, shared variables', () => {
    const G = new NeuronGroup(3, 'x : 1 (shared)\ny : 1 (shared)\nv : 1', { name: 'G' });
    G.set('y', '2');
    G.set('x', 'N*y + t/ms');
    expect(Array.from(G.getSI('x'))).toEqual([6]);
    G.set('x', 'rand()');
    expect(G.getSI('x')[0]).toBeGreaterThanOrEqual(0);
    expect(G.getSI('x')[0]).toBeLessThan(1);
  });
});

describe('run_regularly writing shared variables', () => {
  // Brian2 2.5.1 (the stateupdate template allows scalar writes): the messages are Brian2's.
  const group = () => new NeuronGroup(3, 'x : 1 (shared)\nv : 1', { name: 'G' });
  const run = (code: string) => {
    const G = group();
    G.runRegularly(code);
    return new Network(G).run('0.3*ms', { backend: 'js' }).then(() => G);
  };

  it('runs the shared statements once per call, then the rest for each neuron', async () => {
    const G = await run('x += 1\nhalf = x/2\nv = v + half*(i + 1)');
    expect(Array.from(G.getSI('x'))).toEqual([3]);
    // After the k-th call x = k and v grows by k/2·(i + 1): 0.5 + 1 + 1.5 = 3 per (i + 1).
    expect(Array.from(G.getSI('v'))).toEqual([3, 6, 9]);
  });

  it('rejects shared writes after per-element ones and shared values from per-element ones', async () => {
    await expect(run('v = 1\nx = 2')).rejects.toThrow(/All writes to scalar variables in a code block have to be made before writes to vector variables. Illegal write to 'x'/);
    await expect(run('x = v')).rejects.toThrow(/Cannot write to scalar variable 'x' with an expression referring to vector variable 'v'/);
    await expect(run('r = rand()\nx = r')).rejects.toThrow(/Illegal write to 'x'/);
    await expect(run('t = 1*ms')).rejects.toThrow(/Writing to scalar variable t not allowed/);
  });

  it('is still refused in resets, as in Brian2', async () => {
    const G = new NeuronGroup(3, 'x : 1 (shared)\ndv/dt = 1/ms : 1', { threshold: 'v > 1', reset: 'x = 1', name: 'G' });
    await expect(new Network(G).run('0.1*ms', { backend: 'js' })).rejects.toThrow(/Writing to scalar variable x not allowed in this context/);
  });
});

describe('shared values carried into the per-neuron part of run_regularly', () => {
  it('are refused when a later shared write changes what they read', async () => {
    const G = new NeuronGroup(3, 'x : 1 (shared)\nv : 1', { name: 'G' });
    G.runRegularly('x = 1\nh = x*2\nx = 5\nv = h');
    await expect(new Network(G).run('0.1*ms', { backend: 'js' })).rejects.toThrow(/The shared value 'h' is used for each element after 'x', which it reads, has been changed/);
  });
});

describe('names ending in _pre or _post', () => {
  // Brian2 2.5.1: "'x_pre' cannot be used as a variable name, the '_pre' and '_post' suffixes are used to refer to pre- and post-synaptic variables in synapses."
  it('are refused in groups and synapses (summed targets aside), naming the line', async () => {
    const A = new NeuronGroup(2, 'v : 1\nx_pre : 1', { name: 'A' });
    await expect(new Network(A).run('0.1*ms', { backend: 'js' })).rejects.toThrow(/'x_pre' cannot be used as a variable name[\s\S]*line 2, column 1/);
    const G = new NeuronGroup(2, 'v : 1', { name: 'G' });
    const S = new Synapses(G, G, { model: 'w : 1\nlast_post : second', name: 'S' });
    S.connect();
    await expect(new Network(G, S).run('0.1*ms', { backend: 'js' })).rejects.toThrow(/'last_post' cannot be used as a variable name/);
    const H = new NeuronGroup(2, 'v : 1', { name: 'H' });
    const T = new Synapses(H, H, { model: 'w : 1\nv_post = w : 1 (summed)', name: 'T' });
    T.connect();
    await new Network(H, T).run('0.1*ms', { backend: 'js' });
  });
});

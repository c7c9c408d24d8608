import { describe, expect, it } from 'vitest';
import { getStepCurrent } from '../../src/neurodynex/inputFactory.ts';
import * as neurons from '../../src/neurodynex/neuronType.ts';
import { NeuronTypeOne, NeuronTypeTwo, neurontypeRandomReassignment, plotData } from '../../src/neurodynex/neuronType.ts';
import { getFICurve, getSpikeStats } from '../../src/neurodynex/spikeTools.ts';
import { of } from '../../src/neurodynex/quantities.ts';
import { maxDeviation, neurodynexReference, sharedReference } from './references.ts';

interface Probe {
  type: 'Type I' | 'Type II';
  amplitude_pA: number;
  nr_of_spikes: number;
  spike_times: number[];
  /** null where Brian2 gave NaN (fewer than two spikes). */
  spike_rate: number | null;
}
const { probes, quiz } = neurodynexReference<{ probes: Probe[]; quiz: { seed: number; NeuronX: string; NeuronY: string }[] }>('neuron_type');

const step = () => getStepCurrent(50, 150, '1*ms', '0.5*pA');

describe('neuron types against Brian2', () => {
  it.each([
    ['Type I', NeuronTypeOne, 'neurodynex_typeI_step0p5pA'],
    ['Type II', NeuronTypeTwo, 'neurodynex_typeII_step0p5pA'],
  ] as const)('%s: getting started traces (0.5 pA, 50–150 ms, 200 ms)', async (type, Neuron, fixture) => {
    const ref = sharedReference(fixture);
    const neuron = new Neuron({ backend: 'js' });
    expect(neuron.getNeuronType()).toBe(type);
    const mon = await neuron.run(step(), '200*ms');
    expect(mon.t.values.length).toBe(2000);
    for (const v of ['v', 'w', 'I']) {
      // Euler, 2000 steps: equal to the last bits (tanh and cosh differ by an ulp between libraries).
      expect(maxDeviation(mon.get(v).trace(0), ref.expected.step_indices, ref.expected.traces[v]![0]!)).toBeLessThan(1e-15);
    }
  });

  it('runs again from the initial state, with a new current', async () => {
    const neuron = new NeuronTypeOne({ backend: 'js' });
    const first = (await neuron.run(step(), '200*ms')).get('v').trace(0);
    await neuron.run(getStepCurrent(10, 30, '1*ms', '2*pA'), '50*ms');
    const again = await neuron.run(step(), '200*ms');
    expect(again.get('v').trace(0)).toEqual(first);
    expect(again.t.values[0]).toBe(0);
    // A new current is new data for the same kernel, not a new kernel.
    expect(neuron.net.lastCompile?.cached).toBe(true);
  });

  it.each(probes.map((p) => [p.type, p.amplitude_pA, p] as const))('%s at %f pA: spike_tools.get_spike_stats as in Brian2', async (_type, amp, p) => {
    const neuron = p.type === 'Type I' ? new NeuronTypeOne({ backend: 'js' }) : new NeuronTypeTwo({ backend: 'js' });
    const stats = getSpikeStats(await neuron.run(getStepCurrent(100, 1100, '1*ms', of(amp, 'pA')), '1200*ms'), '0*mV');
    expect(stats.nrOfSpikes).toBe(p.nr_of_spikes);
    expect(Array.from(stats.spikeTimes).map((t) => Math.round(t * 1e4))).toEqual(p.spike_times.map((t) => Math.round(t * 1e4)));
    if (p.spike_rate === null) expect(stats.spikeRate).toBeNaN();
    else expect(stats.spikeRate).toBeCloseTo(p.spike_rate, 9);
  });

  it('f–I curve: zero below threshold, the Brian2 rates above', async () => {
    const curve = await getFICurve(new NeuronTypeOne({ backend: 'js' }), ['0.1*pA', '0.5*pA', '1*pA']);
    const ref = probes.filter((p) => p.type === 'Type I');
    expect(curve.rates[0]).toBe(0);
    expect(curve.rates[1]).toBeCloseTo(ref.find((p) => p.amplitude_pA === 0.5)!.spike_rate!, 9);
    expect(curve.rates[2]).toBeCloseTo(ref.find((p) => p.amplitude_pA === 1)!.spike_rate!, 9);
  });
});

describe('the NeuronX/NeuronY quiz', () => {
  it('hides the types as neurodynex3 does after random.seed(seed)', () => {
    for (const { seed, NeuronX, NeuronY } of quiz) {
      const hidden = neurontypeRandomReassignment(seed);
      expect([new hidden.NeuronX().getNeuronType(), new hidden.NeuronY().getNeuronType()]).toEqual([NeuronX, NeuronY]);
      // The module's exports follow, as the Python module attributes do.
      expect(new neurons.NeuronX().getNeuronType()).toBe(NeuronX);
    }
  });

  it('does not give the answer away by name or class', () => {
    const { NeuronX, NeuronY } = neurontypeRandomReassignment(1);
    expect(NeuronX.name).toBe('NeuronX');
    expect(NeuronY.name).toBe('NeuronY');
    const x = new NeuronX();
    expect(x instanceof NeuronTypeOne || x instanceof NeuronTypeTwo).toBe(false);
    expect(x).toBeInstanceOf(neurons.NeuronAbstract);
  });

  it('is shuffled on load and by unseeded calls', () => {
    const seen = new Set<string>();
    for (let k = 0; k < 40; k++) seen.add(new (neurontypeRandomReassignment().NeuronX)().getNeuronType());
    expect(seen.size).toBe(2);
  });
});

describe('plotData', () => {
  it('stacks v, w and I over t with units', async () => {
    const mon = await new NeuronTypeTwo({ backend: 'js' }).run(step(), '200*ms');
    const fig = plotData(mon, { title: 'Neuron of Type X' });
    const spec = JSON.stringify(fig.spec);
    for (const label of ['v [mV]', 'w [mV]', 'I [pA]', 't [ms]', 'Neuron of Type X']) expect(spec).toContain(label);
    expect((fig.spec as { vconcat: unknown[] }).vconcat).toHaveLength(3);
  });
});

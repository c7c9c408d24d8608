import { describe, expect, it } from 'vitest';
import { getSinusoidalCurrent, getStepCurrent } from '../../src/neurodynex/inputFactory.ts';
import { defaultParametersText, getRandomParamSet, obfuscatedParametersText, simulateLIFNeuron, simulateRandomNeuron } from '../../src/neurodynex/leakyIntegrateAndFire.ts';
import { maxDeviation, neurodynexReference, sharedReference, type SampledTrace } from './references.ts';
import type { TimedArray } from '../../src/index.ts';

interface Run {
  name: string;
  spikes: { count: number; t: number[] };
  v: SampledTrace;
}
const ref = neurodynexReference<{
  runs: Run[];
  random_param_sets: { seed: number; obfuscated: number[]; true: number[]; probe_spikes: { count: number; t: number[] } }[];
}>('lif');

const steps = (t: ArrayLike<number>) => Array.from(t, (s) => Math.round(s / 1e-4));

const calls: Record<string, () => [TimedArray, string]> = {
  test_pulse: () => [getStepCurrent(0, 9, '0.1*ms', '0.02*uA'), '1.1*ms'],
  getting_started_step: () => [getStepCurrent(100, 200, '1*ms', '1.2*nA'), '300*ms'],
  getting_started_sine: () => [getSinusoidalCurrent(500, 1500, '0.1*ms', '2.5*nA', '150*Hz', '2*nA'), '200*ms'],
};

describe('LIF.simulate_LIF_neuron against Brian2', () => {
  it.each(ref.runs.map((r) => [r.name, r] as const))('%s', async (name, run) => {
    const [current, simulationTime] = calls[name]!();
    const { stateMonitor, spikeMonitor } = await simulateLIFNeuron(current, { simulationTime, backend: 'js' });
    expect(spikeMonitor.numSpikes).toBe(run.spikes.count);
    expect(steps(spikeMonitor.t.values)).toEqual(steps(run.spikes.t));
    expect(maxDeviation(stateMonitor.get('v').trace(0), run.v.step_indices, run.v.values)).toBeLessThan(1e-15);
  });

  it('a short strong pulse makes it spike (neurodynex3 test_LIF)', async () => {
    const { spikeMonitor } = await simulateLIFNeuron(getStepCurrent(0, 9, '0.1*ms', '0.02*uA'), { simulationTime: '1.1*ms', backend: 'js' });
    expect(spikeMonitor.count[0]).toBeGreaterThan(0);
  });

  it('matches the shared fixture (2.5 nA, 10–110 ms): traces and 7 spikes', async () => {
    const fx = sharedReference('neurodynex_LIF_step2p5nA');
    const { stateMonitor, spikeMonitor } = await simulateLIFNeuron(getStepCurrent(10, 110, '1*ms', '2.5*nA'), { simulationTime: '150*ms', backend: 'js' });
    expect(Array.from(steps(spikeMonitor.t.values))).toEqual(fx.expected.spikes!.t_step);
    expect(maxDeviation(stateMonitor.get('v').trace(0), fx.expected.step_indices, fx.expected.traces.v![0]!)).toBeLessThan(1e-15);
  });
});

describe('the LIF quiz', () => {
  it.each(ref.random_param_sets.map((r) => [r.seed, r] as const))('seed %i: the parameters and spikes of neurodynex3', async (seed, set) => {
    const params = getRandomParamSet(seed);
    expect(params.map((p) => p.value)).toEqual(set.obfuscated);
    const { spikeMonitor } = await simulateRandomNeuron(getStepCurrent(5, 45, '1*ms', '10*nA'), params, { backend: 'js' });
    expect(steps(spikeMonitor.t.values)).toEqual(steps(set.probe_spikes.t));
  });

  it('prints parameters as neurodynex3 does', () => {
    expect(defaultParametersText()).toBe(
      ['Resting potential: -70. mV', 'Reset voltage: -65. mV', 'Firing threshold: -50. mV', 'Membrane resistance: 10. Mohm', 'Membrane time-scale: 8. ms', 'Absolute refractory period: 2. ms'].join('\n'),
    );
    expect(obfuscatedParametersText(getRandomParamSet(0)).split('\n')[0]).toBe('Resting potential: -63. mV');
  });

  it('draws different neurons without a seed', () => {
    const draws = new Set(Array.from({ length: 10 }, () => getRandomParamSet().map((p) => p.value).join()));
    expect(draws.size).toBeGreaterThan(1);
  });
});

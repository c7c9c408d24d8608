import { describe, expect, it } from 'vitest';
import { simulateExponentialIFNeuron } from '../../src/neurodynex/exponentialIntegrateAndFire.ts';
import { getStepCurrent } from '../../src/neurodynex/inputFactory.ts';
import { maxDeviation, neurodynexReference, type SampledTrace } from './references.ts';

interface Run {
  name: string;
  spikes: { count: number; t: number[] };
  v: SampledTrace;
}
const { runs, dt } = neurodynexReference<{ runs: Run[]; dt: number }>('exp_if');
const steps = (t: ArrayLike<number>) => Array.from(t, (s) => Math.round(s / dt));

describe('exp_IF.simulate_exponential_IF_neuron against Brian2 (dt 0.05 ms)', () => {
  it('getting started: 0.8 nA from 20 to 120 ms', async () => {
    const ref = runs.find((r) => r.name === 'getting_started')!;
    const { stateMonitor, spikeMonitor } = await simulateExponentialIFNeuron({ IStim: getStepCurrent(20, 120, '1*ms', '0.8*nA'), simulationTime: '180*ms', backend: 'js' });
    expect(stateMonitor.t.values[1]).toBeCloseTo(5e-5, 15);
    expect(spikeMonitor.numSpikes).toBe(ref.spikes.count);
    expect(steps(spikeMonitor.t.values)).toEqual(steps(ref.spikes.t));
    // Euler through exp(): a few ulps per step, amplified near each spike.
    expect(maxDeviation(stateMonitor.get('v').trace(0), ref.v.step_indices, ref.v.values)).toBeLessThan(1e-12);
  });

  it('a strong pulse gives exactly one spike (neurodynex3 test_exponential_IF)', async () => {
    const { spikeMonitor } = await simulateExponentialIFNeuron({ IStim: getStepCurrent(0, 2, '1*ms', '8.5*nA'), simulationTime: '2.5*ms', backend: 'js' });
    expect(spikeMonitor.count[0]).toBe(1);
    expect(steps(spikeMonitor.t.values)).toEqual(steps(runs.find((r) => r.name === 'test_pulse')!.spikes.t));
  });

  it('stays at rest without input', async () => {
    const { stateMonitor, spikeMonitor } = await simulateExponentialIFNeuron({ simulationTime: '20*ms', backend: 'js' });
    expect(spikeMonitor.numSpikes).toBe(0);
    expect(Math.max(...stateMonitor.get('v').trace(0))).toBeLessThan(-0.0649);
  });
});

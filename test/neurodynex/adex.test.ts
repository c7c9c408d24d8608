import { describe, expect, it } from 'vitest';
import { FIRING_PATTERNS, plotAdexState, simulateAdExNeuron, type FiringPattern } from '../../src/neurodynex/adex.ts';
import { getStepCurrent } from '../../src/neurodynex/inputFactory.ts';
import { maxDeviation, neurodynexReference, sharedReference, type SampledTrace } from './references.ts';

interface Run {
  name: string;
  params: Record<string, number>;
  spikes: { count: number; t: number[] };
  v: SampledTrace;
  w: SampledTrace;
}
const { runs, dt } = neurodynexReference<{ runs: Run[]; dt: number }>('adex');
const steps = (t: ArrayLike<number>) => Array.from(t, (s) => Math.round(s / dt));
const PYTHON_NAMES: Record<string, FiringPattern> = { initial_burst: 'initialBurst' };
const current = () => getStepCurrent(10, 200, '1*ms', '65*pA');

describe('AdEx.simulate_AdEx_neuron against Brian2 (dt 0.01 ms)', () => {
  it('getting started (65 pA, 10–200 ms): 9 spikes at the steps of the shared fixture', async () => {
    const fx = sharedReference('neurodynex_AdEx_step65pA');
    const { stateMonitor, spikeMonitor } = await simulateAdExNeuron({ IStim: current(), simulationTime: '300*ms', backend: 'js' });
    expect(spikeMonitor.count[0]).toBe(9);
    expect(steps(spikeMonitor.t.values)).toEqual(fx.expected.spikes!.t_step);
    expect(maxDeviation(stateMonitor.get('v').trace(0), fx.expected.step_indices, fx.expected.traces.v![0]!)).toBeLessThan(1e-12);
    expect(maxDeviation(stateMonitor.get('w').trace(0), fx.expected.step_indices, fx.expected.traces.w![0]!)).toBeLessThan(1e-21);
  });

  it('a 1 ms pulse of 0.5 nA gives exactly two spikes (neurodynex3 test_AdEx)', async () => {
    const fx = sharedReference('neurodynex_AdEx_test_pulse');
    const { spikeMonitor } = await simulateAdExNeuron({ IStim: getStepCurrent(0, 0, '1*ms', '0.5*nA'), simulationTime: '1.5*ms', backend: 'js' });
    expect(spikeMonitor.count[0]).toBe(2);
    expect(steps(spikeMonitor.t.values)).toEqual(fx.expected.spikes!.t_step);
  });

  it.each(runs.map((r) => [r.name, r] as const))('firing pattern %s of Table 6.1', async (name, run) => {
    const pattern = PYTHON_NAMES[name] ?? (name as FiringPattern);
    const params = FIRING_PATTERNS[pattern];
    expect([params.tauM.value, params.a.value, params.tauW.value, params.b.value, params.vReset.value]).toEqual([
      run.params.tau_m,
      run.params.a,
      run.params.tau_w,
      run.params.b,
      run.params.v_reset,
    ]);
    const { stateMonitor, spikeMonitor } = await simulateAdExNeuron({ ...params, IStim: current(), simulationTime: '300*ms', backend: 'js' });
    expect(steps(spikeMonitor.t.values)).toEqual(steps(run.spikes.t));
    expect(maxDeviation(stateMonitor.get('v').trace(0), run.v.step_indices, run.v.values)).toBeLessThan(1e-12);
    expect(maxDeviation(stateMonitor.get('w').trace(0), run.w.step_indices, run.w.values)).toBeLessThan(1e-21);
  });

  it('plots u(t), w(t) and the phase plane', async () => {
    const { stateMonitor } = await simulateAdExNeuron({ IStim: current(), simulationTime: '50*ms', backend: 'js' });
    const spec = JSON.stringify(plotAdexState(stateMonitor).spec);
    for (const label of ['Membrane potential', 'Phase plane representation', 'Adaptation current', 'u [mV]', 'w [pA]', 't [ms]']) expect(spec).toContain(label);
  });
});

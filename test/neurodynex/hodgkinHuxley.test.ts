import { describe, expect, it } from 'vitest';
import { plotData, simulateHHNeuron } from '../../src/neurodynex/hodgkinHuxley.ts';
import { getStepCurrent } from '../../src/neurodynex/inputFactory.ts';
import { maxDeviation, neurodynexReference, sharedReference } from './references.ts';

describe('HH.simulate_HH_neuron against Brian2 (exponential Euler, dt 0.1 ms)', () => {
  it('a strong step exceeds 50 mV (neurodynex3 test_HH), as in Brian2', async () => {
    const ref = neurodynexReference<{ test_pulse: { vm: number[]; max_vm: number } }>('hh').test_pulse;
    const monitor = await simulateHHNeuron(getStepCurrent(0, 1, '1*ms', '100*uA'), '1*ms', { backend: 'js' });
    const vm = monitor.get('vm').trace(0);
    expect(Math.max(...vm)).toBeGreaterThan(0.05);
    expect(Math.abs(Math.max(...vm) - ref.max_vm)).toBeLessThan(1e-12);
  });

  it('getting started (7.2 µA, 10–45 ms): every recorded variable', async () => {
    const fx = sharedReference('neurodynex_HH_step7p2uA');
    const monitor = await simulateHHNeuron(getStepCurrent(10, 45, '1*ms', '7.2*uA'), '70*ms', { backend: 'js' });
    const tolerance: Record<string, number> = { vm: 1e-12, m: 1e-10, n: 1e-10, h: 1e-10, I_e: 0 };
    for (const [v, tol] of Object.entries(tolerance)) {
      expect(maxDeviation(monitor.get(v).trace(0), fx.expected.step_indices, fx.expected.traces[v]![0]!)).toBeLessThanOrEqual(tol);
    }
    const spec = JSON.stringify(plotData(monitor).spec);
    for (const label of ['v [mV]', 'act./inact.', 'I [µA]', '"m"', '"n"', '"h"']) expect(spec).toContain(label);
  });
});

import { describe, expect, it } from 'vitest';
import {
  currentTrace,
  getNoisyCurrent,
  getRampCurrent,
  getSinusoidalCurrent,
  getSpikesCurrent,
  getStepCurrent,
  getZeroCurrent,
} from '../../src/neurodynex/inputFactory.ts';
import { maxRelativeDeviation, neurodynexReference } from './references.ts';
import type { TimedArray } from '../../src/index.ts';

interface Case {
  fn: 'step' | 'ramp' | 'sinusoidal' | 'zero' | 'spikes' | 'noisy';
  args: Record<string, unknown>;
  dt: number;
  shape: [number, number];
  values: number[][];
}

const { cases } = neurodynexReference<{ cases: Case[] }>('input_factory');

/** The TypeScript call that corresponds to a Python call of the reference file. */
function make(c: Case): TimedArray {
  const a = c.args as Record<string, never>;
  switch (c.fn) {
    case 'step':
      return getStepCurrent(a.t_start, a.t_end, a.unit_time, a.amplitude, a.append_zero ?? true);
    case 'ramp':
      return getRampCurrent(a.t_start, a.t_end, a.unit_time, a.amplitude_start, a.amplitude_end, a.append_zero ?? true);
    case 'sinusoidal':
      return getSinusoidalCurrent(a.t_start, a.t_end, a.unit_time, a.amplitude, a.frequency, a.direct_current, a.phase_offset ?? 0, a.append_zero ?? true);
    case 'zero':
      return getZeroCurrent();
    case 'spikes':
      return getSpikesCurrent(a.t_spikes, a.unit_time, a.amplitude, a.append_zero ?? true);
    case 'noisy':
      return getNoisyCurrent(a.t_start, a.t_end, a.unit_time, a.mean, a.sigma, { seed: a.seed });
  }
}

describe('input factory against neurodynex3', () => {
  it.each(cases.map((c) => [`${c.fn}(${JSON.stringify(c.args)})`, c] as const))('%s', (_, c) => {
    const ta = make(c);
    expect([ta.rows, ta.columns]).toEqual(c.shape);
    expect(ta.dt).toBeCloseTo(c.dt, 15);
    const expected = c.values.flat();
    if (c.fn === 'sinusoidal' || c.fn === 'noisy') {
      // sin and log come from different math libraries: agreement to the last bits, not bit for bit.
      expect(maxRelativeDeviation(ta.values, expected)).toBeLessThan(1e-15);
    } else {
      expect(Array.from(ta.values)).toEqual(expected);
    }
  });

  it('has the sizes of the Python functions', () => {
    const step = getStepCurrent(10, 110, '1*ms', '2.5*nA');
    expect(step.rows).toBe(112);
    expect(step.values[9]).toBe(0);
    expect(step.values[10]).toBeCloseTo(2.5e-9, 20);
    expect(step.values[110]).toBeCloseTo(2.5e-9, 20);
    expect(step.values[111]).toBe(0);
    expect(getStepCurrent(10, 110, '1*ms', '2.5*nA', false).rows).toBe(111);
  });

  it('checks units and step numbers', () => {
    expect(() => getStepCurrent(1, 5, '1*ms', '2*mV')).toThrow(/amplitude must have the dimension of amp/);
    expect(() => getStepCurrent(1.5, 5, '1*ms', '2*nA')).toThrow(/whole number/);
    expect(() => getSinusoidalCurrent(0, 5, '1*ms', '1*nA', '5*ms', '0*nA')).toThrow(/frequency/);
  });

  it('reads back as a simulation reads it', () => {
    const step = getStepCurrent(2, 3, '1*ms', '1*nA');
    // 1.9999999 ms is step 2 (Brian2 rounds to 1/128 of a sample first), 1.99 ms is still step 1.
    const t = [0, 1.99e-3, 1.9999999e-3, 3.9e-3, 4e-3, 1];
    expect(Array.from(currentTrace(step, t, 1e-4))).toEqual([0, 0, 1e-9, 1e-9, 0, 0]);
  });

  it('draws a new noisy current without a seed', () => {
    const a = getNoisyCurrent(0, 50, '1*ms', '1*nA', '0.1*nA').values;
    const b = getNoisyCurrent(0, 50, '1*ms', '1*nA', '0.1*nA').values;
    expect(a).not.toEqual(b);
  });
});

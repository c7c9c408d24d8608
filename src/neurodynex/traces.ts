/**
 * Recorded data in the units the plots show: times in ms, variables in a
 * unit of choice, and where a recording's time axis should end.
 */
import type { StateMonitor } from '../index.ts';
import { unitOf } from './quantities.ts';

/** The monitor's sample times in ms. */
export function timesMs(monitor: StateMonitor): Float64Array {
  return monitor.t.values.map((s) => s * 1e3);
}

/** The end of the recorded run: one sample interval after the last sample (the run's duration). */
export function endOf(t: ArrayLike<number>): number {
  const n = t.length;
  if (n === 0) return 1;
  if (n === 1) return t[0]! + 1;
  // Rounded to 12 digits: 2·299.9 - 299.8 should be 300, so that the axis gets its last tick.
  return Number((2 * t[n - 1]! - t[n - 2]!).toPrecision(12));
}

/** The k-th recorded trace of `variable`, in `unit` (e.g. 'mV'). */
export function traceIn(monitor: StateMonitor, variable: string, unit: string, k = 0): Float64Array {
  const scale = unitOf(unit).scale;
  return monitor.get(variable).trace(k).map((x) => x / scale);
}

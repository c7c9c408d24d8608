/**
 * Input currents for the exercises (neurodynex3.tools.input_factory): 2-D
 * TimedArrays of shape (time steps, 1) in amps, sampled every `unitTime`,
 * with the same sizes and values as the Python functions. Times are whole
 * numbers of `unitTime`; by default a trailing 0 A sample is appended, since
 * a TimedArray holds its last value for all later times.
 */
import { TimedArray } from '../index.ts';
import { COLORS, lineFigure, type Figure, type Series } from '../plot/index.ts';
import { MersenneTwister } from './mt19937.ts';
import { displayUnit, quantity, unitOf, type QuantityInput } from './quantities.ts';

const AMP = unitOf('amp').dim;

function checkSteps(what: string, ...steps: number[]): void {
  for (const s of steps) {
    if (!Number.isInteger(s) || s < 0) throw new TypeError(`${what} must be a whole number ≥ 0 of unit_time steps, got ${s}`);
  }
}

/** A zero column of `1 + tEnd (+1)` samples, as all these currents start. */
function zeros(tEnd: number, appendZero: boolean): Float64Array {
  return new Float64Array(tEnd + 1 + (appendZero ? 1 : 0));
}

function timedArray(values: Float64Array, unitTime: QuantityInput): TimedArray {
  const dt = quantity(unitTime, 'second', 'unit_time');
  return new TimedArray(Array.from(values, (v) => [v]), { dt, unit: AMP });
}

/**
 * A step: `amplitude` at samples tStart..tEnd (inclusive), 0 elsewhere.
 * get_step_current(10, 110, '1*ms', '2.5*nA') has 112 samples.
 */
export function getStepCurrent(tStart: number, tEnd: number, unitTime: QuantityInput, amplitude: QuantityInput, appendZero = true): TimedArray {
  checkSteps('t_start and t_end', tStart, tEnd);
  const amp = quantity(amplitude, 'amp', 'amplitude').value;
  const values = zeros(tEnd, appendZero);
  values.fill(amp, tStart, tEnd + 1);
  return timedArray(values, unitTime);
}

/** A linear ramp from `amplitudeStart` at tStart to `amplitudeEnd` at tEnd; all zero if tEnd ≤ tStart. */
export function getRampCurrent(
  tStart: number,
  tEnd: number,
  unitTime: QuantityInput,
  amplitudeStart: QuantityInput,
  amplitudeEnd: QuantityInput,
  appendZero = true,
): TimedArray {
  checkSteps('t_start and t_end', tStart, tEnd);
  const start = quantity(amplitudeStart, 'amp', 'amplitude_start').value;
  const end = quantity(amplitudeEnd, 'amp', 'amplitude_end').value;
  const values = zeros(tEnd, appendZero);
  if (tEnd > tStart) {
    const slope = (end - start) / (tEnd - tStart);
    for (let k = 0; k <= tEnd - tStart; k++) values[tStart + k] = start + k * slope;
  }
  return timedArray(values, unitTime);
}

/**
 * `directCurrent + amplitude·sin(2π·f·k·unitTime + phaseOffset)` for the k-th
 * sample after tStart, up to tEnd; all zero if tEnd ≤ tStart.
 */
export function getSinusoidalCurrent(
  tStart: number,
  tEnd: number,
  unitTime: QuantityInput,
  amplitude: QuantityInput,
  frequency: QuantityInput,
  directCurrent: QuantityInput,
  phaseOffset = 0,
  appendZero = true,
): TimedArray {
  checkSteps('t_start and t_end', tStart, tEnd);
  const amp = quantity(amplitude, 'amp', 'amplitude').value;
  const dc = quantity(directCurrent, 'amp', 'direct_current').value;
  const f = quantity(frequency, 'Hz', 'frequency').value;
  const dt = quantity(unitTime, 'second', 'unit_time').value;
  const values = zeros(tEnd, appendZero);
  if (tEnd > tStart) {
    // The operations in neurodynex3's order, so the samples agree to the last bit.
    for (let k = 0; k <= tEnd - tStart; k++) values[tStart + k] = dc + Math.sin(k * dt * f * 2 * Math.PI + phaseOffset) * amp;
  }
  return timedArray(values, unitTime);
}

/** A single sample of 0 A: no input at any time. */
export function getZeroCurrent(): TimedArray {
  return getStepCurrent(0, 0, '1*ms', '0*amp', false);
}

/**
 * One column per spike time: column i is 0 except `amplitude` at sample
 * tSpikes[i] (pulses into separate locations, e.g. of a cable).
 */
export function getSpikesCurrent(tSpikes: readonly number[], unitTime: QuantityInput, amplitude: QuantityInput, appendZero = true): TimedArray {
  if (tSpikes.length === 0) throw new RangeError('t_spikes must list at least one spike time');
  checkSteps('t_spikes', ...tSpikes);
  const amp = quantity(amplitude, 'amp', 'amplitude').value;
  const rows = Math.max(...tSpikes) + 1 + (appendZero ? 1 : 0);
  const values = Array.from({ length: rows }, () => new Array<number>(tSpikes.length).fill(0));
  tSpikes.forEach((t, i) => (values[t]![i] = amp));
  const dt = quantity(unitTime, 'second', 'unit_time');
  return new TimedArray(values, { dt, unit: AMP });
}

/**
 * A noisy step (a spikeforge addition; neurodynex3 has none): at samples
 * tStart..tEnd, `mean + sigma·ξ` with ξ standard normal, independent per
 * sample. With a seed the samples are those of
 * `numpy.random.RandomState(seed).normal(mean, sigma, tEnd - tStart + 1)`.
 */
export function getNoisyCurrent(
  tStart: number,
  tEnd: number,
  unitTime: QuantityInput,
  mean: QuantityInput,
  sigma: QuantityInput,
  options: { seed?: number; appendZero?: boolean } = {},
): TimedArray {
  checkSteps('t_start and t_end', tStart, tEnd);
  const mu = quantity(mean, 'amp', 'mean').value;
  const sd = quantity(sigma, 'amp', 'sigma').value;
  const rng = MersenneTwister.numpy(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const values = zeros(tEnd, options.appendZero ?? true);
  for (let k = tStart; k <= tEnd; k++) values[k] = mu + sd * rng.standardNormal();
  return timedArray(values, unitTime);
}

/**
 * Column `column` of `current` at each of `times` (seconds), as a simulation
 * with time step `dt` reads it (Brian2 2.5.1's lookup, robust to rounding),
 * holding the last sample after the end.
 */
export function currentTrace(current: TimedArray, times: ArrayLike<number>, dt: number, column = 0): Float64Array {
  const values = current.values;
  const K = current.lookupK(dt);
  const eps = current.dt / K;
  const out = new Float64Array(times.length);
  for (let k = 0; k < times.length; k++) {
    const row = Math.min(Math.max(Math.floor(Math.round(times[k]! / eps) / K), 0), current.rows - 1);
    out[k] = values[row * current.columns + column]!;
  }
  return out;
}

/** Column 0 of `current` against the sample index, in `unit` (the input_factory example plots). */
function samplesFigure(current: TimedArray, call: string, unit: string, markers: boolean): Figure {
  const scale = unitOf(unit).scale;
  const values = current.values;
  const y = Array.from({ length: current.rows }, (_, k) => values[k * current.columns]! / scale);
  const x = y.map((_, k) => k);
  const series: Series = markers ? { kind: 'points', x, y, color: COLORS.red, size: 60 } : { x, y, width: 2.5 };
  return lineFigure({ title: call.split('(')[0]!, subtitle: call, x: { title: 'index' }, y: { title: 'value', unit: displayUnit(unit) }, series: [series] });
}

/** The step example of input_factory: every sample as a dot. */
export function plotStepCurrentExample(): Figure {
  return samplesFigure(getStepCurrent(10, 30, '1*ms', '5*uA', false), "getStepCurrent(10, 30, '1*ms', '5*uA', false)", 'uA', true);
}

/** The ramp example of input_factory. */
export function plotRampCurrentExample(): Figure {
  return samplesFigure(getRampCurrent(10, 25, '1*ms', '20*uA', '50*uA', true), "getRampCurrent(10, 25, '1*ms', '20*uA', '50*uA', true)", 'uA', false);
}

/** The sinusoidal example of input_factory. */
export function plotSinusoidalCurrentExample(): Figure {
  const current = getSinusoidalCurrent(100, 1100, '1*us', '2*uA', '1.5*kHz', '1.5*uA', Math.PI / 6, false);
  return samplesFigure(current, "getSinusoidalCurrent(100, 1100, '1*us', '2*uA', '1.5*kHz', '1.5*uA', π/6, false)", 'uA', false);
}

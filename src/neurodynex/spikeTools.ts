/**
 * Spike-train analysis (neurodynex3.tools.spike_tools): spike detection in a
 * voltage trace, inter-spike intervals, CV and firing rates, population
 * statistics, population activity, power spectra of single spike trains and
 * of population activity, and f–I curves. Times are in seconds, rates in Hz.
 */
import type { SpikeMonitor, StateMonitor, TimedArray } from '../index.ts';
import { powerSpectrum, fftFrequencies } from './fft.ts';
import { getStepCurrent } from './inputFactory.ts';
import { MersenneTwister } from './mt19937.ts';
import { of, si, type QuantityInput } from './quantities.ts';

/** Spike times (seconds) per neuron, as SpikeMonitor.spikeTrains() returns them. */
export type SpikeTrains = ReadonlyMap<number, Float64Array>;

// ------------------------------------------------------------ single traces

/**
 * Spike times in a recorded voltage: the times t[k] at which v[k] is above
 * `spikeThreshold` and v[k-1] is not (crossings from below). Uses the first
 * recorded neuron of `variable` (default 'v').
 */
export function getSpikeTime(voltageMonitor: StateMonitor, spikeThreshold: QuantityInput, variable = 'v'): Float64Array {
  const th = si(spikeThreshold, 'volt', 'spike_threshold');
  const v = voltageMonitor.get(variable).trace(0);
  const t = voltageMonitor.t.values;
  const times: number[] = [];
  for (let k = 1; k < v.length; k++) if (v[k]! > th && !(v[k - 1]! > th)) times.push(t[k]!);
  return Float64Array.from(times);
}

/** Differences of consecutive spike times. */
export function interSpikeIntervals(spikeTimes: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: Math.max(0, spikeTimes.length - 1) }, (_, k) => spikeTimes[k + 1]! - spikeTimes[k]!);
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k]!;
  return x.length === 0 ? NaN : s / x.length;
}

/** Population variance (numpy's default, ddof = 0). */
export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let k = 0; k < x.length; k++) s += (x[k]! - m) ** 2;
  return x.length === 0 ? NaN : s / x.length;
}

/** Coefficient of variation std/mean of intervals; NaN without a positive mean. */
export function coefficientOfVariation(isi: ArrayLike<number>): number {
  const m = mean(isi);
  return m > 0 ? Math.sqrt(variance(isi)) / m : NaN;
}

/** Spikes per second in [tMin, tMax). */
export function firingRate(spikeTimes: ArrayLike<number>, tMin: number, tMax: number): number {
  let n = 0;
  for (let k = 0; k < spikeTimes.length; k++) if (spikeTimes[k]! >= tMin && spikeTimes[k]! < tMax) n++;
  return n / (tMax - tMin);
}

export interface SpikeStats {
  nrOfSpikes: number;
  /** Seconds. */
  spikeTimes: Float64Array;
  /** Seconds. */
  isi: Float64Array;
  /** Seconds; NaN with fewer than two spikes. */
  meanIsi: number;
  /** 1/meanIsi in Hz; NaN with fewer than two spikes. */
  spikeRate: number;
  /** Seconds²; NaN with fewer than two spikes. */
  varIsi: number;
}

/** Spike times (see getSpikeTime), their intervals, mean interval, its inverse (the rate) and variance. */
export function getSpikeStats(voltageMonitor: StateMonitor, spikeThreshold: QuantityInput): SpikeStats {
  const spikeTimes = getSpikeTime(voltageMonitor, spikeThreshold);
  const isi = interSpikeIntervals(spikeTimes);
  const enough = spikeTimes.length >= 2;
  const meanIsi = enough ? mean(isi) : NaN;
  return { nrOfSpikes: spikeTimes.length, spikeTimes, isi, meanIsi, spikeRate: enough ? 1 / meanIsi : NaN, varIsi: enough ? variance(isi) : NaN };
}

/** The summary neurodynex3's pretty_print_spike_train_stats prints, with Brian2-style units. */
export function formatSpikeStats(stats: SpikeStats): string {
  const list = (x: Float64Array) => (stats.nrOfSpikes > 20 ? 'too many values' : `[${Array.from(x, (v) => of(v, 'second').toString()).join(', ')}]`);
  return [
    `nr of spikes: ${stats.nrOfSpikes}`,
    `mean ISI: ${of(stats.meanIsi, 'second').toString()}`,
    `ISI variance: ${of(stats.varIsi, 'second').mul(of(1, 'second')).toString()}`,
    `spike freq: ${of(stats.spikeRate, 'Hz').toString()}`,
    `spike times: ${list(stats.spikeTimes)}`,
    `ISI: ${list(stats.isi)}`,
  ].join('\n');
}

// ------------------------------------------------------------ populations

/**
 * A copy of `trains` with only the spikes in [windowTMin, windowTMax) (no
 * upper bound if windowTMax is undefined), optionally only for the neurons `idxSubset`.
 */
export function filterSpikeTrains(trains: SpikeTrains, windowTMin: QuantityInput = '0*ms', windowTMax?: QuantityInput, idxSubset?: Iterable<number>): Map<number, Float64Array> {
  const lo = si(windowTMin, 'second', 'window_t_min');
  const hi = windowTMax === undefined ? Infinity : si(windowTMax, 'second', 'window_t_max');
  const out = new Map<number, Float64Array>();
  for (const i of idxSubset ?? trains.keys()) {
    const train = trains.get(i);
    if (!train) throw new RangeError(`There is no spike train for neuron ${i}`);
    out.set(i, train.filter((t) => t >= lo && t < hi));
  }
  return out;
}

/** Statistics of a population's spike trains (neurodynex3's PopulationSpikeStats). */
export class PopulationSpikeStats {
  constructor(
    readonly nrNeurons: number,
    /** All spikes the monitor recorded (not only those in the window). */
    readonly nrSpikes: number,
    /** Every inter-spike interval of every neuron, in seconds, in no particular order. */
    readonly allISI: Float64Array,
    /** The spike trains restricted to the window the statistics are about. */
    readonly filteredSpikeTrains: ReadonlyMap<number, Float64Array>,
  ) {}

  get meanIsi(): number {
    return mean(this.allISI);
  }
  get stdIsi(): number {
    return Math.sqrt(variance(this.allISI));
  }
  /** Coefficient of variation of the intervals. */
  get CV(): number {
    return coefficientOfVariation(this.allISI);
  }
}

/** What the population statistics need of a SpikeMonitor. */
export type SpikeTrainSource = Pick<SpikeMonitor, 'spikeTrains' | 'numSpikes'>;

/** Interval statistics of all neurons' spikes within [windowTMin, windowTMax). */
export function getSpikeTrainStats(spikeMonitor: SpikeTrainSource, windowTMin: QuantityInput = '0*ms', windowTMax?: QuantityInput): PopulationSpikeStats {
  const filtered = filterSpikeTrains(spikeMonitor.spikeTrains(), windowTMin, windowTMax);
  const all: number[] = [];
  for (const train of filtered.values()) all.push(...interSpikeIntervals(train));
  return new PopulationSpikeStats(filtered.size, spikeMonitor.numSpikes, Float64Array.from(all), filtered);
}

/**
 * The population activity A(t): spikes per time bin `dt` divided by N·dt
 * (Brian2's PopulationRateMonitor, from recorded spikes); bin k holds the
 * spikes at steps round(t/dt) = k.
 */
export function populationActivity(spikeTimes: ArrayLike<number>, N: number, dt: number, duration: number): Float64Array {
  const bins = Math.round(duration / dt);
  const rate = new Float64Array(bins);
  for (let k = 0; k < spikeTimes.length; k++) {
    const b = Math.round(spikeTimes[k]! / dt);
    if (b >= 0 && b < bins) rate[b]! += 1 / (N * dt);
  }
  return rate;
}

/**
 * Brian2's smooth_rate: the rate convolved with a normalised flat window
 * (2·⌊width/2/dt⌋ + 1 bins) or Gaussian (σ = width, cut at ±2σ), same
 * length as the input (numpy.convolve mode 'same').
 */
export function smoothRate(rate: ArrayLike<number>, dt: number, window: 'flat' | 'gaussian', width: QuantityInput): Float64Array {
  const w = si(width, 'second', 'width');
  let kernel: number[];
  if (window === 'flat') {
    kernel = new Array<number>(Math.trunc(w / 2 / dt) * 2 + 1).fill(1);
  } else {
    const half = roundHalfEven((2 * w) / dt);
    kernel = Array.from({ length: 2 * half + 1 }, (_, k) => Math.exp(-((k - half) ** 2) / (2 * (w / dt) ** 2)));
  }
  const total = kernel.reduce((a, b) => a + b, 0);
  const n = rate.length;
  const m = kernel.length;
  const outLen = Math.max(n, m);
  const start = Math.floor((n + m - 1 - outLen) / 2);
  const out = new Float64Array(outLen);
  for (let o = 0; o < outLen; o++) {
    const full = o + start;
    let s = 0;
    for (let j = Math.max(0, full - n + 1); j <= Math.min(m - 1, full); j++) s += rate[full - j]! * (kernel[j]! / total);
    out[o] = s;
  }
  return out;
}

/** numpy.round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ------------------------------------------------------------ power spectra

export interface SingleNeuronPowerSpectrum {
  /** Hz, the non-negative half of the DFT frequencies. */
  freq: Float64Array;
  /** Power averaged over the sampled neurons. */
  meanPs: Float64Array;
  /** Power of each sampled neuron. */
  allPs: Map<number, Float64Array>;
  /** Hz, over the sampled neurons and the window. */
  meanFiringRate: number;
  /** Hz, per sampled neuron. */
  meanFiringFreqsPerNeuron: Map<number, number>;
}

/**
 * Power spectra of single neurons' spike trains in [windowTMin, windowTMax),
 * averaged over at most `nrNeuronsAverage` neurons (a random sample beyond
 * that; `seed` makes it reproducible). Each train is binned at
 * `samplingFrequency` into a 0/1 vector scaled by 1/ms, and its power is
 * |FFT|²·Δt/n, exactly as neurodynex3 computes it.
 */
export function getAveragedSingleNeuronPowerSpectrum(
  spikeTrains: SpikeTrains,
  samplingFrequency: QuantityInput,
  windowTMin: QuantityInput,
  windowTMax: QuantityInput,
  options: { nrNeuronsAverage?: number; subtractMean?: boolean; seed?: number } = {},
): SingleNeuronPowerSpectrum {
  const tMin = si(windowTMin, 'second', 'window_t_min');
  const tMax = si(windowTMax, 'second', 'window_t_max');
  const dt = 1 / si(samplingFrequency, 'Hz', 'sampling_frequency');
  const window = tMax - tMin;
  const neurons = sampleNeurons([...spikeTrains.keys()], options.nrNeuronsAverage ?? 100, options.seed);
  const trains = filterSpikeTrains(spikeTrains, windowTMin, windowTMax, neurons);
  const length = 1 + Math.ceil(window / dt); // +1: room for rounding, as in neurodynex3
  const half = Math.floor(length / 2);
  const meanPs = new Float64Array(half);
  const allPs = new Map<number, Float64Array>();
  const rates = new Map<number, number>();
  let spikeCount = 0;
  for (const i of neurons) {
    const train = trains.get(i)!;
    const data = new Float64Array(length);
    for (const t of train) data[Math.floor((t - tMin) / dt)] = 1 / 1e-3;
    if (options.subtractMean) {
      const m = mean(data);
      for (let k = 0; k < length; k++) data[k]! -= m;
    }
    const ps = powerSpectrum(data).subarray(0, half).map((p) => (p * dt) / length);
    allPs.set(i, ps);
    for (let k = 0; k < half; k++) meanPs[k]! += ps[k]! / neurons.length;
    rates.set(i, train.length / window);
    spikeCount += train.length;
  }
  return { freq: fftFrequencies(length, dt).subarray(0, half), meanPs, allPs, meanFiringRate: spikeCount / neurons.length / window, meanFiringFreqsPerNeuron: rates };
}

function sampleNeurons(all: number[], count: number, seed?: number): number[] {
  if (all.length <= count) return all;
  const rng = MersenneTwister.numpy(seed ?? Math.floor(Math.random() * 2 ** 32));
  const idx = [...all];
  for (let k = idx.length - 1; k > 0; k--) {
    const j = Math.floor(rng.random() * (k + 1));
    [idx[k], idx[j]] = [idx[j]!, idx[k]!];
  }
  return idx.slice(0, count);
}

/** A recorded population rate: values in Hz sampled every `dt` seconds. */
export interface RateRecording {
  readonly rate: ArrayLike<number>;
  readonly dt: number;
}

/** What the power spectrum needs of Brian2's PopulationRateMonitor. */
export interface RateMonitorLike {
  readonly rate: { readonly values: Float64Array };
  readonly clock: { readonly dt_: number };
}

function asRecording(r: RateRecording | RateMonitorLike): RateRecording {
  return 'clock' in r ? { rate: r.rate.values, dt: r.clock.dt_ } : r;
}

export interface PopulationPowerSpectrum {
  /** Hz */
  freqs: Float64Array;
  ps: Float64Array;
  /** Hz, the mean of A(t) over the analysed samples. */
  averagePopulationRate: number;
}

/**
 * Power spectrum of the population activity A(t) with frequency resolution
 * `deltaF`: after dropping the first `TInit`, A(t) is cut into
 * `kRepetitions` pieces of 1/deltaF each, whose spectra are averaged.
 */
export function getPopulationActivityPowerSpectrum(
  rateMonitor: RateRecording | RateMonitorLike,
  deltaF: QuantityInput,
  kRepetitions: number,
  options: { TInit?: QuantityInput; subtractMeanActivity?: boolean } = {},
): PopulationPowerSpectrum {
  const { rate, dt } = asRecording(rateMonitor);
  const df = si(deltaF, 'Hz', 'delta_f');
  const fMax = 1 / (2 * dt);
  const nSignal = Math.trunc((2 * fMax) / df);
  const nInit = Math.trunc(si(options.TInit ?? '100*ms', 'second', 'T_init') / dt);
  const nRequired = kRepetitions * nSignal + nInit;
  if (rate.length < nRequired) {
    throw new RangeError(`Inconsistent parameters. k_repetitions require ${nRequired} samples. The rate contains ${rate.length} samples.`);
  }
  const data = Float64Array.from({ length: kRepetitions * nSignal }, (_, k) => rate[nInit + k]!);
  const average = mean(data);
  if (options.subtractMeanActivity) for (let k = 0; k < data.length; k++) data[k]! -= average;
  const half = Math.floor(nSignal / 2);
  const ps = new Float64Array(half);
  for (let r = 0; r < kRepetitions; r++) {
    const p = powerSpectrum(data.subarray(r * nSignal, (r + 1) * nSignal));
    for (let k = 0; k < half; k++) ps[k]! += p[k]! / kRepetitions;
  }
  for (let k = 0; k < half; k++) ps[k] = (ps[k]! * dt) / nSignal;
  return { freqs: fftFrequencies(nSignal, dt).subarray(0, half), ps, averagePopulationRate: average };
}

// ------------------------------------------------------------ f–I curves

/** A neuron model that can be driven by a current (the neuron-type classes). */
export interface CurrentDriven {
  run(inputCurrent: TimedArray, simtime: QuantityInput): Promise<StateMonitor>;
}

/** The firing rate (1/mean ISI, Hz) of `neuron` driven by `inputCurrent`; NaN if it spikes less than twice. */
export async function getFiringRate(neuron: CurrentDriven, inputCurrent: TimedArray, simtime: QuantityInput, spikeThreshold: QuantityInput = '0*mV'): Promise<number> {
  return getSpikeStats(await neuron.run(inputCurrent, simtime), spikeThreshold).spikeRate;
}

export interface FICurve {
  /** Amps. */
  amplitudes: Float64Array;
  /** Hz: 1/mean ISI, 0 where the neuron does not fire repetitively. */
  rates: Float64Array;
  spikeCounts: Int32Array;
}

/**
 * The f–I curve the neuron-type exercise asks for: for each amplitude a step
 * from `tStart` lasting `duration` (in ms; default 100 and 1000 ms), the
 * rate from the mean inter-spike interval of the spikes above `spikeThreshold`.
 */
export async function getFICurve(
  neuron: CurrentDriven,
  amplitudes: readonly QuantityInput[],
  options: { tStart?: number; duration?: number; spikeThreshold?: QuantityInput; onProgress?: (done: number, total: number) => void } = {},
): Promise<FICurve> {
  const tStart = options.tStart ?? 100;
  const tEnd = tStart + (options.duration ?? 1000);
  const n = amplitudes.length;
  const curve: FICurve = { amplitudes: new Float64Array(n), rates: new Float64Array(n), spikeCounts: new Int32Array(n) };
  for (let k = 0; k < n; k++) {
    const amp = si(amplitudes[k]!, 'amp', 'amplitude');
    const monitor = await neuron.run(getStepCurrent(tStart, tEnd, '1*ms', of(amp, 'amp')), of(tEnd + 100, 'ms'));
    const stats = getSpikeStats(monitor, options.spikeThreshold ?? '0*mV');
    curve.amplitudes[k] = amp;
    curve.rates[k] = Number.isNaN(stats.spikeRate) ? 0 : stats.spikeRate;
    curve.spikeCounts[k] = stats.nrOfSpikes;
    options.onProgress?.(k + 1, n);
  }
  return curve;
}

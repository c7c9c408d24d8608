import { describe, expect, it } from 'vitest';
import { dft, fftFrequencies } from '../../src/neurodynex/fft.ts';
import {
  coefficientOfVariation,
  filterSpikeTrains,
  firingRate,
  getAveragedSingleNeuronPowerSpectrum,
  getPopulationActivityPowerSpectrum,
  getSpikeTrainStats,
  interSpikeIntervals,
  populationActivity,
  smoothRate,
} from '../../src/neurodynex/spikeTools.ts';
import { maxRelativeDeviation, neurodynexReference } from './references.ts';

interface Reference {
  spike_trains: { i: number[]; t: number[]; N: number; duration: number };
  monitor_spike_trains: number[][];
  stats: { window_t_min: number; window_t_max: number | null; nr_neurons: number; nr_spikes: number; all_ISI: number[]; mean_isi: number; std_isi: number; CV: number }[];
  single_neuron_power_spectrum: { sampling_frequency: number; window_t_min: number; window_t_max: number; freq: number[]; mean_ps: number[]; ps_neuron_1: number[]; mean_firing_rate: number; firing_rates: number[] };
  population: { dt: number; rate: number[]; spectra: { delta_f: number; k_repetitions: number; T_init: number; subtract_mean_activity: boolean; freqs: number[]; ps: number[]; average_population_rate: number }[] };
}
const ref = neurodynexReference<Reference>('spike_tools');
const trains = new Map(ref.monitor_spike_trains.map((t, i) => [i, Float64Array.from(t)]));
const monitor = { spikeTrains: () => trains, numSpikes: ref.spike_trains.t.length };

describe('spike trains (neurodynex3 test_spike_tools)', () => {
  const st = new Map([
    [0, Float64Array.from([0, 1, 2], (x) => x * 1e-3)],
    [1, Float64Array.from([10, 11], (x) => x * 1e-3)],
    [2, Float64Array.from([2, 3, 4, 5], (x) => x * 1e-3)],
  ]);
  const ms = (a: Float64Array) => Array.from(a, (x) => Math.round(x * 1e6) / 1e3);

  it('filters by time window and neurons', () => {
    expect([...filterSpikeTrains(st).values()].map(ms)).toEqual([[0, 1, 2], [10, 11], [2, 3, 4, 5]]);
    expect([...filterSpikeTrains(st, '2*ms').values()].map(ms)).toEqual([[2], [10, 11], [2, 3, 4, 5]]);
    expect([...filterSpikeTrains(st, '2.999999*ms', '5*ms').values()].map(ms)).toEqual([[], [], [3, 4]]);
    expect([...filterSpikeTrains(st, '0*ms', undefined, [2]).keys()]).toEqual([2]);
  });

  it('intervals, CV, rate', () => {
    expect(Array.from(interSpikeIntervals([0.1, 0.3, 0.6]))).toEqual([0.19999999999999998, 0.3]);
    expect(coefficientOfVariation([1, 1, 1])).toBe(0);
    expect(coefficientOfVariation([1, 3])).toBeCloseTo(0.5, 15);
    expect(coefficientOfVariation([])).toBeNaN();
    expect(firingRate([0.1, 0.2, 0.5, 0.9], 0, 0.5)).toBe(4);
  });
});

describe('population statistics against neurodynex3', () => {
  it.each(ref.stats.map((s) => [s.window_t_min, s.window_t_max, s] as const))('get_spike_train_stats(window %f s to %s s)', (tMin, tMax, s) => {
    const stats = getSpikeTrainStats(monitor, `${tMin}*second`, tMax === null ? undefined : `${tMax}*second`);
    expect(stats.nrNeurons).toBe(s.nr_neurons);
    expect(stats.nrSpikes).toBe(s.nr_spikes);
    expect(maxRelativeDeviation(stats.allISI, s.all_ISI)).toBeLessThan(1e-12);
    expect(stats.meanIsi).toBeCloseTo(s.mean_isi, 14);
    expect(stats.stdIsi).toBeCloseTo(s.std_isi, 14);
    expect(stats.CV).toBeCloseTo(s.CV, 12);
  });

  it('the single-neuron power spectrum', () => {
    const r = ref.single_neuron_power_spectrum;
    const ps = getAveragedSingleNeuronPowerSpectrum(trains, `${r.sampling_frequency}*Hz`, `${r.window_t_min}*second`, `${r.window_t_max}*second`);
    expect(maxRelativeDeviation(ps.freq, r.freq)).toBeLessThan(1e-14);
    expect(maxRelativeDeviation(ps.meanPs, r.mean_ps)).toBeLessThan(1e-12);
    expect(maxRelativeDeviation(ps.allPs.get(1)!, r.ps_neuron_1)).toBeLessThan(1e-12);
    expect(ps.meanFiringRate).toBeCloseTo(r.mean_firing_rate, 10);
    expect([...ps.meanFiringFreqsPerNeuron.values()].map((x) => Math.round(x * 1e6))).toEqual(r.firing_rates.map((x) => Math.round(x * 1e6)));
  });

  it('averages a random, reproducible subset of neurons', () => {
    const a = getAveragedSingleNeuronPowerSpectrum(trains, '1000*Hz', '0*ms', '1*second', { nrNeuronsAverage: 3, seed: 5 });
    const b = getAveragedSingleNeuronPowerSpectrum(trains, '1000*Hz', '0*ms', '1*second', { nrNeuronsAverage: 3, seed: 5 });
    expect(a.allPs.size).toBe(3);
    expect([...a.allPs.keys()]).toEqual([...b.allPs.keys()]);
  });

  it.each(ref.population.spectra.map((s) => [s.subtract_mean_activity, s] as const))('the population-activity power spectrum (subtract mean: %s)', (subtract, s) => {
    const ps = getPopulationActivityPowerSpectrum({ rate: ref.population.rate, dt: ref.population.dt }, `${s.delta_f}*Hz`, s.k_repetitions, {
      TInit: `${s.T_init}*second`,
      subtractMeanActivity: subtract,
    });
    expect(maxRelativeDeviation(ps.freqs, s.freqs)).toBeLessThan(1e-14);
    expect(maxRelativeDeviation(ps.ps, s.ps)).toBeLessThan(1e-12);
    expect(ps.averagePopulationRate).toBeCloseTo(s.average_population_rate, 10);
    // A 40 Hz modulation in the signal: the largest peak (above 0 Hz) is there.
    const peak = ps.ps.indexOf(Math.max(...ps.ps.subarray(1)));
    expect(ps.freqs[peak]).toBe(40);
  });

  it('refuses a recording too short for the repetitions', () => {
    expect(() => getPopulationActivityPowerSpectrum({ rate: new Float64Array(100), dt: 1e-3 }, '2*Hz', 4)).toThrow(/k_repetitions require 2100 samples/);
  });
});

describe('population activity', () => {
  it('bins spikes per time step like PopulationRateMonitor', () => {
    const rate = populationActivity([0, 0, 1e-4, 3e-4], 2, 1e-4, 5e-4);
    expect(Array.from(rate)).toEqual([10000, 5000, 0, 5000, 0]);
  });

  it("smooths like Brian2's smooth_rate", () => {
    const impulse = new Float64Array(21);
    impulse[10] = 1;
    // Flat: 2*int(width/2/dt) + 1 bins, so 0.7 ms at 0.1 ms is 7 bins.
    const flat = smoothRate(impulse, 1e-4, 'flat', '0.7*ms');
    expect(Array.from(flat).filter((x) => x > 0)).toHaveLength(7);
    expect(flat.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    const gauss = smoothRate(impulse, 1e-4, 'gaussian', '0.2*ms');
    expect(Array.from(gauss).filter((x) => x > 0)).toHaveLength(9);
    expect(gauss[10]).toBeGreaterThan(gauss[9]!);
  });
});

describe('FFT', () => {
  it('agrees with a direct DFT for lengths that are and are not powers of two', () => {
    for (const n of [1, 2, 8, 12, 500, 1001]) {
      const x = Array.from({ length: n }, (_, k) => Math.sin(0.37 * k * k) + 0.2 * k);
      const { re, im } = dft(x);
      for (const k of new Set([0, Math.min(1, n - 1), Math.floor(n / 3), n - 1])) {
        let r = 0;
        let i = 0;
        for (let j = 0; j < n; j++) {
          r += x[j]! * Math.cos((2 * Math.PI * j * k) / n);
          i -= x[j]! * Math.sin((2 * Math.PI * j * k) / n);
        }
        expect(Math.hypot(re[k]! - r, im[k]! - i)).toBeLessThan(1e-9 * Math.max(1, n));
      }
    }
  });

  it('gives numpy.fft.fftfreq', () => {
    expect(Array.from(fftFrequencies(5, 0.1))).toEqual([0, 2, 4, -4, -2]);
    expect(Array.from(fftFrequencies(4, 0.5))).toEqual([0, 0.5, -1, -0.5]);
  });
});

describe('spike statistics of a voltage trace', () => {
  it('finds upward threshold crossings and summarises them', async () => {
    const { NeuronTypeOne } = await import('../../src/neurodynex/neuronType.ts');
    const { getStepCurrent } = await import('../../src/neurodynex/inputFactory.ts');
    const { getSpikeStats, formatSpikeStats } = await import('../../src/neurodynex/spikeTools.ts');
    const mon = await new NeuronTypeOne({ backend: 'js' }).run(getStepCurrent(10, 300, '1*ms', '1*pA'), '300*ms');
    const stats = getSpikeStats(mon, '0*mV');
    expect(stats.nrOfSpikes).toBeGreaterThan(2);
    expect(stats.isi.length).toBe(stats.nrOfSpikes - 1);
    expect(stats.spikeRate).toBeCloseTo(1 / stats.meanIsi, 12);
    const text = formatSpikeStats(stats).split('\n');
    expect(text[0]).toBe(`nr of spikes: ${stats.nrOfSpikes}`);
    expect(text[1]).toMatch(/^mean ISI: [\d.]+ ms$/);
    expect(text[3]).toMatch(/^spike freq: [\d.]+ Hz$/);
  });
});

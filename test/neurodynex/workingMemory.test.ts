import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateMonitor } from '../../src/index.ts';
import { toSVG } from '../../src/plot/index.ts';
import {
  erf,
  evenlySpacedIndices,
  getOrientation,
  getSpikeCount,
  getThetaTimeSeries,
  gettingStarted,
  plotThetaTimeSeries,
  plotWeightProfile,
  presynWeightKernel,
  simulateWM,
  stimulusSchedule,
  targetIndices,
  WORKING_MEMORY_DEFAULTS,
  workingMemoryStatistics,
  type WorkingMemoryParameters,
} from '../../src/neurodynex/workingMemory.ts';
import { expectLikeBrian2, neurodynexCli, type StatisticsConfig } from './networkStatistics.ts';
import { neurodynexReference } from './references.ts';

// ------------------------------------------------------------ Brian2's run-to-run spread (see make_network_statistics.py)

interface Fixture {
  working_memory: StatisticsConfig[];
  equivalence: { working_memory_gettingStarted: { seed: number; spikes_port: number; spikes_original: number; identical_spikes: boolean }[] };
}
const fixture = neurodynexReference<Fixture>('network_statistics');

const SEED = 2024;

describe('working memory: parameters and helpers', () => {
  it('has neurodynex3 defaults', () => {
    const d = WORKING_MEMORY_DEFAULTS;
    expect([d.NExcitatory, d.NInhibitory, d.NExternPoisson, d.weightScalingFactor, d.sigmaWeightProfile, d.JposExcit2excit, d.stimulusCenterDeg, d.stimulusWidthDeg, d.distractorCenterDeg, d.distractorWidthDeg, d.monitoredSubsetSize]).toEqual([
      1024, 256, 1000, 2, 20, 1.6, 180, 40, 90, 40, 1024,
    ]);
    expect([d.poissonFiringRate, d.stimulusStrength, d.distractorStrength, d.GInhib2inhib, d.GInhib2excit, d.GExcit2excit, d.GExcit2inhib, d.simTime, d.dt].map((q) => q.toString())).toEqual([
      '1.4 Hz',
      '70. pA',
      '0. A',
      '1.024 nS',
      '1.336 nS',
      '0.381 nS',
      '292. pS',
      '0.8 s',
      '50. us',
    ]);
  });

  it('erf as scipy.special.erf', () => {
    // scipy.special.erf at these points
    const reference: [number, number][] = [
      [0.5, 0.5204998778130465],
      [1.5, 0.9661051464753108],
      [1.9999, 0.9953201979070294],
      [2, 0.9953222650189527],
      [2.5, 0.999593047982555],
      [-0.3, -0.3286267594591274],
      [3.7, 0.9999998328489421],
      [6.363961030678928, 1],
    ];
    for (const [x, y] of reference) expect(erf(x)).toBeCloseTo(y, 14);
    expect(erf(0)).toBe(0);
  });

  it('the weight kernel: J+ at distance 0, J− far away, mean 1 (the normalization condition)', () => {
    const k = presynWeightKernel(1024, 20, 1.6);
    expect(k[0]).toBeCloseTo(1.6, 12);
    const tmp = (Math.sqrt(2 * Math.PI) * 20 * erf(180 / Math.sqrt(2) / 20)) / 360;
    expect(k[512]).toBeCloseTo((1 - 1.6 * tmp) / (1 - tmp), 12);
    expect(k.reduce((a, b) => a + b, 0) / 1024).toBeCloseTo(1, 6);
    // symmetric: the weight depends on the distance on the ring
    for (let j = 1; j < 1024; j++) expect(k[j]).toBe(k[1024 - j]);
  });

  it('stimulated neurons, monitored neurons and preferred directions as neurodynex3 computes them', () => {
    // int(round(256/360·120)) = 85, int(round(256/360·20)) = 14
    expect(targetIndices(256, 120, 40)).toEqual(Array.from({ length: 29 }, (_, k) => 71 + k));
    // wrapping around 0°, and Python's round-half-even (1024/360·22.5 = 64 exactly; 360/360·0.5 → 0)
    expect(targetIndices(16, 0, 90)).toEqual([14, 15, 0, 1, 2]);
    expect(targetIndices(360, 180, 1)).toEqual([180]);
    // numpy.linspace(0, N-1, n+2), rounded up, without the ends: all of 256 → 1 … 255 with 128 twice (neuron 0 is never monitored)
    for (const N of [64, 256, 1024]) {
      const all = evenlySpacedIndices(N, N);
      expect(all).toHaveLength(N);
      expect(all.slice(0, 3)).toEqual([1, 2, 3]);
      expect(all.filter((i) => i === N / 2)).toHaveLength(2);
      expect(all.at(-1)).toBe(N - 1);
      expect(all).not.toContain(0);
    }
    expect(evenlySpacedIndices(100, 3)).toEqual([25, 50, 75]);
    // The exercise's examples for get_orientation.
    expect(getOrientation([0, 1, 5, 10], 11).map((x) => Math.round(x * 100) / 100)).toEqual([16.36, 49.09, 180, 343.64]);
    expect(getOrientation([0, 1, 499, 500, 999], 1000).map((x) => Math.round(x * 100) / 100)).toEqual([0.18, 0.54, 179.82, 180.18, 359.82]);
  });

  it('population vector from spike counts', () => {
    const trains = new Map([
      [0, Float64Array.from([0.01, 0.02, 0.5])],
      [1, Float64Array.from([0.015])],
      [3, Float64Array.from([])],
    ]);
    expect(getSpikeCount(trains, [0, 1, 3], 0, 0.1)).toEqual([2, 1, 0]);
    expect(getSpikeCount(trains, [0], 0.02, 0.5)).toEqual([1]); // [t_min, t_max)
    const [theta, none] = getThetaTimeSeries(trains, [0, 1, 3], 4, [0.05, 0.3], 0.1);
    expect(theta).toBeCloseTo((2 * 45 + 135) / 3, 12);
    expect(none).toBeNaN();
  });
});

describe('working memory: the network', () => {
  it('runs like neurodynex3 test_working_memory (50 neurons, 1 ms, dt 0.2 ms) and returns the weight profile at 45°', async () => {
    const r = await simulateWM({ NExcitatory: 40, NInhibitory: 10, simTime: '1*ms', dt: '0.2*ms', backend: 'js', seed: SEED });
    expect(r.excit.rateMonitor.rate.values).toHaveLength(5);
    expect(r.excit.idxMonitoredNeurons).toEqual(evenlySpacedIndices(40, 40));
    // deque.rotate(round(40/8)): the kernel's peak moves to neuron 5
    const k = presynWeightKernel(40, 20, 1.6);
    expect(Array.from(r.weightProfile45)).toEqual(Array.from({ length: 40 }, (_, j) => k[(j - 5 + 40) % 40]));
    expect(r.weightProfile45.indexOf(Math.max(...r.weightProfile45))).toBe(5);
  });

  it('the structured NMDA input is the circular convolution of s_NMDA with the kernel (neurodynex3’s FFT product)', async () => {
    const N = 64;
    const r = await simulateWM({ NExcitatory: N, NInhibitory: 16, weightScalingFactor: 32, poissonFiringRate: '3*Hz', simTime: '30*ms', dt: '0.1*ms', backend: 'js', seed: SEED });
    const mon = new StateMonitor(r.groups.excit, ['s_NMDA', 's_NMDA_total'], { record: true, name: 'test_wm_nmda' });
    const inhib = new StateMonitor(r.groups.inhib, ['s_NMDA_total'], { record: [0], name: 'test_wm_nmda_inhib' });
    r.network.add(mon, inhib);
    await r.network.run('3*ms', { backend: 'js' });
    const s = mon.get('s_NMDA').traces();
    const total = mon.get('s_NMDA_total').traces();
    const kernel = presynWeightKernel(N, 20, 1.6);
    let largest = 0;
    for (let step = 1; step < 30; step++) {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += s[i]![step - 1]!;
      expect(inhib.get('s_NMDA_total').trace(0)[step]).toBeCloseTo(sum, 10);
      for (let j = 0; j < N; j++) {
        let expected = 0;
        for (let i = 0; i < N; i++) expected += kernel[(j - i + N) % N]! * s[i]![step - 1]!;
        expect(total[j]![step]).toBeCloseTo(expected, 10);
        largest = Math.max(largest, expected);
      }
    }
    expect(largest).toBeGreaterThan(0.1);
  });

  it('sets I_stim every millisecond like stimulate_network, including a distractor that outlasts its window while the stimulus is on', () => {
    const stim = { idx: [1, 2], strength: 1e-10, start: 0.002, end: 0.008 };
    const distr = { idx: [4], strength: 2e-10, start: 0.003, end: 0.005 };
    const rows = stimulusSchedule(6, 11, stim, distr);
    const pA = (i: number) => rows.map((r) => Math.round(r[i]! * 1e12));
    expect(pA(1)).toEqual([0, 0, 100, 100, 100, 100, 100, 100, 0, 0, 0]); // on in [2, 8) ms
    // The distractor is on in [3, 5) ms; neurodynex3 resets currents only while the stimulus is off, so it lasts until 8 ms.
    expect(pA(4)).toEqual([0, 0, 0, 200, 200, 200, 200, 200, 0, 0, 0]);
    expect(pA(0)).toEqual(new Array(11).fill(0));
    // Without the stimulus, the distractor is on exactly in its window.
    const alone = stimulusSchedule(6, 11, { ...stim, strength: 0, end: 0.002 }, distr);
    expect(alone.map((r) => Math.round(r[4]! * 1e12))).toEqual([0, 0, 0, 200, 200, 0, 0, 0, 0, 0, 0]);
  });

  it('drives the stimulated neurons in the stimulus window only', async () => {
    const r = await simulateWM({ NExcitatory: 36, NInhibitory: 4, NExternPoisson: 0, stimulusCenterDeg: 90, stimulusStrength: '1*nA', tStimulusStart: '10*ms', tStimulusDuration: '20*ms', simTime: '60*ms', dt: '0.1*ms', backend: 'js', seed: SEED });
    // int(round(36/360·90)) = 9, int(round(36/360·20)) = 2
    expect(r.stimTargetIdx).toEqual([7, 8, 9, 10, 11]);
    const trains = r.excit.spikeMonitor.spikeTrains();
    for (const [i, train] of trains) {
      if (r.stimTargetIdx.includes(i)) {
        expect(train.length).toBeGreaterThan(0);
        expect(Math.min(...train)).toBeGreaterThan(0.01);
        expect(Math.max(...train)).toBeLessThan(0.031);
      }
    }
    expect([...trains.values()].reduce((n, t) => n + t.length, 0)).toBeGreaterThan(0);
  });
});

describe('working memory: statistics against Brian2 (the same model code)', () => {
  const config = (name: string) => fixture.working_memory.find((c) => c.name === name)!;

  it('the summed-variable formulation gives neurodynex3’s spikes in Brian2 (same seed)', () => {
    const eq = fixture.equivalence.working_memory_gettingStarted;
    expect(eq.length).toBeGreaterThanOrEqual(2);
    for (const e of eq) {
      expect(e.identical_spikes).toBe(true);
      expect(e.spikes_port).toBe(e.spikes_original);
    }
  });

  /**
   * Run a configuration with spikeforge and require the rates in each of its windows within Brian2's spread
   * (floors: one spike per population and window); also those of the non-stimulated neurons if asked.
   */
  async function ratesLikeBrian2(name: string, others: boolean): Promise<{ ours: Record<string, number | null>; c: StatisticsConfig }> {
    const c = config(name);
    const result = await simulateWM({ ...(c.params as WorkingMemoryParameters), backend: 'js', seed: SEED });
    const ours = workingMemoryStatistics(result, c.windows);
    for (const [w, [a, b]] of Object.entries(c.windows)) {
      expectLikeBrian2(`${w}: excitatory rate [Hz]`, ours[`${w}_excit`]!, c.summary[`${w}_excit`]!, 1 / (256 * (b - a)));
      expectLikeBrian2(`${w}: inhibitory rate [Hz]`, ours[`${w}_inhib`]!, c.summary[`${w}_inhib`]!, 1 / (64 * (b - a)));
      expectLikeBrian2(`${w}: rate of the stimulated neurons [Hz]`, ours[`${w}_stimulated`]!, c.summary[`${w}_stimulated`]!, 1 / (29 * (b - a)));
      if (others) expectLikeBrian2(`${w}: rate of the others [Hz]`, ours[`${w}_others`]!, c.summary[`${w}_others`]!, 1 / (227 * (b - a)));
    }
    return { ours, c };
  }

  it('getting started: spontaneous activity and the response to the weak stimulus', async () => {
    await ratesLikeBrian2('gettingStarted', false);
  });

  it('strong stimulus: the bump forms at the stimulus and persists after it', async () => {
    const { ours, c } = await ratesLikeBrian2('strongStimulus', true);
    expectLikeBrian2('θ after the stimulus [deg]', ours.delay_theta!, c.summary.delay_theta!);
    expect(Math.abs(ours.delay_theta! - 120)).toBeLessThan(30);
    expect(ours.delay_stimulated!).toBeGreaterThan(5 * ours.delay_others!);
  });
});

describe('working memory: plots', () => {
  it('network activity, θ(t) and the weight profile', async () => {
    const { result, figure } = await gettingStarted({ simTime: '200*ms', stimulusStrength: '0.3*nA', backend: 'js', seed: SEED });
    const activity = await toSVG(figure);
    for (const text of ['Raster Plot', 'Population Activity', 'Voltage Traces', 'neuron #']) expect(activity).toContain(`>${text}<`);
    const t = [0.05, 0.1, 0.15];
    const theta = getThetaTimeSeries(result.excit.spikeMonitor.spikeTrains(), Array.from({ length: 256 }, (_, i) => i), 256, t, 0.05);
    const svg = await toSVG(plotThetaTimeSeries(t, theta, { stimulusCenterDeg: 120, stimulusWindow: [0.1, 0.3] }));
    for (const text of ['Population vector θ(t)', 'θ [deg]', 't [ms]']) expect(svg).toContain(`>${text}<`);
    const profile = await toSVG(plotWeightProfile(result.weightProfile45));
    for (const text of ['Recurrent weight profile of the neuron at 45°', 'presynaptic neuron #']) expect(profile).toContain(`>${text}<`);
  });
});

// ------------------------------------------------------------ the command line

const cli = neurodynexCli;

describe('spikeforge neurodynex working-memory', () => {
  it('runs the getting-started network with a stimulus and decodes the bump', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikeforge-wm-'));
    const text = await cli('working-memory', '--stimulus-center', '200', '--stimulus-strength', '0.3nA', '--simtime', '400ms', '--seed', '4', '--backend', 'js', '--out', out, '--format', 'svg');
    expect(text).toMatch(/excitatory rate before the stimulus [\d.]+ Hz \(inhibitory [\d.]+ Hz\); during it [\d.]+ Hz/);
    const theta = Number(/θ = ([\d.]+)° \(stimulus at 200°\)/.exec(text)![1]);
    expect(Math.abs(theta - 200)).toBeLessThan(30);
    expect(readdirSync(out).sort()).toEqual(['working-memory_excitatory.svg', 'working-memory_inhibitory.svg', 'working-memory_theta.svg', 'working-memory_weight-profile.svg']);
  });
});

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateMonitor, type PopulationRateMonitor } from '../../src/index.ts';
import { toSVG } from '../../src/plot/index.ts';
import {
  DECISION_MAKING_DEFAULTS,
  decisionMakingStatistics,
  getDecisionTime,
  gettingStarted,
  plotDecisionSpace,
  plotPopulationRates,
  runMultipleSimulations,
  simDecisionMakingNetwork,
  type DecisionMakingParameters,
} from '../../src/neurodynex/decisionMaking.ts';
import { expectLikeBrian2, neurodynexCli, type Spread, type StatisticsConfig } from './networkStatistics.ts';
import { neurodynexReference } from './references.ts';

// ------------------------------------------------------------ Brian2's run-to-run spread (see make_network_statistics.py)

interface Fixture {
  decision_making: StatisticsConfig[];
  equivalence: { decision_making_gettingStarted_original: { seeds: number[]; summary: Record<string, Spread | null> } };
}
const fixture = neurodynexReference<Fixture>('network_statistics');

const SEED = 2024;
const POPULATIONS = ['A', 'B', 'Z', 'inhib'] as const;

describe('decision making: the network', () => {
  it('has neurodynex3 defaults', () => {
    const d = DECISION_MAKING_DEFAULTS;
    expect([d.NExcit, d.NInhib, d.weightScalingFactor, d.coherenceLevel, d.mu0MeanStimulusHz, d.stimulusStdHz, d.NExtern, d.wPos, d.fSubpopSize, d.monitoredSubsetSize]).toEqual([
      384, 96, 5.33, 0, 160, 20, 1000, 1.9, 0.25, 512,
    ]);
    expect([d.tStimulusStart, d.tStimulusDuration, d.stimulusUpdateInterval, d.firingRateExtern, d.maxSimTime, d.dt].map((q) => q.toString())).toEqual([
      '100. ms',
      '9.999 s',
      '30. ms',
      '9.8 Hz',
      '1. s',
      '100. us',
    ]);
  });

  it('runs like neurodynex3 test_sim_decision_making_network (25 neurons, 3 ms)', async () => {
    const r = await simDecisionMakingNetwork({
      NExcit: 20,
      NInhib: 5,
      weightScalingFactor: 10,
      tStimulusStart: '0*ms',
      tStimulusDuration: '9999*ms',
      coherenceLevel: 0.5,
      stimulusUpdateInterval: '2*ms',
      mu0MeanStimulusHz: 160,
      stimulusStdHz: 20,
      NExtern: 10,
      firingRateExtern: '9.5*Hz',
      wPos: 1.7,
      fSubpopSize: 0.3,
      maxSimTime: '3*ms',
      stopConditionRate: null,
      monitoredSubsetSize: 5,
      dt: '0.2*ms',
      backend: 'js',
      seed: SEED,
    });
    // int(20·0.3) = 6 neurons in A and B, 8 in Z.
    expect([r.groups.A.N, r.groups.B.N, r.groups.Z.N, r.groups.inhib.N]).toEqual([6, 6, 8, 5]);
    expect(r.A.rateMonitor.rate.values).toHaveLength(15);
    expect(r.A.idxMonitoredNeurons).toHaveLength(5);
    expect(r.Z.voltageMonitor.get('v').traces()).toHaveLength(5);
    expect(r.inhib.spikeMonitor.spikeTrains().size).toBe(5);
  });

  it('initializes the voltages as neurodynex3', async () => {
    const r = await simDecisionMakingNetwork({ maxSimTime: '0.1*ms', backend: 'js', seed: SEED });
    const v0 = (k: 'A' | 'B' | 'Z' | 'inhib') => r[k].voltageMonitor.get('v').traces().map((v) => v[0]! * 1e3);
    const within = (values: number[], lo: number, hi: number) => values.every((v) => v >= lo && v < hi);
    expect(within(v0('inhib'), -54, -51)).toBe(true);
    expect(within(v0('A'), -70, -65)).toBe(true);
    expect(within(v0('B'), -70, -65)).toBe(true);
    expect(within(v0('Z'), -60, -51)).toBe(true);
    // monitored_subset_size 512 ≥ N: every neuron is monitored, in random order.
    expect([...r.Z.idxMonitoredNeurons].sort((a, b) => a - b)).toEqual(Array.from({ length: 192 }, (_, i) => i));
  });

  it('gives every neuron the NMDA input w·Σ s_NMDA of neurodynex3’s update_nmda_sum, before the state update', async () => {
    const r = await simDecisionMakingNetwork({ maxSimTime: '20*ms', backend: 'js', seed: SEED });
    // Continue the run with monitors of s_NMDA and s_NMDA_total (recorded at the start of each step).
    const g = r.groups;
    const mon = Object.fromEntries(POPULATIONS.map((k) => [k, new StateMonitor(g[k], k === 'inhib' ? ['s_NMDA_total'] : ['s_NMDA', 's_NMDA_total'], { record: true, name: `test_nmda_${k}` })]));
    r.network.add(...Object.values(mon));
    await r.network.run('5*ms', { backend: 'js' });
    const sums = (step: number) =>
      Object.fromEntries((['A', 'B', 'Z'] as const).map((k) => [k, mon[k]!.get('s_NMDA').traces().reduce((s, v) => s + v[step]!, 0)])) as Record<'A' | 'B' | 'Z', number>;
    const wPos = 1.9;
    const wNeg = 1 - (0.25 * (wPos - 1)) / (1 - 0.25);
    let checked = 0;
    for (let step = 1; step < 50; step++) {
      // s_NMDA_total at the start of a step is what the previous step's update saw.
      const s = sums(step - 1);
      const expected = { A: wPos * s.A + wNeg * s.B + wNeg * s.Z, B: wNeg * s.A + wPos * s.B + wNeg * s.Z, Z: s.A + s.B + s.Z, inhib: s.A + s.B + s.Z };
      for (const k of POPULATIONS) {
        for (const v of mon[k]!.get('s_NMDA_total').traces()) {
          expect(v[step]).toBeCloseTo(expected[k], 10);
          checked++;
        }
      }
    }
    expect(checked).toBe(49 * 480);
    expect(sums(0).A).toBeGreaterThan(0);
  });

  it('draws the stimulus rates every update interval while the stimulus is on', async () => {
    const r = await simDecisionMakingNetwork({ NExcit: 40, NInhib: 10, tStimulusStart: '45*ms', tStimulusDuration: '100*ms', coherenceLevel: -0.5, mu0MeanStimulusHz: 200, stimulusStdHz: 10, maxSimTime: '200*ms', backend: 'js', seed: SEED });
    const { t, rateA, rateB } = r.stimulus;
    expect(Array.from(t.subarray(0, 4), (x) => Math.round(x * 1e3))).toEqual([0, 30, 60, 90]);
    // Ticks at 60, 90, 120 ms lie in [45, 145) ms.
    const on = Array.from(t, (x) => x >= 0.045 && x < 0.145);
    expect(on.filter(Boolean)).toHaveLength(3);
    t.forEach((_, k) => {
      if (on[k]) {
        expect(Math.abs(rateA[k]! - 50)).toBeLessThan(50); // μ_left = 200·(0.5 − 0.25)
        expect(Math.abs(rateB[k]! - 150)).toBeLessThan(50);
      } else {
        expect([rateA[k], rateB[k]]).toEqual([0, 0]);
      }
    });
    // The stimulus Poisson groups fire at these rates: A's neurons receive ≈ rate·N_A·30 ms spikes per interval.
    expect(new Set(rateA).size).toBe(4);
  });

  it('stops early once A or B exceeds stop_condition_rate, checking every 100 ms', async () => {
    const r = await simDecisionMakingNetwork({ maxSimTime: '1000*ms', stopConditionRate: '0.001*Hz', backend: 'js', seed: SEED });
    expect(r.A.rateMonitor.t.values).toHaveLength(1000);
    const never = await simDecisionMakingNetwork({ NExcit: 40, NInhib: 10, maxSimTime: '250*ms', stopConditionRate: '10000*Hz', backend: 'js', seed: SEED });
    expect(never.A.rateMonitor.t.values).toHaveLength(3000); // 3 batches of 100 ms: the last one ends after max_sim_time, as in neurodynex3
  });
});

describe('decision making: the decision criterion', () => {
  it('is the first time the smoothed rate crosses the threshold, 0 if never', async () => {
    const r = await simDecisionMakingNetwork({ NExcit: 40, NInhib: 10, maxSimTime: '100*ms', backend: 'js', seed: SEED });
    const a = r.A.rateMonitor.smoothRate('flat', '30*ms').values;
    const threshold = Math.max(...a) * 0.8;
    const [tA] = getDecisionTime(r.A.rateMonitor, r.B.rateMonitor, '30*ms', `${threshold}*Hz`);
    const k = a.findIndex((x) => x > threshold);
    expect(tA).toBeCloseTo(k * 1e-4, 12);
    expect(getDecisionTime(r.A.rateMonitor, r.B.rateMonitor, '30*ms', '10000*Hz')).toEqual([0, 0]);
  });

  it('run_multiple_simulations counts decisions per coherence level', async () => {
    const calls: number[] = [];
    const decide = (a: PopulationRateMonitor, b: PopulationRateMonitor): [number, number] => {
      calls.push(a.rate.values.length, b.rate.values.length);
      return calls.length === 2 ? [0.3, 0] : calls.length === 4 ? [0, 0.4] : [0, 0];
    };
    const out = await runMultipleSimulations(decide, [0.5, -0.5], 2, { NExcit: 40, NInhib: 10, maxSimTime: '100*ms', backend: 'js' });
    expect(out.countA).toEqual([1, 0]);
    expect(out.countB).toEqual([1, 0]);
    expect(out.countNo).toEqual([0, 2]);
    expect(out.timeToA).toEqual([[0.3, 0], [0, 0]]);
    expect(out.timeToB).toEqual([[0, 0.4], [0, 0]]);
  });
});

describe('decision making: statistics against Brian2 (the same model code)', () => {
  const config = (name: string) => fixture.decision_making.find((c) => c.name === name)!;

  it('getting started: spontaneous and stimulus-driven rates, "Left" wins, its decision time and rate', async () => {
    const c = config('gettingStarted');
    const result = await simDecisionMakingNetwork({ ...(c.params as DecisionMakingParameters), backend: 'js', seed: SEED });
    const ours = decisionMakingStatistics(result, c.windows);
    const size = { A: 85, B: 85, Z: 171, inhib: 85 };
    for (const [w, [a, b]] of Object.entries(c.windows)) {
      for (const k of POPULATIONS) expectLikeBrian2(`${w} rate of ${k} [Hz]`, ours[`${w}_${k}`]!, c.summary[`${w}_${k}`]!, 1 / (size[k] * (b - a)));
    }
    expect(c.summary.decision_A!.mean).toBe(1); // Brian2: "Left" won every run
    expect(ours.decision_A).toBe(1);
    expectLikeBrian2('decision time [s]', ours.decision_time!, c.summary.decision_time!);
    expectLikeBrian2('rate of the winner at the end [Hz]', ours.end_winner!, c.summary.end_winner!);
  });

  it('zero coherence (defaults): at most one population wins, with Brian2’s rates and decision time', async () => {
    const c = config('zeroCoherence');
    const result = await simDecisionMakingNetwork({ ...(c.params as DecisionMakingParameters), backend: 'js', seed: SEED });
    const ours = decisionMakingStatistics(result, c.windows);
    const [a, b] = c.windows.spontaneous!;
    const size = { A: 96, B: 96, Z: 192, inhib: 96 };
    for (const k of POPULATIONS) expectLikeBrian2(`spontaneous rate of ${k} [Hz]`, ours[`spontaneous_${k}`]!, c.summary[`spontaneous_${k}`]!, 1 / (size[k] * (b - a)));
    expectLikeBrian2('inhibitory rate at the end [Hz]', ours.end_inhib!, c.summary.end_inhib!);
    expectLikeBrian2('rate of the winner at the end [Hz]', ours.end_winner!, c.summary.end_winner!);
    expectLikeBrian2('rate of the loser at the end [Hz]', ours.end_loser!, c.summary.end_loser!, 1 / (96 * 0.2));
    // Brian2 decides within the second in 10 of 12 runs, never for both populations.
    expect(ours.decision_A! + ours.decision_B!).toBeLessThanOrEqual(1);
    if (ours.decision_time !== null) expectLikeBrian2('decision time [s]', ours.decision_time!, c.summary.decision_time!);
    else expect(c.summary.decision_time!.n).toBeLessThan(c.seeds.length);
  });

  it('the summed-variable formulation has the statistics of neurodynex3’s network_operation (both in Brian2)', () => {
    const port = config('gettingStarted').summary;
    const original = fixture.equivalence.decision_making_gettingStarted_original.summary;
    for (const key of ['spontaneous_inhib', 'stimulus_A', 'end_A', 'end_inhib', 'decision_time']) {
      const p = port[key]!;
      const o = original[key]!;
      // Difference of two means: within 4 standard errors.
      expect(Math.abs(p.mean - o.mean), key).toBeLessThanOrEqual(4 * Math.sqrt(p.std ** 2 / p.n + o.std ** 2 / o.n));
    }
    expect(original.decision_A!.mean).toBe(1);
  });
});

describe('decision making: plots', () => {
  it('getting started shows "Left" and "Right"; population rates and the decision space', async () => {
    const { result, figures } = await gettingStarted({ maxSimTime: '300*ms', backend: 'js', seed: SEED });
    expect(figures.map((f) => f.name)).toEqual(['left', 'right']);
    const left = await toSVG(figures[0]!.figure);
    for (const text of ['Left', 'Raster Plot', 'Population Activity', 'Voltage Traces']) expect(left).toContain(`>${text}<`);
    const rates = await toSVG(plotPopulationRates(result, { subtitle: 'c = 0.9' }));
    for (const text of ['Population rates of the decision-making network', 'Left (A)', 'Right (B)', 'non-selective (Z)', 'inhibitory', 'ν_left', 'ν_right', 'Population activity (flat window of 20 ms)']) expect(rates).toContain(`>${text}<`);
    const space = await toSVG(plotDecisionSpace(result.A.rateMonitor, result.B.rateMonitor));
    for (const text of ['Decision space', 'rate of Left (A) [Hz]', 'rate of Right (B) [Hz]', '0–100 ms', '200–300 ms']) expect(space).toContain(`>${text}<`);
  });
});

// ------------------------------------------------------------ the command line

const cli = neurodynexCli;

describe('spikeforge neurodynex decision-making', () => {
  it('runs the getting-started network with a coherence level and summarises the decision', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikeforge-dm-'));
    const text = await cli('decision-making', '--coherence', '-0.9', '--simtime', '500ms', '--seed', '4', '--backend', 'js', '--out', out, '--format', 'svg');
    expect(text).toContain('stimulus: c = -0.9, mean rates ν_left = 25.0 Hz, ν_right = 475.0 Hz');
    expect(text).toMatch(/mean rates in the last 200 ms: A [\d.]+ Hz, B [\d.]+ Hz, Z [\d.]+ Hz, inhib [\d.]+ Hz/);
    expect(text).toMatch(/decision \(smoothed rate over 30 ms crossing 25 Hz\): "Right" at [\d.]+ ms/);
    expect(readdirSync(out).sort()).toEqual(['decision-making_decision-space.svg', 'decision-making_left.svg', 'decision-making_rates.svg', 'decision-making_right.svg']);
    await expect(cli('decision-making', '--coherence', '2')).rejects.toThrow(/in \[-1, 1\]/);
  });
});

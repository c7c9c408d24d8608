import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toSVG } from '../../src/plot/index.ts';
import {
  BRUNEL_DEFAULTS,
  meanRate,
  networkStatistics,
  plotBrunelActivity,
  plotBrunelStatistics,
  roundHalfEven,
  sampleIndices,
  simulateBrunelNetwork,
  thresholdRate,
  type BrunelParameters,
} from '../../src/neurodynex/brunel.ts';
import { seed } from '../../src/index.ts';
import { expectLikeBrian2, neurodynexCli, type StatisticsConfig } from './networkStatistics.ts';
import { neurodynexReference } from './references.ts';

// ------------------------------------------------------------ Brian2's run-to-run spread (see make_network_statistics.py)

const fixture = neurodynexReference<{ brunel: StatisticsConfig[] }>('network_statistics');

const SEED = 2024;

describe('Brunel network: parameters and structure', () => {
  it('has neurodynex3 defaults', () => {
    const d = BRUNEL_DEFAULTS;
    expect([d.vRest, d.vReset, d.firingThreshold, d.membraneTimeScale, d.absRefractoryPeriod, d.synapticWeightW0, d.synapticDelay, d.poissonInputRate, d.dt].map((q) => q.toString())).toEqual([
      '0. V',
      '10. mV',
      '20. mV',
      '20. ms',
      '2. ms',
      '100. uV',
      '1.5 ms',
      '13. Hz',
      '50. us',
    ]);
    expect([d.relativeInhibitoryStrengthG, d.connectionProbabilityEpsilon, d.nPoissonInput]).toEqual([4, 0.1, 1000]);
    // ν_threshold = u_thr / (N_extern·w0·τ_m) = 20 mV / (1000 · 0.1 mV · 20 ms)
    expect(thresholdRate()).toBeCloseTo(10, 12);
    expect(thresholdRate({ NExtern: 500 })).toBeCloseTo(20, 12);
  });

  it('builds the populations and connections of simulate_brunel_network', async () => {
    const r = await simulateBrunelNetwork({ NExcit: 400, simTime: '1*ms', backend: 'js', seed: SEED });
    expect(r.structure).toMatchObject({ NExcit: 400, NInhib: 100, NExtern: 1000, CE: 40, CI: 10 });
    expect(r.structure.JExcit).toBeCloseTo(1e-4, 15);
    expect(r.structure.JInhib).toBeCloseTo(-4e-4, 15);
    expect(r.structure.wExternal).toBeCloseTo(1e-4, 15);
    // int(N_Excit/4), and N_extern = None → int(N_Excit·p)
    const odd = await simulateBrunelNetwork({ NExcit: 403, NExtern: null, connectionProbability: 0.2, g: 5, w0: '0.2*mV', wExternal: '0.05*mV', simTime: '1*ms', backend: 'js', seed: SEED });
    expect(odd.structure).toMatchObject({ NExcit: 403, NInhib: 100, NExtern: 80 });
    expect(odd.structure.JInhib).toBeCloseTo(-1e-3, 15);
    expect(odd.structure.wExternal).toBeCloseTo(5e-5, 15);
    // The connection probability: about p·N inputs per neuron.
    const connections = r.network.members.filter((m) => m.name === 'brunel_excitatory' || m.name === 'brunel_inhibitory') as unknown as { getSI(n: string): Float64Array }[];
    const [exc, inh] = connections.map((s) => s.getSI('j').length);
    expect(Math.abs(exc! / 500 - 40)).toBeLessThan(2);
    expect(Math.abs(inh! / 500 - 10)).toBeLessThan(1);
  });

  it('monitors a random subset of min(monitored_subset_size, N) distinct neurons', async () => {
    const r = await simulateBrunelNetwork({ NExcit: 80, monitoredSubsetSize: 30, simTime: '2*ms', backend: 'js', seed: SEED });
    expect(r.idxMonitoredNeurons).toHaveLength(30);
    expect(new Set(r.idxMonitoredNeurons).size).toBe(30);
    expect(Array.from(r.voltageMonitor.indices)).toEqual(r.idxMonitoredNeurons);
    expect(r.voltageMonitor.t.values).toHaveLength(40); // dt = 0.05 ms
    // Brian2 2.5.1 records every neuron's spikes (neurodynex3's record=<list> acts as record=True).
    expect(r.spikeMonitor.spikeTrains().size).toBe(100);
    const all = await simulateBrunelNetwork({ NExcit: 8, simTime: '1*ms', backend: 'js', seed: SEED });
    expect([...all.idxMonitoredNeurons].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    seed(1);
    const s = sampleIndices(10, 10);
    expect([...s].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(() => sampleIndices(3, 4)).toThrow(/Cannot sample 4 of 3/);
  });

  it('initializes v at v_rest, or uniformly in [v_rest, threshold) with randomVmInit', async () => {
    const quiet = await simulateBrunelNetwork({ NExcit: 40, NExtern: 0, monitoredSubsetSize: 50, simTime: '0.1*ms', backend: 'js', seed: SEED });
    expect(quiet.voltageMonitor.get('v').traces().every((v) => v[0] === 0)).toBe(true);
    const random = await simulateBrunelNetwork({ NExcit: 400, NExtern: 0, randomVmInit: true, monitoredSubsetSize: 500, vRest: '-5*mV', simTime: '0.1*ms', backend: 'js', seed: SEED });
    const v0 = random.voltageMonitor.get('v').traces().map((v) => v[0]!);
    expect(Math.min(...v0)).toBeGreaterThanOrEqual(-5e-3);
    expect(Math.max(...v0)).toBeLessThan(20e-3);
    expect(v0.reduce((a, b) => a + b, 0) / v0.length).toBeCloseTo(7.5e-3, 3);
  });

  it('spikes like neurodynex3 test_LIF_spiking_network (10 neurons, strong input, 10 ms)', async () => {
    const r = await simulateBrunelNetwork({ NExcit: 10, NExtern: 10 * 1000, w0: '1*mV', monitoredSubsetSize: 1, simTime: '10*ms', backend: 'js', seed: SEED });
    expect(r.spikeMonitor.numSpikes).toBeGreaterThan(0);
    expect(r.idxMonitoredNeurons).toHaveLength(1);
  });

  it('is reproducible with a seed, and a seed only', async () => {
    const run = (s: number) => simulateBrunelNetwork({ NExcit: 200, simTime: '50*ms', backend: 'js', seed: s });
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(Array.from(a.spikeMonitor.i)).toEqual(Array.from(b.spikeMonitor.i));
    expect(a.idxMonitoredNeurons).toEqual(b.idxMonitoredNeurons);
    expect(Array.from(a.spikeMonitor.i)).not.toEqual(Array.from(c.spikeMonitor.i));
  });

  it('without recurrence and input nothing happens; refractoriness and reset hold', async () => {
    const none = await simulateBrunelNetwork({ NExcit: 50, NExtern: 0, randomVmInit: true, simTime: '20*ms', backend: 'js', seed: SEED });
    expect(none.spikeMonitor.numSpikes).toBe(0);
    // Strong input: every ISI is at least the refractory period, and v is at v_reset right after a spike.
    const strong = await simulateBrunelNetwork({ NExcit: 40, w0: '0*mV', wExternal: '1*mV', poissonInputRate: '100*Hz', monitoredSubsetSize: 50, simTime: '30*ms', backend: 'js', seed: SEED });
    for (const train of strong.spikeMonitor.spikeTrains().values()) for (let k = 1; k < train.length; k++) expect(train[k]! - train[k - 1]!).toBeGreaterThanOrEqual(2e-3 - 1e-9);
    expect(strong.spikeMonitor.numSpikes).toBeGreaterThan(100);
  });

  it('rounds halves to even like Python', () => {
    expect([0.5, 1.5, 2.5, -0.5, 2.4, 2.6, 128].map(roundHalfEven)).toEqual([0, 2, 2, -0, 2, 3, 128]);
  });
});

describe('Brunel network: statistics against Brian2', () => {
  const configs = fixture.brunel.filter((c) => c.tests);
  it('has the configurations of the exercise in the fixture', () => {
    expect(configs.map((c) => c.name)).toEqual(['gettingStarted', 'g4', 'g6_fast', 'slow', 'no_recurrence', 'random_vm']);
    for (const c of configs) expect(c.seeds.length).toBeGreaterThanOrEqual(8);
  });

  it.each(configs.map((c) => [c.name, c] as const))('%s: mean rate, CV of the ISIs and oscillation frequency within Brian2’s spread', async (_, config) => {
    const result = await simulateBrunelNetwork({ ...(config.params as BrunelParameters), backend: 'js', seed: SEED });
    const stats = networkStatistics(result);
    const N = result.structure.NExcit + result.structure.NInhib;
    const window = result.rateMonitor.t.values.length * 5e-5 - 0.1;
    expectLikeBrian2('mean rate [Hz]', stats.meanRate, config.summary.mean_rate!, 1 / (N * window));
    expectLikeBrian2('CV', stats.spikeStats.CV, config.summary.cv!);
    const peak = config.summary.peak_frequency!;
    // Only where Brian2 finds a consistent oscillation (its peak varies by at most 20 Hz); one bin (10 Hz) of slack.
    if (peak.std <= 20) expectLikeBrian2('peak frequency [Hz]', stats.peakFrequency!, peak, 10);
    // The rate from the rate monitor is the spike count's.
    const spikes = Array.from(result.spikeMonitor.t.values).filter((t) => t >= 0.1 - 1e-12).length;
    expect(stats.meanRate).toBeCloseTo(spikes / N / window, 6);
  });

  it('finds the oscillations the exercise discusses: slow with g = 4, fast with g = 6 and strong input', () => {
    const by = Object.fromEntries(fixture.brunel.map((c) => [c.name, c.summary.peak_frequency!.mean]));
    expect(by.g6_fast!).toBeGreaterThan(150);
    expect(by.g4!).toBeLessThan(by.g6_fast! - 50);
  });
});

describe('Brunel network: analysis and plots', () => {
  it('computes rates, CV and the spectrum of A(t) as spike_tools does', async () => {
    const r = await simulateBrunelNetwork({ NExcit: 200, simTime: '350*ms', backend: 'js', seed: SEED });
    const stats = networkStatistics(r, { deltaF: '20*Hz' });
    expect(stats.spectrum!.kRepetitions).toBe(5); // (350 − 100) ms / 50 ms
    expect(stats.spectrum!.freqs[1]).toBeCloseTo(20, 9);
    expect(stats.spectrum!.freqs).toHaveLength(500);
    expect(stats.peakFrequency! % 20).toBeCloseTo(0, 9);
    expect(stats.spectrum!.averagePopulationRate).toBeCloseTo(meanRate(r.rateMonitor, 0.1, 0.35), 9);
    expect(meanRate(r.rateMonitor)).toBeCloseTo(r.spikeMonitor.numSpikes / 250 / 0.35, 9);
    expect(networkStatistics(r, { windowTMin: '300*ms' }).spectrum).toBeUndefined();
  });

  it('plots the network activity, the ISI distribution and the spectrum', async () => {
    const r = await simulateBrunelNetwork({ NExcit: 200, simTime: '250*ms', backend: 'js', seed: SEED });
    const svg = await toSVG(plotBrunelActivity(r));
    for (const text of ['Brunel network: N_E = 200, N_I = 50', 'Raster Plot', 'Population Activity', 'Voltage Traces', 'A(t) [Hz]', 'V(t) [mV]', 't [ms]']) expect(svg).toContain(`>${text}<`);
    const figures = plotBrunelStatistics(networkStatistics(r));
    expect(figures.map((f) => f.name)).toEqual(['ISI', 'population-spectrum']);
    expect(await toSVG(figures[0]!.figure)).toMatch(/>ISI histogram, CV=0\.\d+</);
    expect(await toSVG(figures[1]!.figure)).toContain('>Power Spectrum of population activity A(t)<');
  });
});

// ------------------------------------------------------------ the command line

const cli = neurodynexCli;

describe('spikeforge neurodynex brunel', () => {
  it('runs the network with options, saves the plots and summarises', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikeforge-brunel-'));
    const text = await cli('brunel', '--n-excit', '200', '--g', '5', '--poisson-rate', '20Hz', '--simtime', '250ms', '--seed', '3', '--backend', 'js', '--out', out, '--format', 'svg');
    expect(text).toContain('N_E = 200, N_I = 50, C_E = 20, C_I = 5, w_EE = w_IE = 0.100 mV, w_EI = w_II = -0.500 mV, 1000 external Poisson inputs');
    expect(text).toContain('ν_threshold = 10.00 Hz; external rate 20.00 Hz = 2.00 ν_threshold');
    expect(text).toMatch(/after 100 ms: mean rate [\d.]+ Hz, CV of the ISIs 0\.\d+/);
    expect(text).toMatch(/largest peak of the power spectrum of A\(t\): \d+ Hz/);
    expect(readdirSync(out).sort()).toEqual(['brunel_ISI.svg', 'brunel_activity.svg', 'brunel_activity_last-50ms.svg', 'brunel_population-spectrum.svg']);
    await expect(cli('brunel', '--n-excit', '0')).rejects.toThrow(/whole number ≥ 1/);
  });
});

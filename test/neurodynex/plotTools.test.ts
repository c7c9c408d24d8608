import { describe, expect, it } from 'vitest';
import { toSVG } from '../../src/plot/index.ts';
import { getStepCurrent } from '../../src/neurodynex/inputFactory.ts';
import { simulateLIFNeuron } from '../../src/neurodynex/leakyIntegrateAndFire.ts';
import {
  plotFICurves,
  plotISIDistribution,
  plotNetworkActivity,
  plotPopulationActivityPowerSpectrum,
  plotSpikeTrainPowerSpectrum,
  plotVoltageAndCurrentTraces,
} from '../../src/neurodynex/plotTools.ts';
import { PopulationSpikeStats } from '../../src/neurodynex/spikeTools.ts';
import { NeuronGroup, Network, SpikeMonitor, StateMonitor, seed } from '../../src/index.ts';

describe('neurodynex plots', () => {
  it('voltage and input current, with the threshold', async () => {
    const current = getStepCurrent(10, 110, '1*ms', '2.5*nA');
    const { stateMonitor } = await simulateLIFNeuron(current, { simulationTime: '150*ms', backend: 'js' });
    const svg = await toSVG(plotVoltageAndCurrentTraces(stateMonitor, current, { title: 'Step current', firingThreshold: '-50*mV' }));
    for (const text of ['Step current', 'Input current: min 0 A, max 2.5 nA', 'I [nA]', 'v [mV]', 't [ms]', 'vm', 'firing threshold']) expect(svg).toContain(`>${text}<`);
  });

  it('network activity: raster, population activity, voltage traces', async () => {
    seed(11);
    const G = new NeuronGroup(20, 'dv/dt = (-v + 1.2 + 0.5*sqrt(10*ms)*xi)/(10*ms) : 1', { threshold: 'v > 1', reset: 'v = 0', method: 'euler' });
    const spikes = new SpikeMonitor(G);
    const voltage = new StateMonitor(G, 'v', { record: [2, 5, 9, 14] });
    await new Network(G, spikes, voltage).run('200*ms', { backend: 'js' });
    const dt = 1e-4;
    const counts = new Float64Array(2000);
    for (const s of spikes.t.values) counts[Math.round(s / dt)]! += 1 / (20 * dt);
    const rate = { t: { values: Float64Array.from(counts, (_, k) => k * dt) }, rate: { values: counts } };
    const fig = plotNetworkActivity(rate, spikes, voltage, { supTitle: 'twenty neurons' });
    const svg = await toSVG(fig);
    for (const text of ['twenty neurons', 'Raster Plot', 'Population Activity', 'Voltage Traces', 'A(t) [Hz]', 'neuron #', 't [ms]']) expect(svg).toContain(`>${text}<`);
    // Default window: the last 100 ms before the last sample (199.9 ms), as in neurodynex3.
    const domain = /"x":\{[^}]*"scale":\{"domain":\[([\d.]+),([\d.]+)\]/.exec(JSON.stringify(fig.spec))!;
    expect(Number(domain[1])).toBeCloseTo(99.9, 9);
    expect(Number(domain[2])).toBeCloseTo(199.9, 9);
  });

  it('ISI distribution and power spectra', async () => {
    const stats = new PopulationSpikeStats(2, 6, Float64Array.from([0.01, 0.012, 0.02, 0.011]), new Map());
    const isi = await toSVG(plotISIDistribution(stats, { histNrBins: 5 }));
    expect(isi).toContain(`>ISI histogram, CV=${Math.round(stats.CV * 1000) / 1000}<`);
    const freq = [0, 1, 2, 3];
    const { figure, randomNeuronIndex } = plotSpikeTrainPowerSpectrum(freq, [1, 2, 3, 4], new Map([[7, [1, 1, 1, 1]]]), '3*Hz', {
      meanFiringFreqsPerNeuron: new Map([[7, 12.34]]),
      seed: 1,
    });
    expect(randomNeuronIndex).toEqual([7, 7]);
    expect(await toSVG(figure)).toContain('>PS Neuron #7, avg rate=12.3<');
    expect(await toSVG(plotPopulationActivityPowerSpectrum(freq, [1, 2, 3, 4], '3*Hz', { averageAt: 20.04 }))).toContain('>Avg. rate = 20 Hz<');
  });

  it('f–I curves', async () => {
    const curve = { amplitudes: Float64Array.from([0, 0.5e-12, 1e-12]), rates: Float64Array.from([0, 10, 20]), spikeCounts: Int32Array.from([0, 10, 20]) };
    const svg = await toSVG(plotFICurves([{ name: 'NeuronX', curve }]));
    for (const text of ['NeuronX', 'firing rate [Hz]', 'amplitude of the injected step current [pA]']) expect(svg).toContain(`>${text}<`);
  });
});

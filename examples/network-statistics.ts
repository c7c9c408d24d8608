import type { SpikeMonitor } from '../src/index.ts';
import { coefficientOfVariation, interSpikeIntervals } from '../src/neurodynex/spikeTools.ts';

/** Mean firing rate (Hz) and mean CV of the inter-spike intervals over neurons with ≥ 3 spikes. */
export function networkStatistics(spikes: SpikeMonitor, neurons: number, seconds: number): { meanRate: number; cv: number } {
  const cvs: number[] = [];
  for (const train of spikes.spikeTrains().values()) if (train.length >= 3) cvs.push(coefficientOfVariation(interSpikeIntervals(train)));
  return { meanRate: spikes.numSpikes / neurons / seconds, cv: cvs.reduce((a, b) => a + b, 0) / Math.max(1, cvs.length) };
}

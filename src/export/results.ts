/**
 * Monitor results in the format of `spikeforge run --out results.json` (and
 * of the scripts toBrian2Script writes): one entry per monitor, by name, all
 * values in SI units.
 *
 * - SpikeMonitor / EventMonitor: `{"i": [...], "t": [...], "count": [...]}`
 * - StateMonitor: `{"t": [...], "<var>": [[...samples of recorded element 0...], ...]}`
 * - PopulationRateMonitor: `{"t": [...], "rate": [...]}`
 */
import type { Network } from '../core/network.ts';
import { StateMonitor } from '../monitors/statemonitor.ts';
import { EventMonitor } from '../monitors/spikemonitor.ts';
import { PopulationRateMonitor } from '../monitors/ratemonitor.ts';
import { stackedPanels, type StackedPanel } from '../plot/figures.ts';
import type { Figure, Series } from '../plot/types.ts';
import { bestUnitTextForArray } from './numpy-format.ts';

export interface EventResults {
  i: number[];
  t: number[];
  count: number[];
}

export interface RateResults {
  t: number[];
  rate: number[];
}

/** `t`, then one list of traces per recorded variable. */
export type StateResults = { t: number[] } & Record<string, number[] | number[][]>;

export type MonitorResults = EventResults | RateResults | StateResults;

/** What the network's monitors recorded, by monitor name. */
export function monitorResults(network: Network): Record<string, MonitorResults> {
  const out: Record<string, MonitorResults> = {};
  for (const o of network.members) {
    if (o instanceof StateMonitor) {
      const r: StateResults = { t: Array.from(o.t.values) };
      for (const v of o.variables) r[v] = o.get(v).traces().map((tr) => Array.from(tr));
      out[o.name] = r;
    } else if (o instanceof EventMonitor) {
      out[o.name] = { i: Array.from(o.i), t: Array.from(o.t.values), count: Array.from(o.count), ...Object.fromEntries(o.variables.map((v) => [v, Array.from(o.get(v).values)])) };
    } else if (o instanceof PopulationRateMonitor) {
      out[o.name] = { t: Array.from(o.t.values), rate: Array.from(o.rate.values) };
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// A figure of what the monitors recorded (for `spikeforge run --plot`)

/**
 * Traces of every StateMonitor (one panel per variable, one line per
 * recorded element), spike rasters and population rates, over time.
 * `undefined` when the network has no monitor with data.
 */
export function resultsFigure(network: Network, title: string): Figure | undefined {
  const panels: StackedPanel[] = [];
  for (const o of network.members) {
    if (o instanceof StateMonitor) {
      const t = Array.from(o.t.values, (x) => x * 1e3);
      for (const v of o.variables) {
        const rec = o.get(v);
        const traces = rec.traces();
        const all = traces.flatMap((tr) => Array.from(tr));
        const { text, scale } = bestUnitTextForArray(all, rec.dim);
        const series: Series[] = traces.map((tr, k) => ({ name: traces.length > 1 ? `${o.name}[${rec.indices[k]}]` : o.name, x: t, y: Array.from(tr, (y) => y / scale) }));
        panels.push({ title: `${v} (${o.name})`, y: { title: v, ...(text !== '1' ? { unit: text } : {}) }, series });
      }
    } else if (o instanceof EventMonitor && o.record) {
      panels.push({ title: `${o.event === 'spike' ? 'spikes' : o.event} (${o.name})`, y: { title: 'neuron #' }, events: { t: Array.from(o.t.values, (x) => x * 1e3), row: Array.from(o.i) } });
    } else if (o instanceof PopulationRateMonitor) {
      panels.push({ title: `population rate (${o.name})`, y: { title: 'rate', unit: 'Hz' }, series: [{ x: Array.from(o.t.values, (x) => x * 1e3), y: Array.from(o.rate.values) }] });
    }
  }
  if (panels.length === 0) return undefined;
  return stackedPanels({ title, x: { title: 't', unit: 'ms' }, panels });
}

/**
 * The plots of neurodynex3.tools.plot_tools as spikeforge figures: voltage
 * and input current, network activity (raster, population activity,
 * voltage traces), ISI distribution, power spectra; plus the f–I curves of
 * the neuron-type exercise.
 */
import type { SpikeMonitor, StateMonitor, TimedArray } from '../index.ts';
import { COLORS, extent, histogram, lineFigure, padded, PALETTE, stackedPanels, type Figure, type Series, type StackedPanel } from '../plot/index.ts';
import { currentTrace } from './inputFactory.ts';
import { MersenneTwister } from './mt19937.ts';
import { displayUnit, of, show, si, unitOf, type QuantityInput } from './quantities.ts';
import { smoothRate, type FICurve, type PopulationSpikeStats } from './spikeTools.ts';
import { endOf, timesMs, traceIn } from './traces.ts';

/** The unit among pA, nA, µA, mA in which the largest |value| (SI amps) reads best. */
function currentUnit(values: ArrayLike<number>): string {
  let big = 0;
  for (let k = 0; k < values.length; k++) big = Math.max(big, Math.abs(values[k]!));
  return big < 1e-9 ? 'pA' : big < 1e-6 ? 'nA' : big < 1e-3 ? 'uA' : 'mA';
}

/**
 * Input current (top) and membrane voltage (bottom) of the first recorded
 * neuron, with the firing threshold as a dashed line if given.
 */
export function plotVoltageAndCurrentTraces(
  voltageMonitor: StateMonitor,
  current: TimedArray,
  options: { title?: string; firingThreshold?: QuantityInput; variable?: string } = {},
): Figure {
  const t = timesMs(voltageMonitor);
  const amps = currentTrace(current, voltageMonitor.t.values, voltageMonitor.clock.dt_);
  const iUnit = currentUnit(amps);
  const iScale = unitOf(iUnit).scale;
  const I = amps.map((a) => a / iScale);
  const iMin = Math.min(...I);
  const iMax = Math.max(...I);
  const iMargin = 1.05 * (iMax - iMin);
  const v = traceIn(voltageMonitor, options.variable ?? 'v', 'mV');
  const threshold = options.firingThreshold === undefined ? undefined : si(options.firingThreshold, 'volt', 'firing_threshold') * 1e3;
  const vMax = Math.max(...v, threshold ?? -Infinity);
  const vMin = Math.min(...v);
  const vMargin = 0.05 * (vMax - vMin);
  const tEnd = endOf(t);
  const vSeries: Series[] = [{ name: 'vm', x: t, y: v, color: COLORS.blue, width: 1.75 }];
  if (threshold !== undefined) vSeries.push({ name: 'firing threshold', x: [0, tEnd], y: [threshold, threshold], color: COLORS.red, dash: [7, 5], width: 1.75 });
  const range = (lo: number, hi: number, unit: string) => `min ${show(of(Number(lo.toPrecision(4)), unit))}, max ${show(of(Number(hi.toPrecision(4)), unit))}`;
  return stackedPanels({
    title: options.title ?? 'Voltage and input current',
    x: { title: 't', unit: 'ms', domain: [0, tEnd] },
    panels: [
      {
        title: `Input current: ${range(iMin, iMax, iUnit)}`,
        height: 130,
        y: { title: 'I', unit: displayUnit(iUnit), ...(iMargin > 0 ? { domain: [iMin - iMargin, iMax + iMargin] as const } : {}) },
        series: [{ x: t, y: I, color: COLORS.red, width: 2 }],
      },
      {
        title: `Membrane voltage: ${range(vMin, vMax, 'mV')}`,
        height: 240,
        y: { title: 'v', unit: 'mV', ...(vMargin > 0 ? { domain: [vMin - vMargin, vMax + vMargin] as const } : {}) },
        series: vSeries,
      },
    ],
  });
}

/** What plotNetworkActivity needs of a PopulationRateMonitor. */
export interface PopulationRateLike {
  readonly t: { readonly values: Float64Array };
  readonly rate: { readonly values: Float64Array };
}

/**
 * A network simulation at a glance: raster plot, population activity A(t)
 * smoothed over `avgWindowWidth`, and the voltage of a few neurons, over
 * [tMin, tMax] (default: the last 100 ms). `nHighlightedSpiketrains` neurons
 * are marked in the raster (the first in red) and their voltage is shown;
 * with 0, every recorded voltage trace is shown.
 */
export function plotNetworkActivity(
  rateMonitor: PopulationRateLike,
  spikeMonitor: SpikeMonitor,
  voltageMonitor?: StateMonitor,
  options: {
    spikeTrainIdxList?: readonly number[];
    tMin?: QuantityInput;
    tMax?: QuantityInput;
    nHighlightedSpiketrains?: number;
    avgWindowWidth?: QuantityInput;
    supTitle?: string;
  } = {},
): Figure {
  const trains = spikeMonitor.spikeTrains();
  const idxList = [...(options.spikeTrainIdxList ?? (voltageMonitor ? [...voltageMonitor.indices].sort((a, b) => a - b) : [...trains.keys()]))].slice(0, 5000);
  const rateT = rateMonitor.t.values;
  const tMax = options.tMax === undefined ? Math.max(...rateT) * 1e3 : si(options.tMax, 'second', 't_max') * 1e3;
  const tMin = options.tMin === undefined ? Math.max(0, tMax - 100) : si(options.tMin, 'second', 't_min') * 1e3;
  const inWindow = (ms: number) => ms >= tMin && ms <= tMax;

  const nHighlighted = options.nHighlightedSpiketrains ?? 3;
  const highlightedRows = Array.from({ length: nHighlighted }, (_, k) => Math.trunc((idxList.length * (k + 1)) / (nHighlighted + 1)));
  const rowColor = (k: number) => (k === 0 ? COLORS.red : COLORS.black);

  const t: number[] = [];
  const row: number[] = [];
  idxList.forEach((neuron, r) => {
    for (const s of trains.get(neuron) ?? []) {
      if (inWindow(s * 1e3)) {
        t.push(s * 1e3);
        row.push(r);
      }
    }
  });
  const panels: StackedPanel[] = [
    {
      title: 'Raster Plot',
      height: 220,
      y: { title: 'neuron #', domain: [-0.5, Math.max(idxList.length, 1) - 0.5] },
      events: { t, row, highlight: highlightedRows.map((r, k) => ({ row: r, color: rowColor(k) })) },
    },
  ];

  const dt = rateT.length > 1 ? rateT[1]! - rateT[0]! : 1e-4;
  const smoothed = smoothRate(rateMonitor.rate.values, dt, 'flat', options.avgWindowWidth ?? '1*ms');
  const rt: number[] = [];
  const ra: number[] = [];
  rateT.forEach((s, k) => {
    if (inWindow(s * 1e3)) {
      rt.push(s * 1e3);
      ra.push(smoothed[k]!);
    }
  });
  panels.push({ title: 'Population Activity', height: 150, y: { title: 'A(t)', unit: 'Hz' }, series: [{ x: rt, y: ra, color: COLORS.blue, width: 1.5 }] });

  if (voltageMonitor) {
    const rows = nHighlighted === 0 ? idxList.map((_, r) => r) : highlightedRows;
    const vt = timesMs(voltageMonitor);
    const keep = Array.from(vt.keys()).filter((k) => inWindow(vt[k]!));
    const series: Series[] = rows.map((r, k) => {
      const v = voltageMonitor.get('v').of(idxList[r]!);
      return { x: keep.map((j) => vt[j]!), y: keep.map((j) => v[j]! * 1e3), color: k === 0 ? COLORS.red : COLORS.gray, width: 1 };
    });
    // The highlighted (red) trace on top of the gray ones.
    panels.push({ title: 'Voltage Traces', height: 150, y: { title: 'V(t)', unit: 'mV' }, series: series.reverse() });
  }
  return stackedPanels({ title: options.supTitle ?? 'Network activity', x: { title: 't', unit: 'ms', domain: [tMin, tMax] }, panels });
}

/** Histogram of all inter-spike intervals (ms), titled with their CV. */
export function plotISIDistribution(spikeStats: PopulationSpikeStats, options: { histNrBins?: number; xlimMaxISI?: QuantityInput } = {}): Figure {
  const limit = options.xlimMaxISI === undefined ? undefined : si(options.xlimMaxISI, 'second', 'xlim_max_ISI') * 1e3;
  const isi = Array.from(spikeStats.allISI, (s) => s * 1e3).filter((ms) => limit === undefined || ms < limit);
  return histogram({
    title: `ISI histogram, CV=${round(spikeStats.CV, 3)}`,
    subtitle: `${spikeStats.allISI.length} intervals of ${spikeStats.nrNeurons} neurons, mean ${round(spikeStats.meanIsi * 1e3, 2)} ms`,
    x: { title: 'ISI', unit: 'ms', ...(limit === undefined ? {} : { domain: [0, limit] as const }) },
    values: isi,
    bins: options.histNrBins ?? 50,
  });
}

function round(x: number, digits: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 10 ** digits) / 10 ** digits) : 'nan';
}

/**
 * Single-neuron power spectra: `nrHighlightedNeurons` randomly chosen neurons
 * (the first in red, others gray) and the average (blue), in [-0.05·maxFreq, maxFreq].
 */
export function plotSpikeTrainPowerSpectrum(
  freq: ArrayLike<number>,
  meanPs: ArrayLike<number>,
  allPs: ReadonlyMap<number, ArrayLike<number>>,
  maxFreq: QuantityInput,
  options: { nrHighlightedNeurons?: number; meanFiringFreqsPerNeuron?: ReadonlyMap<number, number>; plotF0?: boolean; seed?: number } = {},
): { figure: Figure; randomNeuronIndex: number[] } {
  const fMax = si(maxFreq, 'Hz', 'max_freq');
  const first = options.plotF0 ? 0 : 1;
  const keys = [...allPs.keys()];
  const rng = MersenneTwister.numpy(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const chosen = Array.from({ length: options.nrHighlightedNeurons ?? 2 }, () => keys[Math.floor(rng.random() * keys.length)]!);
  const rates = options.meanFiringFreqsPerNeuron;
  const cut = (y: ArrayLike<number>) => ({ x: Array.from(freq).slice(first), y: Array.from(y).slice(first) });
  const series: Series[] = chosen.map((key, k) => ({
    kind: 'points' as const,
    name: `PS Neuron #${key}${rates ? `, avg rate=${round(rates.get(key) ?? NaN, 1)}` : ''}`,
    ...cut(allPs.get(key)!),
    color: k === 0 ? COLORS.red : '#bfbfbf',
    size: k === 0 ? 30 : 22,
  }));
  const avgRate = rates ? [...rates.values()].reduce((a, b) => a + b, 0) / rates.size : undefined;
  series.push({ kind: 'points', name: `averaged PS${avgRate === undefined ? '' : `, avg rate=${round(avgRate, 1)}`}`, ...cut(meanPs), color: COLORS.blue, size: 22 });
  const figure = lineFigure({
    title: 'Single neuron power spectrum and average',
    x: { title: 'Frequency', unit: 'Hz', domain: [-0.05 * fMax, fMax] },
    y: { title: 'Power', domain: powerRange(series) },
    series,
    rules: [{ x: 0 }],
  });
  return { figure, randomNeuronIndex: chosen };
}

/** From 0 to a little above the largest power: powers are never negative. */
function powerRange(series: readonly { y: ArrayLike<number> }[]): [number, number] {
  let hi = 0;
  for (const s of series) for (let k = 0; k < s.y.length; k++) if (Number.isFinite(s.y[k]!)) hi = Math.max(hi, s.y[k]!);
  return [0, hi > 0 ? hi * 1.05 : 1];
}

/** Power spectrum of the population activity A(t) in [-0.05·maxFreq, maxFreq]. */
export function plotPopulationActivityPowerSpectrum(
  freq: ArrayLike<number>,
  ps: ArrayLike<number>,
  maxFreq: QuantityInput,
  options: { averageAt?: number; plotF0?: boolean } = {},
): Figure {
  const fMax = si(maxFreq, 'Hz', 'max_freq');
  const first = options.plotF0 ? 0 : 1;
  return lineFigure({
    title: 'Power Spectrum of population activity A(t)',
    ...(options.averageAt === undefined ? {} : { subtitle: `Avg. rate = ${round(options.averageAt, 1)} Hz` }),
    x: { title: 'Frequency', unit: 'Hz', domain: [-0.05 * fMax, fMax] },
    y: { title: 'Power', domain: powerRange([{ y: Array.from(ps).slice(first) }]) },
    series: [{ kind: 'points', x: Array.from(freq).slice(first), y: Array.from(ps).slice(first), color: COLORS.blue, size: 22 }],
    rules: [{ x: 0 }],
  });
}

/** f–I curves (rate against step amplitude in pA), one per named curve. */
export function plotFICurves(curves: readonly { name: string; curve: FICurve }[], options: { title?: string; subtitle?: string } = {}): Figure {
  const series: Series[] = [];
  curves.forEach(({ name, curve }, k) => {
    const x = Array.from(curve.amplitudes, (a) => a * 1e12);
    const color = PALETTE[k % PALETTE.length]!;
    series.push({ name, x, y: Array.from(curve.rates), color, width: 2 }, { kind: 'points', x, y: Array.from(curve.rates), color, size: 45 });
  });
  const xs = extent(series.flatMap((s) => Array.from(s.x))) ?? [0, 1];
  const top = Math.max(1, ...series.flatMap((s) => Array.from(s.y)));
  return lineFigure({
    title: options.title ?? 'f–I curves',
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    // A little room around the data, so that markers at the edges (rate 0) are not cut in half.
    x: { title: 'amplitude of the injected step current', unit: 'pA', domain: padded(xs, 0.03) },
    y: { title: 'firing rate', unit: 'Hz', domain: [-0.03 * top, 1.05 * top] },
    series,
  });
}

/**
 * The figure builders: a line plot, panels stacked over a shared time axis,
 * a grid of panels, a raster plot, a phase plane, a histogram. Each returns
 * a Figure (a Vega-Lite spec) and draws nothing itself.
 */
import type { TopLevelSpec } from 'vega-lite';
import { extent, padded } from './data.ts';
import { panelSpec } from './panel.ts';
import { COLORS, SIZE, THEME } from './theme.ts';
import type { AxisSpec, EventRows, Figure, Panel, Series, VectorField } from './types.ts';

export interface FigureText {
  readonly title: string;
  /** A second, smaller line under the title (parameters, a summary). */
  readonly subtitle?: string;
}

// Each panel keeps its own colours and legend: series differ from panel to panel.
const INDEPENDENT = {
  scale: { color: 'independent', strokeDash: 'independent', strokeWidth: 'independent', opacity: 'independent', x: 'independent', y: 'independent' },
  legend: { color: 'independent', strokeDash: 'independent' },
} as const;

function topLevel(text: FigureText, body: object): Figure {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: text.subtitle ? { text: text.title, subtitle: text.subtitle } : { text: text.title },
    config: THEME,
    ...body,
  } as TopLevelSpec;
  return { title: text.title, spec };
}

/** One panel as a figure. */
export function panelFigure(text: FigureText, panel: Panel): Figure {
  return topLevel(text, panelSpec(panel));
}

/** Lines (and markers) over one pair of axes. */
export function lineFigure(
  options: FigureText & { x: AxisSpec; y: AxisSpec; series: readonly Series[]; rules?: Panel['rules']; width?: number; height?: number },
): Figure {
  const { title, subtitle, ...panel } = options;
  return panelFigure(subtitle === undefined ? { title } : { title, subtitle }, panel);
}

/** A stacked panel: everything of a Panel except its x axis, which the stack shares. */
export type StackedPanel = Omit<Panel, 'x' | 'width'>;

/**
 * Panels one above the other over one x axis (e.g. v, w and I over time):
 * the same x range everywhere, the axis labelled only under the last panel.
 */
export function stackedPanels(options: FigureText & { x: AxisSpec; panels: readonly StackedPanel[]; width?: number }): Figure {
  const xDomain = options.x.domain ?? sharedDomain(options.panels);
  const last = options.panels.length - 1;
  const vconcat = options.panels.map((p, k) =>
    panelSpec({ height: SIZE.panelHeight, ...p, width: options.width ?? SIZE.width, x: { ...options.x, domain: xDomain, hidden: k < last } }),
  );
  return topLevel(options, { vconcat, resolve: INDEPENDENT, spacing: 18 });
}

function sharedDomain(panels: readonly StackedPanel[]): [number, number] {
  const xs: number[] = [];
  for (const p of panels) {
    for (const s of p.series ?? []) xs.push(...Array.from(s.x));
    if (p.events) xs.push(...Array.from(p.events.t));
  }
  return extent(xs) ?? [0, 1];
}

/** Panels in rows of `columns` (e.g. a trace next to its phase plane). */
export function gridFigure(options: FigureText & { columns: number; panels: readonly Panel[] }): Figure {
  return topLevel(options, { concat: options.panels.map(panelSpec), columns: options.columns, resolve: INDEPENDENT, spacing: { row: 24, column: 36 } });
}

/** Spike times as ticks, one row per neuron. */
export function raster(options: FigureText & { events: EventRows; x?: AxisSpec; y?: AxisSpec; width?: number; height?: number }): Figure {
  const { title, subtitle, events, ...rest } = options;
  return panelFigure(subtitle === undefined ? { title } : { title, subtitle }, {
    x: rest.x ?? { title: 't', unit: 'ms' },
    y: rest.y ?? { title: 'neuron #' },
    events,
    ...(rest.width ? { width: rest.width } : {}),
    ...(rest.height ? { height: rest.height } : {}),
  });
}

export interface FixedPoint {
  readonly x: number;
  readonly y: number;
  readonly label?: string;
}

/**
 * The phase plane of a 2-D system: its flow as arrows, nullclines,
 * trajectories, fixed points.
 */
export function phasePlane(
  options: FigureText & {
    x: AxisSpec & { domain: readonly [number, number] };
    y: AxisSpec & { domain: readonly [number, number] };
    field?: VectorField;
    nullclines?: readonly Series[];
    trajectories?: readonly Series[];
    fixedPoints?: readonly FixedPoint[];
    width?: number;
    height?: number;
  },
): Figure {
  const series: Series[] = [
    ...(options.nullclines ?? []).map((s) => ({ width: 2.5, ...s })),
    ...(options.trajectories ?? []).map((s) => ({ width: 2, ...s })),
    ...(options.fixedPoints ?? []).map((p, k) => ({
      kind: 'points' as const,
      ...(k === 0 ? { name: 'fixed point' } : {}),
      x: [p.x],
      y: [p.y],
      size: 90,
      color: COLORS.black,
      ...(p.label ? { label: p.label } : {}),
    })),
  ];
  return panelFigure(options, {
    x: options.x,
    y: options.y,
    series,
    ...(options.field ? { field: options.field } : {}),
    width: options.width ?? 560,
    height: options.height ?? 480,
    legend: 'right',
  });
}

/** Counts of `values` in `bins` equal bins over `range` (default: the data's range), like numpy.histogram. */
export function binCounts(values: ArrayLike<number>, bins: number, range?: readonly [number, number]): { edges: Float64Array; counts: Float64Array } {
  const [lo, hi] = range ?? extent(Array.from(values)) ?? [0, 1];
  const [a, b] = lo === hi ? padded([lo, hi], 0) : [lo, hi];
  const edges = Float64Array.from({ length: bins + 1 }, (_, k) => a + ((b - a) * k) / bins);
  const counts = new Float64Array(bins);
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v >= a && v <= b)) continue;
    counts[v === b ? bins - 1 : Math.floor(((v - a) / (b - a)) * bins)]! += 1;
  }
  return { edges, counts };
}

/** A histogram of `values`. */
export function histogram(options: FigureText & { x: AxisSpec; y?: AxisSpec; values: ArrayLike<number>; bins?: number; color?: string; width?: number; height?: number }): Figure {
  const range = options.x.domain;
  const { edges, counts } = binCounts(options.values, options.bins ?? 50, range);
  return panelFigure(options, {
    x: options.x,
    y: options.y ?? { title: 'count' },
    bins: { edges, counts, ...(options.color ? { color: options.color } : {}) },
    ...(options.width ? { width: options.width } : {}),
    ...(options.height ? { height: options.height } : {}),
  });
}

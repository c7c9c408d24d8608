/**
 * A Panel (our vocabulary) as a layered Vega-Lite view: scales with
 * explicit ranges, one layer per kind of mark, a legend for named series.
 */
import type { LayerSpec, UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import { axisTitle, extent, padded, thinIndices } from './data.ts';
import { COLORS, PALETTE, SIZE } from './theme.ts';
import type { AxisSpec, Bins, EventRows, LineSeries, Panel, PointSeries, Series, VectorField } from './types.ts';

type Layer = LayerSpec<Field> | UnitSpec<Field>;
type Row = Record<string, number | string>;

const DEFAULT_MAX_POINTS = 4000;
const SERIES_CHANNELS = {
  color: 'independent',
  opacity: 'independent',
  size: 'independent',
  shape: 'independent',
  strokeDash: 'independent',
  strokeWidth: 'independent',
  fillOpacity: 'independent',
} as const;
const SOLID = [1, 0];

/** The Vega-Lite spec of one panel (no top-level title or config). */
export function panelSpec(panel: Panel): LayerSpec<Field> {
  const width = panel.width ?? SIZE.width;
  const height = panel.height ?? SIZE.height;
  // Markers at the ends of the x range would be cut in half: give them a margin (and keep it, not rounded out).
  const markers = (panel.series ?? []).some((s) => s.kind === 'points');
  const xDomain = panel.x.domain ?? dataDomain(panel, 'x', markers);
  const yDomain = panel.y.domain ?? dataDomain(panel, 'y', true);
  // Arrow directions are computed in pixels, so a field needs the ranges exactly as given.
  const exact = panel.field !== undefined;
  const x = { ...positional(panel.x, xDomain, exact || (markers && panel.x.domain === undefined && panel.x.nice === undefined)), field: 'x' };
  const y = { ...positional(panel.y, yDomain, exact), field: 'y' };

  const layers: Layer[] = [];
  for (const rule of panel.rules ?? []) layers.push(ruleLayer(rule));
  if (panel.bins) layers.push(binsLayer(panel.bins, x, y));
  if (panel.field) layers.push(fieldLayer(panel.field, x, y, xDomain, yDomain, width, height));
  if (panel.events) layers.push(...eventLayers(panel.events, x, y, height, yDomain));
  layers.push(...seriesLayers(panel.series ?? [], x, y, panel.legend ?? 'top'));

  return {
    ...(panel.title ? { title: { text: panel.title, fontSize: 13, fontWeight: 'bold', anchor: 'start' as const, offset: 6 } } : {}),
    width,
    height,
    layer: layers,
    // Lines, markers and a vector field each keep their own colours and legend.
    resolve: { scale: SERIES_CHANNELS, legend: SERIES_CHANNELS },
  };
}

type Positional = ReturnType<typeof positional>;

/** A range given by the caller (or marked `exact`) is kept as it is; one taken from the data is rounded out to ticks. */
function positional(axis: AxisSpec, domain: readonly [number, number], exact: boolean) {
  const nice = exact ? false : (axis.nice ?? axis.domain === undefined);
  return {
    type: 'quantitative' as const,
    scale: { domain: [domain[0], domain[1]], nice, zero: false, type: axis.scale ?? 'linear' },
    axis: axis.hidden
      ? { title: null, labels: false, ticks: false, grid: true, ...(axis.tickCount ? { tickCount: axis.tickCount } : {}) }
      : { title: axisTitle(axis.title, axis.unit), grid: true, ...(axis.tickCount ? { tickCount: axis.tickCount } : {}) },
  };
}

/** The data's range, with a margin if asked (y: so that lines do not run along the frame). */
function dataDomain(panel: Panel, which: 'x' | 'y', margin: boolean): [number, number] {
  const range = extent(allValues(panel, which)) ?? [0, 1];
  if (which === 'y' && panel.bins) return [0, padded(range, 0.05)[1]];
  if (which === 'y' && panel.events) return [range[0] - 0.5, range[1] + 0.5];
  if (range[0] === range[1]) return padded(range);
  return margin ? padded(range, which === 'x' ? 0.025 : 0.05) : range;
}

function* allValues(panel: Panel, which: 'x' | 'y'): Iterable<number> {
  for (const s of panel.series ?? []) yield* Array.from(s[which]);
  if (panel.field) yield* Array.from(panel.field[which]);
  if (panel.events) yield* Array.from(which === 'x' ? panel.events.t : panel.events.row);
  if (panel.bins) yield* which === 'x' ? Array.from(panel.bins.edges) : Array.from(panel.bins.counts);
  for (const r of panel.rules ?? []) {
    const v = r[which];
    if (v !== undefined) yield v;
  }
}

function ruleLayer(rule: NonNullable<Panel['rules']>[number]): UnitSpec<Field> {
  const at = rule.x !== undefined ? { x: { datum: rule.x, type: 'quantitative' as const } } : { y: { datum: rule.y ?? 0, type: 'quantitative' as const } };
  // One datum, so that the rule is drawn exactly once.
  return { data: { values: [{}] }, mark: { type: 'rule', color: rule.color ?? COLORS.black, strokeWidth: 1, strokeDash: [...(rule.dash ?? SOLID)] }, encoding: at };
}

function binsLayer(bins: Bins, x: Positional & { field: string }, y: Positional & { field: string }): UnitSpec<Field> {
  const values: Row[] = [];
  for (let k = 0; k < bins.counts.length; k++) values.push({ x: bins.edges[k]!, x2: bins.edges[k + 1]!, y: bins.counts[k]! });
  return {
    data: { values },
    mark: { type: 'rect', color: bins.color ?? COLORS.blue, stroke: 'white', strokeWidth: 0.5 },
    encoding: { x, x2: { field: 'x2' }, y, y2: { datum: 0 } },
  };
}

/**
 * Arrows of one length pointing along the flow, coloured by its speed —
 * easier to read than arrows scaled by speed, which vanish near fixed points.
 */
function fieldLayer(
  field: VectorField,
  x: Positional & { field: string },
  y: Positional & { field: string },
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  width: number,
  height: number,
): UnitSpec<Field> {
  const sx = width / (xDomain[1] - xDomain[0]);
  const sy = height / (yDomain[1] - yDomain[0]);
  const values: Row[] = [];
  for (let k = 0; k < field.x.length; k++) {
    const dx = field.dx[k]!;
    const dy = field.dy[k]!;
    // Vega rotates symbols clockwise from "up" in screen space (y grows downwards there).
    const angle = (Math.atan2(dx * sx, dy * sy) * 180) / Math.PI;
    values.push({ x: field.x[k]!, y: field.y[k]!, angle, m: Math.hypot(dx, dy) });
  }
  return {
    data: { values },
    mark: { type: 'point', shape: 'arrow', filled: true, size: 150, opacity: 0.85, strokeWidth: 0 },
    encoding: {
      x,
      y,
      angle: { field: 'angle', type: 'quantitative', scale: { domain: [-360, 360], range: [-360, 360] } },
      color: {
        field: 'm',
        type: 'quantitative',
        // Slow flow in light blue, fast in dark blue: visible on white, quieter than the curves drawn over it.
        scale: { range: ['#b3cde3', '#08306b'], zero: true },
        legend: { title: field.magnitudeTitle ?? 'speed', orient: 'right', direction: 'vertical', gradientLength: 140 },
      },
    },
  };
}

function eventLayers(events: EventRows, x: Positional & { field: string }, y: Positional & { field: string }, height: number, yDomain: readonly [number, number]): Layer[] {
  const rows = yDomain[1] - yDomain[0];
  const tickSize = Math.max(2, Math.min(12, (0.8 * height) / Math.max(1, rows)));
  const highlight = new Map((events.highlight ?? []).map((h) => [h.row, h.color]));
  const plain: Row[] = [];
  const marked: Row[] = [];
  for (let k = 0; k < events.t.length; k++) {
    const row = events.row[k]!;
    const c = highlight.get(row);
    if (c === undefined) plain.push({ x: events.t[k]!, y: row });
    else marked.push({ x: events.t[k]!, y: row, c });
  }
  const layers: Layer[] = [];
  if (highlight.size > 0) {
    layers.push({
      data: { values: [...highlight.keys()].map((row) => ({ y: row })) },
      mark: { type: 'rule', color: COLORS.lightGray, strokeWidth: 1 },
      encoding: { y },
    });
  }
  layers.push({
    data: { values: plain },
    mark: { type: 'tick', orient: 'vertical', thickness: 1.3, size: tickSize, color: events.color ?? COLORS.black },
    encoding: { x, y },
  });
  if (marked.length > 0) {
    layers.push({
      data: { values: marked },
      mark: { type: 'tick', orient: 'vertical', thickness: 2.2, size: tickSize * 1.6 },
      encoding: { x, y, color: { field: 'c', type: 'nominal', scale: null, legend: null } },
    });
  }
  return layers;
}

interface Styled<S extends Series> {
  key: string;
  series: S;
  color: string;
}

/**
 * Lines in one layer, markers in another. Each layer has its own colour
 * scale and one legend (Vega-Lite merges the legends of channels that share
 * field and title), so a line's legend entry shows its dash and width.
 */
function seriesLayers(series: readonly Series[], x: Positional & { field: string }, y: Positional & { field: string }, legendOrient: LegendOrient): Layer[] {
  let next = 0;
  const styled = series.map((s, k) => ({ key: s.name ?? `series ${k + 1}`, series: s, color: s.color ?? PALETTE[next++ % PALETTE.length]! }));
  const lines = styled.filter((s): s is Styled<LineSeries> => s.series.kind !== 'points');
  const points = styled.filter((s): s is Styled<PointSeries> => s.series.kind === 'points');
  const layers: Layer[] = [];
  if (lines.length > 0) layers.push(lineLayer(lines, x, y, legendOrient));
  if (points.length > 0) layers.push(...pointLayers(points, x, y, legendOrient));
  return layers;
}

type LegendOrient = 'top' | 'right';

/** One legend for the named series, shared by every channel keyed by the series field. */
function seriesLegend(styled: readonly Styled<Series>[], orient: LegendOrient): object | null {
  const named = styled.filter((s) => s.series.name !== undefined).map((s) => s.key);
  if (named.length === 0) return null;
  return orient === 'right' ? { title: null, values: named, orient: 'right', direction: 'vertical' } : { title: null, values: named, columns: Math.min(named.length, 4) };
}

/** An encoding of the series field `field` onto `range`, one value per series. */
function bySeries(field: string, type: 'nominal' | 'ordinal', styled: readonly Styled<Series>[], range: unknown[], legend: object | null) {
  const keys = styled.map((s) => s.key);
  // Size-like channels need an ordered field; an 'ordinal' scale then maps each series to its
  // own value (Vega-Lite's default, a 'point' scale, would interpolate between the range's ends).
  return { field, type, ...(type === 'ordinal' ? { sort: keys } : {}), scale: { type: 'ordinal', domain: keys, range }, legend };
}

function lineLayer(lines: Styled<LineSeries>[], x: Positional & { field: string }, y: Positional & { field: string }, orient: LegendOrient): UnitSpec<Field> {
  const values: Row[] = [];
  for (const { key, series: s } of lines) {
    for (const k of thinIndices(s.x, s.y, s.maxPoints ?? DEFAULT_MAX_POINTS)) values.push({ s: key, k, x: s.x[k]!, y: s.y[k]! });
  }
  const legend = seriesLegend(lines, orient);
  return {
    data: { values },
    mark: { type: 'line', clip: true },
    encoding: {
      x,
      y,
      order: { field: 'k', type: 'quantitative' },
      color: bySeries('s', 'nominal', lines, lines.map((l) => l.color), legend),
      strokeDash: bySeries('s', 'nominal', lines, lines.map((l) => [...(l.series.dash ?? SOLID)]), legend),
      strokeWidth: bySeries('s', 'ordinal', lines, lines.map((l) => l.series.width ?? 1.75), legend),
      opacity: bySeries('s', 'ordinal', lines, lines.map((l) => l.series.opacity ?? 1), legend),
    },
  } as UnitSpec<Field>;
}

function pointLayers(points: Styled<PointSeries>[], x: Positional & { field: string }, y: Positional & { field: string }, orient: LegendOrient): Layer[] {
  const values: Row[] = [];
  const labels: Row[] = [];
  for (const { key, series: s } of points) {
    for (let k = 0; k < s.x.length; k++) {
      if (!Number.isFinite(s.x[k]!) || !Number.isFinite(s.y[k]!)) continue;
      values.push({ p: key, x: s.x[k]!, y: s.y[k]! });
      if (s.label) labels.push({ x: s.x[k]!, y: s.y[k]!, text: s.label });
    }
  }
  const legend = seriesLegend(points, orient);
  const layers: Layer[] = [
    {
      data: { values },
      mark: { type: 'point', clip: true, filled: true, strokeWidth: 1.25 },
      encoding: {
        x,
        y,
        color: bySeries('p', 'nominal', points, points.map((p) => p.color), legend),
        shape: bySeries('p', 'nominal', points, points.map((p) => p.series.shape ?? 'circle'), legend),
        size: bySeries('p', 'ordinal', points, points.map((p) => p.series.size ?? 30), legend),
        opacity: bySeries('p', 'ordinal', points, points.map((p) => p.series.opacity ?? 1), legend),
        fillOpacity: bySeries('p', 'ordinal', points, points.map((p) => (p.series.filled === false ? 0 : 1)), legend),
      },
    } as UnitSpec<Field>,
  ];
  if (labels.length > 0) {
    layers.push({
      data: { values: labels },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 7, dy: -4, fontSize: 11.5, color: COLORS.black },
      encoding: { x, y, text: { field: 'text', type: 'nominal' } },
    } as UnitSpec<Field>);
  }
  return layers;
}

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

const DEFAULT_MAX_POINTS = 2500;
const SOLID = [1, 0];

/** The Vega-Lite spec of one panel (no top-level title or config). */
export function panelSpec(panel: Panel): LayerSpec<Field> {
  const width = panel.width ?? SIZE.width;
  const height = panel.height ?? SIZE.height;
  const xDomain = panel.x.domain ?? dataDomain(panel, 'x', false);
  const yDomain = panel.y.domain ?? dataDomain(panel, 'y', true);
  // Arrow directions are computed in pixels, so a field needs the ranges exactly as given.
  const exact = panel.field !== undefined;
  const x = { ...positional(panel.x, xDomain, exact), field: 'x' };
  const y = { ...positional(panel.y, yDomain, exact), field: 'y' };

  const layers: Layer[] = [];
  for (const rule of panel.rules ?? []) layers.push(ruleLayer(rule));
  if (panel.bins) layers.push(binsLayer(panel.bins, x, y));
  if (panel.field) layers.push(fieldLayer(panel.field, x, y, xDomain, yDomain, width, height));
  if (panel.events) layers.push(...eventLayers(panel.events, x, y, height, yDomain));
  layers.push(...seriesLayers(panel.series ?? [], x, y));

  return {
    ...(panel.title ? { title: { text: panel.title, fontSize: 13, fontWeight: 'bold', anchor: 'start' as const, offset: 6 } } : {}),
    width,
    height,
    layer: layers,
  };
}

type Positional = ReturnType<typeof positional>;

/** A range given by the caller is kept as it is; one taken from the data is rounded out to ticks. */
function positional(axis: AxisSpec, domain: readonly [number, number], exact: boolean) {
  const nice = exact ? false : (axis.nice ?? axis.domain === undefined);
  return {
    type: 'quantitative' as const,
    scale: { domain: [domain[0], domain[1]], nice, zero: false, type: axis.scale ?? 'linear', clamp: exact },
    axis: axis.hidden
      ? { title: null, labels: false, ticks: false, grid: true, ...(axis.tickCount ? { tickCount: axis.tickCount } : {}) }
      : { title: axisTitle(axis.title, axis.unit), grid: true, ...(axis.tickCount ? { tickCount: axis.tickCount } : {}) },
  };
}

/** The data's range; for y with a 5 % margin, so that lines do not run along the frame. */
function dataDomain(panel: Panel, which: 'x' | 'y', margin: boolean): [number, number] {
  const range = extent(allValues(panel, which)) ?? [0, 1];
  if (which === 'y' && panel.bins) return [0, padded(range, 0.05)[1]];
  if (which === 'y' && panel.events) return [range[0] - 0.5, range[1] + 0.5];
  return margin || range[0] === range[1] ? padded(range) : range;
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
  return { mark: { type: 'rule', color: rule.color ?? COLORS.black, strokeWidth: 1, strokeDash: [...(rule.dash ?? SOLID)] }, encoding: at };
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
        scale: { scheme: 'viridis', reverse: true },
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

interface Styled {
  key: string;
  series: Series;
  color: string;
}

/** Lines in one layer and points in another, sharing one colour scale and one legend. */
function seriesLayers(series: readonly Series[], x: Positional & { field: string }, y: Positional & { field: string }): Layer[] {
  if (series.length === 0) return [];
  let next = 0;
  const styled: Styled[] = series.map((s, k) => ({ key: s.name ?? `series ${k + 1}`, series: s, color: s.color ?? PALETTE[next++ % PALETTE.length]! }));
  const named = styled.filter((s) => s.series.name !== undefined).map((s) => s.key);
  const color = {
    field: 's',
    type: 'nominal' as const,
    scale: { domain: styled.map((s) => s.key), range: styled.map((s) => s.color) },
    legend: named.length > 0 ? { title: null, values: named } : null,
  };
  const lines = styled.filter((s) => s.series.kind !== 'points');
  const points = styled.filter((s) => s.series.kind === 'points');
  const layers: Layer[] = [];
  if (lines.length > 0) layers.push(lineLayer(lines, x, y, color));
  if (points.length > 0) layers.push(...pointLayers(points, x, y, color));
  return layers;
}

function lineLayer(lines: Styled[], x: Positional & { field: string }, y: Positional & { field: string }, color: object): UnitSpec<Field> {
  const values: Row[] = [];
  for (const { key, series } of lines) {
    const s = series as LineSeries;
    for (const k of thinIndices(s.y, s.maxPoints ?? DEFAULT_MAX_POINTS)) {
      if (Number.isFinite(s.x[k]!)) values.push({ s: key, k, x: s.x[k]!, y: s.y[k]! });
    }
  }
  const keys = lines.map((l) => l.key);
  const named = lines.filter((l) => l.series.name !== undefined).map((l) => l.key);
  // Every channel keyed by the series gets the same legend, so Vega-Lite merges them into one.
  const legend = named.length > 0 ? { title: null, values: named } : null;
  return {
    data: { values },
    mark: { type: 'line', clip: true },
    encoding: {
      x,
      y,
      order: { field: 'k', type: 'quantitative' },
      color,
      strokeDash: { field: 's', type: 'nominal', scale: { domain: keys, range: lines.map((l) => [...((l.series as LineSeries).dash ?? SOLID)]) }, legend },
      // Ordinal, not nominal: Vega-Lite accepts size-like channels only on ordered fields.
      strokeWidth: { field: 's', type: 'ordinal', sort: keys, scale: { domain: keys, range: lines.map((l) => (l.series as LineSeries).width ?? 1.75) }, legend },
      opacity: { field: 's', type: 'ordinal', sort: keys, scale: { domain: keys, range: lines.map((l) => l.series.opacity ?? 1) }, legend },
    },
  } as UnitSpec<Field>;
}

function pointLayers(points: Styled[], x: Positional & { field: string }, y: Positional & { field: string }, color: object): Layer[] {
  const layers: Layer[] = [];
  for (const { key, series } of points) {
    const s = series as PointSeries;
    const values: Row[] = [];
    for (let k = 0; k < s.x.length; k++) if (Number.isFinite(s.x[k]!) && Number.isFinite(s.y[k]!)) values.push({ s: key, x: s.x[k]!, y: s.y[k]! });
    layers.push({
      data: { values },
      mark: { type: 'point', shape: s.shape ?? 'circle', filled: s.filled ?? true, size: s.size ?? 30, opacity: s.opacity ?? 1, clip: true },
      encoding: { x, y, color },
    } as UnitSpec<Field>);
    if (s.label) {
      layers.push({
        data: { values },
        mark: { type: 'text', text: s.label, align: 'left', baseline: 'bottom', dx: 7, dy: -4, fontSize: 11.5, color: COLORS.black },
        encoding: { x, y },
      } as UnitSpec<Field>);
    }
  }
  return layers;
}

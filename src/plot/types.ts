/**
 * The vocabulary of spikeforge figures: axes with units, series of numbers,
 * panels that hold them. Everything here is plain data, so a figure can be
 * built anywhere (Node, browser, worker) and rendered elsewhere.
 */
import type { TopLevelSpec } from 'vega-lite';

/** One axis: what it shows, in which unit, over which range. */
export interface AxisSpec {
  /** What the axis shows, e.g. "v" or "membrane voltage". */
  readonly title: string;
  /** Unit of the numbers on the axis, shown as "title [unit]". */
  readonly unit?: string;
  /** Fixed range; default: from the data (x exactly, y with a small margin). */
  readonly domain?: readonly [number, number];
  readonly scale?: 'linear' | 'log';
  /** Round the range out to tick values (default: only a range taken from the data; never with a vector field). */
  readonly nice?: boolean;
  /** Approximate number of ticks. */
  readonly tickCount?: number;
  /** Hide the axis labels and title (for panels that share the axis of the panel below). */
  readonly hidden?: boolean;
}

interface SeriesBase {
  /** Legend entry; series without a name are not listed. */
  readonly name?: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** CSS colour; default: the next colour of the palette. */
  readonly color?: string;
  readonly opacity?: number;
}

/** A polyline through (x[k], y[k]) in the order given (so trajectories may loop). */
export interface LineSeries extends SeriesBase {
  readonly kind?: 'line';
  /** Dash pattern in pixels, e.g. [6, 4]. */
  readonly dash?: readonly number[];
  /** Stroke width in pixels (default 1.75). */
  readonly width?: number;
  /** Longer series are thinned to about this many points, keeping each bucket's extremes (default 4000). */
  readonly maxPoints?: number;
}

/** Markers at (x[k], y[k]). */
export interface PointSeries extends SeriesBase {
  readonly kind: 'points';
  /** Marker area in square pixels (default 30). */
  readonly size?: number;
  readonly shape?: 'circle' | 'square' | 'diamond' | 'cross' | 'triangle-up';
  readonly filled?: boolean;
  /** A text written next to every marker (e.g. "fixed point"). */
  readonly label?: string;
}

export type Series = LineSeries | PointSeries;

/** A field of arrows (a quiver plot): at (x[k], y[k]) an arrow along (dx[k], dy[k]). */
export interface VectorField {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly dx: ArrayLike<number>;
  readonly dy: ArrayLike<number>;
  /** Legend title of the colour scale, which shows the arrows' length |(dx, dy)|. */
  readonly magnitudeTitle?: string;
}

/** Events drawn as short vertical ticks in rows (a raster plot). */
export interface EventRows {
  /** Event times (x). */
  readonly t: ArrayLike<number>;
  /** Row of each event (y), e.g. the neuron index. */
  readonly row: ArrayLike<number>;
  readonly color?: string;
  /** Rows drawn in another colour, with a light guide line (e.g. the neurons whose voltage is shown). */
  readonly highlight?: readonly { readonly row: number; readonly color: string }[];
}

/** Pre-binned counts drawn as bars (a histogram). */
export interface Bins {
  /** Bin edges, one more than counts. */
  readonly edges: ArrayLike<number>;
  readonly counts: ArrayLike<number>;
  readonly color?: string;
}

/** One plotting area. */
export interface Panel {
  readonly title?: string;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  readonly series?: readonly Series[];
  readonly field?: VectorField;
  readonly events?: EventRows;
  readonly bins?: Bins;
  /** Plot area size in pixels. */
  readonly width?: number;
  readonly height?: number;
  /** Where the legend of the named series goes (default: above the plot). */
  readonly legend?: 'top' | 'right';
  /** Horizontal/vertical reference lines (e.g. x = 0). */
  readonly rules?: readonly { readonly x?: number; readonly y?: number; readonly color?: string; readonly dash?: readonly number[] }[];
}

/**
 * A figure: a Vega-Lite specification, ready for `toSVG`/`toPNG`, or for
 * vega-embed in a page.
 */
export interface Figure {
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/**
 * spikeforge's plot layer, for Node and browsers: figures are Vega-Lite
 * specs; `toSVG` renders them anywhere. PNG output and file writing are
 * Node-only and live in `src/plot/node.ts`.
 */
export type { AxisSpec, Bins, EventRows, Figure, LineSeries, Panel, PointSeries, Series, VectorField } from './types.ts';
export { binCounts, gridFigure, histogram, lineFigure, panelFigure, phasePlane, raster, stackedPanels, type FigureText, type FixedPoint, type StackedPanel } from './figures.ts';
export { axisTitle, extent, padded, thinIndices } from './data.ts';
export { COLORS, PALETTE } from './theme.ts';
export { setTextMeasure, toSVG, toVegaSpec, type TextMeasure } from './render.ts';

/**
 * One look for every spikeforge figure: the font the PNG renderer ships
 * with, sizes readable when the image is shrunk onto a slide, light grids.
 */
import type { Config } from 'vega-lite';

/** The font family of all text; src/plot/node.ts gives resvg exactly this font. */
export const FONT_FAMILY = 'DejaVu Sans';
/** What browsers fall back to when DejaVu Sans is not installed there. */
const FONT_STACK = `${FONT_FAMILY}, Verdana, Helvetica, Arial, sans-serif`;

/** Colours for series without one: matplotlib's first colours, which neurodynex users know. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'] as const;

export const COLORS = {
  black: '#222222',
  gray: '#9a9a9a',
  lightGray: '#e2e2e2',
  red: '#d62728',
  blue: '#1f77b4',
} as const;

/** Default plot-area sizes in pixels. */
export const SIZE = {
  width: 640,
  height: 320,
  panelHeight: 170,
} as const;

export const THEME: Config = {
  font: FONT_STACK,
  background: 'white',
  padding: 16,
  view: { stroke: '#bdbdbd' },
  title: {
    fontSize: 17,
    fontWeight: 'bold',
    color: '#111111',
    anchor: 'start',
    offset: 12,
    subtitleFontSize: 12.5,
    subtitleColor: '#555555',
    subtitlePadding: 4,
  },
  axis: {
    labelFontSize: 11.5,
    titleFontSize: 12.5,
    titleFontWeight: 'normal',
    titleColor: '#222222',
    labelColor: '#333333',
    gridColor: '#ececec',
    domainColor: '#8c8c8c',
    tickColor: '#8c8c8c',
    titlePadding: 8,
    labelFlush: true,
    labelOverlap: 'parity',
    // 1000 rather than 1,000 or 1k: axes show measured values, often in ms.
    format: '~r',
  },
  axisX: { tickCount: 8 },
  axisY: { tickCount: 5 },
  legend: {
    labelFontSize: 11.5,
    titleFontSize: 11.5,
    titleFontWeight: 'normal',
    symbolStrokeWidth: 2.5,
    symbolSize: 220,
    labelLimit: 420,
    orient: 'top',
    direction: 'horizontal',
    columnPadding: 14,
    padding: 2,
    offset: 6,
  },
  concat: { spacing: 14 },
  line: { strokeWidth: 1.75, strokeCap: 'round', strokeJoin: 'round' },
};

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { binCounts, histogram, lineFigure, phasePlane, raster, stackedPanels, thinIndices, toSVG } from '../../src/plot/index.ts';
import { readAdvanceWidths } from '../../src/plot/fontmetrics.ts';
import { saveFigure, toPNG } from '../../src/plot/node.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const t = Array.from({ length: 2001 }, (_, k) => k * 0.1);
const v = t.map((x) => -65 + 10 * Math.sin(x / 10) + (Math.abs(x - 100) < 0.05 ? 80 : 0));

const figure = () =>
  lineFigure({
    title: 'Membrane voltage',
    subtitle: 'a test',
    x: { title: 't', unit: 'ms' },
    y: { title: 'v', unit: 'mV' },
    series: [
      { name: 'vm', x: t, y: v },
      { name: 'firing threshold', x: [0, 200], y: [-50, -50], dash: [6, 4] },
    ],
  });

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe('figures', () => {
  it('render to SVG with titles, units and a legend', async () => {
    const svg = await toSVG(figure());
    for (const text of ['Membrane voltage', 'a test', 't [ms]', 'v [mV]', 'vm', 'firing threshold']) expect(svg).toContain(`>${text}<`);
  });

  it('render to PNG with the shipped font (no system fonts)', async () => {
    const a = await toPNG(lineFigure({ title: 'Alpha', x: { title: 'x' }, y: { title: 'y' }, series: [{ x: [0, 1], y: [0, 1] }] }));
    const b = await toPNG(lineFigure({ title: 'Omega', x: { title: 'x' }, y: { title: 'y' }, series: [{ x: [0, 1], y: [0, 1] }] }));
    expect(Array.from(a.subarray(1, 4), (c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // Without a usable font resvg draws no text, and the two images would be identical.
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    const svg = await toSVG(lineFigure({ title: 'Alpha', x: { title: 'x' }, y: { title: 'y' }, series: [{ x: [0, 1], y: [0, 1] }] }));
    const width = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);
    expect(pngSize(a)[0]).toBe(Math.round(2 * width));
  });

  it('stack panels over one time axis, labelled once', () => {
    const fig = stackedPanels({
      title: 'stack',
      x: { title: 't', unit: 'ms' },
      panels: [
        { y: { title: 'v', unit: 'mV' }, series: [{ x: t, y: v }] },
        { y: { title: 'I', unit: 'pA' }, series: [{ x: t, y: t.map(() => 1) }] },
      ],
    });
    const spec = JSON.stringify(fig.spec);
    expect(spec.match(/t \[ms\]/g)).toHaveLength(1);
    expect(spec).toContain('"domain":[0,200]');
  });

  it('draw rasters, phase planes and histograms', async () => {
    const svgs = await Promise.all([
      toSVG(raster({ title: 'raster', events: { t: [1, 2, 3], row: [0, 1, 2], highlight: [{ row: 1, color: 'red' }] } })),
      toSVG(phasePlane({ title: 'plane', x: { title: 'u', domain: [-1, 1] }, y: { title: 'w', domain: [-1, 1] }, field: { x: [0, 0.5], y: [0, 0.5], dx: [1, 0], dy: [0, 1] }, fixedPoints: [{ x: 0, y: 0, label: 'stable' }] })),
      toSVG(histogram({ title: 'ISI', x: { title: 'ISI', unit: 'ms' }, values: [1, 2, 2, 3], bins: 3 })),
    ]);
    expect(svgs[0]).toContain('>neuron #<');
    expect(svgs[1]).toContain('>stable<');
    expect(svgs[1]).toContain('>fixed point<');
    expect(svgs[2]).toContain('>count<');
  });

  it('save as SVG, PNG or Vega-Lite JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikeforge-plot-'));
    for (const ext of ['svg', 'png', 'json']) await saveFigure(figure(), join(dir, 'sub', `f.${ext}`));
    expect(readdirSync(join(dir, 'sub')).sort()).toEqual(['f.json', 'f.png', 'f.svg']);
    expect(JSON.parse(readFileSync(join(dir, 'sub', 'f.json'), 'utf8')).title.text).toBe('Membrane voltage');
    await expect(saveFigure(figure(), join(dir, 'f.pdf'))).rejects.toThrow(/use .svg, .png or .json/);
  });
});

describe('data helpers', () => {
  it('thin long series but keep their extremes', () => {
    const keep = thinIndices(t, v, 400);
    expect(keep.length).toBeLessThanOrEqual(402);
    expect(keep).toContain(v.indexOf(Math.max(...v)));
    expect(keep[0]).toBe(0);
    expect(keep.at(-1)).toBe(t.length - 1);
    expect(thinIndices([0, 1, 2], [0, NaN, 2], 10)).toEqual([0, 2]);
  });

  it('bin like numpy.histogram (last bin closed)', () => {
    const { edges, counts } = binCounts([0, 1, 1, 2, 3, 4], 4);
    expect(Array.from(edges)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(counts)).toEqual([1, 2, 1, 2]);
  });
});

describe('the shipped font', () => {
  it('gives advance widths', () => {
    const width = readAdvanceWidths(readFileSync(join(ROOT, 'assets', 'fonts', 'DejaVuSans.ttf')));
    expect(width('a'.codePointAt(0)!)).toBeCloseTo(1255 / 2048, 6);
    expect(width('M'.codePointAt(0)!)!).toBeGreaterThan(width('i'.codePointAt(0)!)!);
    expect(width('µ'.codePointAt(0)!)).toBeGreaterThan(0);
    expect(width(0xe000)).toBeUndefined();
  });
});

describe('platform neutrality', () => {
  it('only node.ts uses Node APIs, and Vega is loaded on first use', () => {
    const dir = join(ROOT, 'src', 'plot');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'node.ts')) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/from 'node:/);
      expect(source, file).not.toMatch(/^import (?!type)[^;]*from 'vega(-lite)?'/m);
    }
  });
});

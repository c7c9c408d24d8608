/**
 * The Node half of the plot layer: PNG rendering with resvg and the font
 * shipped in assets/fonts (never the machine's fonts, so images look the
 * same everywhere), and writing figures to files.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAdvanceWidths, type AdvanceWidths } from './fontmetrics.ts';
import { setTextMeasure, toSVG } from './render.ts';
import { FONT_FAMILY } from './theme.ts';
import type { Figure } from './types.ts';

const FONT_FILES = {
  regular: fileURLToPath(new URL('../../assets/fonts/DejaVuSans.ttf', import.meta.url)),
  bold: fileURLToPath(new URL('../../assets/fonts/DejaVuSans-Bold.ttf', import.meta.url)),
};

let widths: { regular: AdvanceWidths; bold: AdvanceWidths } | undefined;

// Installed on import but reads the font files only when Vega first measures text.
setTextMeasure((text, fontSize, bold) => {
  widths ??= { regular: readAdvanceWidths(readFileSync(FONT_FILES.regular)), bold: readAdvanceWidths(readFileSync(FONT_FILES.bold)) };
  const advance = bold ? widths.bold : widths.regular;
  let em = 0;
  // Characters missing from the font are drawn by resvg as a box about 0.6 em wide.
  for (const ch of text) em += advance(ch.codePointAt(0)!) ?? 0.6;
  return em * fontSize;
});

export interface PngOptions {
  /** Pixels per SVG unit (default 2, sharp on high-density screens and slides). */
  scale?: number;
}

/** The figure as a PNG image. */
export async function toPNG(fig: Figure, options: PngOptions = {}): Promise<Uint8Array> {
  const svg = await toSVG(fig);
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

/**
 * Write the figure to `path`; the extension chooses the format: .svg, .png,
 * or .json (the Vega-Lite spec, for vega-embed in a page). Returns the path.
 */
export async function saveFigure(fig: Figure, path: string, options: PngOptions = {}): Promise<string> {
  const ext = extname(path).toLowerCase();
  let content: string | Uint8Array;
  if (ext === '.svg') content = await toSVG(fig);
  else if (ext === '.png') content = await toPNG(fig, options);
  else if (ext === '.json') content = JSON.stringify(fig.spec, null, 1);
  else throw new Error(`Cannot save a figure as '${ext || path}': use .svg, .png or .json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return path;
}

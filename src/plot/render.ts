/**
 * Figures to Vega specs and SVG text, in Node and in browsers alike. Vega
 * and Vega-Lite are imported on first use: they are large, and most users
 * of spikeforge never draw anything.
 */
import type { Figure } from './types.ts';

/** Measures text in pixels: (text, font size in px, bold) → width. */
export type TextMeasure = (text: string, fontSize: number, bold: boolean) => number;

let measure: TextMeasure | undefined;

/**
 * Lay text out with these metrics instead of Vega's guess (0.8·size per
 * character, far too wide for most fonts). Browsers measure with a canvas and
 * need none; in Node, src/plot/node.ts installs the metrics of the font it renders with.
 */
export function setTextMeasure(m: TextMeasure): void {
  measure = m;
}

type VegaModule = typeof import('vega');

/** Vega's text measuring hook: exported at run time, missing from its type declarations. */
interface TextMetrics {
  width: (item: { fontSize?: unknown; fontWeight?: unknown; text?: unknown }, text?: unknown) => number;
}

async function loadVega(): Promise<{ vega: VegaModule; compile: typeof import('vega-lite').compile }> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  if (measure) {
    const m = measure;
    (vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = (item, text) => {
      const fontSize = typeof item.fontSize === 'number' ? item.fontSize : 11;
      const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
      return m(String(text ?? item.text ?? ''), fontSize, bold);
    };
  }
  return { vega, compile: vl.compile };
}

/** The figure compiled to a Vega spec (for vega-embed, or to inspect). */
export async function toVegaSpec(fig: Figure): Promise<object> {
  const { compile } = await loadVega();
  return compile(fig.spec).spec;
}

/** The figure as an SVG document. */
export async function toSVG(fig: Figure): Promise<string> {
  const { vega, compile } = await loadVega();
  const view = new vega.View(vega.parse(compile(fig.spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Advance widths from a TrueType font file, so that text is laid out with
 * the widths it is later drawn with. Reads only what that needs: `head`
 * (units per em), `hhea` and `hmtx` (advances) and a format-4 `cmap`
 * (Unicode BMP → glyph). Kerning is ignored; it changes widths by a pixel or two.
 */

/** Width of a character in em (1 em = the font size), or undefined if the font lacks it. */
export type AdvanceWidths = (codePoint: number) => number | undefined;

export function readAdvanceWidths(ttf: Uint8Array): AdvanceWidths {
  const data = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const tables = tableOffsets(data);
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`The font has no '${tag}' table`);
    return offset;
  };
  const unitsPerEm = data.getUint16(table('head') + 18);
  const numberOfHMetrics = data.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advance = (glyph: number) => data.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1)) / unitsPerEm;
  const glyphOf = unicodeCmap(data, table('cmap'));
  return (codePoint) => {
    const glyph = glyphOf(codePoint);
    return glyph === 0 ? undefined : advance(glyph);
  };
}

function tableOffsets(data: DataView): Map<string, number> {
  const count = data.getUint16(4);
  const out = new Map<string, number>();
  for (let k = 0; k < count; k++) {
    const record = 12 + 16 * k;
    const tag = String.fromCharCode(data.getUint8(record), data.getUint8(record + 1), data.getUint8(record + 2), data.getUint8(record + 3));
    out.set(tag, data.getUint32(record + 8));
  }
  return out;
}

/** Glyph index of a BMP code point from the Windows-Unicode (3,1) or Unicode (0,x) format-4 subtable. */
function unicodeCmap(data: DataView, cmap: number): (codePoint: number) => number {
  const subtables = data.getUint16(cmap + 2);
  let sub = -1;
  for (let k = 0; k < subtables && sub < 0; k++) {
    const platform = data.getUint16(cmap + 4 + 8 * k);
    const encoding = data.getUint16(cmap + 6 + 8 * k);
    const offset = cmap + data.getUint32(cmap + 8 + 8 * k);
    if (((platform === 3 && encoding === 1) || platform === 0) && data.getUint16(offset) === 4) sub = offset;
  }
  if (sub < 0) throw new Error('The font has no format-4 Unicode cmap');
  const segments = data.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (c) => {
    if (c > 0xffff) return 0;
    for (let s = 0; s < segments; s++) {
      if (data.getUint16(ends + 2 * s) < c) continue;
      const start = data.getUint16(starts + 2 * s);
      if (start > c) return 0;
      const delta = data.getInt16(deltas + 2 * s);
      const at = rangeOffsets + 2 * s;
      const rangeOffset = data.getUint16(at);
      if (rangeOffset === 0) return (c + delta) & 0xffff;
      const glyph = data.getUint16(at + rangeOffset + 2 * (c - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/**
 * A piece of model text (an equations block, a threshold, a reset …) that
 * diagnostics can point into. Expressions parsed out of a larger text keep
 * offsets into the whole text, so an error in the third equation still
 * reports the line and column the user sees in their own string.
 */
export class SourceText {
  private readonly lineStarts: number[];

  constructor(
    readonly text: string,
    /** What this text is, for messages: "equations", "threshold", "reset", "on_pre" … */
    readonly origin: string = 'expression',
  ) {
    this.lineStarts = [0];
    for (let k = 0; k < text.length; k++) if (text[k] === '\n') this.lineStarts.push(k + 1);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo]! + 1 };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1);
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

/** Half-open range [start, end) of character offsets into a SourceText. */
export interface Span {
  start: number;
  end: number;
}

export function spanOf(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

import { SourceText, type Span } from './source.ts';

/**
 * A problem in a model, as data: tools (CLI, editors, the export validator)
 * can show it their own way; `ModelError.message` is the human rendering.
 */
export interface Diagnostic {
  /** Stable machine-readable kind, e.g. "syntax", "unknown-identifier", "unit-mismatch". */
  code: string;
  message: string;
  origin?: string;
  line?: number;
  column?: number;
  /** Length of the underlined range on that line. */
  length?: number;
  lineText?: string;
  hint?: string;
}

export class ModelError extends Error {
  readonly diagnostic: Diagnostic;

  constructor(diagnostic: Diagnostic) {
    super(renderDiagnostic(diagnostic));
    this.name = 'ModelError';
    this.diagnostic = diagnostic;
  }

  get code(): string {
    return this.diagnostic.code;
  }
}

/** Build a diagnostic that points at `span` of `source`. */
export function diagnosticAt(
  code: string,
  message: string,
  source: SourceText | undefined,
  span: Span | undefined,
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { code, message };
  if (hint) d.hint = hint;
  if (!source || !span) return d;
  const { line, column } = source.position(span.start);
  const lineText = source.lineText(line);
  d.origin = source.origin;
  d.line = line;
  d.column = column;
  d.lineText = lineText;
  d.length = Math.max(1, Math.min(span.end - span.start, lineText.length - column + 1));
  return d;
}

export function errorAt(
  code: string,
  message: string,
  source: SourceText | undefined,
  span: Span | undefined,
  hint?: string,
): ModelError {
  return new ModelError(diagnosticAt(code, message, source, span, hint));
}

export function renderDiagnostic(d: Diagnostic): string {
  let out = d.message;
  if (d.line !== undefined && d.lineText !== undefined && d.column !== undefined) {
    const where = d.origin ? `${d.origin}, line ${d.line}, column ${d.column}` : `line ${d.line}, column ${d.column}`;
    // Show the line without its indentation so the caret stays readable.
    const indent = d.lineText.length - d.lineText.trimStart().length;
    const shown = d.lineText.trim();
    const caretCol = Math.max(0, d.column - 1 - indent);
    const caretLen = Math.max(1, Math.min(d.length ?? 1, shown.length - caretCol));
    out += `\n  (${where})\n    ${shown}\n    ${' '.repeat(caretCol)}${'^'.repeat(caretLen)}`;
  }
  if (d.hint) out += `\n  ${d.hint}`;
  return out;
}

/**
 * "did you mean …" candidates: a different case, a longer name starting
 * with what was typed ('tau' → 'tau_m'), or a few typos (one for short
 * names); only the closest are kept. Ties keep the order of `candidates`,
 * so callers list the most likely kinds of names (the model's own) first.
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = name.length <= 1 ? 0 : name.length <= 4 ? 1 : Math.floor(name.length / 3) + 1;
  const scored: Array<[number, number, string]> = [];
  const lower = name.toLowerCase();
  const seen = new Set<string>();
  let order = 0;
  for (const c of candidates) {
    if (c === name || seen.has(c)) continue;
    seen.add(c);
    const cl = c.toLowerCase();
    let d = cl === lower ? 0 : editDistance(lower, cl);
    if (name.length >= 3 && cl.startsWith(lower) && cl.length > lower.length && /[_0-9]/.test(c[name.length] ?? '')) d = Math.min(d, 1);
    if (d > limit) continue;
    scored.push([d, order++, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Only the closest ones: 'tau_m' for 'tau_n', not also 'tan'.
  const best = scored[0]?.[0];
  return scored.filter((s) => s[0] === best).slice(0, max).map((s) => s[2]);
}

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const close = closestNames(name, candidates);
  if (close.length === 0) return undefined;
  return `Did you mean ${close.map((c) => `'${c}'`).join(' or ')}?`;
}

function editDistance(a: string, b: string): number {
  // Damerau (adjacent transposition) distance: "tua" for "tau" is one typo, not two.
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) d[0]![j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

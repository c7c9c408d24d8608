import type { Expr } from '../../parsing/ast.ts';
import { errorAt } from '../../parsing/diagnostics.ts';
import { parseExpression } from '../../parsing/expressions.ts';
import type { SourceText, Span } from '../../parsing/source.ts';
import { tokenize, type Token } from '../../parsing/tokens.ts';

/** An argument of range()/sample(), with where it was written. */
export interface IteratorArg {
  expr: Expr;
  span: Span;
}

/**
 * A parsed generator expression, Brian2's
 * `element for inner in range(low, high, step) if condition` or
 * `element for inner in sample(low, high, step, p=…|size=…) if condition`.
 * A string without `for` ('i+1', 'i if i < 3') iterates over range(1).
 */
export interface GeneratorSyntax {
  element: Expr;
  /** Name of the loop variable; undefined for the short form without `for`. */
  inner: string | undefined;
  innerSpan: Span | undefined;
  func: 'range' | 'sample';
  funcSpan: Span;
  low: IteratorArg | undefined;
  high: IteratorArg | undefined;
  step: IteratorArg | undefined;
  p: IteratorArg | undefined;
  size: IteratorArg | undefined;
  condition: Expr | undefined;
}

const ITERATORS = ['range', 'sample'];

function isName(t: Token | undefined, text?: string): boolean {
  return t !== undefined && t.kind === 'name' && (text === undefined || t.text === text);
}
function isOp(t: Token | undefined, text: string): boolean {
  return t !== undefined && t.kind === 'op' && t.text === text;
}

/** Parse an expression made of tokens [from, to) of the stream. */
function parseRange(source: SourceText, tokens: Token[], from: number, to: number, what: string, at: Span): Expr {
  if (from >= to) throw errorAt('syntax', `${what} is missing`, source, at);
  return parseExpression(source, tokens[from]!.span.start, tokens[to - 1]!.span.end);
}

/** Brian2's syntax error for generators, with what exactly is wrong. */
function generatorError(source: SourceText, span: Span, detail: string): Error {
  return errorAt(
    'generator-syntax',
    `Error parsing the generator expression: ${detail}`,
    source,
    span,
    "Expected generator syntax, for example 'k for k in range(i-10, i+10)' or 'k for k in sample(N_post, p=0.1) if k != i'.",
  );
}

export function parseGenerator(source: SourceText): GeneratorSyntax {
  const tokens = tokenize(source);
  const eof = tokens.length - 1;
  const whole: Span = { start: 0, end: Math.max(1, source.text.length) };
  if (eof === 0) throw errorAt('syntax', 'Empty generator expression', source, whole);

  // Top-level `for` and `if` keywords (outside parentheses).
  const fors: number[] = [];
  const ifs: number[] = [];
  let depth = 0;
  for (let q = 0; q < eof; q++) {
    const t = tokens[q]!;
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) depth--;
    else if (depth === 0 && isName(t, 'for')) fors.push(q);
    else if (depth === 0 && isName(t, 'if')) ifs.push(q);
    else if (isName(t, 'for') || isName(t, 'if')) throw generatorError(source, t.span, `'${t.text}' inside parentheses is not supported`);
    else if (isName(t, 'else') || isName(t, 'lambda')) throw generatorError(source, t.span, `'${t.text}' is not supported`);
  }

  if (fors.length === 0) {
    // Brian2's short form: 'i+1' is 'i+1 for _ in range(1)', 'i if i < 3' adds a condition.
    if (ifs.length > 1) throw generatorError(source, tokens[ifs[1]!]!.span, 'at most one if statement is allowed');
    const cut = ifs.length ? ifs[0]! : eof;
    const element = parseRange(source, tokens, 0, cut, 'The expression before \'if\'', tokens[cut]!.span);
    const condition = ifs.length ? parseRange(source, tokens, cut + 1, eof, "The condition after 'if'", tokens[cut]!.span) : undefined;
    const one = parseExpression('1');
    return {
      element,
      inner: undefined,
      innerSpan: undefined,
      func: 'range',
      funcSpan: whole,
      low: undefined,
      high: { expr: one, span: whole },
      step: undefined,
      p: undefined,
      size: undefined,
      condition,
    };
  }
  if (fors.length > 1) throw generatorError(source, tokens[fors[1]!]!.span, 'the generator expression must involve only one iterator');
  const f = fors[0]!;
  const element = parseRange(source, tokens, 0, f, "The expression before 'for'", tokens[f]!.span);
  for (const q of ifs) if (q < f) throw generatorError(source, tokens[q]!.span, "'if' must come after the iterator");

  let q = f + 1;
  const target = tokens[q];
  if (!isName(target) || ['in', 'if', 'for', 'and', 'or', 'not', 'True', 'False'].includes(target!.text)) {
    throw generatorError(source, target!.span, 'the generator must iterate over a single variable name');
  }
  q++;
  if (isOp(tokens[q], ',')) throw generatorError(source, tokens[q]!.span, 'the generator must iterate over a single variable (not tuple, etc.)');
  if (!isName(tokens[q], 'in')) throw generatorError(source, tokens[q]!.span, `expected 'in' after 'for ${target!.text}'`);
  q++;
  const fn = tokens[q];
  if (!isName(fn) || !ITERATORS.includes(fn!.text) || !isOp(tokens[q + 1], '(')) {
    throw generatorError(source, fn!.span, "the iterator must be 'range' or 'sample', e.g. range(N_post) or sample(N_post, p=0.1)");
  }
  const func = fn!.text as 'range' | 'sample';
  q += 2;
  // Arguments up to the matching ')', split at top-level commas.
  const args: Array<{ from: number; to: number }> = [];
  let start = q;
  depth = 0;
  let close = -1;
  for (; q < eof; q++) {
    const t = tokens[q]!;
    if (isOp(t, '(')) depth++;
    else if (isOp(t, ')')) {
      if (depth === 0) {
        close = q;
        break;
      }
      depth--;
    } else if (depth === 0 && isOp(t, ',')) {
      if (q === start) throw generatorError(source, t.span, `empty argument in ${func}()`);
      args.push({ from: start, to: q });
      start = q + 1;
    }
  }
  if (close < 0) throw errorAt('syntax', `Unclosed parenthesis in ${func}(...)`, source, tokens[f + 4]?.span ?? whole);
  if (close > start) args.push({ from: start, to: close });
  const funcSpan: Span = { start: fn!.span.start, end: tokens[close]!.span.end };

  const positional: IteratorArg[] = [];
  const keywords = new Map<string, IteratorArg>();
  for (const a of args) {
    const first = tokens[a.from]!;
    if (isName(first) && isOp(tokens[a.from + 1], '=')) {
      if (keywords.has(first.text)) throw generatorError(source, first.span, `keyword argument '${first.text}' given twice`);
      const expr = parseRange(source, tokens, a.from + 2, a.to, `The value of '${first.text}'`, first.span);
      keywords.set(first.text, { expr, span: { start: first.span.start, end: tokens[a.to - 1]!.span.end } });
    } else {
      if (keywords.size) throw generatorError(source, first.span, 'positional argument after a keyword argument');
      const expr = parseRange(source, tokens, a.from, a.to, 'An argument', first.span);
      positional.push({ expr, span: { start: first.span.start, end: tokens[a.to - 1]!.span.end } });
    }
  }
  if (positional.length === 0 || positional.length > 3) {
    throw generatorError(source, funcSpan, `the ${func} iterator takes 1-3 positional arguments (got ${positional.length})`);
  }
  let p: IteratorArg | undefined;
  let size: IteratorArg | undefined;
  if (func === 'range') {
    if (keywords.size) throw generatorError(source, [...keywords.values()][0]!.span, "the range iterator doesn't accept any keyword arguments");
  } else {
    const extra = [...keywords.keys()].filter((k) => k !== 'p' && k !== 'size');
    if (keywords.size !== 1 || extra.length) {
      throw generatorError(source, funcSpan, "the sample iterator accepts one keyword argument, either 'p' or 'size'");
    }
    p = keywords.get('p');
    size = keywords.get('size');
  }
  const [low, high, step] = positional.length === 1 ? [undefined, positional[0], undefined] : positional.length === 2 ? [positional[0], positional[1], undefined] : positional;

  // After the call: nothing, or one `if condition`.
  q = close + 1;
  let condition: Expr | undefined;
  if (q < eof) {
    if (!isName(tokens[q], 'if')) throw generatorError(source, tokens[q]!.span, `unexpected '${tokens[q]!.text}' after ${func}(...)`);
    const later = ifs.filter((x) => x > q);
    if (later.length) throw generatorError(source, tokens[later[0]!]!.span, 'the generator must have at most one if statement');
    condition = parseRange(source, tokens, q + 1, eof, "The condition after 'if'", tokens[q]!.span);
  }
  return { element, inner: target!.text, innerSpan: target!.span, func, funcSpan, low, high, step, p, size, condition };
}

import { errorAt } from './diagnostics.ts';
import type { SourceText, Span } from './source.ts';

export type TokenKind = 'number' | 'name' | 'op' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  span: Span;
}

const OPERATORS = [
  '**=', '//=',
  '**', '//', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=',
  '+', '-', '*', '/', '%', '<', '>', '=', '(', ')', ',', ';', ':',
];

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * Split `source.text[start, end)` into tokens. Newlines inside parentheses
 * are continuations (as in Python) and vanish; other newlines become tokens
 * only when `keepNewlines` is set (statement blocks). `#` starts a comment.
 */
export function tokenize(source: SourceText, start = 0, end = source.text.length, keepNewlines = false): Token[] {
  const text = source.text;
  const tokens: Token[] = [];
  let depth = 0;
  let k = start;
  while (k < end) {
    const c = text[k]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      k++;
      continue;
    }
    if (c === '\\' && (text[k + 1] === '\n' || (text[k + 1] === '\r' && text[k + 2] === '\n'))) {
      k += text[k + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (k < end && text[k] !== '\n') k++;
      continue;
    }
    if (c === '\n') {
      if (keepNewlines && depth === 0) tokens.push({ kind: 'newline', text: '\n', span: { start: k, end: k + 1 } });
      k++;
      continue;
    }
    NUMBER.lastIndex = k;
    const num = NUMBER.exec(text);
    if (num && num.index === k && !(c === '.' && !/\d/.test(text[k + 1] ?? ''))) {
      const after = k + num[0].length;
      if (after < end && /[A-Za-z_]/.test(text[after]!)) {
        // "3mV" or "1.5ms": Python rejects it; say why instead of "unexpected name".
        NAME.lastIndex = after;
        const tail = NAME.exec(text)![0];
        throw errorAt(
          'syntax',
          `Invalid number '${num[0]}${tail}'`,
          source,
          { start: k, end: after + tail.length },
          `Write a multiplication, e.g. '${num[0]}*${tail}'.`,
        );
      }
      tokens.push({ kind: 'number', text: num[0], span: { start: k, end: after } });
      k = after;
      continue;
    }
    NAME.lastIndex = k;
    const name = NAME.exec(text);
    if (name && name.index === k) {
      tokens.push({ kind: 'name', text: name[0], span: { start: k, end: k + name[0].length } });
      k += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, k) && k + o.length <= end);
    if (op) {
      if (op === '(') depth++;
      else if (op === ')') depth = Math.max(0, depth - 1);
      tokens.push({ kind: 'op', text: op, span: { start: k, end: k + op.length } });
      k += op.length;
      continue;
    }
    const hint =
      c === '^'
        ? "Powers are written '**' (Python syntax), e.g. 'v**2'."
        : c === '&' || c === '|'
          ? "Use 'and' / 'or' for logical operations."
          : c === '!'
            ? "Use 'not' for negation."
            : c === '.'
              ? 'Attributes and methods (x.y) are not part of the model language.'
              : c === "'" || c === '"'
                ? 'Strings are not part of the model language; expressions compute numbers.'
                : c === '[' || c === ']' || c === '{' || c === '}'
                  ? 'Indexing and collections are not part of the model language.'
                  : undefined;
    throw errorAt('syntax', `Unexpected character '${c}'`, source, { start: k, end: k + 1 }, hint);
  }
  tokens.push({ kind: 'eof', text: '', span: { start: end, end } });
  return tokens;
}

import type { BinaryOp, CompareOp, Expr } from './ast.ts';
import { errorAt } from './diagnostics.ts';
import { SourceText, spanOf, type Span } from './source.ts';
import { tokenize, type Token } from './tokens.ts';

// Python's precedence, lowest first. `not` binds looser than comparisons,
// unary minus looser than `**` on its right (`-x**2` is `-(x**2)`).
const BP = { or: 10, and: 20, not: 30, compare: 40, sum: 50, product: 60, unary: 70, power: 80 } as const;

const COMPARE_OPS = new Set(['<', '<=', '>', '>=', '==', '!=']);
const PRODUCT_OPS = new Set(['*', '/', '//', '%']);
const RESERVED = new Set(['and', 'or', 'not', 'True', 'False', 'if', 'else', 'lambda', 'for', 'in', 'is', 'None']);

/** Token stream with one-token lookahead, shared by the expression and statement parsers. */
export class TokenStream {
  private pos = 0;
  constructor(
    readonly source: SourceText,
    private readonly tokens: Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.pos]!;
  }
  next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }
  expectOp(text: string, context: string): Token {
    const t = this.peek();
    if (t.kind === 'op' && t.text === text) return this.next();
    throw this.unexpected(t, `Expected '${text}' ${context}`);
  }
  unexpected(t: Token, message?: string): Error {
    const what = t.kind === 'eof' ? 'end of expression' : t.kind === 'newline' ? 'end of line' : `'${t.text}'`;
    return errorAt('syntax', message ? `${message}, found ${what}` : `Unexpected ${what}`, this.source, t.span);
  }
}

/** Parse a whole expression; anything left over is a syntax error. */
export function parseExpression(text: string | SourceText, start?: number, end?: number): Expr {
  const source = typeof text === 'string' ? new SourceText(text) : text;
  const from = start ?? 0;
  const to = end ?? source.text.length;
  const stream = new TokenStream(source, tokenize(source, from, to));
  if (stream.peek().kind === 'eof') {
    throw errorAt('syntax', 'Empty expression', source, { start: from, end: Math.max(from + 1, to) });
  }
  const expr = parseExpr(stream, 0);
  const rest = stream.peek();
  if (rest.kind !== 'eof') {
    throw stream.unexpected(rest, rest.kind === 'op' && rest.text === ')' ? 'Unmatched closing parenthesis' : 'Unexpected text after the expression');
  }
  return expr;
}

export function parseExpr(s: TokenStream, minBp: number): Expr {
  let left = parsePrefix(s);
  for (;;) {
    const t = s.peek();
    const op = t.kind === 'op' || t.kind === 'name' ? t.text : '';
    if (op === 'or' || op === 'and') {
      const bp = BP[op];
      if (bp <= minBp) break;
      s.next();
      const operands = [left, parseExpr(s, bp)];
      while (s.peek().kind === 'name' && s.peek().text === op) {
        s.next();
        operands.push(parseExpr(s, bp));
      }
      left = { kind: 'logical', op, operands, span: spanOf(left.span, operands[operands.length - 1]!.span) };
    } else if (t.kind === 'op' && COMPARE_OPS.has(op)) {
      if (BP.compare <= minBp) break;
      const ops: CompareOp[] = [];
      const operands = [left];
      while (s.peek().kind === 'op' && COMPARE_OPS.has(s.peek().text)) {
        ops.push(s.next().text as CompareOp);
        operands.push(parseExpr(s, BP.compare));
      }
      left = { kind: 'compare', ops, operands, span: spanOf(left.span, operands[operands.length - 1]!.span) };
    } else if (t.kind === 'op' && (op === '+' || op === '-')) {
      if (BP.sum <= minBp) break;
      s.next();
      const right = parseExpr(s, BP.sum);
      left = binary(op, left, right);
    } else if (t.kind === 'op' && PRODUCT_OPS.has(op)) {
      if (BP.product <= minBp) break;
      s.next();
      const right = parseExpr(s, BP.product);
      left = binary(op as BinaryOp, left, right);
    } else if (t.kind === 'op' && op === '**') {
      if (BP.power <= minBp) break;
      s.next();
      // Right-associative, and the exponent may carry a sign: 2**-1, 2**3**2.
      const right = parseExpr(s, BP.unary);
      left = binary('**', left, right);
    } else if (t.kind === 'op' && op === '(') {
      throw errorAt(
        'syntax',
        left.kind === 'name' || left.kind === 'call' ? 'Only named functions can be called' : 'Missing operator before parenthesis',
        s.source,
        t.span,
        left.kind === 'number' ? `Write a multiplication, e.g. '${s.source.slice(left.span)}*(...)'.` : undefined,
      );
    } else if (t.kind === 'name' || t.kind === 'number') {
      if (t.text === 'if' || t.text === 'for') {
        throw errorAt('syntax', `'${t.text}' expressions are not supported in Brian2's model language`, s.source, t.span);
      }
      throw errorAt('syntax', `Missing operator between '${s.source.slice(left.span)}' and '${t.text}'`, s.source, t.span);
    } else {
      break;
    }
  }
  return left;
}

function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right, span: spanOf(left.span, right.span) };
}

function parsePrefix(s: TokenStream): Expr {
  const t = s.next();
  if (t.kind === 'number') {
    const isInteger = /^\d+$/.test(t.text);
    return { kind: 'number', value: Number(t.text), isInteger, span: t.span };
  }
  if (t.kind === 'name') {
    if (t.text === 'True' || t.text === 'False') return { kind: 'bool', value: t.text === 'True', span: t.span };
    if (t.text === 'not') {
      const operand = parseExpr(s, BP.not);
      return { kind: 'unary', op: 'not', operand, span: spanOf(t.span, operand.span) };
    }
    if (RESERVED.has(t.text)) throw errorAt('syntax', `'${t.text}' is a reserved word and cannot be used here`, s.source, t.span);
    if (s.isOp('(')) return parseCall(s, t);
    return { kind: 'name', name: t.text, span: t.span };
  }
  if (t.kind === 'op') {
    if (t.text === '-' || t.text === '+') {
      const operand = parseExpr(s, BP.unary);
      return { kind: 'unary', op: t.text, operand, span: spanOf(t.span, operand.span) };
    }
    if (t.text === '(') {
      if (s.isOp(')')) throw errorAt('syntax', 'Empty parentheses', s.source, spanOf(t.span, s.peek().span));
      const inner = parseExpr(s, 0);
      const close = s.peek();
      if (!(close.kind === 'op' && close.text === ')')) {
        throw close.kind === 'eof' || close.kind === 'newline'
          ? errorAt('syntax', "Unclosed parenthesis: missing ')'", s.source, t.span)
          : s.unexpected(close, "Expected ')'");
      }
      s.next();
      // Keep the parentheses in the span so error carets cover what the user wrote.
      return { ...inner, span: spanOf(t.span, close.span) } as Expr;
    }
  }
  if (t.kind === 'eof' || t.kind === 'newline') throw errorAt('syntax', 'Expression ends too early: an operand is missing', s.source, t.span);
  throw s.unexpected(t);
}

function parseCall(s: TokenStream, nameTok: Token): Expr {
  const open = s.next();
  const args: Expr[] = [];
  if (!s.isOp(')')) {
    for (;;) {
      const t = s.peek();
      if (t.kind === 'name' && s.source.text.slice(t.span.end).trimStart().startsWith('=') && !s.source.text.slice(t.span.end).trimStart().startsWith('==')) {
        throw errorAt('syntax', 'Keyword arguments are not supported', s.source, t.span);
      }
      args.push(parseExpr(s, 0));
      if (s.isOp(',')) {
        s.next();
        continue;
      }
      break;
    }
  }
  const close = s.peek();
  if (!(close.kind === 'op' && close.text === ')')) {
    throw close.kind === 'eof' || close.kind === 'newline'
      ? errorAt('syntax', `Unclosed parenthesis in call of '${nameTok.text}'`, s.source, open.span)
      : s.unexpected(close, `Expected ',' or ')' in call of '${nameTok.text}'`);
  }
  s.next();
  const span: Span = spanOf(nameTok.span, close.span);
  return { kind: 'call', callee: nameTok.text, calleeSpan: nameTok.span, args, span };
}

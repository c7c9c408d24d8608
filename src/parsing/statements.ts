import type { AssignOp, Statement } from './ast.ts';
import { errorAt } from './diagnostics.ts';
import { parseExpr, TokenStream } from './expressions.ts';
import { SourceText, spanOf } from './source.ts';
import { tokenize } from './tokens.ts';

const ASSIGN_OPS = new Set<string>(['=', '+=', '-=', '*=', '/=', '//=', '%=', '**=']);

/**
 * Parse Brian2 abstract code (reset, on_pre, on_post, …): one assignment per
 * line or per `;`, `#` comments, blank lines ignored.
 */
export function parseStatements(text: string | SourceText, origin = 'code'): Statement[] {
  const source = typeof text === 'string' ? new SourceText(text, origin) : text;
  const stream = new TokenStream(source, tokenize(source, 0, source.text.length, true));
  const statements: Statement[] = [];
  for (;;) {
    while (stream.peek().kind === 'newline' || stream.isOp(';')) stream.next();
    const t = stream.peek();
    if (t.kind === 'eof') break;
    if (t.kind !== 'name') {
      throw errorAt('syntax', `A statement must start with the name of the variable it assigns to, found '${t.text}'`, source, t.span);
    }
    if (['if', 'for', 'while', 'def', 'return', 'else', 'elif'].includes(t.text)) {
      throw errorAt(
        'syntax',
        `'${t.text}' statements are not supported in Brian2's abstract code: each line assigns to a variable`,
        source,
        t.span,
        t.text === 'if' ? "For a conditional update, multiply by a condition, e.g. 'v = v*int(not b) + v_r*int(b)', or use a custom event." : undefined,
      );
    }
    stream.next();
    const opTok = stream.peek();
    if (opTok.kind !== 'op' || !ASSIGN_OPS.has(opTok.text)) {
      throw errorAt(
        'syntax',
        opTok.kind === 'op' && opTok.text === '=='
          ? `'==' compares; use '=' to assign to '${t.text}'`
          : `Expected an assignment ('=', '+=', '-=', '*=', '/=') after '${t.text}'`,
        source,
        opTok.span,
      );
    }
    stream.next();
    const value = parseExpr(stream, 0);
    const end = stream.peek();
    if (!(end.kind === 'eof' || end.kind === 'newline' || (end.kind === 'op' && end.text === ';'))) {
      throw end.kind === 'op' && ASSIGN_OPS.has(end.text)
        ? errorAt('syntax', 'Only one assignment per statement is allowed', source, end.span)
        : stream.unexpected(end, 'Expected the end of the statement');
    }
    statements.push({ target: t.text, targetSpan: t.span, op: opTok.text as AssignOp, value, span: spanOf(t.span, value.span) });
  }
  return statements;
}

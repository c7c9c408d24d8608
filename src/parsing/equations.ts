import type { Expr } from './ast.ts';
import { errorAt } from './diagnostics.ts';
import { parseExpression } from './expressions.ts';
import { SourceText, type Span } from './source.ts';

export type EquationKind = 'differential equation' | 'subexpression' | 'parameter';

/** One equation as written: syntax only, no meaning attached yet. */
export interface EquationLine {
  kind: EquationKind;
  name: string;
  nameSpan: Span;
  /** Right-hand side of differential equations and subexpressions. */
  expr?: Expr;
  /** The right-hand side text as Brian2 stores it: lines joined by a space, comments removed. */
  exprText?: string;
  exprSpan?: Span;
  unitText: string;
  unitSpan: Span;
  flags: Array<{ name: string; span: Span }>;
  span: Span;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
// Brian2's grammar is token-based, so 'd v / dt =' is a differential equation too.
const DIFF_LHS = /d([ \t]*)([A-Za-z_][A-Za-z0-9_]*)\s*\/\s*dt\s*=/y;
const UNIT_CHARS = /[A-Za-z0-9*/.\- ]/;

/**
 * Split a Brian2 equations string into equations. Follows Brian2's grammar:
 * `dx/dt = expr : unit (flags)`, `x = expr : unit (flags)`, `x : unit (flags)`;
 * a right-hand side runs on over line breaks until its `:`, and `#` comments
 * are dropped anywhere.
 */
export function parseEquationLines(text: string | SourceText): EquationLine[] {
  const source = typeof text === 'string' ? new SourceText(text, 'equations') : text;
  const s = source.text;
  const lines: EquationLine[] = [];
  let p = 0;

  const skipBlankAndComments = (): void => {
    for (;;) {
      while (p < s.length && /\s/.test(s[p]!)) p++;
      if (s[p] === '#') {
        while (p < s.length && s[p] !== '\n') p++;
        continue;
      }
      return;
    }
  };
  const skipSpaces = (): void => {
    while (p < s.length && (s[p] === ' ' || s[p] === '\t' || s[p] === '\r')) p++;
  };
  const restOfLine = (from: number): Span => {
    let e = from;
    while (e < s.length && s[e] !== '\n') e++;
    return { start: from, end: Math.max(from + 1, e) };
  };

  for (;;) {
    skipBlankAndComments();
    if (p >= s.length) break;
    const start = p;
    let kind: EquationKind;
    let name: string;
    let nameSpan: Span;

    DIFF_LHS.lastIndex = p;
    const diff = DIFF_LHS.exec(s);
    if (diff) {
      kind = 'differential equation';
      name = diff[2]!;
      const nameStart = p + 1 + diff[1]!.length;
      nameSpan = { start: nameStart, end: nameStart + name.length };
      p += diff[0].length;
      if (s[p] === '=') {
        throw errorAt('syntax', `'==' compares; a differential equation is written 'd${name}/dt = ...'`, source, { start: p - 1, end: p + 1 });
      }
    } else {
      IDENT.lastIndex = p;
      const id = IDENT.exec(s);
      if (!id) {
        throw errorAt(
          'syntax',
          'Cannot parse this equation: expected "dx/dt = ... : unit", "x = ... : unit" or "x : unit"',
          source,
          restOfLine(p),
        );
      }
      name = id[0];
      nameSpan = { start: p, end: p + name.length };
      p += name.length;
      skipSpaces();
      if (s[p] === '=' && s[p + 1] !== '=') {
        kind = 'subexpression';
        p++;
      } else if (s[p] === ':') {
        kind = 'parameter';
      } else if (/^d[2-9][A-Za-z_]/.test(name) && s[p] === '/') {
        const v = name.slice(2);
        throw errorAt(
          'syntax',
          `Cannot parse the left-hand side of this equation: higher-order derivatives such as '${name}/dt${name[1]}' are not supported`,
          source,
          restOfLine(start),
          `Write first-order equations with a variable for the derivative, e.g. 'd${v}/dt = ${v}_dot : ...' and 'd${v}_dot/dt = ... : ...'.`,
        );
      } else if (s[p] === '/' || (s[p] === '(' && name.startsWith('d'))) {
        throw errorAt(
          'syntax',
          `Cannot parse the left-hand side of this equation; a differential equation is written 'd${name.startsWith('d') ? name.slice(1) : name}/dt = ...'`,
          source,
          restOfLine(start),
        );
      } else if (p < s.length && /[^\x00-\x7f]/.test(s[p]!)) {
        throw errorAt(
          'syntax',
          `Unexpected character '${s[p]}' in a variable name: names may only contain ASCII letters, digits and '_'`,
          source,
          { start: p, end: p + 1 },
        );
      } else {
        throw errorAt(
          'syntax',
          `Expected '=' or ':' after '${name}'`,
          source,
          p < s.length && s[p] !== '\n' ? { start: p, end: p + 1 } : nameSpan,
          'Each equation has the form "dx/dt = ... : unit", "x = ... : unit" or "x : unit".',
        );
      }
    }

    let expr: Expr | undefined;
    let exprText: string | undefined;
    let exprSpan: Span | undefined;
    if (kind !== 'parameter') {
      const exprStart = p;
      const parts: string[] = [];
      let partStart = p;
      // Right-hand side: everything up to the next ':' outside comments.
      while (p < s.length && s[p] !== ':') {
        if (s[p] === '#' || s[p] === '\n') {
          parts.push(s.slice(partStart, p));
          while (p < s.length && s[p] !== '\n') p++;
          p++;
          partStart = p;
          continue;
        }
        p++;
      }
      if (p >= s.length) {
        throw errorAt(
          'syntax',
          `Missing ':' and unit after the ${kind === 'subexpression' ? 'subexpression' : 'differential equation'} for '${name}'`,
          source,
          restOfLine(start),
          `Brian2 needs the unit of every equation, e.g. "${kind === 'subexpression' ? name : `d${name}/dt`} = ... : volt".`,
        );
      }
      parts.push(s.slice(partStart, p));
      // Brian2 joins continued lines with a space and collapses runs of white space.
      exprText = parts.join(' ').replace(/\s{2,}/g, ' ').trim();
      exprSpan = { start: exprStart, end: p };
      if (exprText.length === 0) {
        throw errorAt('syntax', `Missing right-hand side for '${name}'`, source, { start: exprStart - 1, end: p });
      }
      expr = parseExpression(source, exprStart, p);
    }

    // ':' unit [ '(' flags ')' ] [comment] end-of-line
    p++; // ':'
    skipSpaces();
    const unitStart = p;
    while (p < s.length && UNIT_CHARS.test(s[p]!)) p++;
    const unitText = s.slice(unitStart, p).trim();
    const unitSpan: Span = { start: unitStart, end: Math.max(unitStart + 1, unitStart + s.slice(unitStart, p).trimEnd().length) };
    if (unitText.length === 0) {
      const colon = s.lastIndexOf(':', unitStart);
      throw errorAt(
        'syntax',
        `Missing unit for '${name}' after ':'`,
        source,
        s[p] === '(' ? { start: p, end: p + 1 } : { start: colon, end: colon + 1 },
        s[p] === '('
          ? "Units are written without parentheses (e.g. 'volt'); parentheses after the unit hold the flags."
          : "Use '1' for dimensionless variables, 'integer' or 'boolean' for other types.",
      );
    }
    const flags: Array<{ name: string; span: Span }> = [];
    if (s[p] === '(') {
      const open = p;
      p++;
      const close = s.indexOf(')', p);
      const eol = s.indexOf('\n', p);
      if (close < 0 || (eol >= 0 && eol < close)) {
        throw errorAt('syntax', "Unclosed flag list: missing ')'", source, { start: open, end: open + 1 });
      }
      if (s.slice(p, close).trim() === '') {
        throw errorAt('syntax', `Empty flag list '()' for '${name}'`, source, { start: open, end: close + 1 }, 'Remove the parentheses, or name a flag, e.g. "(constant)".');
      }
      let q = p;
      for (const raw of s.slice(p, close).split(',')) {
        const lead = raw.length - raw.trimStart().length;
        // Like Brian2 (a flag is a word of letters, digits, '_', '-' and
        // spaces), spaces before the closing parenthesis or a comma belong to
        // the flag: '( constant )' declares the unknown flag 'constant '.
        const flag = raw.trimStart().replace(/[\t\r\f\v]+$/, '');
        const span = { start: q + lead, end: q + lead + Math.max(1, flag.trimEnd().length) };
        if (!/^[A-Za-z][A-Za-z0-9_\- ]*$/.test(flag)) throw errorAt('syntax', `Invalid flag '${flag}'`, source, span);
        flags.push({ name: flag, span });
        q += raw.length + 1;
      }
      p = close + 1;
    }
    skipSpaces();
    if (s[p] === '#') while (p < s.length && s[p] !== '\n') p++;
    if (p < s.length && s[p] !== '\n') {
      const bad = restOfLine(p);
      const badText = s.slice(bad.start, bad.end).trim();
      throw errorAt(
        'syntax',
        `Unexpected '${badText}' after the unit of '${name}'`,
        source,
        bad,
        badText.startsWith('**') || badText.startsWith('^') || badText.startsWith('(')
          ? 'Units in equations are written like "volt", "amp/metre**2" or "siemens/meter**2"; flags go in parentheses at the end.'
          : undefined,
      );
    }
    const line: EquationLine = { kind, name, nameSpan, unitText, unitSpan, flags, span: { start, end: p } };
    if (expr) {
      line.expr = expr;
      line.exprText = exprText!;
      line.exprSpan = exprSpan!;
    }
    lines.push(line);
  }
  return lines;
}

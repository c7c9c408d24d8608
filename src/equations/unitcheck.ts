import type { BinaryOp, Expr } from '../parsing/ast.ts';
import { didYouMean, errorAt } from '../parsing/diagnostics.ts';
import { printExpr } from '../parsing/printer.ts';
import type { SourceText } from '../parsing/source.ts';
import { Dimension, describeDimension } from '../units/index.ts';
import type { ValueType } from './functions.ts';
import type { Resolved, Scope } from './scope.ts';

export interface ExprInfo {
  dim: Dimension;
  type: ValueType;
}

/**
 * Where an expression is checked. Brian2 turns equations into sympy
 * expressions, which has rules of its own (see checkSympyCompatible); code
 * (thresholds, resets, the code the state updater generates) goes through
 * its typed AST (brian2.parsing.bast), which rejects `-b` for a boolean `b`
 * and `and`/`or` on non-booleans.
 */
export type CheckMode = 'equations' | 'code';

export interface CheckOptions {
  /** Default 'code'. */
  mode?: CheckMode;
}

const RANK: Record<ValueType, number> = { boolean: 0, integer: 1, float: 2 };

/** Brian2's dtype hierarchy: the "highest" of the operand types (bool + bool stays boolean, as in numpy). */
export function highestType(...types: ValueType[]): ValueType {
  let best: ValueType = 'boolean';
  for (const t of types) if (RANK[t] > RANK[best]) best = t;
  return best;
}

/** Resolve a name or report it as unknown, with suggestions. */
export function resolveName(scope: Scope, name: string, source: SourceText | undefined, span: { start: number; end: number }): Resolved {
  const r = scope.resolve(name);
  if (r) return r;
  throw errorAt('unknown-identifier', `Unknown identifier '${name}'`, source, span, unknownNameHint(name, scope));
}

/** Short unit symbols that Brian2 only knows in long form with an SI prefix ('uV' is 'uvolt'). */
const UNIT_SYMBOLS: Record<string, string> = {
  V: 'volt', A: 'amp', S: 'siemens', F: 'farad', Hz: 'hertz', s: 'second', m: 'metre', g: 'gram', M: 'molar',
  Ohm: 'ohm', ohm: 'ohm', C: 'coulomb', J: 'joule', W: 'watt', N: 'newton', Pa: 'pascal', T: 'tesla', H: 'henry', l: 'litre', L: 'litre',
};

function unknownNameHint(name: string, scope: Scope): string | undefined {
  if (name === 'xi' || name.startsWith('xi_')) return `The noise symbol '${name}' can only be used in differential equations.`;
  if (name === 'lastspike' || name === 'not_refractory') return `'${name}' only exists in a group with a refractory period (refractory=...).`;
  const unit = /^([yzafpnumcdkMGTPEZY]|da)([A-Za-z]+?)([23]?)$/.exec(name);
  if (unit && UNIT_SYMBOLS[unit[2]!]) {
    const long = `${unit[1]}${UNIT_SYMBOLS[unit[2]!]}${unit[3]}`;
    if (scope.resolve(long)?.kind === 'value') return `Did you mean '${long}'? Brian2 knows this unit only by its long name.`;
  }
  return didYouMean(name, scope.knownNames());
}

const OPERATION: Record<BinaryOp, string> = {
  '+': 'an addition',
  '-': 'a subtraction',
  '*': 'a multiplication',
  '/': 'a division',
  '//': 'a floor division',
  '%': 'a modulo operation',
  '**': 'a power',
};

/** A comparison or a logical operation: a boolean condition rather than a number. */
function isCondition(e: Expr): boolean {
  return e.kind === 'compare' || e.kind === 'logical' || (e.kind === 'unary' && e.op === 'not');
}

function describeCondition(e: Expr): string {
  return e.kind === 'compare' ? 'comparison' : e.kind === 'logical' ? `'${e.op}' operation` : "'not' operation";
}

/** The text the user wrote for `e`, without enclosing parentheses. */
function writtenText(e: Expr, source: SourceText | undefined): string {
  if (!source || e.span.end <= e.span.start) return printExpr(e);
  let text = source.slice(e.span);
  while (text.startsWith('(') && text.endsWith(')') && matchingParen(text) === text.length - 1) text = text.slice(1, -1).trim();
  return text.replace(/\s+/g, ' ');
}

function matchingParen(text: string): number {
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '(') depth++;
    else if (text[k] === ')' && --depth === 0) return k;
  }
  return -1;
}

/** `parent` as written, with `child` wrapped in int(...). */
function withInt(parent: Expr, child: Expr, source: SourceText | undefined): string | undefined {
  if (!source || parent.span.end <= parent.span.start || child.span.end <= child.span.start) return undefined;
  const before = source.text.slice(parent.span.start, child.span.start);
  const after = source.text.slice(child.span.end, parent.span.end);
  return `${before}int(${writtenText(child, source)})${after}`.replace(/\s+/g, ' ').trim();
}

function conditionInArithmetic(parent: Expr, child: Expr, operation: string, source: SourceText | undefined): Error {
  const suggestion = withInt(parent, child, source);
  return errorAt(
    'condition-in-arithmetic',
    `The ${describeCondition(child)} '${writtenText(child, source)}' cannot be used in ${operation}: it is a boolean condition, not a number (Brian2: "Relational cannot be used in ${operation === 'a multiplication' ? 'Mul' : operation === 'an addition' || operation === 'a subtraction' ? 'Add' : 'arithmetic'}")`,
    source,
    child.span,
    `Convert it to a number with int(...)${suggestion ? `, e.g. '${suggestion}'` : ''}.`,
  );
}

function chainedComparison(e: Expr & { kind: 'compare' }, source: SourceText | undefined): Error {
  const parts = e.ops.map((op, k) => `${writtenText(e.operands[k]!, source)} ${op} ${writtenText(e.operands[k + 1]!, source)}`);
  return errorAt(
    'chained-comparison',
    `Chained comparisons such as '${writtenText(e, source)}' are not supported: Brian2 can only handle single comparisons like a<b, not a<b<c`,
    source,
    e.span,
    `Write '${parts.join(' and ')}'.`,
  );
}

/** Functions that Brian2's sympy conversion cannot apply to a condition (clip, sqrt, sign, exp, int are fine). */
const NO_CONDITION_ARGUMENT = new Set(['abs', 'log', 'log1p', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan', 'floor', 'ceil']);

function isLiteral(e: Expr): boolean {
  return e.kind === 'number' || e.kind === 'bool' || (e.kind === 'unary' && e.op === '-' && isLiteral(e.operand));
}

function booleanLiteralArithmetic(e: Expr, source: SourceText | undefined): Error {
  return errorAt(
    'boolean-literal-arithmetic',
    `'${writtenText(e, source)}' uses True/False in arithmetic, which Brian2 cannot convert (sympy's BooleanTrue is not a number)`,
    source,
    e.span,
    'Write 1 or 0 instead of True or False.',
  );
}

/**
 * The restrictions of Brian2's sympy conversion of equations (str_to_sympy),
 * which do not depend on what names mean: a comparison or logical operation
 * cannot take part in arithmetic (`(v > 0*mV)*mV`; `int(v > 0*mV)*mV` is
 * fine), nor be ordered (`(v > 0*mV) < 1`), nor be the argument of most
 * functions; True/False cannot be combined with numbers; comparisons cannot
 * be chained.
 */
export function checkSympyCompatible(expr: Expr, source?: SourceText): void {
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'unary':
        if (e.op !== 'not' && isCondition(e.operand)) throw conditionInArithmetic(e, e.operand, 'a negation', source);
        if (e.op !== 'not' && e.operand.kind === 'bool') throw booleanLiteralArithmetic(e, source);
        visit(e.operand);
        return;
      case 'binary': {
        for (const side of [e.left, e.right]) if (isCondition(side)) throw conditionInArithmetic(e, side, OPERATION[e.op], source);
        const leftBool = e.left.kind === 'bool';
        const rightBool = e.right.kind === 'bool';
        if (
          (leftBool && e.op !== '*') ||
          (e.op === '*' && ((leftBool && isLiteral(e.right)) || (rightBool && isLiteral(e.left)))) ||
          ((e.op === '+' || e.op === '-') && rightBool && isLiteral(e.left))
        ) {
          throw booleanLiteralArithmetic(e, source);
        }
        visit(e.left);
        visit(e.right);
        return;
      }
      case 'compare':
        if (e.ops.length > 1) throw chainedComparison(e, source);
        if (e.ops[0] !== '==' && e.ops[0] !== '!=') {
          for (const side of e.operands) {
            if (isCondition(side)) {
              throw errorAt(
                'condition-in-arithmetic',
                `The ${describeCondition(side)} '${writtenText(side, source)}' cannot be compared with '${e.ops[0]}': it is a boolean condition, not a number`,
                source,
                side.span,
                `Convert it to a number with int(...)${withInt(e, side, source) ? `, e.g. '${withInt(e, side, source)}'` : ''}.`,
              );
            }
          }
        }
        e.operands.forEach(visit);
        return;
      case 'logical':
        e.operands.forEach(visit);
        return;
      case 'call':
        for (const a of e.args) {
          if (NO_CONDITION_ARGUMENT.has(e.callee) && (isCondition(a) || a.kind === 'bool')) {
            throw conditionInArithmetic(e, a, `the function '${e.callee}'`, source);
          }
        }
        e.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(expr);
}

/**
 * Infer the dimension and value type of an expression, enforcing Brian2's
 * unit rules (brian2/parsing/expressions.py): sums, differences, `%` and
 * comparisons need equal dimensions, functions check their arguments, a
 * dimensioned base may only be raised to a constant power. In 'code' mode
 * (the default) the type rules of Brian2's code generation apply as well.
 */
export function checkExpression(expr: Expr, scope: Scope, source?: SourceText, options: CheckOptions = {}): ExprInfo {
  const code = (options.mode ?? 'code') === 'code';
  const check = (e: Expr): ExprInfo => checkExpression(e, scope, source, options);
  const mismatch = (message: string, at: Expr): never => {
    throw errorAt('unit-mismatch', message, source, at.span);
  };
  const show = (d: Dimension): string => describeDimension(d);
  switch (expr.kind) {
    case 'number':
      return { dim: Dimension.DIMENSIONLESS, type: expr.isInteger ? 'integer' : 'float' };
    case 'bool':
      return { dim: Dimension.DIMENSIONLESS, type: 'boolean' };
    case 'name': {
      const r = resolveName(scope, expr.name, source, expr.span);
      if (r.kind === 'function') {
        throw errorAt('function-as-variable', `'${expr.name}' was used like a variable/constant, but it is a function`, source, expr.span, `Call it, e.g. '${expr.name}(t)'.`);
      }
      return { dim: r.dim, type: r.type };
    }
    case 'unary': {
      const inner = check(expr.operand);
      if (expr.op === 'not') return { dim: Dimension.DIMENSIONLESS, type: 'boolean' };
      if (code && inner.type === 'boolean') {
        throw errorAt(
          'boolean-arithmetic',
          `The unary operator '${expr.op}' does not apply to the boolean value '${writtenText(expr.operand, source)}'`,
          source,
          expr.span,
          `Convert it to a number first, e.g. '${expr.op}int(${writtenText(expr.operand, source)})'.`,
        );
      }
      return { dim: inner.dim, type: inner.type };
    }
    case 'binary': {
      const l = check(expr.left);
      const r = check(expr.right);
      const type = expr.op === '/' ? 'float' : highestType(l.type, r.type);
      if (code && type !== 'boolean') {
        // Brian2 simplifies non-boolean arithmetic in generated code with sympy.
        for (const side of [expr.left, expr.right]) if (isCondition(side) && type === 'float') throw conditionInArithmetic(expr, side, OPERATION[expr.op], source);
        if ((expr.left.kind === 'bool' && isLiteral(expr.right)) || (expr.right.kind === 'bool' && isLiteral(expr.left))) throw booleanLiteralArithmetic(expr, source);
      }
      switch (expr.op) {
        case '+':
        case '-':
        case '%':
          if (l.dim !== r.dim) {
            const ls = printExpr(expr.left);
            const rs = printExpr(expr.right);
            mismatch(
              `Expression '${ls} ${expr.op} ${rs}' uses inconsistent units ('${ls}' has unit ${show(l.dim)}; '${rs}' has unit ${show(r.dim)})`,
              expr,
            );
          }
          return { dim: l.dim, type };
        case '*':
          return { dim: l.dim.mul(r.dim), type };
        case '/':
          return { dim: l.dim.div(r.dim), type };
        case '//':
          if (!l.dim.isDimensionless || !r.dim.isDimensionless) {
            throw errorAt(
              'unit-mismatch',
              `Floor division can only be used on dimensionless values, but '${printExpr(l.dim.isDimensionless ? expr.right : expr.left)}' has unit ${show(l.dim.isDimensionless ? r.dim : l.dim)}`,
              source,
              (l.dim.isDimensionless ? expr.right : expr.left).span,
              `Divide by the unit first, e.g. '(${printExpr(expr.left)})/(${printExpr(expr.right)})' and floor(...) of it.`,
            );
          }
          return { dim: Dimension.DIMENSIONLESS, type };
        case '**': {
          if (l.dim.isDimensionless && r.dim.isDimensionless) return { dim: l.dim, type };
          // Like Brian2, the exponent only needs a constant value; its unit is not checked.
          const n = exponentValue(expr.right, scope);
          if (typeof n !== 'number') {
            throw errorAt(
              'unit-mismatch',
              `Cannot raise '${printExpr(expr.left)}' (unit ${show(l.dim)}) to the power '${printExpr(expr.right)}': the exponent of a quantity with units must be a constant number, but ${n.reason}`,
              source,
              n.at?.span ?? expr.right.span,
            );
          }
          return { dim: l.dim.pow(n), type: 'float' };
        }
      }
      break;
    }
    case 'compare': {
      if (expr.ops.length > 1) throw chainedComparison(expr, source);
      const infos = expr.operands.map(check);
      for (let k = 0; k + 1 < infos.length; k++) {
        if (infos[k]!.dim !== infos[k + 1]!.dim) {
          const a = expr.operands[k]!;
          const b = expr.operands[k + 1]!;
          mismatch(
            `Comparison of expressions with different units: '${printExpr(a)}' has unit ${show(infos[k]!.dim)}, while '${printExpr(b)}' has unit ${show(infos[k + 1]!.dim)}`,
            expr,
          );
        }
      }
      return { dim: Dimension.DIMENSIONLESS, type: 'boolean' };
    }
    case 'logical': {
      for (const o of expr.operands) {
        const info = check(o);
        if (code && info.type !== 'boolean') {
          throw errorAt(
            'not-boolean',
            `Expression ought to be boolean but is not: the boolean operator '${expr.op}' acts on the non-boolean value '${writtenText(o, source)}' (in '${writtenText(expr, source)}')`,
            source,
            o.span,
            'Write a comparison, e.g. "x > 0".',
          );
        }
      }
      return { dim: Dimension.DIMENSIONLESS, type: 'boolean' };
    }
    case 'call': {
      const r = scope.resolve(expr.callee);
      if (!r) {
        const builtin: Record<string, string> = {
          min: "Brian2 has no min(); use clip(x, low, high) or a condition with int(...).",
          max: "Brian2 has no max(); use clip(x, low, high) or a condition with int(...).",
          pow: "Write powers with '**', e.g. 'x**2'.",
          round: "Brian2 has no round(); use floor(x + 0.5).",
          ln: "The natural logarithm is log().",
          heaviside: "Write a condition and convert it with int(...), e.g. 'int(x > 0)'.",
        };
        throw errorAt('unknown-function', `Unknown function '${expr.callee}'`, source, expr.calleeSpan, builtin[expr.callee] ?? didYouMean(expr.callee, functionNames(scope)));
      }
      if (r.kind !== 'function') {
        throw errorAt(
          'variable-as-function',
          `'${expr.callee}' is a ${r.kind === 'variable' ? 'variable' : r.origin === 'unit' ? 'unit' : 'value'}, but it was used like a function`,
          source,
          expr.calleeSpan,
          r.kind === 'value' && r.origin === 'unit' ? `Multiply instead, e.g. '1*${expr.callee}'.` : undefined,
        );
      }
      const spec = r.spec;
      if (spec.args.length !== expr.args.length) {
        throw errorAt(
          'wrong-arity',
          `Function '${expr.callee}' was called with ${expr.args.length} argument${expr.args.length === 1 ? '' : 's'}, needs ${spec.args.length}`,
          source,
          expr.span,
        );
      }
      const infos = expr.args.map(check);
      spec.args.forEach((rule, k) => {
        const arg = expr.args[k]!;
        const info = infos[k]!;
        if (rule.kind === 'dimensionless' && !info.dim.isDimensionless) {
          mismatch(
            `Argument number ${k + 1} for function ${expr.callee} does not have the correct units: '${printExpr(arg)}' has unit ${show(info.dim)}, but should be dimensionless`,
            arg,
          );
        } else if (rule.kind === 'dim' && info.dim !== rule.dim) {
          mismatch(
            `Argument number ${k + 1} for function ${expr.callee} does not have the correct units: '${printExpr(arg)}' has unit ${show(info.dim)}, but should have unit ${show(rule.dim)}`,
            arg,
          );
        } else if (rule.kind === 'same-as' && info.dim !== infos[rule.index]!.dim) {
          mismatch(
            `Argument number ${k + 1} for function ${expr.callee} was supposed to have the same units as argument number ${rule.index + 1}, but '${printExpr(arg)}' has unit ${show(info.dim)}, while '${printExpr(expr.args[rule.index]!)}' has unit ${show(infos[rule.index]!.dim)}`,
            arg,
          );
        }
      });
      const type = spec.returnType === 'highest' ? highestType(...infos.map((i) => i.type)) : spec.returnType;
      return { dim: spec.returnDim(infos.map((i) => i.dim)), type };
    }
  }
  throw new Error('unreachable');
}

function functionNames(scope: Scope): string[] {
  const out: string[] = [];
  for (const n of scope.knownNames()) if (scope.resolve(n)?.kind === 'function') out.push(n);
  return out;
}

/** Python's `%` and `//` on numbers. */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/**
 * The value of an exponent, as Brian2's _get_value_from_expression computes
 * it: numbers, True/False, and names of constants (units, pi, namespace
 * values, N); unary minus and the arithmetic operators. Unlike Brian2 2.5.1,
 * `a - b` subtracts (Brian2 adds, so `v**(3-1)` has unit V^4 there).
 */
function exponentValue(e: Expr, scope: Scope): number | { reason: string; at?: Expr } {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'bool':
      return e.value ? 1 : 0;
    case 'name': {
      const r = scope.resolve(e.name);
      if (r?.kind === 'value') return r.value;
      if (r?.kind === 'variable' && r.constant && r.scalar && r.value !== undefined) return r.value;
      return { reason: `'${e.name}' is not constant`, at: e };
    }
    case 'unary': {
      if (e.op !== '-') return { reason: `the operator '${e.op}' cannot be evaluated in an exponent`, at: e };
      const v = exponentValue(e.operand, scope);
      return typeof v === 'number' ? -v : v;
    }
    case 'binary': {
      const a = exponentValue(e.left, scope);
      if (typeof a !== 'number') return a;
      const b = exponentValue(e.right, scope);
      if (typeof b !== 'number') return b;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '//':
          return Math.floor(a / b);
        case '%':
          return pyMod(a, b);
        case '**':
          return a ** b;
      }
      return { reason: 'unsupported operation', at: e };
    }
    case 'call':
      return { reason: `the function call '${printExpr(e)}' is not a constant number`, at: e };
    default:
      return { reason: `'${printExpr(e)}' is a boolean operation`, at: e };
  }
}

/**
 * Value of an expression built from numbers and constants only, as Brian2's
 * _get_value_from_expression (used for exponents of dimensioned bases).
 */
export function constantValue(e: Expr, scope: Scope): number | undefined {
  const v = exponentValue(e, scope);
  return typeof v === 'number' ? v : undefined;
}

/**
 * Brian2's is_boolean_expression, used for thresholds, events, conditions and
 * refractoriness conditions: comparisons, `not`, True/False and boolean
 * variables are boolean; `and`/`or` must only combine boolean expressions.
 */
export function isBooleanExpression(expr: Expr, scope: Scope, source?: SourceText): boolean {
  switch (expr.kind) {
    case 'logical':
      for (const o of expr.operands) {
        if (!isBooleanExpression(o, scope, source)) {
          throw errorAt(
            'not-boolean',
            `Expression ought to be boolean but is not: '${writtenText(o, source)}' is not a boolean value (in '${writtenText(expr, source)}')`,
            source,
            o.span,
            "Each operand of 'and'/'or' must be a condition, e.g. 'x > 0'.",
          );
        }
      }
      return true;
    case 'bool':
    case 'compare':
      return true;
    case 'name': {
      const r = scope.resolve(expr.name);
      return r !== undefined && r.kind !== 'function' && r.type === 'boolean';
    }
    case 'unary':
      return expr.op === 'not';
    default:
      return false;
  }
}

/** Boolean-valued expression check used for thresholds, events and conditions. */
export function requireBoolean(expr: Expr, scope: Scope, what: string, source?: SourceText): void {
  if (!isBooleanExpression(expr, scope, source)) {
    throw errorAt('not-boolean', `${what} '${writtenText(expr, source)}' is not a boolean expression`, source, expr.span, 'Write a comparison, e.g. "v > -50*mV".');
  }
}

import type { Expr } from '../parsing/ast.ts';
import { didYouMean, errorAt } from '../parsing/diagnostics.ts';
import { printExpr } from '../parsing/printer.ts';
import type { SourceText } from '../parsing/source.ts';
import { Dimension, formatDimension } from '../units/index.ts';
import type { ValueType } from './functions.ts';
import type { Resolved, Scope } from './scope.ts';

export interface ExprInfo {
  dim: Dimension;
  type: ValueType;
}

const RANK: Record<ValueType, number> = { boolean: 0, integer: 1, float: 2 };

export function highestType(...types: ValueType[]): ValueType {
  let best: ValueType = 'boolean';
  for (const t of types) if (RANK[t] > RANK[best]) best = t;
  // Arithmetic on booleans yields integers, as in numpy and C.
  return best === 'boolean' ? 'integer' : best;
}

/** Resolve a name or report it as unknown, with suggestions. */
export function resolveName(scope: Scope, name: string, source: SourceText | undefined, span: { start: number; end: number }): Resolved {
  const r = scope.resolve(name);
  if (r) return r;
  throw errorAt('unknown-identifier', `Unknown identifier '${name}'`, source, span, didYouMean(name, scope.knownNames()));
}

/**
 * Infer the dimension and value type of an expression, enforcing Brian2's
 * unit rules (brian2/parsing/expressions.py): sums, differences, `%` and
 * comparisons need equal dimensions, functions check their arguments, a
 * dimensioned base may only be raised to a constant power.
 */
export function checkExpression(expr: Expr, scope: Scope, source?: SourceText): ExprInfo {
  const check = (e: Expr): ExprInfo => checkExpression(e, scope, source);
  const mismatch = (message: string, at: Expr): never => {
    throw errorAt('unit-mismatch', message, source, at.span);
  };
  const show = (d: Dimension): string => formatDimension(d);
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
      return { dim: inner.dim, type: inner.type === 'boolean' ? 'integer' : inner.type };
    }
    case 'binary': {
      const l = check(expr.left);
      const r = check(expr.right);
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
          return { dim: l.dim, type: highestType(l.type, r.type) };
        case '*':
          return { dim: l.dim.mul(r.dim), type: highestType(l.type, r.type) };
        case '/':
          return { dim: l.dim.div(r.dim), type: 'float' };
        case '//':
          if (!l.dim.isDimensionless || !r.dim.isDimensionless) {
            throw errorAt('unit-mismatch', 'Floor division can only be used on dimensionless values', source, (l.dim.isDimensionless ? expr.right : expr.left).span);
          }
          return { dim: Dimension.DIMENSIONLESS, type: highestType(l.type, r.type) };
        case '**': {
          if (l.dim.isDimensionless && r.dim.isDimensionless) return { dim: l.dim, type: l.type === 'integer' && r.type === 'integer' ? 'integer' : 'float' };
          if (!r.dim.isDimensionless) {
            mismatch(`The exponent of '${printExpr(expr)}' must be dimensionless, but '${printExpr(expr.right)}' has unit ${show(r.dim)}`, expr.right);
          }
          const n = constantValue(expr.right, scope);
          if (n === undefined) {
            throw errorAt(
              'unit-mismatch',
              `Cannot raise '${printExpr(expr.left)}' (unit ${show(l.dim)}) to the power '${printExpr(expr.right)}': the exponent of a quantity with units must be a constant number`,
              source,
              expr.right.span,
            );
          }
          return { dim: l.dim.pow(n), type: 'float' };
        }
      }
      break;
    }
    case 'compare': {
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
        if (info.type !== 'boolean') {
          throw errorAt(
            'not-boolean',
            `Expression ought to be boolean but is not: '${printExpr(o)}' is not a boolean value (in '${printExpr(expr)}')`,
            source,
            o.span,
          );
        }
      }
      return { dim: Dimension.DIMENSIONLESS, type: 'boolean' };
    }
    case 'call': {
      const r = scope.resolve(expr.callee);
      if (!r) throw errorAt('unknown-function', `Unknown function '${expr.callee}'`, source, expr.calleeSpan, didYouMean(expr.callee, functionNames(scope)));
      if (r.kind !== 'function') {
        throw errorAt('variable-as-function', `'${expr.callee}' is a ${r.kind === 'variable' ? 'variable' : 'value'}, but it was used like a function`, source, expr.calleeSpan);
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

/**
 * Value of an expression built from numbers and constants only, as Brian2's
 * _get_value_from_expression (used for exponents of dimensioned bases).
 */
export function constantValue(e: Expr, scope: Scope): number | undefined {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'bool':
      return e.value ? 1 : 0;
    case 'name': {
      const r = scope.resolve(e.name);
      return r?.kind === 'value' ? r.value : undefined;
    }
    case 'unary': {
      if (e.op === 'not') return undefined;
      const v = constantValue(e.operand, scope);
      return v === undefined ? undefined : e.op === '-' ? -v : v;
    }
    case 'binary': {
      const a = constantValue(e.left, scope);
      const b = constantValue(e.right, scope);
      if (a === undefined || b === undefined) return undefined;
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
          return a - Math.floor(a / b) * b;
        case '**':
          return a ** b;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Boolean-valued expression check used for thresholds, events and conditions. */
export function requireBoolean(expr: Expr, info: ExprInfo, what: string, source?: SourceText): void {
  if (info.type !== 'boolean') {
    throw errorAt('not-boolean', `${what} '${printExpr(expr)}' is not a boolean expression`, source, expr.span, 'Write a comparison, e.g. "v > -50*mV".');
  }
}

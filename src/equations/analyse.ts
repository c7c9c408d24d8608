import { identifiersOf, type Expr, type Statement } from '../parsing/ast.ts';
import { didYouMean, errorAt } from '../parsing/diagnostics.ts';
import { printExpr } from '../parsing/printer.ts';
import type { SourceText } from '../parsing/source.ts';
import { Dimension, formatDimension } from '../units/index.ts';
import { DIFFERENTIAL_EQUATION, SUBEXPRESSION, XI_DIMENSION, type Equations, type EquationVariable } from './equations.ts';
import type { Resolved, ResolvedValue, ResolvedFunction, Scope, ResolvedVariable } from './scope.ts';
import { checkExpression, resolveName, type ExprInfo } from './unitcheck.ts';

const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

export function variable(
  name: string,
  dim: Dimension,
  type: ResolvedVariable['type'],
  opts: Partial<Pick<ResolvedVariable, 'scalar' | 'constant' | 'readOnly' | 'isSubexpression'>> = {},
): ResolvedVariable {
  return {
    kind: 'variable',
    name,
    dim,
    type,
    scalar: opts.scalar ?? false,
    constant: opts.constant ?? false,
    readOnly: opts.readOnly ?? false,
    isSubexpression: opts.isSubexpression ?? false,
  };
}

/** Variables every group has: time, time step, index, size. */
export function specialVariables(): Map<string, ResolvedVariable> {
  return new Map([
    ['t', variable('t', SECOND, 'float', { scalar: true, readOnly: true })],
    ['dt', variable('dt', SECOND, 'float', { scalar: true, constant: true, readOnly: true })],
    ['t_in_timesteps', variable('t_in_timesteps', Dimension.DIMENSIONLESS, 'integer', { scalar: true, readOnly: true })],
    ['i', variable('i', Dimension.DIMENSIONLESS, 'integer', { constant: true, readOnly: true })],
    ['N', variable('N', Dimension.DIMENSIONLESS, 'integer', { scalar: true, constant: true, readOnly: true })],
  ]);
}

/** The variables that equations define, as the group stores them. */
export function equationVariables(eqs: Equations): Map<string, ResolvedVariable> {
  const out = new Map<string, ResolvedVariable>();
  for (const v of eqs.variables.values()) {
    out.set(
      v.name,
      variable(v.name, v.dim, v.type, {
        scalar: v.flags.includes('shared'),
        constant: v.flags.includes('constant'),
        isSubexpression: v.kind === SUBEXPRESSION,
      }),
    );
  }
  for (const xi of eqs.stochasticVariables) out.set(xi, variable(xi, XI_DIMENSION, 'float', { readOnly: true }));
  return out;
}

/**
 * Check every right-hand side: known names, consistent units, and the
 * declared unit (a derivative has the variable's unit per second).
 */
export function checkEquationUnits(eqs: Equations, scope: Scope): Map<string, ExprInfo> {
  const infos = new Map<string, ExprInfo>();
  for (const v of eqs.variables.values()) {
    if (!v.expr) continue;
    const info = checkExpression(v.expr, scope, eqs.source);
    infos.set(v.name, info);
    if (v.kind === DIFFERENTIAL_EQUATION) {
      const expected = v.dim.div(SECOND);
      if (info.dim !== expected) {
        throw errorAt(
          'unit-mismatch',
          `Inconsistent units in differential equation defining variable '${v.name}': the right-hand side '${v.exprText}' has unit ${formatDimension(info.dim)}, but should have unit ${formatDimension(expected)} (the unit of '${v.name}' per second)`,
          eqs.source,
          v.line.exprSpan,
        );
      }
    } else if (info.dim !== v.dim) {
      throw errorAt(
        'unit-mismatch',
        `Inconsistent units in subexpression '${v.name}': the right-hand side '${v.exprText}' has unit ${formatDimension(info.dim)}, but '${v.name}' is declared with unit ${formatDimension(v.dim)}`,
        eqs.source,
        v.line.exprSpan,
      );
    }
  }
  return infos;
}

/**
 * Subexpressions in an order where each comes after the ones it uses;
 * a cycle is an error that names its members.
 */
export function orderSubexpressions(eqs: Equations): string[] {
  const subs = new Map<string, EquationVariable>();
  for (const v of eqs.variables.values()) if (v.kind === SUBEXPRESSION) subs.set(v.name, v);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    const s = state.get(name);
    if (s === 'done') return;
    const v = subs.get(name)!;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      throw errorAt(
        'circular-definition',
        `Circular definition of subexpressions: ${cycle.map((c) => `'${c}'`).join(' → ')}`,
        eqs.source,
        v.line.nameSpan,
      );
    }
    state.set(name, 'visiting');
    for (const dep of identifiersOf(v.expr!)) if (subs.has(dep)) visit(dep, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of subs.keys()) visit(name, []);
  return order;
}

/** Every name an expression needs, with subexpressions followed to the names they use. */
export function dependencies(expr: Expr, eqs: Equations, out: Set<string> = new Set()): Set<string> {
  for (const id of identifiersOf(expr)) {
    if (out.has(id)) continue;
    out.add(id);
    const v = eqs.variables.get(id);
    if (v?.kind === SUBEXPRESSION) dependencies(v.expr!, eqs, out);
  }
  return out;
}

/**
 * Check abstract code (reset, on_pre, …): targets must be writable
 * variables, and each value must have the target's unit (`*=`, `/=` need
 * a dimensionless factor).
 */
export function checkStatements(statements: Statement[], scope: Scope, source: SourceText, locals: Set<string> = new Set()): void {
  for (const st of statements) {
    const info = checkExpression(st.value, scope, source);
    const target = scope.resolve(st.target);
    if (!target) {
      if (st.op === '=' && locals.has(st.target)) continue;
      throw errorAt('unknown-identifier', `Cannot assign to unknown variable '${st.target}'`, source, st.targetSpan, suggestion(st.target, scope));
    }
    if (target.kind !== 'variable') {
      throw errorAt('read-only', `Cannot assign to '${st.target}': it is a ${target.kind === 'function' ? 'function' : 'constant'}, not a variable of the group`, source, st.targetSpan);
    }
    if (target.isSubexpression) {
      throw errorAt('read-only', `Cannot assign to '${st.target}': it is a subexpression, not a state variable`, source, st.targetSpan);
    }
    if (target.readOnly) throw errorAt('read-only', `Variable '${st.target}' is read-only`, source, st.targetSpan);
    if (st.op === '*=' || st.op === '/=' || st.op === '**=' || st.op === '//=') {
      if (!info.dim.isDimensionless) {
        throw errorAt(
          'unit-mismatch',
          `Inconsistent units in statement '${st.target} ${st.op} ${printExpr(st.value)}': the factor must be dimensionless, but has unit ${formatDimension(info.dim)}`,
          source,
          st.value.span,
        );
      }
    } else if (info.dim !== target.dim) {
      throw errorAt(
        'unit-mismatch',
        `Inconsistent units in statement '${st.target} ${st.op} ${printExpr(st.value)}': '${st.target}' has unit ${formatDimension(target.dim)}, but the value has unit ${formatDimension(info.dim)}`,
        source,
        st.value.span,
      );
    }
    if (target.type === 'boolean' && info.type !== 'boolean' && st.op === '=') {
      throw errorAt('type-mismatch', `Cannot assign the non-boolean value '${printExpr(st.value)}' to the boolean variable '${st.target}'`, source, st.value.span);
    }
  }
}

function suggestion(name: string, scope: Scope): string | undefined {
  const writable: string[] = [];
  for (const n of scope.knownNames()) {
    const r = scope.resolve(n);
    if (r?.kind === 'variable' && !r.readOnly && !r.isSubexpression) writable.push(n);
  }
  return didYouMean(name, writable);
}

/**
 * The external names (namespace values, units, constants, functions) used
 * by a set of expressions, resolved.
 */
export function collectExternals(exprs: Iterable<Expr>, scope: Scope, source: SourceText | undefined): Map<string, ResolvedValue | ResolvedFunction> {
  const out = new Map<string, ResolvedValue | ResolvedFunction>();
  const visit = (e: Expr): void => {
    if (e.kind === 'name' || e.kind === 'call') {
      const name = e.kind === 'name' ? e.name : e.callee;
      const r: Resolved = resolveName(scope, name, source, e.kind === 'name' ? e.span : e.calleeSpan);
      if (r.kind !== 'variable') out.set(name, r);
    }
    if (e.kind === 'unary') visit(e.operand);
    else if (e.kind === 'binary') {
      visit(e.left);
      visit(e.right);
    } else if (e.kind === 'compare' || e.kind === 'logical') e.operands.forEach(visit);
    else if (e.kind === 'call') e.args.forEach(visit);
  };
  for (const e of exprs) visit(e);
  return out;
}

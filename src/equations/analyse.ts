import { calledFunctions, identifiersOf, type BinaryOp, type Expr, type Statement } from '../parsing/ast.ts';
import { didYouMean, errorAt, ModelError } from '../parsing/diagnostics.ts';
import { printExpr } from '../parsing/printer.ts';
import { parseExpression } from '../parsing/expressions.ts';
import { SourceText } from '../parsing/source.ts';
import { Dimension, describeDimension } from '../units/index.ts';
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

/** The first name in an expression that has one value per element (a non-shared variable), if any. */
export function perElementVariable(expr: Expr, resolve: (name: string) => Resolved | undefined): string | undefined {
  for (const name of identifiersOf(expr)) {
    const r = resolve(name);
    if (r?.kind === 'variable' && !r.scalar) return name;
  }
  return undefined;
}

/**
 * Whether an expression has one value for all elements: no per-element
 * variable and no random numbers (Brian2: rand and randn are not stateless,
 * so they draw per element).
 */
export function isSharedValue(expr: Expr, resolve: (name: string) => Resolved | undefined): boolean {
  const called = calledFunctions(expr);
  return perElementVariable(expr, resolve) === undefined && !called.has('rand') && !called.has('randn');
}

/**
 * Brian2 reserves the suffixes _pre and _post for the variables of a synapse's
 * source and target: a group's own variables (and a synapse's own, except
 * summed ones, whose names say where they go) cannot end in them.
 */
export function checkPrePostNames(eqs: Equations, skip: (v: EquationVariable) => boolean = () => false): void {
  for (const v of eqs.variables.values()) {
    if (skip(v) || !/_(pre|post)$/.test(v.name)) continue;
    throw errorAt(
      'reserved-name',
      `'${v.name}' cannot be used as a variable name, the '_pre' and '_post' suffixes are used to refer to pre- and post-synaptic variables in synapses`,
      eqs.source,
      v.line.nameSpan,
      `Rename it, e.g. to '${v.name.replace(/_(pre|post)$/, '$1')}'.`,
    );
  }
}

/**
 * Check every right-hand side: known names, consistent units, and the
 * declared unit (a derivative has the variable's unit per second).
 */
export function checkEquationUnits(eqs: Equations, scope: Scope): Map<string, ExprInfo> {
  const infos = new Map<string, ExprInfo>();
  for (const v of eqs.variables.values()) {
    if (!v.expr) continue;
    const info = checkExpression(v.expr, scope, eqs.source, { mode: 'equations' });
    infos.set(v.name, info);
    if (v.kind === DIFFERENTIAL_EQUATION) {
      const expected = v.dim.div(SECOND);
      if (info.dim !== expected) {
        throw errorAt(
          'unit-mismatch',
          `Inconsistent units in differential equation defining variable '${v.name}': the right-hand side '${v.exprText}' has unit ${describeDimension(info.dim)}, but should have unit ${describeDimension(expected)} (the unit of '${v.name}' per second)`,
          eqs.source,
          v.line.exprSpan,
        );
      }
    } else if (info.dim !== v.dim) {
      throw errorAt(
        'unit-mismatch',
        `Inconsistent units in subexpression '${v.name}': the right-hand side '${v.exprText}' has unit ${describeDimension(info.dim)}, but '${v.name}' is declared with unit ${describeDimension(v.dim)}`,
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
 * Check abstract code (reset, on_pre, …) as Brian2 does. A statement writes
 * to a variable of the group, or defines a temporary (`tmp = 2*mV`, then
 * usable with that unit in later statements) — any name that is not a group
 * variable becomes a temporary, even one that names a unit or a namespace
 * value. Subexpressions and scalar variables (shared ones, t, dt, N) cannot
 * be written from per-element code; constant parameters can. Brian2 checks
 * the units of `x op= expr` as the text `x op expr`, so `v %= 1*mV` is
 * `(v % 1)*mV` there and fails; we follow it. `**=` and `//=` do not exist
 * in Brian2's abstract code.
 */
export function checkStatements(statements: Statement[], scope: Scope, source: SourceText, locals: Set<string> = new Set(), options: { scalarWrites?: boolean } = {}): void {
  const temporaries = new Map<string, ResolvedVariable>();
  // Brian2: writes to shared variables (where allowed) come before any per-element write.
  let vectorWritten = false;
  const visible: Scope = {
    resolve: (name) => temporaries.get(name) ?? scope.resolve(name),
    knownNames: function* () {
      yield* temporaries.keys();
      yield* scope.knownNames();
    },
  };
  for (const st of statements) {
    if (st.op === '**=' || st.op === '//=') {
      const spelled = st.op === '**=' ? `${st.target} = ${st.target}**(...)` : `${st.target} = ${st.target}//(...)`;
      throw errorAt('syntax', `The operator '${st.op}' is not supported in Brian2's abstract code`, source, opSpan(st, source), `Write '${spelled}' instead.`);
    }
    const known = visible.resolve(st.target);
    const target = known?.kind === 'variable' ? known : undefined;
    if (target?.isSubexpression) {
      throw errorAt('read-only', `Cannot write to subexpression '${st.target}': it is computed from the equations, not stored`, source, st.targetSpan);
    }
    if (target?.linked) {
      throw errorAt('read-only', `Cannot write to '${st.target}': it is linked to a variable of another group, which that group updates`, source, st.targetSpan);
    }
    if (target?.scalar && options.scalarWrites && !target.readOnly && !target.constant) {
      if (vectorWritten) {
        throw errorAt(
          'scalar-write',
          `All writes to scalar variables in a code block have to be made before writes to vector variables. Illegal write to '${st.target}'`,
          source,
          st.targetSpan,
          'Move the statements that write shared variables to the top of the code.',
        );
      }
      const vector = perElementVariable(st.value, visible.resolve);
      if (vector) {
        throw errorAt(
          'scalar-write',
          `Cannot write to scalar variable '${st.target}' with an expression referring to vector variable '${vector}'`,
          source,
          st.value.span,
        );
      }
    } else if (target?.scalar) {
      throw errorAt(
        'read-only',
        `Writing to scalar variable ${st.target} not allowed in this context: '${st.target}' is ${target.readOnly ? 'a read-only variable' : 'a shared variable'} with one value for the whole group, and this code runs for each neuron or synapse`,
        source,
        st.targetSpan,
      );
    }
    if (!target && st.op !== '=') {
      throw errorAt(
        'unknown-identifier',
        `Unknown identifier '${st.target}': '${st.op}' updates a variable, but '${st.target}' has not been defined`,
        source,
        st.targetSpan,
        suggestion(st.target, visible),
      );
    }
    const value = st.op === '=' ? st.value : textualUpdate(st, source);
    let info: ExprInfo;
    try {
      info = checkExpression(value, visible, source);
    } catch (err) {
      const written = source.slice(st.value.span);
      const bare = st.op !== '=' && (st.value.kind === 'binary' || st.value.kind === 'compare' || st.value.kind === 'logical') && !(written.startsWith('(') && written.endsWith(')'));
      if (!(err instanceof ModelError) || !bare || err.diagnostic.hint) throw err;
      throw new ModelError({
        ...err.diagnostic,
        hint: `Brian2 checks '${st.target} ${st.op} ${written}' as '${st.target} ${st.op[0]} ${written}', where '${st.op[0]}' binds to the first operand only; write '${st.target} ${st.op} (${written})'.`,
      });
    }
    if (!target) {
      // A new temporary, with the unit and type of its value; one value for all elements if its value is.
      locals.add(st.target);
      const scalar = isSharedValue(value, visible.resolve);
      temporaries.set(st.target, variable(st.target, info.dim, info.type, { scalar }));
      if (!scalar) vectorWritten = true;
      continue;
    }
    if (!target.scalar) vectorWritten = true;
    if (info.dim !== target.dim) {
      const factor = st.op === '*=' || st.op === '/=';
      throw errorAt(
        'unit-mismatch',
        `The right-hand side of the statement '${source.slice(st.span) || `${st.target} ${st.op} ${printExpr(st.value)}`}' does not have the unit of '${st.target}': expected unit ${describeDimension(target.dim)}, but it has unit ${describeDimension(info.dim)}`,
        source,
        st.value.span,
        factor ? `With '${st.op}', the factor must be dimensionless.` : undefined,
      );
    }
  }
}

/** Where the assignment operator of a statement is. */
function opSpan(st: Statement, source: SourceText): { start: number; end: number } {
  const k = source.text.indexOf(st.op, st.targetSpan.end);
  return k >= 0 && k < st.value.span.start ? { start: k, end: k + st.op.length } : st.span;
}

/**
 * `x op= expr` read the way Brian2 checks its units: the text `x op expr`
 * parsed again, so the value binds by Python's precedence (`v %= 1*mV` is
 * `(v % 1)*mV`). The rewritten text has the same length, so positions in
 * diagnostics stay those of the user's code.
 */
function textualUpdate(st: Statement, source: SourceText): Expr {
  const k = source.text.indexOf(st.op, st.targetSpan.end);
  if (k < 0 || k >= st.value.span.start || st.span.end <= st.span.start) {
    return { kind: 'binary', op: st.op[0] as BinaryOp, left: { kind: 'name', name: st.target, span: st.targetSpan }, right: st.value, span: st.span };
  }
  const text = `${source.text.slice(0, k)}${st.op[0]} ${source.text.slice(k + 2)}`;
  return parseExpression(new SourceText(text, source.origin), st.targetSpan.start, st.value.span.end);
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
      // Every name was checked before; one that does not resolve is a temporary of abstract code.
      const r: Resolved | undefined = scope.resolve(name);
      if (r && r.kind !== 'variable') out.set(name, r);
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

/**
 * Checked code that may write shared variables (run_regularly) as two parts,
 * the way Brian2 runs it: the leading statements that write shared variables
 * or compute values shared by all elements, run once; then the rest, run for
 * every element. Shared temporaries the second part uses are computed again
 * at its start, which is only the same value if the first part did not
 * change what they read afterwards.
 */
export function splitScalarStatements(statements: Statement[], scope: Scope, source: SourceText): { scalar: Statement[]; vector: Statement[] } {
  // The first part's temporaries, seen as shared variables (only that they are shared matters here).
  const temporaries = new Map<string, ResolvedVariable>();
  const resolve = (name: string): Resolved | undefined => temporaries.get(name) ?? scope.resolve(name);
  let k = 0;
  for (; k < statements.length; k++) {
    const st = statements[k]!;
    const r = temporaries.has(st.target) ? undefined : scope.resolve(st.target);
    if (r?.kind === 'variable') {
      if (!r.scalar) break;
    } else {
      if (st.op !== '=' || !isSharedValue(st.value, resolve)) break;
      temporaries.set(st.target, variable(st.target, Dimension.DIMENSIONLESS, 'float', { scalar: true }));
    }
  }
  const scalar = statements.slice(0, k);
  if (scalar.length === 0) return { scalar, vector: statements };
  const rest = statements.slice(k);
  const used = new Set<string>();
  for (const st of rest) {
    identifiersOf(st.value, used);
    used.add(st.target);
  }
  const repeated: Statement[] = [];
  scalar.forEach((st, at) => {
    if (!temporaries.has(st.target) || !used.has(st.target)) return;
    const reads = identifiersOf(st.value);
    const changed = scalar.slice(at + 1).find((later) => reads.has(later.target) && !temporaries.has(later.target));
    if (changed) {
      throw errorAt(
        'scalar-write',
        `The shared value '${st.target}' is used for each element after '${changed.target}', which it reads, has been changed; compute it after the writes to shared variables`,
        source,
        st.targetSpan,
      );
    }
    repeated.push(st);
  });
  return { scalar, vector: [...repeated, ...rest] };
}

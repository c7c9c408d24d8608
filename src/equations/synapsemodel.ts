import { identifiersOf, mapExpr, type Expr, type Statement } from '../parsing/ast.ts';
import { errorAt } from '../parsing/diagnostics.ts';
import { SourceText } from '../parsing/source.ts';
import { parseStatements } from '../parsing/statements.ts';
import { Dimension, formatDimension } from '../units/index.ts';
import { checkEquationUnits, checkPrePostNames, checkStatements, collectExternals, equationVariables, orderSubexpressions, specialVariables, variable } from './analyse.ts';
import { DIFFERENTIAL_EQUATION, Equations, PARAMETER, SUBEXPRESSION, spanOfName } from './equations.ts';
import { GroupScope, type Namespace } from './namespace.ts';
import type { CheckedCode } from './neuronmodel.ts';
import type { ResolvedFunction, ResolvedValue, ResolvedVariable } from './scope.ts';
import { checkExpression } from './unitcheck.ts';

const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

export const SYNAPSE_FLAGS = {
  [DIFFERENTIAL_EQUATION]: ['event-driven', 'clock-driven'],
  [SUBEXPRESSION]: ['summed', 'shared', 'constant over dt'],
  [PARAMETER]: ['constant', 'shared', 'linked'],
} as const;
const INCOMPATIBLE = [['event-driven', 'clock-driven'], ['summed', 'shared', 'constant over dt']] as const;

/** What a synaptic model can see of a connected group. */
export interface ConnectedGroup {
  name: string;
  size: number;
  /** Stored variables (and subexpressions) by name. */
  variables: ReadonlyMap<string, ResolvedVariable>;
  /** Names defined as parameters (targets allowed for summed variables). */
  parameters: ReadonlySet<string>;
  /** Variables written only while not refractory (conditional writes). */
  unlessRefractory: ReadonlySet<string>;
}

export interface SynapsesModelSpec {
  equations: string | Equations;
  pathways: ReadonlyArray<{ name: string; prepost: 'pre' | 'post'; code: string }>;
  source: ConnectedGroup;
  target: ConnectedGroup;
  namespace?: Namespace;
}

/** Where a name used in synaptic code lives. */
export type SynapticName =
  | { side: 'syn'; name: string }
  | { side: 'pre' | 'post'; name: string };

export interface SummedVariable {
  /** As written, e.g. 'I_syn_post'. */
  name: string;
  side: 'pre' | 'post';
  /** Parameter of the connected group that receives the sum. */
  targetVar: string;
  expr: Expr;
}

export interface SynapsesModel {
  equations: Equations;
  clockDriven: string[];
  eventDriven: string[];
  summed: SummedVariable[];
  /** Every name synaptic code can use that is not external. */
  names: ReadonlyMap<string, SynapticName>;
  scope: GroupScope;
  subexpressionOrder: string[];
  pathways: Array<{ name: string; prepost: 'pre' | 'post'; code: CheckedCode }>;
  externals: ReadonlyMap<string, ResolvedValue | ResolvedFunction>;
  identifiers: ReadonlyMap<string, ResolvedValue | ResolvedFunction>;
  needsLastupdate: boolean;
}

/**
 * A Synapses model after Brian2's checks: flags, event-driven vs
 * clock-driven equations, summed variables, `_pre`/`_post` names (and
 * unsuffixed post-synaptic names), units of equations and pathway code.
 */
export function analyseSynapsesModel(spec: SynapsesModelSpec): SynapsesModel {
  const equations = typeof spec.equations === 'string' ? new Equations(spec.equations) : spec.equations;
  equations.checkFlags(SYNAPSE_FLAGS, INCOMPATIBLE);
  checkPrePostNames(equations, (v) => v.kind === SUBEXPRESSION && v.flags.includes('summed'));
  const clockDriven: string[] = [];
  const eventDriven: string[] = [];
  for (const v of equations.variables.values()) {
    if (v.kind !== DIFFERENTIAL_EQUATION) continue;
    (v.flags.includes('event-driven') ? eventDriven : clockDriven).push(v.name);
  }
  const needsLastupdate = eventDriven.length > 0;

  const names = new Map<string, SynapticName>();
  const vars = new Map<string, ResolvedVariable>(specialVariables());
  // Indices and sizes Brian2 defines on every Synapses object.
  vars.set('i', variable('i', Dimension.DIMENSIONLESS, 'integer', { constant: true, readOnly: true }));
  vars.set('j', variable('j', Dimension.DIMENSIONLESS, 'integer', { constant: true, readOnly: true }));
  vars.set('N_incoming', variable('N_incoming', Dimension.DIMENSIONLESS, 'integer', { constant: true, readOnly: true }));
  vars.set('N_outgoing', variable('N_outgoing', Dimension.DIMENSIONLESS, 'integer', { constant: true, readOnly: true }));
  vars.set('N_pre', variable('N_pre', Dimension.DIMENSIONLESS, 'integer', { scalar: true, constant: true, readOnly: true }));
  vars.set('N_post', variable('N_post', Dimension.DIMENSIONLESS, 'integer', { scalar: true, constant: true, readOnly: true }));
  vars.set('delay', variable('delay', SECOND, 'float'));
  for (const p of spec.pathways) if (p.name !== 'pre') vars.set(`${p.name}_delay`, variable(`${p.name}_delay`, SECOND, 'float'));
  if (needsLastupdate) vars.set('lastupdate', variable('lastupdate', SECOND, 'float'));
  for (const n of vars.keys()) names.set(n, { side: 'syn', name: n });

  const summedEqs = [...equations.variables.values()].filter((v) => v.kind === SUBEXPRESSION && v.flags.includes('summed'));
  const own = equationVariables(Equations.fromVariables(equations.source, [...equations.variables.values()].filter((v) => !v.flags.includes('summed'))));
  for (const [n, v] of own) {
    vars.set(n, v);
    names.set(n, { side: 'syn', name: n });
  }
  for (const [side, group] of [['pre', spec.source], ['post', spec.target]] as const) {
    for (const [n, v] of group.variables) {
      if (n === 'i' && side === 'pre') continue;
      const clash = equations.variables.get(n);
      if (clash && !clash.flags.includes('summed') && n !== 'lastupdate' && n !== 'i') {
        throw errorAt(
          'duplicate-definition',
          `The ${side}-synaptic variable '${n}' has the same name as a synaptic variable; rename the synaptic variable (for example to '${n}_syn') to avoid confusion`,
          equations.source,
          clash.line.nameSpan,
        );
      }
      const suffixed = `${n}_${side}`;
      vars.set(suffixed, { ...v, name: suffixed, readOnly: v.readOnly });
      names.set(suffixed, { side, name: n });
      // Brian2 also lets synaptic code use post-synaptic names without suffix.
      if (side === 'post' && !vars.has(n) && n !== 'i' && n !== 'N') {
        vars.set(n, { ...v });
        names.set(n, { side: 'post', name: n });
      }
    }
  }
  const scope = new GroupScope(vars, spec.namespace ?? {});
  checkEquationUnits(Equations.fromVariables(equations.source, [...equations.variables.values()].filter((v) => !v.flags.includes('summed'))), scope);
  checkDrivenDependencies(equations, eventDriven, clockDriven);

  const summed: SummedVariable[] = [];
  const targets = new Set<string>();
  for (const v of summedEqs) {
    const side = v.name.endsWith('_post') ? 'post' : v.name.endsWith('_pre') ? 'pre' : undefined;
    if (!side) throw errorAt('invalid-summed', `The summed variable '${v.name}' does not end in '_pre' or '_post'`, equations.source, v.line.nameSpan);
    const group = side === 'post' ? spec.target : spec.source;
    const targetVar = v.name.slice(0, -(side.length + 1));
    if (!group.variables.has(targetVar)) {
      throw errorAt('invalid-summed', `The summed variable '${v.name}' does not refer to any known variable in the target group '${group.name}'`, equations.source, v.line.nameSpan);
    }
    if (!group.parameters.has(targetVar)) {
      throw errorAt('invalid-summed', `The summed variable '${v.name}' needs a corresponding parameter '${targetVar}' in the target group '${group.name}'`, equations.source, v.line.nameSpan);
    }
    const info = checkExpression(v.expr!, scope, equations.source);
    const targetDim = group.variables.get(targetVar)!.dim;
    if (info.dim !== targetDim || v.dim !== targetDim) {
      throw errorAt(
        'unit-mismatch',
        `The target variable '${targetVar}' of '${group.name}' (unit ${formatDimension(targetDim)}) does not have the same dimensions as the right-hand side expression '${v.exprText}' (unit ${formatDimension(info.dim)})`,
        equations.source,
        v.line.exprSpan,
      );
    }
    const key = `${side}:${targetVar}`;
    if (targets.has(key)) throw errorAt('invalid-summed', `The target variable '${targetVar}' is already updated by another summed variable`, equations.source, v.line.nameSpan);
    targets.add(key);
    summed.push({ name: v.name, side, targetVar, expr: v.expr! });
  }

  const pathways = spec.pathways.map((p) => {
    const source = new SourceText(p.code, `on_${p.prepost}${p.name !== p.prepost ? ` ('${p.name}')` : ''}`);
    const statements = parseStatements(source, source.origin);
    checkStatements(statements, scope, source);
    return { name: p.name, prepost: p.prepost, code: { text: p.code, source, statements } };
  });

  const exprs: Expr[] = [];
  for (const v of equations.variables.values()) if (v.expr) exprs.push(v.expr);
  for (const p of pathways) for (const st of p.code.statements) exprs.push(st.value);
  const externals = collectExternals(exprs, scope, undefined);
  const identifiers = new Map([...externals].filter(([, r]) => r.origin === 'namespace'));
  const subexpressionOrder = orderSubexpressions(Equations.fromVariables(equations.source, [...equations.variables.values()].filter((v) => !v.flags.includes('summed'))));
  return { equations, clockDriven, eventDriven, summed, names, scope, subexpressionOrder, pathways, externals, identifiers, needsLastupdate };
}

/** Event-driven equations may not depend on clock-driven ones and vice versa (Brian2's check). */
function checkDrivenDependencies(eqs: Equations, eventDriven: string[], clockDriven: string[]): void {
  for (const [group, other, kind] of [[eventDriven, clockDriven, 'event-driven'], [clockDriven, eventDriven, 'clock-driven']] as const) {
    for (const name of group) {
      const v = eqs.variables.get(name)!;
      for (const dep of identifiersOf(v.expr!)) {
        if ((other as readonly string[]).includes(dep)) {
          throw errorAt(
            'invalid-dependency',
            `The ${kind} equation for '${name}' depends on '${dep}', which is ${kind === 'event-driven' ? 'clock-driven' : 'event-driven'}; make both clock-driven`,
            eqs.source,
            spanOfName(v.expr!, dep) ?? v.line.span,
          );
        }
      }
    }
  }
}

/** Rewrite names to their canonical form (unsuffixed post-synaptic names get '_post'), so one variable has one name. */
export function canonicalNames(expr: Expr, names: ReadonlyMap<string, SynapticName>): Expr {
  return mapExpr(expr, (e) => {
    if (e.kind !== 'name') return undefined;
    const n = names.get(e.name);
    return n && n.side !== 'syn' && !e.name.endsWith(`_${n.side}`) ? { ...e, name: `${n.name}_${n.side}` } : undefined;
  });
}

export function canonicalStatements(statements: Statement[], names: ReadonlyMap<string, SynapticName>): Statement[] {
  return statements.map((st) => {
    const n = names.get(st.target);
    const target = n && n.side !== 'syn' && !st.target.endsWith(`_${n.side}`) ? `${n.name}_${n.side}` : st.target;
    return { ...st, target, value: canonicalNames(st.value, names) };
  });
}

import { identifiersOf, type Expr } from '../parsing/ast.ts';
import { errorAt } from '../parsing/diagnostics.ts';
import { parseEquationLines, type EquationKind, type EquationLine } from '../parsing/equations.ts';
import { SourceText, type Span } from '../parsing/source.ts';
import { Dimension, isDefaultUnitName } from '../units/index.ts';
import { DEFAULT_CONSTANTS, DEFAULT_FUNCTIONS, type ValueType } from './functions.ts';
import { dimensionAndTypeFromUnit } from './unitspec.ts';
import { checkSympyCompatible } from './unitcheck.ts';

export const DIFFERENTIAL_EQUATION: EquationKind = 'differential equation';
export const SUBEXPRESSION: EquationKind = 'subexpression';
export const PARAMETER: EquationKind = 'parameter';

/** One defined variable of a model, with the meaning of its unit and flags. */
export interface EquationVariable {
  name: string;
  kind: EquationKind;
  dim: Dimension;
  type: ValueType;
  flags: string[];
  /** Right-hand side of differential equations and subexpressions. */
  expr?: Expr;
  /** The right-hand side as Brian2 stores it (continuation lines joined). */
  exprText?: string;
  /** Where it was written, for diagnostics. */
  line: EquationLine;
}

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Names with a fixed meaning inside equations (Brian2's check_identifier_reserved). */
const RESERVED = new Set(['t', 'dt', 't_in_timesteps', 'xi', 'i', 'N']);

/** Names of Brian2's refractory mechanism (check_identifier_refractory), reserved with or without refractoriness. */
const REFRACTORY_NAMES = new Set(['not_refractory', 'refractory', 'refractory_until']);

export function isStochasticName(name: string): boolean {
  return name === 'xi' || name.startsWith('xi_');
}

/** Dimension of white noise: xi has units of second**-0.5. */
export const XI_DIMENSION = Dimension.of([0, 0, -0.5, 0, 0, 0, 0]);

/**
 * A parsed and locally checked Brian2 equations string: every variable with
 * its dimension, type and flags. Name resolution against a namespace and unit
 * checking of the right-hand sides need a group and happen in `analyse*`.
 */
export class Equations {
  readonly source: SourceText;
  readonly variables: ReadonlyMap<string, EquationVariable>;

  constructor(text: string | SourceText) {
    this.source = typeof text === 'string' ? new SourceText(text, 'equations') : text;
    const variables = new Map<string, EquationVariable>();
    for (const line of parseEquationLines(this.source)) {
      checkIdentifier(line.name, this.source, line.nameSpan);
      if (variables.has(line.name)) {
        const first = variables.get(line.name)!;
        throw errorAt(
          'duplicate-definition',
          `Duplicate definition of variable '${line.name}' (first defined as a ${first.kind} on line ${this.source.position(first.line.span.start).line})`,
          this.source,
          line.nameSpan,
        );
      }
      const { dim, type } = dimensionAndTypeFromUnit(this.source, line.unitSpan, line.name);
      if (line.kind === DIFFERENTIAL_EQUATION && type !== 'float') {
        throw errorAt(
          'invalid-type',
          `Differential equations can only define floating point variables, but '${line.name}' is declared '${type}'`,
          this.source,
          line.unitSpan,
        );
      }
      const v: EquationVariable = { name: line.name, kind: line.kind, dim, type, flags: line.flags.map((f) => f.name), line };
      if (line.expr) {
        // Brian2 converts every right-hand side to sympy when it parses equations.
        checkSympyCompatible(line.expr, this.source);
        v.expr = line.expr;
        v.exprText = line.exprText!;
      }
      variables.set(line.name, v);
    }
    this.variables = variables;
    this.checkStochastic();
    this.checkCycles();
  }

  /** Subexpressions may not depend on themselves, directly or through others (Brian2 checks this when parsing). */
  private checkCycles(): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      const v = this.variables.get(name);
      if (v?.kind !== SUBEXPRESSION || state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(name)), name];
        throw errorAt(
          'circular-definition',
          `Circular definition of subexpressions: ${cycle.map((c) => `'${c}'`).join(' → ')} (the dependencies contain a cycle)`,
          this.source,
          v.line.nameSpan,
        );
      }
      state.set(name, 'visiting');
      for (const dep of identifiersOf(v.expr!)) visit(dep, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of this.variables.keys()) visit(name, []);
  }

  /** Build from already-checked variables (used when a group rewrites its equations). */
  static fromVariables(source: SourceText, vars: Iterable<EquationVariable>): Equations {
    const eqs = Object.create(Equations.prototype) as Equations;
    (eqs as { source: SourceText }).source = source;
    (eqs as { variables: ReadonlyMap<string, EquationVariable> }).variables = new Map([...vars].map((v) => [v.name, v]));
    return eqs;
  }

  private ofKind(kind: EquationKind): string[] {
    return [...this.variables.values()].filter((v) => v.kind === kind).map((v) => v.name);
  }
  get diffEqNames(): string[] {
    return this.ofKind(DIFFERENTIAL_EQUATION);
  }
  get subexpressionNames(): string[] {
    return this.ofKind(SUBEXPRESSION);
  }
  get parameterNames(): string[] {
    return this.ofKind(PARAMETER);
  }
  get names(): string[] {
    return [...this.variables.keys()];
  }

  /** Identifiers used in right-hand sides that the equations do not define themselves. */
  get identifiers(): Set<string> {
    const out = new Set<string>();
    for (const v of this.variables.values()) if (v.expr) for (const id of identifiersOf(v.expr)) if (!this.variables.has(id)) out.add(id);
    return out;
  }

  /** Noise symbols (xi, xi_1, …) used by the differential equations. */
  get stochasticVariables(): string[] {
    const out = new Set<string>();
    for (const v of this.variables.values()) if (v.expr) for (const id of identifiersOf(v.expr)) if (isStochasticName(id)) out.add(id);
    return [...out].sort();
  }
  get isStochastic(): boolean {
    return this.stochasticVariables.length > 0;
  }

  /**
   * Reject flags a group does not allow for an equation kind (Brian2's
   * check_flags), and combinations that contradict each other.
   */
  checkFlags(allowed: Partial<Record<EquationKind, readonly string[]>>, incompatible: ReadonlyArray<readonly string[]> = []): void {
    for (const v of this.variables.values()) {
      v.flags.forEach((flag, k) => {
        const span = v.line.flags[k]!.span;
        const ok = allowed[v.kind] ?? [];
        if (ok.length === 0) {
          throw errorAt('invalid-flag', `Equations of type '${v.kind}' cannot have any flags, but '${v.name}' has '${flag}'`, this.source, span);
        }
        if (!ok.includes(flag)) {
          // Flags are case-sensitive and spaces count, as in Brian2.
          const near = ok.find((f) => f === flag.trim()) ?? ok.find((f) => f.toLowerCase() === flag.trim().toLowerCase());
          throw errorAt(
            'invalid-flag',
            `Equations of type '${v.kind}' cannot have a flag '${flag}', only the following flags are allowed: ${ok.map((f) => `'${f}'`).join(', ')}`,
            this.source,
            span,
            near ? `Did you mean '${near}'? Flags are case-sensitive and must not contain extra spaces.` : undefined,
          );
        }
        for (const group of incompatible) {
          if (!group.includes(flag)) continue;
          const clash = v.flags.find((other) => other !== flag && group.includes(other));
          if (clash) {
            throw errorAt('invalid-flag', `Flags '${flag}' and '${clash}' cannot be combined (variable '${v.name}')`, this.source, span);
          }
        }
      });
    }
  }

  private checkStochastic(): void {
    let usesXi: string | undefined;
    for (const v of this.variables.values()) {
      if (!v.expr) continue;
      const ids = identifiersOf(v.expr);
      for (const id of ids) {
        if (!isStochasticName(id)) continue;
        if (v.kind !== DIFFERENTIAL_EQUATION) {
          throw errorAt(
            'invalid-noise',
            `The equation defining '${v.name}' contains the symbol '${id}' but is not a differential equation`,
            this.source,
            spanOfName(v.expr, id) ?? v.line.span,
          );
        }
        if (id === 'xi') {
          if (usesXi !== undefined && usesXi !== v.name) {
            throw errorAt(
              'invalid-noise',
              `The equation defining '${v.name}' uses the symbol 'xi', but it is already used in the equation defining '${usesXi}'. Rename the variables to 'xi_...' to make clear whether they are the same or independent random variables. Using the same name twice will lead to identical noise realizations whereas using different names will lead to independent noise realizations.`,
              this.source,
              spanOfName(v.expr, id) ?? v.line.span,
            );
          }
          usesXi = v.name;
        }
      }
    }
  }
}

export function spanOfName(expr: Expr, name: string): Span | undefined {
  let found: Span | undefined;
  const visit = (e: Expr): void => {
    if (found) return;
    if (e.kind === 'name' && e.name === name) found = e.span;
    else if (e.kind === 'unary') visit(e.operand);
    else if (e.kind === 'binary') {
      visit(e.left);
      visit(e.right);
    } else if (e.kind === 'compare' || e.kind === 'logical') e.operands.forEach(visit);
    else if (e.kind === 'call') e.args.forEach(visit);
  };
  visit(expr);
  return found;
}

/** Brian2's identifier rules for variable names defined in equations. */
export function checkIdentifier(name: string, source: SourceText, span: Span): void {
  const fail = (message: string): never => {
    throw errorAt('invalid-name', message, source, span);
  };
  if (PYTHON_KEYWORDS.has(name)) fail(`'${name}' is a Python keyword and cannot be used as a variable`);
  if (name.startsWith('_')) fail(`Variable '${name}' starts with an underscore, this is only allowed for variables used internally`);
  if (RESERVED.has(name) || isStochasticName(name)) fail(`'${name}' has a special meaning in equations and cannot be used as a variable name`);
  if (isDefaultUnitName(name)) fail(`'${name}' is the name of a unit, cannot be used as a variable name`);
  if (DEFAULT_FUNCTIONS.has(name)) fail(`'${name}' is the name of a function, cannot be used as a variable name`);
  if (DEFAULT_CONSTANTS.has(name)) fail(`'${name}' is the name of a constant, cannot be used as a variable name`);
  if (REFRACTORY_NAMES.has(name)) fail(`The name '${name}' is used in the refractory mechanism and should not be used as a variable name`);
}

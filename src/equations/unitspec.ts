import { walk, type Expr } from '../parsing/ast.ts';
import { didYouMean, errorAt } from '../parsing/diagnostics.ts';
import { parseExpression } from '../parsing/expressions.ts';
import type { SourceText, Span } from '../parsing/source.ts';
import { allUnitNames, Dimension, getUnit, isDefaultUnitName, parseUnit, unitForDimension } from '../units/index.ts';
import type { ValueType } from './functions.ts';

let baseUnits: Map<string, Dimension> | undefined;
let baseUnitForDim: Map<Dimension, string> | undefined;

/**
 * Brian2 only accepts unscaled units in equations ("volt", not "mV"): the
 * declared unit fixes a dimension, never a scale. These are the names it allows.
 */
function baseUnitTable(): Map<string, Dimension> {
  if (!baseUnits) {
    baseUnits = new Map();
    baseUnitForDim = new Map();
    for (const name of allUnitNames()) {
      const u = getUnit(name)!;
      // Brian2: DEFAULT_UNITS with scale 1 whose repr does not end in 2 or 3.
      if (isDefaultUnitName(name) && u.scale === 1 && !/[23]$/.test(u.name)) {
        baseUnits.set(name, u.dim);
        const known = baseUnitForDim.get(u.dim);
        // Prefer the long name (volt over V) when suggesting a replacement.
        if (known === undefined || name.length > known.length) baseUnitForDim.set(u.dim, name);
      }
    }
  }
  return baseUnits;
}

/** The base unit Brian2 suggests for a dimension (its get_unit: "volt", "metre", "mmolar"). */
export function baseUnitName(dim: Dimension): string | undefined {
  const table = baseUnitTable();
  const name = unitForDimension(dim).name;
  if (table.has(name)) return name;
  return baseUnitForDim!.get(dim);
}

/**
 * The dimension and value type of an equation's unit specification:
 * "1", "boolean", "integer", or an expression of base units like
 * "siemens/metre**2" (Brian2's dimensions_and_type_from_string).
 */
export function dimensionAndTypeFromUnit(source: SourceText, span: Span, varName: string): { dim: Dimension; type: ValueType } {
  const text = source.slice(span).trim();
  if (text === '1') return { dim: Dimension.DIMENSIONLESS, type: 'float' };
  if (text === 'boolean') return { dim: Dimension.DIMENSIONLESS, type: 'boolean' };
  if (text === 'integer') return { dim: Dimension.DIMENSIONLESS, type: 'integer' };
  if (text === 'bool' || text === 'int' || text === 'float') {
    const suggestion = text === 'bool' ? 'boolean' : text === 'int' ? 'integer' : '1';
    throw errorAt('invalid-unit', `Use '${suggestion}' not '${text}' as the unit of '${varName}'`, source, span);
  }
  let expr: Expr;
  try {
    expr = parseExpression(source, span.start, span.end);
  } catch {
    const flag = /^(.*?)\s+(constant over dt|constant|shared|linked|unless refractory|event-driven|clock-driven|summed)$/.exec(text);
    throw errorAt(
      'invalid-unit',
      flag
        ? `Could not interpret '${text}' as a unit specification for '${varName}': '${flag[2]}' looks like a flag, and flags are written in parentheses`
        : `Could not interpret '${text}' as a unit specification for '${varName}'`,
      source,
      span,
      flag ? `Write '${varName} : ${flag[1]} (${flag[2]})'.` : "A unit specification is '1', 'integer', 'boolean' or a product of base units, e.g. 'siemens/metre**2'.",
    );
  }
  // Like Brian2, first make sure that every name is a base unit, then evaluate.
  checkNames(expr, source, varName);
  const value = evaluateUnitExpr(expr, source, varName);
  if (value.kind !== 'unit') {
    throw errorAt(
      'invalid-unit',
      value.kind === 'number'
        ? `'${text}' is not a unit: the unit of '${varName}' is a number`
        : `'${text}' does not evaluate to a unit but to a quantity -- the unit of '${varName}' must only use units, e.g. 'siemens/metre**2' and not '1 * siemens/metre**2'`,
      source,
      span,
      "Write '1' for a dimensionless variable.",
    );
  }
  // Brian2 evaluates the unit string with unit arithmetic, which registers
  // compound units for display ("S/(m^2)"); do the same so printed values match.
  if (expr.kind !== 'name') parseUnit(text);
  return { dim: value.dim, type: 'float' };
}

function checkNames(e: Expr, source: SourceText, varName: string): void {
  walk(e, (node) => {
    const name = node.kind === 'name' ? node.name : node.kind === 'call' ? node.callee : undefined;
    if (name === undefined || baseUnitTable().has(name)) return;
    const span = node.kind === 'call' ? node.calleeSpan : node.span;
    const known = isDefaultUnitName(name) ? getUnit(name) : undefined;
    if (known) {
      const base = baseUnitName(known.dim);
      throw errorAt(
        'invalid-unit',
        `Unit specification for '${varName}' refers to '${name}', but this is not a base unit${base ? `. Use '${base}' instead` : ''}`,
        source,
        span,
        'Equations declare a dimension; values carry the scale (write "volt", not "mV").',
      );
    }
    throw errorAt(
      'invalid-unit',
      `Unit specification for '${varName}' refers to '${name}', but this is not a base unit`,
      source,
      span,
      didYouMean(name, baseUnitTable().keys()) ?? `The base units are ${[...baseUnitTable().keys()].sort().join(', ')}.`,
    );
  });
}

/** Brian2 evaluates the unit string with Python: units stay units, only `1/unit` is a unit, anything with a number is a quantity. */
type UnitValue = { kind: 'unit'; dim: Dimension } | { kind: 'quantity'; dim: Dimension } | { kind: 'number'; value: number; isInteger: boolean };

function evaluateUnitExpr(e: Expr, source: SourceText, varName: string): UnitValue {
  const table = baseUnitTable();
  const fail = (message: string, at: Span): never => {
    throw errorAt('invalid-unit', message, source, at);
  };
  const dimOf = (v: UnitValue): Dimension => (v.kind === 'number' ? Dimension.DIMENSIONLESS : v.dim);
  switch (e.kind) {
    case 'name':
      return { kind: 'unit', dim: table.get(e.name)! };
    case 'number':
      return { kind: 'number', value: e.value, isInteger: e.isInteger };
    case 'binary': {
      if (e.op === '*' || e.op === '/') {
        const l = evaluateUnitExpr(e.left, source, varName);
        const r = evaluateUnitExpr(e.right, source, varName);
        const dim = e.op === '*' ? dimOf(l).mul(dimOf(r)) : dimOf(l).div(dimOf(r));
        if (l.kind === 'number' && r.kind === 'number') return { kind: 'number', value: e.op === '*' ? l.value * r.value : l.value / r.value, isInteger: false };
        if (l.kind === 'unit' && r.kind === 'unit') return { kind: 'unit', dim };
        // Unit.__rtruediv__: exactly `1/unit` is a unit.
        if (e.op === '/' && l.kind === 'number' && l.value === 1 && r.kind === 'unit') return { kind: 'unit', dim };
        return { kind: 'quantity', dim };
      }
      if (e.op === '**') {
        const base = evaluateUnitExpr(e.left, source, varName);
        const p = constantNumber(e.right);
        if (p === undefined) return fail(`Exponent in the unit of '${varName}' must be a number`, e.right.span);
        if (base.kind === 'number') return { kind: 'number', value: base.value ** p, isInteger: false };
        return { kind: base.kind, dim: base.dim.pow(p) };
      }
      return fail(`Operator '${e.op}' is not allowed in a unit specification`, e.span);
    }
    default:
      return fail(`Could not interpret '${source.slice(e.span)}' as a unit specification for '${varName}'`, e.span);
  }
}

function constantNumber(e: Expr): number | undefined {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && (e.op === '-' || e.op === '+')) {
    const v = constantNumber(e.operand);
    return v === undefined ? undefined : e.op === '-' ? -v : v;
  }
  if (e.kind === 'binary' && e.op === '/') {
    const a = constantNumber(e.left);
    const b = constantNumber(e.right);
    return a === undefined || b === undefined ? undefined : a / b;
  }
  return undefined;
}

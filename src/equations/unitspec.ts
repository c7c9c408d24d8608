import type { Expr } from '../parsing/ast.ts';
import { didYouMean, errorAt } from '../parsing/diagnostics.ts';
import { parseExpression } from '../parsing/expressions.ts';
import type { SourceText, Span } from '../parsing/source.ts';
import { allUnitNames, Dimension, getUnit, parseUnit } from '../units/index.ts';
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
      if (u.scale === 1 && !/[23]$/.test(name)) {
        baseUnits.set(name, u.dim);
        const known = baseUnitForDim.get(u.dim);
        // Prefer the long name (volt over V) when suggesting a replacement.
        if (known === undefined || name.length > known.length) baseUnitForDim.set(u.dim, name);
      }
    }
  }
  return baseUnits;
}

export function baseUnitName(dim: Dimension): string | undefined {
  baseUnitTable();
  return baseUnitForDim!.get(dim);
}

/**
 * The dimension and value type of an equation's unit specification:
 * "1", "boolean", "integer", or an expression of base units like
 * "siemens/metre**2".
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
    throw errorAt('invalid-unit', `Could not interpret '${text}' as a unit specification for '${varName}'`, source, span);
  }
  const dim = evaluateUnitExpr(expr, source, varName);
  // Brian2 evaluates the unit string with unit arithmetic, which registers
  // compound units for display ("S/(m^2)"); do the same so printed values match.
  if (expr.kind !== 'name') parseUnit(text);
  return { dim, type: 'float' };
}

function evaluateUnitExpr(e: Expr, source: SourceText, varName: string): Dimension {
  const table = baseUnitTable();
  const fail = (message: string, at: Span, hint?: string): never => {
    throw errorAt('invalid-unit', message, source, at, hint);
  };
  switch (e.kind) {
    case 'name': {
      const dim = table.get(e.name);
      if (dim) return dim;
      const known = getUnit(e.name);
      if (known) {
        const base = baseUnitName(known.dim);
        return fail(
          `Unit specification for '${varName}' refers to '${e.name}', but this is not a base unit`,
          e.span,
          base ? `Use '${base}' instead: equations declare a dimension, values carry the scale.` : undefined,
        );
      }
      return fail(`Unknown unit '${e.name}' in the unit specification for '${varName}'`, e.span, didYouMean(e.name, table.keys()));
    }
    case 'number':
      if (e.value === 1) return Dimension.DIMENSIONLESS;
      return fail(
        `'${source.slice(e.span)}' is not a unit: the unit of '${varName}' must only use units, e.g. 'siemens/metre**2' and not '1 * siemens/metre**2'`,
        e.span,
      );
    case 'binary': {
      if (e.op === '*' || e.op === '/') {
        const l = evaluateUnitExpr(e.left, source, varName);
        const r = evaluateUnitExpr(e.right, source, varName);
        return e.op === '*' ? l.mul(r) : l.div(r);
      }
      if (e.op === '**') {
        const base = evaluateUnitExpr(e.left, source, varName);
        const p = constantNumber(e.right);
        if (p === undefined) return fail(`Exponent in the unit of '${varName}' must be a number`, e.right.span);
        return base.pow(p);
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

import { allUnitNames, Dimension, getUnit, isDefaultUnitName, Quantity } from '../units/index.ts';
import { DEFAULT_CONSTANTS, DEFAULT_FUNCTIONS, type FunctionSpec } from './functions.ts';
import type { Resolved, ResolvedFunction, ResolvedValue, ResolvedVariable, Scope } from './scope.ts';

/** A user-supplied function usable in model code, e.g. a TimedArray. */
export interface ExternalFunction {
  readonly kind: 'external-function';
  readonly spec: FunctionSpec;
}

export type NamespaceValue = Quantity | number | boolean | ExternalFunction;
export type Namespace = Readonly<Record<string, NamespaceValue>>;

export function isExternalFunction(v: unknown): v is ExternalFunction {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'external-function';
}

/**
 * Brian2's name resolution for a group: the group's own variables first,
 * then Brian2's defaults (the constants pi, e, inf, then units, then
 * functions), and only then the namespace the user gave. A namespace entry
 * named like a unit, constant or function is ignored (Brian2 warns about the
 * conflict and uses the default), and so is one named like a variable.
 */
export class GroupScope implements Scope {
  constructor(
    private readonly variables: ReadonlyMap<string, ResolvedVariable>,
    private readonly namespace: Namespace = {},
  ) {}

  resolve(name: string): Resolved | undefined {
    const v = this.variables.get(name);
    if (v) return v;
    const d = resolveDefault(name);
    if (d) return d;
    if (Object.prototype.hasOwnProperty.call(this.namespace, name)) return resolveNamespaceValue(name, this.namespace[name]!);
    return undefined;
  }

  /** Namespace entries that a variable or one of Brian2's defaults hides (Brian2 warns about these). */
  shadowedNamespaceEntries(): string[] {
    return Object.keys(this.namespace).filter((n) => this.variables.has(n) || resolveDefault(n) !== undefined);
  }

  *knownNames(): Iterable<string> {
    // Most likely first: the model's own names, then the user's namespace.
    for (const n of this.variables.keys()) if (n !== 'xi' && !n.startsWith('xi_')) yield n;
    yield* Object.keys(this.namespace);
    yield* DEFAULT_CONSTANTS.keys();
    yield* DEFAULT_FUNCTIONS.keys();
    for (const u of allUnitNames()) if (isDefaultUnitName(u)) yield u;
  }

  /** A scope that sees extra variables first (e.g. `_pre`/`_post` names, temporaries). */
  with(extra: ReadonlyMap<string, ResolvedVariable>): GroupScope {
    return new GroupScope(new Map([...this.variables, ...extra]), this.namespace);
  }
}

function resolveNamespaceValue(name: string, value: NamespaceValue): Resolved {
  if (isExternalFunction(value)) return { kind: 'function', name, spec: value.spec, origin: 'namespace' };
  if (value instanceof Quantity) return { kind: 'value', name, value: value.value, dim: value.dim, type: 'float', origin: 'namespace' };
  if (typeof value === 'boolean') return { kind: 'value', name, value: value ? 1 : 0, dim: Dimension.DIMENSIONLESS, type: 'boolean', origin: 'namespace' };
  if (typeof value === 'number') {
    return { kind: 'value', name, value, dim: Dimension.DIMENSIONLESS, type: Number.isInteger(value) ? 'integer' : 'float', origin: 'namespace' };
  }
  throw new TypeError(`Namespace entry '${name}' has an unsupported type (${typeof value}); use a Quantity, a number, a boolean or a TimedArray`);
}

/** Brian2's DEFAULT_CONSTANTS, DEFAULT_UNITS and DEFAULT_FUNCTIONS, in its resolution order. */
export function resolveDefault(name: string): ResolvedValue | ResolvedFunction | undefined {
  const c = DEFAULT_CONSTANTS.get(name);
  if (c !== undefined) return { kind: 'value', name, value: c, dim: Dimension.DIMENSIONLESS, type: 'float', origin: 'constant' };
  const u = isDefaultUnitName(name) ? getUnit(name) : undefined;
  if (u) return { kind: 'value', name, value: u.scale, dim: u.dim, type: 'float', origin: 'unit' };
  const f = DEFAULT_FUNCTIONS.get(name);
  if (f) return { kind: 'function', name, spec: f, origin: 'default' };
  return undefined;
}

import { allUnitNames, Dimension, getUnit, Quantity } from '../units/index.ts';
import { DEFAULT_CONSTANTS, DEFAULT_FUNCTIONS, type FunctionSpec } from './functions.ts';
import type { Resolved, ResolvedVariable, Scope } from './scope.ts';

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
 * then the namespace the user gave, then Brian2's defaults (functions,
 * constants, units). A namespace entry may shadow a default.
 */
export class GroupScope implements Scope {
  constructor(
    private readonly variables: ReadonlyMap<string, ResolvedVariable>,
    private readonly namespace: Namespace = {},
  ) {}

  resolve(name: string): Resolved | undefined {
    const v = this.variables.get(name);
    if (v) return v;
    if (Object.prototype.hasOwnProperty.call(this.namespace, name)) return resolveNamespaceValue(name, this.namespace[name]!);
    const f = DEFAULT_FUNCTIONS.get(name);
    if (f) return { kind: 'function', name, spec: f, origin: 'default' };
    const c = DEFAULT_CONSTANTS.get(name);
    if (c !== undefined) return { kind: 'value', name, value: c, dim: Dimension.DIMENSIONLESS, type: 'float', origin: 'constant' };
    const u = getUnit(name);
    if (u) return { kind: 'value', name, value: u.scale, dim: u.dim, type: 'float', origin: 'unit' };
    return undefined;
  }

  *knownNames(): Iterable<string> {
    yield* this.variables.keys();
    yield* Object.keys(this.namespace);
    yield* DEFAULT_FUNCTIONS.keys();
    yield* DEFAULT_CONSTANTS.keys();
    yield* allUnitNames();
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

import type { Dimension } from '../units/index.ts';
import type { FunctionSpec, ValueType } from './functions.ts';

/** What a name in model code refers to, once resolved. */
export type Resolved = ResolvedVariable | ResolvedValue | ResolvedFunction;

/** A variable of the group (state variable, subexpression, or a special one such as t, i, N). */
export interface ResolvedVariable {
  kind: 'variable';
  name: string;
  dim: Dimension;
  type: ValueType;
  /** One value for the whole group (t, dt, N, shared variables). */
  scalar: boolean;
  /** Cannot change during a run (dt, N, constant parameters). */
  constant: boolean;
  readOnly: boolean;
  isSubexpression: boolean;
  /** A reference to another group's variable (Brian2's linked variables): read-only. */
  linked?: boolean;
  /** The value, for constants known before the run (the group size N). */
  value?: number;
}

/** A constant known before the run: a namespace quantity, a unit, pi/e/inf. */
export interface ResolvedValue {
  kind: 'value';
  name: string;
  value: number;
  dim: Dimension;
  type: ValueType;
  origin: 'namespace' | 'unit' | 'constant';
}

export interface ResolvedFunction {
  kind: 'function';
  name: string;
  spec: FunctionSpec;
  origin: 'default' | 'namespace';
}

export interface Scope {
  resolve(name: string): Resolved | undefined;
  /** For "did you mean" suggestions. */
  knownNames(): Iterable<string>;
}

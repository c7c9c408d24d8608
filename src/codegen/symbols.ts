import type { ElemType, IRType } from './ir.ts';

/**
 * How a name in model code is accessed inside a generated loop. The op
 * builders (neuron loops, thresholds, synapses …) decide this; the
 * translator only follows it.
 */
export type SymbolRef =
  /** One element per index: arrays of a group, read at the loop's index local. */
  | { kind: 'vector'; slot: number; elem: ElemType; type: IRType; index: string; arrayKey: string; via?: ElementVia }
  /** A single stored value (shared variables). */
  | { kind: 'shared'; slot: number; elem: ElemType; type: IRType; arrayKey: string }
  /** A runtime scalar in the parameter block (namespace values, so parameter changes need no recompilation). */
  | { kind: 'param'; slot: number; type: IRType }
  /** Known at code generation and never changing (units, pi). */
  | { kind: 'literal'; value: number; type: IRType }
  /** A local the surrounding op provides (t, dt, N, i …). */
  | { kind: 'local'; name: string; type: IRType }
  /** A TimedArray: values array plus its lookup constants, all from the parameter block. */
  | { kind: 'timedarray'; valuesSlot: number; nSlot: number; colsSlot: number; epsSlot: number; kSlot: number; arrayKey: string; twoD: boolean }
  /** A library function. */
  | { kind: 'function'; name: string };

/**
 * For a vector read at another element than the loop's index (linked
 * variables): one fixed element, or the element an i32 array holds at the
 * loop's index (plus an offset).
 */
export type ElementVia = { constant: number } | { slot: number; arrayKey: string; offset?: number };

export type SymbolTable = (name: string) => SymbolRef | undefined;

export function elemFor(type: IRType): ElemType {
  return type === 'f64' ? 'f64' : type === 'i32' ? 'i32' : 'u8';
}

export function irTypeOf(valueType: 'float' | 'integer' | 'boolean'): IRType {
  return valueType === 'float' ? 'f64' : valueType === 'integer' ? 'i32' : 'bool';
}

/** Names that would clash with the target languages or our runtime. */
const RESERVED = new Set([
  'abstract', 'arguments', 'await', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const', 'continue',
  'debugger', 'default', 'delete', 'do', 'double', 'else', 'enum', 'eval', 'export', 'extends', 'false', 'final',
  'finally', 'float', 'for', 'function', 'goto', 'if', 'implements', 'import', 'in', 'instanceof', 'int', 'interface',
  'let', 'long', 'native', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'short', 'static',
  'super', 'switch', 'synchronized', 'this', 'throw', 'throws', 'transient', 'true', 'try', 'typeof', 'var', 'void',
  'volatile', 'while', 'with', 'yield', 'undefined', 'NaN', 'Infinity', 'Math', 'Object', 'Array', 'String', 'Number',
  'f32', 'f64', 'i8', 'i16', 'i32', 'i64', 'u8', 'u16', 'u32', 'u64', 'bool', 'usize', 'isize', 'v128', 'load', 'store',
  'select', 'unreachable', 'abort', 'trace', 'memory', 'changetype', 'assert', 'instantiate', 'sizeof', 'offsetof',
  'alignof', 'isNaN', 'isFinite', 'declare', 'type', 'namespace', 'module', 'as', 'is', 'of', 'get', 'set', 'constructor',
  'rand', 'randn', 'poisson', 'binomial', 'exprel', 'sign', 'clip', 'pymod', 'pyfloordiv', 'timestep', 'timedarray_index',
  'rng_seed', 'round_half_even', 'run', 'init',
]);

/** The local name used for a model name in generated code. */
export function localName(name: string): string {
  return RESERVED.has(name) ? `${name}__` : name;
}

/**
 * Brian2's linked variables: a `(linked)` parameter of one group that reads
 * a variable of another group (`G.set('noise', linkedVar(inp, 'noise'))`).
 * One to one for groups of the same size, one to all for a single-element
 * source or a shared variable, otherwise through an index array or an
 * integer variable of the linking group.
 */
import type { SymbolRef } from '../codegen/symbols.ts';
import { irTypeOf } from '../codegen/symbols.ts';
import { PARAMETER } from '../equations/equations.ts';
import { ArrayHandle } from '../runtime/arrays.ts';
import type { KernelBuild } from '../runtime/build.ts';
import { formatDimension } from '../units/index.ts';
import type { NeuronGroup } from './neurongroup.ts';
import { rangeOf, type Subgroup } from './subgroup.ts';
import type { StoredVariable } from './variables.ts';

/** What linkedVar() returns: assign it to a `(linked)` parameter. */
export class LinkedVariable {
  constructor(
    readonly group: NeuronGroup | Subgroup,
    readonly variable: string,
    readonly index?: ArrayLike<number> | string,
  ) {}
}

/**
 * Brian2's `linked_var(group, 'name', index=...)`: `index` is an integer
 * array (one source element per neuron of the linking group) or the name of
 * an integer variable of the linking group holding it.
 */
export function linkedVar(group: NeuronGroup | Subgroup, variable: string, options: { index?: ArrayLike<number> | string } = {}): LinkedVariable {
  return new LinkedVariable(group, variable, options.index);
}

/** A resolved link: where the values live and how an element finds its source. */
export interface Link {
  /** As given to linkedVar() (for export). */
  spec: LinkedVariable;
  source: NeuronGroup;
  variable: string;
  target: StoredVariable;
  /** 'same': element k reads source element k; 'one': all read `element`; 'array': through `indices`; 'variable': through an integer variable of the linking group. */
  mode: 'same' | 'one' | 'array' | 'variable';
  element?: number;
  indices?: ArrayHandle;
  indexVariable?: string;
  /** For 'variable' mode: the source elements an index may name. */
  sourceSize: number;
  sourceOffset: number;
}

/** Check a link the way Brian2 does and resolve it. */
export function resolveLink(owner: NeuronGroup, name: string, value: LinkedVariable): Link {
  const eq = owner.equations.variables.get(name);
  if (!eq || eq.kind !== PARAMETER || !eq.flags.includes('linked')) {
    throw new TypeError(`Cannot link variable '${name}' of '${owner.name}': it has to be marked as a linked variable with '(linked)' in the model equations`);
  }
  const { group: source, offset, size } = rangeOf(value.group);
  if (source === owner) throw new Error(`Cannot link '${name}' of '${owner.name}' to a variable of the same group`);
  if (!source.variableNames().includes(value.variable) || value.variable === 'i') {
    throw new Error(`Cannot link '${name}' of '${owner.name}': '${source.name}' has no stored variable '${value.variable}'. Its variables: ${source.variableNames().filter((n) => n !== 'i').join(', ')}`);
  }
  const target = source.variable(value.variable);
  if (target.dim !== eq.dim) {
    throw new TypeError(`Unit of variable '${name}' (${formatDimension(eq.dim)}) does not match its link target '${value.variable}' of '${source.name}' (${formatDimension(target.dim)})`);
  }
  if (target.type !== eq.type) {
    throw new TypeError(`Type of variable '${name}' (${eq.type}) does not match its link target '${value.variable}' of '${source.name}' (${target.type})`);
  }
  const base = { spec: value, source, variable: value.variable, target, sourceSize: size, sourceOffset: offset };
  if (value.index === undefined) {
    if (target.shared) return { ...base, mode: 'one', element: 0 };
    // One to all for a single-neuron group (not a one-neuron subgroup: Brian2 sizes those by the subgroup).
    if (source.N === 1 && owner.N !== 1) return { ...base, mode: 'one', element: 0 };
    if (size !== owner.N) {
      throw new RangeError(
        `Cannot link variable '${name}' to '${value.variable}', the size of the target group does not match (${owner.N} != ${size}). You can provide an indexing scheme with the 'index' option to link groups with different sizes`,
      );
    }
    if (offset === 0) return { ...base, mode: 'same' };
    return { ...base, mode: 'array', indices: indexHandle(owner, name, Array.from({ length: size }, (_, k) => offset + k)) };
  }
  if (target.shared) throw new TypeError(`Cannot link '${name}' with an index: '${value.variable}' of '${source.name}' is shared (one value)`);
  if (typeof value.index === 'string') {
    const idx = value.index;
    if (!owner.variableNames().includes(idx)) throw new Error(`Index variable '${idx}' not found in '${owner.name}'`);
    const iv = owner.variable(idx);
    if (iv.type !== 'integer') throw new TypeError(`Index variable '${idx}' should be an integer parameter`);
    if (iv.shared) throw new TypeError(`Index variable '${idx}' should have one value per neuron, not be shared`);
    return { ...base, mode: 'variable', indexVariable: idx };
  }
  const indices = Array.from(value.index as ArrayLike<number>);
  if (indices.length !== owner.N) {
    throw new TypeError(`Index array for linked variable '${name}' has to be a one-dimensional array of length ${owner.N}, but has length ${indices.length}`);
  }
  if (!indices.every((k) => Number.isInteger(k))) throw new TypeError('The index for a linked variable has to be an integer array');
  if (indices.some((k) => k < 0 || k >= size)) {
    throw new RangeError(`Index array for linked variable '${name}' contains values outside of the valid range [0, ${size}[`);
  }
  return { ...base, mode: 'array', indices: indexHandle(owner, name, indices.map((k) => k + offset)) };
}

function indexHandle(owner: NeuronGroup, name: string, indices: number[]): ArrayHandle {
  const h = new ArrayHandle(`${owner.name}__${name}_indices`, 'i32', indices.length);
  h.data.set(indices);
  return h;
}

/** Before a run: an index variable must point into the source. */
export function checkLinkIndices(owner: NeuronGroup, name: string, link: Link): void {
  if (link.mode !== 'variable') return;
  const data = owner.variable(link.indexVariable!).handle.data;
  for (let k = 0; k < owner.N; k++) {
    const x = data[k]!;
    if (x < 0 || x >= link.sourceSize) {
      throw new RangeError(`The index variable '${link.indexVariable}' of '${owner.name}' holds ${x} for neuron ${k}, outside the valid range [0, ${link.sourceSize}[ of the variable '${name}' is linked to`);
    }
  }
}

/** How a kernel loop indexed by `index` reads the linked variable. */
export function linkSymbol(owner: NeuronGroup, link: Link, build: KernelBuild, index: string): SymbolRef {
  const h = link.target.handle;
  const slot = build.array(h);
  const type = irTypeOf(link.target.type);
  switch (link.mode) {
    case 'same':
      return { kind: 'vector', slot, elem: h.elem, type, index, arrayKey: h.key };
    case 'one':
      return { kind: 'vector', slot, elem: h.elem, type, index, arrayKey: h.key, via: { constant: link.element! } };
    case 'array':
      return { kind: 'vector', slot, elem: h.elem, type, index, arrayKey: h.key, via: { slot: build.array(link.indices!), arrayKey: link.indices!.key } };
    case 'variable': {
      const iv = owner.variable(link.indexVariable!).handle;
      return { kind: 'vector', slot, elem: h.elem, type, index, arrayKey: h.key, via: { slot: build.array(iv), arrayKey: iv.key, offset: link.sourceOffset } };
    }
  }
}

/** The linked values as the linking group sees them (host side). */
export function linkValues(owner: NeuronGroup, link: Link): Float64Array {
  const data = link.target.handle.data;
  const out = new Float64Array(owner.N);
  const idx = link.mode === 'variable' ? owner.variable(link.indexVariable!).handle.data : link.indices?.data;
  for (let k = 0; k < owner.N; k++) {
    const at = link.mode === 'same' ? k : link.mode === 'one' ? link.element! : link.mode === 'variable' ? idx![k]! + link.sourceOffset : idx![k]!;
    out[k] = data[at]!;
  }
  return out;
}

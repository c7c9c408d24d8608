import type { NeuronModel } from '../equations/neuronmodel.ts';
import type { Resolved } from '../equations/scope.ts';
import { commonSymbols } from '../codegen/ops.ts';
import { irTypeOf, type SymbolRef, type SymbolTable } from '../codegen/symbols.ts';
import type { FailureInfo, KernelBuild } from '../runtime/build.ts';
import { formatQuantity, Quantity } from '../units/index.ts';
import type { Clock } from './clock.ts';
import type { VariableOwner } from './group.ts';
import { SECOND } from './quantities.ts';
import { timedArraysBySpec, type TimedArray } from './timedarray.ts';
import { refractoryThreshold } from './refractory.ts';

/** How an owner's stored variable is accessed in a kernel loop indexed by `index`. */
export function storedSymbol(owner: VariableOwner, name: string, build: KernelBuild, index = '_idx'): SymbolRef | undefined {
  if (!owner.variableNames().includes(name)) return undefined;
  const v = owner.variable(name);
  const type = irTypeOf(v.type);
  const slot = build.array(v.handle);
  return v.shared
    ? { kind: 'shared', slot, elem: v.handle.elem, type, arrayKey: v.handle.key }
    : { kind: 'vector', slot, elem: v.handle.elem, type, index, arrayKey: v.handle.key };
}

/** How a resolved external name (namespace value, unit, constant, function) is accessed. */
export function externalSymbol(name: string, r: Resolved | undefined, build: KernelBuild, owner: string, clock: Clock): SymbolRef | undefined {
  if (!r) return undefined;
  if (r.kind === 'value') {
    // Namespace values are run-time parameters, so changing one needs no recompilation.
    if (r.origin === 'namespace') return { kind: 'param', slot: build.param(`${owner}.${name}`, () => r.value), type: irTypeOf(r.type) };
    return { kind: 'literal', value: r.value, type: 'f64' };
  }
  if (r.kind === 'function') {
    if (r.origin === 'namespace') {
      const ta = r.spec === undefined ? undefined : findTimedArray(r);
      if (ta) return timedArraySymbol(ta, build, clock);
    }
    return { kind: 'function', name };
  }
  return undefined;
}

function findTimedArray(r: Extract<Resolved, { kind: 'function' }>): TimedArray | undefined {
  return timedArraysBySpec.get(r.spec);
}

export function timedArraySymbol(ta: TimedArray, build: KernelBuild, clock: Clock): SymbolRef {
  const key = `${ta.name}@${clock.name}`;
  const K = (): number => ta.lookupK(clock.dt_);
  return {
    kind: 'timedarray',
    valuesSlot: build.array(ta.handle),
    nSlot: build.param(`${key}.n`, () => ta.rows),
    colsSlot: build.param(`${key}.cols`, () => ta.columns),
    epsSlot: build.param(`${key}.eps`, () => ta.dt / K()),
    kSlot: build.param(`${key}.K`, () => K()),
    arrayKey: ta.handle.key,
    twoD: ta.twoD,
  };
}

/** The symbol table for a group's own loops: its variables, then externals. */
export function groupSymbols(owner: VariableOwner, model: NeuronModel, build: KernelBuild, sizeSlot: number, clock: Clock): SymbolTable {
  const refractory = model.refractory;
  return commonSymbols(sizeSlot, (name) => {
    if (name === '_refractory_elapsed' && refractory.kind === 'duration') {
      return { kind: 'param', slot: build.param(`${owner.name}._refractory_elapsed`, () => refractoryThreshold(refractory.seconds, clock.dt_)), type: 'f64' };
    }
    return storedSymbol(owner, name, build) ?? externalSymbol(name, model.scope.resolve(name), build, owner.name, clock);
  });
}

/** Explains a non-finite value found by an op's check. */
export function describeNonFinite(owner: string, element: string, vars: string[]): FailureInfo {
  return {
    describe(errorVar, errorIndex, t) {
      const name = vars[errorVar] ?? '?';
      return `Numerical blow-up: variable '${name}' of '${owner}' became NaN or infinite for ${element} ${errorIndex} at t = ${formatQuantity(new Quantity(t, SECOND))}. Check the equations and parameters, or use a smaller dt or a more stable integration method.`;
    },
  };
}

import type { NeuronGroup } from './neurongroup.ts';
import type { AssignValue } from './group.ts';
import { VariableValues } from './variables.ts';

/**
 * Brian2's subgroup `G[start:stop]`: a contiguous range of a group's
 * neurons, numbered from 0, usable as a synapse source or target and as a
 * monitor source. It owns no state: everything lives in the parent group.
 */
export class Subgroup {
  readonly name: string;
  constructor(
    readonly source: NeuronGroup,
    readonly start: number,
    readonly stop: number,
  ) {
    if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > source.N || start >= stop) {
      throw new RangeError(`Invalid subgroup [${start}:${stop}] of '${source.name}' with ${source.N} neurons`);
    }
    this.name = `${source.name}_subgroup_${start}_${stop}`;
  }

  get size(): number {
    return this.stop - this.start;
  }

  /** Values of a variable for these neurons (a copy, in SI). */
  get(name: string): VariableValues {
    const all = this.source.get(name);
    if (this.source.variableNames().includes(name) && this.source.variable(name).shared) return all;
    return new VariableValues(name, all.values.slice(this.start, this.stop), all.dim);
  }

  /**
   * Assign a variable of these neurons, like Brian2's `G[10:20].v = …`: in
   * a string, `i` counts from 0 within the subgroup and `N` is its size.
   */
  set(name: string, value: AssignValue): void {
    this.source.assignRange(name, value, this.start, this.size);
  }
}

/** A group or a part of one, normalized: the parent, the first index, the size. */
export interface GroupRange {
  group: NeuronGroup;
  offset: number;
  size: number;
}

export function rangeOf(g: NeuronGroup | Subgroup): GroupRange {
  return g instanceof Subgroup ? { group: g.source, offset: g.start, size: g.size } : { group: g, offset: 0, size: g.N };
}

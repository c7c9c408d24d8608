import type { NeuronGroup } from './neurongroup.ts';

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

/**
 * What a script did to its objects, in order: variable assignments and
 * connect() calls. Brian2's exporters record the same sequence
 * ("initializers_connectors"); ours keeps the values as given (quantities,
 * strings, arrays) and the resulting connectivity.
 */
export type HistoryEntry =
  | {
      kind: 'initializer';
      seq: number;
      source: string;
      variable: string;
      value: unknown;
      si: boolean;
      /** For an expression string: the per-element values it produced (random expressions cannot be replayed). */
      values?: Float64Array;
      /** For an assignment to a subgroup: the element range [start, stop). */
      range?: [number, number];
    }
  | { kind: 'connect'; seq: number; synapses: string; args: Readonly<Record<string, unknown>>; i: Int32Array; j: Int32Array };

let counter = 0;

/** A global sequence number, so entries of different objects can be merged in script order. */
export function nextSequence(): number {
  return counter++;
}

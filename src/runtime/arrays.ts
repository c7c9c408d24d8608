import type { ElemType } from '../codegen/ir.ts';

export type ElemArray = Float64Array | Int32Array | Uint8Array;

const CTOR = { f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;
export const ELEM_BYTES: Record<ElemType, number> = { f64: 8, i32: 4, u8: 1 };

/**
 * A named array of simulation state. Outside a run it owns its own typed
 * array; once a network lays out memory, `data` becomes a view into the
 * kernel's linear memory, so host and kernel share one copy.
 */
export class ArrayHandle {
  data: ElemArray;

  constructor(
    /** Unique, identifier-safe name (used for generated locals). */
    readonly key: string,
    readonly elem: ElemType,
    length: number,
  ) {
    this.data = new CTOR[elem](length);
  }

  get length(): number {
    return this.data.length;
  }

  /** Change the length, keeping the common prefix (synapses grow with connect()). */
  resize(length: number, fill = 0): void {
    if (length === this.data.length) return;
    const next = new CTOR[this.elem](length);
    next.set(this.data.subarray(0, Math.min(length, this.data.length)));
    if (fill !== 0 && length > this.data.length) next.fill(fill, this.data.length);
    this.data = next;
  }

  /** Point at `length` elements of `buffer` at byte `address`, copying the current contents there. */
  moveTo(buffer: ArrayBuffer, address: number): void {
    const view = new CTOR[this.elem](buffer, address, this.data.length);
    if (view !== this.data) view.set(this.data);
    this.data = view;
  }

  /** Re-create the view after the memory buffer was replaced (memory.grow detaches views). */
  rebind(buffer: ArrayBuffer, address: number): void {
    this.data = new CTOR[this.elem](buffer, address, this.data.length);
  }

  /** Detach from kernel memory (e.g. before a re-layout), keeping the values. */
  detach(): void {
    this.data = this.data.slice() as ElemArray;
  }
}

export function newTypedArray(elem: ElemType, length: number): ElemArray {
  return new CTOR[elem](length);
}

import { ELEM_BYTES, type ArrayHandle } from './arrays.ts';
import type { KernelBuild } from './build.ts';

const PAGE = 65536;

/** Where everything of one network lives in linear memory. */
export interface MemoryLayout {
  memory: WebAssembly.Memory;
  paramAddress: number;
  rngAddress: number;
  /** Address of each array, keyed by handle. */
  addresses: Map<ArrayHandle, number>;
  /** Identifies the layout: same signature → arrays can stay where they are. */
  signature: string;
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

export function layoutSignature(build: KernelBuild): string {
  return [...build.arrays.keys()].map((h) => `${h.key}:${h.elem}:${h.length}`).join('|') + `#${build.slotCount}`;
}

/**
 * Lay out the parameter block, the RNG state and every array above `base`
 * (the kernel's own static data lives below it) in a fresh memory, and move
 * the arrays' contents there. The RNG state is carried over from `rngFrom`.
 */
export function createLayout(build: KernelBuild, base: number, rngFrom?: Uint8Array): MemoryLayout {
  let at = align(base, 16);
  const paramAddress = at;
  at += build.slotCount * 8;
  at = align(at, 16);
  const rngAddress = at;
  at += 16;
  const addresses = new Map<ArrayHandle, number>();
  for (const handle of build.arrays.keys()) {
    at = align(at, 16);
    addresses.set(handle, at);
    at += Math.max(1, handle.length) * ELEM_BYTES[handle.elem];
  }
  const pages = Math.max(1, Math.ceil(align(at, 16) / PAGE));
  const memory = new WebAssembly.Memory({ initial: pages });
  for (const [handle, address] of addresses) handle.moveTo(memory.buffer, address);
  if (rngFrom) new Uint8Array(memory.buffer, rngAddress, 16).set(rngFrom);
  return { memory, paramAddress, rngAddress, addresses, signature: layoutSignature(build) };
}

/** Write array addresses and provider values into the parameter block. */
export function fillParams(layout: MemoryLayout, build: KernelBuild): Float64Array {
  const params = new Float64Array(layout.memory.buffer, layout.paramAddress, build.slotCount);
  for (const [handle, slot] of build.arrays) params[slot] = layout.addresses.get(handle)!;
  for (const [slot, value] of build.paramValues()) params[slot] = value;
  return params;
}

import type { ElemType } from '../codegen/ir.ts';
import type { ScheduledOp, StopCondition } from '../codegen/kernel.ts';
import { ArrayHandle } from './arrays.ts';

/** Parameter slots with a fixed meaning in every kernel. */
export const SLOT = {
  step: 0,
  failedOp: 1,
  errorVar: 2,
  errorIndex: 3,
} as const;
const FIXED_SLOTS = 4;

/** Why an op may stop a run, with what the host needs to explain it. */
export interface FailureInfo {
  describe(errorVar: number, errorIndex: number, t: number): string;
}

/**
 * Collects what one network run needs from its objects: parameter slots
 * (with how to compute their values before a run), the arrays the kernel
 * touches, and the ops in schedule order.
 */
export class KernelBuild {
  private readonly paramProviders: Array<{ name: string; value: () => number } | undefined> = [];
  private readonly arraySlots = new Map<ArrayHandle, number>();
  private readonly keyed = new Map<string, number>();
  readonly ops: Array<ScheduledOp & { failure?: FailureInfo; owner: string }> = [];
  readonly stopBefore: StopCondition[] = [];
  /** Called after each chunk of steps (monitors drain their buffers here). */
  readonly afterChunk: Array<() => void> = [];
  /** Called once before the first chunk of a run. */
  readonly beforeRun: Array<() => void> = [];
  /** The most steps one kernel call may take (monitor buffers bound it). */
  maxChunkSteps = 256;

  limitChunk(steps: number): void {
    this.maxChunkSteps = Math.max(1, Math.min(this.maxChunkSteps, Math.floor(steps)));
  }

  constructor() {
    for (let k = 0; k < FIXED_SLOTS; k++) this.paramProviders.push(undefined);
  }

  /** A runtime scalar; `value` is evaluated before each run. Same `name` → same slot. */
  param(name: string, value: () => number): number {
    const known = this.keyed.get(`p:${name}`);
    if (known !== undefined) return known;
    const slot = this.paramProviders.length;
    this.paramProviders.push({ name, value });
    this.keyed.set(`p:${name}`, slot);
    return slot;
  }

  /** The slot that will hold an array's address. */
  array(handle: ArrayHandle): number {
    let slot = this.arraySlots.get(handle);
    if (slot === undefined) {
      slot = this.paramProviders.length;
      this.paramProviders.push(undefined);
      this.arraySlots.set(handle, slot);
    }
    return slot;
  }

  get slotCount(): number {
    return this.paramProviders.length;
  }

  get arrays(): ReadonlyMap<ArrayHandle, number> {
    return this.arraySlots;
  }

  /** Values of all parameter slots that come from providers. */
  paramValues(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    this.paramProviders.forEach((p, slot) => {
      if (p) out.push([slot, p.value()]);
    });
    return out;
  }
}

export type { ElemType };

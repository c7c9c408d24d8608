import type { IRFunction } from '../codegen/ir.ts';
import type { Namespace } from '../equations/namespace.ts';
import type { FailureInfo, KernelBuild } from '../runtime/build.ts';
import { Clock, defaultclock } from './clock.ts';

/** Brian2's default schedule; every slot also has before_… and after_… variants. */
export const SCHEDULE = ['start', 'groups', 'thresholds', 'synapses', 'resets', 'end'] as const;

export function slotIndex(when: string): number {
  for (let k = 0; k < SCHEDULE.length; k++) {
    const slot = SCHEDULE[k]!;
    if (when === `before_${slot}`) return 3 * k;
    if (when === slot) return 3 * k + 1;
    if (when === `after_${slot}`) return 3 * k + 2;
  }
  throw new Error(`Unknown scheduling slot '${when}'; use one of ${SCHEDULE.map((s) => `'${s}'`).join(', ')} or their 'before_'/'after_' variants`);
}

/** One function of the step, with where it goes in the schedule. */
export interface Operation {
  name: string;
  when: string;
  order: number;
  clock: Clock;
  fn: IRFunction;
  failure?: FailureInfo;
  /** Loops that may be fused with the owner's other loops over the same elements. */
  fusion?: { owner: object; role: 'update' | 'threshold' };
}

/** What an object can use while preparing a run. */
export interface RunContext {
  build: KernelBuild;
  /** The namespace given to run(), used for names a group's own namespace lacks. */
  runNamespace: Namespace;
  /** Network time at the start of the run, in seconds. */
  t: number;
}

export interface SimObjectOptions {
  name?: string;
  clock?: Clock;
  dt?: unknown;
  when?: string;
  order?: number;
}

/**
 * Anything that takes part in a run: it contributes operations to the
 * step and arrays to the kernel's memory.
 */
export abstract class SimObject {
  abstract readonly name: string;

  constructor() {
    rememberObject(this);
  }

  clock: Clock = defaultclock;
  order = 0;
  active = true;
  /** Time of this object's clock after the latest run, in seconds (for host-side expressions using t). */
  clockTime = 0;

  /** Build this object's operations for the coming run. */
  abstract prepare(ctx: RunContext): Operation[];

  /** Objects that must be in the same network for this one to work (a monitor's source). */
  dependencies(): SimObject[] {
    return [];
  }

  /** Called when a run has finished (or stopped with an error). */
  afterRun(): void {}
}

/*
 * Brian2's "magic" run() simulates the objects the calling script can see;
 * JavaScript cannot look into its caller's scope, so spikeforge remembers
 * every object created since the last startScope() and still alive (weakly,
 * so abandoned objects do not pin their memory).
 */
const created = new Set<WeakRef<SimObject>>();
const forget = new FinalizationRegistry<WeakRef<SimObject>>((ref) => created.delete(ref));

function rememberObject(o: SimObject): void {
  const ref = new WeakRef(o);
  created.add(ref);
  forget.register(o, ref);
}

/** Objects created since the last forgetCreatedObjects() that are still alive, in creation order. */
export function createdObjects(): SimObject[] {
  const out: SimObject[] = [];
  for (const ref of created) {
    const o = ref.deref();
    if (o) out.push(o);
  }
  return out;
}

/** Objects someone put into a Network of their own: run() leaves them alone. */
export const claimedObjects = new WeakSet<SimObject>();

export function forgetCreatedObjects(): void {
  created.clear();
}

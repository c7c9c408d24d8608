/**
 * Brian2's script style without an explicit Network: `run('100*ms')`,
 * `store()`, `restore()` and `startScope()` act on every object created
 * since the last `startScope()` (that is still alive and was not put into a
 * Network of its own), like Brian2's magic network.
 */
import { claimedObjects, createdObjects, forgetCreatedObjects, type SimObject } from './base.ts';
import { Network, type RunOptions } from './network.ts';
import type { TimeLike } from './quantities.ts';

class MagicNetwork extends Network {
  protected override get collectsCreatedObjects(): boolean {
    return true;
  }
}

let current: MagicNetwork | undefined;

/** Forget the objects created so far: the next run() starts a new simulation at t = 0 (Brian2's start_scope). */
export function startScope(): void {
  forgetCreatedObjects();
  current = undefined;
}

/** The network run() uses, brought up to date with the objects created since the last call. */
export function magicNetwork(): Network {
  current ??= new MagicNetwork();
  const members = new Set<SimObject>(current.members);
  const fresh = createdObjects().filter((o) => !members.has(o) && !claimedObjects.has(o));
  if (fresh.length > 0) current.add(...fresh);
  if (current.members.length === 0) {
    throw new Error('run() found nothing to simulate: create a NeuronGroup (or other objects) first, or use a Network of your own');
  }
  return current;
}

/** Run every object created since the last startScope() (Brian2's run()). */
export async function run(duration: TimeLike, options: RunOptions = {}): Promise<void> {
  await magicNetwork().run(duration, options);
}

/** Brian2's store(): remember the state of the objects run() would simulate. */
export function store(name = 'default'): void {
  magicNetwork().store(name);
}

/** Brian2's restore(). */
export function restore(name = 'default'): void {
  magicNetwork().restore(name);
}

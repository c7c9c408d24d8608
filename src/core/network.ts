import type { Namespace } from '../equations/namespace.ts';
import { SLOT, KernelBuild } from '../runtime/build.ts';
import { KernelProgram, kernelSource, type Backend, type CompileReport, type KernelInstance } from '../runtime/kernel.ts';
import { KERNEL_DATA_LIMIT } from '../runtime/library.ts';
import { createLayout, fillParams, layoutSignature, type MemoryLayout } from '../runtime/memory.ts';
import { createJsRuntime } from '../runtime/jsruntime.ts';
import type { ArrayHandle } from '../runtime/arrays.ts';
import { Quantity } from '../units/index.ts';
import { claimedObjects, slotIndex, type Operation, type SimObject } from './base.ts';
import { calcTimestep, type Clock } from './clock.ts';
import { SECOND, toSeconds, type TimeLike } from './quantities.ts';
import { hostRandom } from './random.ts';
import { nextSequence } from './history.ts';
import { fuseLoops, type LoopFunction } from '../codegen/ops.ts';
import { canonicalPlan } from '../codegen/canonical.ts';

export interface Progress {
  /** Fraction of the run completed, 0 … 1. */
  fraction: number;
  /** Simulated time reached, in seconds. */
  t: number;
  /** Wall-clock seconds since the run started. */
  elapsed: number;
}

export interface RunOptions {
  /** 'text' prints progress to the console like Brian2's report='text'; a function receives it. */
  report?: 'text' | 'stdout' | ((p: Progress) => void) | null;
  /** Wall-clock time between reports (default 10 s, as Brian2). */
  reportPeriod?: TimeLike;
  /** Names used by groups that have no namespace of their own. */
  namespace?: Namespace;
  /** Code generation target: 'wasm' (default) or 'js'. */
  backend?: Backend;
}

/** A run stopped because the simulation went wrong (e.g. a NaN); says what, where and when. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly t: number,
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

/** Objects that keep state outside arrays (monitors' recordings) take part in store/restore. */
export interface Restorable {
  storeState(): unknown;
  restoreState(state: unknown): void;
}

function isRestorable(o: unknown): o is Restorable {
  return typeof (o as Restorable).storeState === 'function' && typeof (o as Restorable).restoreState === 'function';
}

interface Snapshot {
  t: number;
  arrays: Map<ArrayHandle, ArrayLike<number>>;
  rng: Uint8Array | undefined;
  objects: Map<Restorable, unknown>;
}

let defaultBackend: Backend = 'wasm';

/** Choose the code generation target for networks that don't say (Brian2's prefs.codegen.target). */
export function setDefaultBackend(backend: Backend): void {
  defaultBackend = backend;
}

/**
 * Brian2's Network: a set of objects simulated together. The whole step
 * of all objects is one generated kernel; `run` calls it in chunks and lets
 * monitors collect their data in between.
 */
export class Network {
  private readonly objects = new Set<SimObject>();
  private tSeconds = 0;
  private layout: MemoryLayout | undefined;
  private compiled: KernelProgram | undefined;
  private instance: KernelInstance | undefined;
  private readonly snapshots = new Map<string, Snapshot>();
  /** How the kernel of the latest run was obtained. */
  lastCompile: CompileReport | undefined;
  /** The generated source of the latest run (AssemblyScript or JavaScript). */
  lastSource: string | undefined;
  /**
   * Every completed run: its duration, the namespace it was given, and the
   * history sequence number taken when it started (assignments and connect()
   * calls with a smaller number happened before it) — for export.
   */
  readonly runs: Array<{ duration: number; namespace: Namespace; seq: number }> = [];

  constructor(...objects: SimObject[]) {
    this.add(...objects);
  }

  add(...objects: SimObject[]): void {
    for (const o of objects) {
      this.objects.add(o);
      if (!this.collectsCreatedObjects) claimedObjects.add(o);
    }
  }

  /** True for the network behind the magic run(), which must not claim what it collects. */
  protected get collectsCreatedObjects(): boolean {
    return false;
  }

  remove(...objects: SimObject[]): void {
    for (const o of objects) this.objects.delete(o);
  }

  get members(): SimObject[] {
    return [...this.objects];
  }

  get t(): Quantity {
    return new Quantity(this.tSeconds, SECOND);
  }
  /** Network time in seconds. */
  get t_(): number {
    return this.tSeconds;
  }

  /** Prepare all objects for a run: the ordered operations and what the kernel needs. */
  private prepare(namespace: Namespace): { build: KernelBuild; ops: Operation[]; clocks: Clock[]; baseDt: number; ratios: number[] } {
    const names = new Map<string, SimObject>();
    for (const o of this.objects) {
      const other = names.get(o.name);
      if (other && other !== o) throw new Error(`Two objects in the network are called '${o.name}'; names must be unique`);
      names.set(o.name, o);
      for (const dep of o.dependencies()) {
        if (!this.objects.has(dep)) throw new Error(`'${o.name}' needs '${dep.name}', which is not in the network; add it too`);
      }
    }
    const build = new KernelBuild();
    const ops: Operation[] = [];
    for (const o of this.objects) if (o.active) ops.push(...o.prepare({ build, runNamespace: namespace, t: this.tSeconds }));
    ops.sort((a, b) => slotIndex(a.when) - slotIndex(b.when) || a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    fuseUpdateAndThreshold(ops);
    const clocks = [...new Set(ops.map((o) => o.clock))];
    const baseDt = clocks.length ? Math.min(...clocks.map((c) => c.dt_)) : 1e-4;
    const ratios = clocks.map((c) => {
      const r = c.dt_ / baseDt;
      if (Math.abs(r - Math.round(r)) > 1e-9 * r) {
        throw new Error(`Clock '${c.name}' has dt = ${c.dt_} s, which is not a multiple of the smallest dt in the network (${baseDt} s); spikeforge needs clocks on a common grid`);
      }
      return Math.round(r);
    });
    return { build, ops, clocks, baseDt, ratios };
  }

  /** The generated kernel source for the current objects, without running. */
  async generatedCode(backend: Backend = defaultBackend, namespace: Namespace = {}): Promise<string> {
    const { build, ops, clocks, ratios } = this.prepare(namespace);
    return (await kernelSource(this.plan(build, ops, clocks, ratios), backend)).source;
  }

  private plan(build: KernelBuild, ops: Operation[], clocks: Clock[], ratios: number[]) {
    const clockSlots = clocks.map((c) => build.param(`clock.${c.name}.dt`, () => c.dt_));
    return {
      ops: ops.map((o) => ({ fn: o.fn, clock: clocks.indexOf(o.clock) })),
      clocks: clocks.map((_, k) => ({ ratio: ratios[k]!, dtSlot: clockSlots[k]! })),
      stopBefore: build.stopBefore,
      stepSlot: SLOT.step,
      failedOpSlot: SLOT.failedOp,
    };
  }

  async run(duration: TimeLike, options: RunOptions = {}): Promise<void> {
    const seconds = toSeconds(duration, 'run duration');
    const seq = nextSequence();
    if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new RangeError(`The run duration must be a finite duration ≥ 0, got ${seconds} s`);
    const backend = options.backend ?? defaultBackend;
    const { build, ops, clocks, baseDt, ratios } = this.prepare(options.namespace ?? {});
    const plan = this.plan(build, ops, clocks, ratios);

    // Compile the structure-only version: object names don't change the kernel.
    const src = await kernelSource(canonicalPlan(plan), backend);
    if (!this.compiled || this.compiled.source !== src.source) {
      this.compiled = await KernelProgram.compile(src);
      this.instance = undefined;
      this.lastCompile = this.compiled.report;
    } else {
      this.lastCompile = { ...this.compiled.report, cached: true, compileMs: 0 };
    }
    this.lastSource = src.source;

    const inPlace =
      this.layout !== undefined &&
      this.layout.signature === layoutSignature(build) &&
      [...build.arrays.keys()].every((h) => h.data.buffer === this.layout!.memory.buffer);
    if (!inPlace) {
      const rng = this.layout ? new Uint8Array(this.layout.memory.buffer, this.layout.rngAddress, 16).slice() : undefined;
      this.layout = createLayout(build, KERNEL_DATA_LIMIT, rng);
      if (!rng) createJsRuntime(this.layout.memory).rng_seed(this.layout.rngAddress, hostRandom().childSeed());
      this.instance = undefined;
    }
    const layout = this.layout!;
    if (!this.instance) this.instance = await this.compiled.instantiate(layout.memory, layout.paramAddress, layout.rngAddress);
    const params = fillParams(layout, build);

    const k0 = calcTimestep(this.tSeconds, baseDt);
    const kEnd = calcTimestep(this.tSeconds + seconds, baseDt);
    params[SLOT.step] = k0;
    for (const hook of build.beforeRun) hook();

    const reporter = makeReporter(options, seconds);
    let done = 0;
    const total = kEnd - k0;
    const chunkLimit = Math.max(1, build.maxChunkSteps);
    try {
      while (done < total) {
        const want = Math.min(total - done, chunkLimit);
        const r = this.instance.run(want);
        for (const hook of build.afterChunk) hook();
        if (r < 0) {
          const failed = ops[params[SLOT.failedOp]!]!;
          const tFail = params[SLOT.step]! * baseDt;
          this.tSeconds = tFail;
          const message = failed.failure
            ? failed.failure.describe(params[SLOT.errorVar]!, params[SLOT.errorIndex]!, tFail)
            : `Operation '${failed.name}' failed at t = ${tFail} s (status ${-r})`;
          throw new SimulationError(message, tFail);
        }
        done += r;
        reporter?.(done / Math.max(1, total), (k0 + done) * baseDt);
      }
      this.tSeconds = kEnd * baseDt;
      this.runs.push({ duration: seconds, namespace: options.namespace ?? {}, seq });
    } finally {
      for (const o of this.objects) {
        o.clockTime = this.tSeconds;
        o.afterRun();
      }
    }
  }

  /** Remember the complete state (variables, time, random generator, recordings) under a name. */
  store(name = 'default'): void {
    const arrays = new Map<ArrayHandle, ArrayLike<number>>();
    const objects = new Map<Restorable, unknown>();
    for (const o of this.objects) {
      for (const h of arrayHandlesOf(o)) arrays.set(h, h.data.slice());
      if (isRestorable(o)) objects.set(o, o.storeState());
    }
    const rng = this.layout ? new Uint8Array(this.layout.memory.buffer, this.layout.rngAddress, 16).slice() : undefined;
    this.snapshots.set(name, { t: this.tSeconds, arrays, rng, objects });
  }

  /** Go back to a stored state. */
  restore(name = 'default'): void {
    const s = this.snapshots.get(name);
    if (!s) throw new Error(`No stored state called '${name}'; call store('${name}') first`);
    for (const [h, data] of s.arrays) {
      if (h.length !== data.length) h.resize(data.length);
      h.data.set(data);
    }
    for (const [o, state] of s.objects) o.restoreState(state);
    if (s.rng && this.layout) new Uint8Array(this.layout.memory.buffer, this.layout.rngAddress, 16).set(s.rng);
    this.tSeconds = s.t;
    for (const o of this.objects) o.clockTime = s.t;
  }
}

/**
 * A group's state update and its threshold both loop over all neurons; run
 * them in one pass (the threshold of neuron i right after its update) when
 * nothing scheduled between them touches the same arrays. Same results,
 * one read of the state instead of two.
 */
function fuseUpdateAndThreshold(ops: Operation[]): void {
  const arraysOf = (op: Operation): Set<number> => new Set(op.fn.body.flatMap((s) => (s.k === 'array' ? [s.slot] : [])));
  for (let a = 0; a < ops.length; a++) {
    const update = ops[a]!;
    if (update.fusion?.role !== 'update') continue;
    const b = ops.findIndex((o, k) => k > a && o.fusion?.role === 'threshold' && o.fusion.owner === update.fusion!.owner);
    if (b < 0) continue;
    const threshold = ops[b]!;
    if (threshold.clock !== update.clock) continue;
    const touched = new Set([...arraysOf(update), ...arraysOf(threshold)]);
    const independent = ops.slice(a + 1, b).every((o) => [...arraysOf(o)].every((slot) => !touched.has(slot)));
    if (!independent) continue;
    const fused = fuseLoops(`${update.name}_and_threshold`, update.fn as LoopFunction, threshold.fn as LoopFunction);
    ops[a] = { ...update, name: fused.name, fn: fused };
    ops.splice(b, 1);
  }
}

/** Arrays an object owns, for store/restore. */
function arrayHandlesOf(o: SimObject): ArrayHandle[] {
  const owner = o as unknown as { arrayHandles?: () => ArrayHandle[] };
  return owner.arrayHandles ? owner.arrayHandles() : [];
}

function makeReporter(options: RunOptions, duration: number): ((fraction: number, t: number) => void) | undefined {
  const report = options.report;
  if (!report) return undefined;
  const period = options.reportPeriod === undefined ? 10 : toSeconds(options.reportPeriod, 'reportPeriod');
  const started = performance.now();
  let last = started;
  return (fraction, t) => {
    const now = performance.now();
    if (fraction < 1 && (now - last) / 1000 < period) return;
    last = now;
    const elapsed = (now - started) / 1000;
    if (typeof report === 'function') {
      report({ fraction, t, elapsed });
    } else {
      const remaining = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : NaN;
      const line = `${(t).toFixed(4)} s (${Math.round(fraction * 100)}%) simulated in ${elapsed.toFixed(2)} s${fraction < 1 ? `, estimated ${remaining.toFixed(1)} s remaining` : ''}.`;
      console.log(duration > 0 ? line : line);
    }
  };
}

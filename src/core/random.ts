import { createJsRuntime } from '../runtime/jsruntime.ts';

/**
 * The host's random numbers (initial values from strings like
 * 'rand()*mV', seeds for new networks). Same generator as the kernels, so
 * `seed(n)` makes a whole script reproducible.
 */
class HostRandom {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly rt = createJsRuntime(this.memory);
  private seeded = false;

  seed(value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`seed must be a whole number ≥ 0, got ${value}`);
    this.rt.rng_seed(0, value);
    this.seeded = true;
  }
  private ensureSeeded(): void {
    // Unseeded runs differ from run to run, like Brian2 without seed().
    if (!this.seeded) this.seed(Math.floor(Math.random() * 2 ** 52));
  }
  rand(): number {
    this.ensureSeeded();
    return this.rt.rand(0);
  }
  randn(): number {
    this.ensureSeeded();
    return this.rt.randn(0);
  }
  /** A seed for a new kernel generator, drawn from this one. */
  childSeed(): number {
    return Math.floor(this.rand() * 2 ** 52);
  }
}

const host = new HostRandom();

export function hostRandom(): HostRandom {
  return host;
}

/** Brian2's seed(): make random numbers reproducible from here on. */
export function seed(value: number): void {
  host.seed(value);
}

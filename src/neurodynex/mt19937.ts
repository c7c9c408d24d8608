/**
 * The Mersenne Twister as Python's `random` and numpy's legacy `RandomState`
 * use it, so that a seed gives the same quiz (hidden neuron types, random LIF
 * parameters, noisy currents) here as in the original Python exercises.
 */

const N = 624;
const M = 397;

export class MersenneTwister {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private spareGauss: number | undefined;

  private constructor() {}

  /** The generator after Python's `random.seed(seed)` for a whole number seed. */
  static python(seed: number): MersenneTwister {
    checkSeed(seed, Number.MAX_SAFE_INTEGER);
    // Python seeds with the 32-bit words of |seed|, least significant first.
    const key: number[] = [];
    for (let rest = seed; rest > 0; rest = Math.floor(rest / 2 ** 32)) key.push(rest % 2 ** 32);
    const g = new MersenneTwister();
    g.initByArray(key.length > 0 ? key : [0]);
    return g;
  }

  /** The generator of numpy's `RandomState(seed)`. */
  static numpy(seed: number): MersenneTwister {
    checkSeed(seed, 2 ** 32 - 1);
    const g = new MersenneTwister();
    g.initGenrand(seed);
    return g;
  }

  private initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = N;
  }

  private twist(): void {
    const mt = this.mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  /** The next 32 random bits as an unsigned integer. */
  uint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits (Python's `random()`, numpy's `random_sample()`). */
  random(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Python's `random.randint(a, b)`: a whole number in [a, b], by rejection from just enough bits. */
  randint(a: number, b: number): number {
    const n = b - a + 1;
    if (!Number.isInteger(a) || !Number.isInteger(b) || n < 1 || n >= 2 ** 32) throw new RangeError(`randint needs whole numbers a ≤ b, less than 2^32 apart; got ${a}, ${b}`);
    const bits = 32 - Math.clz32(n);
    let r: number;
    do r = this.uint32() >>> (32 - bits);
    while (r >= n);
    return a + r;
  }

  /** numpy's legacy standard normal (the polar method, which yields values in pairs). */
  standardNormal(): number {
    if (this.spareGauss !== undefined) {
      const g = this.spareGauss;
      this.spareGauss = undefined;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.spareGauss = f * x1;
    return f * x2;
  }
}

function checkSeed(seed: number, max: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > max) throw new RangeError(`A seed must be a whole number in [0, ${max}], got ${seed}`);
}

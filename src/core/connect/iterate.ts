import { hostRandom } from '../random.ts';

/** Growing (i, j) lists in creation order. */
export class SynapseBuffer {
  private pre: Int32Array;
  private post: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.pre = new Int32Array(Math.max(16, capacity));
    this.post = new Int32Array(Math.max(16, capacity));
  }

  private grow(need: number): void {
    let cap = this.pre.length;
    while (cap < need) cap *= 2;
    const a = new Int32Array(cap);
    a.set(this.pre.subarray(0, this.length));
    const b = new Int32Array(cap);
    b.set(this.post.subarray(0, this.length));
    this.pre = a;
    this.post = b;
  }

  push(i: number, j: number): void {
    if (this.length === this.pre.length) this.grow(this.length + 1);
    this.pre[this.length] = i;
    this.post[this.length] = j;
    this.length++;
  }

  pushRepeated(i: number, j: number, n: number): void {
    if (this.length + n > this.pre.length) this.grow(this.length + n);
    for (let r = 0; r < n; r++) {
      this.pre[this.length] = i;
      this.post[this.length] = j;
      this.length++;
    }
  }

  result(): { i: Int32Array; j: Int32Array } {
    return { i: this.pre.slice(0, this.length), j: this.post.slice(0, this.length) };
  }
}

/** Number of values of Python's range(low, high, step) (step ≠ 0). */
export function rangeCount(low: number, high: number, step: number): number {
  const n = step > 0 ? Math.ceil((high - low) / step) : Math.ceil((low - high) / -step);
  return n > 0 ? n : 0;
}

/** Below this p, skip ahead geometrically instead of drawing one number per candidate (Brian2 uses 0.25 too). */
const JUMP_BELOW = 0.25;

/**
 * Positions 0 … count−1 kept independently with probability p, in order
 * (Brian2's sample(…, p=…)). p ≤ 0 or NaN keeps none, p ≥ 1 keeps all, as
 * `rand() < p` would. For small p the gaps between kept positions are drawn
 * from the geometric distribution, so the cost is O(kept), not O(count).
 */
export function forEachBernoulli(count: number, p: number, visit: (pos: number) => void): void {
  if (!(p > 0) || count <= 0) return;
  if (p >= 1) {
    for (let q = 0; q < count; q++) visit(q);
    return;
  }
  const rng = hostRandom();
  if (p < JUMP_BELOW) {
    // P(gap ≥ m) = P(U ≤ (1-p)^m) = (1-p)^m: the number of rejected candidates before the next hit.
    const pconst = 1 / Math.log1p(-p);
    let pos = -1;
    for (;;) {
      const gap = Math.floor(Math.log(rng.rand()) * pconst);
      pos += 1 + gap;
      if (!(pos < count)) return; // also catches an infinite gap (rand() == 0)
      visit(pos);
    }
  }
  for (let q = 0; q < count; q++) if (rng.rand() < p) visit(q);
}

/**
 * `size` distinct positions out of 0 … count−1, uniformly, visited in
 * increasing order (Brian2's sample(…, size=…)). Dense samples use Knuth's
 * selection sampling (Algorithm S), sparse ones draw a set and sort it,
 * with the same switch-over ratio as Brian2's Cython template.
 */
export function forEachFixedSample(count: number, size: number, visit: (pos: number) => void): void {
  if (size <= 0 || count <= 0) return;
  if (size >= count) {
    for (let q = 0; q < count; q++) visit(q);
    return;
  }
  const rng = hostRandom();
  if (size / count > 0.06) {
    let selected = 0;
    for (let q = 0; q < count && selected < size; q++) {
      if ((count - q) * rng.rand() < size - selected) {
        visit(q);
        selected++;
      }
    }
    return;
  }
  const chosen = new Set<number>();
  while (chosen.size < size) chosen.add(Math.floor(rng.rand() * count));
  const sorted = Float64Array.from(chosen).sort();
  for (const q of sorted) visit(q);
}

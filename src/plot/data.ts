/**
 * Turning arrays of numbers into what a chart needs: finite points, not more
 * of them than a screen can show, and ranges with a little air.
 */

/** "v [mV]": the axis title convention of the neurodynex plots. */
export function axisTitle(title: string, unit?: string): string {
  return unit ? `${title} [${unit}]` : title;
}

/**
 * Indices of the points to draw so that a polyline of `n` points keeps its
 * shape with about `maxPoints` points: per bucket of consecutive indices the
 * points with the lowest and highest x and y, in their original order (so
 * spikes keep their peaks, also in a phase plane), plus the first and last
 * point. Non-finite points are dropped.
 */
export function thinIndices(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): number[] {
  const n = y.length;
  const finite = (k: number) => Number.isFinite(x[k]!) && Number.isFinite(y[k]!);
  if (n <= maxPoints) return Array.from({ length: n }, (_, k) => k).filter(finite);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 4));
  const keep: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const lo = 1 + Math.floor((b * (n - 2)) / buckets);
    const hi = 1 + Math.floor(((b + 1) * (n - 2)) / buckets);
    const picked = new Set<number>();
    for (const v of [x, y]) {
      let kMin = -1;
      let kMax = -1;
      for (let k = lo; k < hi; k++) {
        if (!finite(k)) continue;
        if (kMin < 0 || v[k]! < v[kMin]!) kMin = k;
        if (kMax < 0 || v[k]! > v[kMax]!) kMax = k;
      }
      if (kMin >= 0) picked.add(kMin).add(kMax);
    }
    keep.push(...[...picked].sort((a, b) => a - b));
  }
  keep.push(n - 1);
  return keep.filter(finite);
}

/** Smallest and largest finite value, or undefined when there is none. */
export function extent(values: Iterable<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** A range around [lo, hi] with `margin` (a fraction of the span) on both sides; never empty. */
export function padded([lo, hi]: readonly [number, number], margin = 0.05): [number, number] {
  const span = hi - lo;
  if (span > 0) return [lo - margin * span, hi + margin * span];
  const half = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - half, hi + half];
}

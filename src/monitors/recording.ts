/** A growable buffer of doubles for recorded data. */
export class GrowableFloat64 {
  private data = new Float64Array(1024);
  private used = 0;

  get length(): number {
    return this.used;
  }
  append(values: ArrayLike<number>): void {
    this.reserve(this.used + values.length);
    this.data.set(values, this.used);
    this.used += values.length;
  }
  push(value: number): void {
    this.reserve(this.used + 1);
    this.data[this.used++] = value;
  }
  private reserve(n: number): void {
    if (n <= this.data.length) return;
    let size = this.data.length;
    while (size < n) size *= 2;
    const next = new Float64Array(size);
    next.set(this.data.subarray(0, this.used));
    this.data = next;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.used);
  }
  truncate(n: number): void {
    this.used = Math.min(this.used, n);
  }
  clear(): void {
    this.used = 0;
  }
}

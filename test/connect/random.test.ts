import { describe, expect, it } from 'vitest';
import { generateConnections, groupConnectEnvironment, type ConnectArgs, type ConnectGroup } from '../../src/core/connect.ts';
import { forEachBernoulli, forEachFixedSample } from '../../src/core/connect/iterate.ts';
import { seed } from '../../src/core/random.ts';
import { Dimension } from '../../src/units/index.ts';

/**
 * Random forms of connect() (p, sample(), rand()) cannot match Brian2
 * synapse by synapse; they must have the same distribution. Every test is
 * seeded, and bounds are 5 standard deviations wide, so they neither flake
 * nor let a wrong distribution through (a bias of a few percent on
 * hundreds of thousands of draws is far outside them).
 */
const METRE = Dimension.of([1, 0, 0, 0, 0, 0, 0]);

function group(n: number): ConnectGroup {
  return { size: n, variables: new Map([['x', { values: Float64Array.from({ length: n }, (_, q) => q * 1e-6), dim: METRE, type: 'float' as const }]]) };
}

function connect(nPre: number, nPost: number, args: ConnectArgs) {
  return generateConnections(groupConnectEnvironment(group(nPre), group(nPost)), args);
}

/** |observed − n·p| within z standard deviations of a binomial count. */
function expectBinomial(observed: number, n: number, p: number, z = 5): void {
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(observed - mean), `observed ${observed}, expected ${mean} ± ${z}·${sd.toFixed(1)}`).toBeLessThanOrEqual(z * sd + 1e-9);
}

function rowCounts(i: Int32Array, n: number): Float64Array {
  const c = new Float64Array(n);
  for (const x of i) c[x]!++;
  return c;
}

function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let q = 0; q < xs.length; q++) s += xs[q]!;
  const mean = s / xs.length;
  let v = 0;
  for (let q = 0; q < xs.length; q++) v += (xs[q]! - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

/** Synapses of one row come out in increasing j, each pair at most once (as Brian2's sample()). */
function expectSortedRows(r: { i: Int32Array; j: Int32Array }): void {
  let bad = -1;
  for (let q = 1; q < r.i.length && bad < 0; q++) {
    const ok = r.i[q] === r.i[q - 1] ? r.j[q]! > r.j[q - 1]! : r.i[q]! > r.i[q - 1]!;
    if (!ok) bad = q;
  }
  expect(bad, `synapse ${bad} is out of order`).toBe(-1);
}

/** Index of the first synapse failing `test`, or −1. */
function firstFailing(r: { i: Int32Array; j: Int32Array }, test: (i: number, j: number) => boolean): number {
  for (let q = 0; q < r.i.length; q++) if (!test(r.i[q]!, r.j[q]!)) return q;
  return -1;
}

describe('connect() with a constant probability', () => {
  it("p=0.02 on 4000×4000 (the CUBA network): binomial total, rows and columns, Brian2's order", () => {
    seed(1);
    const N = 4000;
    const p = 0.02;
    const r = connect(N, N, { p });
    expectBinomial(r.i.length, N * N, p);
    expectSortedRows(r);
    // Per-row counts are Binomial(N, p): mean N·p and variance N·p·(1−p).
    const rows = meanVar(rowCounts(r.i, N));
    expect(Math.abs(rows.mean - N * p)).toBeLessThan(5 * Math.sqrt((N * p * (1 - p)) / N));
    expect(rows.variance / (N * p * (1 - p))).toBeGreaterThan(0.9);
    expect(rows.variance / (N * p * (1 - p))).toBeLessThan(1.1);
    // Columns likewise: the skipping must not favour early or late targets.
    const cols = meanVar(rowCounts(r.j, N));
    expect(cols.variance / (N * p * (1 - p))).toBeGreaterThan(0.9);
    expect(cols.variance / (N * p * (1 - p))).toBeLessThan(1.1);
    // First vs second half of the targets.
    let early = 0;
    for (const j of r.j) if (j < N / 2) early++;
    expectBinomial(early, r.i.length, 0.5);
  });

  it('gaps between synapses of a row are geometric (the skipping is exact)', () => {
    seed(2);
    const p = 0.05;
    const gaps = new Float64Array(200);
    let total = 0;
    let prev = -1;
    forEachBernoulli(2_000_000, p, (pos) => {
      const g = pos - prev - 1;
      if (g < gaps.length) gaps[g]!++;
      prev = pos;
      total++;
    });
    // P(gap = m) = (1−p)^m · p
    for (const m of [0, 1, 5, 20, 60]) expectBinomial(gaps[m]!, total, (1 - p) ** m * p);
  });

  it('p ≥ 0.25 (one draw per candidate) has the same distribution', () => {
    seed(3);
    const r = connect(1000, 1000, { p: 0.5 });
    expectBinomial(r.i.length, 1e6, 0.5);
    expectSortedRows(r);
    const r2 = connect(1000, 1000, { p: 0.25 });
    expectBinomial(r2.i.length, 1e6, 0.25);
  });

  it("condition 'i != j' with p=0.1: no autapses, binomial over the N(N−1) allowed pairs", () => {
    seed(4);
    const N = 2000;
    const r = connect(N, N, { condition: 'i != j', p: 0.1 });
    expect(firstFailing(r, (i, j) => i !== j)).toBe(-1);
    expectBinomial(r.i.length, N * (N - 1), 0.1);
    expectSortedRows(r);
  });

  it('p with n: each accepted pair gets n synapses in a row', () => {
    seed(5);
    const r = connect(500, 500, { p: 0.1, n: 3 });
    expect(r.i.length % 3).toBe(0);
    let bad = -1;
    for (let q = 0; q < r.i.length && bad < 0; q += 3) {
      if (r.i[q + 1] !== r.i[q] || r.i[q + 2] !== r.i[q] || r.j[q + 1] !== r.j[q] || r.j[q + 2] !== r.j[q]) bad = q;
    }
    expect(bad).toBe(-1);
    expectBinomial(r.i.length / 3, 250_000, 0.1);
  });

  it('p with explicit indices: one draw per given pair, before repetition', () => {
    seed(6);
    const n = 100_000;
    const i = Int32Array.from({ length: n }, (_, q) => q % 100);
    const j = Int32Array.from({ length: n }, (_, q) => (q * 7) % 100);
    const r = connect(100, 100, { i, j, p: 0.3, n: 2 });
    expectBinomial(r.i.length / 2, n, 0.3);
    // Kept pairs keep their order.
    let q = 0;
    for (let s = 0; s < r.i.length; s += 2) {
      while (q < n && !(i[q] === r.i[s] && j[q] === r.j[s])) q++;
      q++;
    }
    expect(q, 'kept pairs appear in the given order').toBeLessThanOrEqual(n);
  });

  it('p=0 creates nothing and p=1 everything', () => {
    expect(connect(50, 60, { p: 0 }).i.length).toBe(0);
    expect(connect(50, 60, { p: 1 }).i.length).toBe(3000);
    expect(connect(50, 60, { condition: 'i < 10', p: 0 }).i.length).toBe(0);
  });
});

describe('connect() with a probability expression', () => {
  it("distance-dependent p='exp(-(i-j)**2/(2*20**2))': connection frequency follows the formula", () => {
    seed(7);
    const N = 2000;
    const r = connect(N, N, { p: 'exp(-(i-j)**2/(2*20**2))' });
    const byDistance = new Float64Array(101);
    for (let q = 0; q < r.i.length; q++) {
      const d = Math.abs(r.i[q]! - r.j[q]!);
      if (d <= 100) byDistance[d]!++;
    }
    for (const d of [0, 5, 10, 20, 30, 40, 60]) {
      const pairs = d === 0 ? N : 2 * (N - d);
      expectBinomial(byDistance[d]!, pairs, Math.exp(-(d * d) / (2 * 400)));
    }
    expectSortedRows(r);
  });

  it('p depending only on i samples each row with its own probability (Brian2: sample(N_post, p=…))', () => {
    seed(8);
    const N = 400;
    const r = connect(N, 1000, { j: 'k for k in sample(N_post, p=i*1.0/(N_pre-1))' });
    const rows = rowCounts(r.i, N);
    expect(rows[0]).toBe(0);
    expect(rows[N - 1]).toBe(1000);
    for (const i of [50, 100, 200, 300]) expectBinomial(rows[i]!, 1000, i / (N - 1));
  });

  it('p per pair combined with a condition, on presynaptic and postsynaptic variables', () => {
    seed(9);
    const r = connect(300, 300, { condition: 'j > i', p: 'clip((x_post - x_pre)/(300*umetre), 0, 1)' });
    expect(firstFailing(r, (i, j) => j > i)).toBe(-1);
    // Expected count: sum over j > i of (j − i)/300.
    let expected = 0;
    let variance = 0;
    for (let i = 0; i < 300; i++) for (let j = i + 1; j < 300; j++) {
      const p = (j - i) / 300;
      expected += p;
      variance += p * (1 - p);
    }
    expect(Math.abs(r.i.length - expected)).toBeLessThan(5 * Math.sqrt(variance));
  });

  it('expression values outside [0, 1] act as Brian2\'s rand() < p does: ≤ 0 never, ≥ 1 always', () => {
    seed(10);
    expect(connect(20, 20, { condition: 'i != j', p: 'j - 5.0' }).i.length).toBe(20 * 14 - 14);
    expect(connect(20, 20, { condition: 'True', p: '-1.0 + 0*i' }).i.length).toBe(0);
  });

  it("rand() in a condition is drawn per pair ('rand() < 0.3')", () => {
    seed(11);
    const r = connect(1000, 1000, { condition: 'rand() < 0.3' });
    expectBinomial(r.i.length, 1e6, 0.3);
    const rows = meanVar(rowCounts(r.i, 1000));
    expect(rows.variance / (1000 * 0.3 * 0.7)).toBeGreaterThan(0.85);
    expect(rows.variance / (1000 * 0.3 * 0.7)).toBeLessThan(1.15);
  });
});

describe('sample() generators', () => {
  for (const size of [3, 40, 500]) {
    it(`sample(N_post, size=${size}): exactly ${size} distinct targets per row, uniform, sorted`, () => {
      seed(12 + size);
      const nPre = size === 500 ? 100 : 2000;
      const nPost = 1000;
      const r = connect(nPre, nPost, { j: `k for k in sample(N_post, size=${size})` });
      expect(r.i.length).toBe(nPre * size);
      expectSortedRows(r);
      // Each target is chosen with probability size/nPost per row.
      const cols = rowCounts(r.j, nPost);
      const expected = (nPre * size) / nPost;
      let chi2 = 0;
      for (const c of cols) chi2 += (c - expected) ** 2 / expected;
      // chi² with 999 degrees of freedom (without replacement the variance is slightly lower): mean 999, sd ≈ 45.
      expect(chi2).toBeLessThan(999 + 5 * 45);
      expect(chi2).toBeGreaterThan((999 - 5 * 45) * (1 - size / nPost));
    });
  }

  it('sample(low, high, step, p=…) stays on the grid', () => {
    seed(20);
    const r = connect(200, 1000, { j: 'k for k in sample(100, 900, 4, p=0.3) if k != i' });
    expect(firstFailing(r, (_i, j) => j >= 100 && j < 900 && (j - 100) % 4 === 0)).toBe(-1);
    expectSortedRows(r);
    let allowed = 0;
    for (let i = 0; i < 200; i++) for (let k = 100; k < 900; k += 4) if (k !== i) allowed++;
    expectBinomial(r.i.length, allowed, 0.3);
  });

  it('sample with a negative step visits in that order', () => {
    seed(21);
    const r = connect(3, 100, { j: 'k for k in sample(99, -1, -1, p=0.5)' });
    let bad = -1;
    for (let q = 1; q < r.i.length; q++) if (r.i[q] === r.i[q - 1] && !(r.j[q]! < r.j[q - 1]!)) bad = q;
    expect(bad).toBe(-1);
    expect(r.i.length).toBeGreaterThan(100);
  });

  it('the fixed-size sampler is uniform over subsets for both of its algorithms', () => {
    seed(22);
    for (const [count, size] of [[10, 3], [100, 2]] as const) {
      const freq = new Float64Array(count);
      const draws = 20_000;
      for (let d = 0; d < draws; d++) forEachFixedSample(count, size, (pos) => freq[pos]!++);
      for (const f of freq) expectBinomial(f, draws, size / count);
    }
  });

  it('sample(N, size=…) with skip_if_invalid takes the whole population when the size is too big, and skips negative sizes', () => {
    const r = connect(4, 5, { j: 'k for k in sample(N_post, size=i*3-3)', skip_if_invalid: true });
    // i=0: size −3 → skipped; i=1: 0; i=2: 3; i=3: 6 > 5 → all 5.
    expect(Array.from(rowCounts(r.i, 4))).toEqual([0, 0, 3, 5]);
  });
});

describe('reproducibility', () => {
  const forms: ConnectArgs[] = [
    { p: 0.05 },
    { p: 0.5 },
    { condition: 'i != j', p: 0.1 },
    { p: 'exp(-(i-j)**2/50.0)' },
    { j: 'k for k in sample(N_post, size=7)' },
    { j: 'k for k in sample(N_post, size=150)' },
    { condition: 'rand() < 0.2' },
    { i: [1, 2, 3, 4], j: [4, 3, 2, 1], p: 0.5 },
  ];
  for (const args of forms) {
    it(`seed(n) makes ${JSON.stringify(args)} reproducible`, () => {
      seed(123);
      const a = connect(300, 300, args);
      seed(123);
      const b = connect(300, 300, args);
      expect(Array.from(b.i)).toEqual(Array.from(a.i));
      expect(Array.from(b.j)).toEqual(Array.from(a.j));
      seed(124);
      const c = connect(300, 300, args);
      expect(Array.from(c.i).join() + Array.from(c.j).join()).not.toBe(Array.from(a.i).join() + Array.from(a.j).join());
    });
  }
});

/**
 * Timings of connect() on network-sized groups:
 *   npx tsx test/connect/measure.ts
 * (test/connect/perf.test.ts runs the same cases with generous limits.)
 */
import { generateConnections, groupConnectEnvironment, type ConnectArgs, type ConnectGroup } from '../../src/core/connect.ts';
import { seed } from '../../src/core/random.ts';
import { Dimension } from '../../src/units/index.ts';

const METRE = Dimension.of([1, 0, 0, 0, 0, 0, 0]);

/** A group with a position x = i µm, for distance-dependent rules. */
export function positionedGroup(n: number): ConnectGroup {
  return { size: n, variables: new Map([['x', { values: Float64Array.from({ length: n }, (_, q) => q * 1e-6), dim: METRE, type: 'float' as const }]]) };
}

export interface PerfCase {
  label: string;
  nPre: number;
  nPost: number;
  args: ConnectArgs;
  /** Limit for the test, far above the measured time so that slow machines pass. */
  limitMs: number;
}

export const PERF_CASES: PerfCase[] = [
  { label: 'all-to-all, 1000 × 1000', nPre: 1000, nPost: 1000, args: {}, limitMs: 1000 },
  { label: 'p=0.02, 4000 × 4000 (CUBA)', nPre: 4000, nPost: 4000, args: { p: 0.02 }, limitMs: 1000 },
  { label: "condition 'i != j', p=0.1, 4000 × 4000", nPre: 4000, nPost: 4000, args: { condition: 'i != j', p: 0.1 }, limitMs: 3000 },
  { label: "p='exp(-(x_pre-x_post)**2/(2*(50*um)**2))', 2000 × 2000", nPre: 2000, nPost: 2000, args: { p: 'exp(-(x_pre - x_post)**2/(2*(50*um)**2))' }, limitMs: 3000 },
  { label: "j='k for k in range(i-50, i+51) if k != i', 10000 neurons", nPre: 10000, nPost: 10000, args: { j: 'k for k in range(i-50, i+51) if k != i', skip_if_invalid: true }, limitMs: 3000 },
  { label: "j='k for k in sample(N_post, p=0.01)', 10000 neurons", nPre: 10000, nPost: 10000, args: { j: 'k for k in sample(N_post, p=0.01)' }, limitMs: 3000 },
  { label: "j='k for k in sample(N_post, size=100)', 10000 neurons", nPre: 10000, nPost: 10000, args: { j: 'k for k in sample(N_post, size=100)' }, limitMs: 3000 },
];

/** Run a case `repeats` times; times in ms, in run order. */
export function timeCase(c: PerfCase, repeats: number): { times: number[]; synapses: number } {
  const env = groupConnectEnvironment(positionedGroup(c.nPre), positionedGroup(c.nPost));
  seed(2024);
  const times: number[] = [];
  let synapses = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    synapses = generateConnections(env, c.args).i.length;
    times.push(performance.now() - t0);
  }
  return { times, synapses };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('case'.padEnd(62), 'synapses'.padStart(10), 'first ms'.padStart(9), 'median ms'.padStart(10));
  for (const c of PERF_CASES) {
    const { times, synapses } = timeCase(c, 7);
    const sorted = [...times].sort((a, b) => a - b);
    console.log(c.label.padEnd(62), String(synapses).padStart(10), times[0]!.toFixed(1).padStart(9), sorted[3]!.toFixed(1).padStart(10));
  }
}

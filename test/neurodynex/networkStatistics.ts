/**
 * What the network-exercise tests share: the shape of Brian2's run-to-run
 * statistics (test/fixtures/neurodynex/network_statistics.json, made by
 * tools/brian2/neurodynex/make_network_statistics.py), the fixture's rule for
 * a run lying within them, and the `spikeforge neurodynex` command run in-process.
 */
import { Command } from 'commander';
import { expect, vi } from 'vitest';
import { registerNeurodynexCommands } from '../../src/neurodynex/cli.ts';

/** A statistic over Brian2's n runs of one configuration. */
export interface Spread {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** One configuration of an exercise, its Brian2 runs and their spread. */
export interface StatisticsConfig {
  name: string;
  params: Record<string, unknown>;
  /** Named time windows [start, end) in seconds (decision making and working memory). */
  windows: Record<string, [number, number]>;
  tests: boolean;
  seeds: number[];
  runs: Record<string, (number | null)[]>;
  summary: Record<string, Spread | null>;
}

/**
 * The fixture's rule: a value of another run of the same model lies within
 * mean ± (4·std·√(1 + 1/n) + floor) of Brian2's n runs.
 */
export function expectLikeBrian2(what: string, value: number, spread: Spread, floor = 0): void {
  const tolerance = 4 * spread.std * Math.sqrt(1 + 1 / spread.n) + floor;
  const message = `${what}: spikeforge ${value}, Brian2 ${spread.mean.toFixed(4)} ± ${spread.std.toFixed(4)} (n = ${spread.n}, range ${spread.min.toFixed(4)} … ${spread.max.toFixed(4)}), tolerance ${tolerance.toFixed(4)}`;
  expect(Math.abs(value - spread.mean), message).toBeLessThanOrEqual(tolerance);
}

/** `spikeforge neurodynex <args>` in this process; what it printed with console.log. */
export async function neurodynexCli(...args: string[]): Promise<string> {
  const program = new Command('spikeforge').exitOverride().configureOutput({ writeErr: () => {} });
  registerNeurodynexCommands(program);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    await program.parseAsync(['neurodynex', ...args], { from: 'user' });
  } finally {
    log.mockRestore();
  }
  return lines.join('\n');
}

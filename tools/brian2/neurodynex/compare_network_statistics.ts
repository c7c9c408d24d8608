/**
 * spikeforge's side of the network-statistics comparison: runs every
 * configuration of test/fixtures/neurodynex/network_statistics.json (made by
 * make_network_statistics.py with Brian2) for several seeds and prints, per
 * statistic, spikeforge's mean ± std next to Brian2's with the difference of
 * the means in standard errors (z), and the wall-clock time per run
 * (network construction and simulation; compiled kernels cached by a warm-up
 * run) next to Brian2's.
 *
 *   npx tsx tools/brian2/neurodynex/compare_network_statistics.ts [--seeds 6] [--backend wasm|js]
 *       [--only brunel,decision_making,working_memory] [--configs gettingStarted,g4] [--json out.json]
 *
 * Brian2's timings in the fixture are only comparable if it was made in the
 * same session on an otherwise idle machine (`make_network_statistics.py --timing`
 * measures them again without writing the fixture).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../../../src/index.ts';
import { networkStatistics, simulateBrunelNetwork, type BrunelParameters } from '../../../src/neurodynex/brunel.ts';
import { decisionMakingStatistics, simDecisionMakingNetwork, type DecisionMakingParameters } from '../../../src/neurodynex/decisionMaking.ts';
import { simulateWM, workingMemoryStatistics, type WorkingMemoryParameters } from '../../../src/neurodynex/workingMemory.ts';

interface Spread {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}
interface StatisticsConfig {
  name: string;
  params: Record<string, unknown>;
  windows?: Record<string, [number, number]>;
  tests: boolean;
  seeds: number[];
  summary: Record<string, Spread | null>;
  brian2_seconds: number[];
}
type Model = 'brunel' | 'decision_making' | 'working_memory';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'neurodynex', 'network_statistics.json');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const nSeeds = Number(option('--seeds') ?? 6);
const backend = (option('--backend') ?? 'wasm') as Backend;
const only = option('--only')?.split(',') as Model[] | undefined;
const configsWanted = option('--configs')?.split(',');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<Model, StatisticsConfig[]>;

async function runOnce(model: Model, config: StatisticsConfig, seed: number): Promise<Record<string, number | null>> {
  const common = { backend, seed };
  if (model === 'brunel') {
    const r = await simulateBrunelNetwork({ ...(config.params as BrunelParameters), ...common });
    const s = networkStatistics(r);
    return { mean_rate: s.meanRate, cv: Number.isFinite(s.spikeStats.CV) ? s.spikeStats.CV : null, peak_frequency: s.peakFrequency ?? null, num_spikes: r.spikeMonitor.numSpikes };
  }
  if (model === 'decision_making') return decisionMakingStatistics(await simDecisionMakingNetwork({ ...(config.params as DecisionMakingParameters), ...common }), config.windows!);
  return workingMemoryStatistics(await simulateWM({ ...(config.params as WorkingMemoryParameters), ...common }), config.windows!);
}

function spread(values: (number | null)[]): Spread | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return null;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { n: v.length, mean, std, min: Math.min(...v), max: Math.max(...v) };
}

const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toPrecision(3));

const report: Record<string, unknown> = { backend, seeds: nSeeds, models: {} };
for (const model of ['brunel', 'decision_making', 'working_memory'] as Model[]) {
  if (only && !only.includes(model)) continue;
  const models = report.models as Record<string, unknown>;
  models[model] = {};
  for (const config of fixture[model]) {
    if (configsWanted && !configsWanted.includes(config.name)) continue;
    // Warm-up: compiles (or loads from the cache) the kernel, which is then shared by all seeds.
    const warm = performance.now();
    await runOnce(model, config, 10_000);
    const warmSeconds = (performance.now() - warm) / 1000;
    const runs: Record<string, (number | null)[]> = {};
    const seconds: number[] = [];
    for (let s = 1; s <= nSeeds; s++) {
      const t0 = performance.now();
      const stats = await runOnce(model, config, 100 + s);
      seconds.push((performance.now() - t0) / 1000);
      for (const [k, v] of Object.entries(stats)) (runs[k] ??= []).push(v);
    }
    console.log(`\n${model} / ${config.name}  ${JSON.stringify(config.params)}`);
    console.log(`  time per run: spikeforge ${median(seconds).toFixed(2)} s (${backend}; first run incl. compile ${warmSeconds.toFixed(2)} s), Brian2 ${median(config.brian2_seconds).toFixed(2)} s (cython, median of ${config.brian2_seconds.length})`);
    const rows: Record<string, unknown> = {};
    for (const [key, values] of Object.entries(runs)) {
      const ours = spread(values);
      const theirs = config.summary[key];
      if (!ours || !theirs) continue;
      const se = Math.sqrt(ours.std ** 2 / ours.n + theirs.std ** 2 / theirs.n);
      const z = se > 0 ? (ours.mean - theirs.mean) / se : ours.mean === theirs.mean ? 0 : Infinity;
      rows[key] = { spikeforge: ours, brian2: theirs, z };
      console.log(
        `  ${key.padEnd(22)} spikeforge ${fmt(ours.mean).padStart(8)} ± ${fmt(ours.std).padEnd(7)} (n=${ours.n})   Brian2 ${fmt(theirs.mean).padStart(8)} ± ${fmt(theirs.std).padEnd(7)} (n=${theirs.n})   z = ${z.toFixed(2)}`,
      );
    }
    (models[model] as Record<string, unknown>)[config.name] = { params: config.params, seconds, warmSeconds, brian2Seconds: config.brian2_seconds, statistics: rows };
  }
}
const out = option('--json');
if (out) writeFileSync(out, JSON.stringify(report, null, 1));

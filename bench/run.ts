/**
 * spikeforge benchmarks, side by side with Brian2 in the same run:
 * neuron updates per second and synaptic events per second for the WASM
 * and JS backends, compile time cold and cached, and Brian2's numpy and
 * C++ standalone run times for the same models (when Brian2 is installed).
 *
 *   npm run bench -- [--models lif,hh,cuba,cobahh] [--duration 1000] [--no-brian2] [--json out.json]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Benchmark from 'benchmark';
import { MODELS, type BenchModel } from './models.ts';

const exec = promisify(execFile);
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 && args[k + 1] ? args[k + 1]! : fallback;
};
const wanted = option('models', MODELS.map((m) => m.name).join(',')).split(',');
const durationMs = Number(option('duration', '1000'));
const withBrian2 = !args.includes('--no-brian2') && existsSync('/usr/bin/python3');
const here = import.meta.dirname;

interface Row {
  model: string;
  engine: string;
  runSeconds: number;
  neuronUpdatesPerSecond: number;
  synapticEventsPerSecond?: number;
  spikes: number;
  note?: string;
}

/** Time `network.run(duration)` with Benchmark.js (several samples, mean and relative margin of error). */
async function timeSpikeforge(model: BenchModel, backend: 'wasm' | 'js'): Promise<Row> {
  const built = model.build();
  await built.network.run('0.1*ms', { backend }); // compile (or load from cache) and warm up
  let spikesPerRun = 0;
  const stats = await new Promise<Benchmark.Stats>((resolve, reject) => {
    const bench = new Benchmark(`${model.name} ${backend}`, {
      defer: true,
      minSamples: 3,
      maxTime: 1,
      initCount: 1,
      fn: (deferred: Benchmark.Deferred) => {
        const before = built.spikes.numSpikes;
        built.network.run(`${durationMs}*ms`, { backend }).then(() => {
          spikesPerRun = built.spikes.numSpikes - before;
          deferred.resolve();
        }, reject);
      },
      onComplete: () => resolve(bench.stats),
      onError: (e: unknown) => reject(e),
    });
    bench.run({ async: true });
  });
  const steps = Math.round(durationMs / 0.1);
  const outDegree = built.synapses / model.neurons;
  const row: Row = {
    model: model.name,
    engine: `spikeforge ${backend}`,
    runSeconds: stats.mean,
    neuronUpdatesPerSecond: (model.neurons * steps) / stats.mean,
    spikes: spikesPerRun,
    note: `±${stats.rme.toFixed(1)}% over ${stats.sample.length} runs`,
  };
  if (built.synapses > 0) row.synapticEventsPerSecond = (spikesPerRun * outDegree) / stats.mean;
  return row;
}

async function timeBrian2(model: BenchModel, mode: 'numpy' | 'cpp_standalone'): Promise<Row | undefined> {
  try {
    const { stdout } = await exec('/usr/bin/python3', [join(here, 'brian2', 'models.py'), model.name, mode, String(durationMs)], { timeout: 900_000, maxBuffer: 1 << 24 });
    const r = JSON.parse(stdout.trim().split('\n').pop()!);
    const steps = Math.round(durationMs / 0.1);
    const row: Row = { model: model.name, engine: `Brian2 ${mode}`, runSeconds: r.run_s, neuronUpdatesPerSecond: (model.neurons * steps) / r.run_s, spikes: r.spikes, note: `total incl. code generation ${r.total_s.toFixed(1)} s` };
    return row;
  } catch (e) {
    console.error(`Brian2 ${mode} failed for ${model.name}: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

async function compileTimes(model: BenchModel): Promise<{ cold: number; cached: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'spikeforge-bench-cache-'));
  const probe = async () => {
    const { stdout } = await exec('node', ['--import', 'tsx', join(here, 'compile-probe.ts'), model.name], { env: { ...process.env, SPIKEFORGE_CACHE_DIR: dir }, timeout: 300_000 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as { compileMs: number; cached: boolean };
  };
  try {
    const cold = await probe();
    const cached = await probe();
    return { cold: cold.compileMs, cached: cached.cached ? cached.compileMs : NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
const compile: Record<string, { cold: number; cached: number }> = {};
console.log(`spikeforge benchmarks — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${durationMs} ms simulated per run\n`);
for (const model of MODELS.filter((m) => wanted.includes(m.name))) {
  console.log(`## ${model.name}: ${model.description}`);
  compile[model.name] = await compileTimes(model);
  const group: Row[] = [];
  for (const backend of ['wasm', 'js'] as const) group.push(await timeSpikeforge(model, backend));
  if (withBrian2) {
    for (const mode of ['numpy', 'cpp_standalone'] as const) {
      const r = await timeBrian2(model, mode);
      if (r) group.push(r);
    }
  }
  const reference = group.find((r) => r.engine === 'spikeforge wasm')!;
  for (const r of group) {
    const ratio = r.runSeconds / reference.runSeconds;
    console.log(
      `  ${r.engine.padEnd(24)} ${r.runSeconds.toFixed(3).padStart(8)} s  ${(r.neuronUpdatesPerSecond / 1e6).toFixed(1).padStart(8)} M neuron-updates/s` +
        (r.synapticEventsPerSecond !== undefined ? `  ${(r.synapticEventsPerSecond / 1e6).toFixed(2).padStart(7)} M syn. events/s` : '') +
        `  ${r.spikes.toString().padStart(8)} spikes  ×${ratio.toFixed(2)} of wasm time  ${r.note ?? ''}`,
    );
  }
  console.log(`  compile (WASM): cold ${compile[model.name]!.cold.toFixed(0)} ms (incl. loading the compiler), cached ${compile[model.name]!.cached.toFixed(1)} ms\n`);
  rows.push(...group);
}
const out = option('json', '');
if (out) writeFileSync(out, JSON.stringify({ durationMs, rows, compile }, null, 2));

/**
 * The main job (`npm start`): the neurodynex neuron-types exercise.
 *
 *  1. Getting started: a type I and a type II neuron driven by a 0.5 pA step
 *     from 50 to 150 ms, 200 ms simulated (in WebAssembly).
 *  2. The quiz: the two types hidden behind NeuronX and NeuronY at random;
 *     their step responses and f–I curves tell which is which.
 *
 * Plots go to out/ as SVG and PNG. `npm start -- --seed 7` repeats a quiz draw.
 */
import { EXERCISES, type ExerciseResult } from '../src/neurodynex/exercises.ts';
import { progressBar } from '../src/neurodynex/progressBar.ts';
import { saveResult } from '../src/neurodynex/save.ts';

const OUT = 'out';

function seedFromArgs(argv: readonly string[]): number {
  const at = argv.indexOf('--seed');
  if (at < 0) return Math.floor(Math.random() * 10_000);
  const seed = Number(argv[at + 1]);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed needs a whole number ≥ 0, got '${argv[at + 1] ?? ''}'`);
  return seed;
}

async function part(title: string, name: string, seed?: number): Promise<void> {
  const started = performance.now();
  const result: ExerciseResult = await EXERCISES[name]!.run({
    ...(seed === undefined ? {} : { seed }),
    report: progressBar(name, process.stderr),
    reportPeriod: '0.25*second',
  });
  const simulated = performance.now() - started;
  const paths = await saveResult(result, OUT);
  console.log(`\n${title}`);
  for (const line of result.summary) console.log(`  ${line}`);
  console.log(`  simulated and analysed in ${(simulated / 1000).toFixed(2)} s, plotted in ${((performance.now() - started - simulated) / 1000).toFixed(2)} s`);
  console.log(`  plots: ${paths.filter((p) => p.endsWith('.png')).join(', ')} (and .svg)`);
}

const seed = seedFromArgs(process.argv.slice(2));
const started = performance.now();
console.log('spikeforge · neurodynex: type I and type II neurons (Neuronal Dynamics, ch. 4.4)');
await part('1. Getting started: 0.5 pA step from 50 to 150 ms, 200 ms', 'neuron-types');
await part(`2. Quiz: which of NeuronX and NeuronY is type I? (seed ${seed}; repeat with npm start -- --seed ${seed})`, 'quiz', seed);
console.log(`\nAll done in ${((performance.now() - started) / 1000).toFixed(1)} s; plots in ${OUT}/`);

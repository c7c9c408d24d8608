/**
 * The Brunel network of the neurodynex exercises (`npx tsx examples/brunel.ts`):
 * getting_started() — 2000 excitatory and 500 inhibitory LIF neurons with
 * sparse random connections and external Poisson input, 800 ms in
 * WebAssembly — then its spike counts, mean rate and the CV of the
 * inter-spike intervals, and the network activity plotted to out/.
 *
 * `--seed 7` repeats a network; `--backend js` runs without WebAssembly.
 */
import { gettingStarted, networkStatistics, plotBrunelStatistics } from '../src/neurodynex/brunel.ts';
import { progressBar } from '../src/neurodynex/progressBar.ts';
import { saveFigure } from '../src/plot/node.ts';

const OUT = 'out';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const seedText = argument('--seed');
const seed = seedText === undefined ? undefined : Number(seedText);
if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) throw new Error(`--seed needs a whole number ≥ 0, got '${seedText}'`);
const backend = argument('--backend') === 'js' ? 'js' : 'wasm';

const started = performance.now();
const { result, figure } = await gettingStarted({
  ...(seed === undefined ? {} : { seed }),
  backend,
  report: progressBar('brunel', process.stderr),
  reportPeriod: '0.25*second',
});
const simulated = performance.now();

const { NExcit, NInhib, CE, CI } = result.structure;
const N = NExcit + NInhib;
const counts = result.spikeMonitor.count;
let silent = 0;
for (const c of counts) if (c === 0) silent++;
const stats = networkStatistics(result);

console.log(`Brunel network: N_E = ${NExcit}, N_I = ${NInhib}, C_E = ${CE}, C_I = ${CI}, 800 ms (${backend}${seed === undefined ? '' : `, seed ${seed}`})`);
console.log(`  spikes: ${result.spikeMonitor.numSpikes} in total, ${(result.spikeMonitor.numSpikes / N).toFixed(1)} per neuron (${Math.min(...counts)} … ${Math.max(...counts)}), ${silent} neurons silent`);
console.log(`  mean rate after 100 ms: ${stats.meanRate.toFixed(2)} Hz`);
console.log(`  CV of the ISIs after 100 ms: ${stats.spikeStats.CV.toFixed(3)} (${stats.spikeStats.allISI.length} intervals, mean ${(stats.spikeStats.meanIsi * 1e3).toFixed(2)} ms)`);
if (stats.peakFrequency !== undefined) console.log(`  largest peak of the power spectrum of A(t): ${stats.peakFrequency.toFixed(0)} Hz`);

const paths = [await saveFigure(figure, `${OUT}/brunel.png`), await saveFigure(figure, `${OUT}/brunel.svg`)];
for (const { name, figure: f } of plotBrunelStatistics(stats)) paths.push(await saveFigure(f, `${OUT}/brunel_${name}.png`));
console.log(`  simulated in ${((simulated - started) / 1000).toFixed(2)} s, plotted in ${((performance.now() - simulated) / 1000).toFixed(2)} s`);
console.log(`  plots: ${paths.join(', ')}`);

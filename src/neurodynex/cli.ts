/**
 * `spikeforge neurodynex <exercise> [options]`: run an exercise with its
 * defaults or the options given, save its plots, print a summary.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Backend } from '../index.ts';
import { FIRING_PATTERNS, type FiringPattern } from './adex.ts';
import { EXERCISES, type ExerciseOptions } from './exercises.ts';
import { progressBar } from './progressBar.ts';
import { saveResult, type FigureFormat } from './save.ts';

interface CliOptions {
  amplitude?: string;
  tStart?: number;
  tEnd?: number;
  simtime?: string;
  pattern?: FiringPattern;
  iExt?: number;
  eps?: number;
  a?: number;
  seed?: number;
  nExcit?: number;
  g?: number;
  poissonRate?: string;
  coherence?: number;
  stimulusCenter?: number;
  stimulusStrength?: string;
  backend?: Backend;
  out: string;
  format: FigureFormat[];
}

/**
 * A quantity as typed on a command line: '0.5pA', '0.5 pA' or '0.5*pA'
 * (µ may be written u), in Brian2's syntax '0.5*pA'.
 */
export function quantityArgument(text: string): string {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*\*?\s*([A-Za-zµ][A-Za-z0-9µ*/]*)\s*$/.exec(text);
  if (!m) throw new InvalidArgumentError(`expected a number with a unit, e.g. 0.5pA or 200ms; got '${text}'`);
  return `${m[1]}*${m[2]!.replace(/µ/g, 'u')}`;
}

function wholeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number ≥ 0, got '${text}'`);
  return n;
}

function number(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got '${text}'`);
  return n;
}

function positiveInteger(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got '${text}'`);
  return n;
}

function coherence(text: string): number {
  const c = number(text);
  if (c < -1 || c > 1) throw new InvalidArgumentError(`the coherence level is in [-1, 1], got '${text}'`);
  return c;
}

function choice<T extends string>(allowed: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(allowed as readonly string[]).includes(text)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return text as T;
  };
}

function formats(text: string): FigureFormat[] {
  const list = text.split(',').map((f) => f.trim().toLowerCase());
  for (const f of list) if (f !== 'svg' && f !== 'png') throw new InvalidArgumentError(`formats are svg and png, got '${f}'`);
  return list as FigureFormat[];
}

export function registerNeurodynexCommands(program: Command): void {
  const names = Object.keys(EXERCISES);
  program
    .command('neurodynex')
    .description('Run a neuronal-dynamics exercise (neurodynex3), save its plots and print a summary')
    .argument('<exercise>', `one of: ${names.join(', ')}`, choice(names))
    .option('--amplitude <current>', 'amplitude of the step current, e.g. 0.5pA', quantityArgument)
    .option('--t-start <ms>', 'start of the step, in ms', wholeNumber)
    .option('--t-end <ms>', 'end of the step (inclusive), in ms', wholeNumber)
    .option('--simtime <duration>', 'simulated time, e.g. 200ms', quantityArgument)
    .option('--pattern <name>', `AdEx firing pattern: ${Object.keys(FIRING_PATTERNS).join(', ')}`, choice(Object.keys(FIRING_PATTERNS) as FiringPattern[]))
    .option('--i-ext <mV>', 'phase plane: constant input I [mV]', number)
    .option('--eps <1/ms>', 'phase plane: ε, inverse time constant of w [1/ms]', number)
    .option('--a <mV>', 'phase plane: offset a of the w-nullcline [mV]', number)
    .option('--seed <n>', 'quiz: seed of the random assignment (as Python random.seed); networks: seed of all random numbers', wholeNumber)
    .option('--n-excit <n>', 'brunel: number of excitatory neurons (N_I = N_E/4)', positiveInteger)
    .option('--g <ratio>', 'brunel: relative strength of inhibition g', number)
    .option('--poisson-rate <rate>', 'brunel, working-memory: rate of the external Poisson neurons, e.g. 13Hz', quantityArgument)
    .option('--coherence <c>', 'decision-making: coherence level of the stimulus, in [-1, 1]', coherence)
    .option('--stimulus-center <deg>', 'working-memory: direction of the stimulus in degrees', number)
    .option('--stimulus-strength <current>', 'working-memory: stimulus current, e.g. 0.07nA', quantityArgument)
    .option('--backend <target>', 'wasm (default) or js', choice(['wasm', 'js'] as const))
    .option('--out <dir>', 'where to write the plots', 'out')
    .option('--format <list>', 'plot formats: svg, png or svg,png', formats, ['svg', 'png'])
    .addHelpText('after', `\nDefaults per exercise:\n${names.map((n) => `  ${n.padEnd(16)} ${EXERCISES[n]!.defaults}`).join('\n')}`)
    .action(async (exercise: string, cli: CliOptions) => {
      const started = performance.now();
      const options: ExerciseOptions = {
        ...(cli.amplitude !== undefined ? { amplitude: cli.amplitude } : {}),
        ...(cli.tStart !== undefined ? { tStart: cli.tStart } : {}),
        ...(cli.tEnd !== undefined ? { tEnd: cli.tEnd } : {}),
        ...(cli.simtime !== undefined ? { simtime: cli.simtime } : {}),
        ...(cli.pattern !== undefined ? { pattern: cli.pattern } : {}),
        ...(cli.iExt !== undefined ? { IExt: cli.iExt } : {}),
        ...(cli.eps !== undefined ? { eps: cli.eps } : {}),
        ...(cli.a !== undefined ? { a: cli.a } : {}),
        ...(cli.seed !== undefined ? { seed: cli.seed } : {}),
        ...(cli.nExcit !== undefined ? { nExcit: cli.nExcit } : {}),
        ...(cli.g !== undefined ? { g: cli.g } : {}),
        ...(cli.poissonRate !== undefined ? { poissonRate: cli.poissonRate } : {}),
        ...(cli.coherence !== undefined ? { coherence: cli.coherence } : {}),
        ...(cli.stimulusCenter !== undefined ? { stimulusCenter: cli.stimulusCenter } : {}),
        ...(cli.stimulusStrength !== undefined ? { stimulusStrength: cli.stimulusStrength } : {}),
        ...(cli.backend !== undefined ? { backend: cli.backend } : {}),
        report: progressBar(exercise, process.stderr),
        reportPeriod: '0.25*second',
      };
      const result = await EXERCISES[exercise]!.run(options);
      const paths = await saveResult(result, cli.out, cli.format);
      console.log(`neurodynex ${exercise}: ${EXERCISES[exercise]!.description}`);
      for (const line of result.summary) console.log(`  ${line}`);
      console.log(`  plots: ${paths.join(', ')}`);
      console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });
}

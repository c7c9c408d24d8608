/**
 * Each exercise's getting-started run, ready to be called from the command
 * line or the main example: simulate with the exercise's defaults (or the
 * options given), and return the figures and a short summary. Nothing here
 * writes files, so the runs work in a browser too.
 */
import type { Backend, RunOptions } from '../index.ts';
import type { Figure } from '../plot/index.ts';
import { ADEX_DEFAULTS, describePattern, FIRING_PATTERNS, plotAdexState, simulateAdExNeuron, type FiringPattern } from './adex.ts';
import { EXP_IF_DEFAULTS, simulateExponentialIFNeuron } from './exponentialIntegrateAndFire.ts';
import { plotData as plotHH, simulateHHNeuron } from './hodgkinHuxley.ts';
import { getStepCurrent, plotRampCurrentExample, plotSinusoidalCurrentExample, plotStepCurrentExample } from './inputFactory.ts';
import { LIF_DEFAULTS, simulateLIFNeuron } from './leakyIntegrateAndFire.ts';
import { NeuronTypeOne, NeuronTypeTwo, neurontypeRandomReassignment, plotData, type NeuronAbstract, type NeuronOptions } from './neuronType.ts';
import type { SimulationOptions } from './simulation.ts';
import { getFixedPoint, getTrajectory, plotFlow } from './phasePlane.ts';
import { plotFICurves, plotVoltageAndCurrentTraces } from './plotTools.ts';
import { of, quantity, show, type QuantityInput } from './quantities.ts';
import { getFICurve, getSpikeStats, type FICurve } from './spikeTools.ts';
import { BRUNEL_DEFAULTS, meanRate, networkStatistics, plotBrunelActivity, plotBrunelStatistics, simulateBrunelNetwork, thresholdRate, type NetworkSimulationOptions } from './brunel.ts';
import { GETTING_STARTED as DM_GETTING_STARTED, getDecisionTime, plotDecisionSpace, plotPopulationActivity, plotPopulationRates, simDecisionMakingNetwork } from './decisionMaking.ts';
import { GETTING_STARTED as WM_GETTING_STARTED, getThetaTimeSeries, plotThetaTimeSeries, plotWeightProfile, plotWMActivity, simulateWM } from './workingMemory.ts';

export interface ExerciseOptions {
  /** Step current amplitude. */
  amplitude?: QuantityInput;
  /** Start and end of the step, in ms (whole numbers, inclusive). */
  tStart?: number;
  tEnd?: number;
  /** Simulated duration. */
  simtime?: QuantityInput;
  /** AdEx: the firing pattern of Table 6.1. */
  pattern?: FiringPattern;
  /** Phase plane: constant input [mV], ε [1/ms], a [mV]. */
  IExt?: number;
  eps?: number;
  a?: number;
  /** Quiz: which type hides behind NeuronX (random without a seed); networks: seed of all random numbers. */
  seed?: number;
  /** Brunel network: size of the excitatory population. */
  nExcit?: number;
  /** Brunel network: relative strength of inhibition g. */
  g?: number;
  /** Brunel network: rate of the external Poisson neurons; working memory: the same for its external population. */
  poissonRate?: QuantityInput;
  /** Decision making: coherence level c of the stimulus, in [−1, 1]. */
  coherence?: number;
  /** Working memory: centre of the stimulus in degrees. */
  stimulusCenter?: number;
  /** Working memory: strength of the stimulus current. */
  stimulusStrength?: QuantityInput;
  backend?: Backend;
  /** Progress of long simulations (see Network.run). */
  report?: RunOptions['report'];
  reportPeriod?: RunOptions['reportPeriod'];
}

export interface ExerciseResult {
  figures: { name: string; figure: Figure }[];
  /** Lines for a person to read: spike counts, rates, answers. */
  summary: string[];
}

export interface Exercise {
  readonly description: string;
  /** The defaults, for help texts. */
  readonly defaults: string;
  run(options?: ExerciseOptions): Promise<ExerciseResult>;
}

/** The step current of the options, or of the exercise's defaults. */
function step(options: ExerciseOptions, defaults: { amplitude: string; tStart: number; tEnd: number }) {
  const amplitude = quantity(options.amplitude ?? defaults.amplitude, 'amp', 'amplitude');
  const tStart = options.tStart ?? defaults.tStart;
  const tEnd = options.tEnd ?? defaults.tEnd;
  return { current: getStepCurrent(tStart, tEnd, '1*ms', amplitude), text: `step current ${show(amplitude)} from ${tStart} to ${tEnd} ms` };
}

function simOptions(options: ExerciseOptions): SimulationOptions {
  return {
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.report ? { report: options.report } : {}),
    ...(options.reportPeriod ? { reportPeriod: options.reportPeriod } : {}),
  };
}

function networkOptions(options: ExerciseOptions): NetworkSimulationOptions {
  return { ...simOptions(options), ...(options.seed === undefined ? {} : { seed: options.seed }) };
}

const hz = (x: number, digits = 1) => `${x.toFixed(digits)} Hz`;

function neuronOptions(options: ExerciseOptions): NeuronOptions {
  return options.backend ? { backend: options.backend } : {};
}

const SPIKE_THRESHOLD = '0*mV';

/** Spikes (upward crossings of 0 mV) and the rate from the mean interval. */
function spikeSummary(stats: ReturnType<typeof getSpikeStats>): string {
  const rate = Number.isNaN(stats.spikeRate) ? 'no repetitive firing' : `${stats.spikeRate.toFixed(1)} Hz from the mean ISI`;
  return `${stats.nrOfSpikes} spike${stats.nrOfSpikes === 1 ? '' : 's'} (v crossing 0 mV), ${rate}`;
}

async function runNeuron(neuron: NeuronAbstract, title: string, options: ExerciseOptions, defaults: { amplitude: string; tStart: number; tEnd: number; simtime: string }) {
  const { current, text } = step(options, defaults);
  const simtime = quantity(options.simtime ?? defaults.simtime, 'second', 'simtime');
  const monitor = await neuron.run(current, simtime, { ...(options.report ? { report: options.report } : {}), ...(options.reportPeriod ? { reportPeriod: options.reportPeriod } : {}) });
  const stats = getSpikeStats(monitor, SPIKE_THRESHOLD);
  return { figure: plotData(monitor, { title, subtitle: `${text}, ${show(simtime)} simulated` }), stats };
}

const NEURON_TYPE_DEFAULTS = { amplitude: '0.5*pA', tStart: 50, tEnd: 150, simtime: '200*ms' };

/** Amplitudes of the quiz's f–I curves: 0 to 1 pA in steps of 0.1 pA, as in the exercise. */
const FI_AMPLITUDES = Array.from({ length: 11 }, (_, k) => of(k / 10, 'pA'));

function threshold(curve: FICurve): string {
  const k = curve.rates.findIndex((r) => r > 0);
  if (k < 0) return 'does not fire repetitively up to 1 pA';
  const at = (curve.amplitudes[k]! * 1e12).toFixed(1);
  return k === 0 ? `fires already at ${at} pA` : `starts firing between ${(curve.amplitudes[k - 1]! * 1e12).toFixed(1)} and ${at} pA, at ${curve.rates[k]!.toFixed(1)} Hz`;
}

export const EXERCISES: Readonly<Record<string, Exercise>> = {
  'neuron-types': {
    description: 'Type I and type II neuron models driven by a step current (getting started of the neuron-type exercise)',
    defaults: '--amplitude 0.5pA --t-start 50 --t-end 150 --simtime 200ms',
    async run(options = {}) {
      const one = await runNeuron(new NeuronTypeOne(neuronOptions(options)), 'Neuron of Type I', options, NEURON_TYPE_DEFAULTS);
      const two = await runNeuron(new NeuronTypeTwo(neuronOptions(options)), 'Neuron of Type II', options, NEURON_TYPE_DEFAULTS);
      return {
        figures: [
          { name: 'neuron-types_type-I', figure: one.figure },
          { name: 'neuron-types_type-II', figure: two.figure },
        ],
        summary: [`Type I: ${spikeSummary(one.stats)}`, `Type II: ${spikeSummary(two.stats)}`],
      };
    },
  },

  quiz: {
    description: 'The NeuronX/NeuronY quiz: which one is type I? Step responses and f–I curves of both (answer at the end)',
    defaults: '--amplitude 0.5pA --t-start 50 --t-end 150 --simtime 200ms (f–I: 0 to 1 pA, steps from 100 to 1100 ms); --seed for a fixed draw',
    async run(options = {}) {
      const { NeuronX, NeuronY } = neurontypeRandomReassignment(options.seed);
      const x = new NeuronX(neuronOptions(options));
      const y = new NeuronY(neuronOptions(options));
      const rx = await runNeuron(x, 'Neuron of Type X', options, NEURON_TYPE_DEFAULTS);
      const ry = await runNeuron(y, 'Neuron of Type Y', options, NEURON_TYPE_DEFAULTS);
      const fx = await getFICurve(x, FI_AMPLITUDES, { spikeThreshold: SPIKE_THRESHOLD });
      const fy = await getFICurve(y, FI_AMPLITUDES, { spikeThreshold: SPIKE_THRESHOLD });
      const fi = plotFICurves(
        [
          { name: 'NeuronX', curve: fx },
          { name: 'NeuronY', curve: fy },
        ],
        { title: 'f–I curves of NeuronX and NeuronY', subtitle: 'step currents from 100 to 1100 ms; rate = 1/mean ISI of the spikes above 0 mV' },
      );
      return {
        figures: [
          { name: 'quiz_neuron-X', figure: rx.figure },
          { name: 'quiz_neuron-Y', figure: ry.figure },
          { name: 'quiz_f-I', figure: fi },
        ],
        summary: [
          `NeuronX, step: ${spikeSummary(rx.stats)}; f–I: ${threshold(fx)}`,
          `NeuronY, step: ${spikeSummary(ry.stats)}; f–I: ${threshold(fy)}`,
          `Answer: NeuronX is ${x.getNeuronType()}, NeuronY is ${y.getNeuronType()} (a type I neuron starts firing at an arbitrarily low rate, a type II neuron jumps to a finite one)`,
        ],
      };
    },
  },

  lif: {
    description: 'Leaky integrate-and-fire neuron driven by a step current',
    defaults: '--amplitude 1.2nA --t-start 100 --t-end 200 --simtime 300ms',
    async run(options = {}) {
      const { current, text } = step(options, { amplitude: '1.2*nA', tStart: 100, tEnd: 200 });
      const { stateMonitor, spikeMonitor } = await simulateLIFNeuron(current, { simulationTime: options.simtime ?? '300*ms', ...simOptions(options) });
      const figure = plotVoltageAndCurrentTraces(stateMonitor, current, { title: `LIF neuron, ${text}`, firingThreshold: LIF_DEFAULTS.firingThreshold });
      return { figures: [{ name: 'lif', figure }], summary: [`nr of spikes: ${spikeMonitor.numSpikes}`] };
    },
  },

  'exp-if': {
    description: 'Exponential integrate-and-fire neuron driven by a step current',
    defaults: '--amplitude 0.8nA --t-start 20 --t-end 120 --simtime 180ms',
    async run(options = {}) {
      const { current, text } = step(options, { amplitude: '0.8*nA', tStart: 20, tEnd: 120 });
      const { stateMonitor, spikeMonitor } = await simulateExponentialIFNeuron({ IStim: current, simulationTime: options.simtime ?? '180*ms', ...simOptions(options) });
      const figure = plotVoltageAndCurrentTraces(stateMonitor, current, { title: `Exponential IF neuron, ${text}`, firingThreshold: EXP_IF_DEFAULTS.vSpike });
      return { figures: [{ name: 'exp-if', figure }], summary: [`nr of spikes: ${spikeMonitor.numSpikes}`] };
    },
  },

  adex: {
    description: `AdEx neuron driven by a step current; --pattern chooses a firing pattern of Table 6.1 (${Object.keys(FIRING_PATTERNS).join(', ')})`,
    defaults: '--amplitude 65pA --t-start 10 --t-end 200 --simtime 300ms --pattern initialBurst',
    async run(options = {}) {
      const pattern = options.pattern ?? 'initialBurst';
      const params = FIRING_PATTERNS[pattern];
      if (!params) throw new Error(`Unknown firing pattern '${pattern}'; choose one of ${Object.keys(FIRING_PATTERNS).join(', ')}`);
      const { current, text } = step(options, { amplitude: '65*pA', tStart: 10, tEnd: 200 });
      const { stateMonitor, spikeMonitor } = await simulateAdExNeuron({ ...params, IStim: current, simulationTime: options.simtime ?? '300*ms', ...simOptions(options) });
      const subtitle = describePattern(pattern);
      return {
        figures: [
          { name: `adex_${pattern}`, figure: plotVoltageAndCurrentTraces(stateMonitor, current, { title: `AdEx neuron (${pattern}), ${text}`, firingThreshold: ADEX_DEFAULTS.vSpike }) },
          { name: `adex_${pattern}_state`, figure: plotAdexState(stateMonitor, { title: `AdEx neuron (${pattern}): state variables`, subtitle }) },
        ],
        summary: [`pattern ${pattern}: ${subtitle}`, `nr of spikes: ${spikeMonitor.numSpikes}`],
      };
    },
  },

  hh: {
    description: 'Hodgkin–Huxley neuron driven by a step current',
    defaults: '--amplitude 7.2uA --t-start 10 --t-end 45 --simtime 70ms',
    async run(options = {}) {
      const { current, text } = step(options, { amplitude: '7.2*uA', tStart: 10, tEnd: 45 });
      const monitor = await simulateHHNeuron(current, options.simtime ?? '70*ms', simOptions(options));
      const vm = monitor.get('vm').trace(0);
      let spikes = 0;
      for (let k = 1; k < vm.length; k++) if (vm[k]! > 0.05 && !(vm[k - 1]! > 0.05)) spikes++;
      return {
        figures: [{ name: 'hh', figure: plotHH(monitor, { title: 'HH neuron, step current', subtitle: text }) }],
        summary: [`action potentials (vm crossing 50 mV): ${spikes}`, `max vm: ${(Math.max(...vm) * 1e3).toFixed(1)} mV`],
      };
    },
  },

  'phase-plane': {
    description: 'FitzHugh–Nagumo phase plane: flow, nullclines, a trajectory from (0, 0) and the fixed point',
    defaults: '--i-ext 0 --eps 0.1 --a 2 --simtime 500ms',
    async run(options = {}) {
      const p = { IExt: options.IExt ?? 0, eps: options.eps ?? 0.1, a: options.a ?? 2 };
      const tend = quantity(options.simtime ?? '500*ms', 'second', 'simtime').value * 1e3;
      const trajectory = await getTrajectory({ ...p, v0: 0, w0: 0, tend, ...simOptions(options) });
      const [v, w] = getFixedPoint(p);
      return {
        figures: [{ name: 'phase-plane', figure: plotFlow({ ...p, trajectories: [{ trajectory }] }) }],
        summary: [`fixed point: u = ${v.toFixed(4)} mV, w = ${w.toFixed(4)} mV`, `trajectory ends at u = ${trajectory.v.at(-1)!.toFixed(3)} mV, w = ${trajectory.w.at(-1)!.toFixed(3)} mV`],
      };
    },
  },

  'input-factory': {
    description: 'The example currents of input_factory: step, ramp, sinusoid',
    defaults: '(no options)',
    async run() {
      return {
        figures: [
          { name: 'input-factory_step', figure: plotStepCurrentExample() },
          { name: 'input-factory_ramp', figure: plotRampCurrentExample() },
          { name: 'input-factory_sinusoidal', figure: plotSinusoidalCurrentExample() },
        ],
        summary: ['3 example currents'],
      };
    },
  },

  brunel: {
    description: 'Brunel network of excitatory and inhibitory LIF neurons (getting started: 2000 + 500 neurons, 800 ms): activity, ISI distribution, spectrum of A(t)',
    defaults: '--n-excit 2000 --simtime 800ms --g 4 --poisson-rate 13Hz (dt 0.05 ms); --seed for a fixed network',
    async run(options = {}) {
      const simTime = quantity(options.simtime ?? '800*ms', 'second', 'simtime');
      const result = await simulateBrunelNetwork({
        NExcit: options.nExcit ?? 2000,
        simTime,
        ...(options.g === undefined ? {} : { g: options.g }),
        ...(options.poissonRate === undefined ? {} : { poissonInputRate: quantity(options.poissonRate, 'Hz', 'poisson rate') }),
        ...networkOptions(options),
      });
      const stats = networkStatistics(result);
      const { NExcit, NInhib, NExtern, CE, CI, JExcit, JInhib } = result.structure;
      const nuThreshold = thresholdRate({ NExtern });
      const nuExt = quantity(options.poissonRate ?? BRUNEL_DEFAULTS.poissonInputRate, 'Hz', 'poisson rate').value;
      const T = simTime.value * 1e3;
      const n = NExcit + NInhib;
      return {
        figures: [
          { name: 'brunel_activity', figure: plotBrunelActivity(result) },
          { name: 'brunel_activity_last-50ms', figure: plotBrunelActivity(result, { tMin: of(Math.max(0, T - 50), 'ms'), supTitle: `Brunel network, the last ${Math.min(50, T)} ms` }) },
          ...plotBrunelStatistics(stats).map(({ name, figure }) => ({ name: `brunel_${name}`, figure })),
        ],
        summary: [
          `N_E = ${NExcit}, N_I = ${NInhib}, C_E = ${CE}, C_I = ${CI}, w_EE = w_IE = ${(JExcit * 1e3).toPrecision(3)} mV, w_EI = w_II = ${(JInhib * 1e3).toPrecision(3)} mV, ${NExtern} external Poisson inputs`,
          `ν_threshold = ${hz(nuThreshold, 2)}; external rate ${hz(nuExt, 2)} = ${(nuExt / nuThreshold).toFixed(2)} ν_threshold`,
          `${result.spikeMonitor.numSpikes} spikes of ${n} neurons in ${T} ms: ${hz(result.spikeMonitor.numSpikes / n / simTime.value)} per neuron`,
          `after 100 ms: mean rate ${hz(stats.meanRate)}, CV of the ISIs ${stats.spikeStats.CV.toFixed(3)} (${stats.spikeStats.allISI.length} intervals)`,
          stats.peakFrequency === undefined ? 'run too short for the power spectrum of A(t) (needs 100 ms + 100 ms)' : `largest peak of the power spectrum of A(t): ${stats.peakFrequency.toFixed(0)} Hz (resolution 10 Hz)`,
        ],
      };
    },
  },

  'decision-making': {
    description: 'Competing populations (Wang 2002): "Left" and "Right" receive a noisy stimulus of coherence c (getting started: c = +0.9, μ0 = 500 Hz, 800 ms)',
    defaults: '--coherence 0.9 --simtime 800ms (stimulus 150–500 ms, 341 + 85 neurons, dt 0.1 ms); --seed for a fixed draw',
    async run(options = {}) {
      const simTime = quantity(options.simtime ?? '800*ms', 'second', 'simtime');
      const coherence = options.coherence ?? 0.9;
      const result = await simDecisionMakingNetwork({ ...DM_GETTING_STARTED, coherenceLevel: coherence, maxSimTime: simTime, ...networkOptions(options) });
      const [tA, tB] = getDecisionTime(result.A.rateMonitor, result.B.rateMonitor, '30*ms', '25*Hz');
      const decision = tA > 0 && tB === 0 ? `"Left" at ${(tA * 1e3).toFixed(1)} ms` : tB > 0 && tA === 0 ? `"Right" at ${(tB * 1e3).toFixed(1)} ms` : tA > 0 ? 'both populations crossed (ambiguous)' : 'none';
      const T = simTime.value;
      const from = Math.max(0, T - 0.2);
      const rates = (['A', 'B', 'Z', 'inhib'] as const).map((k) => `${k} ${hz(meanRate(result[k].rateMonitor, from, T))}`).join(', ');
      const subtitle = `c = ${coherence}, μ0 = 500 Hz, stimulus from 150 to 500 ms`;
      return {
        figures: [
          { name: 'decision-making_left', figure: plotPopulationActivity(result.A, { supTitle: 'Left' }) },
          { name: 'decision-making_right', figure: plotPopulationActivity(result.B, { supTitle: 'Right' }) },
          { name: 'decision-making_rates', figure: plotPopulationRates(result, { subtitle }) },
          { name: 'decision-making_decision-space', figure: plotDecisionSpace(result.A.rateMonitor, result.B.rateMonitor, { subtitle: `${subtitle}; rates smoothed over 30 ms` }) },
        ],
        summary: [
          `stimulus: c = ${coherence}, mean rates ν_left = ${hz(500 * (0.5 + 0.5 * coherence))}, ν_right = ${hz(500 * (0.5 - 0.5 * coherence))} (σ = 20 Hz, redrawn every 30 ms)`,
          `mean rates in the last ${((T - from) * 1e3).toFixed(0)} ms: ${rates}`,
          `decision (smoothed rate over 30 ms crossing 25 Hz): ${decision}`,
        ],
      };
    },
  },

  'working-memory': {
    description: 'Ring-attractor working memory (Compte et al. 2000): a stimulus at 120° from 100 to 300 ms starts a bump of activity (256 + 64 neurons, 500 ms)',
    defaults: '--stimulus-center 120 --stimulus-strength 0.07nA --poisson-rate 1.4Hz --simtime 500ms (dt 0.1 ms); --seed for a fixed draw',
    async run(options = {}) {
      const simTime = quantity(options.simtime ?? '500*ms', 'second', 'simtime');
      const center = options.stimulusCenter ?? 120;
      const strength = quantity(options.stimulusStrength ?? '0.07*nA', 'amp', 'stimulus strength');
      const N = 256;
      const result = await simulateWM({
        ...WM_GETTING_STARTED,
        NExcitatory: N,
        simTime,
        stimulusCenterDeg: center,
        stimulusStrength: strength,
        ...(options.poissonRate === undefined ? {} : { poissonFiringRate: quantity(options.poissonRate, 'Hz', 'poisson rate') }),
        ...networkOptions(options),
      });
      const T = simTime.value;
      const all = Array.from({ length: N }, (_, i) => i);
      // θ(t) every 10 ms, from spikes within ±25 ms.
      const snapshots: number[] = [];
      for (let k = 0; 0.025 + k * 0.01 <= T - 0.025 + 1e-9; k++) snapshots.push(0.025 + k * 0.01);
      const theta = getThetaTimeSeries(result.excit.spikeMonitor.spikeTrains(), all, N, snapshots, 0.05);
      const windows = [
        ['before the stimulus', 0, Math.min(0.1, T)],
        ['during it', 0.1, Math.min(0.3, T)],
        ['after it', 0.3, T],
      ] as const;
      const rates = windows.filter(([, a, b]) => b > a).map(([what, a, b]) => `${what} ${hz(meanRate(result.excit.rateMonitor, a, b), 2)} (inhibitory ${hz(meanRate(result.inhib.rateMonitor, a, b), 2)})`);
      const late = getThetaTimeSeries(result.excit.spikeMonitor.spikeTrains(), all, N, [Math.max(0, T - 0.05)], 0.1)[0]!;
      const subtitle = `stimulus at ${center}° (${show(strength)}) from 100 to 300 ms`;
      return {
        figures: [
          // A(t) smoothed over 10 ms rather than neurodynex3's 1 ms: at rates of a few Hz, 1 ms shows single spikes.
          { name: 'working-memory_excitatory', figure: plotWMActivity(result.excit, { avgWindowWidth: '10*ms', supTitle: `Excitatory population, ${subtitle}; A(t) over 10 ms` }) },
          { name: 'working-memory_inhibitory', figure: plotWMActivity(result.inhib, { avgWindowWidth: '10*ms', supTitle: 'Inhibitory population; A(t) over 10 ms' }) },
          {
            name: 'working-memory_theta',
            figure: plotThetaTimeSeries(snapshots, theta, { stimulusCenterDeg: center, stimulusWindow: [0.1, 0.3], subtitle: `spike-count weighted mean of the preferred directions within ±25 ms; ${subtitle}` }),
          },
          { name: 'working-memory_weight-profile', figure: plotWeightProfile(result.weightProfile45, { subtitle: 'σ = 20°, J+ = 1.6' }) },
        ],
        summary: [
          `excitatory rate ${rates.join('; ')}`,
          Number.isFinite(late) ? `population vector in the last 100 ms: θ = ${late.toFixed(1)}° (stimulus at ${center}°)` : 'no spikes in the last 100 ms',
        ],
      };
    },
  },
};

/**
 * The Brunel (2000) network (neurodynex3.brunel_model.LIF_spiking_network):
 * a sparsely connected network of identical LIF neurons, N_E excitatory and
 * N_I inhibitory, with external Poisson input (Neuronal Dynamics ch. 13.4.2,
 * Brunel's "model A"). Also the helpers the network exercises share
 * (decisionMaking.ts and workingMemory.ts import them from here).
 */
import {
  Network,
  NeuronGroup,
  PoissonInput,
  PopulationRateMonitor,
  seed as seedRandom,
  SpikeMonitor,
  StateMonitor,
  Synapses,
  type RunOptions,
} from '../index.ts';
import type { Figure } from '../plot/index.ts';
import { plotISIDistribution, plotNetworkActivity, plotPopulationActivityPowerSpectrum } from './plotTools.ts';
import { of, quantity, si, type QuantityInput } from './quantities.ts';
import type { SimulationOptions } from './simulation.ts';
import { getPopulationActivityPowerSpectrum, getSpikeTrainStats, type PopulationPowerSpectrum, type PopulationSpikeStats } from './spikeTools.ts';

// ------------------------------------------------------------ shared by the network exercises

/** What every network simulation of the exercises takes besides its model parameters. */
export interface NetworkSimulationOptions extends SimulationOptions {
  /**
   * Seed spikeforge's random numbers (as Brian2's seed()) before building the
   * network: connectivity, initial values, Poisson input, the choice of the
   * monitored neurons and random stimuli all follow from it. Without a seed,
   * every call differs (a seed set earlier with `seed()` is used as it is).
   */
  seed?: number;
  /** Integration time step (default: the dt neurodynex3 sets for the model). */
  dt?: QuantityInput;
}

/** Network.run's options among `options` (leaving out what is not set). */
export function networkRunOptions(options: SimulationOptions): RunOptions {
  const out: RunOptions = {};
  if (options.backend) out.backend = options.backend;
  if (options.report) out.report = options.report;
  if (options.reportPeriod) out.reportPeriod = options.reportPeriod;
  return out;
}

/**
 * `n` random numbers from spikeforge's host generator ('rand()': uniform in
 * [0, 1), 'randn()': standard normal), so that `seed()` governs them like
 * everything else. (The generator has no public host API; a group
 * evaluating the expression per element is Brian2's own way to draw them.)
 */
export function hostRandomNumbers(n: number, expression: 'rand()' | 'randn()' = 'rand()'): Float64Array {
  if (n === 0) return new Float64Array(0);
  const g = new NeuronGroup(n, 'x : 1', { name: 'neurodynex_random_numbers' });
  // Put into a Network of its own, so that a later magic run() does not pick it up.
  new Network(g);
  g.set('x', expression);
  return g.getSI('x');
}

/**
 * `k` distinct indices out of 0 … n−1 in random order (Python's
 * random.sample(range(n), k), with spikeforge's generator).
 */
export function sampleIndices(n: number, k: number): number[] {
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`Cannot sample ${k} of ${n} neurons`);
  const pool = Array.from({ length: n }, (_, i) => i);
  const u = hostRandomNumbers(k);
  for (let m = 0; m < k; m++) {
    const j = m + Math.floor(u[m]! * (n - m));
    [pool[m], pool[j]] = [pool[j]!, pool[m]!];
  }
  return pool.slice(0, k);
}

/** The recordings of one population, as neurodynex3 returns them. */
export interface PopulationMonitors {
  rateMonitor: PopulationRateMonitor;
  /** Every neuron's spikes: Brian2 2.5.1 records all of them although neurodynex3 passes a list (`record` is a flag there). */
  spikeMonitor: SpikeMonitor;
  /** The membrane voltage of the neurons idxMonitoredNeurons, in that order. */
  voltageMonitor: StateMonitor;
  idxMonitoredNeurons: number[];
}

/** The monitors of `group` under names derived from `name` (fixed names let a model's kernel be compiled once). */
export function populationMonitors(group: NeuronGroup, name: string, idxMonitoredNeurons: number[]): PopulationMonitors {
  return {
    rateMonitor: new PopulationRateMonitor(group, { name: `${name}_rate` }),
    spikeMonitor: new SpikeMonitor(group, { name: `${name}_spikes` }),
    voltageMonitor: new StateMonitor(group, 'v', { record: idxMonitoredNeurons, name: `${name}_v` }),
    idxMonitoredNeurons,
  };
}

/** Python's round(): halves to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ------------------------------------------------------------ the Brunel network

/** neurodynex3's module constants (LIF_spiking_network.V_REST etc.). */
export const BRUNEL_DEFAULTS = {
  vRest: of(0, 'mV'),
  vReset: of(10, 'mV'),
  firingThreshold: of(20, 'mV'),
  membraneTimeScale: of(20, 'ms'),
  absRefractoryPeriod: of(2, 'ms'),
  /** w0 = J: w_EE = w_IE = w0, w_EI = w_II = −g·w0. */
  synapticWeightW0: of(0.1, 'mV'),
  /** g = 4: balanced. */
  relativeInhibitoryStrengthG: 4,
  connectionProbabilityEpsilon: 0.1,
  synapticDelay: of(1.5, 'ms'),
  poissonInputRate: of(13, 'Hz'),
  nPoissonInput: 1000,
  /** neurodynex3 sets Brian2's defaultclock to 0.05 ms on import. */
  dt: of(0.05, 'ms'),
} as const;

/** simulate_brunel_network's parameters, with its defaults. */
export interface BrunelParameters {
  /** Size of the excitatory population (default 5000). */
  NExcit?: number;
  /** Size of the inhibitory population (default, or null: ⌊NExcit/4⌋). */
  NInhib?: number | null;
  /**
   * Number of external Poisson neurons, independent of NExcit and the
   * connection probability (default 1000); null: ⌊NExcit·connectionProbability⌋ as in the book.
   */
  NExtern?: number | null;
  /** Probability of each connection: C_E = p·N_E, C_I = p·N_I (default 0.1). */
  connectionProbability?: number;
  /** Synaptic strength J (default 0.1 mV). */
  w0?: QuantityInput;
  /** Relative strength of inhibition: J_I = −g·w0 (default 4). */
  g?: number;
  synapticDelay?: QuantityInput;
  poissonInputRate?: QuantityInput;
  /** Weight of the external Poisson input (default, or null: w0). */
  wExternal?: QuantityInput | null;
  vRest?: QuantityInput;
  vReset?: QuantityInput;
  firingThreshold?: QuantityInput;
  membraneTimeScale?: QuantityInput;
  absRefractoryPeriod?: QuantityInput;
  /** Number of neurons whose voltage is recorded (default 100). */
  monitoredSubsetSize?: number;
  /** Start each neuron at a voltage drawn from U(v_rest, threshold) instead of v_rest. */
  randomVmInit?: boolean;
  /** Default 100 ms. */
  simTime?: QuantityInput;
}

/** The network's structure, as the first exercise asks for it. */
export interface BrunelStructure {
  NExcit: number;
  NInhib: number;
  NExtern: number;
  /** Expected number of excitatory / inhibitory inputs per neuron (p·N_E, p·N_I). */
  CE: number;
  CI: number;
  /** Volt. */
  JExcit: number;
  JInhib: number;
  wExternal: number;
}

export interface BrunelResult extends PopulationMonitors {
  network: Network;
  structure: BrunelStructure;
}

/**
 * Brunel's network of N_E + N_I LIF neurons, `tau·dv/dt = −(v − v_rest)`
 * (exact integration), threshold, reset, refractoriness; every neuron
 * receives each excitatory neuron's spikes with probability p as v += w0 and
 * each inhibitory neuron's as v += −g·w0, after the synaptic delay, and
 * N_extern external Poisson inputs of weight w_external.
 * Returns neurodynex3's (rate_monitor, spike_monitor, voltage_monitor,
 * idx_monitored_neurons), with the network and its structure.
 */
export async function simulateBrunelNetwork(options: BrunelParameters & NetworkSimulationOptions = {}): Promise<BrunelResult> {
  if (options.seed !== undefined) seedRandom(options.seed);
  const d = BRUNEL_DEFAULTS;
  const NExcit = options.NExcit ?? 5000;
  const p = options.connectionProbability ?? d.connectionProbabilityEpsilon;
  const NInhib = options.NInhib ?? Math.trunc(NExcit / 4);
  const NExtern = options.NExtern === null ? Math.trunc(NExcit * p) : (options.NExtern ?? d.nPoissonInput);
  for (const [what, n] of [['NExcit', NExcit], ['NInhib', NInhib], ['NExtern', NExtern]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`);
  }
  if (NExcit + NInhib < 1) throw new RangeError('The network needs at least one neuron');
  const w0 = quantity(options.w0 ?? d.synapticWeightW0, 'volt', 'w0');
  const g = options.g ?? d.relativeInhibitoryStrengthG;
  const wExternal = options.wExternal == null ? w0 : quantity(options.wExternal, 'volt', 'w_external');
  const ns = {
    v_rest: quantity(options.vRest ?? d.vRest, 'volt', 'v_rest'),
    v_reset: quantity(options.vReset ?? d.vReset, 'volt', 'v_reset'),
    firing_threshold: quantity(options.firingThreshold ?? d.firingThreshold, 'volt', 'firing_threshold'),
    membrane_time_scale: quantity(options.membraneTimeScale ?? d.membraneTimeScale, 'second', 'membrane_time_scale'),
    J_excit: w0,
    J_inhib: w0.mul(-g),
  };
  const delay = quantity(options.synapticDelay ?? d.synapticDelay, 'second', 'synaptic_delay');
  const N = NExcit + NInhib;

  const network = new NeuronGroup(N, 'dv/dt = -(v-v_rest) / membrane_time_scale : volt (unless refractory)', {
    threshold: 'v>firing_threshold',
    reset: 'v=v_reset',
    refractory: quantity(options.absRefractoryPeriod ?? d.absRefractoryPeriod, 'second', 'abs_refractory_period'),
    method: 'linear',
    namespace: ns,
    dt: quantity(options.dt ?? d.dt, 'second', 'dt'),
    name: 'brunel',
  });
  if (options.randomVmInit) network.set('v', 'v_rest + rand()*(firing_threshold - v_rest)');
  else network.set('v', ns.v_rest);

  const objects: Array<NeuronGroup | Synapses | PoissonInput> = [network];
  if (NExcit > 0) {
    const exc = new Synapses(network.subgroup(0, NExcit), network, { on_pre: 'v += J_excit', delay, namespace: ns, name: 'brunel_excitatory' });
    exc.connect({ p });
    objects.push(exc);
  }
  if (NInhib > 0) {
    const inh = new Synapses(network.subgroup(NExcit, N), network, { on_pre: 'v += J_inhib', delay, namespace: ns, name: 'brunel_inhibitory' });
    inh.connect({ p });
    objects.push(inh);
  }
  if (NExtern > 0) objects.push(new PoissonInput(network, 'v', NExtern, quantity(options.poissonInputRate ?? d.poissonInputRate, 'Hz', 'poisson_input_rate'), wExternal, { name: 'brunel_external' }));

  const monitors = populationMonitors(network, 'brunel', sampleIndices(N, Math.min(options.monitoredSubsetSize ?? 100, N)));
  const net = new Network(...objects, monitors.rateMonitor, monitors.spikeMonitor, monitors.voltageMonitor);
  await net.run(quantity(options.simTime ?? '100*ms', 'second', 'sim_time'), networkRunOptions(options));
  return {
    ...monitors,
    network: net,
    structure: { NExcit, NInhib, NExtern, CE: p * NExcit, CI: p * NInhib, JExcit: ns.J_excit.value, JInhib: ns.J_inhib.value, wExternal: wExternal.value },
  };
}

/**
 * ν_threshold = u_thr / (N_extern · w0 · τ_m): the external rate that drives
 * the mean membrane potential to the threshold (the exercise's first question), in Hz.
 */
export function thresholdRate(options: { firingThreshold?: QuantityInput; vRest?: QuantityInput; NExtern?: number; w0?: QuantityInput; membraneTimeScale?: QuantityInput } = {}): number {
  const d = BRUNEL_DEFAULTS;
  const uThr = si(options.firingThreshold ?? d.firingThreshold, 'volt', 'firing_threshold') - si(options.vRest ?? d.vRest, 'volt', 'v_rest');
  return uThr / ((options.NExtern ?? d.nPoissonInput) * si(options.w0 ?? d.synapticWeightW0, 'volt', 'w0') * si(options.membraneTimeScale ?? d.membraneTimeScale, 'second', 'membrane_time_scale'));
}

// ------------------------------------------------------------ statistics

export interface NetworkStatistics {
  /** Hz: spikes per neuron and second in [windowTMin, end), from the population rate. */
  meanRate: number;
  /** Interval statistics of all spike trains in [windowTMin, end) (CV = coefficient of variation of the ISIs). */
  spikeStats: PopulationSpikeStats;
  /**
   * Power spectrum of A(t) after windowTMin, averaged over as many pieces of
   * 1/deltaF as fit (undefined if none fits), the mean activity subtracted.
   */
  spectrum?: PopulationPowerSpectrum & { deltaF: number; kRepetitions: number };
  /** Hz: the frequency of the spectrum's largest peak above 0 Hz (the oscillation of a synchronous state). */
  peakFrequency?: number;
}

/**
 * The mean of a recorded population rate over the samples at tMin ≤ t < tMax
 * (seconds; with Brian2's tolerance for times on the step grid), in Hz: the
 * spikes per neuron and second in that window.
 */
export function meanRate(rateMonitor: PopulationRateMonitor, tMin = 0, tMax = Infinity): number {
  const rate = rateMonitor.rate.values;
  const t = rateMonitor.t.values;
  let sum = 0;
  let n = 0;
  for (let k = 0; k < rate.length; k++) {
    if (t[k]! >= tMin - 1e-12 && t[k]! < tMax - 1e-12) {
      sum += rate[k]!;
      n++;
    }
  }
  return n > 0 ? sum / n : NaN;
}

/** What the statistics need of a population's recordings. */
export interface NetworkRecording {
  rateMonitor: PopulationRateMonitor;
  spikeMonitor: SpikeMonitor;
}

/**
 * Mean rate, CV of the inter-spike intervals (spike_tools.get_spike_train_stats)
 * and the power spectrum of the population activity
 * (spike_tools.get_population_activity_power_spectrum) after an initial
 * transient of `windowTMin` (default 100 ms, as in the exercise), with
 * frequency resolution `deltaF` (default 10 Hz).
 */
export function networkStatistics(recording: NetworkRecording, options: { windowTMin?: QuantityInput; deltaF?: QuantityInput } = {}): NetworkStatistics {
  const windowTMin = quantity(options.windowTMin ?? '100*ms', 'second', 'window_t_min');
  const { rateMonitor, spikeMonitor } = recording;
  const rate = rateMonitor.rate.values;
  const stats: NetworkStatistics = { meanRate: meanRate(rateMonitor, windowTMin.value), spikeStats: getSpikeTrainStats(spikeMonitor, windowTMin) };
  const deltaF = quantity(options.deltaF ?? '10*Hz', 'Hz', 'delta_f');
  const dt = rateMonitor.clock.dt_;
  const nSignal = Math.trunc((2 * (1 / (2 * dt))) / deltaF.value);
  const kRepetitions = Math.floor((rate.length - Math.trunc(windowTMin.value / dt)) / nSignal);
  if (kRepetitions >= 1) {
    const spectrum = getPopulationActivityPowerSpectrum(rateMonitor, deltaF, kRepetitions, { TInit: windowTMin, subtractMeanActivity: true });
    stats.spectrum = { ...spectrum, deltaF: deltaF.value, kRepetitions };
    let best = 1;
    for (let k = 2; k < spectrum.ps.length; k++) if (spectrum.ps[k]! > spectrum.ps[best]!) best = k;
    if (spectrum.ps.length > 1) stats.peakFrequency = spectrum.freqs[best]!;
  }
  return stats;
}

// ------------------------------------------------------------ plots and the getting-started run

/** The raster, population activity and voltage traces of a Brunel run (plot_tools.plot_network_activity). */
export function plotBrunelActivity(result: BrunelResult, options: { tMin?: QuantityInput; tMax?: QuantityInput; avgWindowWidth?: QuantityInput; supTitle?: string } = {}): Figure {
  return plotNetworkActivity(result.rateMonitor, result.spikeMonitor, result.voltageMonitor, {
    spikeTrainIdxList: result.idxMonitoredNeurons,
    nHighlightedSpiketrains: 3,
    tMin: options.tMin ?? '0*ms',
    ...(options.tMax === undefined ? {} : { tMax: options.tMax }),
    avgWindowWidth: options.avgWindowWidth ?? '1*ms',
    supTitle: options.supTitle ?? `Brunel network: N_E = ${result.structure.NExcit}, N_I = ${result.structure.NInhib}`,
  });
}

/** The figures of the statistics: the ISI histogram and the power spectrum of A(t) (when the run was long enough). */
export function plotBrunelStatistics(stats: NetworkStatistics, options: { maxFreq?: QuantityInput; xlimMaxISI?: QuantityInput } = {}): { name: string; figure: Figure }[] {
  const figures = [{ name: 'ISI', figure: plotISIDistribution(stats.spikeStats, { histNrBins: 100, xlimMaxISI: options.xlimMaxISI ?? '100*ms' }) }];
  if (stats.spectrum) {
    figures.push({
      name: 'population-spectrum',
      figure: plotPopulationActivityPowerSpectrum(stats.spectrum.freqs, stats.spectrum.ps, options.maxFreq ?? '500*Hz', { averageAt: stats.spectrum.averagePopulationRate }),
    });
  }
  return figures;
}

/**
 * neurodynex3's getting_started(): 2000 excitatory neurons (and 500
 * inhibitory), 800 ms, all other parameters at their defaults; the network
 * activity from t = 0. Options override these parameters.
 */
export async function gettingStarted(options: BrunelParameters & NetworkSimulationOptions = {}): Promise<{ result: BrunelResult; figure: Figure }> {
  const result = await simulateBrunelNetwork({ NExcit: 2000, simTime: '800*ms', ...options });
  return { result, figure: plotBrunelActivity(result) };
}

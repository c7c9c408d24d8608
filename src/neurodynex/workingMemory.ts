/**
 * Spatial working memory (neurodynex3.working_memory_network.wm_model): the
 * ring-attractor network of Compte et al. (2000) with neurodynex3's
 * parameters (Neuronal Dynamics ch. 18). Excitatory neurons have preferred
 * directions around a circle and excite each other through NMDA synapses
 * with a Gaussian profile; an inhibitory population keeps the activity in
 * check. A stimulus to neurons around one direction starts a bump of
 * activity that outlasts it.
 *
 * Where neurodynex3 needs Brian2 network_operations (which spikeforge does not have):
 *  - The structured recurrent input s_NMDA_total = presyn_weight_kernel ⊛ s_NMDA
 *    (a circular convolution, computed with FFTs in neurodynex3) is a summed
 *    variable of all-to-all excitatory synapses whose weight is the kernel
 *    at the distance of the two neurons on the ring: the same sum, O(N²).
 *  - The stimulus and distractor currents, set every 1 ms, are worked out
 *    before the run by the same rules and played back by a TimedArray
 *    I_stim(t, i) with dt = 1 ms.
 */
import { Network, NeuronGroup, PoissonInput, seed as seedRandom, Synapses, TimedArray } from '../index.ts';
import { COLORS, lineFigure, type Figure } from '../plot/index.ts';
import { meanRate, networkRunOptions, populationMonitors, roundHalfEven, type NetworkSimulationOptions, type PopulationMonitors } from './brunel.ts';
import { plotNetworkActivity } from './plotTools.ts';
import { of, quantity, si, type QuantityInput } from './quantities.ts';

/** simulate_wm's defaults (and the module's defaultclock dt). */
export const WORKING_MEMORY_DEFAULTS = {
  NExcitatory: 1024,
  NInhibitory: 256,
  NExternPoisson: 1000,
  poissonFiringRate: of(1.4, 'Hz'),
  weightScalingFactor: 2,
  sigmaWeightProfile: 20,
  JposExcit2excit: 1.6,
  stimulusCenterDeg: 180,
  stimulusWidthDeg: 40,
  stimulusStrength: of(0.07, 'nA'),
  tStimulusStart: of(0, 'ms'),
  tStimulusDuration: of(0, 'ms'),
  distractorCenterDeg: 90,
  distractorWidthDeg: 40,
  distractorStrength: of(0, 'nA'),
  tDistractorStart: of(0, 'ms'),
  tDistractorDuration: of(0, 'ms'),
  GInhib2inhib: of(1.024, 'nS'),
  GInhib2excit: of(1.336, 'nS'),
  GExcit2excit: of(0.381, 'nS'),
  GExcit2inhib: of(0.292, 'nS'),
  monitoredSubsetSize: 1024,
  simTime: of(800, 'ms'),
  /** neurodynex3 sets Brian2's defaultclock to 0.05 ms on import (getting_started uses 0.1 ms). */
  dt: of(0.05, 'ms'),
} as const;

export interface WorkingMemoryParameters {
  NExcitatory?: number;
  NInhibitory?: number;
  /** Size of the external Poisson population (input to every neuron). */
  NExternPoisson?: number;
  poissonFiringRate?: QuantityInput;
  /**
   * Prefactor of the recurrent conductances: with the defaults,
   * NExcitatory·factor = 2048 and NInhibitory·factor = 512.
   */
  weightScalingFactor?: number;
  /** Standard deviation (degrees) of the Gaussian weight profile. */
  sigmaWeightProfile?: number;
  /** Strength of the recurrence between neurons of similar preference (J−  follows from the normalization). */
  JposExcit2excit?: number;
  /** Centre (degrees, 0 … 360) and width of the stimulus: the neurons within ±width/2 receive stimulusStrength. */
  stimulusCenterDeg?: number;
  stimulusWidthDeg?: number;
  stimulusStrength?: QuantityInput;
  tStimulusStart?: QuantityInput;
  tStimulusDuration?: QuantityInput;
  distractorCenterDeg?: number;
  distractorWidthDeg?: number;
  distractorStrength?: QuantityInput;
  tDistractorStart?: QuantityInput;
  tDistractorDuration?: QuantityInput;
  /** Recurrent conductances, before the scaling by weightScalingFactor. */
  GInhib2inhib?: QuantityInput;
  GInhib2excit?: QuantityInput;
  GExcit2excit?: QuantityInput;
  GExcit2inhib?: QuantityInput;
  /** Number of neurons per population with a voltage recording (evenly spaced). */
  monitoredSubsetSize?: number;
  simTime?: QuantityInput;
}

export interface WorkingMemoryResult {
  excit: PopulationMonitors;
  inhib: PopulationMonitors;
  /** The weights onto the neuron whose preferred direction is 45° from all others (neurodynex3's weight_profile_45). */
  weightProfile45: Float64Array;
  /** The neurons that receive the stimulus and the distractor. */
  stimTargetIdx: number[];
  distrTargetIdx: number[];
  /** The populations' NeuronGroups, e.g. to record more or to continue the run. */
  groups: { excit: NeuronGroup; inhib: NeuronGroup };
  network: Network;
}

const INHIB_LIF_DYNAMICS = `
    s_NMDA_total : 1  # the post synaptic sum of s. compare with s_NMDA_presyn
    dv/dt = (
    - G_leak_inhib * (v-E_leak_inhib)
    - G_extern2inhib * s_AMPA * (v-E_AMPA)
    - G_inhib2inhib * s_GABA * (v-E_GABA)
    - G_excit2inhib * s_NMDA_total  * (v-E_NMDA)/(1.0+1.0*exp(-0.062*1e3*v/volt)/3.57)
    )/Cm_inhib : volt (unless refractory)
    ds_AMPA/dt = -s_AMPA/tau_AMPA : 1
    ds_GABA/dt = -s_GABA/tau_GABA : 1
`;

// I_stim is a parameter set by a network_operation in neurodynex3; here a TimedArray holds its values.
const EXCIT_LIF_DYNAMICS = `
    I_stim = wm_stimulus(t, i) : amp
    s_NMDA_total : 1  # the post synaptic sum of s. compare with s_NMDA_presyn
    dv/dt = (
    - G_leak_excit * (v-E_leak_excit)
    - G_extern2excit * s_AMPA * (v-E_AMPA)
    - G_inhib2excit * s_GABA * (v-E_GABA)
    - G_excit2excit * s_NMDA_total * (v-E_NMDA)/(1.0+1.0*exp(-0.062*1e3*v/volt)/3.57)
    + I_stim
    )/Cm_excit : volt (unless refractory)
    ds_AMPA/dt = -s_AMPA/tau_AMPA : 1
    ds_GABA/dt = -s_GABA/tau_GABA : 1
    ds_NMDA/dt = -s_NMDA/tau_NMDA_s + alpha_NMDA * x * (1-s_NMDA) : 1
    dx/dt = -x/tau_NMDA_x : 1
`;

/** The error function (|error| < 1e-15 relative): series for |x| < 2, continued fraction of erfc beyond. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2) {
    // erf(x) = 2/√π · Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 100; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))), by Lentz's method.
  const tiny = 1e-300;
  let f = ax;
  let C = ax;
  let D = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    D = ax + a * D;
    D = D === 0 ? tiny : 1 / D;
    C = ax + a / C;
    if (C === 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

/**
 * The recurrent weight from a neuron to one j positions further on the ring:
 * J− + (J+ − J−)·exp(−½ (360·min(j, N−j)/N)² / σ²), with J− such that the
 * weights average to 1.
 */
export function presynWeightKernel(NExcitatory: number, sigmaWeightProfile: number, JposExcit2excit: number): Float64Array {
  const tmp = (Math.sqrt(2 * Math.PI) * sigmaWeightProfile * erf(180 / Math.sqrt(2) / sigmaWeightProfile)) / 360;
  const Jneg = (1 - JposExcit2excit * tmp) / (1 - tmp);
  return Float64Array.from(
    { length: NExcitatory },
    (_, j) => Jneg + (JposExcit2excit - Jneg) * Math.exp((-0.5 * ((360 * Math.min(j, NExcitatory - j)) / NExcitatory) ** 2) / sigmaWeightProfile ** 2),
  );
}

/** The neurons within ±width/2 of `centerDeg` (wrapping around the ring), as neurodynex3 computes them. */
export function targetIndices(N: number, centerDeg: number, widthDeg: number): number[] {
  const center = roundHalfEven((N / 360) * centerDeg);
  const half = roundHalfEven(((N / 360) * widthDeg) / 2);
  const out: number[] = [];
  for (let idx = center - half; idx < center + half + 1; idx++) out.push(((idx % N) + N) % N);
  return out;
}

/** Neurons, current (amp) and time window [start, end) (seconds) of a stimulus. */
export interface StimulusSpec {
  idx: readonly number[];
  strength: number;
  start: number;
  end: number;
}

/**
 * The I_stim (amp) of each of N neurons at each of `ticks` milliseconds, as
 * neurodynex3's stimulate_network network_operation (run every 1 ms) sets
 * it: while the stimulus is on, its neurons get its strength and the others
 * keep their current (which matters only while a distractor is or was on);
 * otherwise all are set to 0; then, while the distractor is on, its neurons
 * get its strength.
 */
export function stimulusSchedule(N: number, ticks: number, stim: StimulusSpec, distr: StimulusSpec): Float64Array[] {
  const current = new Float64Array(N);
  const rows: Float64Array[] = [];
  for (let k = 0; k < ticks; k++) {
    const t = k * 1e-3;
    if (t >= stim.start && t < stim.end) for (const i of stim.idx) current[i] = stim.strength;
    else current.fill(0);
    if (t >= distr.start && t < distr.end) for (const i of distr.idx) current[i] = distr.strength;
    rows.push(current.slice());
  }
  return rows;
}

/** Evenly spaced neurons: numpy.linspace(0, N−1, n+2) rounded up, without the first and the last. */
export function evenlySpacedIndices(N: number, n: number): number[] {
  const count = n + 2;
  const step = (N - 1) / (count - 1);
  const out: number[] = [];
  for (let k = 1; k < count - 1; k++) out.push(Math.ceil(k * step));
  return out;
}

/**
 * neurodynex3's simulate_wm: build and run the network. Returns the
 * monitors of both populations (rate, spikes of all neurons, voltage of
 * evenly spaced neurons) and the weight profile of the neuron at 45°.
 */
export async function simulateWM(options: WorkingMemoryParameters & NetworkSimulationOptions = {}): Promise<WorkingMemoryResult> {
  if (options.seed !== undefined) seedRandom(options.seed);
  const d = WORKING_MEMORY_DEFAULTS;
  const NE = options.NExcitatory ?? d.NExcitatory;
  const NI = options.NInhibitory ?? d.NInhibitory;
  if (!Number.isInteger(NE) || NE < 1 || !Number.isInteger(NI) || NI < 1) throw new RangeError(`The populations need at least one neuron each, got ${NE} and ${NI}`);
  const scaling = options.weightScalingFactor ?? d.weightScalingFactor;
  const dt = quantity(options.dt ?? d.dt, 'second', 'dt');
  const simTime = quantity(options.simTime ?? d.simTime, 'second', 'sim_time');
  const conductance = (value: QuantityInput | undefined, fallback: QuantityInput, what: string) => quantity(value ?? fallback, 'siemens', what).mul(scaling);
  const ns = {
    Cm_excit: of(0.5, 'nF'),
    G_leak_excit: of(25.0, 'nS'),
    E_leak_excit: of(-70.0, 'mV'),
    v_firing_threshold_excit: of(-50.0, 'mV'),
    v_reset_excit: of(-60.0, 'mV'),
    Cm_inhib: of(0.2, 'nF'),
    G_leak_inhib: of(20.0, 'nS'),
    E_leak_inhib: of(-70.0, 'mV'),
    v_firing_threshold_inhib: of(-50.0, 'mV'),
    v_reset_inhib: of(-60.0, 'mV'),
    E_AMPA: of(0.0, 'mV'),
    tau_AMPA: of(0.9 * 2.0, 'ms'),
    E_GABA: of(-70.0, 'mV'),
    tau_GABA: of(10.0, 'ms'),
    E_NMDA: of(0.0, 'mV'),
    tau_NMDA_s: of(0.65 * 100.0, 'ms'),
    tau_NMDA_x: of(0.94 * 2.0, 'ms'),
    alpha_NMDA: of(0.5, 'kHz'),
    G_extern2inhib: of(2.38, 'nS'),
    G_extern2excit: of(3.1, 'nS'),
    G_inhib2inhib: conductance(options.GInhib2inhib, d.GInhib2inhib, 'G_inhib2inhib'),
    G_inhib2excit: conductance(options.GInhib2excit, d.GInhib2excit, 'G_inhib2excit'),
    G_excit2excit: conductance(options.GExcit2excit, d.GExcit2excit, 'G_excit2excit'),
    G_excit2inhib: conductance(options.GExcit2inhib, d.GExcit2inhib, 'G_excit2inhib'),
  };

  const window = (start: QuantityInput | undefined, duration: QuantityInput | undefined, fallbackStart: QuantityInput, fallbackDuration: QuantityInput, what: string) => {
    const s = quantity(start ?? fallbackStart, 'second', `t_${what}_start`).value;
    return { start: s, end: s + quantity(duration ?? fallbackDuration, 'second', `t_${what}_duration`).value };
  };
  const stimTargetIdx = targetIndices(NE, options.stimulusCenterDeg ?? d.stimulusCenterDeg, options.stimulusWidthDeg ?? d.stimulusWidthDeg);
  const distrTargetIdx = targetIndices(NE, options.distractorCenterDeg ?? d.distractorCenterDeg, options.distractorWidthDeg ?? d.distractorWidthDeg);
  const stim = { idx: stimTargetIdx, strength: si(options.stimulusStrength ?? d.stimulusStrength, 'amp', 'stimulus_strength'), ...window(options.tStimulusStart, options.tStimulusDuration, d.tStimulusStart, d.tStimulusDuration, 'stimulus') };
  const distr = { idx: distrTargetIdx, strength: si(options.distractorStrength ?? d.distractorStrength, 'amp', 'distractor_strength'), ...window(options.tDistractorStart, options.tDistractorDuration, d.tDistractorStart, d.tDistractorDuration, 'distractor') };
  const ticks = Math.max(1, Math.ceil(simTime.value / 1e-3 - 1e-9));
  const stimulus = new TimedArray(stimulusSchedule(NE, ticks, stim, distr), { dt: '1*ms', unit: of(1, 'amp'), name: 'wm_stimulus' });

  const kernel = presynWeightKernel(NE, options.sigmaWeightProfile ?? d.sigmaWeightProfile, options.JposExcit2excit ?? d.JposExcit2excit);
  // deque.rotate(round(N/8)): element j moves to (j + shift) mod N.
  const shift = roundHalfEven(NE / 8);
  const weightProfile45 = Float64Array.from({ length: NE }, (_, j) => kernel[(((j - shift) % NE) + NE) % NE]!);

  const poissonRate = quantity(options.poissonFiringRate ?? d.poissonFiringRate, 'Hz', 'poisson_firing_rate');
  const NExtern = options.NExternPoisson ?? d.NExternPoisson;

  const inhibPop = new NeuronGroup(NI, INHIB_LIF_DYNAMICS, {
    threshold: 'v>v_firing_threshold_inhib',
    reset: 'v=v_reset_inhib',
    refractory: '1*ms',
    method: 'rk2',
    namespace: ns,
    dt,
    name: 'wm_inhib',
  });
  inhibPop.set('v', 'v_reset_inhib + rand()*(v_firing_threshold_inhib - v_reset_inhib)');
  const inhib2inhib = new Synapses(inhibPop, inhibPop, { on_pre: 's_GABA += 1.0', delay: '0*ms', name: 'wm_inhib2inhib' });
  inhib2inhib.connect({ condition: 'i!=j', p: 1.0 });
  const ext2inhib = new PoissonInput(inhibPop, 's_AMPA', NExtern, poissonRate, 1.0, { name: 'wm_ext2inhib' });

  const excitPop = new NeuronGroup(NE, EXCIT_LIF_DYNAMICS, {
    threshold: 'v>v_firing_threshold_excit',
    reset: 'v=v_reset_excit; x+=1.0',
    refractory: '2*ms',
    method: 'rk2',
    namespace: { ...ns, wm_stimulus: stimulus },
    dt,
    name: 'wm_excit',
  });
  excitPop.set('v', 'v_reset_excit + rand()*(v_firing_threshold_excit - v_reset_excit)');
  const ext2excit = new PoissonInput(excitPop, 's_AMPA', NExtern, poissonRate, 1.0, { name: 'wm_ext2excit' });
  const inhib2excit = new Synapses(inhibPop, excitPop, { on_pre: 's_GABA += 1.0', name: 'wm_inhib2excit' });
  inhib2excit.connect({ p: 1.0 });
  const excit2inhib = new Synapses(excitPop, inhibPop, { model: 's_NMDA_total_post = s_NMDA_pre : 1 (summed)', method: 'rk2', name: 'wm_excit2inhib' });
  excit2inhib.connect({ p: 1.0 });
  // The structured recurrence: s_NMDA_total[j] = Σ_i kernel[(j − i) mod N] · s_NMDA[i].
  const excit2excit = new Synapses(excitPop, excitPop, { model: 'w : 1 (constant)\ns_NMDA_total_post = w * s_NMDA_pre : 1 (summed)', name: 'wm_excit2excit' });
  excit2excit.connect({ p: 1.0 });
  const pre = excit2excit.getSI('i');
  const post = excit2excit.getSI('j');
  excit2excit.setSI(
    'w',
    Float64Array.from(pre, (i, k) => kernel[(((post[k]! - i) % NE) + NE) % NE]!),
  );

  const subset = options.monitoredSubsetSize ?? d.monitoredSubsetSize;
  const inhib = populationMonitors(inhibPop, 'wm_inhib', evenlySpacedIndices(NI, Math.min(subset, NI)));
  const excit = populationMonitors(excitPop, 'wm_excit', evenlySpacedIndices(NE, Math.min(subset, NE)));
  const net = new Network(inhibPop, inhib2inhib, ext2inhib, excitPop, ext2excit, inhib2excit, excit2inhib, excit2excit);
  for (const m of [inhib, excit]) net.add(m.rateMonitor, m.spikeMonitor, m.voltageMonitor);
  await net.run(simTime, networkRunOptions(options));
  return { excit, inhib, weightProfile45, stimTargetIdx, distrTargetIdx, groups: { excit: excitPop, inhib: inhibPop }, network: net };
}

// ------------------------------------------------------------ reading out the bump

/** The preferred direction (degrees) of each neuron in `idxList` of a ring of N: 360·(i + ½)/N. */
export function getOrientation(idxList: readonly number[], N: number): number[] {
  return idxList.map((i) => (360 * (i + 0.5)) / N);
}

/** Spikes of each neuron in `spikeIndexList` within [tMin, tMax). */
export function getSpikeCount(trains: ReadonlyMap<number, Float64Array>, spikeIndexList: readonly number[], tMin: number, tMax: number): number[] {
  return spikeIndexList.map((i) => {
    let n = 0;
    for (const t of trains.get(i) ?? []) if (t >= tMin && t < tMax) n++;
    return n;
  });
}

/**
 * The population vector θ(t) (degrees) at each time of `tSnapshots`
 * (seconds): the preferred directions weighted by the spike counts in
 * [t − window/2, t + window/2). As in the exercise, a plain weighted mean,
 * not a circular one (a bump across 0° = 360° is decoded wrongly). NaN without spikes.
 */
export function getThetaTimeSeries(trains: ReadonlyMap<number, Float64Array>, idxMonitoredNeurons: readonly number[], N: number, tSnapshots: readonly number[], tWindow: number): number[] {
  const directions = getOrientation(idxMonitoredNeurons, N);
  return tSnapshots.map((t) => {
    const counts = getSpikeCount(trains, idxMonitoredNeurons, t - tWindow / 2, t + tWindow / 2);
    let sum = 0;
    let total = 0;
    counts.forEach((c, k) => {
      sum += c * directions[k]!;
      total += c;
    });
    return total > 0 ? sum / total : NaN;
  });
}

/** Spikes per neuron and second of the excitatory neurons in (or, with inside = false, not in) `idx` within [tMin, tMax). */
export function subsetRate(result: WorkingMemoryResult, idx: readonly number[], tMin: number, tMax: number, inside = true): number {
  const set = new Set(idx);
  const i = result.excit.spikeMonitor.i;
  const t = result.excit.spikeMonitor.t.values;
  let n = 0;
  for (let k = 0; k < i.length; k++) if (set.has(i[k]!) === inside && t[k]! >= tMin && t[k]! < tMax) n++;
  return n / (inside ? idx.length : result.groups.excit.N - idx.length) / (tMax - tMin);
}

/**
 * A run in numbers: for each named window [a, b) (seconds) the mean rates
 * (Hz) of the excitatory and inhibitory populations, of the stimulated
 * neurons and of the other excitatory ones (`<window>_excit`, `_inhib`,
 * `_stimulated`, `_others`); and θ, the population vector of all excitatory
 * spikes in the window `delay` (`delay_theta`, degrees; null without spikes).
 * tools/brian2/neurodynex/make_network_statistics.py computes the same of Brian2's runs.
 */
export function workingMemoryStatistics(result: WorkingMemoryResult, windows: Readonly<Record<string, readonly [number, number]>>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [w, [a, b]] of Object.entries(windows)) {
    out[`${w}_excit`] = meanRate(result.excit.rateMonitor, a, b);
    out[`${w}_inhib`] = meanRate(result.inhib.rateMonitor, a, b);
    out[`${w}_stimulated`] = subsetRate(result, result.stimTargetIdx, a, b, true);
    out[`${w}_others`] = subsetRate(result, result.stimTargetIdx, a, b, false);
  }
  const delay = windows.delay;
  if (delay) {
    const N = result.groups.excit.N;
    const theta = getThetaTimeSeries(result.excit.spikeMonitor.spikeTrains(), Array.from({ length: N }, (_, i) => i), N, [(delay[0] + delay[1]) / 2], delay[1] - delay[0])[0]!;
    out.delay_theta = Number.isFinite(theta) ? theta : null;
  }
  return out;
}

// ------------------------------------------------------------ plots and the getting-started run

/** The excitatory (or inhibitory) population's raster, rate and voltages (plot_tools.plot_network_activity). */
export function plotWMActivity(population: PopulationMonitors, options: { supTitle?: string; tMin?: QuantityInput; tMax?: QuantityInput; avgWindowWidth?: QuantityInput } = {}): Figure {
  return plotNetworkActivity(population.rateMonitor, population.spikeMonitor, population.voltageMonitor, {
    tMin: options.tMin ?? '0*ms',
    ...(options.tMax === undefined ? {} : { tMax: options.tMax }),
    ...(options.avgWindowWidth === undefined ? {} : { avgWindowWidth: options.avgWindowWidth }),
    ...(options.supTitle === undefined ? {} : { supTitle: options.supTitle }),
  });
}

/** The weights onto the neuron at 45° (neurodynex3's plt.plot(weight_profile_45)). */
export function plotWeightProfile(weightProfile45: ArrayLike<number>, options: { title?: string; subtitle?: string } = {}): Figure {
  const N = weightProfile45.length;
  const x = Array.from({ length: N }, (_, j) => j);
  return lineFigure({
    title: options.title ?? 'Recurrent weight profile of the neuron at 45°',
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    x: { title: 'presynaptic neuron #', domain: [0, N - 1] },
    y: { title: 'weight (relative to the mean)' },
    series: [{ x, y: Array.from(weightProfile45), color: COLORS.blue, width: 2 }],
    rules: [{ x: roundHalfEven(N / 8), color: COLORS.gray, dash: [5, 4] }, { y: 1, color: COLORS.gray, dash: [2, 3] }],
  });
}

/**
 * θ(t), the decoded population vector (times in seconds, angles in degrees);
 * the stimulus direction as a red dashed line, its start and end as gray ones.
 */
export function plotThetaTimeSeries(
  tSnapshots: readonly number[],
  theta: readonly number[],
  options: { stimulusCenterDeg?: number; stimulusWindow?: readonly [number, number]; title?: string; subtitle?: string } = {},
): Figure {
  const keep = tSnapshots.map((_, k) => k).filter((k) => Number.isFinite(theta[k]!));
  return lineFigure({
    title: options.title ?? 'Population vector θ(t)',
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    x: { title: 't', unit: 'ms', domain: [Math.min(...tSnapshots) * 1e3, Math.max(...tSnapshots) * 1e3] },
    y: { title: 'θ', unit: 'deg', domain: [0, 360], tickCount: 8 },
    series: [
      { x: keep.map((k) => tSnapshots[k]! * 1e3), y: keep.map((k) => theta[k]!), color: COLORS.blue, width: 2 },
      { kind: 'points', x: keep.map((k) => tSnapshots[k]! * 1e3), y: keep.map((k) => theta[k]!), color: COLORS.blue, size: 18 },
    ],
    rules: [
      ...(options.stimulusCenterDeg === undefined ? [] : [{ y: options.stimulusCenterDeg, color: COLORS.red, dash: [6, 4] }]),
      ...(options.stimulusWindow ?? []).map((t) => ({ x: t * 1e3, color: COLORS.gray, dash: [4, 4] })),
    ],
  });
}

/** The parameters of neurodynex3's getting_started() (also the CLI exercise's defaults). */
export const GETTING_STARTED: Readonly<WorkingMemoryParameters & Pick<NetworkSimulationOptions, 'dt'>> = {
  dt: '0.1*ms',
  NExcitatory: 256,
  NInhibitory: 64,
  weightScalingFactor: 8,
  simTime: '500*ms',
  stimulusCenterDeg: 120,
  tStimulusStart: '100*ms',
  tStimulusDuration: '200*ms',
  stimulusStrength: '0.07*nA',
};

/**
 * neurodynex3's getting_started(): dt = 0.1 ms, 256 excitatory and 64
 * inhibitory neurons (weights scaled by 8), a stimulus at 120° from 100 to
 * 300 ms, 500 ms; the excitatory population's activity. Options override these parameters.
 */
export async function gettingStarted(options: WorkingMemoryParameters & NetworkSimulationOptions = {}): Promise<{ result: WorkingMemoryResult; figure: Figure }> {
  const result = await simulateWM({ ...GETTING_STARTED, ...options });
  return { result, figure: plotWMActivity(result.excit) };
}

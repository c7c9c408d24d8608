/**
 * Decision making by competing populations (neurodynex3.competing_populations.decision_making),
 * the network of Wang (2002) / Wong & Wang (2006) with neurodynex3's
 * parameters (Neuronal Dynamics ch. 16): an inhibitory population and three
 * excitatory ones, "Left" (A) and "Right" (B) selective to their stimulus and
 * a non-selective one (Z), coupled by AMPA, GABA and NMDA synapses, with
 * external Poisson input and a noisy stimulus whose coherence favours A or B.
 *
 * Where neurodynex3 needs Brian2 network_operations (which spikeforge does not have):
 *  - The NMDA input, s_NMDA_total = Σ_pop w_pop · Σ_{k∈pop} s_NMDA[k], is
 *    computed with summed variables in two stages: each excitatory
 *    population's Σ s_NMDA goes into a one-neuron "hub" group, from which the
 *    weighted sums go to every neuron. Both stages run in the 'groups' slot
 *    before the state updates, so every neuron sees the same values as the
 *    network_operation computes at the start of the step, with O(N) rather
 *    than O(N²) work.
 *  - The stimulus rates, redrawn every stimulus_update_interval while the
 *    stimulus is on, are drawn before the run and played back by a TimedArray
 *    with that interval as its dt (the same piecewise-constant rates).
 */
import { Network, NeuronGroup, PoissonGroup, PoissonInput, seed as seedRandom, Synapses, TimedArray, type PopulationRateMonitor } from '../index.ts';
import { COLORS, lineFigure, stackedPanels, type Figure, type Series } from '../plot/index.ts';
import { hostRandomNumbers, meanRate, networkRunOptions, populationMonitors, sampleIndices, type NetworkSimulationOptions, type PopulationMonitors } from './brunel.ts';
import { plotNetworkActivity } from './plotTools.ts';
import { of, quantity, si, type QuantityInput } from './quantities.ts';
import { smoothRate } from './spikeTools.ts';

/** sim_decision_making_network's defaults (and the module's defaultclock dt). */
export const DECISION_MAKING_DEFAULTS = {
  NExcit: 384,
  NInhib: 96,
  weightScalingFactor: 5.33,
  tStimulusStart: of(100, 'ms'),
  tStimulusDuration: of(9999, 'ms'),
  coherenceLevel: 0,
  stimulusUpdateInterval: of(30, 'ms'),
  mu0MeanStimulusHz: 160,
  stimulusStdHz: 20,
  NExtern: 1000,
  firingRateExtern: of(9.8, 'Hz'),
  wPos: 1.9,
  /** 0.15 in the publication. */
  fSubpopSize: 0.25,
  maxSimTime: of(1000, 'ms'),
  monitoredSubsetSize: 512,
  /** neurodynex3 sets Brian2's defaultclock to 0.1 ms on import. */
  dt: of(0.1, 'ms'),
} as const;

export interface DecisionMakingParameters {
  /** Total number of excitatory neurons (A, B and Z). */
  NExcit?: number;
  NInhib?: number;
  /** Scales the recurrent conductances: halve it when doubling the network. */
  weightScalingFactor?: number;
  tStimulusStart?: QuantityInput;
  tStimulusDuration?: QuantityInput;
  /** c ∈ [−1, 1]: mean stimulus rates μ0·(0.5 ± 0.5c) for A and B. */
  coherenceLevel?: number;
  /** The stimulus rates are redrawn at this interval. */
  stimulusUpdateInterval?: QuantityInput;
  /** μ0 in Hz: the mean stimulus rate of A at c = +1. */
  mu0MeanStimulusHz?: number;
  /** Standard deviation of the stimulus rates, in Hz. */
  stimulusStdHz?: number;
  /** Size of the stimulus-independent Poisson background population. */
  NExtern?: number;
  firingRateExtern?: QuantityInput;
  /** Strengthening of the recurrent weights within A and within B. */
  wPos?: number;
  /** Fraction of the excitatory neurons in A (and in B): |A| = |B| = ⌊f·NExcit⌋. */
  fSubpopSize?: number;
  maxSimTime?: QuantityInput;
  /**
   * Stop early (checked every 100 ms) once the mean rate of A or B over the
   * last 100 ms exceeds this (default: run for maxSimTime).
   */
  stopConditionRate?: QuantityInput | null;
  /** At most this many neurons per population have their voltage recorded. */
  monitoredSubsetSize?: number;
}

export interface DecisionMakingResult {
  /** "Left": the population that receives stimulus A. */
  A: PopulationMonitors;
  /** "Right": the population that receives stimulus B. */
  B: PopulationMonitors;
  /** The non-selective excitatory population. */
  Z: PopulationMonitors;
  inhib: PopulationMonitors;
  /** The stimulus rates actually used, constant from t[k] for one update interval (seconds, Hz). */
  stimulus: { t: Float64Array; rateA: Float64Array; rateB: Float64Array; tStart: number; tEnd: number };
  /** The populations' NeuronGroups (neurodynex3's excit_pop_A etc.), e.g. to record more or to continue the run. */
  groups: { A: NeuronGroup; B: NeuronGroup; Z: NeuronGroup; inhib: NeuronGroup };
  network: Network;
}

const EXCIT_LIF_DYNAMICS = `
    s_NMDA_total : 1  # the post synaptic sum of s. compare with s_NMDA_presyn
    dv/dt = (
    - G_leak_excit * (v-E_leak_excit)
    - g_AMPA_excit2excit * s_AMPA * (v-E_AMPA)
    - g_GABA_inhib2excit * s_GABA * (v-E_GABA)
    - g_NMDA_excit2excit * s_NMDA_total * (v-E_NMDA)/(1.0+1.0*exp(-0.062*v/volt)/3.57)
    )/Cm_excit : volt (unless refractory)
    ds_AMPA/dt = -s_AMPA/tau_AMPA : 1
    ds_GABA/dt = -s_GABA/tau_GABA : 1
    ds_NMDA/dt = -s_NMDA/tau_NMDA_s + alpha_NMDA * x * (1-s_NMDA) : 1
    dx/dt = -x/tau_NMDA_x : 1
`;

const INHIB_LIF_DYNAMICS = `
    s_NMDA_total : 1  # the post synaptic sum of s. compare with s_NMDA_presyn
    dv/dt = (
    - G_leak_inhib * (v-E_leak_inhib)
    - g_AMPA_excit2inhib * s_AMPA * (v-E_AMPA)
    - g_GABA_inhib2inhib * s_GABA * (v-E_GABA)
    - g_NMDA_excit2inhib * s_NMDA_total * (v-E_NMDA)/(1.0+1.0*exp(-0.062*v/volt)/3.57)
    )/Cm_inhib : volt (unless refractory)
    ds_AMPA/dt = -s_AMPA/tau_AMPA : 1
    ds_GABA/dt = -s_GABA/tau_GABA : 1
`;

/** The synaptic delay of all recurrent connections. */
const DELAY = of(0.5, 'ms');

/** Duration of the batches between checks of the stop condition. */
const SIM_BATCH = 0.1;

/**
 * neurodynex3's sim_decision_making_network: build and run the network;
 * the monitors of the four populations are returned by population
 * (neurodynex3's "rate_monitor_A" is `A.rateMonitor`, and so on).
 */
export async function simDecisionMakingNetwork(options: DecisionMakingParameters & NetworkSimulationOptions = {}): Promise<DecisionMakingResult> {
  if (options.seed !== undefined) seedRandom(options.seed);
  const d = DECISION_MAKING_DEFAULTS;
  const NExcit = options.NExcit ?? d.NExcit;
  const NInhib = options.NInhib ?? d.NInhib;
  const f = options.fSubpopSize ?? d.fSubpopSize;
  const NGroupA = Math.trunc(NExcit * f);
  const NGroupB = NGroupA;
  const NGroupZ = NExcit - NGroupA - NGroupB;
  if (NGroupA < 1 || NGroupZ < 1 || NInhib < 1) throw new RangeError(`Every population needs a neuron: A and B have ${NGroupA}, Z has ${NGroupZ}, the inhibitory one ${NInhib}`);
  const scaling = options.weightScalingFactor ?? d.weightScalingFactor;
  const wPos = options.wPos ?? d.wPos;
  const dt = quantity(options.dt ?? d.dt, 'second', 'dt');
  const tStart = quantity(options.tStimulusStart ?? d.tStimulusStart, 'second', 't_stimulus_start').value;
  const tEnd = tStart + quantity(options.tStimulusDuration ?? d.tStimulusDuration, 'second', 't_stimulus_duration').value;
  const maxSimTime = quantity(options.maxSimTime ?? d.maxSimTime, 'second', 'max_sim_time').value;
  const stopRate = options.stopConditionRate == null ? undefined : quantity(options.stopConditionRate, 'Hz', 'stop_condition_rate').value;

  const gAMPAExcit2Inhib = of(scaling * 0.015, 'nS');
  const gAMPAExcit2Excit = of(scaling * 0.012, 'nS');
  const ns = {
    Cm_excit: of(0.5, 'nF'),
    G_leak_excit: of(25.0, 'nS'),
    E_leak_excit: of(-70.0, 'mV'),
    v_spike_thr_excit: of(-50.0, 'mV'),
    v_reset_excit: of(-60.0, 'mV'),
    Cm_inhib: of(0.2, 'nF'),
    G_leak_inhib: of(20.0, 'nS'),
    E_leak_inhib: of(-70.0, 'mV'),
    v_spike_thr_inhib: of(-50.0, 'mV'),
    v_reset_inhib: of(-60.0, 'mV'),
    E_AMPA: of(0.0, 'mV'),
    tau_AMPA: of(2.5, 'ms'),
    E_GABA: of(-70.0, 'mV'),
    tau_GABA: of(5.0, 'ms'),
    E_NMDA: of(0.0, 'mV'),
    tau_NMDA_s: of(100.0, 'ms'),
    tau_NMDA_x: of(2.0, 'ms'),
    alpha_NMDA: of(0.5, 'kHz'),
    g_GABA_inhib2inhib: of(scaling * 1.25, 'nS'),
    g_GABA_inhib2excit: of(scaling * 1.6, 'nS'),
    g_AMPA_excit2excit: gAMPAExcit2Excit,
    g_AMPA_excit2inhib: gAMPAExcit2Inhib,
    g_NMDA_excit2excit: of(scaling * 0.04, 'nS'),
    g_NMDA_excit2inhib: of(scaling * 0.045, 'nS'),
    w_pos: wPos,
    w_neg: 1 - (f * (wPos - 1)) / (1 - f),
    // The same postsynaptic AMPA conductances for all sources: the weights of the external input are relative.
    w_ext2inhib: of(1.62, 'nS').value / gAMPAExcit2Inhib.value,
    w_ext2excit: of(2.1, 'nS').value / gAMPAExcit2Excit.value,
  };

  const group = (N: number, model: string, kind: 'excit' | 'inhib', name: string) =>
    new NeuronGroup(N, model, {
      threshold: `v>v_spike_thr_${kind}`,
      reset: `v=v_reset_${kind}`,
      refractory: of(kind === 'excit' ? 2 : 1, 'ms'),
      method: 'rk2',
      namespace: ns,
      dt,
      name,
    });
  const uniform = (N: number, lowMV: number, highMV: number) => Array.from(hostRandomNumbers(N), (u) => (lowMV + (highMV - lowMV) * u) * 1e-3);

  const inhibPop = group(NInhib, INHIB_LIF_DYNAMICS, 'inhib', 'dm_inhib');
  inhibPop.setSI('v', uniform(NInhib, -50 - 4, -50 - 1));
  const popA = group(NGroupA, EXCIT_LIF_DYNAMICS, 'excit', 'dm_A');
  popA.setSI('v', uniform(NGroupA, -70, -70 + 5));
  const popB = group(NGroupB, EXCIT_LIF_DYNAMICS, 'excit', 'dm_B');
  popB.setSI('v', uniform(NGroupB, -70, -70 + 5));
  const popZ = group(NGroupZ, EXCIT_LIF_DYNAMICS, 'excit', 'dm_Z');
  popZ.setSI('v', uniform(NGroupZ, -60, -50 - 1));
  const excit = { A: popA, B: popB, Z: popZ } as const;
  const targets = { A: popA, B: popB, Z: popZ, inhib: inhibPop } as const;

  const objects: Array<NeuronGroup | Synapses | PoissonInput> = [inhibPop, popA, popB, popZ];
  const rateExtern = quantity(options.firingRateExtern ?? d.firingRateExtern, 'Hz', 'firing_rate_extern');
  const NExtern = options.NExtern ?? d.NExtern;
  for (const [key, target] of Object.entries(targets)) {
    objects.push(new PoissonInput(target, 's_AMPA', NExtern, rateExtern, key === 'inhib' ? ns.w_ext2inhib : ns.w_ext2excit, { name: `dm_poisson2${key}` }));
  }

  const connectAll = (source: NeuronGroup, target: NeuronGroup, onPre: string, name: string): void => {
    const s = new Synapses(source, target, { on_pre: onPre, delay: DELAY, namespace: ns, name });
    s.connect({ p: 1 });
    objects.push(s);
  };
  // GABA projections from the inhibitory population.
  for (const [key, target] of Object.entries(targets)) connectAll(inhibPop, target, 's_GABA += 1.0', `dm_inhib2${key}`);
  // AMPA projections from the excitatory populations.
  const ampaWeight: Record<'A' | 'B' | 'Z', Record<keyof typeof targets, string>> = {
    A: { A: 'w_pos', B: 'w_neg', Z: '1.0', inhib: '1.0' },
    B: { A: 'w_neg', B: 'w_pos', Z: '1.0', inhib: '1.0' },
    Z: { A: '1.0', B: '1.0', Z: '1.0', inhib: '1.0' },
  };
  for (const [from, source] of Object.entries(excit) as ['A' | 'B' | 'Z', NeuronGroup][]) {
    for (const [to, target] of Object.entries(targets) as [keyof typeof targets, NeuronGroup][]) connectAll(source, target, `s_AMPA += ${ampaWeight[from][to]}`, `dm_AMPA_${from}2${to}`);
  }

  // NMDA projections: stage 1, each population's Σ s_NMDA into the hub (order −1, so that stage 1 runs before stage 2).
  const hub = new NeuronGroup(1, 'sum_A : 1\nsum_B : 1\nsum_Z : 1', { dt, order: -1, name: 'dm_NMDA_sums' });
  objects.push(hub);
  for (const [key, source] of Object.entries(excit)) {
    const s = new Synapses(source, hub, { model: `sum_${key}_post = s_NMDA_pre : 1 (summed)`, name: `dm_NMDA_${key}2sum` });
    s.connect({ p: 1 });
    objects.push(s);
  }
  // Stage 2: the weighted sums into every neuron, as neurodynex3's update_nmda_sum.
  const nmdaWeights: Record<keyof typeof targets, string> = {
    A: 'w_pos*sum_A_pre + w_neg*sum_B_pre + w_neg*sum_Z_pre',
    B: 'w_neg*sum_A_pre + w_pos*sum_B_pre + w_neg*sum_Z_pre',
    Z: '1.0*sum_A_pre + 1.0*sum_B_pre + 1.0*sum_Z_pre',
    inhib: '1.0*sum_A_pre + 1.0*sum_B_pre + 1.0*sum_Z_pre',
  };
  for (const [key, target] of Object.entries(targets) as [keyof typeof targets, NeuronGroup][]) {
    const s = new Synapses(hub, target, { model: `s_NMDA_total_post = ${nmdaWeights[key]} : 1 (summed)`, namespace: ns, name: `dm_NMDA_sum2${key}` });
    s.connect({ p: 1 });
    objects.push(s);
  }
  // A self-connection with a delay for the NMDA gating variable x.
  for (const [key, pop] of Object.entries(excit)) {
    const s = new Synapses(pop, pop, { on_pre: 'x += 1.', delay: DELAY, name: `dm_x_${key}2${key}` });
    s.connect({ j: 'i' });
    objects.push(s);
  }

  // The stimulus: two Poisson groups whose rates are redrawn every update interval while it is on.
  const interval = quantity(options.stimulusUpdateInterval ?? d.stimulusUpdateInterval, 'second', 'stimulus_update_interval').value;
  const coherence = options.coherenceLevel ?? d.coherenceLevel;
  const mu0 = options.mu0MeanStimulusHz ?? d.mu0MeanStimulusHz;
  const std = options.stimulusStdHz ?? d.stimulusStdHz;
  // Long enough for the last stop-condition batch, which may end after maxSimTime.
  const ticks = Math.ceil((Math.ceil(maxSimTime / SIM_BATCH - 1e-9) * SIM_BATCH) / interval - 1e-9) + 1;
  const tTicks = Float64Array.from({ length: ticks }, (_, k) => k * interval);
  const on = Array.from(tTicks, (t) => t >= tStart && t < tEnd);
  const normals = hostRandomNumbers(2 * on.filter(Boolean).length, 'randn()');
  const rateA = new Float64Array(ticks);
  const rateB = new Float64Array(ticks);
  let draw = 0;
  for (let k = 0; k < ticks; k++) {
    if (!on[k]) continue;
    rateA[k] = Math.max(0, mu0 * (0.5 + 0.5 * coherence) + std * normals[draw++]!);
    rateB[k] = Math.max(0, mu0 * (0.5 - 0.5 * coherence) + std * normals[draw++]!);
  }
  const stimulusA = new TimedArray(rateA, { dt: of(interval, 'second'), unit: of(1, 'Hz'), name: 'dm_stimulus_rate_A' });
  const stimulusB = new TimedArray(rateB, { dt: of(interval, 'second'), unit: of(1, 'Hz'), name: 'dm_stimulus_rate_B' });
  const stimA = new PoissonGroup(NGroupA, 'dm_stimulus_rate_A(t)', { namespace: { dm_stimulus_rate_A: stimulusA }, dt, name: 'dm_stimulus_A' });
  const stimB = new PoissonGroup(NGroupB, 'dm_stimulus_rate_B(t)', { namespace: { dm_stimulus_rate_B: stimulusB }, dt, name: 'dm_stimulus_B' });
  for (const [stim, pop, key] of [[stimA, popA, 'A'], [stimB, popB, 'B']] as const) {
    const s = new Synapses(stim, pop, { on_pre: 's_AMPA+=w_ext2excit', namespace: ns, name: `dm_stim2${key}` });
    s.connect({ j: 'i' });
    objects.push(stim, s);
  }

  const subset = options.monitoredSubsetSize ?? d.monitoredSubsetSize;
  const monitors = (pop: NeuronGroup, name: string) => populationMonitors(pop, name, sampleIndices(pop.N, Math.min(subset, pop.N)));
  const result = { inhib: monitors(inhibPop, 'dm_inhib'), A: monitors(popA, 'dm_A'), B: monitors(popB, 'dm_B'), Z: monitors(popZ, 'dm_Z') };
  const net = new Network(...objects);
  for (const m of Object.values(result)) net.add(m.rateMonitor, m.spikeMonitor, m.voltageMonitor);

  const run = networkRunOptions(options);
  if (stopRate === undefined) {
    await net.run(of(maxSimTime, 'second'), run);
  } else {
    const samplesInBatch = Math.floor(SIM_BATCH / dt.value + 1e-9);
    let simulated = 0;
    let lastRate = 0;
    while (simulated < maxSimTime - 1e-12 && lastRate < stopRate) {
      await net.run(of(SIM_BATCH, 'second'), run);
      lastRate = Math.max(tailMean(result.A.rateMonitor, samplesInBatch), tailMean(result.B.rateMonitor, samplesInBatch));
      simulated += SIM_BATCH;
    }
  }
  return { ...result, stimulus: { t: tTicks, rateA, rateB, tStart, tEnd }, groups: targets, network: net };
}

function tailMean(monitor: PopulationRateMonitor, n: number): number {
  const r = monitor.rate.values;
  let s = 0;
  for (let k = r.length - n; k < r.length; k++) s += r[k]!;
  return s / n;
}

/**
 * A decision criterion (the exercise's get_decision_time): the first time
 * at which the flat-smoothed rate of A (or B) exceeds `rateThreshold`.
 * Returns [tA, tB] in seconds, 0 for a population that never crosses; so
 * (t, 0) is decision "Left", (0, t) "Right", (0, 0) none, and both > 0 an
 * ambiguous criterion.
 */
export function getDecisionTime(rateMonitorA: PopulationRateMonitor, rateMonitorB: PopulationRateMonitor, avgWindowWidth: QuantityInput, rateThreshold: QuantityInput): [number, number] {
  const threshold = si(rateThreshold, 'Hz', 'rate_threshold');
  const first = (m: PopulationRateMonitor): number => {
    const smoothed = m.smoothRate('flat', quantity(avgWindowWidth, 'second', 'avg_window_width')).values;
    const k = smoothed.findIndex((r) => r > threshold);
    return k < 0 ? 0 : k * m.clock.dt_;
  };
  return [first(rateMonitorA), first(rateMonitorB)];
}

/**
 * A run in numbers: for each named window [a, b) (seconds) the mean rates of
 * A, B, Z and inhib (`<window>_<population>`, Hz); which population decided
 * (getDecisionTime with a 30 ms window and 25 Hz, `decision_A`/`decision_B`
 * 1 or 0) and when (`decision_time`, null without a unique decision); the
 * rates of the winner and the loser in the window `end` (`end_winner`,
 * `end_loser`). tools/brian2/neurodynex/make_network_statistics.py computes
 * the same of Brian2's runs.
 */
export function decisionMakingStatistics(result: DecisionMakingResult, windows: Readonly<Record<string, readonly [number, number]>>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [w, [a, b]] of Object.entries(windows)) for (const k of ['A', 'B', 'Z', 'inhib'] as const) out[`${w}_${k}`] = meanRate(result[k].rateMonitor, a, b);
  const [tA, tB] = getDecisionTime(result.A.rateMonitor, result.B.rateMonitor, '30*ms', '25*Hz');
  out.decision_A = tA > 0 && tB === 0 ? 1 : 0;
  out.decision_B = tB > 0 && tA === 0 ? 1 : 0;
  out.decision_time = tA > 0 !== tB > 0 ? Math.max(tA, tB) : null;
  const end = windows.end;
  if (end) {
    const rates = [meanRate(result.A.rateMonitor, end[0], end[1]), meanRate(result.B.rateMonitor, end[0], end[1])].sort((x, y) => x - y);
    out.end_winner = rates[1]!;
    out.end_loser = rates[0]!;
  }
  return out;
}

export type DecisionTimeFunction = (rateMonitorA: PopulationRateMonitor, rateMonitorB: PopulationRateMonitor, avgWindowWidth: QuantityInput, rateThreshold: QuantityInput) => [number, number];

export interface MultipleSimulationsOptions extends Omit<NetworkSimulationOptions, 'seed'> {
  maxSimTime?: QuantityInput;
  rateThreshold?: QuantityInput;
  avgWindowWidth?: QuantityInput;
  NExcit?: number;
  NInhib?: number;
  weightScaling?: number;
  wPos?: number;
  fSubpopSize?: number;
  tStimStart?: QuantityInput;
  tStimDuration?: QuantityInput;
  mu0MeanStimHz?: number;
  stimulusStdDevHz?: number;
  stimUpdInterval?: QuantityInput;
  /** Called after each simulation (for progress output). */
  onRun?: (info: { coherenceLevel: number; run: number; tA: number; tB: number }) => void;
}

export interface MultipleSimulationsResult {
  /** [coherence level][repetition]: time of decision A in seconds (0 if B or none). */
  timeToA: number[][];
  timeToB: number[][];
  countA: number[];
  countB: number[];
  /** No decision, or both populations crossed (an ambiguous criterion). */
  countNo: number[];
}

/**
 * neurodynex3's run_multiple_simulations: `nrRepetitions` runs per coherence
 * level, each stopped once A or B exceeds rateThreshold (checked every
 * 100 ms), classified by `fGetDecisionTime`. As in neurodynex3, the runs use
 * N_extern = 1000 and a background rate of 9.5 Hz (not the 9.8 Hz default
 * of simDecisionMakingNetwork).
 */
export async function runMultipleSimulations(
  fGetDecisionTime: DecisionTimeFunction,
  coherenceLevels: readonly number[],
  nrRepetitions: number,
  options: MultipleSimulationsOptions = {},
): Promise<MultipleSimulationsResult> {
  const rateThreshold = options.rateThreshold ?? '25*Hz';
  const avgWindowWidth = options.avgWindowWidth ?? '30*ms';
  const out: MultipleSimulationsResult = {
    timeToA: coherenceLevels.map(() => new Array<number>(nrRepetitions).fill(0)),
    timeToB: coherenceLevels.map(() => new Array<number>(nrRepetitions).fill(0)),
    countA: coherenceLevels.map(() => 0),
    countB: coherenceLevels.map(() => 0),
    countNo: coherenceLevels.map(() => 0),
  };
  for (let c = 0; c < coherenceLevels.length; c++) {
    for (let r = 0; r < nrRepetitions; r++) {
      const results = await simDecisionMakingNetwork({
        NExcit: options.NExcit ?? 384,
        NInhib: options.NInhib ?? 96,
        weightScalingFactor: options.weightScaling ?? 5.33,
        wPos: options.wPos ?? 1.9,
        fSubpopSize: options.fSubpopSize ?? 0.25,
        tStimulusStart: options.tStimStart ?? '100*ms',
        tStimulusDuration: options.tStimDuration ?? '99999*ms',
        coherenceLevel: coherenceLevels[c]!,
        maxSimTime: options.maxSimTime ?? '1200*ms',
        stopConditionRate: rateThreshold,
        mu0MeanStimulusHz: options.mu0MeanStimHz ?? 160,
        stimulusStdHz: options.stimulusStdDevHz ?? 20,
        stimulusUpdateInterval: options.stimUpdInterval ?? '30*ms',
        NExtern: 1000,
        firingRateExtern: '9.5*Hz',
        ...(options.dt === undefined ? {} : { dt: options.dt }),
        ...networkRunOptions(options),
      });
      const [tA, tB] = fGetDecisionTime(results.A.rateMonitor, results.B.rateMonitor, avgWindowWidth, rateThreshold);
      out.timeToA[c]![r] = tA;
      out.timeToB[c]![r] = tB;
      if ((tA > 0 && tB > 0) || (tA === 0 && tB === 0)) out.countNo[c]!++;
      else if (tA > 0) out.countA[c]!++;
      else out.countB[c]!++;
      options.onRun?.({ coherenceLevel: coherenceLevels[c]!, run: r, tA, tB });
    }
  }
  return out;
}

// ------------------------------------------------------------ plots

/** One population's raster, smoothed rate and voltage traces (plot_tools.plot_network_activity, as getting_started calls it). */
export function plotPopulationActivity(population: PopulationMonitors, options: { supTitle?: string; avgWindowWidth?: QuantityInput; tMin?: QuantityInput; tMax?: QuantityInput } = {}): Figure {
  return plotNetworkActivity(population.rateMonitor, population.spikeMonitor, population.voltageMonitor, {
    tMin: options.tMin ?? '0*ms',
    ...(options.tMax === undefined ? {} : { tMax: options.tMax }),
    avgWindowWidth: options.avgWindowWidth ?? '20*ms',
    ...(options.supTitle === undefined ? {} : { supTitle: options.supTitle }),
  });
}

const POPULATION_STYLE = [
  { key: 'A', name: 'Left (A)', color: COLORS.blue },
  { key: 'B', name: 'Right (B)', color: COLORS.red },
  { key: 'Z', name: 'non-selective (Z)', color: COLORS.gray },
  { key: 'inhib', name: 'inhibitory', color: COLORS.black },
] as const;

/**
 * The smoothed population rates of all four populations over time (top)
 * and the stimulus rates ν_left, ν_right (bottom); dashed lines mark the stimulus.
 */
export function plotPopulationRates(result: DecisionMakingResult, options: { avgWindowWidth?: QuantityInput; title?: string; subtitle?: string } = {}): Figure {
  const width = options.avgWindowWidth ?? '20*ms';
  const rates: Series[] = POPULATION_STYLE.map(({ key, name, color }) => {
    const m = result[key].rateMonitor;
    return { name, x: Array.from(m.t.values, (s) => s * 1e3), y: Array.from(smoothRate(m.rate.values, m.clock.dt_, 'flat', width)), color, width: key === 'A' || key === 'B' ? 2 : 1.5 };
  });
  const tEndMs = result.A.rateMonitor.t.values.at(-1)! * 1e3 + result.A.rateMonitor.clock.dt_ * 1e3;
  const { t, rateA, rateB, tStart, tEnd } = result.stimulus;
  const steps = (r: Float64Array) => {
    const x: number[] = [];
    const y: number[] = [];
    for (let k = 0; k < t.length && t[k]! * 1e3 < tEndMs; k++) {
      x.push(t[k]! * 1e3, Math.min((t[k + 1] ?? Infinity) * 1e3, tEndMs));
      y.push(r[k]!, r[k]!);
    }
    return { x, y };
  };
  const marks = [tStart, tEnd].filter((s) => s * 1e3 <= tEndMs).map((s) => ({ x: s * 1e3, color: COLORS.gray, dash: [5, 4] }));
  return stackedPanels({
    title: options.title ?? 'Population rates of the decision-making network',
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    x: { title: 't', unit: 'ms', domain: [0, tEndMs] },
    panels: [
      { title: `Population activity (flat window of ${show(width)})`, height: 230, y: { title: 'A(t)', unit: 'Hz' }, series: rates, rules: marks, legend: 'right' },
      {
        title: 'Stimulus rates (redrawn every update interval)',
        height: 110,
        y: { title: 'ν', unit: 'Hz' },
        series: [
          { name: 'ν_left', ...steps(rateA), color: COLORS.blue, width: 1.5 },
          { name: 'ν_right', ...steps(rateB), color: COLORS.red, width: 1.5 },
        ],
        rules: marks,
        legend: 'right',
      },
    ],
  });
}

/**
 * The decision space: the smoothed rate of "Right" (B) against that of
 * "Left" (A), one colour per 100 ms of the run.
 */
export function plotDecisionSpace(rateMonitorA: PopulationRateMonitor, rateMonitorB: PopulationRateMonitor, options: { avgWindowWidth?: QuantityInput; title?: string; subtitle?: string } = {}): Figure {
  const width = options.avgWindowWidth ?? '30*ms';
  const a = smoothRate(rateMonitorA.rate.values, rateMonitorA.clock.dt_, 'flat', width);
  const b = smoothRate(rateMonitorB.rate.values, rateMonitorB.clock.dt_, 'flat', width);
  const t = rateMonitorA.t.values;
  const segment = 0.1;
  const nSegments = Math.max(1, Math.ceil((t.at(-1)! + rateMonitorA.clock.dt_) / segment - 1e-9));
  const series: Series[] = [];
  for (let s = 0; s < nSegments; s++) {
    const x: number[] = [];
    const y: number[] = [];
    for (let k = 0; k < t.length; k++) {
      // Each segment starts where the previous ended, so that the line is continuous.
      if (t[k]! >= s * segment - rateMonitorA.clock.dt_ - 1e-12 && t[k]! < (s + 1) * segment - 1e-12) {
        x.push(a[k]!);
        y.push(b[k]!);
      }
    }
    series.push({ name: `${Math.round(s * segment * 1e3)}–${Math.round((s + 1) * segment * 1e3)} ms`, x, y, color: timeColor(s / Math.max(1, nSegments - 1)), width: 2 });
  }
  const top = Math.max(1, ...a, ...b) * 1.05;
  return lineFigure({
    title: options.title ?? 'Decision space',
    subtitle: options.subtitle ?? `population rates smoothed over ${show(width)}`,
    x: { title: 'rate of Left (A)', unit: 'Hz', domain: [0, top] },
    y: { title: 'rate of Right (B)', unit: 'Hz', domain: [0, top] },
    series,
    rules: [],
    width: 460,
    height: 460,
  });
}

/** From dark blue (early) over teal to yellow (late): a viridis-like ramp. */
function timeColor(x: number): string {
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const at = Math.min(stops.length - 1.000001, Math.max(0, x) * (stops.length - 1));
  const k = Math.floor(at);
  const f = at - k;
  const c = stops[k]!.map((v, j) => Math.round(v + (stops[k + 1]![j]! - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function show(width: QuantityInput): string {
  const ms = si(width, 'second', 'avg_window_width') * 1e3;
  return `${Number(ms.toPrecision(6))} ms`;
}

/** The parameters of neurodynex3's getting_started() (also the CLI exercise's defaults). */
export const GETTING_STARTED: Readonly<DecisionMakingParameters> = {
  NExcit: 341,
  NInhib: 85,
  weightScalingFactor: 6.0,
  tStimulusStart: '150*ms',
  tStimulusDuration: '350*ms',
  coherenceLevel: +0.9,
  wPos: 2.0,
  mu0MeanStimulusHz: 500,
  maxSimTime: '800*ms',
};

/**
 * neurodynex3's getting_started(): 341 excitatory and 85 inhibitory neurons,
 * weight scaling 6, a stimulus from 150 to 500 ms with coherence +0.9 and
 * μ0 = 500 Hz, w+ = 2.0, 800 ms; the activity of "Left" and "Right".
 * Options override these parameters.
 */
export async function gettingStarted(options: DecisionMakingParameters & NetworkSimulationOptions = {}): Promise<{ result: DecisionMakingResult; figures: { name: string; figure: Figure }[] }> {
  const result = await simDecisionMakingNetwork({ ...GETTING_STARTED, ...options });
  return {
    result,
    figures: [
      { name: 'left', figure: plotPopulationActivity(result.A, { supTitle: 'Left' }) },
      { name: 'right', figure: plotPopulationActivity(result.B, { supTitle: 'Right' }) },
    ],
  };
}

#!/usr/bin/env python3
"""Brian2 statistics for spikeforge's network exercises (src/neurodynex/{brunel,decisionMaking,workingMemory}.ts).

Networks with random connectivity and input cannot be compared spike by spike
between two simulators, so this script runs each configuration with Brian2 for
several seeds and records statistics and their run-to-run spread: mean rates,
CV of the inter-spike intervals, the dominant frequency of the population
activity, decision times, bump rates and positions. The tests
(test/neurodynex/{brunel,decisionMaking,workingMemory}.test.ts) run the same
configuration once with spikeforge and require each statistic to lie within
Brian2's spread (see ``tolerance`` in the output).

Which model code runs:
  * Brunel: neurodynex3's own ``simulate_brunel_network``.
  * Decision making and working memory: neurodynex3 needs ``network_operation``s
    (which spikeforge does not have) for the NMDA input and the stimuli;
    spikeforge computes the same quantities with summed variables and
    TimedArrays. ``dm_port`` and ``wm_port`` below are that formulation in
    Brian2 -- the same model code as spikeforge's -- and the statistics come
    from them. ``equivalence`` records how they compare with neurodynex3's
    originals: for the working memory, Brian2 gives identical spikes for the
    same seed; for decision making (whose original draws stimulus rates during
    the run, interleaved with the kernel's random numbers) the statistics of
    both over the same seeds.
  * Timings (``brian2_seconds``) are wall-clock seconds of building and running
    each network (Cython target, compiled code cached), for comparison with
    spikeforge's in the same session (tools/brian2/neurodynex/compare_network_statistics.ts).

Run (about half an hour; needs Brian2 2.5.1 with Cython and the neurodynex3 checkout):

    MPLBACKEND=Agg PYTHONPATH=/path/to/neuronaldynamics-exercises \\
        /usr/bin/python3 tools/brian2/neurodynex/make_network_statistics.py [--quick | --timing]

--quick: 4 seeds per configuration (a trial run). --timing: writes nothing; times
one warm-up and three runs of each configuration (and one run of neurodynex3's
original decision-making and working-memory networks), for a comparison with
compare_network_statistics.ts on an otherwise idle machine.

Parameters are written with spikeforge's option names and Brian2 quantity
strings; all statistics are in SI units (Hz, seconds, degrees for angles).
"""
import json
import math
import os
import random
import sys
import time
import warnings

warnings.filterwarnings('ignore')

import numpy as np
import brian2 as b2
from scipy.special import erf

b2.prefs.codegen.target = 'cython'
b2.BrianLogger.log_level_error()

from neurodynex3.brunel_model import LIF_spiking_network  # noqa: E402
from neurodynex3.competing_populations import decision_making  # noqa: E402
from neurodynex3.working_memory_network import wm_model  # noqa: E402
from neurodynex3.tools import spike_tools  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(os.path.join(HERE, '..', '..', '..', 'test', 'fixtures', 'neurodynex', 'network_statistics.json'))
QUICK = '--quick' in sys.argv
TIMING = '--timing' in sys.argv
SEEDS = list(range(1, 5 if QUICK else 13))


def q(text):
    """A Brian2 quantity from spikeforge's string form, e.g. '40*Hz'."""
    return eval(text, {k: getattr(b2, k) for k in dir(b2)})


def summary(values):
    a = np.asarray([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    if a.size == 0:
        return None
    return {'n': int(a.size), 'mean': float(a.mean()), 'std': float(a.std(ddof=1)) if a.size > 1 else 0.0,
            'min': float(a.min()), 'max': float(a.max())}


def nan_to_none(x):
    x = float(x)
    return None if math.isnan(x) else x


# ---------------------------------------------------------------- statistics (as src/neurodynex computes them)

def mean_rate(rate_monitor, t_min, t_max=None):
    """Mean of the population rate over the samples with t_min <= t < t_max."""
    t = np.asarray(rate_monitor.t / b2.second)
    r = np.asarray(rate_monitor.rate / b2.Hz)
    sel = t >= t_min - 1e-12
    if t_max is not None:
        sel &= t < t_max - 1e-12
    return float(r[sel].mean())


def population_spectrum_peak(rate_monitor, t_init=0.1, delta_f=10.):
    """neurodynex3's get_population_activity_power_spectrum (N//2, mean subtracted) over as many
    pieces of 1/delta_f as fit after t_init; the frequency of the largest peak above 0 Hz."""
    data = np.asarray(rate_monitor.rate / b2.Hz, dtype=float)
    dt = float(rate_monitor.clock.dt / b2.second)
    n_signal = int(2. * (1. / (2. * dt)) / delta_f)  # as neurodynex3: N = 2 f_max / delta_f
    n_init = int(t_init / dt)
    k = (len(data) - n_init) // n_signal
    if k < 1:
        return None
    data = data[n_init:n_init + k * n_signal]
    data = data - np.mean(data)
    ps = np.mean(np.abs(np.fft.fft(data.reshape(k, n_signal))) ** 2, 0) * dt / n_signal
    freqs = np.fft.fftfreq(n_signal, dt)[:n_signal // 2]
    ps = ps[:n_signal // 2]
    return float(freqs[1 + np.argmax(ps[1:])])


def decision_time(rate_monitor_A, rate_monitor_B, avg_window_width=30 * b2.ms, rate_threshold=25 * b2.Hz):
    """The exercise's get_decision_time, as its hint suggests: first crossing of the smoothed rate, 0 if none."""
    out = []
    for m in (rate_monitor_A, rate_monitor_B):
        s = m.smooth_rate(window='flat', width=avg_window_width) / b2.Hz
        above = s > rate_threshold / b2.Hz
        out.append(float(np.argmax(above) * m.clock.dt / b2.second) if above.any() else 0.)
    return out


def theta(spike_monitor, N, t_min, t_max):
    """Population vector: preferred directions 360*(i+1/2)/N weighted by spike counts in [t_min, t_max)."""
    i = np.asarray(spike_monitor.i)
    t = np.asarray(spike_monitor.t / b2.second)
    sel = (t >= t_min) & (t < t_max)
    if not sel.any():
        return None
    return float(np.mean(360. * (i[sel] + .5) / N))


def subset_rate(spike_monitor, idx, t_min, t_max, inside=True):
    i = np.asarray(spike_monitor.i)
    t = np.asarray(spike_monitor.t / b2.second)
    member = np.isin(i, idx)
    if not inside:
        member = ~member
    n = len(idx) if inside else spike_monitor.source.N - len(idx)
    return float(np.sum(member & (t >= t_min) & (t < t_max)) / n / (t_max - t_min))


# ---------------------------------------------------------------- Brunel: neurodynex3's own code

BRUNEL_CONFIGS = [
    # The exercise's getting_started(): 2000 + 500 neurons, 800 ms, defaults otherwise.
    {'name': 'gettingStarted', 'params': {'NExcit': 2000, 'simTime': '800*ms'}},
    # The default parameters in a smaller network (C_E = 100).
    {'name': 'g4', 'params': {'NExcit': 1000, 'g': 4, 'poissonInputRate': '13*Hz', 'simTime': '500*ms'}},
    # Strong inhibition and input: a fast synchronous oscillation (about 180 Hz).
    {'name': 'g6_fast', 'params': {'NExcit': 1000, 'g': 6, 'poissonInputRate': '40*Hz', 'simTime': '500*ms'}},
    # Input below threshold rate (9 Hz < 10 Hz), inhibition-dominated: low, irregular rates.
    {'name': 'slow', 'params': {'NExcit': 1000, 'g': 4.5, 'poissonInputRate': '9*Hz', 'simTime': '500*ms'}},
    # No recurrence (w0 = 0), external input only, as in "Emergence of Synchronization".
    {'name': 'no_recurrence', 'params': {'NExcit': 1000, 'w0': '0*mV', 'wExternal': '0.1*mV', 'poissonInputRate': '13*Hz', 'simTime': '300*ms'}},
    # Random initial voltages, excitation-dominated (g = 2.5): the synchronization emerges.
    {'name': 'random_vm', 'params': {'NExcit': 1000, 'g': 2.5, 'poissonInputRate': '18*Hz', 'randomVmInit': True, 'simTime': '300*ms'}},
    # The module's full default size (5000 + 1250 neurons), for timings and a by-hand comparison (not in the tests).
    {'name': 'default_size', 'params': {'NExcit': 5000, 'simTime': '300*ms'}, 'seeds': 3, 'tests': False},
]

BRUNEL_KWARGS = {'NExcit': 'N_Excit', 'g': 'g', 'poissonInputRate': 'poisson_input_rate', 'simTime': 'sim_time',
                 'w0': 'w0', 'wExternal': 'w_external', 'randomVmInit': 'random_vm_init'}


def brunel_run(params, seed):
    b2.seed(seed)
    random.seed(seed)
    b2.defaultclock.dt = 0.05 * b2.ms
    kwargs = {BRUNEL_KWARGS[k]: (q(v) if isinstance(v, str) else v) for k, v in params.items()}
    t0 = time.time()
    rate_monitor, spike_monitor, _, _ = LIF_spiking_network.simulate_brunel_network(**kwargs)
    elapsed = time.time() - t0
    stats = spike_tools.get_spike_train_stats(spike_monitor, window_t_min=100. * b2.ms)
    return {
        'mean_rate': mean_rate(rate_monitor, 0.1),
        'cv': nan_to_none(stats.CV),
        'peak_frequency': population_spectrum_peak(rate_monitor),
        'num_spikes': int(spike_monitor.num_spikes),
    }, elapsed


# ---------------------------------------------------------------- decision making: spikeforge's formulation in Brian2

def dm_port(N_Excit=384, N_Inhib=96, weight_scaling_factor=5.33, t_stimulus_start=100 * b2.ms,
            t_stimulus_duration=9999 * b2.ms, coherence_level=0., stimulus_update_interval=30 * b2.ms,
            mu0_mean_stimulus_Hz=160., stimulus_std_Hz=20., N_extern=1000, firing_rate_extern=9.8 * b2.Hz,
            w_pos=1.90, f_Subpop_size=0.25, max_sim_time=1000. * b2.ms, dt=0.1 * b2.ms):
    """sim_decision_making_network with the NMDA sums as two-stage summed variables (through a one-neuron
    hub group) and the stimulus rates drawn before the run and played back by TimedArrays
    (src/neurodynex/decisionMaking.ts)."""
    from brian2 import NeuronGroup, Synapses, PoissonInput, PoissonGroup, TimedArray, PopulationRateMonitor, SpikeMonitor
    t_stimulus_end = t_stimulus_start + t_stimulus_duration
    N_Group_A = int(N_Excit * f_Subpop_size)
    N_Group_B = N_Group_A
    N_Group_Z = N_Excit - N_Group_A - N_Group_B
    ns = dict(
        Cm_excit=0.5 * b2.nF, G_leak_excit=25.0 * b2.nS, E_leak_excit=-70.0 * b2.mV, v_spike_thr_excit=-50.0 * b2.mV,
        v_reset_excit=-60.0 * b2.mV, Cm_inhib=0.2 * b2.nF, G_leak_inhib=20.0 * b2.nS, E_leak_inhib=-70.0 * b2.mV,
        v_spike_thr_inhib=-50.0 * b2.mV, v_reset_inhib=-60.0 * b2.mV, E_AMPA=0.0 * b2.mV, tau_AMPA=2.5 * b2.ms,
        E_GABA=-70.0 * b2.mV, tau_GABA=5.0 * b2.ms, E_NMDA=0.0 * b2.mV, tau_NMDA_s=100.0 * b2.ms, tau_NMDA_x=2. * b2.ms,
        alpha_NMDA=0.5 * b2.kHz,
        g_GABA_inhib2inhib=weight_scaling_factor * 1.25 * b2.nS, g_GABA_inhib2excit=weight_scaling_factor * 1.60 * b2.nS,
        g_AMPA_excit2excit=weight_scaling_factor * 0.012 * b2.nS, g_AMPA_excit2inhib=weight_scaling_factor * 0.015 * b2.nS,
        g_NMDA_excit2excit=weight_scaling_factor * 0.040 * b2.nS, g_NMDA_excit2inhib=weight_scaling_factor * 0.045 * b2.nS,
        w_pos=w_pos, w_neg=1. - f_Subpop_size * (w_pos - 1.) / (1. - f_Subpop_size))
    ns['w_ext2inhib'] = 1.62 * b2.nS / ns['g_AMPA_excit2inhib']
    ns['w_ext2excit'] = 2.1 * b2.nS / ns['g_AMPA_excit2excit']
    inhib_eqs = """
        s_NMDA_total : 1
        dv/dt = (
        - G_leak_inhib * (v-E_leak_inhib)
        - g_AMPA_excit2inhib * s_AMPA * (v-E_AMPA)
        - g_GABA_inhib2inhib * s_GABA * (v-E_GABA)
        - g_NMDA_excit2inhib * s_NMDA_total * (v-E_NMDA)/(1.0+1.0*exp(-0.062*v/volt)/3.57)
        )/Cm_inhib : volt (unless refractory)
        ds_AMPA/dt = -s_AMPA/tau_AMPA : 1
        ds_GABA/dt = -s_GABA/tau_GABA : 1
    """
    excit_eqs = """
        s_NMDA_total : 1
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
    """
    inhib = NeuronGroup(N_Inhib, inhib_eqs, threshold="v>v_spike_thr_inhib", reset="v=v_reset_inhib",
                        refractory=1 * b2.ms, method="rk2", namespace=ns, dt=dt)
    inhib.v = np.random.uniform(-54., -51., size=N_Inhib) * b2.mV
    pops = {}
    for key, N, lo, hi in (('A', N_Group_A, -70., -65.), ('B', N_Group_B, -70., -65.), ('Z', N_Group_Z, -60., -51.)):
        g = NeuronGroup(N, excit_eqs, threshold="v>v_spike_thr_excit", reset="v=v_reset_excit",
                        refractory=2 * b2.ms, method="rk2", namespace=ns, dt=dt)
        g.v = np.random.uniform(lo, hi, size=N) * b2.mV
        pops[key] = g
    targets = dict(pops, inhib=inhib)
    objs = [inhib] + list(pops.values())
    for key, g in targets.items():
        objs.append(PoissonInput(g, 's_AMPA', N_extern, firing_rate_extern, ns['w_ext2inhib'] if key == 'inhib' else ns['w_ext2excit']))

    def connect_all(src, tgt, on_pre):
        s = Synapses(src, tgt, on_pre=on_pre, delay=0.5 * b2.ms, namespace=ns)
        s.connect(p=1.)
        objs.append(s)

    for g in targets.values():
        connect_all(inhib, g, 's_GABA += 1.0')
    ampa = {'A': {'A': 'w_pos', 'B': 'w_neg', 'Z': '1.0', 'inhib': '1.0'},
            'B': {'A': 'w_neg', 'B': 'w_pos', 'Z': '1.0', 'inhib': '1.0'},
            'Z': {'A': '1.0', 'B': '1.0', 'Z': '1.0', 'inhib': '1.0'}}
    for src_key, src in pops.items():
        for tgt_key, tgt in targets.items():
            connect_all(src, tgt, 's_AMPA += ' + ampa[src_key][tgt_key])
    hub = NeuronGroup(1, 'sum_A : 1\nsum_B : 1\nsum_Z : 1', order=-1, dt=dt)
    objs.append(hub)
    for key, src in pops.items():
        s = Synapses(src, hub, model='sum_%s_post = s_NMDA_pre : 1 (summed)' % key)
        s.connect(p=1.)
        objs.append(s)
    nmda = {'A': 'w_pos*sum_A_pre + w_neg*sum_B_pre + w_neg*sum_Z_pre',
            'B': 'w_neg*sum_A_pre + w_pos*sum_B_pre + w_neg*sum_Z_pre',
            'Z': '1.0*sum_A_pre + 1.0*sum_B_pre + 1.0*sum_Z_pre',
            'inhib': '1.0*sum_A_pre + 1.0*sum_B_pre + 1.0*sum_Z_pre'}
    for key, tgt in targets.items():
        s = Synapses(hub, tgt, model='s_NMDA_total_post = %s : 1 (summed)' % nmda[key], namespace=ns)
        s.connect(p=1.)
        objs.append(s)
    for g in pops.values():
        s = Synapses(g, g, on_pre='x += 1.', delay=0.5 * b2.ms)
        s.connect(j='i')
        objs.append(s)
    interval = float(stimulus_update_interval / b2.second)
    ticks = int(math.ceil(math.ceil(float(max_sim_time / b2.second) / 0.1 - 1e-9) * 0.1 / interval - 1e-9)) + 1
    rate_A = np.zeros(ticks)
    rate_B = np.zeros(ticks)
    for k in range(ticks):
        t = k * stimulus_update_interval
        if t >= t_stimulus_start and t < t_stimulus_end:
            rate_A[k] = max(0, np.random.normal(mu0_mean_stimulus_Hz * (0.5 + 0.5 * coherence_level), stimulus_std_Hz))
            rate_B[k] = max(0, np.random.normal(mu0_mean_stimulus_Hz * (0.5 - 0.5 * coherence_level), stimulus_std_Hz))
    stim_A = TimedArray(rate_A * b2.Hz, dt=stimulus_update_interval)
    stim_B = TimedArray(rate_B * b2.Hz, dt=stimulus_update_interval)
    pg_A = PoissonGroup(N_Group_A, 'stim_A(t)', namespace={'stim_A': stim_A}, dt=dt)
    pg_B = PoissonGroup(N_Group_B, 'stim_B(t)', namespace={'stim_B': stim_B}, dt=dt)
    for pg, g in ((pg_A, pops['A']), (pg_B, pops['B'])):
        s = Synapses(pg, g, on_pre='s_AMPA+=w_ext2excit', namespace=ns)
        s.connect(j='i')
        objs += [pg, s]
    monitors = {}
    for key, g in targets.items():
        monitors[key] = (PopulationRateMonitor(g), SpikeMonitor(g))
        objs += list(monitors[key])
    b2.Network(*objs).run(max_sim_time)
    return {key: {'rate_monitor': m[0], 'spike_monitor': m[1]} for key, m in monitors.items()}


DM_GETTING_STARTED = {'NExcit': 341, 'NInhib': 85, 'weightScalingFactor': 6.0, 'tStimulusStart': '150*ms',
                      'tStimulusDuration': '350*ms', 'coherenceLevel': 0.9, 'wPos': 2.0, 'mu0MeanStimulusHz': 500,
                      'maxSimTime': '800*ms'}
DM_CONFIGS = [
    # The exercise's getting_started(): the strongly coherent stimulus makes "Left" (A) win.
    {'name': 'gettingStarted', 'params': DM_GETTING_STARTED,
     'windows': {'spontaneous': [0.05, 0.15], 'stimulus': [0.3, 0.5], 'end': [0.6, 0.8]}},
    # The defaults with a zero-coherence stimulus from 100 ms: one of A and B wins at random.
    {'name': 'zeroCoherence', 'params': {'maxSimTime': '1000*ms'},
     'windows': {'spontaneous': [0.0, 0.1], 'end': [0.8, 1.0]}},
]
DM_KWARGS = {'NExcit': 'N_Excit', 'NInhib': 'N_Inhib', 'weightScalingFactor': 'weight_scaling_factor',
             'tStimulusStart': 't_stimulus_start', 'tStimulusDuration': 't_stimulus_duration',
             'coherenceLevel': 'coherence_level', 'wPos': 'w_pos', 'mu0MeanStimulusHz': 'mu0_mean_stimulus_Hz',
             'maxSimTime': 'max_sim_time'}


def dm_kwargs(params):
    return {DM_KWARGS[k]: (q(v) if isinstance(v, str) else v) for k, v in params.items()}


def dm_statistics(result, windows):
    """Per window the mean rates of A, B, Z and inhib; the decision times; the winner's and loser's rates at the end."""
    out = {}
    for w, (a, b) in windows.items():
        for key in ('A', 'B', 'Z', 'inhib'):
            out['%s_%s' % (w, key)] = mean_rate(result[key]['rate_monitor'], a, b)
    tA, tB = decision_time(result['A']['rate_monitor'], result['B']['rate_monitor'])
    out['decision_A'] = 1.0 if tA > 0 and tB == 0 else 0.0
    out['decision_B'] = 1.0 if tB > 0 and tA == 0 else 0.0
    out['decision_time'] = max(tA, tB) if (tA > 0) != (tB > 0) else None
    a, b = windows['end']
    rates = sorted([mean_rate(result['A']['rate_monitor'], a, b), mean_rate(result['B']['rate_monitor'], a, b)])
    out['end_winner'] = rates[1]
    out['end_loser'] = rates[0]
    return out


def dm_original(params, seed):
    """neurodynex3's sim_decision_making_network, for the equivalence check."""
    b2.seed(seed)
    random.seed(seed)
    b2.defaultclock.dt = 0.1 * b2.ms
    kwargs = dm_kwargs(params)
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        r = decision_making.sim_decision_making_network(**kwargs)
    return {key: {'rate_monitor': r['rate_monitor_' + key], 'spike_monitor': r['spike_monitor_' + key]} for key in ('A', 'B', 'Z', 'inhib')}


# ---------------------------------------------------------------- working memory: spikeforge's formulation in Brian2

def wm_port(N_excitatory=1024, N_inhibitory=256, N_extern_poisson=1000, poisson_firing_rate=1.4 * b2.Hz,
            weight_scaling_factor=2., sigma_weight_profile=20., Jpos_excit2excit=1.6, stimulus_center_deg=180,
            stimulus_width_deg=40, stimulus_strength=0.07 * b2.namp, t_stimulus_start=0 * b2.ms,
            t_stimulus_duration=0 * b2.ms, sim_time=800. * b2.ms, dt=0.05 * b2.ms):
    """simulate_wm (without distractor) with the structured NMDA input as a summed variable of all-to-all
    synapses weighted by the ring kernel and the stimulus as a TimedArray I_stim(t, i) with dt = 1 ms
    (src/neurodynex/workingMemory.ts)."""
    from brian2 import NeuronGroup, Synapses, PoissonInput, TimedArray, PopulationRateMonitor, SpikeMonitor
    ns = dict(
        Cm_excit=0.5 * b2.nF, G_leak_excit=25.0 * b2.nS, E_leak_excit=-70.0 * b2.mV, v_firing_threshold_excit=-50.0 * b2.mV,
        v_reset_excit=-60.0 * b2.mV, Cm_inhib=0.2 * b2.nF, G_leak_inhib=20.0 * b2.nS, E_leak_inhib=-70.0 * b2.mV,
        v_firing_threshold_inhib=-50.0 * b2.mV, v_reset_inhib=-60.0 * b2.mV, E_AMPA=0.0 * b2.mV, tau_AMPA=.9 * 2.0 * b2.ms,
        E_GABA=-70.0 * b2.mV, tau_GABA=10.0 * b2.ms, E_NMDA=0.0 * b2.mV, tau_NMDA_s=.65 * 100.0 * b2.ms,
        tau_NMDA_x=.94 * 2.0 * b2.ms, alpha_NMDA=0.5 * b2.kHz, G_extern2inhib=2.38 * b2.nS, G_extern2excit=3.1 * b2.nS,
        G_inhib2inhib=1.024 * b2.nS * weight_scaling_factor, G_inhib2excit=1.336 * b2.nS * weight_scaling_factor,
        G_excit2excit=0.381 * b2.nS * weight_scaling_factor, G_excit2inhib=0.292 * b2.nS * weight_scaling_factor)
    t_stimulus_end = t_stimulus_start + t_stimulus_duration
    c = int(round(N_excitatory / 360. * stimulus_center_deg))
    w = int(round(N_excitatory / 360. * stimulus_width_deg / 2))
    stim_idx = [k % N_excitatory for k in range(c - w, c + w + 1)]
    tmp = math.sqrt(2. * math.pi) * sigma_weight_profile * erf(180. / math.sqrt(2.) / sigma_weight_profile) / 360.
    Jneg = (1. - Jpos_excit2excit * tmp) / (1. - tmp)
    kernel = np.array([Jneg + (Jpos_excit2excit - Jneg) * math.exp(-.5 * (360. * min(j, N_excitatory - j) / N_excitatory) ** 2 / sigma_weight_profile ** 2)
                       for j in range(N_excitatory)])
    ticks = max(1, int(math.ceil(float(sim_time / b2.ms) - 1e-9)))
    current = np.zeros(N_excitatory)
    rows = []
    for k in range(ticks):
        t = k * b2.ms
        if t >= t_stimulus_start and t < t_stimulus_end:
            current[stim_idx] = float(stimulus_strength)
        else:
            current[:] = 0
        rows.append(current.copy())
    ns['wm_stimulus'] = TimedArray(np.array(rows) * b2.amp, dt=1 * b2.ms)
    inhib = NeuronGroup(N_inhibitory, """
        s_NMDA_total : 1
        dv/dt = (
        - G_leak_inhib * (v-E_leak_inhib)
        - G_extern2inhib * s_AMPA * (v-E_AMPA)
        - G_inhib2inhib * s_GABA * (v-E_GABA)
        - G_excit2inhib * s_NMDA_total  * (v-E_NMDA)/(1.0+1.0*exp(-0.062*1e3*v/volt)/3.57)
        )/Cm_inhib : volt (unless refractory)
        ds_AMPA/dt = -s_AMPA/tau_AMPA : 1
        ds_GABA/dt = -s_GABA/tau_GABA : 1
    """, threshold="v>v_firing_threshold_inhib", reset="v=v_reset_inhib", refractory=1 * b2.ms, method="rk2", namespace=ns, dt=dt)
    inhib.v = np.random.uniform(-60., high=-50., size=N_inhibitory) * b2.mV
    s_ii = Synapses(inhib, inhib, on_pre="s_GABA += 1.0", delay=0.0 * b2.ms)
    s_ii.connect(condition="i!=j", p=1.0)
    p_i = PoissonInput(inhib, "s_AMPA", N_extern_poisson, poisson_firing_rate, 1.0)
    excit = NeuronGroup(N_excitatory, """
        I_stim = wm_stimulus(t, i) : amp
        s_NMDA_total : 1
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
    """, threshold="v>v_firing_threshold_excit", reset="v=v_reset_excit; x+=1.0", refractory=2 * b2.ms, method="rk2", namespace=ns, dt=dt)
    excit.v = np.random.uniform(-60., high=-50., size=N_excitatory) * b2.mV
    p_e = PoissonInput(excit, "s_AMPA", N_extern_poisson, poisson_firing_rate, 1.0)
    s_ie = Synapses(inhib, excit, on_pre="s_GABA += 1.0")
    s_ie.connect(p=1.0)
    s_ei = Synapses(excit, inhib, model="s_NMDA_total_post = s_NMDA_pre : 1 (summed)", method="rk2")
    s_ei.connect(p=1.0)
    s_ee = Synapses(excit, excit, model="w : 1 (constant)\ns_NMDA_total_post = w * s_NMDA_pre : 1 (summed)")
    s_ee.connect(p=1.0)
    s_ee.w = kernel[(np.asarray(s_ee.j) - np.asarray(s_ee.i)) % N_excitatory]
    rm_e, sm_e, rm_i, sm_i = PopulationRateMonitor(excit), SpikeMonitor(excit), PopulationRateMonitor(inhib), SpikeMonitor(inhib)
    b2.Network(inhib, s_ii, p_i, excit, p_e, s_ie, s_ei, s_ee, rm_e, sm_e, rm_i, sm_i).run(sim_time)
    return {'excit': {'rate_monitor': rm_e, 'spike_monitor': sm_e}, 'inhib': {'rate_monitor': rm_i, 'spike_monitor': sm_i}, 'stim_idx': stim_idx}


WM_GETTING_STARTED = {'dt': '0.1*ms', 'NExcitatory': 256, 'NInhibitory': 64, 'weightScalingFactor': 8,
                      'simTime': '500*ms', 'stimulusCenterDeg': 120, 'tStimulusStart': '100*ms',
                      'tStimulusDuration': '200*ms', 'stimulusStrength': '0.07*nA'}
WM_CONFIGS = [
    # The exercise's getting_started(): a weak stimulus, which ignites a bump in some runs only.
    {'name': 'gettingStarted', 'params': WM_GETTING_STARTED,
     'windows': {'spontaneous': [0.0, 0.1], 'stimulus': [0.1, 0.3], 'delay': [0.3, 0.5]}},
    # A stronger, shorter stimulus: the bump forms reliably and persists after the stimulus.
    {'name': 'strongStimulus', 'params': dict(WM_GETTING_STARTED, simTime='400*ms', stimulusStrength='0.3*nA', tStimulusDuration='100*ms'),
     'windows': {'spontaneous': [0.0, 0.1], 'stimulus': [0.1, 0.2], 'delay': [0.25, 0.4]}},
    # The module's full default size (1024 + 256 neurons, dt = 0.05 ms) with a stimulus at 180 deg; timings, by hand only.
    {'name': 'default_size', 'params': {'simTime': '500*ms', 'stimulusCenterDeg': 180, 'tStimulusStart': '100*ms',
                                        'tStimulusDuration': '200*ms', 'stimulusStrength': '0.07*nA'},
     'windows': {'spontaneous': [0.0, 0.1], 'stimulus': [0.1, 0.3], 'delay': [0.3, 0.5]}, 'seeds': 2, 'tests': False},
]
WM_KWARGS = {'dt': 'dt', 'NExcitatory': 'N_excitatory', 'NInhibitory': 'N_inhibitory',
             'weightScalingFactor': 'weight_scaling_factor', 'simTime': 'sim_time',
             'stimulusCenterDeg': 'stimulus_center_deg', 'tStimulusStart': 't_stimulus_start',
             'tStimulusDuration': 't_stimulus_duration', 'stimulusStrength': 'stimulus_strength'}


def wm_kwargs(params):
    return {WM_KWARGS[k]: (q(v) if isinstance(v, str) else v) for k, v in params.items()}


def wm_statistics(result, windows, N):
    out = {}
    idx = result['stim_idx']
    for w, (a, b) in windows.items():
        out['%s_excit' % w] = mean_rate(result['excit']['rate_monitor'], a, b)
        out['%s_inhib' % w] = mean_rate(result['inhib']['rate_monitor'], a, b)
        out['%s_stimulated' % w] = subset_rate(result['excit']['spike_monitor'], idx, a, b)
        out['%s_others' % w] = subset_rate(result['excit']['spike_monitor'], idx, a, b, inside=False)
    a, b = windows['delay']
    out['delay_theta'] = theta(result['excit']['spike_monitor'], N, a, b)
    return out


# ---------------------------------------------------------------- main

def run_configs(configs, runner):
    out = []
    for cfg in configs:
        seeds = SEEDS if 'seeds' not in cfg else list(range(1, 1 + (min(cfg['seeds'], 2) if QUICK else cfg['seeds'])))
        runs, seconds = {}, []
        for s in seeds:
            stats, elapsed = runner(cfg, s)
            seconds.append(elapsed)
            for k, v in stats.items():
                runs.setdefault(k, []).append(v)
            print('  %s seed %d: %s (%.1f s)' % (cfg['name'], s, ', '.join('%s=%s' % (k, 'None' if v is None else '%.4g' % v) for k, v in stats.items()), elapsed), flush=True)
        out.append({'name': cfg['name'], 'params': cfg['params'], 'windows': cfg.get('windows'), 'tests': cfg.get('tests', True),
                    'seeds': seeds, 'runs': runs, 'summary': {k: summary(v) for k, v in runs.items()},
                    'brian2_seconds': seconds})
    return out


def dm_runner(cfg, seed):
    b2.seed(seed)
    t0 = time.time()
    result = dm_port(**dm_kwargs(cfg['params']))
    elapsed = time.time() - t0
    return dm_statistics(result, cfg['windows']), elapsed


def wm_runner(cfg, seed):
    b2.seed(seed)
    t0 = time.time()
    result = wm_port(**wm_kwargs(cfg['params']))
    elapsed = time.time() - t0
    return wm_statistics(result, cfg['windows'], cfg['params'].get('NExcitatory', 1024)), elapsed


def equivalence():
    """How spikeforge's formulations (run in Brian2) compare with neurodynex3's originals."""
    out = {}
    # Working memory: with the same seed, Brian2 gives the same spikes for both (no random numbers are drawn in the
    # network_operations, and the summed variable adds the same numbers as the FFT up to rounding).
    wm = []
    for s in SEEDS[:2]:
        b2.seed(s)
        b2.defaultclock.dt = 0.1 * b2.ms
        p = wm_kwargs(WM_GETTING_STARTED)
        r = wm_port(**p)
        b2.seed(s)
        b2.defaultclock.dt = 0.1 * b2.ms
        orig = wm_model.simulate_wm(**{k: v for k, v in p.items() if k != 'dt'})
        same = bool(np.array_equal(np.asarray(orig[1].i), np.asarray(r['excit']['spike_monitor'].i)) and
                    np.allclose(np.asarray(orig[1].t), np.asarray(r['excit']['spike_monitor'].t)))
        wm.append({'seed': s, 'spikes_port': int(r['excit']['spike_monitor'].num_spikes), 'spikes_original': int(orig[1].num_spikes), 'identical_spikes': same})
        print('  working memory seed %d: port %d spikes, original %d, identical: %s' % (s, wm[-1]['spikes_port'], wm[-1]['spikes_original'], same), flush=True)
    out['working_memory_gettingStarted'] = wm
    # Decision making: statistics of the original over (some of) the seeds of the port's runs. The original is slow:
    # its network_operation runs in Python at every step.
    cfg = DM_CONFIGS[0]
    runs, seconds = {}, []
    seeds = SEEDS[:6]
    for s in seeds:
        t0 = time.time()
        stats = dm_statistics(dm_original(cfg['params'], s), cfg['windows'])
        seconds.append(time.time() - t0)
        for k, v in stats.items():
            runs.setdefault(k, []).append(v)
        print('  decision making (original) seed %d: A end %.1f Hz, decision time %s (%.1f s)' % (s, stats['end_A'], stats['decision_time'], seconds[-1]), flush=True)
    out['decision_making_gettingStarted_original'] = {'seeds': seeds, 'runs': runs, 'summary': {k: summary(v) for k, v in runs.items()}, 'brian2_seconds': seconds}
    return out


def timing():
    def measure(label, fn, seeds=(101, 102, 103)):
        fn(100)  # warm-up: Cython compilation
        seconds = []
        for s in seeds:
            t0 = time.time()
            fn(s)
            seconds.append(time.time() - t0)
        print('%-40s median %.2f s  (%s)' % (label, float(np.median(seconds)), ', '.join('%.2f' % x for x in seconds)), flush=True)

    def seeded(run):
        def fn(s):
            b2.seed(s)
            random.seed(s)
            run()
        return fn

    for cfg in BRUNEL_CONFIGS:
        measure('brunel / ' + cfg['name'], lambda s, cfg=cfg: brunel_run(cfg['params'], s))
    for cfg in DM_CONFIGS:
        measure('decision_making / ' + cfg['name'], seeded(lambda cfg=cfg: dm_port(**dm_kwargs(cfg['params']))))
    for cfg in WM_CONFIGS:
        measure('working_memory / ' + cfg['name'], seeded(lambda cfg=cfg: wm_port(**wm_kwargs(cfg['params']))), seeds=(101,) if cfg['name'] == 'default_size' else (101, 102, 103))
    measure('decision_making / gettingStarted (original)', lambda s: dm_original(DM_GETTING_STARTED, s), seeds=(101,))

    def wm_original(params):
        b2.defaultclock.dt = q(params.get('dt', '0.05*ms'))
        wm_model.simulate_wm(**{k: v for k, v in wm_kwargs(params).items() if k != 'dt'})
    for cfg in WM_CONFIGS:
        measure('working_memory / %s (original)' % cfg['name'], seeded(lambda cfg=cfg: wm_original(cfg['params'])), seeds=(101,))


def main():
    if TIMING:
        timing()
        return
    result = {
        'brian2_version': b2.__version__,
        'numpy_version': np.__version__,
        'codegen_target': 'cython',
        'neurodynex3': 'github:EPFL-LCN/neuronaldynamics-exercises@d7c4f07f',
        'generator': 'tools/brian2/neurodynex/make_network_statistics.py' + (' --quick' if QUICK else ''),
        'units': 'SI (second, hertz); angles in degrees',
        'tolerance': 'a spikeforge value x passes if |x - mean| <= 4 * std * sqrt(1 + 1/n) + floor, with mean, std, n '
                     'from the Brian2 runs (a prediction interval for one more run: a run of the same model falls '
                     'outside with probability < 1e-3 even with n = 12); floor: half the frequency resolution (5 Hz) '
                     'for peak frequencies, 1 spike per population and window for rates',
    }
    print('Brunel network', flush=True)
    result['brunel'] = run_configs(BRUNEL_CONFIGS, lambda cfg, s: brunel_run(cfg['params'], s))
    print('Decision making', flush=True)
    result['decision_making'] = run_configs(DM_CONFIGS, dm_runner)
    print('Working memory', flush=True)
    result['working_memory'] = run_configs(WM_CONFIGS, wm_runner)
    print('Equivalence with neurodynex3', flush=True)
    result['equivalence'] = equivalence()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(result, f, indent=1, allow_nan=False)
    print('wrote', os.path.relpath(OUT), os.path.getsize(OUT), 'bytes')


if __name__ == '__main__':
    main()

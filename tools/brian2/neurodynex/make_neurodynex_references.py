#!/usr/bin/env python3
"""Brian2 references for spikeforge's neurodynex port (src/neurodynex).

Calls the original neurodynex3 functions (github:EPFL-LCN/neuronaldynamics-exercises
@ d7c4f07f) with Brian2 2.5.1 (numpy target) and writes what they return to
test/fixtures/neurodynex/*.json, so the TypeScript tests can make the same calls
and compare. Run:

    MPLBACKEND=Agg PYTHONPATH=/path/to/neuronaldynamics-exercises \\
        /usr/bin/python3 tools/brian2/neurodynex/make_neurodynex_references.py

Notes on what is *not* a plain call of neurodynex3:
  * neurodynex3 sets ``defaultclock.dt`` as an import side effect (AdEx: 0.01 ms,
    exp_IF: 0.05 ms); the script sets the dt each module intends before every run
    (spikeforge gives each model its own dt instead of a global clock).
  * ``get_population_activity_power_spectrum`` and
    ``get_averaged_single_neuron_power_spectrum`` slice with ``N/2`` and so fail
    on Python 3; ``_fixed_*`` below are the same computations with ``N//2``.
  * ``get_noisy_current`` does not exist in neurodynex3: spikeforge defines it as
    ``mean + sigma * numpy.random.RandomState(seed).normal(size=n)`` on the step's
    samples, and the reference is exactly that numpy expression.
All quantities are written in SI units.
"""
import json
import math
import os
import random
import warnings

warnings.filterwarnings('ignore')

import numpy as np
import brian2 as b2

b2.prefs.codegen.target = 'numpy'
b2.BrianLogger.log_level_warn()

from neurodynex3.tools import input_factory, spike_tools  # noqa: E402
from neurodynex3.neuron_type import neurons  # noqa: E402
from neurodynex3.leaky_integrate_and_fire import LIF  # noqa: E402
from neurodynex3.exponential_integrate_fire import exp_IF  # noqa: E402
from neurodynex3.adex_model import AdEx  # noqa: E402
from neurodynex3.hodgkin_huxley import HH  # noqa: E402
from neurodynex3.phase_plane_analysis import fitzhugh_nagumo  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.abspath(os.path.join(HERE, '..', '..', '..', 'test', 'fixtures', 'neurodynex'))

META = {
    'brian2_version': b2.__version__,
    'numpy_version': np.__version__,
    'codegen_target': 'numpy',
    'neurodynex3': 'github:EPFL-LCN/neuronaldynamics-exercises@d7c4f07f',
    'generator': 'tools/brian2/neurodynex/make_neurodynex_references.py',
    'units': 'SI (second, volt, amp, hertz)',
}


def si(x):
    """Plain SI floats from a Quantity / array / scalar."""
    return np.asarray(x, dtype=float).tolist()


def scalar(x):
    """An SI float, or None for NaN (JSON has no NaN)."""
    x = float(x)
    return None if math.isnan(x) else x


def write(name, payload):
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name + '.json')
    with open(path, 'w') as f:
        json.dump(dict(META, **payload), f, separators=(',', ':'), allow_nan=False)
    print('wrote', os.path.relpath(path), os.path.getsize(path), 'bytes')


def trace(monitor, var, every):
    """Every `every`-th sample of the first recorded neuron, plus the last one."""
    values = np.asarray(getattr(monitor, var)[0], dtype=float)
    idx = list(range(0, len(values), every))
    if idx[-1] != len(values) - 1:
        idx.append(len(values) - 1)
    return {'step_indices': idx, 'values': values[idx].tolist()}


def spikes(spike_monitor):
    return {'count': int(spike_monitor.num_spikes), 't': si(spike_monitor.t)}


# ---------------------------------------------------------------- input factory

def input_factory_cases():
    us, ms, pA, nA, uA, kHz, Hz = b2.us, b2.ms, b2.pA, b2.nA, b2.uA, b2.kHz, b2.Hz
    calls = [
        ('step', dict(t_start=10, t_end=110, unit_time='1*ms', amplitude='2.5*nA'),
         lambda: input_factory.get_step_current(10, 110, 1 * ms, 2.5 * nA)),
        ('step', dict(t_start=10, t_end=30, unit_time='1*ms', amplitude='5*uA', append_zero=False),
         lambda: input_factory.get_step_current(10, 30, ms, 5 * uA, append_zero=False)),
        ('step', dict(t_start=0, t_end=0, unit_time='1*ms', amplitude='0.5*nA'),
         lambda: input_factory.get_step_current(0, 0, ms, 0.5 * nA)),
        ('step', dict(t_start=50, t_end=150, unit_time='1*ms', amplitude='0.5*pA'),
         lambda: input_factory.get_step_current(50, 150, 1. * ms, 0.5 * pA)),
        ('step', dict(t_start=0, t_end=9, unit_time='0.1*ms', amplitude='0.02*uA'),
         lambda: input_factory.get_step_current(0, 9, 0.1 * ms, .02 * uA)),
        ('ramp', dict(t_start=10, t_end=25, unit_time='1*ms', amplitude_start='20*uA', amplitude_end='50*uA'),
         lambda: input_factory.get_ramp_current(10, 25, ms, 20 * uA, 50 * uA)),
        ('ramp', dict(t_start=5, t_end=5, unit_time='1*ms', amplitude_start='1*nA', amplitude_end='2*nA'),
         lambda: input_factory.get_ramp_current(5, 5, ms, 1 * nA, 2 * nA)),
        ('ramp', dict(t_start=0, t_end=100, unit_time='0.1*ms', amplitude_start='-1*nA', amplitude_end='3*nA',
                      append_zero=False),
         lambda: input_factory.get_ramp_current(0, 100, 0.1 * ms, -1 * nA, 3 * nA, append_zero=False)),
        ('sinusoidal', dict(t_start=100, t_end=1100, unit_time='1*us', amplitude='2*uA', frequency='1.5*kHz',
                            direct_current='1.5*uA', phase_offset=math.pi / 6, append_zero=False),
         lambda: input_factory.get_sinusoidal_current(100, 1100, us, 2 * uA, 1.5 * kHz, 1.5 * uA,
                                                      phase_offset=math.pi / 6, append_zero=False)),
        ('sinusoidal', dict(t_start=500, t_end=1500, unit_time='0.1*ms', amplitude='2.5*nA', frequency='150*Hz',
                            direct_current='2*nA'),
         lambda: input_factory.get_sinusoidal_current(500, 1500, 0.1 * ms, 2.5 * nA, 150 * Hz, 2. * nA)),
        ('zero', dict(), lambda: input_factory.get_zero_current()),
        ('spikes', dict(t_spikes=[1, 5, 12], unit_time='1*ms', amplitude='3*nA'),
         lambda: input_factory.get_spikes_current([1, 5, 12], ms, 3 * nA)),
        ('spikes', dict(t_spikes=[7, 3], unit_time='0.5*ms', amplitude='1*pA', append_zero=False),
         lambda: input_factory.get_spikes_current([7, 3], 0.5 * ms, 1 * pA, append_zero=False)),
    ]
    cases = []
    for fn, args, make in calls:
        ta = make()
        values = np.asarray(ta.values, dtype=float)
        cases.append({'fn': fn, 'args': args, 'dt': float(ta.dt), 'shape': list(values.shape),
                      'values': values.tolist()})
    # spikeforge's get_noisy_current (see module docstring): the numpy expression it is defined by.
    for seed, (t0, t1, mean, sigma) in [(0, (10, 60, 0.5e-9, 0.1e-9)), (1234, (0, 20, 0.0, 2e-12))]:
        rs = np.random.RandomState(seed)
        values = np.zeros((t1 + 2, 1))
        values[t0:t1 + 1, 0] = rs.normal(mean, sigma, size=t1 - t0 + 1)
        cases.append({'fn': 'noisy', 'args': dict(t_start=t0, t_end=t1, unit_time='1*ms',
                                                  mean='%r*amp' % mean, sigma='%r*amp' % sigma, seed=seed),
                      'dt': 1e-3, 'shape': list(values.shape), 'values': values.tolist()})
    write('input_factory', {'description': 'neurodynex3.tools.input_factory arrays (TimedArray.values, SI amps)',
                            'cases': cases})


# ---------------------------------------------------------------- neuron types

def neuron_type_cases():
    # The quiz: which hidden class is Type I after random.seed(seed)?
    quiz = []
    for seed in range(16):
        random.seed(seed)
        neurons.neurontype_random_reassignment()
        quiz.append({'seed': seed, 'NeuronX': neurons.NeuronX().get_neuron_type(),
                     'NeuronY': neurons.NeuronY().get_neuron_type()})
    # f-I probes as the exercise describes them: step from 100 ms lasting 1000 ms, spikes above 0 mV.
    b2.defaultclock.dt = 0.1 * b2.ms
    probes = []
    for cls, amplitudes in [(neurons._NeuronTypeOne, [0.1, 0.3, 0.5, 1.0]), (neurons._NeuronTypeTwo, [0.3, 0.5, 1.0])]:
        neuron = cls()
        for amp in amplitudes:
            current = input_factory.get_step_current(100, 1100, b2.ms, amp * b2.pA)
            mon = neuron.run(current, 1200 * b2.ms)
            n, st, isi, mean_isi, rate, var_isi = spike_tools.get_spike_stats(mon, 0 * b2.mV)
            probes.append({'type': neuron.get_neuron_type(), 'amplitude_pA': amp, 'nr_of_spikes': int(n),
                           'spike_times': si(st), 'mean_isi': scalar(mean_isi), 'spike_rate': scalar(rate),
                           'var_isi': scalar(var_isi)})
    write('neuron_type', {'description': 'neurons.neurontype_random_reassignment after random.seed(seed); '
                                         'spike_tools.get_spike_stats(run(step 100..1100 ms), 0 mV), dt 0.1 ms',
                          'quiz': quiz, 'probes': probes})


# ---------------------------------------------------------------- LIF

def lif_cases():
    b2.defaultclock.dt = 0.1 * b2.ms
    runs = []

    def record(name, current, **kw):
        sm, sp = LIF.simulate_LIF_neuron(current, **kw)
        runs.append({'name': name, 'spikes': spikes(sp), 'v': trace(sm, 'v', 10)})

    record('test_pulse', input_factory.get_step_current(0, 9, 0.1 * b2.ms, .02 * b2.uA), simulation_time=1.1 * b2.ms)
    record('getting_started_step', input_factory.get_step_current(100, 200, b2.ms, 1.2 * b2.namp),
           simulation_time=300 * b2.ms)
    record('getting_started_sine', input_factory.get_sinusoidal_current(
        500, 1500, unit_time=0.1 * b2.ms, amplitude=2.5 * b2.namp, frequency=150 * b2.Hz,
        direct_current=2. * b2.namp), simulation_time=200 * b2.ms)

    random_sets = []
    probe = input_factory.get_step_current(5, 45, b2.ms, 10 * b2.namp)
    for seed in [0, 1, 42, 2024]:
        obfuscated = LIF.get_random_param_set(random_seed=seed)
        true_values = LIF._deobfuscate_params(obfuscated)
        sm, sp = LIF.simulate_random_neuron(probe, obfuscated)
        random_sets.append({'seed': seed, 'obfuscated': [float(x) for x in obfuscated],
                            'true': [float(x) for x in true_values], 'probe_spikes': spikes(sp)})
    write('lif', {'description': 'LIF.simulate_LIF_neuron runs (dt 0.1 ms, v every 10 steps) and '
                                 'get_random_param_set/simulate_random_neuron (probe: step 10 nA 5..45 ms)',
                  'dt': 1e-4, 'runs': runs, 'random_param_sets': random_sets})


# ---------------------------------------------------------------- exponential IF

def exp_if_cases():
    b2.defaultclock.dt = 0.05 * b2.ms
    runs = []
    current = input_factory.get_step_current(t_start=20, t_end=120, unit_time=b2.ms, amplitude=0.8 * b2.namp)
    sm, sp = exp_IF.simulate_exponential_IF_neuron(I_stim=current, simulation_time=180 * b2.ms)
    runs.append({'name': 'getting_started', 'spikes': spikes(sp), 'v': trace(sm, 'v', 20)})
    current = input_factory.get_step_current(0, 2, 1 * b2.ms, amplitude=8.5 * b2.namp)
    sm, sp = exp_IF.simulate_exponential_IF_neuron(I_stim=current, simulation_time=2.5 * b2.ms)
    runs.append({'name': 'test_pulse', 'spikes': spikes(sp), 'v': trace(sm, 'v', 1)})
    write('exp_if', {'description': 'exp_IF.simulate_exponential_IF_neuron, dt 0.05 ms (v every 20 steps)',
                     'dt': 5e-5, 'runs': runs})


# ---------------------------------------------------------------- AdEx

# Neuronal Dynamics, Table 6.1 (R = 500 Mohm, u_rest = -70 mV, rheobase -50 mV, Delta_T = 2 mV, 65 pA step).
ADEX_PATTERNS = {
    'tonic': dict(tau_m=20 * b2.ms, a=0.0 * b2.nS, tau_w=30.0 * b2.ms, b=60 * b2.pA, v_reset=-55 * b2.mV),
    'adapting': dict(tau_m=20 * b2.ms, a=0.0 * b2.nS, tau_w=100 * b2.ms, b=5.0 * b2.pA, v_reset=-55 * b2.mV),
    'initial_burst': dict(tau_m=5.0 * b2.ms, a=0.5 * b2.nS, tau_w=100 * b2.ms, b=7.0 * b2.pA, v_reset=-51 * b2.mV),
    'bursting': dict(tau_m=5.0 * b2.ms, a=-0.5 * b2.nS, tau_w=100 * b2.ms, b=7.0 * b2.pA, v_reset=-46 * b2.mV),
    'irregular': dict(tau_m=9.9 * b2.ms, a=-0.5 * b2.nS, tau_w=100 * b2.ms, b=7.0 * b2.pA, v_reset=-46 * b2.mV),
    'transient': dict(tau_m=10 * b2.ms, a=1.0 * b2.nS, tau_w=100 * b2.ms, b=10 * b2.pA, v_reset=-60 * b2.mV),
    'delayed': dict(tau_m=5.0 * b2.ms, a=-1.0 * b2.nS, tau_w=100 * b2.ms, b=10 * b2.pA, v_reset=-60 * b2.mV),
}


def adex_cases():
    runs = []
    current = input_factory.get_step_current(10, 200, 1. * b2.ms, 65.0 * b2.pA)
    for name, params in ADEX_PATTERNS.items():
        b2.defaultclock.dt = 0.01 * b2.ms
        sm, sp = AdEx.simulate_AdEx_neuron(I_stim=current, simulation_time=300 * b2.ms, **params)
        runs.append({'name': name, 'params': {k: float(v) for k, v in params.items()}, 'spikes': spikes(sp),
                     'v': trace(sm, 'v', 100), 'w': trace(sm, 'w', 100)})
    write('adex', {'description': 'AdEx.simulate_AdEx_neuron with the Table 6.1 firing-pattern parameters, '
                                  'step 65 pA 10..200 ms, 300 ms, dt 0.01 ms (v, w every 100 steps)',
                   'dt': 1e-5, 'runs': runs})


# ---------------------------------------------------------------- HH

def hh_cases():
    b2.defaultclock.dt = 0.1 * b2.ms
    current = input_factory.get_step_current(0, 1, b2.ms, 100. * b2.uA)
    sm = HH.simulate_HH_neuron(current, simulation_time=1. * b2.ms)
    vm = np.asarray(sm.vm[0], dtype=float)
    write('hh', {'description': 'HH.simulate_HH_neuron test: step 100 uA 0..1 ms, 1 ms, dt 0.1 ms',
                 'dt': 1e-4, 'test_pulse': {'vm': vm.tolist(), 'max_vm': float(vm.max())}})


# ---------------------------------------------------------------- FitzHugh-Nagumo

def fhn_cases():
    b2.defaultclock.dt = 0.1 * b2.ms
    trajectories = []
    for kw in [dict(), dict(v0=0., w0=0., I_ext=1.3), dict(v0=1., w0=2., I_ext=3., eps=0.4, a=5.0, tend=1.234)]:
        t, v, w = fitzhugh_nagumo.get_trajectory(**kw)
        idx = list(range(0, len(t), 10))
        if idx[-1] != len(t) - 1:
            idx.append(len(t) - 1)
        trajectories.append({'args': kw, 'n': len(t), 'step_indices': idx, 't_ms': np.asarray(t)[idx].tolist(),
                             'v_mV': np.asarray(v)[idx].tolist(), 'w_mV': np.asarray(w)[idx].tolist()})
    fixed = []
    for kw in [dict(), dict(I_ext=0.5), dict(I_ext=1.3), dict(I_ext=2.0, a=1.0), dict(I_ext=-1.0, eps=0.3, a=-0.5)]:
        v_fp, w_fp = fitzhugh_nagumo.get_fixed_point(**kw)
        fixed.append({'args': kw, 'v': float(v_fp), 'w': float(w_fp)})
    write('fitzhugh_nagumo', {'description': 'fitzhugh_nagumo.get_trajectory (every 10th sample, dt 0.1 ms) '
                                             'and get_fixed_point', 'trajectories': trajectories,
                              'fixed_points': fixed})


# ---------------------------------------------------------------- spike tools

def _fixed_population_activity_power_spectrum(rate_hz, delta_t, delta_f, k_repetitions, T_init,
                                              subtract_mean_activity):
    # neurodynex3's get_population_activity_power_spectrum with N//2 (see module docstring)
    data = np.asarray(rate_hz, dtype=float)
    f_max = 1. / (2. * delta_t)
    N_signal = int(2 * f_max / delta_f)
    N_init = int(T_init / delta_t)
    N_required = k_repetitions * N_signal + N_init
    data = data[:N_required][N_init:]
    average = np.mean(data)
    if subtract_mean_activity:
        data = data - average
    k_ps = np.abs(np.fft.fft(data.reshape(k_repetitions, N_signal))) ** 2
    ps = np.mean(k_ps, 0) * delta_t / N_signal
    freqs = np.fft.fftfreq(N_signal, delta_t)
    return freqs[:N_signal // 2], ps[:N_signal // 2], average


def _fixed_single_neuron_power_spectrum(trains, sampling_frequency, t_min, t_max, subtract_mean):
    # neurodynex3's get_averaged_single_neuron_power_spectrum (all neurons, N//2; see module docstring)
    dt = 1. / sampling_frequency
    window = t_max - t_min
    vector_length = 1 + int(math.ceil(window / dt))
    all_ps, rates, freq = [], [], None
    for st in trains:
        st = np.asarray(st)
        st = st[(st >= t_min) & (st < t_max)]
        vec = np.zeros(vector_length, int)
        vec[np.floor((st - t_min) / dt).astype(int)] = 1
        data = vec / 1e-3  # neurodynex3 divides the binary vector by b2.ms
        if subtract_mean:
            data = data - np.mean(data)
        n = data.size
        ps = np.abs(np.fft.fft(data)) ** 2 * dt / n
        freq = np.fft.fftfreq(n, dt)[:n // 2]
        all_ps.append(ps[:n // 2])
        rates.append(len(st) / window)
    return freq, np.mean(all_ps, 0), all_ps, float(np.sum([r * window for r in rates]) / len(trains) / window), rates


def spike_tools_cases():
    rng = np.random.RandomState(7)
    # Known spike trains (SpikeGeneratorGroup -> SpikeMonitor -> get_spike_train_stats).
    n_neurons, T = 6, 1.0
    trains = []
    for k in range(n_neurons):
        rate = 5. + 6. * k
        t = np.cumsum(rng.exponential(1. / rate, size=200))
        t = np.round(t[t < T] / 1e-4) * 1e-4
        trains.append(np.unique(t))
    trains[2] = np.array([])  # a silent neuron
    indices = np.concatenate([np.full(len(t), k) for k, t in enumerate(trains)]).astype(int)
    times = np.concatenate(trains)
    b2.start_scope()
    b2.defaultclock.dt = 0.1 * b2.ms
    gen = b2.SpikeGeneratorGroup(n_neurons, indices, times * b2.second)
    mon = b2.SpikeMonitor(gen)
    b2.run(T * b2.second)
    stats_cases = []
    for t_min, t_max in [(0. * b2.ms, None), (200 * b2.ms, 800 * b2.ms)]:
        stats = spike_tools.get_spike_train_stats(mon, window_t_min=t_min, window_t_max=t_max)
        stats_cases.append({'window_t_min': float(t_min), 'window_t_max': None if t_max is None else float(t_max),
                            'nr_neurons': stats.nr_neurons, 'nr_spikes': int(stats.nr_spikes),
                            'all_ISI': si(stats.all_ISI), 'mean_isi': scalar(stats.mean_isi),
                            'std_isi': scalar(stats.std_isi), 'CV': scalar(stats.CV)})
    mon_trains = [si(mon.spike_trains()[k]) for k in range(n_neurons)]

    freq, mean_ps, all_ps, mean_rate, rates = _fixed_single_neuron_power_spectrum(
        mon_trains, 1000., 0.1, 0.9, False)
    single = {'sampling_frequency': 1000., 'window_t_min': 0.1, 'window_t_max': 0.9, 'subtract_mean': False,
              'freq': si(freq), 'mean_ps': si(mean_ps), 'ps_neuron_1': si(all_ps[1]), 'mean_firing_rate': mean_rate,
              'firing_rates': rates}

    dt = 1e-3
    t = np.arange(2100) * dt
    rate = 20. + 15. * np.sin(2 * np.pi * 40. * t) + rng.normal(0., 5., size=t.size)
    populations = []
    for subtract in [False, True]:
        freqs, ps, avg = _fixed_population_activity_power_spectrum(rate, dt, 2.0, 4, 0.1, subtract)
        populations.append({'delta_f': 2.0, 'k_repetitions': 4, 'T_init': 0.1, 'subtract_mean_activity': subtract,
                            'freqs': si(freqs), 'ps': si(ps), 'average_population_rate': float(avg)})
    write('spike_tools', {
        'description': 'spike_tools.get_spike_train_stats on SpikeGeneratorGroup trains; single-neuron and '
                       'population power spectra (fixed for Python 3, see module docstring)',
        'spike_trains': {'i': indices.tolist(), 't': times.tolist(), 'N': n_neurons, 'duration': T},
        'monitor_spike_trains': mon_trains, 'stats': stats_cases, 'single_neuron_power_spectrum': single,
        'population': {'dt': dt, 'rate': rate.tolist(), 'spectra': populations}})


if __name__ == '__main__':
    input_factory_cases()
    neuron_type_cases()
    lif_cases()
    exp_if_cases()
    adex_cases()
    hh_cases()
    fhn_cases()
    spike_tools_cases()

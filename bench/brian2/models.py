"""The benchmark models of bench/models.ts, in Brian2, timed the same way.

Usage: /usr/bin/python3 bench/brian2/models.py <model> <numpy|cpp_standalone> [duration_ms]
Prints one JSON object: {"model", "mode", "run_s" (the simulation loop), "total_s" (incl. code generation/compilation), "spikes"}.
"""
import json
import shutil
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
from brian2 import *  # noqa: E402,F401,F403

model, mode = sys.argv[1], sys.argv[2]
duration = float(sys.argv[3]) * ms if len(sys.argv) > 3 else 1 * second
outdir = None
if mode == "cpp_standalone":
    outdir = tempfile.mkdtemp(prefix="spikeforge-bench-")
    set_device("cpp_standalone", directory=outdir, build_on_run=True)
else:
    prefs.codegen.target = "numpy"
seed(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
defaultclock.dt = 0.1 * ms

started = time.time()
if model == "lif":
    G = NeuronGroup(100000, "dv/dt = (v_rest - v + I)/tau : volt (unless refractory)", threshold="v > -50*mV",
                    reset="v = -60*mV", refractory=2 * ms, method="exact",
                    namespace=dict(v_rest=-70 * mV, tau=10 * ms, I=25 * mV))
    G.v = "-70*mV + 20*mV*i/N"
    mon = SpikeMonitor(G, record=False)
elif model == "hh":
    area = 20000 * umetre ** 2
    eqs = """
    dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
    dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
    dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
    dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
    I : amp
    """
    G = NeuronGroup(4000, eqs, threshold="v > -20*mV", refractory=3 * ms, method="exponential_euler",
                    namespace=dict(Cm=(1 * ufarad * cm ** -2) * area, gl=(5e-5 * siemens * cm ** -2) * area,
                                   El=-60 * mV, EK=-90 * mV, ENa=50 * mV, g_na=(100 * msiemens * cm ** -2) * area,
                                   g_kd=(30 * msiemens * cm ** -2) * area, VT=-63 * mV))
    G.v = -60 * mV
    G.I = "0.5*nA + i*1*nA/N"
    mon = SpikeMonitor(G, record=False)
elif model == "cuba":
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms, Vt=-50 * mV, Vr=-60 * mV, El=-49 * mV,
              we=(60 * 0.27 / 10) * mV, wi=(-20 * 4.5 / 10) * mV)
    P = NeuronGroup(4000, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="exact", namespace=ns)
    P.v = "Vr + rand() * (Vt - Vr)"
    Ce = Synapses(P, P, on_pre="ge += we", namespace=ns)
    Ci = Synapses(P, P, on_pre="gi += wi", namespace=ns)
    Ce.connect("i<3200", p=0.02)
    Ci.connect("i>=3200", p=0.02)
    mon = SpikeMonitor(P)
elif model == "cobahh":
    area = 20000 * umetre ** 2
    ns = dict(Cm=(1 * ufarad * cm ** -2) * area, gl=(5e-5 * siemens * cm ** -2) * area, El=-60 * mV, EK=-90 * mV,
              ENa=50 * mV, g_na=(100 * msiemens * cm ** -2) * area, g_kd=(30 * msiemens * cm ** -2) * area,
              VT=-63 * mV, taue=5 * ms, taui=10 * ms, Ee=0 * mV, Ei=-80 * mV, we=6 * nS, wi=67 * nS)
    eqs = """
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)-g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    """
    P = NeuronGroup(4000, eqs, threshold="v>-20*mV", refractory=3 * ms, method="exponential_euler", namespace=ns)
    Ce = Synapses(P[:3200], P, on_pre="ge+=we", namespace=ns)
    Ci = Synapses(P[3200:], P, on_pre="gi+=wi", namespace=ns)
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    P.v = "El + (randn() * 5 - 5)*mV"
    P.ge = "(randn() * 1.5 + 4) * 10.*nS"
    P.gi = "(randn() * 12 + 20) * 10.*nS"
    mon = SpikeMonitor(P)
else:
    raise SystemExit(f"unknown model {model}")

if mode == "numpy":
    # Brian2's runtime mode generates code at the first run; keep that out of the loop time.
    run(defaultclock.dt)
t0 = time.time()
run(duration)
t1 = time.time()
run_s = device._last_run_time if mode == "cpp_standalone" else t1 - t0
stats = {}
if model in ("cuba", "cobahh") and hasattr(mon, "spike_trains"):
    import numpy as np
    trains = mon.spike_trains()
    n = len(trains)
    stats["mean_rate_hz"] = float(mon.num_spikes) / n / float(duration)
    cvs = []
    for t in trains.values():
        isi = np.diff(np.asarray(t))
        if len(isi) >= 2:
            cvs.append(float(np.std(isi) / np.mean(isi)))
    stats["cv_isi"] = float(np.mean(cvs)) if cvs else None
print(json.dumps({"model": model, "mode": mode, "run_s": run_s, "total_s": t1 - started, "spikes": int(mon.num_spikes), **stats}))
if outdir:
    shutil.rmtree(outdir, ignore_errors=True)

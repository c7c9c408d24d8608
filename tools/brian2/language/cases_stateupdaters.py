"""
Equation sets for test/fixtures/language/stateupdaters.json.

Each entry: name, description, equations, namespace (fixture encoding, SI),
optional threshold/reset/refractory, and `init` (initial values in SI, used
for the numerical reference trajectory of deterministic systems).
"""

from harness import q, timed

METHODS = [None, "euler", "rk2", "rk4", "heun", "milstein", "exponential_euler",
           "exact", "linear", "independent"]

SETS = []


def add(name, description, equations, namespace=None, init=None, **kw):
    assert all(s["name"] != name for s in SETS), name
    SETS.append({
        "name": name,
        "description": description,
        "equations": equations,
        "namespace": namespace or {},
        "threshold": kw.get("threshold"),
        "reset": kw.get("reset"),
        "refractory": kw.get("refractory"),
        "init": init or {},
    })


add("lif", "leaky integrate-and-fire, constant parameters",
    "dv/dt = (E_L - v)/tau : volt",
    {"E_L": q(-70, "mV"), "tau": q(10, "ms")}, init={"v": -0.05})

add("lif_dimensionless", "dimensionless exponential decay",
    "dx/dt = -x/tau : 1", {"tau": q(5, "ms")}, init={"x": 1.0})

add("lif_param_tau", "LIF with per-neuron parameters (tau, E_L as parameters)",
    "dv/dt = (E_L - v)/tau : volt\ntau : second\nE_L : volt",
    init={"v": -0.05, "tau": 0.01, "E_L": -0.07})

add("lif_exp_syn", "LIF with current-based exponential synapse",
    "dv/dt = (E_L - v + R*I_syn)/tau : volt\ndI_syn/dt = -I_syn/tau_s : amp",
    {"E_L": q(-70, "mV"), "tau": q(10, "ms"), "tau_s": q(5, "ms"), "R": q(100, "Mohm")},
    init={"v": -0.065, "I_syn": 1e-10})

add("lif_exp_syn_same_tau", "LIF with exponential synapse, tau_s == tau (degenerate)",
    "dv/dt = (E_L - v + R*I_syn)/tau : volt\ndI_syn/dt = -I_syn/tau : amp",
    {"E_L": q(-70, "mV"), "tau": q(10, "ms"), "R": q(100, "Mohm")},
    init={"v": -0.065, "I_syn": 1e-10})

add("alpha_equal_taus", "alpha synapse, both time constants equal (Jordan block)",
    "dg/dt = (h - g)/tau : 1\ndh/dt = -h/tau : 1",
    {"tau": q(5, "ms")}, init={"g": 0.0, "h": 1.0})

add("alpha_two_taus", "bi-exponential synapse with two time constants",
    "dg/dt = (h - g)/tau_d : 1\ndh/dt = -h/tau_r : 1",
    {"tau_d": q(5, "ms"), "tau_r": q(1, "ms")}, init={"g": 0.0, "h": 1.0})

add("coba_lif", "conductance-based LIF (bilinear: conditionally linear)",
    "dv/dt = (g_L*(E_L - v) + g_e*(E_e - v) + g_i*(E_i - v))/C : volt\n"
    "dg_e/dt = -g_e/tau_e : siemens\ndg_i/dt = -g_i/tau_i : siemens",
    {"g_L": q(10, "nS"), "E_L": q(-60, "mV"), "E_e": q(0, "mV"), "E_i": q(-80, "mV"),
     "C": q(200, "pF"), "tau_e": q(5, "ms"), "tau_i": q(10, "ms")},
    init={"v": -0.06, "g_e": 5e-9, "g_i": 2e-9})

add("fitzhugh_nagumo", "FitzHugh-Nagumo (dimensionless, cubic)",
    "dv/dt = (v - v**3/3 - w + I)/tau : 1\ndw/dt = (v + a - b*w)/tau_w : 1",
    {"I": q(0.5, "1"), "a": q(0.7, "1"), "b": q(0.8, "1"), "tau": q(1, "ms"),
     "tau_w": q(12.5, "ms")}, init={"v": -1.0, "w": 1.0})

add("hh_neurodynex3", "Hodgkin-Huxley as in neurodynex3 (current as TimedArray)",
    "I_e = I_stim(t) : amp\n"
    "membrane_Im = I_e + gNa*m**3*h*(ENa-vm) + gl*(El-vm) + gK*n**4*(EK-vm) : amp\n"
    "alphah = .07*exp(-.05*vm/mV)/ms : Hz\n"
    "alpham = .1*(25*mV-vm)/(exp(2.5-.1*vm/mV)-1)/mV/ms : Hz\n"
    "alphan = .01*(10*mV-vm)/(exp(1-.1*vm/mV)-1)/mV/ms : Hz\n"
    "betah = 1./(1+exp(3.-.1*vm/mV))/ms : Hz\n"
    "betam = 4*exp(-.0556*vm/mV)/ms : Hz\n"
    "betan = .125*exp(-.0125*vm/mV)/ms : Hz\n"
    "dh/dt = alphah*(1-h)-betah*h : 1\n"
    "dm/dt = alpham*(1-m)-betam*m : 1\n"
    "dn/dt = alphan*(1-n)-betan*n : 1\n"
    "dvm/dt = membrane_Im/C : volt",
    {"El": q(10.6, "mV"), "EK": q(-12, "mV"), "ENa": q(115, "mV"),
     "gl": q(0.3, "msiemens"), "gK": q(36, "msiemens"), "gNa": q(120, "msiemens"),
     "C": q(1, "ufarad"), "I_stim": timed([0, 7, 7, 0], "uA", 0.5)},
    init={"vm": 0.0, "m": 0.05, "h": 0.6, "n": 0.32})

add("hh_traub_exprel", "Traub-Miles HH (COBAHH example) using exprel",
    "dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt\n"
    "dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)"
    "-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1\n"
    "dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5*mV))/ms*(1.-n)"
    "-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1\n"
    "dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)"
    "-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1\n"
    "I : amp",
    {"Cm": q(200, "pF"), "gl": q(10, "nS"), "El": q(-65, "mV"), "EK": q(-90, "mV"),
     "ENa": q(50, "mV"), "g_na": q(20, "uS"), "g_kd": q(6, "uS"), "VT": q(-63, "mV")},
    init={"v": -0.065, "m": 0.05, "h": 0.6, "n": 0.3, "I": 5e-10})

add("adex", "adaptive exponential integrate-and-fire",
    "dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I - w)/C : volt\n"
    "dw/dt = (a*(vm - EL) - w)/tauw : amp\nI : amp",
    {"gL": q(30, "nS"), "EL": q(-70.6, "mV"), "DeltaT": q(2, "mV"), "VT": q(-50.4, "mV"),
     "C": q(281, "pF"), "a": q(4, "nS"), "tauw": q(144, "ms")},
    threshold="vm > -40*mV", reset="vm = -70.6*mV; w += 0.0805*nA",
    init={"vm": -0.0706, "w": 0.0, "I": 1e-9})

add("izhikevich", "Izhikevich model (quadratic)",
    "dv/dt = (0.04*v**2/mV + 5*v + 140*mV - u + I)/ms : volt\n"
    "du/dt = a*(b*v - u)/ms : volt\nI : volt",
    {"a": q(0.02, "1"), "b": q(0.2, "1")},
    threshold="v >= 30*mV", reset="v = -65*mV; u += 8*mV",
    init={"v": -0.065, "u": -0.013, "I": 0.01})

add("timedarray_input", "LIF driven by a TimedArray I(t)",
    "dv/dt = (E_L - v + R*I_stim(t))/tau : volt",
    {"E_L": q(-70, "mV"), "tau": q(10, "ms"), "R": q(100, "Mohm"),
     "I_stim": timed([0, 0.1, 0.2, 0.1], "nA", 0.1)}, init={"v": -0.07})

add("explicit_t", "LIF with sinusoidal input depending on t",
    "dv/dt = (E_L - v + A*sin(2*pi*f*t))/tau : volt",
    {"E_L": q(-70, "mV"), "tau": q(10, "ms"), "A": q(5, "mV"), "f": q(100, "Hz")},
    init={"v": -0.07})

add("t_times_state", "linear in v but coefficient depends on t",
    "dv/dt = -v*t/tau**2 : volt", {"tau": q(1, "ms")}, init={"v": 0.01})

add("subexpressions", "current balance through chained subexpressions",
    "dv/dt = I_tot/C : volt\nI_tot = I_leak + I_ext : amp\n"
    "I_leak = g_L*(E_L - v) : amp\nI_ext : amp",
    {"C": q(200, "pF"), "g_L": q(10, "nS"), "E_L": q(-70, "mV")},
    init={"v": -0.06, "I_ext": 2e-10})

add("subexpression_of_t", "subexpression depending on t (time-varying input)",
    "dv/dt = (I - v)/tau : volt\nI = A*sin(2*pi*t/(5*ms)) : volt",
    {"tau": q(10, "ms"), "A": q(2, "mV")}, init={"v": 0.0})

add("unless_refractory", "LIF clamped during refractoriness",
    "dv/dt = (E_L - v + I)/tau : volt (unless refractory)\nI : volt",
    {"E_L": q(-70, "mV"), "tau": q(10, "ms")},
    threshold="v > -50*mV", reset="v = -70*mV", refractory=q(2, "ms"),
    init={"v": -0.07, "I": 0.025})

add("unless_refractory_two_vars", "only one of two variables clamped",
    "dv/dt = (w - v)/tau : volt (unless refractory)\ndw/dt = -w/tau_w : volt",
    {"tau": q(10, "ms"), "tau_w": q(20, "ms")},
    threshold="v > 10*mV", reset="v = 0*mV", refractory="3*ms",
    init={"v": 0.0, "w": 0.02})

add("additive_noise", "Ornstein-Uhlenbeck process (additive xi)",
    "dv/dt = (mu - v)/tau + sigma*sqrt(2/tau)*xi : volt",
    {"mu": q(-60, "mV"), "tau": q(10, "ms"), "sigma": q(2, "mV")})

add("multiplicative_noise", "geometric noise v*xi",
    "dv/dt = -v/tau + s*v*xi*tau**-0.5 : volt", {"tau": q(10, "ms"), "s": q(0.1, "1")})

add("two_noise_sources_one_eq", "two independent noise terms in one equation",
    "dv/dt = -v/tau + sigma1*xi_1*tau**-0.5 + sigma2*xi_2*tau**-0.5 : volt",
    {"tau": q(10, "ms"), "sigma1": q(1, "mV"), "sigma2": q(0.5, "mV")})

add("two_noise_sources_two_eqs", "one independent noise term per equation",
    "dv/dt = (w - v)/tau + sigma*xi_v*tau**-0.5 : volt\n"
    "dw/dt = -w/tau + sigma*xi_w*tau**-0.5 : volt",
    {"tau": q(10, "ms"), "sigma": q(1, "mV")})

add("coupled_linear_3", "3-variable coupled linear system (real eigenvalues)",
    "dx/dt = (-x + 0.5*y)/tau : 1\ndy/dt = (-2*y + 0.3*z)/tau : 1\ndz/dt = (-3*z + 1)/tau : 1",
    {"tau": q(10, "ms")}, init={"x": 1.0, "y": 0.5, "z": 0.0})

add("damped_oscillator", "linear system with complex eigenvalues",
    "dx/dt = y/tau : 1\ndy/dt = (-x - 0.2*y)/tau : 1",
    {"tau": q(1, "ms")}, init={"x": 1.0, "y": 0.0})

add("pure_integrator", "dv/dt = I/C with parameter I (RHS independent of v)",
    "dv/dt = I/C : volt\nI : amp", {"C": q(200, "pF")}, init={"v": 0.0, "I": 1e-10})

add("constant_rhs", "dv/dt = const", "dv/dt = 1*mV/ms : volt", init={"v": 0.0})

add("nonlinear_sqrt", "nonlinear: sqrt/abs of the state",
    "dv/dt = -sqrt(abs(v)/mV)*mV/tau : volt", {"tau": q(10, "ms")}, init={"v": 0.004})

add("rate_clip", "rate model with clip()",
    "dr/dt = (clip(I, 0*Hz, 100*Hz) - r)/tau : Hz\nI : Hz",
    {"tau": q(10, "ms")}, init={"r": 0.0, "I": 150.0})

add("constant_over_dt_noise", "subexpression with rand() marked 'constant over dt'",
    "dv/dt = (n - v)/tau : volt\nn = sigma*randn() : volt (constant over dt)",
    {"tau": q(10, "ms"), "sigma": q(1, "mV")})

add("integer_param", "integer parameter used as coefficient",
    "dv/dt = -k*v/tau : volt\nk : integer", {"tau": q(10, "ms")},
    init={"v": 0.01, "k": 2})

add("shared_param", "shared (scalar) parameter in the RHS",
    "dv/dt = (E - v)/tau : volt\nE : volt (shared)", {"tau": q(10, "ms")},
    init={"v": 0.0, "E": 0.01})

"""
Sample expressions for test/fixtures/language/functions.json.

Every expression is evaluated as ``r = <expr>`` in a ``run_regularly``
operation of a 1-neuron NeuronGroup (numpy target), with ``r`` declared with
the dtype Brian infers for the expression ('float' -> ``: 1``, 'integer' ->
``: integer``, 'boolean' -> ``: boolean``).

VARS are per-neuron parameters available in every evaluation (so that the
"vector" code path is used, as opposed to literal-only expressions which end
up in the "scalar" code block and may be constant-folded by sympy).
"""

# name: (type, value)
VARS = {
    "a": ("integer", 7),
    "b": ("integer", 2),
    "c": ("integer", -7),
    "d": ("integer", -2),
    "zi": ("integer", 0),
    "x": ("float", -2.5),
    "y": ("float", 0.5),
    "z": ("float", 0.0),
    "w": ("float", 7.5),
    "bt": ("boolean", True),
    "bf": ("boolean", False),
}

SAMPLES = []


def add(group, *exprs, note=""):
    for e in exprs:
        SAMPLES.append({"group": group, "expression": e, "note": note})


# --- int() --------------------------------------------------------------------
add("int", "int(-2.5)", "int(2.5)", "int(-0.5)", "int(3.9999)", "int(x)", "int(w)",
    "int(True)", "int(False)", "int(bt)", "int(a)", "int(-1e-300)")
# --- modulo -------------------------------------------------------------------
add("mod", "-7 % 3", "7 % -3", "7 % 3", "-7.5 % 2", "7.5 % -2", "c % 3", "a % d",
    "c % d", "x % 2", "w % -2", "a % zi", "w % z", "x % 1", "5.5 % 0.5")
# --- floor division -------------------------------------------------------------
add("floordiv", "7 // -2", "-7 // 2", "7 // 2", "7.5 // 2", "-7.5 // 2", "a // d",
    "c // b", "a // b", "w // b", "x // 1", "a // zi", "w // z", "-a // b")
# --- true division ----------------------------------------------------------------
add("div", "7 / 2", "1 / 3", "-7 / 2", "a / b", "c / b", "a / zi", "w / z", "z / z",
    "1 / 0", "1.0 / 0", "0 / 0", "a / b * b", "a * 1.0 / b", "1 / a")
# --- power ----------------------------------------------------------------------
add("pow", "-2**2", "2**-1", "2**3**2", "(-2)**2", "(-8)**(1/3)", "0**0", "2**0.5",
    "10**-2", "a**b", "a**d", "b**-1", "x**2", "-x**2", "x**0.5", "y**-1",
    "a**0.5", "z**-1", "z**0", "zi**0", "(-x)**0.5")
# --- rounding -------------------------------------------------------------------
add("rounding", "floor(-0.5)", "ceil(-0.5)", "floor(2)", "floor(a)", "floor(x)",
    "ceil(x)", "floor(w)", "ceil(-0.0)", "floor(bt)")
# --- sign / abs -----------------------------------------------------------------
add("sign", "sign(0)", "sign(-3)", "sign(2.5)", "sign(-0.0)", "sign(z)", "sign(x)",
    "sign(c)", "sign(a)", "sign(0*x)")
add("abs", "abs(-3)", "abs(-2.5)", "abs(c)", "abs(x)", "abs(-0.0)", "abs(bt)")
# --- clip -----------------------------------------------------------------------
add("clip", "clip(1.5, 0, 1)", "clip(-1, 0, 1)", "clip(0.5, 0, 1)", "clip(0.5, 1, 0)",
    "clip(x, 0, 1)", "clip(w, 0, 1)", "clip(a, 0, 5)", "clip(a, 0.5, 5.5)",
    "clip(x, -inf, 0)", "clip(x, 0, inf)", "clip(y, z, a)")
# --- exprel ---------------------------------------------------------------------
add("exprel", "exprel(0)", "exprel(1e-10)", "exprel(-1e-10)", "exprel(1e-5)", "exprel(1)",
    "exprel(-1)", "exprel(-50)", "exprel(800)", "exprel(-800)", "exprel(z)", "exprel(x)",
    "exprel(a)", "exprel(1e-16)")
# --- exp/log family ---------------------------------------------------------------
add("explog", "exp(1)", "exp(0)", "exp(-800)", "exp(800)", "exp(x)", "exp(a)",
    "log(0)", "log(-1)", "log(e)", "log(x)", "log(a)", "log10(1000)", "log10(0)",
    "log10(a)", "expm1(1e-10)", "expm1(1)", "log1p(1e-10)", "log1p(-1)", "log1p(x)",
    "sqrt(4)", "sqrt(-1)", "sqrt(a)", "sqrt(x)", "sqrt(z)")
# --- trigonometric -------------------------------------------------------------------
add("trig", "sin(pi)", "cos(pi)", "tan(pi/4)", "sin(a)", "sinh(1)", "cosh(1)", "tanh(1)",
    "tanh(800)", "arcsin(1)", "arccos(-1)", "arctan(1)", "arcsin(2)", "arctan(inf)",
    "cos(x)")
# --- timestep --------------------------------------------------------------------
add("timestep", "timestep(1*ms, 0.1*ms)", "timestep(0.3*ms, 0.1*ms)",
    "timestep(0.29999*ms, 0.1*ms)", "timestep(-0.1*ms, 0.1*ms)", "timestep(t, dt)",
    "timestep(0.7*ms, 0.1*ms)", "timestep(0.05*ms, 0.1*ms)")
# --- random (value not deterministic across implementations) ------------------------
add("random", "poisson(0)", "poisson(-1)", note="poisson(0) is always 0")
# --- constants --------------------------------------------------------------------
add("constants", "pi", "e", "inf", "-inf", "inf - inf", "inf * 0", "-inf < inf")
# --- booleans & precedence ------------------------------------------------------------
add("precedence", "not 1 < 2", "1 < 2 < 3", "a < b == bt", "True + True", "True * 3",
    "bt + bt", "bt * 3", "bt + 1.5", "not bt", "not a", "bt and bf", "bt or bf",
    "bt and a", "a > b and b > 0", "-bt", "not -1", "1 and 0", "a == 7", "x == -2.5",
    "a != 7", "a >= 7.0", "-a**2", "-(-3)", "+3", "3 - -3", "2*3**2", "-2**-2",
    "(1 < 2) == True", "a < b < c", "1 if bt else 0", "2 ^ 3", "7 & 3", "1 << 2",
    "~a", "a < b or x < y and bt", "True == 1")
# --- integer arithmetic type rules -------------------------------------------------------
add("integer-rules", "a + b", "a - c", "a * b", "a * 1.0", "a + 0.5", "a + bt",
    "a * y", "b ** 2", "b ** 2.0", "-a", "a / b", "a // b", "a % b", "a / 1",
    "int(a / b)", "int(a) / int(b)", "2 * a // 3", "a // b * b + a % b")

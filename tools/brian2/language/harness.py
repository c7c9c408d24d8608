"""
Shared helpers for the Brian2 language catalogue (see make_catalogue.py).

Everything here runs Brian2 2.5.1 with the numpy target in the current
process.  Each case is run in a fresh ``start_scope()`` with an explicit
(group) namespace and an explicit empty run namespace, so that nothing leaks
from the Python frames of this script into name resolution.
"""

import logging
import math
import re
import sys
import warnings

warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402

import brian2  # noqa: E402
from brian2 import (  # noqa: E402
    NeuronGroup,
    Quantity,
    TimedArray,
    defaultclock,
    ms,
    prefs,
    run,
    seed,
    start_scope,
)
from brian2.core.base import BrianObjectException  # noqa: E402
from brian2.units.fundamentalunits import (  # noqa: E402
    DIMENSIONLESS,
    get_dimensions,
)
from brian2.stateupdaters.base import StateUpdateMethod  # noqa: E402
from brian2.utils.logger import BrianLogger  # noqa: E402

prefs.codegen.target = "numpy"

# ---------------------------------------------------------------------------
# Log capture
# ---------------------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=1)
        self.records = []

    def emit(self, record):
        self.records.append((record.levelname, record.name, record.getMessage()))


CAPTURE = _Capture()
_brian_logger = logging.getLogger("brian2")
for _h in list(_brian_logger.handlers):
    _brian_logger.removeHandler(_h)
_brian_logger.addHandler(CAPTURE)
_brian_logger.setLevel(1)
_brian_logger.propagate = False
for _name in ("py.warnings",):
    for _h in list(logging.getLogger(_name).handlers):
        logging.getLogger(_name).removeHandler(_h)
    logging.getLogger(_name).propagate = False
# Brian installs an excepthook that logs through the (now removed) handlers
sys.excepthook = sys.__excepthook__


def reset_logs():
    CAPTURE.records.clear()
    BrianLogger._log_messages.clear()
    # apply_stateupdater is @cached: a cache hit would not log the method
    # choice again, so clear the cache for every case (determinism)
    StateUpdateMethod.apply_stateupdater._cache.clear()


_METHOD_RE = re.compile(r"using method '([^']+)'")
_TIMING_RE = re.compile(r" \(took [0-9.]+s(, trying other methods took [0-9.]+s)?\)")


def captured_warnings():
    out = []
    for level, name, msg in CAPTURE.records:
        if level in ("WARNING", "ERROR"):
            suffix = name[len("brian2.") :] if name.startswith("brian2.") else name
            out.append({"logger": suffix, "message": _TIMING_RE.sub("", msg)})
    return out


def captured_method_choice():
    """Return (method, tried_others) from the INFO 'method_choice' log."""
    for level, name, msg in CAPTURE.records:
        if name.endswith("method_choice") and level == "INFO":
            m = _METHOD_RE.search(msg)
            if m:
                return m.group(1), ("trying other methods" in msg)
    return None, None


# ---------------------------------------------------------------------------
# Namespace / value encoding
# ---------------------------------------------------------------------------

_UNIT_NS = {k: getattr(brian2, k) for k in dir(brian2) if not k.startswith("_")}


def unit_of(unit_str):
    if unit_str == "1":
        return DIMENSIONLESS
    return get_dimensions(eval(unit_str, dict(_UNIT_NS)))


def scale_of(unit_str):
    if unit_str == "1":
        return 1.0
    return float(eval(unit_str, dict(_UNIT_NS)))


def q(value_in_unit, unit_str, type_=None):
    """Namespace spec entry: value given in `unit_str`, stored in SI."""
    if type_ == "int":
        return {"value": int(value_in_unit), "unit": "1", "type": "int"}
    if type_ == "bool":
        return {"value": bool(value_in_unit), "unit": "1", "type": "bool"}
    si = float(value_in_unit) * scale_of(unit_str)
    # round away float noise from the unit multiplication (e.g. 10*ms)
    si = float(f"{si:.15g}")
    return {"value": si, "unit": unit_str}


def timed(values_in_unit, unit_str, dt_ms):
    return {
        "type": "timedarray",
        "values": [float(f"{v * scale_of(unit_str):.15g}") for v in values_in_unit],
        "unit": unit_str,
        "dt": float(f"{dt_ms * 1e-3:.15g}"),
    }


def build_value(spec):
    t = spec.get("type")
    if t == "int":
        return int(spec["value"])
    if t == "bool":
        return bool(spec["value"])
    if t == "timedarray":
        dim = unit_of(spec["unit"])
        vals = np.array(spec["values"])
        if dim is not DIMENSIONLESS:
            vals = Quantity(vals, dim=dim)
        return TimedArray(vals, dt=spec["dt"] * brian2.second)
    dim = unit_of(spec["unit"])
    if dim is DIMENSIONLESS:
        return float(spec["value"])
    return Quantity(spec["value"], dim=dim)


def build_namespace(ns):
    return {k: build_value(v) for k, v in (ns or {}).items()}


def encode_float(x):
    """JSON-safe float encoding (non-finite values become strings)."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def encode_param(value):
    """Encode a refractory/threshold-like argument for JSON."""
    if value is None or value is False:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value
    raise TypeError(value)


# ---------------------------------------------------------------------------
# Exception description
# ---------------------------------------------------------------------------


def exc_message(ex):
    if isinstance(ex, KeyError) and len(ex.args) == 1 and isinstance(ex.args[0], str):
        return ex.args[0]
    return str(ex)


def describe_exception(ex):
    """Unwrap BrianObjectException; return dict with type/message/chain."""
    out = {}
    if isinstance(ex, BrianObjectException):
        out["wrapped_by"] = "BrianObjectException"
        m = re.search(r"Error encountered with object named '([^']+)'", str(ex))
        out["error_object"] = m.group(1) if m else None
        inner = ex.__cause__ if ex.__cause__ is not None else ex.__context__
        if inner is not None:
            ex = inner
    out["error_type"] = type(ex).__name__
    out["error_message"] = exc_message(ex)
    chain = []
    cur = ex
    seen = set()
    while True:
        nxt = cur.__cause__
        if nxt is None and not cur.__suppress_context__:
            nxt = cur.__context__
        if nxt is None or id(nxt) in seen:
            break
        seen.add(id(nxt))
        chain.append({"type": type(nxt).__name__, "message": exc_message(nxt)})
        cur = nxt
    out["error_chain"] = chain
    return out


# ---------------------------------------------------------------------------
# Running a NeuronGroup case
# ---------------------------------------------------------------------------


def _refractory_value(spec):
    if spec is None:
        return False
    if isinstance(spec, str):
        return spec
    if isinstance(spec, dict):
        return build_value(spec)
    raise TypeError(spec)


def run_group_case(case, duration_ms=1.0):
    """Run one acceptance case; returns a dict with the outcome fields."""
    start_scope()
    defaultclock.dt = 0.1 * ms
    seed(4321)
    reset_logs()
    stage = "equations"
    result = {}
    group = None
    try:
        eqs = brian2.Equations(case["equations"])
        stage = "neurongroup"
        kwds = {}
        for key in ("threshold", "reset"):
            val = case.get(key)
            if val is not None:
                kwds[key] = build_value(val) if isinstance(val, dict) else val
        if case.get("refractory") is not None:
            kwds["refractory"] = _refractory_value(case["refractory"])
        if case.get("method") is not None:
            kwds["method"] = case["method"]
        group = NeuronGroup(
            case.get("N", 1),
            eqs,
            namespace=build_namespace(case.get("namespace")),
            name="neurongroup",
            **kwds,
        )
        for name, val in (case.get("init") or {}).items():
            setattr(group, name, val)
        stage = "run"
        run(duration_ms * ms, namespace={})
        result.update(
            {"accepted": True, "stage": None, "error_type": None, "error_message": None}
        )
    except Exception as ex:  # noqa: BLE001
        d = describe_exception(ex)
        result.update(
            {
                "accepted": False,
                "stage": stage,
                "error_type": d["error_type"],
                "error_message": d["error_message"],
            }
        )
        if d["error_chain"]:
            result["error_chain"] = d["error_chain"]
        if "error_object" in d:
            result["error_object"] = d["error_object"]
    method, tried_others = captured_method_choice()
    if case.get("method") is None and method is not None:
        result["method_chosen"] = method
        result["method_fallback"] = bool(tried_others)
    w = captured_warnings()
    if w:
        result["warnings"] = w
    return result


# ---------------------------------------------------------------------------
# Evaluating a single expression (functions.json)
# ---------------------------------------------------------------------------

_RESULT_VAR = {"float": ("r_f", "1"), "integer": ("r_i", "integer"),
               "boolean": ("r_b", "boolean")}

_BOILERPLATE = ("import numpy", "from brian2.codegen", "_vectorisation_idx")


def _strip_code(code):
    lines = []
    for line in str(code).splitlines():
        s = line.strip()
        if not s or s.startswith(_BOILERPLATE):
            continue
        if s.startswith("#"):
            lines.append(s)
            continue
        # plain loads/stores of arrays are uninteresting
        if re.match(r"^\w+ = _array_\w+(\[0\])?(\.copy\(\))?$", s):
            continue
        if re.match(r"^_array_\w+\[:\] = \w+$", s):
            continue
        lines.append(s)
    return "\n".join(lines)


def _encode_value(val, dtype):
    if dtype == "boolean":
        return bool(val)
    if dtype == "integer":
        return int(val)
    return encode_float(val)


def _fresh_eval_group(var_specs):
    start_scope()
    defaultclock.dt = 0.1 * ms
    seed(4321)
    reset_logs()
    decl = "\n".join(
        f"{name} : {'1' if t == 'float' else t}" for name, (t, _) in var_specs.items()
    )
    decl += "\nr_f : 1\nr_i : integer\nr_b : boolean"
    group = NeuronGroup(1, decl, namespace={}, name="neurongroup")
    for name, (t, val) in var_specs.items():
        getattr(group, name)[:] = val
    return group


def _run_assignment(expr, var_specs, rvar, dtype):
    """Run `rvar = expr` once; return (value, stripped numpy code) or raise."""
    group = _fresh_eval_group(var_specs)
    op = group.run_regularly(f"{rvar} = {expr}", dt=defaultclock.dt, name="evaluator")
    run(defaultclock.dt, namespace={})
    return _encode_value(getattr(group, rvar)[0], dtype), _strip_code(op.codeobj.code.run)


def evaluate_expression(expr, var_specs):
    """Evaluate `expr` as `r = expr` in a NeuronGroup run (numpy target)."""
    from brian2.parsing.bast import brian_ast
    from brian2.parsing.expressions import parse_expression_dimensions
    from brian2.utils.stringtools import get_identifiers

    out = {}
    group = _fresh_eval_group(var_specs)
    # 1. Brian's type inference
    variables = {}
    try:
        identifiers = get_identifiers(expr)
        variables = group.resolve_all(identifiers, {}, user_identifiers=set())
        node = brian_ast(expr, variables)
        dtype = node.dtype
        out["brian_dtype"] = dtype
        out["scalar"] = bool(node.scalar)
    except Exception as ex:  # noqa: BLE001
        d = describe_exception(ex)
        out["brian_dtype"] = None
        out["dtype_error"] = f"{d['error_type']}: {d['error_message']}"
        dtype = "float"
    # 2. Units
    try:
        dims = parse_expression_dimensions(expr, variables)
        out["unit"] = str(dims) if dims is not DIMENSIONLESS else "1"
    except Exception as ex:  # noqa: BLE001
        d = describe_exception(ex)
        out["unit_error"] = f"{d['error_type']}: {d['error_message']}"
    # 3. Evaluation into a variable of the inferred type
    rvar, rtype = _RESULT_VAR[dtype]
    out["result_variable_type"] = rtype
    try:
        out["value"], out["numpy_code"] = _run_assignment(expr, var_specs, rvar, dtype)
    except Exception as ex:  # noqa: BLE001
        d = describe_exception(ex)
        out["value"] = None
        out["error_type"] = d["error_type"]
        out["error_message"] = d["error_message"]
        if d["error_chain"]:
            out["error_chain"] = d["error_chain"]
    # 4. ... and into a float variable (if the inferred type is not float)
    if rvar != "r_f":
        try:
            val, code = _run_assignment(expr, var_specs, "r_f", "float")
            out["value_in_float_variable"] = val
            out["numpy_code_float_variable"] = code
        except Exception as ex:  # noqa: BLE001
            d = describe_exception(ex)
            out["value_in_float_variable"] = None
            out["error_in_float_variable"] = f"{d['error_type']}: {d['error_message']}"
    return out


# ---------------------------------------------------------------------------
# State updater abstract code (stateupdaters.json)
# ---------------------------------------------------------------------------


def run_stateupdater_case(eqset, method, steps=10):
    from brian2 import Network

    start_scope()
    defaultclock.dt = 0.1 * ms
    seed(4321)
    reset_logs()
    out = {}
    try:
        kwds = {}
        for key in ("threshold", "reset"):
            if eqset.get(key) is not None:
                kwds[key] = eqset[key]
        if eqset.get("refractory") is not None:
            kwds["refractory"] = _refractory_value(eqset["refractory"])
        if method is not None:
            kwds["method"] = method
        group = NeuronGroup(
            1,
            brian2.Equations(eqset["equations"]),
            namespace=build_namespace(eqset["namespace"]),
            name="neurongroup",
            **kwds,
        )
        for name, val in eqset.get("init", {}).items():
            getattr(group, name + "_")[:] = val
        net = Network(group)
        net.run(0 * ms, namespace={})
        su = group.state_updater
        ref_code = su._get_refractory_code(run_namespace={})
        full = su.abstract_code
        assert full.startswith(ref_code)
        out["abstract_code"] = full[len(ref_code) :]
        if ref_code:
            out["refractory_code"] = ref_code
        sub = getattr(group, "subexpression_updater", None)
        if sub is not None:
            out["subexpression_update_code"] = sub.abstract_code
        out["numpy_code"] = _strip_code(su.codeobj.code.run)
        out["error"] = None
        mchoice, _ = captured_method_choice()
        if method is None:
            out["method_chosen"] = mchoice
        # numerical reference for deterministic systems
        eqs = group.equations
        stochastic = eqs.is_stochastic or "rand" in eqset["equations"]
        if not stochastic and eqset.get("init"):
            traj = {}
            net.run(defaultclock.dt, namespace={})
            traj["1"] = {v: encode_float(getattr(group, v + "_")[0])
                         for v in sorted(eqs.diff_eq_names)}
            net.run((steps - 1) * defaultclock.dt, namespace={})
            traj[str(steps)] = {v: encode_float(getattr(group, v + "_")[0])
                                for v in sorted(eqs.diff_eq_names)}
            out["trajectory"] = {"dt": 1e-4, "state_after_steps": traj}
    except Exception as ex:  # noqa: BLE001
        d = describe_exception(ex)
        out["abstract_code"] = None
        out["error"] = f"{d['error_type']}: {d['error_message']}"
        if d["error_chain"]:
            out["error_chain"] = d["error_chain"]
        mchoice, _ = captured_method_choice()
        if method is None and mchoice:
            out["method_chosen"] = mchoice
    w = captured_warnings()
    if w:
        out["warnings"] = w
    return out

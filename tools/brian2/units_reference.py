#!/usr/bin/python3
"""Extract Brian2's unit tables and reference outputs for spikeforge's units module.

Run from anywhere with the system Python that has Brian2 installed:

    /usr/bin/python3 tools/brian2/units_reference.py

It writes two files:

* ``src/units/brian2_units.json`` -- the unit data spikeforge loads at runtime:
  every unit name defined by ``brian2.units.allunits``, ``stdunits``,
  ``DEFAULT_UNITS`` and ``from brian2 import *`` (flagging those that need an
  explicit import), and the exact sequence of ``UnitRegistry.add`` calls
  Brian2 performs at import time (replaying them reproduces its best-unit
  choices, including which of two units with the same scale wins).
* ``test/fixtures/units/brian2_str.json`` -- what Brian2 prints/returns for
  quantities, dimensions, parsed strings, errors and registration scenarios.

The script is deterministic (fixed random seed), so re-running it on the same
Brian2/numpy versions reproduces both files byte for byte.
"""

import copy
import itertools
import json
import math
import os
import random
import sys
import warnings

# Python puts this script's directory first on sys.path; files of other
# generators living next to it must not shadow Brian2's dependencies.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
warnings.filterwarnings("ignore")  # numpy/pythran deprecation noise on import

import numpy as np  # noqa: E402
import brian2  # noqa: E402
from brian2 import Quantity, Unit  # noqa: E402
from brian2.core.namespace import DEFAULT_UNITS  # noqa: E402
from brian2.units import allunits  # noqa: E402
from brian2.units.fundamentalunits import (  # noqa: E402
    DIMENSIONLESS,
    DimensionMismatchError,
    additional_unit_register,
    get_or_create_dimension,
    get_unit_for_display,
    user_unit_register,
)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA_PATH = os.path.join(ROOT, "src", "units", "brian2_units.json")
FIXTURE_PATH = os.path.join(ROOT, "test", "fixtures", "units", "brian2_str.json")


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def dims_of(dim):
    """Dimension -> list of 7 exponents (ints stay ints, floats stay floats)."""
    return [d.item() if hasattr(d, "item") else d for d in dim._dims]


def json_float(x):
    """JSON has no NaN/Infinity, so encode them as strings."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def unit_record(u):
    """[dispname, Brian2's scale (power of ten), dims, compound].

    The unit's value, 10.0 ** scale, is left to spikeforge; the fixture's unit
    table checks it against float(u).
    """
    return [str(u), u.scale, dims_of(u.dim), int(u.iscompound)]


# Brian2 mutates the user register whenever Unit arithmetic runs or get_unit()
# falls back to a new unit. Snapshot the import-time state so every fixture
# row can start from it.
_USER_UNITS0 = copy.copy(user_unit_register.units)
_USER_DIMS0 = {d: dict(m) for d, m in user_unit_register.units_for_dimensions.items()}


def reset_user_register():
    user_unit_register.units.clear()
    user_unit_register.units.update(_USER_UNITS0)
    user_unit_register.units_for_dimensions.clear()
    for d, m in _USER_DIMS0.items():
        user_unit_register.units_for_dimensions[d] = dict(m)


def user_register_state():
    """User-registered units with dimensions, in registration order.

    Dimensionless entries are left out: ``str()`` of any dimensionless
    quantity registers a throw-away ``Unit(1)`` that never affects display.
    """
    return [
        [repr(u), str(u), float(u)]
        for u in user_unit_register.units.values()
        if u.dim is not DIMENSIONLESS
    ]


# --------------------------------------------------------------------------
# Unit names and registers (runtime data)
# --------------------------------------------------------------------------

# Names a Brian2 script can use without further imports: DEFAULT_UNITS (the
# namespace of model strings) and `from brian2 import *`. brian2.units.allunits
# defines more (the c, d, da and h prefixes, e.g. cmetre3), usable only after
# importing them explicitly.
star = {}
exec("from brian2 import *", star)
default_names = dict(DEFAULT_UNITS)
default_names.update({k: v for k, v in star.items() if isinstance(v, Unit)})
lookup = {k: v for k, v in vars(allunits).items() if isinstance(v, Unit)}
lookup.update(default_names)

standard_sequence = list(itertools.chain(allunits.powered_units,
                                         allunits.scaled_units,
                                         allunits.base_units))
additional_sequence = list(allunits.additional_units)
user_sequence = list(user_unit_register.units.values())

units = {}
for u in itertools.chain(lookup.values(), standard_sequence,
                         additional_sequence, user_sequence):
    rec = unit_record(u)
    assert units.setdefault(repr(u), rec) == rec, f"conflicting unit {u!r}"


def _check_replay(sequence, register):
    """Replaying the adds must reproduce Brian2's per-dimension tables."""
    replay = {}
    for u in sequence:
        replay.setdefault(u.dim, {})[float(u)] = repr(u)
    real = {d: {k: repr(v) for k, v in m.items()}
            for d, m in register.units_for_dimensions.items() if m}
    assert replay == real
    for d in real:
        assert list(replay[d]) == list(real[d])


_check_replay(standard_sequence, brian2.units.fundamentalunits.standard_unit_register)
_check_replay(additional_sequence, additional_unit_register)

pow10_exceptions = {str(n): 10.0 ** n for n in range(-340, 309)
                    if 10.0 ** n != float(f"1e{n}")}

runtime_data = {
    "source": (f"Generated by tools/brian2/units_reference.py from Brian2 "
               f"{brian2.__version__} (numpy {np.__version__}). Do not edit."),
    "units": units,
    "names": {name: repr(u) for name, u in sorted(lookup.items())},
    "allunitsOnly": sorted(set(lookup) - set(default_names)),
    "registers": {
        "standard": [repr(u) for u in standard_sequence],
        "additional": [repr(u) for u in additional_sequence],
        "user": [repr(u) for u in user_sequence],
    },
    "pow10Exceptions": pow10_exceptions,
}

# --------------------------------------------------------------------------
# str(Quantity) table
# --------------------------------------------------------------------------

d = get_or_create_dimension
V, A, S, F, OHM = (allunits.volt.dim, allunits.amp.dim, allunits.siemens.dim,
                   allunits.farad.dim, allunits.ohm.dim)
M, KG, SEC, K, MOL, CD = (allunits.metre.dim, allunits.kilogram.dim,
                          allunits.second.dim, allunits.kelvin.dim,
                          allunits.mole.dim, allunits.candle.dim)

# (label, SI factor of one "unit", Dimension). Built from Dimension arithmetic
# only: creating Unit objects here would register them and change the output.
QUANTITY_UNITS = [
    ("1", 1.0, DIMENSIONLESS),
    ("volt", 1.0, V), ("mvolt", 1e-3, V), ("amp", 1.0, A), ("namp", 1e-9, A),
    ("pamp", 1e-12, A), ("second", 1.0, SEC), ("msecond", 1e-3, SEC),
    ("siemens", 1.0, S), ("nsiemens", 1e-9, S), ("farad", 1.0, F),
    ("pfarad", 1e-12, F), ("ohm", 1.0, OHM), ("Mohm", 1e6, OHM),
    ("hertz", 1.0, SEC ** -1), ("metre", 1.0, M), ("metre**2", 1.0, M ** 2),
    ("umetre**2", 1e-12, M ** 2), ("metre**3", 1.0, M ** 3),
    ("siemens/metre**2", 1.0, S / M ** 2), ("farad/metre**2", 1.0, F / M ** 2),
    ("amp/metre**2", 1.0, A / M ** 2), ("molar", 1000.0, MOL / M ** 3),
    ("volt**2", 1.0, V ** 2), ("1/volt", 1.0, V ** -1),
    ("second**-0.5", 1.0, SEC ** -0.5), ("kilogram", 1.0, KG), ("mole", 1.0, MOL),
    ("kelvin", 1.0, K), ("candle", 1.0, CD), ("watt", 1.0, d(m=2, kg=1, s=-3)),
    ("joule", 1.0, d(m=2, kg=1, s=-2)), ("newton", 1.0, d(m=1, kg=1, s=-2)),
    ("pascal", 1.0, d(m=-1, kg=1, s=-2)), ("coulomb", 1.0, d(s=1, A=1)),
    ("henry", 1.0, d(m=2, kg=1, s=-2, A=-2)), ("tesla", 1.0, d(kg=1, s=-2, A=-1)),
    ("weber", 1.0, d(m=2, kg=1, s=-2, A=-1)), ("katal", 1.0, d(s=-1, mol=1)),
    ("gray", 1.0, d(m=2, s=-2)), ("lux", 1.0, d(m=-2, cd=1)),
    ("pascal*second", 1.0, d(m=-1, kg=1, s=-1)),
    ("joule/kelvin", 1.0, d(m=2, kg=1, s=-2, K=-1)),
    ("farad/metre", 1.0, F / M),
    ("volt/second", 1.0, V / SEC), ("amp/volt**2", 1.0, A / V ** 2),
    ("metre**-4", 1.0, M ** -4), ("kilogram*metre", 1.0, KG * M),
    ("second**2", 1.0, SEC ** 2), ("second**-2", 1.0, SEC ** -2),
    ("metre**1.5", 1.0, M ** 1.5), ("volt*amp*second", 1.0, V * A * SEC),
    ("mole*kelvin*candle", 1.0, MOL * K * CD),
]

MAGNITUDES = (
    [0.0, -0.0, 1.0, -1.0, 2.0, 10.0, 100.0, 1000.0, 0.5, 0.25, 0.1, 0.2, 0.3,
     0.1 + 0.2, 1 / 3, 2 / 3, -1 / 3, 1 / 15, 0.06666667, 15.6, -70.0, 3.14159,
     2.5e-3, 1e-5, 123456789.0, 12345678.9, 99999999.99, 1e8, 0.0001, 9.999e-5,
     0.001953125, 31.622776601683793, 4.4, 7.5, 0.123456789, 1.23456789e-7,
     float("nan"), float("inf"), float("-inf")]
    + [10.0 ** e for e in range(-15, 13)]
    + [-(10.0 ** e) for e in range(-15, 13, 3)]
)

rng = random.Random(20240601)
RANDOM_MAGNITUDES = [
    (-1) ** rng.randint(0, 1) * 10 ** rng.uniform(-16, 13) for _ in range(12)
]

reset_user_register()
quantity_str = []
for label, factor, dim in QUANTITY_UNITS:
    rows = []
    for m in MAGNITUDES + RANDOM_MAGNITUDES:
        q = Quantity(m * factor, dim=dim, force_quantity=True)
        rows.append([json_float(q), str(q)])
    quantity_str.append({"unit": label, "dim": dims_of(dim), "rows": rows})

# numpy's float printing, exercised through dimensionless quantities.
float_values = (
    [rng.uniform(-1, 1) * 10 ** rng.randint(-20, 20) for _ in range(300)]
    + [rng.randint(-10 ** 9, 10 ** 9) / 2 ** rng.randint(0, 12) for _ in range(150)]
    + [round(rng.uniform(0, 1000), rng.randint(0, 12)) for _ in range(150)]
    + [k / 2 ** 9 for k in range(1, 40)]  # exact ties at the 8th decimal
    + [5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 9.9999999995e-5,
       99999999.999999, 0.99999999999, 9.999999999e-5, 1e-4 - 1e-20, 1e22, 1e21]
)
reset_user_register()
float_str = [[json_float(x), str(Quantity(x))] for x in float_values]
# Python's repr(float): Brian2 prints unit exponents and plain floats this way.
float_repr = [[json_float(x), repr(x)]
              for x in float_values + MAGNITUDES + [1e16, 1e15, 123456789012345678.0, 1e-4, 1.5e-5]]

# --------------------------------------------------------------------------
# str(Dimension) and get_unit_for_display
# --------------------------------------------------------------------------

DIMENSION_CASES = [
    [0, 0, 0, 0, 0, 0, 0], [2, 1, -3, -1, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0],
    [0, 0, 1, 0, 0, 0, 0], [0, 0, -1, 0, 0, 0, 0], [-2, -1, 3, 2, 0, 0, 0],
    [-2, -1, 4, 2, 0, 0, 0], [2, 1, -3, -2, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0],
    [2, 0, 0, 0, 0, 0, 0], [3, 0, 0, 0, 0, 0, 0], [-3, 0, 0, 0, 0, 1, 0],
    [-4, -1, 3, 2, 0, 0, 0], [-2, -1, 3, 1, 0, 0, 0], [-4, -1, 4, 2, 0, 0, 0],
    [-2, 0, 0, 1, 0, 0, 0], [4, 2, -6, -2, 0, 0, 0], [0, 0, -0.5, 0, 0, 0, 0],
    [1.5, 0, 0, 0, 0, 0, 0], [0, 0, 1 / 3, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0, 1],
    [1, 1, -2, 0, 0, 0, 0], [-1, 1, -2, 0, 0, 0, 0], [2, 1, -2, 0, 0, 0, 0],
    [2, 1, -3, 0, 0, 0, 0], [0, 0, 1, 1, 0, 0, 0], [2, 1, -2, -1, 0, 0, 0],
    [0, 1, -2, -1, 0, 0, 0], [2, 1, -2, -2, 0, 0, 0], [-2, 0, 0, 0, 0, 0, 1],
    [2, 0, -2, 0, 0, 0, 0], [0, 0, -1, 0, 0, 1, 0], [-1, 1, -1, 0, 0, 0, 0],
    [2, 1, -2, 0, -1, 0, 0], [2, 0, -2, 0, -1, 0, 0], [-3, 0, 1, 1, 0, 0, 0],
    [-3, 0, -1, 0, 0, 1, 0], [2, 1, -4, -1, 0, 0, 0], [0, 0, 2, 0, 0, 0, 0],
    [1, 2, 3, 4, 5, 6, 7], [-1, -1, -1, -1, -1, -1, -1], [0, 0, 0, 2, 0, 0, 0],
    [-4, 0, 0, 0, 0, 0, 0], [1, 0, -1, 0, 0, 0, 0], [2, 1, -1, -1, 0, 0, 0],
    [0, 0, 0.5, 0, 0, 0, 0], [-1.5, 0, 0, 0, 0, 0, 0], [0, 0, 2 / 3, 0, 0, 0, 0],
]

dimension_str = []
for exps in DIMENSION_CASES:
    dim = get_or_create_dimension(exps)
    reset_user_register()
    dimension_str.append({"dim": exps, "str": str(dim),
                          "display": get_unit_for_display(dim)})
reset_user_register()

# --------------------------------------------------------------------------
# Parsing: spikeforge syntax -> equivalent Python evaluated by Brian2
# --------------------------------------------------------------------------

QUANTITY_STRINGS = [
    ("10*ms", "10*ms"), ("10 ms", "10*ms"), ("10. ms", "10.*ms"),
    ("-70*mV", "-70*mV"), ("-70 mV", "-70*mV"), ("0.5 pA", "0.5*pA"),
    ("4.4/mV", "4.4/mV"), ("4.4 mV^-1", "4.4*mV**-1"), ("1/mV", "1/mV"),
    ("1*ufarad/cm**2", "1*ufarad/cm**2"), ("2 * msecond", "2 * msecond"),
    ("15.6 * msecond", "15.6 * msecond"), ("100", "100"), ("1e-3", "1e-3"),
    ("3 * mvolt ** -1", "3 * mvolt ** -1"), ("0.5*nA", "0.5*nA"),
    ("20*um**2", "20*um**2"), ("2.e-05", "2.e-05"), (".5 * second", ".5 * second"),
    ("ms", "ms"), ("1.25 Hz", "1.25*Hz"), ("300. uS", "300.*uS"),
    ("-5 * (2 * mV)", "-5 * (2 * mV)"), ("2 * 3 * mV", "2 * 3 * mV"),
    ("10 * mV / ms", "10 * mV / ms"), ("1 * siemens / meter ** 2", "1 * siemens / meter ** 2"),
    ("0.9 * uF / cm ** 2", "0.9 * uF / cm ** 2"), ("150 * ohm * cm", "150 * ohm * cm"),
    ("2 ** 3 * mV", "2 ** 3 * mV"), ("-2 ** 2", "-2 ** 2"), ("4 * second ** 0.5", "4 * second ** 0.5"),
    ("1e3 Hz", "1e3*Hz"), ("+3 nS", "+3*nS"), ("6.02e23 * mole", "6.02e23 * mole"),
    ("5 mV mV", "5*mV*mV"), ("3 * (mV / ms)", "3 * (mV / ms)"), ("2 * mM", "2 * mM"),
    ("1 * nS/um**2", "1 * nS/um**2"), ("7 * kelvin", "7 * kelvin"), ("0.1 * kgramme", "0.1 * kgramme"),
]

UNIT_STRINGS = [
    ("mV", "mV"), ("1/mV", "1/mV"), ("mV**-1", "mV**-1"), ("mV^-1", "mV**-1"),
    ("ufarad/cm**2", "ufarad/cm**2"), ("msiemens/cm**2", "msiemens/cm**2"),
    ("1", "1"), ("Hz", "Hz"), ("volt", "volt"), ("amp/metre**2", "amp/metre**2"),
    ("second**-0.5", "second**-0.5"), ("siemens/meter**2", "siemens/meter**2"),
    ("mV*ms", "mV*ms"), ("(mV/ms)**2", "(mV/ms)**2"), ("mV/ms**2", "mV/ms**2"),
    ("1/(mV*ms)", "1/(mV*ms)"), ("metre**1.5", "metre**1.5"), ("second**2.0", "second**2.0"),
    ("nS/um**2", "nS/um**2"), ("pfarad/mmetre**2", "pfarad/mmetre**2"),
    ("1.0/ms", "1.0/ms"), ("kilogram*metre/second**2", "kilogram*metre/second**2"),
    ("mol/metre**3", "mol/metre**3"), ("uA/cm**2", "uA/cm**2"), ("um**2", "um**2"),
    ("cm2", "cm2"), ("mV ms", "mV*ms"), ("(1/mV)**2", "(1/mV)**2"), ("mV/mV", "mV/mV"),
]


def _eval(expr):
    return eval(expr, {"__builtins__": {}}, dict(lookup))


parse_quantity = []
for text, expr in QUANTITY_STRINGS:
    reset_user_register()
    q = Quantity(_eval(expr))  # a number, Unit or Quantity
    parse_quantity.append({
        "text": text, "python": expr, "value": json_float(q), "dim": dims_of(q.dim),
        "str": str(q), "registered": user_register_state(),
    })

parse_unit = []
for text, expr in UNIT_STRINGS:
    reset_user_register()
    u = _eval(expr)
    if isinstance(u, Unit):
        rec = {"name": repr(u), "display": str(u), "scale": float(u),
               "dim": dims_of(u.dim)}
    else:
        assert u == 1
        rec = {"name": "1", "display": "1", "scale": 1.0, "dim": [0] * 7}
    rec.update({"text": text, "python": expr, "registered": user_register_state()})
    parse_unit.append(rec)
reset_user_register()

# --------------------------------------------------------------------------
# Registration scenarios: the display of later values depends on earlier
# unit arithmetic and get_unit() fallbacks.
# --------------------------------------------------------------------------

INV_V = dims_of(V ** -1)
S_M2 = dims_of(S / M ** 2)
F_M2 = dims_of(F / M ** 2)
V_S = dims_of(V / SEC)

SCENARIOS = [
    ("1/mV makes mV^-1 the display unit for 1/volt", [
        ("str", 4.4e3, INV_V), ("unit", "1/mV", "1/mV"), ("str", 4.4e3, INV_V),
        ("str", 4.4, INV_V), ("str", 0.0, INV_V), ("display", INV_V),
        ("str", 4.4, INV_V), ("str", 4.4e3, INV_V), ("str", 0.0, INV_V),
    ]),
    ("a quantity string with a unit power registers the unit", [
        ("str", 3000.0, INV_V), ("quantity", "3 * mvolt ** -1", "3 * mvolt ** -1"),
        ("str", 3000.0, INV_V), ("str", 4.4e3, INV_V),
    ]),
    ("dividing a number other than 1 by a unit registers nothing", [
        ("quantity", "4.4/mV", "4.4/mV"), ("str", 4.4e3, INV_V),
        ("quantity", "1/mV", "1/mV"), ("str", 4.4e3, INV_V),
    ]),
    ("Brian2 docstring: conductance density", [
        ("str", 0.5 * 1e-9 / (20000 * 1e-12), S_M2), ("unit", "usiemens/cm**2", "usiemens/cm**2"),
        ("str", 0.5 * 1e-9 / (20000 * 1e-12), S_M2), ("str", 1.0, S_M2),
        ("str", 1e-9, S_M2), ("str", 0.0, S_M2),
    ]),
    ("equation unit siemens/meter**2 has scale 1", [
        ("unit", "siemens/meter**2", "siemens/meter**2"), ("str", 0.5, S_M2),
        ("str", 5e-6, S_M2), ("str", 0.0, S_M2),
    ]),
    ("same scale registered twice: the later unit wins", [
        ("unit", "mV/ms", "mV/ms"), ("str", 5.0, V_S), ("unit", "volt/second", "volt/second"),
        ("str", 5.0, V_S), ("str", 5e3, V_S), ("unit", "uvolt/usecond", "uvolt/usecond"), ("str", 5.0, V_S),
    ]),
    ("several scales for one dimension", [
        ("unit", "pfarad/mmetre**2", "pfarad/mmetre**2"), ("str", 2.0, F_M2),
        ("unit", "ufarad/cm**2", "ufarad/cm**2"), ("str", 0.009, F_M2),
        ("str", 2.0, F_M2), ("str", 2e-7, F_M2), ("str", 0.0, F_M2),
        ("display", F_M2), ("str", 0.0, F_M2),
    ]),
    ("units for dimensions Brian2 already knows change nothing", [
        ("unit", "1/ms", "1/ms"), ("str", 100.0, dims_of(SEC ** -1)),
        ("unit", "mV/mA", "mV/mA"), ("str", 1e3, dims_of(OHM)),
        ("unit", "cm**2", "cm**2"), ("str", 2e-8, dims_of(M ** 2)),
    ]),
    ("fractional powers", [
        ("str", 2.0, dims_of(SEC ** -0.5)), ("unit", "ms**-0.5", "ms**-0.5"),
        ("str", 2.0, dims_of(SEC ** -0.5)), ("unit", "second**-0.5", "second**-0.5"),
        ("str", 2.0, dims_of(SEC ** -0.5)),
    ]),
    ("get_unit fallback registers a scale-1 unit", [
        ("unit", "nS/um**2", "nS/um**2"), ("str", 0.5, S_M2), ("display", S_M2),
        ("str", 0.5, S_M2), ("str", 500.0, S_M2),
    ]),
    ("compound of compounds", [
        ("unit", "(mV/ms)**2", "(mV/ms)**2"), ("str", 3.0, dims_of((V / SEC) ** 2)),
        ("unit", "1/(mV*ms)", "1/(mV*ms)"), ("str", 3.0, dims_of((V * SEC) ** -1)),
    ]),
]

scenarios = []
for title, steps in SCENARIOS:
    reset_user_register()
    out = []
    for step in steps:
        op = step[0]
        if op == "str":
            _, value, exps = step
            out.append({"op": "str", "value": json_float(value), "dim": exps,
                        "expect": str(Quantity(value, dim=get_or_create_dimension(exps)))})
        elif op == "display":
            _, exps = step
            out.append({"op": "display", "dim": exps,
                        "expect": get_unit_for_display(get_or_create_dimension(exps))})
        else:
            _, text, expr = step
            _eval(expr)
            out.append({"op": op, "text": text, "python": expr})
    scenarios.append({"title": title, "steps": out,
                      "registered": user_register_state()})
reset_user_register()

# --------------------------------------------------------------------------
# Arithmetic and errors
# --------------------------------------------------------------------------

mV = 1e-3

ARITHMETIC = [
    ("mul", (3 * mV, V), (2e-9, A)), ("mul", (3 * mV, V), (2.0, DIMENSIONLESS)),
    ("div", (3 * mV, V), (2e-9, A)), ("div", (1.0, DIMENSIONLESS), (4e-3, SEC)),
    ("div", (4.4, DIMENSIONLESS), (mV, V)), ("div", (10e-9, S), (20000e-12, M ** 2)),
    ("add", (3 * mV, V), (2 * mV, V)), ("sub", (3 * mV, V), (5 * mV, V)),
    ("add", (3 * mV, V), (0.0, DIMENSIONLESS)), ("add", (0.0, DIMENSIONLESS), (3 * mV, V)),
    ("sub", (0.0, DIMENSIONLESS), (3 * mV, V)), ("add", (0.1, DIMENSIONLESS), (0.2, DIMENSIONLESS)),
    ("pow", (3 * mV, V), 2), ("pow", (3 * mV, V), -1), ("pow", (4e-3, SEC), 0.5),
    ("pow", (4e-3, SEC), -0.5), ("pow", (8e-9, M ** 3), 1 / 3), ("pow", (2.0, DIMENSIONLESS), 10),
    ("pow", (3 * mV, V), 0), ("pow", (-2 * mV, V), 3), ("pow", (2e-3, SEC), 1.5),
    ("neg", (3 * mV, V), None), ("abs", (-3 * mV, V), None), ("neg", (0.0, A), None),
]

OPS = {"mul": lambda a, b: a * b, "div": lambda a, b: a / b,
       "add": lambda a, b: a + b, "sub": lambda a, b: a - b,
       "lt": lambda a, b: a < b, "le": lambda a, b: a <= b,
       "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b,
       "eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
       "pow": lambda a, b: a ** b, "in": lambda a, b: a.in_unit(b)}

arithmetic = []
for op, (av, ad), b in ARITHMETIC:
    qa = Quantity(av, dim=ad)
    if op in ("neg", "abs"):
        r = -qa if op == "neg" else abs(qa)
        brec = None
    elif op == "pow":
        with np.errstate(all="ignore"):
            r = qa ** b
        brec = b
    else:
        qb = Quantity(b[0], dim=b[1])
        r = OPS[op](qa, qb)
        brec = {"value": b[0], "dim": dims_of(b[1])}
    r = Quantity(r)  # dimensionless results come back as plain floats
    arithmetic.append({"op": op, "a": {"value": av, "dim": dims_of(ad)}, "b": brec,
                       "value": json_float(r), "dim": dims_of(r.dim), "str": str(r)})

ERRORS = [
    ("add", (3 * mV, V), (2e-9, A)), ("sub", (3 * mV, V), (2e-9, A)),
    ("add", (3 * mV, V), (1.0, DIMENSIONLESS)), ("add", (0.5, S / M ** 2), (3 * mV, V)),
    ("lt", (3 * mV, V), (2.0, SEC)), ("le", (3 * mV, V), (2.0, SEC)),
    ("gt", (3 * mV, V), (2.0, SEC)), ("ge", (3 * mV, V), (2.0, SEC)),
    ("eq", (3 * mV, V), (2.0, SEC)), ("ne", (3 * mV, V), (2.0, SEC)),
    ("pow", (3 * mV, V), (2 * mV, V)), ("in", (3 * mV, V), "second"),
    ("in", (3 * mV, V), "nS"), ("add", (1e-9, F / M ** 2), (2.0, M ** -4)),
    ("add", (2.0, SEC ** -0.5), (1.0, SEC)),
]

errors = []
for op, (av, ad), b in ERRORS:
    reset_user_register()
    qa = Quantity(av, dim=ad)
    other = lookup[b] if isinstance(b, str) else Quantity(b[0], dim=b[1])
    try:
        OPS[op](qa, other)
    except DimensionMismatchError as ex:
        message = str(ex)
    else:
        raise AssertionError(f"{op} did not fail")
    errors.append({"op": op, "a": {"value": av, "dim": dims_of(ad)},
                   "b": b if isinstance(b, str) else {"value": b[0], "dim": dims_of(b[1])},
                   "message": message})

direct_errors = []
for dims in ([], [V], [V, A], [V, A, SEC], [S / M ** 2]):
    reset_user_register()
    direct_errors.append({"description": "Something went wrong",
                          "dims": [dims_of(x) for x in dims],
                          "message": str(DimensionMismatchError("Something went wrong", *dims))})
reset_user_register()

fixture = {
    "source": runtime_data["source"],
    # lookup name -> [Brian2 name (repr), dispname, float value, dims]
    "units": {name: [repr(u), str(u), float(u), dims_of(u.dim)]
              for name, u in sorted(lookup.items())},
    "defaultNames": sorted(default_names),
    "quantityStr": quantity_str,
    "floatStr": float_str,
    "floatRepr": float_repr,
    "dimensionStr": dimension_str,
    "parseQuantity": parse_quantity,
    "parseUnit": parse_unit,
    "scenarios": scenarios,
    "arithmetic": arithmetic,
    "errors": errors,
    "directErrors": direct_errors,
}


def write(path, obj):
    """JSON with one line per entry of each top-level list/dict (diff-friendly)."""
    def dump(x):
        return json.dumps(x, allow_nan=False, ensure_ascii=False)

    def section(value):
        if isinstance(value, list):
            items = [dump(v) for v in value]
        elif isinstance(value, dict):
            items = [f"{dump(k)}: {dump(v)}" for k, v in value.items()]
        else:
            return dump(value)
        opening, closing = ("[", "]") if isinstance(value, list) else ("{", "}")
        return opening + "\n" + ",\n".join("  " + i for i in items) + "\n " + closing

    body = ",\n".join(f" {dump(k)}: {section(v)}" for k, v in obj.items())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n" + body + "\n}\n")


write(DATA_PATH, runtime_data)
write(FIXTURE_PATH, fixture)
print(f"wrote {os.path.relpath(DATA_PATH, ROOT)} ({len(runtime_data['names'])} names) and "
      f"{os.path.relpath(FIXTURE_PATH, ROOT)} "
      f"({sum(len(g['rows']) for g in quantity_str) + len(float_str)} str rows)")

#!/usr/bin/python3
"""Reference strings for spikeforge's model export (src/export/numpy-format.ts).

Run with the system Python that has Brian2 installed:

    /usr/bin/python3 tools/brian2/export/make_format_cases.py

It writes ``test/fixtures/export/format_cases.json`` with

* ``array_str``: numpy's ``str()`` of 1-D float64 arrays with default print
  options (what Brian2's ``Quantity.in_unit`` uses for the number part):
  positional and scientific notation, padding, negative values, zeros,
  nan/inf, line wrapping at 75 characters, and the ``...`` summary of arrays
  with more than 1000 elements;
* ``quantity_str``: Brian2's ``str()`` of array quantities (the best unit for
  an array, chosen from all its values or, for large arrays, from the
  values numpy shows), the "str" of brian2tools-style exports;
* ``scalar_str``: ``str()`` of scalar quantities, for completeness.

Values are stored as JSON numbers (Python's repr, which round-trips); nan and
infinities as the strings "nan", "inf", "-inf". Dimensions are the 7 SI
exponents. The script is deterministic (fixed seeds).
"""

import json
import os
import sys
import warnings

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import brian2  # noqa: E402
from brian2 import Quantity, mV, pA, ms, nS, Hz, second, volt, amp, siemens, metre, ohm, farad  # noqa: E402,F401

OUT = os.path.join(_HERE, '..', '..', '..', 'test', 'fixtures', 'export', 'format_cases.json')


def enc(x):
    x = float(x)
    if np.isnan(x):
        return 'nan'
    if np.isinf(x):
        return 'inf' if x > 0 else '-inf'
    return x


def dims(q):
    d = brian2.get_dimensions(q)
    return [float(e) if e != int(e) else int(e) for e in d._dims]


def main():
    rs = np.random.RandomState(20240611)
    arrays = []
    # hand-picked cases
    arrays += [
        [1.0], [0.0], [-0.0], [1.5, -2.25], [-70.0, -65.0, -60.0, -55.0, -52.0],
        [150.0, 210.0, 250.0, 300.0, 420.0], [0.1, 0.2, 0.3], [1e-5, 2.5e-3], [1e8, 1.0],
        [1e-5, 2e-5], [123456789.0], [0.5, 1000.0], [0.5, 1000.5], [1.0, 1001.0],
        [0.0001, 0.1], [0.0001, 0.2], [0.99999999999, 1.0], [9.999999999e-05, 1.0],
        [np.nan, 1.0], [np.inf, -1.5], [-np.inf, 2.0, np.nan], [np.nan], [np.inf, -np.inf],
        [0.0, 0.0, 0.0], [1e300, -1e-300], [1.0 / 3, 2.0 / 3, 1.0], [12345.678901234, 0.5],
        [5e-13, 0.0, 5e-13], [-0.07 + 0.0004 * k for k in range(50)],
        [18.0 + (k * 8 % 57) * 0.1428571428571 for k in range(50)],
        list(np.arange(30) * 1.0), list(np.arange(30) * -1.0), list(np.linspace(0, 1, 23)),
        list(np.arange(1000) * 0.5), list(np.arange(1001) * 0.5), list(np.arange(2000) * 1e-3),
        list(np.concatenate([[1e-9], np.ones(1500), [1e9]])),
    ]
    # random cases: magnitudes, signs, lengths
    for k in range(80):
        n = int(rs.choice([1, 2, 3, 5, 8, 13, 21, 40, 77]))
        scale = 10.0 ** rs.uniform(-12, 12)
        spread = rs.choice([0.0, 1.0, 3.0, 6.0])
        values = scale * 10.0 ** (spread * rs.uniform(-1, 1, n)) * rs.choice([-1, 1], n)
        if rs.rand() < 0.2:
            values[rs.randint(n)] = 0.0
        if rs.rand() < 0.3:
            values = np.round(values / scale, int(rs.randint(0, 4))) * scale
        arrays.append(list(values))
    array_str = []
    for a in arrays:
        arr = np.array(a, dtype=float)
        array_str.append({'values': [enc(x) for x in arr], 'str': str(arr)})

    quantities = [
        np.array([-70.0, -65.0, -60.0, -55.0, -52.0]) * mV,
        np.array([150.0, 210.0, 250.0, 300.0, 420.0]) * pA,
        np.zeros(4) * volt, np.zeros(3) * ms, np.array([0.0, 1.5, 0.0]) * ms,
        np.array([1e-3, 1.0, 2.0]) * second, np.array([0.5, 1000.0]) * nS,
        np.array([1.0, 2.0, 3.0]) * Hz, np.array([0.25, 0.5]), np.array([1e-12, 1e-9, 1e-6]) * amp,
        np.array([-0.07 + 0.0004 * k for k in range(50)]) * volt,
        np.arange(2000) * 1e-6 * second, np.concatenate([[1e-3], np.ones(1500), [1e3]]) * volt,
        np.array([np.nan, 1e-3]) * volt, np.array([3.0, 4.0]) * metre, np.array([1e6, 2e7]) * ohm,
        np.array([2e-10, 3e-10]) * farad,
    ]
    for k in range(30):
        n = int(rs.choice([1, 2, 4, 9, 20]))
        unit = [mV, pA, ms, nS, Hz, second, volt, amp, siemens][rs.randint(9)]
        values = 10.0 ** rs.uniform(-6, 6, n) * rs.choice([-1, 1], n)
        quantities.append(values * unit)
    quantity_str = [{'values': [enc(x) for x in np.asarray(q).ravel()], 'dim': dims(q), 'str': str(q)} for q in quantities]

    scalars = [-70 * mV, 0 * mV, 10 * ms, 0.5 * pA, 4.4 / mV, 100e6 * ohm, 2e-5 * second, 15.6 * ms, 0.001 * second]
    scalar_str = [{'value': enc(float(q)), 'dim': dims(q), 'str': str(q)} for q in scalars]

    data = {
        'generator': 'tools/brian2/export/make_format_cases.py',
        'brian2_version': brian2.__version__,
        'numpy_version': np.__version__,
        'array_str': array_str,
        'quantity_str': quantity_str,
        'scalar_str': scalar_str,
    }
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=None, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {os.path.normpath(OUT)}: {len(array_str)} arrays, {len(quantity_str)} quantities')


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""What brian2tools' baseexport device collects from a Brian2 script.

    PYTHONPATH is not needed; brian2tools is read from its source tree:
    /usr/bin/python3 tools/brian2/export/brian2tools_export.py script.py out.json [script2.py out2.json ...] [--source DIR]

Runs the model part of a script written by spikeforge's toBrian2Script (all
of it up to the collection of monitor results, which the exporter device
cannot provide) under ``set_device('exporter', build_on_run=False)`` and
writes ``device.runs`` serialized like test/fixtures/reference/baseexport/
(quantities as {"str", "value", "dim"}, arrays of more than 100 values with a
short str, Units/Dimensions and other objects as str(), keys sorted,
component lists sorted by name). Used to cross-check spikeforge's export of
components the reference files do not cover.

brian2tools' top-level package imports mdexport, which needs the missing
``markdown_strings`` package, so only ``brian2tools.baseexport`` is imported
(through a stand-in parent package); brian2tools itself is not changed.
"""
import gc
import json
import os
import sys
import types
import warnings

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
warnings.filterwarnings('ignore')

import numpy as np  # noqa: E402
import brian2  # noqa: E402
from brian2.devices.device import all_devices  # noqa: E402
from brian2.units.fundamentalunits import Quantity, Unit, Dimension  # noqa: E402

DEFAULT_SOURCE = '/work/src-ref/brian-team+brian2tools'


def load_baseexport(source):
    pkg = types.ModuleType('brian2tools')
    pkg.__path__ = [os.path.join(source, 'brian2tools')]
    sys.modules['brian2tools'] = pkg
    import brian2tools.baseexport  # noqa: F401  (registers the 'exporter' device)


def serialize(x):
    if isinstance(x, Quantity) and not isinstance(x, Unit):
        arr = np.asarray(x)
        if arr.size > 100:
            text = f'<array of {arr.size}, unit {x.get_best_unit()}>'
        else:
            text = str(x)
        value = arr.ravel().tolist() if arr.ndim > 0 else float(arr)
        return {'str': text, 'value': value, 'dim': str(brian2.get_dimensions(x))}
    if isinstance(x, Unit):
        return {'str': str(x), 'value': float(x), 'dim': str(x.dim)}
    if isinstance(x, Dimension):
        return str(x)
    if isinstance(x, dict):
        return {str(k): serialize(v) for k, v in sorted(x.items(), key=lambda kv: str(kv[0]))}
    if isinstance(x, (list, tuple)):
        items = [serialize(v) for v in x]
        if items and all(isinstance(v, dict) and 'name' in v for v in items):
            items.sort(key=lambda v: str(v['name']))
        return items
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating,)):
        return float(x)
    if isinstance(x, (bool, int, float, str)) or x is None:
        return x
    return str(x)


def main():
    args = sys.argv[1:]
    source = DEFAULT_SOURCE
    if '--source' in args:
        k = args.index('--source')
        source = args[k + 1]
        del args[k:k + 2]
    if len(args) < 2 or len(args) % 2:
        sys.exit('usage: brian2tools_export.py script.py out.json [script2.py out2.json ...] [--source DIR]')
    load_baseexport(source)
    for script, out in zip(args[0::2], args[1::2]):
        all_devices['exporter'].reinit()
        brian2.set_device('exporter', build_on_run=False)
        device = brian2.get_device()
        brian2.start_scope()
        with open(script) as f:
            code = f.read()
        code = code.split('\nresults = {}', 1)[0]
        code = code.replace("prefs.codegen.target = 'numpy'", '')
        namespace = {'__name__': '__exported__'}
        exec(compile(code, script, 'exec'), namespace)
        with open(out, 'w') as f:
            json.dump({'runs': serialize(device.runs)}, f, indent=1, sort_keys=True)
            f.write('\n')
        # Free the script's objects, so the next script gets the same automatic names (e.g. '_timedarray').
        del namespace
        all_devices['exporter'].reinit()
        gc.collect()


if __name__ == '__main__':
    main()

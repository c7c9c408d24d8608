#!/usr/bin/env python3
"""Brian2 reference fixtures for spikeforge's connection generator (src/core/connect).

Run with the system Python that has Brian2 2.5.1 installed:

    /usr/bin/python3 tools/brian2/connect/make_connect_fixtures.py

Writes ``test/fixtures/connect/connect_cases.json``: for every case the two
groups (sizes and variable values in SI, with dimensions and types), the
namespace, the arguments of ``Synapses.connect`` and either the synapses
Brian2 created (``S.i[:]``, ``S.j[:]`` in creation order) or the error it
raised (type and message of the innermost exception).

Only deterministic forms are recorded (no ``p < 1``, no ``sample(..., p<1)`` or
``size < population``): those have exactly one right answer, synapse by
synapse. Every case is run with both runtime code generation targets
(``numpy`` and ``cython``); the script fails unless they create the same
synapses in the same order, except where the numpy target fails (an ``n``
expression that depends on ``j``: its template indexes ``_n[_j]``;
``skip_if_invalid`` with a condition on post-synaptic variables: a shape
mismatch); then the Cython result is recorded together with the numpy error. Errors are taken from the numpy target (the
Cython target's messages differ slightly, e.g. ``j=`` instead of ``_j=``).

Each case also carries ``ts_error`` (a regular expression the TypeScript
error message must match), chosen by us, since spikeforge's messages are its
own: the fixture records what Brian2 said, the test checks that spikeforge
refuses the same input and says why.
"""
import json
import os
import sys
import warnings

warnings.filterwarnings('ignore')

import numpy as np
import brian2
from brian2 import (NeuronGroup, Synapses, start_scope, prefs, mV, um, volt, metre)
from brian2.units.fundamentalunits import get_dimensions

brian2.BrianLogger.log_level_error()

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
OUT = os.path.join(REPO, 'test', 'fixtures', 'connect', 'connect_cases.json')

# ---------------------------------------------------------------------------
# The groups every case connects (sizes differ so that i/j mix-ups show).
# ---------------------------------------------------------------------------
SETUPS = {
    'small': dict(
        n_pre=7, n_post=5,
        pre_eqs='x : metre\nv : volt\nb : boolean\nc : integer',
        post_eqs='y : metre\nv : volt\nc : integer',
        pre_init={'x': 'i*10*um', 'v': '(i%3)*mV', 'b': 'i%2 == 0', 'c': '(i*7)%5'},
        post_init={'y': 'i*15*um', 'v': '(4-i)*mV', 'c': 'i%3'},
    ),
    'medium': dict(
        n_pre=40, n_post=30,
        pre_eqs='x : metre\nv : volt\nb : boolean\nc : integer',
        post_eqs='y : metre\nv : volt\nc : integer',
        pre_init={'x': '(i*37 % 40)*5*um', 'v': '(i%7)*mV', 'b': 'i%3 == 0', 'c': '(i*11)%7'},
        post_init={'y': '(i*13 % 30)*7*um', 'v': '(i%5)*mV', 'c': 'i%4'},
    ),
}

NAMESPACE = {'width': 22 * um, 'nmax': 3, 'thr': 1.5 * mV, 'half': 0.5}

# (name, setup, connect kwargs, ts_error regex for error cases or None)
CASES = [
    # --- conditions --------------------------------------------------------
    ('all_to_all', 'small', {}, None),
    ('cond_true', 'small', dict(condition=True), None),
    ('cond_true_str', 'small', dict(condition='True'), None),
    ('cond_false', 'small', dict(condition=False), None),
    ('cond_false_str', 'small', dict(condition='False'), None),
    ('cond_neq', 'small', dict(condition='i != j'), None),
    ('cond_lower', 'small', dict(condition='j <= i'), None),
    ('cond_distance', 'small', dict(condition='abs(x_pre - y_post) < width'), None),
    ('cond_post_unsuffixed', 'small', dict(condition='v > thr'), None),
    ('cond_pre_post', 'small', dict(condition='v_pre < v_post'), None),
    ('cond_bool_pre', 'small', dict(condition='b_pre'), None),
    ('cond_not_and', 'small', dict(condition='not b_pre and c_post == 1'), None),
    ('cond_chain_and', 'small', dict(condition='1 <= i - j and i - j < 3'), None),
    ('cond_mod', 'small', dict(condition='(i + j) % 3 == 0'), None),
    ('cond_floordiv_neg', 'small', dict(condition='(i - j) // 2 == -1'), None),
    ('cond_mod_neg', 'small', dict(condition='(j - i) % 4 == 3'), None),
    ('cond_funcs', 'small', dict(condition='sqrt((i-j)**2) > 1.5 and floor(i/2.0) == j % 4'), None),
    ('cond_index_vars', 'small', dict(condition='i_post == 2 or i_pre == 6'), None),
    ('cond_N_pre_post', 'small', dict(condition='i + j == N_pre - N_post + 2'), None),
    ('cond_units', 'small', dict(condition='x_pre < 30*um and y_post >= 15*um'), None),
    ('cond_int_pow', 'small', dict(condition='exp(-(i-j)**2/4.0) > half'), None),
    ('cond_or_chain', 'small', dict(condition='i == 0 or j == 0 or i == j'), None),
    ('cond_int_func', 'small', dict(condition='int(i*0.6) == j'), None),
    ('cond_clip', 'small', dict(condition='clip(i - j, -1, 1) == 1'), None),
    ('cond_n', 'small', dict(condition='i == j', n=2), None),
    ('cond_n_zero', 'small', dict(condition='i == j', n=0), None),
    ('cond_n_expr', 'small', dict(condition='abs(i-j) <= 1', n='c_post'), None),
    ('cond_n_expr_ij', 'small', dict(condition='i > j', n='i - j'), None),
    ('cond_p_one_str', 'small', dict(condition='i != j', p='1.0'), None),
    ('cond_p_one_num', 'small', dict(condition='i != j', p=1.0), None),
    ('cond_medium_distance', 'medium', dict(condition='abs(x_pre - y_post) < 40*um and c_pre != c_post'), None),
    ('cond_medium_band', 'medium', dict(condition='abs(i - j*4/3.) < 2.5'), None),
    # --- explicit indices --------------------------------------------------
    ('arrays', 'small', dict(i=[3, 1, 0, 6, 2], j=[0, 4, 1, 1, 2]), None),
    ('arrays_scalar_i', 'small', dict(i=2, j=[4, 0, 3]), None),
    ('arrays_scalar_j', 'small', dict(i=[6, 0, 3], j=1), None),
    ('arrays_scalars', 'small', dict(i=5, j=3), None),
    ('arrays_n', 'small', dict(i=[1, 6], j=[4, 0], n=3), None),
    ('arrays_repeat', 'small', dict(i=[1, 1, 0], j=[2, 2, 2]), None),
    ('arrays_p_one', 'small', dict(i=[4, 2], j=[3, 3], p=1), None),
    ('arrays_length1', 'small', dict(i=[4], j=[0, 1, 2]), None),
    # --- generators over the presynaptic side (j='...') --------------------
    ('gen_window_skip', 'small', dict(j='k for k in range(i-2, i+3) if k != i', skip_if_invalid=True), None),
    ('gen_window_guard', 'small', dict(j='k for k in range(i-2, i+3) if k >= 0 and k < N_post and k != i'), None),
    ('gen_range_all', 'small', dict(j='k for k in range(N_post)'), None),
    ('gen_range_lower', 'small', dict(j='k for k in range(i+1) if k < N_post'), None),
    ('gen_step_neg', 'small', dict(j='k for k in range(N_post-1, -1, -2)'), None),
    ('gen_step_pos', 'small', dict(j='k for k in range(i % 2, N_post, 2)'), None),
    ('gen_step_neg_i', 'small', dict(j='k for k in range(i, i-3, -1)', skip_if_invalid=True), None),
    ('gen_range_floordiv', 'small', dict(j='k for k in range(i//2, i//2 + 2)'), None),
    ('gen_element_wrap', 'small', dict(j='(i + (-1)**k) % N_post for k in range(2)'), None),
    ('gen_element_neighbours', 'small', dict(j='i+(-1)**k for k in range(2) if i>0 and i<N_post-1'), None),
    ('gen_element_mul', 'small', dict(j='2*k + i % 2 for k in range(2)'), None),
    ('gen_other_var', 'small', dict(j='m for m in range(N_post) if m != i'), None),
    ('gen_nofor_skip', 'small', dict(j='i', skip_if_invalid=True), None),
    ('gen_nofor_if', 'small', dict(j='i if i < 3'), None),
    ('gen_nofor_expr', 'small', dict(j='N_post - 1 - i % N_post'), None),
    ('gen_n', 'small', dict(j='k for k in range(i+1) if k < N_post', n=2), None),
    ('gen_n_expr', 'small', dict(j='k for k in range(i+1) if k < N_post', n='k % 3'), None),
    ('gen_n_expr_post', 'small', dict(j='k for k in range(N_post)', n='c_post'), None),
    ('gen_post_cond', 'small', dict(j='k for k in range(N_post) if y_post > x_pre'), None),
    ('gen_post_cond_skip', 'small', dict(j='k for k in range(i-1, i+2) if v_post > 1*mV', skip_if_invalid=True), None),
    ('gen_pre_cond', 'small', dict(j='k for k in range(N_post) if b_pre'), None),
    ('gen_pre_cond_range', 'small', dict(j='k for k in range(c_pre)'), None),
    ('gen_namespace', 'small', dict(j='k for k in range(nmax) if k != i'), None),
    ('gen_sample_p_one', 'small', dict(j='k for k in sample(N_post, p=1)'), None),
    ('gen_sample_p_zero', 'small', dict(j='k for k in sample(N_post, p=0)'), None),
    ('gen_sample_full', 'small', dict(j='k for k in sample(N_post, size=N_post)'), None),
    ('gen_sample_full_step', 'small', dict(j='k for k in sample(1, N_post, 2, size=2)'), None),
    ('gen_sample_size_zero', 'small', dict(j='k for k in sample(N_post, size=0)'), None),
    ('gen_sample_big_skip', 'small', dict(j='k for k in sample(N_post, size=9)', skip_if_invalid=True), None),
    ('gen_sample_p_one_cond', 'small', dict(j='k for k in sample(1, N_post, p=1) if k != i'), None),
    ('gen_medium_window', 'medium', dict(j='k for k in range(i-4, i+5, 2) if abs(y_post - x_pre) > 30*um', skip_if_invalid=True), None),
    # --- generators over the postsynaptic side (i='...') -------------------
    ('gen_i_nofor', 'small', dict(i='j+1'), None),
    ('gen_i_if', 'small', dict(i='j * 2 if j < 3'), None),
    ('gen_i_range', 'small', dict(i='k for k in range(3)'), None),
    ('gen_i_range_cond', 'small', dict(i='k for k in range(N_pre) if k > j'), None),
    ('gen_i_pre_cond', 'small', dict(i='k for k in range(N_pre) if x_pre > y_post'), None),
    ('gen_i_skip', 'small', dict(i='j + 3', skip_if_invalid=True), None),
    ('gen_i_n', 'small', dict(i='k for k in range(2)', n=2), None),
    # --- errors ------------------------------------------------------------
    ('err_gen_out_of_range', 'small', dict(j='k for k in range(i-1, i+2)'), r'j=-1.*outside.*0 to 4'),
    ('err_gen_nofor_out_of_range', 'small', dict(j='i'), r'j=5.*outside.*0 to 4'),
    ('err_gen_i_out_of_range', 'small', dict(i='j+3'), r'i=7.*outside.*0 to 6'),
    ('err_gen_post_var_guard', 'small', dict(j='k for k in range(i-1, i+2) if k >= 0 and k < N_post and y_post > 0*um'), r'j=-1.*outside.*post-synaptic'),
    ('err_range_float', 'small', dict(j='k for k in range(N_post/2)'), r"'high' argument of the range function.*integer"),
    ('err_range_zero_step', 'small', dict(j='k for k in range(0, 3, 0)'), r'step.*zero'),
    ('err_range_depends_on_j', 'small', dict(j='k for k in range(j)'), r'depends on the postsynaptic'),
    ('err_range_depends_on_post', 'small', dict(j='k for k in range(c_post)'), r'depends on the postsynaptic'),
    ('err_sample_too_big', 'small', dict(j='k for k in sample(N_post, size=6)'), r'sample size 6 is bigger than the population size 5'),
    ('err_sample_negative', 'small', dict(j='k for k in sample(N_post, size=i-2)'), r'sample size -2 is negative'),
    ('err_sample_no_kw', 'small', dict(j='k for k in sample(N_post)'), r"keyword argument.*'p' or 'size'"),
    ('err_range_kw', 'small', dict(j='k for k in range(N_post, step=1)'), r'keyword'),
    ('err_two_ifs', 'small', dict(j='k for k in range(3) if k>0 if k<2'), r'at most one'),
    ('err_two_fors', 'small', dict(j='k for k in range(3) for l in range(2)'), r'one iterator'),
    ('err_tuple_target', 'small', dict(j='k for k, l in range(3)'), r'single variable'),
    ('err_bad_iterator', 'small', dict(j='k for k in foo(3)'), r"'range' or 'sample'"),
    ('err_cond_units', 'small', dict(condition='v_pre > 3'), r'different units'),
    ('err_cond_not_bool', 'small', dict(condition='i + j'), r'not a boolean'),
    ('err_cond_generator', 'small', dict(condition='k for k in range(3)'), r"Generator expression given for condition"),
    ('err_cond_pre_unsuffixed', 'small', dict(condition='x > 2*um'), r"Unknown identifier 'x'"),
    ('err_cond_unknown', 'small', dict(condition='foo > 1'), r"Unknown identifier 'foo'"),
    ('err_p_with_gen', 'small', dict(j='k for k in range(3)', p=0.5), r'cannot be combined with p'),
    ('err_cond_with_i', 'small', dict(condition='i == j', i=[1]), r'Cannot combine condition with i or j'),
    ('err_gen_with_i', 'small', dict(j='k for k in range(3)', i=[1]), r'cannot be combined with i'),
    ('err_arrays_mismatch', 'small', dict(i=[1, 2], j=[0, 2, 1]), r'same length'),
    ('err_arrays_source_range', 'small', dict(i=[1, 7], j=[0, 2]), r'i\[1\] = 7.*source.*7 neurons'),
    ('err_arrays_source_negative', 'small', dict(i=[1, -1], j=[0, 2]), r'i\[1\] = -1.*source'),
    ('err_arrays_target_range', 'small', dict(i=[1, 2], j=[0, 5]), r'j\[1\] = 5.*target.*5 neurons'),
    ('err_arrays_skip', 'small', dict(i=[1], j=[1], skip_if_invalid=True), r'skip_if_invalid'),
    ('err_arrays_n_str', 'small', dict(i=[1], j=[1], n='2'), r'string expression for n'),
    ('err_n_negative', 'small', dict(condition='i == j', n=-1), r'negative'),
    ('err_n_expr_negative', 'small', dict(condition='i == j', n='i - 2'), r'negative'),
    ('err_n_float', 'small', dict(condition='i == j', n=1.5), r'n must be'),
    ('err_p_units', 'small', dict(condition='i == j', p='1*mV'), r'p.*dimensionless'),
    ('err_only_i', 'small', dict(i=[1, 2]), r'Must specify'),
]


def innermost(e):
    while True:
        nxt = e.__cause__ or e.__context__
        if nxt is None:
            return e
        e = nxt


def dim_list(q):
    d = get_dimensions(q)
    return [float(x) for x in d._dims]


def make_groups(setup):
    s = SETUPS[setup]
    G = NeuronGroup(s['n_pre'], s['pre_eqs'], name='source')
    H = NeuronGroup(s['n_post'], s['post_eqs'], name='target')
    for k, v in s['pre_init'].items():
        setattr(G, k, v)
    for k, v in s['post_init'].items():
        setattr(H, k, v)
    return G, H


def describe_group(group, eqs_names):
    out = {}
    for name in eqs_names:
        var = group.variables[name]
        values = np.asarray(getattr(group, name + '_')[:], dtype=float)
        kind = 'boolean' if var.dtype == bool else ('integer' if np.issubdtype(var.dtype, np.integer) else 'float')
        out[name] = {'dim': [float(x) for x in var.dim._dims], 'type': kind, 'values': values.tolist()}
    return out


def run_case(target, setup, kwargs):
    prefs.codegen.target = target
    start_scope()
    G, H = make_groups(setup)
    S = Synapses(G, H, name='syn')
    try:
        S.connect(namespace=dict(NAMESPACE), **kwargs)
    except Exception as exc:  # noqa: BLE001 - we record Brian2's error
        inner = innermost(exc)
        return None, {'type': type(inner).__name__, 'message': str(inner)}
    return (S.i[:].tolist(), S.j[:].tolist()), None


def jsonable_args(kwargs):
    out = {}
    for k, v in kwargs.items():
        out[k] = v
    return out


def main():
    cases = []
    for name, setup, kwargs, ts_error in CASES:
        res_np, err_np = run_case('numpy', setup, kwargs)
        res_cy, err_cy = run_case('cython', setup, kwargs)
        if ts_error is None:
            if err_cy is not None:
                sys.exit(f'{name}: unexpected Brian2 error (cython) {err_cy}')
            case = {'name': name, 'setup': setup, 'args': jsonable_args(kwargs),
                    'i': res_cy[0], 'j': res_cy[1]}
            if err_np is not None:
                # Bugs of Brian2 2.5.1's numpy template: it indexes per-pair n
                # values by the target index (`_n[_j]`), and with
                # skip_if_invalid it filters the targets but not the condition
                # values when the condition reads post-synaptic variables
                # (shape mismatch). The Cython target does both per pair.
                case['brian2_numpy_error'] = err_np
            elif res_np != res_cy:
                sys.exit(f'{name}: numpy and cython targets disagree:\n{res_np}\n{res_cy}')
        else:
            # The Cython target accepts a few inputs numpy rejects (negative n → no
            # synapses, float n/size fail to compile); we follow the numpy target.
            if err_np is None:
                sys.exit(f'{name}: Brian2 accepted an input we expect to fail: {res_np}')
            case = {'name': name, 'setup': setup, 'args': jsonable_args(kwargs),
                    'brian2_error': err_np, 'ts_error': ts_error}
            if err_cy is None:
                case['brian2_cython_result'] = {'i': res_cy[0], 'j': res_cy[1]}
        cases.append(case)
        print(f'{name}: ' + (f'{len(case["i"])} synapses' if 'i' in case else f'error {case["brian2_error"]["type"]}'))

    setups = {}
    for key, s in SETUPS.items():
        start_scope()
        G, H = make_groups(key)
        setups[key] = {
            'n_pre': s['n_pre'], 'n_post': s['n_post'],
            'pre': describe_group(G, list(s['pre_init'])),
            'post': describe_group(H, list(s['post_init'])),
        }
    namespace = {}
    for k, v in NAMESPACE.items():
        if isinstance(v, (int, float)) and not hasattr(v, 'dim'):
            namespace[k] = {'value': float(v), 'dim': [0.0] * 7, 'type': 'integer' if isinstance(v, int) else 'float'}
        else:
            namespace[k] = {'value': float(v), 'dim': dim_list(v), 'type': 'float'}

    doc = {
        'generator': 'tools/brian2/connect/make_connect_fixtures.py',
        'brian2_version': brian2.__version__,
        'numpy_version': np.__version__,
        'note': 'i/j are S.i[:], S.j[:] after one connect() call, identical for the numpy and cython targets. '
                'Errors: innermost exception of the numpy target. Dimensions are exponents of (m, kg, s, A, K, mol, cd).',
        'namespace': namespace,
        'setups': setups,
        'cases': cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(doc, f, indent=1, sort_keys=False)
        f.write('\n')
    print(f'wrote {len(cases)} cases to {os.path.relpath(OUT, REPO)}')


if __name__ == '__main__':
    main()

"""
Case definitions for test/fixtures/language/acceptance.json.

Each case is a dict; `add()` fills in defaults.  Namespace values are given
with `q(value_in_unit, unit)` and stored in SI in the fixture.
"""

from harness import q, timed

CASES = []
_IDS = set()

LIF = "dv/dt = -v/(10*ms) : volt"
TAU = {"tau": q(10, "ms")}


def add(cid, kind, equations, description="", threshold=None, reset=None,
        refractory=None, method=None, namespace=None, N=1):
    assert cid not in _IDS, cid
    _IDS.add(cid)
    CASES.append(
        {
            "id": cid,
            "kind": kind,
            "description": description,
            "equations": equations,
            "threshold": threshold,
            "reset": reset,
            "refractory": refractory,
            "method": method,
            "namespace": namespace or {},
            "N": N,
        }
    )


# ---------------------------------------------------------------------------
# 1. Equation syntax
# ---------------------------------------------------------------------------
K = "syntax"
add("syntax/diff-eq", K, LIF, "plain differential equation")
add("syntax/diff-eq-ns", K, "dv/dt = -v/tau : volt", namespace=TAU)
add("syntax/subexpression", K, "dv/dt = (I - v)/(10*ms) : volt\nI = 2*mV : volt")
add("syntax/parameter", K, "dv/dt = (E - v)/(10*ms) : volt\nE : volt")
add("syntax/parameter-only", K, "x : 1", "no differential equation at all")
add("syntax/empty", K, "", "empty model string")
add("syntax/comment-lines", K, "# leading comment\ndv/dt = -v/(10*ms) : volt  # trailing comment\n# final")
add("syntax/blank-lines", K, "\n\n   dv/dt = -v/(10*ms) : volt\n\n\n   E : volt\n\n")
add("syntax/multiline-expression", K, "dv/dt = (-v\n         + 1*mV)/(10*ms) : volt")
add("syntax/multiline-expression-comment", K,
    "dv/dt = (-v   # leak term\n         + 1*mV  # drive\n        )/(10*ms) : volt")
add("syntax/no-whitespace", K, "dv/dt=-v/(10*ms):volt")
add("syntax/extra-whitespace", K, "  dv / dt   =   -v / (10*ms)   :   volt   ")
add("syntax/space-in-diff-op", K, "d v/dt = -v/(10*ms) : volt")
add("syntax/missing-unit", K, "dv/dt = -v/(10*ms)", "no ': unit' part")
add("syntax/missing-colon", K, "dv/dt = -v/(10*ms) volt")
add("syntax/empty-unit", K, "dv/dt = -v/(10*ms) : ")
add("syntax/double-colon", K, "dv/dt = -v/(10*ms) : volt : volt")
add("syntax/empty-rhs", K, "x = : volt")
add("syntax/semicolon-two-eqs", K, "dv/dt = -v/(10*ms) : volt; E : volt",
    "two definitions on one line separated by ';'")
add("syntax/two-eqs-one-line", K, "dv/dt = -v/(10*ms) : volt E : volt",
    "two definitions on one line without separator")
add("syntax/second-order", K, "d2v/dt2 = -v/(10*ms)**2 : volt")
add("syntax/double-equals", K, "dv/dt == -v/(10*ms) : volt")
add("syntax/unbalanced-paren", K, "dv/dt = (-v/(10*ms) : volt")
add("syntax/ternary", K, "dv/dt = (-v if v > 0*mV else v)/(10*ms) : volt")
add("syntax/caret-operator", K, "dv/dt = -(v/mV)^2*mV/(10*ms) : volt", "'^' instead of '**'")
add("syntax/attribute-access", K, "x = v.shape : 1\nv : volt")
add("syntax/string-literal", K, "x = 'a' : 1")
add("syntax/identifier-digit-start", K, "2v : volt")
add("syntax/identifier-unicode", K, "dµ/dt = -µ/(10*ms) : volt")
add("syntax/derivative-wrt-other", K, "dv/dx = -v/(10*ms) : volt")
add("syntax/lambda-expr", K, "x = (lambda y: y)(1) : 1")
add("syntax/scientific-literal", K, "dv/dt = (-v + 1e-3*volt)/(10*ms) : volt")
add("syntax/unit-times-literal", K, "dv/dt = (-v + 5*mV)/(10*ms) : volt")
add("syntax/duplicate-diff", K, "dv/dt = -v/(10*ms) : volt\ndv/dt = v/(10*ms) : volt",
    "dv/dt defined twice")
add("syntax/duplicate-param-diff", K, "dv/dt = -v/(10*ms) : volt\nv : volt",
    "v both differential equation and parameter")
add("syntax/duplicate-param", K, "x : 1\nx : 1")
add("syntax/duplicate-subexpr-diff", K, "dv/dt = -v/(10*ms) : volt\nv = 2*mV : volt",
    "v both differential equation and subexpression")

# ---------------------------------------------------------------------------
# 2. Flags
# ---------------------------------------------------------------------------
K = "flags"
add("flags/unless-refractory-ok", K, "dv/dt = -v/(10*ms) : volt (unless refractory)",
    threshold="v > 10*mV", reset="v = 0*mV", refractory=q(2, "ms"))
add("flags/unless-refractory-no-refractory", K,
    "dv/dt = -v/(10*ms) : volt (unless refractory)",
    "flag used but no refractory keyword -> warning only")
add("flags/constant-param", K, "x : 1 (constant)")
add("flags/shared-param", K, "x : 1 (shared)")
add("flags/constant-shared-param", K, "x : 1 (constant, shared)")
add("flags/constant-shared-no-space", K, "x : 1 (constant,shared)")
add("flags/flag-inner-spaces", K, "x : 1 ( constant )")
add("flags/linked-param-unlinked", K, "x : 1 (linked)", "linked variable never linked")
add("flags/shared-subexpr", K, "dv/dt = -v/(10*ms) + x/ms : volt\nx = 2*mV : volt (shared)")
add("flags/shared-subexpr-refers-nonshared", K,
    "dv/dt = -v/(10*ms) : volt\nx = 2*v : volt (shared)",
    "shared subexpression referring to a per-neuron variable")
add("flags/constant-over-dt-rand", K,
    "dv/dt = (-v + x*mV)/(10*ms) : volt\nx = rand() : 1 (constant over dt)")
add("flags/subexpr-rand-no-flag", K,
    "dv/dt = (-v + x*mV)/(10*ms) : volt\nx = rand() : 1",
    "stateful subexpression without 'constant over dt'")
add("flags/constant-over-dt-deterministic", K,
    "dv/dt = (-v + x)/(10*ms) : volt\nx = 2*v : volt (constant over dt)")
add("flags/constant-on-diff", K, "dv/dt = -v/(10*ms) : volt (constant)")
add("flags/shared-on-diff", K, "dv/dt = -v/(10*ms) : volt (shared)")
add("flags/constant-on-subexpr", K, "dv/dt = -v/(10*ms) : volt\nx = 2*v : volt (constant)")
add("flags/unless-refractory-on-param", K, "x : volt (unless refractory)")
add("flags/unless-refractory-on-subexpr", K,
    "dv/dt = -v/(10*ms) : volt\nx = 2*v : volt (unless refractory)")
add("flags/constant-over-dt-on-param", K, "x : 1 (constant over dt)")
add("flags/constant-over-dt-on-diff", K, "dv/dt = -v/(10*ms) : volt (constant over dt)")
add("flags/unknown-flag-param", K, "x : 1 (foo)")
add("flags/unknown-flag-diff", K, "dv/dt = -v/(10*ms) : volt (foo)")
add("flags/event-driven-in-neurongroup", K, "dv/dt = -v/(10*ms) : volt (event-driven)")
add("flags/uppercase-flag", K, "x : 1 (Constant)")
add("flags/empty-flag-list", K, "x : 1 ()")
add("flags/duplicate-flag", K, "x : 1 (constant, constant)")
add("flags/flag-without-parens", K, "x : 1 constant")
add("flags/unless-refractory-with-refractory-flag-diff-only", K,
    "dv/dt = -v/(10*ms) : volt (unless refractory)\ndw/dt = -w/(10*ms) : volt",
    threshold="v > 10*mV", reset="v = 0*mV", refractory=q(2, "ms"))

# ---------------------------------------------------------------------------
# 3. Types and units in the ': unit' part
# ---------------------------------------------------------------------------
K = "types"
add("types/integer-param", K, "n : integer")
add("types/boolean-param", K, "b : boolean")
add("types/bool-keyword", K, "b : bool")
add("types/dimensionless-1", K, "x : 1")
add("types/integer-diff", K, "dn/dt = 1/ms : integer")
add("types/boolean-diff", K, "db/dt = 1/ms : boolean")
add("types/integer-subexpr", K, "n = 2 : integer")
add("types/integer-subexpr-float-expr", K, "x : 1\nn = x*2.5 : integer",
    "float expression assigned to integer subexpression")
add("types/boolean-subexpr", K, "dv/dt = -v/(10*ms) : volt\nb = v > 0*mV : boolean")
add("types/boolean-subexpr-nonbool-expr", K, "dv/dt = -v/(10*ms) : volt\nb = v/mV : boolean")
add("types/integer-reset-increment", K, "dv/dt = 1*mV/ms : volt\nn : integer",
    threshold="v > 0.5*mV", reset="v = 0*mV\nn += 1")
add("types/integer-reset-float-value", K, "dv/dt = 1*mV/ms : volt\nn : integer",
    threshold="v > 0.5*mV", reset="v = 0*mV\nn = 0.5")
add("types/boolean-threshold", K, "b : boolean", threshold="b", reset="")
add("types/boolean-reset-int", K, "dv/dt = 1*mV/ms : volt\nb : boolean",
    threshold="v > 0.5*mV", reset="v = 0*mV\nb = 1")
add("types/boolean-reset-true", K, "dv/dt = 1*mV/ms : volt\nb : boolean",
    threshold="v > 0.5*mV", reset="v = 0*mV\nb = True")
add("types/boolean-in-arithmetic-eq", K,
    "dv/dt = (b*mV - v)/(10*ms) : volt\nb : boolean")
add("types/integer-with-unit", K, "n : integer*volt")

K = "units"
for u, note in [
    ("volt", ""), ("mV", "scaled unit"), ("mvolt", "scaled unit (long form)"),
    ("amp/metre**2", ""), ("siemens/meter**2", "'meter' spelling"),
    ("siemens/metre**2", ""), ("farad/meter**2", ""), ("1/second", ""),
    ("second**-1", ""), ("Hz", ""), ("hertz", ""), ("ohm", ""), ("metre", ""),
    ("meter", ""), ("kilogram", ""), ("kg", "scaled/abbreviated"), ("cm", ""),
    ("volt**2", ""), ("volt*second", ""), ("second**0.5", ""),
    ("volt/second**0.5", ""), ("radian", ""), ("kelvin", ""), ("mole", ""),
    ("mmolar", "mmolar == mol/m^3"), ("mM", ""), ("molar", ""), ("nS", ""),
    ("2*volt", "quantity instead of unit"), ("foo", "unknown name"),
    ("Volt", "wrong case"), ("volt volt", ""), ("volt/", "syntax error"),
    ("1/mV", ""), ("10", "number other than 1"), ("1.0", ""), ("siemens", ""),
    ("amp", ""), ("ampere", ""), ("coulomb", ""), ("joule", ""), ("steradian", ""),
    ("(volt)", "parenthesised"), ("volt*1", ""), ("second**-1*volt", ""),
]:
    slug = (u.replace("**", "pow").replace("*", "x").replace("/", "per")
            .replace(" ", "_").replace(".", "p").replace("(", "paren-").replace(")", ""))
    add(f"units/param-{slug}", K, f"x : {u}", note)
add("units/diff-mV", K, "dv/dt = -v/(10*ms) : mV")
add("units/diff-amp-per-m2", K, "dI/dt = -I/(10*ms) : amp/metre**2")

# ---------------------------------------------------------------------------
# 4. Reserved / special names
# ---------------------------------------------------------------------------
K = "reserved"
for name, unit in [
    ("t", "second"), ("dt", "second"), ("xi", "1"), ("xi_1", "1"), ("xi_foo", "1"),
    ("i", "1"), ("N", "1"), ("t_in_timesteps", "1"), ("lastspike", "second"),
    ("not_refractory", "boolean"), ("class", "1"), ("lambda", "1"), ("and", "1"),
    ("None", "1"), ("True", "1"), ("_x", "1"), ("__x", "1"), ("x_", "1"),
    ("exp", "1"), ("rand", "1"), ("pi", "1"), ("e", "1"), ("inf", "1"),
    ("mV", "1"), ("ms", "1"), ("second", "1"), ("volt", "1"), ("xi1", "1"),
    ("ti", "1"), ("dv", "1"), ("int", "1"), ("float", "1"), ("sum", "1"),
]:
    add(f"reserved/param-{name}", K, f"{name} : {unit}")
add("reserved/lastspike-with-refractory", K,
    "dv/dt = -v/(10*ms) : volt\nlastspike : second",
    threshold="v > 1*mV", reset="v = 0*mV", refractory=q(1, "ms"))
add("reserved/not-refractory-with-refractory", K,
    "dv/dt = -v/(10*ms) : volt\nnot_refractory : boolean",
    threshold="v > 1*mV", reset="v = 0*mV", refractory=q(1, "ms"))
add("reserved/diff-eq-on-t", K, "dt/dt = 1 : second")
add("reserved/subexpr-named-i", K, "i = 2 : 1")
add("reserved/underscore-diff", K, "d_v/dt = -_v/(10*ms) : volt")

# ---------------------------------------------------------------------------
# 5. Stochastic terms
# ---------------------------------------------------------------------------
K = "stochastic"
SIG = {"tau": q(10, "ms"), "sigma": q(1, "mV")}
add("stochastic/xi-tau-pow", K, "dv/dt = -v/tau + sigma*xi*tau**-0.5 : volt", namespace=SIG)
add("stochastic/xi-sqrt-tau", K, "dv/dt = -v/tau + sigma*xi/sqrt(tau) : volt", namespace=SIG)
add("stochastic/xi-times-sqrt-tau-wrong", K,
    "dv/dt = -v/tau + sigma*xi*sqrt(tau) : volt", namespace=SIG)
add("stochastic/xi-no-scaling-wrong", K, "dv/dt = -v/tau + sigma*xi : volt", namespace=SIG)
add("stochastic/xi-over-tau-wrong", K, "dv/dt = -v/tau + sigma*xi/tau : volt", namespace=SIG)
add("stochastic/xi-dimensionless", K, "dv/dt = -v/(10*ms) + xi/sqrt(10*ms) : 1")
add("stochastic/xi-ms-pow-wrong", K, "dv/dt = -v/(10*ms) + xi*ms**-1 : 1")
add("stochastic/xi_1", K, "dv/dt = -v/tau + sigma*xi_1*tau**-0.5 : volt", namespace=SIG)
add("stochastic/xi_a-and-xi_b-same-eq", K,
    "dv/dt = -v/tau + sigma*(xi_a + xi_b)*tau**-0.5 : volt", namespace=SIG)
add("stochastic/two-vars-xi_1-xi_2", K,
    "dv/dt = -v/tau + sigma*xi_1*tau**-0.5 : volt\n"
    "dw/dt = -w/tau + sigma*xi_2*tau**-0.5 : volt", namespace=SIG)
add("stochastic/two-vars-same-xi_1", K,
    "dv/dt = -v/tau + sigma*xi_1*tau**-0.5 : volt\n"
    "dw/dt = -w/tau + sigma*xi_1*tau**-0.5 : volt", namespace=SIG,
    description="the same named noise in two equations (shared realisation)")
add("stochastic/two-vars-both-xi", K,
    "dv/dt = -v/tau + sigma*xi*tau**-0.5 : volt\n"
    "dw/dt = -w/tau + sigma*xi*tau**-0.5 : volt", namespace=SIG)
add("stochastic/xi-in-subexpr", K,
    "dv/dt = -v/tau + n : volt\nn = sigma*xi*tau**-0.5 : volt/second", namespace=SIG)
add("stochastic/xi-in-threshold", K, LIF, threshold="xi > 0*second**-0.5", reset="")
add("stochastic/xi-in-reset", K, LIF, threshold="v > 1*mV", reset="v = xi*mV*ms**0.5")
add("stochastic/xi-squared", K,
    "dv/dt = -v/tau + sigma*xi**2/tau : volt", namespace=SIG)
add("stochastic/xi-in-function", K,
    "dv/dt = -v/tau + sigma*exp(xi*ms**0.5)/tau : volt", namespace=SIG)
add("stochastic/multiplicative-default", K, "dv/dt = -v/tau + v*xi*tau**-0.5 : volt",
    namespace=SIG)
add("stochastic/additive-default", K, "dv/dt = -v/tau + sigma*xi*tau**-0.5 : volt",
    namespace=SIG, description="method omitted")
add("stochastic/noise-coefficient-depends-on-t", K,
    "dv/dt = -v/tau + sigma*sin(2*pi*t/ms)*xi*tau**-0.5 : volt", namespace=SIG)
add("stochastic/noise-coefficient-depends-on-other-var", K,
    "dv/dt = -v/tau + w*xi*tau**-0.5 : volt\ndw/dt = -w/tau : volt", namespace=SIG)

# ---------------------------------------------------------------------------
# 6. Unit checking of expressions
# ---------------------------------------------------------------------------
K = "unitcheck"
V = "dv/dt = -v/(10*ms) : volt\n"
add("unitcheck/sum-mismatch", K, "dv/dt = (-v + 1)/(10*ms) : volt")
add("unitcheck/sum-ok", K, "dv/dt = (-v + 1*mV)/(10*ms) : volt")
add("unitcheck/sum-mismatch-in-subexpr", K, V + "x = v + 1*second : volt")
add("unitcheck/sum-zero-literal", K, V + "x = v + 0 : volt",
    "adding a dimensionless 0 to a dimensionful value")
add("unitcheck/diff-rhs-missing-per-second", K, "dv/dt = -v : volt")
add("unitcheck/diff-rhs-per-second-squared", K, "dv/dt = -v/(10*ms)**2 : volt")
add("unitcheck/diff-dimensionless-ok", K, "dx/dt = -x/(10*ms) : 1")
add("unitcheck/diff-dimensionless-wrong", K, "dx/dt = -x : 1")
add("unitcheck/subexpr-declared-mismatch", K, V + "x = v*2 : 1")
add("unitcheck/subexpr-declared-ok", K, V + "x = v*2 : volt")
add("unitcheck/subexpr-t-as-dimensionless", K, "x = t : 1")
add("unitcheck/subexpr-t-ok", K, "x = t : second")
# comparisons
for thr, slug in [
    ("v > 0", "gt-0"), ("v > 0*mV", "gt-0mV"), ("v > -50*mV", "gt-neg50mV"),
    ("v > -50", "gt-neg50"), ("v > 0*volt", "gt-0volt"), ("v >= 0*mV", "ge-0mV"),
    ("v == 0*mV", "eq-0mV"), ("v != 0", "ne-0"), ("0*mV < v", "reversed"),
    ("v > 0*second", "gt-0second"), ("v/mV > 0", "ratio-gt-0"),
    ("v > 0.0", "gt-0p0"), ("v > -0*mV", "gt-neg0mV"), ("v > mV", "gt-unit"),
    ("v > 0*mV and v < 10*mV", "and"), ("v > 0*mV or t > 0.5*ms", "or"),
    ("not v < 0*mV", "not"), ("v > 0*mV and 1", "and-nonbool"),
    ("0*mV < v < 10*mV", "chained"), ("True", "true-literal"), ("1", "one-literal"),
    ("v", "non-boolean-volt"), ("x", "non-boolean-dimensionless"),
    ("b", "boolean-var"), ("rand() < 0.5", "rand"), ("v > x", "volt-vs-dimensionless-var"),
    ("v > 5*mV + 0", "sum-with-zero"), ("(v > 0*mV) + 1", "bool-plus-int"),
    ("v > inf*mV", "inf"), ("v > inf", "inf-dimensionless"), ("x > -inf", "neg-inf"),
]:
    add(f"unitcheck/threshold-{slug}", K, V + "x : 1\nb : boolean", threshold=thr, reset="")
add("unitcheck/bool-subexpr-compare-0", K, V + "b = v > 0 : boolean")
add("unitcheck/bool-subexpr-compare-0mV", K, V + "b = v > 0*mV : boolean")
# functions
for expr, unit, slug in [
    ("exp(v)", "1", "exp-volt"), ("exp(v/mV)", "1", "exp-dimless"),
    ("exp(v/mV)", "volt", "exp-declared-volt"),
    ("sin(v)", "1", "sin-volt"), ("sin(v/mV)", "1", "sin-dimless"),
    ("cos(2*pi*t/ms)", "1", "cos-t"), ("cos(2*pi*t)", "1", "cos-t-not-dimless"),
    ("log(v)", "1", "log-volt"), ("log(v/mV)", "1", "log-dimless"),
    ("log10(v/mV)", "1", "log10-dimless"), ("tanh(v)", "1", "tanh-volt"),
    ("sqrt(v**2)", "volt", "sqrt-v2"), ("sqrt(v)", "volt**0.5", "sqrt-v"),
    ("sqrt(v)", "volt", "sqrt-v-wrong"), ("abs(v)", "volt", "abs-v"),
    ("abs(v)", "1", "abs-v-wrong"), ("sign(v)", "1", "sign-v"),
    ("sign(v)", "volt", "sign-v-declared-volt"),
    ("clip(v, 0*mV, 10*mV)", "volt", "clip-mV"), ("clip(v, 0, 10)", "volt", "clip-dimless-bounds"),
    ("clip(v, 0*mV, 10)", "volt", "clip-mixed-bounds"),
    ("clip(v/mV, 0, 10)", "1", "clip-dimless"), ("clip(v/mV, 0, inf)", "1", "clip-inf"),
    ("clip(v, -inf*mV, 0*mV)", "volt", "clip-neg-inf-mV"),
    ("int(v/mV)", "1", "int-dimless"), ("int(v)", "1", "int-volt"),
    ("int(v/mV)", "integer", "int-to-integer"),
    ("floor(v/mV)", "1", "floor-dimless"), ("floor(v)", "volt", "floor-volt"),
    ("ceil(v)", "volt", "ceil-volt"), ("floor(v)", "1", "floor-volt-as-dimless"),
    ("exprel(v/mV)", "1", "exprel-dimless"), ("exprel(v)", "1", "exprel-volt"),
    ("expm1(v/mV)", "1", "expm1"), ("log1p(v/mV)", "1", "log1p"),
    ("arctan(v/mV)", "1", "arctan"), ("arcsin(v)", "1", "arcsin-volt"),
    ("timestep(t, dt)", "integer", "timestep"), ("timestep(t, 1)", "integer", "timestep-bad-unit"),
    ("poisson(2)", "integer", "poisson"), ("rand()", "1", "rand"),
    ("rand()*mV", "volt", "rand-times-mV"), ("rand()", "volt", "rand-as-volt"),
    ("randn()", "1", "randn"),
]:
    flag = " (constant over dt)" if ("rand" in expr or "poisson" in expr) else ""
    add(f"unitcheck/func-{slug}", K, V + f"x = {expr} : {unit}{flag}")
add("unitcheck/rand-in-diff", K, "dv/dt = (rand()*mV - v)/(10*ms) : volt",
    "stateful function directly in a differential equation")
add("unitcheck/randn-in-diff-euler", K, "dv/dt = (randn()*mV - v)/(10*ms) : volt",
    method="euler")
# powers
for expr, unit, slug in [
    ("v**2", "volt**2", "int-exponent"), ("v**2", "volt", "int-exponent-wrong"),
    ("v**0.5", "volt**0.5", "fractional-exponent"), ("v**(1/2)", "volt**0.5", "exponent-1-over-2"),
    ("v**-1", "1/volt", "negative-exponent"), ("v**2.5", "volt**2.5", "exponent-2p5"),
    ("v**n", "volt", "nonconstant-exponent"), ("v**k", "volt**2", "namespace-constant-exponent"),
    ("v**N", "volt", "N-exponent"), ("v**(2*k)", "volt**4", "constant-expr-exponent"),
    ("(v/mV)**n", "1", "dimless-base-var-exponent"), ("2**(v/mV)", "1", "dimless-exponent"),
    ("2**v", "1", "dimensionful-exponent"), ("v**(1*second)", "volt", "exponent-with-unit"),
    ("v**0", "1", "zero-exponent"), ("v**(k-2)", "1", "constant-expr-zero"),
    ("v**True", "volt", "bool-exponent"),
    ("v**(3-1)", "volt**2", "literal-sub-exponent"), ("v**(3-1)", "volt**4", "literal-sub-exponent-as-sum"),
    ("v**(-2)", "volt**-2", "neg-literal-exponent"), ("v**(4/2)", "volt**2", "div-exponent"),
    ("v**(2**1)", "volt**2", "pow-exponent"), ("v**(5 % 3)", "volt**2", "mod-exponent"),
    ("v % (1*mV)", "volt", "mod-same-unit"), ("v % 1", "volt", "mod-dimless"),
    ("v // mV", "1", "floordiv-dimless-result"), ("v // (1*mV)", "1", "floordiv-paren"),
    ("(v/mV) // 2", "1", "floordiv-dimless"), ("(v/mV) // 2", "integer", "floordiv-integer"),
    ("-v", "volt", "unary-minus"), ("+v", "volt", "unary-plus"),
    ("(v > 0*mV)*mV", "volt", "bool-times-unit"), ("int(v > 0*mV)*mV", "volt", "int-of-comparison"),
    ("1*(v > 0*mV)", "1", "one-times-comparison"), ("b*mV", "volt", "bool-var-times-unit"),
    ("v*True", "volt", "times-true-literal"), ("(v > 0*mV) + 1", "1", "bool-plus-one"),
    ("(v > 0*mV) + v", "volt", "bool-plus-volt"), ("True + True", "1", "true-plus-true"),
    ("b*2", "1", "bool-var-times-2"), ("not b", "boolean", "not-bool"),
    ("b and v > 0*mV", "boolean", "and-mixed"), ("b and x", "boolean", "and-with-float"),
    ("v*mV/mV", "volt", "cancel"), ("n/2", "1", "int-div-int"), ("n/2", "integer", "int-div-to-integer"),
    ("n//2", "integer", "int-floordiv-to-integer"),
]:
    add(f"unitcheck/op-{slug}", K,
        V + f"y = {expr} : {unit}\nn : integer\nx : 1\nb : boolean",
        namespace={"k": q(2, "1")})
# resets
for reset, slug in [
    ("v = 5", "assign-dimless"), ("v = 5*mV", "assign-ok"), ("u = 0*mV", "unknown-var"),
    ("I = 0*mV", "assign-subexpr"), ("v += 1", "incr-dimless"), ("v += 1*mV", "incr-ok"),
    ("v *= 2", "mult-dimless"), ("v *= 2*mV", "mult-volt"), ("v /= 2", "div"),
    ("v -= 1*mV", "decr"), ("v %= 1*mV", "mod-assign"), ("v %= (1*mV)", "mod-assign-paren"),
    ("v -= 1*mV - 2*mV", "decr-compound-rhs"), ("v /= 2*mV/mV", "div-compound-rhs"), ("v **= 2", "pow-assign"),
    ("v //= 2", "floordiv-assign"),
    ("E = 0*mV", "assign-constant"), ("Es = 0*mV", "assign-shared"), ("t = 0*second", "assign-t"),
    ("N = 2", "assign-N"), ("i = 0", "assign-i"), ("dt = 1*ms", "assign-dt"),
    ("lastspike = t", "assign-lastspike"), ("not_refractory = True", "assign-not-refractory"),
    ("v = 0*mV; w += 1*nA", "two-statements-semicolon"),
    ("v = 0*mV\nw += 1*nA", "two-statements-newline"),
    ("tmp = 2*mV\nv = tmp", "temporary-variable"),
    ("tmp = 2*mV\nv = tmp + 1", "temporary-variable-mismatch"),
    ("if v > 0*mV: v = 0*mV", "if-statement"), ("v == 0*mV", "expression-only"),
    ("v = v > 0*mV", "assign-bool-to-float"), ("v = 0*mV, 1*mV", "tuple"),
    ("v = w*ohm", "cross-var"), ("v = vr", "unknown-rhs"),
    ("v = 0*mV  # comment", "with-comment"), ("", "empty"),
    ("v = i*mV", "uses-i"), ("v = -70*mV\n", "trailing-newline"),
    ("v = foo(v)", "unknown-function"), ("v = xi", "xi"),
]:
    add(f"unitcheck/reset-{slug}", K,
        "dv/dt = (I - v)/(10*ms) : volt\ndw/dt = -w/(10*ms) : amp\nI = 1*mV : volt\n"
        "E : volt (constant)\nEs : volt (shared)",
        threshold="v > 0.5*mV", reset=reset)

# ---------------------------------------------------------------------------
# 7. Name resolution
# ---------------------------------------------------------------------------
K = "names"
add("names/unknown-in-eq", K, "dv/dt = -v/tau : volt")
add("names/unknown-in-eq-close-name", K, "dv/dt = -v/tau : volt",
    namespace={"tau_m": q(10, "ms")}, description="does Brian suggest 'tau_m'?")
add("names/unknown-in-threshold", K, V + "v_th : volt", threshold="v > v_t", reset="")
add("names/unknown-in-reset", K, V, threshold="v > 1*mV", reset="v = v_reset")
add("names/unknown-in-subexpr", K, V + "x = y*2 : 1")
add("names/unknown-two", K, "dv/dt = (E - v)/tau : volt", "two unresolved names")
add("names/namespace-shadows-unit", K, "dv/dt = (mV - v)/(10*ms) : volt",
    namespace={"mV": q(2, "mV")})
add("names/namespace-shadows-unit-dimless", K, "dv/dt = (mV - v)/(10*ms) : volt",
    namespace={"mV": q(5, "1")})
add("names/namespace-shadows-function", K, V + "x = exp : 1",
    namespace={"exp": q(3, "1")})
add("names/namespace-shadows-function-call", K, V + "x = exp(1) : 1",
    namespace={"exp": q(3, "1")})
add("names/namespace-shadows-constant", K, V + "x = pi : 1",
    namespace={"pi": q(3, "1")})
add("names/namespace-shadows-model-var", K, LIF, namespace={"v": q(1, "mV")})
add("names/namespace-shadows-t", K, "x = t : second", namespace={"t": q(1, "ms")})
add("names/namespace-shadows-N", K, "x = N : 1", namespace={"N": q(1, "1", "int")})
add("names/namespace-same-N", K, "x = N : 1", namespace={"N": q(1, "1", "int")},
    N=1, description="same value as the group size")
add("names/namespace-wrong-unit", K, "dv/dt = -v/tau : volt", namespace={"tau": q(10, "mV")})
add("names/namespace-dimless", K, "dv/dt = -v/tau : volt", namespace={"tau": q(10, "1")})
add("names/namespace-int", K, "dv/dt = -v*k/(10*ms) : volt", namespace={"k": q(2, "1", "int")})
add("names/namespace-bool", K, "dv/dt = -v*k/(10*ms) : volt", namespace={"k": q(True, "1", "bool")})
add("names/namespace-unused", K, LIF, namespace={"unused": q(1, "mV")})
add("names/t-in-eq", K, "dv/dt = (sin(2*pi*t/(10*ms))*mV - v)/(10*ms) : volt")
add("names/dt-in-eq", K, "dv/dt = -v/(100*dt) : volt")
add("names/i-in-eq", K, "dv/dt = (i*mV - v)/(10*ms) : volt", N=3)
add("names/N-in-eq", K, "dv/dt = (N*mV - v)/(10*ms) : volt", N=3)
add("names/i-over-N-subexpr", K, "x = i/N : 1\nv : volt", N=3)
add("names/i-with-unit", K, "x = i : volt")
add("names/t-in-timesteps", K, "x = t_in_timesteps : integer")
add("names/lastspike-no-refractory", K, V + "x = t - lastspike : second")
add("names/lastspike-with-refractory", K, V + "x = t - lastspike : second",
    threshold="v > 1*mV", reset="v = 0*mV", refractory=q(1, "ms"))
add("names/lastspike-with-reset-only", K, V + "x = t - lastspike : second",
    threshold="v > 1*mV", reset="v = 0*mV")
add("names/not-refractory-no-refractory", K,
    "dv/dt = int(not_refractory)*(-v/(10*ms)) : volt")
add("names/not-refractory-with-refractory", K,
    "dv/dt = int(not_refractory)*(-v/(10*ms)) : volt",
    threshold="v > 1*mV", reset="v = 0*mV", refractory=q(1, "ms"))
add("names/threshold-t", K, V, threshold="t > 0.5*ms", reset="")
add("names/threshold-i", K, V, threshold="i == 0", reset="", N=2)
add("names/threshold-i-N", K, V, threshold="i > N/2", reset="", N=4)
add("names/threshold-lastspike", K, V, threshold="t - lastspike > 0.5*ms",
    reset="v = 0*mV", refractory=q(0.2, "ms"))
add("names/threshold-lastspike-no-refractory", K, V, threshold="t - lastspike > 0.5*ms",
    reset="v = 0*mV")
add("names/threshold-not-refractory", K, V, threshold="not_refractory",
    reset="", refractory=q(0.3, "ms"))
add("names/reset-dt", K, V, threshold="v > 1*mV", reset="v = dt*mV/ms")
add("names/reset-N", K, V, threshold="v > 1*mV", reset="v = N*mV")
add("names/undefined-function", K, V + "x = foo(v) : volt")
add("names/undefined-function-threshold", K, V, threshold="foo(v) > 0*mV", reset="")
add("names/variable-as-function", K, V + "x = v(1) : volt")
add("names/namespace-value-as-function", K, V + "x = k(1) : 1", namespace={"k": q(2, "1")})
add("names/unit-as-function", K, V + "x = mV(1) : volt")
add("names/function-as-variable", K, V + "x = exp*2 : 1")
add("names/function-wrong-arity-exp", K, V + "x = exp(1, 2) : 1")
add("names/function-wrong-arity-clip", K, V + "x = clip(v, 0*mV) : volt")
add("names/function-wrong-arity-rand", K, V + "x = rand(1) : 1 (constant over dt)")
add("names/function-zero-args", K, V + "x = exp() : 1")
add("names/function-keyword-args", K, V + "x = clip(v, a_min=0*mV, a_max=1*mV) : volt")
add("names/python-builtin-min", K, V + "x = min(v, 1*mV) : volt")
add("names/python-builtin-max", K, V + "x = max(1, 2) : 1")
add("names/numpy-style-power", K, V + "x = pow(2, 3) : 1")
add("names/timedarray-ok", K, "dv/dt = (I(t) - v)/(10*ms) : volt",
    namespace={"I": timed([0, 1, 2, 3], "mV", 0.25)})
add("names/timedarray-as-variable", K, "dv/dt = (I - v)/(10*ms) : volt",
    namespace={"I": timed([0, 1, 2, 3], "mV", 0.25)})
add("names/timedarray-wrong-arg-unit", K, "dv/dt = (I(v) - v)/(10*ms) : volt",
    namespace={"I": timed([0, 1, 2, 3], "mV", 0.25)})
add("names/timedarray-wrong-result-unit", K, "dv/dt = (I(t) - v)/(10*ms) : volt",
    namespace={"I": timed([0, 1, 2, 3], "nA", 0.25)})
add("names/timedarray-2d-index", K, "dv/dt = (I(t, i) - v)/(10*ms) : volt",
    namespace={"I": timed([0, 1, 2, 3], "mV", 0.25)},
    description="1D TimedArray called with two arguments")
add("names/constants-pi-e-inf", K, "x = pi + e : 1\ny = inf : 1")
add("names/true-false-literals", K, "b = True : boolean\nc = False : boolean")
add("names/unit-in-expression", K, "dv/dt = (-v + 2*mvolt + 3*uvolt + 1*kvolt*1e-6)/(10*ms) : volt")
add("names/unit-uV", K, "dv/dt = (-v + 3*uV)/(10*ms) : volt", description="is 'uV' a known unit name?")
add("names/unit-nA-pF-Mohm", K, "dv/dt = (1*nA/(1*pF) - v/(10*ms)) + 0*Mohm*nA/ms : volt")
add("names/unit-squared-name", K, "x = 1*mV2 : volt**2", description="'mV2' unit name")
add("names/unit-cubed-name", K, "x = 1*metre3 : metre**3")

# ---------------------------------------------------------------------------
# 8. Subexpressions
# ---------------------------------------------------------------------------
K = "subexpr"
add("subexpr/order-independent", K,
    "dv/dt = a/(10*ms) : volt\na = b*2 : volt\nb = -v : volt")
add("subexpr/order-reversed", K,
    "b = -v : volt\na = b*2 : volt\ndv/dt = a/(10*ms) : volt")
add("subexpr/cycle-2", K, "a = b : 1\nb = a : 1")
add("subexpr/cycle-3", K, "a = b : 1\nb = c : 1\nc = a : 1")
add("subexpr/self-reference", K, "a = a + 1 : 1")
add("subexpr/self-reference-with-diff", K, "dv/dt = -v/(10*ms) : volt\na = a*v : volt")
add("subexpr/in-threshold", K, V + "x = v*2 : volt", threshold="x > 1*mV", reset="v = 0*mV")
add("subexpr/in-reset-rhs", K, V + "x = v*2 : volt", threshold="v > 1*mV", reset="v = x/4")
add("subexpr/diff-depends-on-subexpr-of-t", K,
    "dv/dt = (I - v)/(10*ms) : volt\nI = sin(2*pi*t/ms)*mV : volt")
add("subexpr/boolean-subexpr-threshold", K, V + "spiking = v > 1*mV : boolean",
    threshold="spiking", reset="v = 0*mV")
add("subexpr/integer-subexpr-in-eq", K,
    "dv/dt = (n*mV - v)/(10*ms) : volt\nn = 3 : integer")
add("subexpr/subexpr-name-in-namespace", K, "dv/dt = (I - v)/(10*ms) : volt\nI = 1*mV : volt",
    namespace={"I": q(2, "mV")})
add("subexpr/constant-over-dt-chain", K,
    "dv/dt = (b - v)/(10*ms) : volt\na = rand()*mV : volt (constant over dt)\nb = 2*a : volt")
add("subexpr/shared-refers-shared", K,
    "dv/dt = (b - v)/(10*ms) : volt\na : volt (shared)\nb = 2*a : volt (shared)")
add("subexpr/depends-on-param-defined-later", K, "x = 2*y : 1\ny : 1")

# ---------------------------------------------------------------------------
# 9. Method x equation type
# ---------------------------------------------------------------------------
K = "method"
METHODS = [None, "euler", "rk2", "rk4", "heun", "milstein", "exponential_euler",
           "exact", "linear", "independent"]
EQ_TYPES = {
    "linear": ("dv/dt = (E - v)/tau : volt", {"E": q(-70, "mV"), "tau": q(10, "ms")}),
    "linear-coupled": ("dv/dt = (w - v)/tau : volt\ndw/dt = -w/(2*tau) : volt",
                       {"tau": q(10, "ms")}),
    "linear-param": ("dv/dt = (E - v)/tau : volt\nE : volt", {"tau": q(10, "ms")}),
    "nonlinear": ("dv/dt = (sin(v/mV)*mV - v)/tau : volt", {"tau": q(10, "ms")}),
    "conditionally-linear": (
        "dv/dt = m**2*(E - v)/tau : volt\ndm/dt = (1/(1 + exp(-v/(10*mV))) - m)/tau : 1",
        {"E": q(50, "mV"), "tau": q(10, "ms")}),
    "stochastic-additive": ("dv/dt = -v/tau + sigma*xi*tau**-0.5 : volt",
                            {"tau": q(10, "ms"), "sigma": q(1, "mV")}),
    "stochastic-multiplicative": ("dv/dt = -v/tau + v*xi*tau**-0.5 : volt",
                                  {"tau": q(10, "ms")}),
    "stochastic-two-sources": (
        "dv/dt = -v/tau + sigma*xi_1*tau**-0.5 : volt\n"
        "dw/dt = -w/tau + sigma*xi_2*tau**-0.5 : volt",
        {"tau": q(10, "ms"), "sigma": q(1, "mV")}),
    "timedarray": ("dv/dt = (I(t) - v)/tau : volt",
                   {"tau": q(10, "ms"), "I": timed([0, 1, 2, 3], "mV", 0.1)}),
    "timedarray-misaligned-dt": ("dv/dt = (I(t) - v)/tau : volt",
                                 {"tau": q(10, "ms"), "I": timed([0, 1, 2, 3], "mV", 0.25)}),
    "timedarray-coarse-dt": ("dv/dt = (I(t) - v)/tau : volt",
                             {"tau": q(10, "ms"), "I": timed([0, 1, 2, 3], "mV", 0.5)}),
    "t-in-coefficient": ("dv/dt = (sin(2*pi*t/(5*ms))*mV - v)/tau : volt",
                         {"tau": q(10, "ms")}),
    "t-multiplies-state": ("dv/dt = -v*t/tau**2 : volt", {"tau": q(10, "ms")}),
    "independent-of-state": ("dv/dt = 1*mV/ms : volt", {}),
    "independent-t": ("dv/dt = sin(2*pi*t/ms)*mV/ms : volt", {}),
    "pure-integrator-param": ("dv/dt = I/C : volt\nI : amp", {"C": q(200, "pF")}),
    "damped-oscillator": ("dx/dt = y/tau : 1\ndy/dt = (-x - 0.2*y)/tau : 1",
                          {"tau": q(1, "ms")}),
    "unless-refractory": ("dv/dt = (E - v)/tau : volt (unless refractory)",
                          {"E": q(-70, "mV"), "tau": q(10, "ms")}),
}
for et, (eqs, ns) in EQ_TYPES.items():
    for m in METHODS:
        extra = {}
        if et == "unless-refractory":
            extra = dict(threshold="v > -60*mV", reset="v = -80*mV", refractory=q(2, "ms"))
        add(f"method/{et}/{m or 'default'}", K, eqs, namespace=ns, method=m, **extra)
for m, slug in [("foo", "unknown-name"), ("Euler", "uppercase"), ("RK4", "uppercase-rk4"),
                (["rk4", "euler"], "list"), (["exact", "exponential_euler"], "list-all-fail"),
                ("gsl", "gsl")]:
    add(f"method/special/{slug}", K, "dv/dt = (sin(v/mV)*mV - v)/tau : volt",
        namespace={"tau": q(10, "ms")}, method=m)
add("method/special/no-diffeq-with-method", K, "x : 1", method="exact")

# ---------------------------------------------------------------------------
# 10. Refractoriness
# ---------------------------------------------------------------------------
K = "refractory"
RV = "dv/dt = (2*mV - v)/(1*ms) : volt (unless refractory)\nref : second\nflag : boolean"
RK = dict(threshold="v > 1*mV", reset="v = 0*mV")
for ref, slug in [
    (q(2, "ms"), "quantity"), (q(0, "ms"), "zero"), (q(-1, "ms"), "negative"),
    (q(5, "mV"), "wrong-unit"), (q(5, "1"), "dimensionless-number"),
    (q(0.05, "us"), "shorter-than-dt"),
    ("2*ms", "string-quantity"), ("ref", "string-param"), ("tau_ref", "string-namespace"),
    ("v > 0.5*mV", "string-condition"), ("flag", "string-boolean-param"),
    ("5", "string-dimensionless"), ("v", "string-volt"), ("2*mV", "string-wrong-unit"),
    ("2*ms + rand()*ms", "string-stateful"), ("unknown_ref", "string-unknown"),
    ("-1*ms", "string-negative"), ("t", "string-t"), ("True", "string-true"),
    ("ref > 0*ms", "string-comparison-param"),
]:
    add(f"refractory/{slug}", K, RV, refractory=ref,
        namespace={"tau_ref": q(2, "ms")}, **RK)
add("refractory/without-threshold", K, RV, refractory=q(2, "ms"))
add("refractory/without-unless-flag", K, "dv/dt = (2*mV - v)/(1*ms) : volt",
    refractory=q(2, "ms"), **RK)
add("refractory/threshold-without-reset", K, "dv/dt = (2*mV - v)/(1*ms) : volt",
    threshold="v > 1*mV", refractory=q(2, "ms"))
add("refractory/threshold-only", K, "dv/dt = (2*mV - v)/(1*ms) : volt",
    threshold="v > 1*mV", description="threshold without reset or refractory")
add("refractory/threshold-only-rand", K, "dv/dt = (2*mV - v)/(1*ms) : volt",
    threshold="rand() < 0.1", description="threshold with rand(), no reset")
add("refractory/threshold-quantity", K, "dv/dt = (2*mV - v)/(1*ms) : volt",
    threshold=q(1, "mV"), reset="v = 0*mV")

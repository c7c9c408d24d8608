/**
 * The model-language front end against Brian2 2.5.1: every case of
 * test/fixtures/language/acceptance.json (generated with Brian2 by
 * tools/brian2/language/make_catalogue.py) is analysed the way a
 * NeuronGroup does it — analyseNeuronModel, then the choice of the
 * integration method — and must be accepted exactly when Brian2 accepted
 * it, with the method Brian2 chose by default. A rejected case must throw a
 * ModelError pointing at the offending text (line, column and the
 * underlined text are checked) or, for things that are not about the model
 * text (a method that cannot integrate the equations, a refractory period
 * given as a plain number), a clear Error; its message must say what
 * Brian2's says: the key phrase, the names involved, the units involved.
 *
 * Deliberate differences from Brian2 (asserted as our behaviour below):
 *  - Our errors add "did you mean" suggestions and other hints, and point at
 *    the offending text (Brian2's parser reports position 1 for most
 *    equation syntax errors).
 *  - `v**(3-1)` has unit V² — Brian2 2.5.1 evaluates constant exponents with
 *    `a - b` computed as `a + b`: unitcheck/op-literal-sub-exponent,
 *    unitcheck/op-literal-sub-exponent-as-sum, unitcheck/op-constant-expr-zero.
 *  - `b = True : boolean` works (Brian2 crashes with an AttributeError):
 *    names/true-false-literals.
 *  - The deprecated `independent` method solves dx/dt = A·x + B with A, B
 *    constant over a step; right-hand sides that change with t are rejected
 *    with an explanation (Brian2 asks sympy to integrate them):
 *    method/t-in-coefficient/independent, method/t-multiplies-state/independent,
 *    method/independent-t/independent.
 *  - Calling a variable, a value or a unit as a function is a clear error
 *    (Brian2 crashes with "'Call' object has no attribute 'func_id'"):
 *    names/variable-as-function, names/namespace-value-as-function,
 *    names/unit-as-function.
 *  - A refractory period given as a plain number is a clear TypeError
 *    (Brian2: "expected string or bytes-like object"):
 *    refractory/dimensionless-number.
 *  - Literal folding (`2**-1` is 0.5, Brian2's sympy folding gives 0) and
 *    exponential_euler on `v**2` without a constant term (an error here,
 *    Brian2 silently drops the term) are covered by functions.test.ts and
 *    stateupdaters.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/parsing/diagnostics.ts';
import { loadJson, runFrontEnd, type AcceptanceCase, type FrontEndResult } from './harness.ts';

const catalogue = loadJson<{ brian2_version: string; cases: AcceptanceCase[] }>('acceptance.json');

interface Expect {
  /** The meaning of the message. */
  say: RegExp;
  /** Names the message must quote ('x'). */
  names?: string[];
  /** Units the message must name (in spikeforge's notation: V, V/s, 1, …). */
  units?: string[];
  /** ModelError position: line, column and the underlined text. */
  at?: [number, number, string];
  /** Not about the model text: a plain Error (no position) is right. */
  plain?: true;
}

/** Cases where we deliberately differ from Brian2 (see the header). */
const DELIBERATE: Record<string, { accepted: true } | { accepted: false; expect: Expect }> = {
  'unitcheck/op-literal-sub-exponent': { accepted: true },
  'unitcheck/op-constant-expr-zero': { accepted: true },
  'unitcheck/op-literal-sub-exponent-as-sum': {
    accepted: false,
    expect: { say: /inconsistent units in subexpression 'y'/i, units: ['V^2', 'V^4'], at: [2, 4, 'v**(3-1)'] },
  },
  'names/true-false-literals': { accepted: true },
  'method/t-in-coefficient/independent': { accepted: false, expect: { say: /cannot explicitly solve the equation for 'v'.*changes with time/is, plain: true } },
  'method/t-multiplies-state/independent': { accepted: false, expect: { say: /cannot explicitly solve the equation for 'v'.*changes with time/is, plain: true } },
  'method/independent-t/independent': { accepted: false, expect: { say: /cannot explicitly solve the equation for 'v'.*changes with time/is, plain: true } },
};

/** What our message must convey for every case Brian2 rejects (Brian2's own message above each). */
const REJECTED: Record<string, Expect> = {
  // EquationError: Parsing failed: dv/dt = -v/(10*ms) ^ Expected end of text, found 'dv' (at char 0), (line:1, col:1)
  'syntax/missing-unit': { say: /missing ':' and unit/i, names: ['v'], at: [1, 1, 'dv/dt = -v/(10*ms)'] },
  // EquationError: Parsing failed: dv/dt = -v/(10*ms) volt ^ Expected end of text, found 'dv' (at char 0), (line:1, col:1)
  'syntax/missing-colon': { say: /missing ':' and unit/i, names: ['v'], at: [1, 1, 'dv/dt = -v/(10*ms) volt'] },
  // EquationError: Parsing failed: dv/dt = -v/(10*ms) : ^ Expected end of text, found 'dv' (at char 0), (line:1, col:1)
  'syntax/empty-unit': { say: /missing unit/i, names: ['v'], at: [1, 20, ':'] },
  // EquationError: Parsing failed: dv/dt = -v/(10*ms) : volt : volt ^ Expected end of text, found ':' (at char 26), (line
  'syntax/double-colon': { say: /unexpected ': volt' after the unit/i, at: [1, 27, ': volt'] },
  // EquationError: Parsing failed: x = : volt ^ Expected end of text, found 'x' (at char 0), (line:1, col:1)
  'syntax/empty-rhs': { say: /missing right-hand side/i, names: ['x'], at: [1, 3, '='] },
  // EquationError: Parsing failed: dv/dt = -v/(10*ms) : volt; E : volt ^ Expected end of text, found ';' (at char 25), (li
  'syntax/semicolon-two-eqs': { say: /unexpected '; E : volt' after the unit/i, at: [1, 26, '; E : volt'] },
  // EquationError: Parsing failed: dv/dt = -v/(10*ms) : volt E : volt ^ Expected end of text, found ':' (at char 28), (
  'syntax/two-eqs-one-line': { say: /unexpected ': volt' after the unit/i, at: [1, 29, ': volt'] },
  // EquationError: Parsing failed: d2v/dt2 = -v/(10*ms)**2 : volt ^ Expected end of text, found 'd2v' (at char 0), (line:1, col:1)
  'syntax/second-order': { say: /higher-order derivatives .* not supported/, at: [1, 1, 'd2v/dt2 = -v/(10*ms)**2 : volt'] },
  // SyntaxError: invalid syntax (<unknown>, line 1)
  'syntax/double-equals': { say: /'==' compares/, at: [1, 7, '=='] },
  // SyntaxError: '(' was never closed (<unknown>, line 1)
  'syntax/unbalanced-paren': { say: /unclosed parenthesis/i, at: [1, 9, '('] },
  // SyntaxError: Unknown syntax: IfExp
  'syntax/ternary': { say: /'if' expressions are not supported/, at: [1, 13, 'if'] },
  // KeyError: BitXor
  'syntax/caret-operator': { say: /unexpected character '\^'.*powers are written '\*\*'/is, at: [1, 16, '^'] },
  // SyntaxError: Unknown syntax: Attribute
  'syntax/attribute-access': { say: /unexpected character '\.'.*attributes/is, at: [1, 6, '.'] },
  // SyntaxError: Error during evaluation of sympy expression ''a' ': could not convert string to float: 'a'
  'syntax/string-literal': { say: /unexpected character '''.*strings are not/is, at: [1, 5, "'"] },
  // EquationError: Parsing failed: 2v : volt ^ Expected end of text, found '2v' (at char 0), (line:1, col:1)
  'syntax/identifier-digit-start': { say: /cannot parse this equation/i, at: [1, 1, '2v : volt'] },
  // EquationError: Parsing failed: dµ/dt = -µ/(10*ms) : volt ^ Expected end of text, found 'dµ' (at char 0), (line:1, col:1)
  'syntax/identifier-unicode': { say: /unexpected character 'µ' in a variable name/i, at: [1, 2, 'µ'] },
  // EquationError: Parsing failed: dv/dx = -v/(10*ms) : volt ^ Expected end of text, found 'dv' (at char 0), (line:1, col:1)
  'syntax/derivative-wrt-other': { say: /cannot parse the left-hand side.*'dv\/dt = \.\.\.'/i, at: [1, 1, 'dv/dx = -v/(10*ms) : volt'] },
  // EquationError: Parsing failed: x = (lambda y: y)(1) : 1 ^ Expected end of text, found ')' (at char 16), (line:1, col:17)
  'syntax/lambda-expr': { say: /'lambda' is a reserved word/, at: [1, 6, 'lambda'] },
  // EquationError: Duplicate definition of variable 'v'
  'syntax/duplicate-diff': { say: /duplicate definition/i, names: ['v'], at: [2, 2, 'v'] },
  // EquationError: Duplicate definition of variable 'v'
  'syntax/duplicate-param-diff': { say: /duplicate definition/i, names: ['v'], at: [2, 1, 'v'] },
  // EquationError: Duplicate definition of variable 'x'
  'syntax/duplicate-param': { say: /duplicate definition/i, names: ['x'], at: [2, 1, 'x'] },
  // EquationError: Duplicate definition of variable 'v'
  'syntax/duplicate-subexpr-diff': { say: /duplicate definition/i, names: ['v'], at: [2, 1, 'v'] },
  // ValueError: Equations of type 'parameter' cannot have a flag 'constant ', only the following flags are allowed: ('constant', 'shared', 'linked
  'flags/flag-inner-spaces': { say: /cannot have a flag/, names: ['constant ', 'constant', 'shared', 'linked'], at: [1, 9, 'constant'] },
  // KeyError: The identifier "x" could not be resolved.
  'flags/linked-param-unlinked': { say: /not been linked.*could not be resolved/, names: ['x'], at: [1, 1, 'x'] },
  // SyntaxError: Shared subexpression 'x' refers to non-shared variable 'v'.
  'flags/shared-subexpr-refers-nonshared': { say: /shared subexpression 'x' refers to non-shared variable 'v'/i, names: ['x', 'v'], at: [2, 7, 'v'] },
  // SyntaxError: The subexpression 'x' refers to a stateful function (e.g. rand()). Such expressions should only be evaluated once per timestep, ad
  'flags/subexpr-rand-no-flag': { say: /stateful function.*'constant over dt'/s, names: ['x'], at: [2, 5, 'rand()'] },
  // ValueError: Equations of type 'differential equation' cannot have a flag 'constant', only the following flags are allowed: ('unless refractory
  'flags/constant-on-diff': { say: /cannot have a flag/, names: ['constant', 'unless refractory'], at: [1, 28, 'constant'] },
  // ValueError: Equations of type 'differential equation' cannot have a flag 'shared', only the following flags are allowed: ('unless refractory',
  'flags/shared-on-diff': { say: /cannot have a flag/, names: ['shared', 'unless refractory'], at: [1, 28, 'shared'] },
  // ValueError: Equations of type 'subexpression' cannot have a flag 'constant', only the following flags are allowed: ('shared', 'constant over d
  'flags/constant-on-subexpr': { say: /cannot have a flag/, names: ['constant', 'shared', 'constant over dt'], at: [2, 17, 'constant'] },
  // ValueError: Equations of type 'parameter' cannot have a flag 'unless refractory', only the following flags are allowed: ('constant', 'shared',
  'flags/unless-refractory-on-param': { say: /cannot have a flag/, names: ['unless refractory', 'constant', 'shared', 'linked'], at: [1, 11, 'unless refractory'] },
  // ValueError: Equations of type 'subexpression' cannot have a flag 'unless refractory', only the following flags are allowed: ('shared', 'consta
  'flags/unless-refractory-on-subexpr': { say: /cannot have a flag/, names: ['unless refractory', 'shared', 'constant over dt'], at: [2, 17, 'unless refractory'] },
  // ValueError: Equations of type 'parameter' cannot have a flag 'constant over dt', only the following flags are allowed: ('constant', 'shared', 
  'flags/constant-over-dt-on-param': { say: /cannot have a flag/, names: ['constant over dt', 'constant', 'shared', 'linked'], at: [1, 8, 'constant over dt'] },
  // ValueError: Equations of type 'differential equation' cannot have a flag 'constant over dt', only the following flags are allowed: ('unless re
  'flags/constant-over-dt-on-diff': { say: /cannot have a flag/, names: ['constant over dt', 'unless refractory'], at: [1, 28, 'constant over dt'] },
  // ValueError: Equations of type 'parameter' cannot have a flag 'foo', only the following flags are allowed: ('constant', 'shared', 'linked')
  'flags/unknown-flag-param': { say: /cannot have a flag/, names: ['foo', 'constant', 'shared', 'linked'], at: [1, 8, 'foo'] },
  // ValueError: Equations of type 'differential equation' cannot have a flag 'foo', only the following flags are allowed: ('unless refractory',)
  'flags/unknown-flag-diff': { say: /cannot have a flag/, names: ['foo', 'unless refractory'], at: [1, 28, 'foo'] },
  // ValueError: Equations of type 'differential equation' cannot have a flag 'event-driven', only the following flags are allowed: ('unless refrac
  'flags/event-driven-in-neurongroup': { say: /cannot have a flag/, names: ['event-driven', 'unless refractory'], at: [1, 28, 'event-driven'] },
  // ValueError: Equations of type 'parameter' cannot have a flag 'Constant', only the following flags are allowed: ('constant', 'shared', 'linked'
  'flags/uppercase-flag': { say: /cannot have a flag/, names: ['Constant', 'constant'], at: [1, 8, 'Constant'] },
  // EquationError: Parsing failed: x : 1 () ^ Expected end of text, found '(' (at char 6), (line:1, col:7)
  'flags/empty-flag-list': { say: /empty flag list/i, at: [1, 7, '()'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'constant', but this is not a base unit. The f
  'flags/flag-without-parens': { say: /'constant' looks like a flag.*parentheses/s, names: ['x', 'constant'], at: [1, 5, '1 constant'] },
  // TypeError: Use 'boolean' not 'bool' as the unit for a boolean variable.
  'types/bool-keyword': { say: /use 'boolean' not 'bool'/i, names: ['boolean', 'bool'], at: [1, 5, 'bool'] },
  // TypeError: Differential equations can only define floating point variables
  'types/integer-diff': { say: /differential equations can only define floating point variables/i, at: [1, 16, 'integer'] },
  // TypeError: Differential equations can only define floating point variables
  'types/boolean-diff': { say: /differential equations can only define floating point variables/i, at: [1, 16, 'boolean'] },
  // EquationError: Error parsing the unit specification for variable 'n': Unit specification refers to 'integer', but this is not a base unit. The fo
  'types/integer-with-unit': { say: /not a base unit/, names: ['n', 'integer'], at: [1, 5, 'integer'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'mV', but this is not a base unit. Use 'volt' 
  'units/param-mV': { say: /not a base unit/, names: ['x', 'mV', 'volt'], at: [1, 5, 'mV'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'mvolt', but this is not a base unit. Use 'vol
  'units/param-mvolt': { say: /not a base unit/, names: ['x', 'mvolt', 'volt'], at: [1, 5, 'mvolt'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'kg', but this is not a base unit. The followi
  'units/param-kg': { say: /not a base unit/, names: ['x', 'kg'], at: [1, 5, 'kg'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'cm', but this is not a base unit. Use 'metre'
  'units/param-cm': { say: /not a base unit/, names: ['x', 'cm', 'metre'], at: [1, 5, 'cm'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'molar', but this is not a base unit. Use 'mmo
  'units/param-molar': { say: /not a base unit/, names: ['x', 'molar', 'mmolar'], at: [1, 5, 'molar'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'nS', but this is not a base unit. Use 'siemen
  'units/param-nS': { say: /not a base unit/, names: ['x', 'nS', 'siemens'], at: [1, 5, 'nS'] },
  // EquationError: Error parsing the unit specification for variable 'x': '2*volt' does not evaluate to a unit but to a quantity -- make sure to only
  'units/param-2xvolt': { say: /does not evaluate to a unit but to a quantity/, names: ['x'], at: [1, 5, '2*volt'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'foo', but this is not a base unit. The follow
  'units/param-foo': { say: /not a base unit/, names: ['x', 'foo'], at: [1, 5, 'foo'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'Volt', but this is not a base unit. The follo
  'units/param-Volt': { say: /not a base unit/, names: ['x', 'Volt'], at: [1, 5, 'Volt'] },
  // EquationError: Error parsing the unit specification for variable 'x': Could not interpret 'volt volt' as a unit specification: invalid syntax (<s
  'units/param-volt_volt': { say: /could not interpret 'volt volt' as a unit specification/i, names: ['x'], at: [1, 5, 'volt volt'] },
  // EquationError: Error parsing the unit specification for variable 'x': Could not interpret 'volt/' as a unit specification: invalid syntax (<strin
  'units/param-voltper': { say: /could not interpret 'volt\/' as a unit specification/i, names: ['x'], at: [1, 5, 'volt/'] },
  // EquationError: Error parsing the unit specification for variable 'x': Unit specification refers to 'mV', but this is not a base unit. Use 'volt' 
  'units/param-1permV': { say: /not a base unit/, names: ['x', 'mV', 'volt'], at: [1, 7, 'mV'] },
  // EquationError: Error parsing the unit specification for variable 'x': '10' does not evaluate to a unit, the result has type <class 'int'> instead
  'units/param-10': { say: /is not a unit/, names: ['x'], at: [1, 5, '10'] },
  // EquationError: Error parsing the unit specification for variable 'x': '1.0' does not evaluate to a unit, the result has type <class 'float'> inst
  'units/param-1p0': { say: /is not a unit/, names: ['x'], at: [1, 5, '1.0'] },
  // EquationError: Parsing failed: x : (volt) ^ Expected end of text, found 'x' (at char 0), (line:1, col:1)
  'units/param-paren-volt': { say: /missing unit.*without parentheses/is, names: ['x'], at: [1, 5, '('] },
  // EquationError: Error parsing the unit specification for variable 'x': 'volt*1' does not evaluate to a unit but to a quantity -- make sure to only
  'units/param-voltx1': { say: /does not evaluate to a unit but to a quantity/, names: ['x'], at: [1, 5, 'volt*1'] },
  // EquationError: Error parsing the unit specification for variable 'v': Unit specification refers to 'mV', but this is not a base unit. Use 'volt' 
  'units/diff-mV': { say: /not a base unit/, names: ['v', 'mV', 'volt'], at: [1, 22, 'mV'] },
  // SyntaxError: 't' has a special meaning in equations and cannot be used as a variable name.
  'reserved/param-t': { say: /special meaning/, names: ['t'], at: [1, 1, 't'] },
  // SyntaxError: 'dt' has a special meaning in equations and cannot be used as a variable name.
  'reserved/param-dt': { say: /special meaning/, names: ['dt'], at: [1, 1, 'dt'] },
  // SyntaxError: 'xi' has a special meaning in equations and cannot be used as a variable name.
  'reserved/param-xi': { say: /special meaning/, names: ['xi'], at: [1, 1, 'xi'] },
  // SyntaxError: 'xi_1' has a special meaning in equations and cannot be used as a variable name.
  'reserved/param-xi_1': { say: /special meaning/, names: ['xi_1'], at: [1, 1, 'xi_1'] },
  // SyntaxError: 'xi_foo' has a special meaning in equations and cannot be used as a variable name.
  'reserved/param-xi_foo': { say: /special meaning/, names: ['xi_foo'], at: [1, 1, 'xi_foo'] },
  // SyntaxError: 'i' has a special meaning in equations and cannot be used as a variable name.
  'reserved/param-i': { say: /special meaning/, names: ['i'], at: [1, 1, 'i'] },
  // SyntaxError: 'N' has a special meaning in equations and cannot be used as a variable name.
  'reserved/param-N': { say: /special meaning/, names: ['N'], at: [1, 1, 'N'] },
  // SyntaxError: 't_in_timesteps' has a special meaning in equations and cannot be used as a variable name.
  'reserved/param-t_in_timesteps': { say: /special meaning/, names: ['t_in_timesteps'], at: [1, 1, 't_in_timesteps'] },
  // SyntaxError: The name 'not_refractory' is used in the refractory mechanism and should not be used as a variable name.
  'reserved/param-not_refractory': { say: /refractory mechanism/, names: ['not_refractory'], at: [1, 1, 'not_refractory'] },
  // SyntaxError: 'class' is a Python keyword and cannot be used as a variable.
  'reserved/param-class': { say: /keyword/, names: ['class'], at: [1, 1, 'class'] },
  // SyntaxError: 'lambda' is a Python keyword and cannot be used as a variable.
  'reserved/param-lambda': { say: /keyword/, names: ['lambda'], at: [1, 1, 'lambda'] },
  // SyntaxError: 'and' is a Python keyword and cannot be used as a variable.
  'reserved/param-and': { say: /keyword/, names: ['and'], at: [1, 1, 'and'] },
  // SyntaxError: 'None' is a Python keyword and cannot be used as a variable.
  'reserved/param-None': { say: /keyword/, names: ['None'], at: [1, 1, 'None'] },
  // SyntaxError: 'True' is a Python keyword and cannot be used as a variable.
  'reserved/param-True': { say: /keyword/, names: ['True'], at: [1, 1, 'True'] },
  // SyntaxError: Variable '_x' starts with an underscore, this is only allowed for variables used internally
  'reserved/param-_x': { say: /underscore/, names: ['_x'], at: [1, 1, '_x'] },
  // SyntaxError: Variable '__x' starts with an underscore, this is only allowed for variables used internally
  'reserved/param-__x': { say: /underscore/, names: ['__x'], at: [1, 1, '__x'] },
  // SyntaxError: 'exp' is the name of a function, cannot be used as a variable name.
  'reserved/param-exp': { say: /name of a function/, names: ['exp'], at: [1, 1, 'exp'] },
  // SyntaxError: 'rand' is the name of a function, cannot be used as a variable name.
  'reserved/param-rand': { say: /name of a function/, names: ['rand'], at: [1, 1, 'rand'] },
  // SyntaxError: 'pi' is the name of a constant, cannot be used as a variable name.
  'reserved/param-pi': { say: /name of a constant/, names: ['pi'], at: [1, 1, 'pi'] },
  // SyntaxError: 'e' is the name of a constant, cannot be used as a variable name.
  'reserved/param-e': { say: /name of a constant/, names: ['e'], at: [1, 1, 'e'] },
  // SyntaxError: 'inf' is the name of a constant, cannot be used as a variable name.
  'reserved/param-inf': { say: /name of a constant/, names: ['inf'], at: [1, 1, 'inf'] },
  // SyntaxError: 'mV' is the name of a unit, cannot be used as a variable name.
  'reserved/param-mV': { say: /name of a unit/, names: ['mV'], at: [1, 1, 'mV'] },
  // SyntaxError: 'ms' is the name of a unit, cannot be used as a variable name.
  'reserved/param-ms': { say: /name of a unit/, names: ['ms'], at: [1, 1, 'ms'] },
  // SyntaxError: 'second' is the name of a unit, cannot be used as a variable name.
  'reserved/param-second': { say: /name of a unit/, names: ['second'], at: [1, 1, 'second'] },
  // SyntaxError: 'volt' is the name of a unit, cannot be used as a variable name.
  'reserved/param-volt': { say: /name of a unit/, names: ['volt'], at: [1, 1, 'volt'] },
  // SyntaxError: 'int' is the name of a function, cannot be used as a variable name.
  'reserved/param-int': { say: /name of a function/, names: ['int'], at: [1, 1, 'int'] },
  // EquationError: Duplicate definition of variable 'lastspike'
  'reserved/lastspike-with-refractory': { say: /duplicate definition/i, names: ['lastspike'], at: [2, 1, 'lastspike'] },
  // SyntaxError: The name 'not_refractory' is used in the refractory mechanism and should not be used as a variable name.
  'reserved/not-refractory-with-refractory': { say: /refractory mechanism/, names: ['not_refractory'], at: [2, 1, 'not_refractory'] },
  // SyntaxError: 't' has a special meaning in equations and cannot be used as a variable name.
  'reserved/diff-eq-on-t': { say: /special meaning/, names: ['t'], at: [1, 2, 't'] },
  // SyntaxError: 'i' has a special meaning in equations and cannot be used as a variable name.
  'reserved/subexpr-named-i': { say: /special meaning/, names: ['i'], at: [1, 1, 'i'] },
  // SyntaxError: Variable '_v' starts with an underscore, this is only allowed for variables used internally
  'reserved/underscore-diff': { say: /underscore/, names: ['_v'], at: [1, 2, '_v'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '(- v) / tau + (sigma * xi) * sqrt(tau)' uses in
  'stochastic/xi-times-sqrt-tau-wrong': { say: /inconsistent units/, units: ['V/s', 'V'], at: [1, 9, '-v/tau + sigma*xi*sqrt(tau)'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '(- v) / tau + sigma * xi' uses inconsistent uni
  'stochastic/xi-no-scaling-wrong': { say: /inconsistent units/, units: ['V/s', 'V/s^0.5'], at: [1, 9, '-v/tau + sigma*xi'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '(- v) / tau + (sigma * xi) / tau' uses inconsis
  'stochastic/xi-over-tau-wrong': { say: /inconsistent units/, units: ['V/s', 'V/s^1.5'], at: [1, 9, '-v/tau + sigma*xi/tau'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '(- v) / (10 * ms) + xi * (ms ** (- 1))' uses in
  'stochastic/xi-ms-pow-wrong': { say: /inconsistent units/, units: ['Hz', 's^-1.5'], at: [1, 9, '-v/(10*ms) + xi*ms**-1'] },
  // EquationError: The equation defining w contains the symbol 'xi', but it is already used in the equation defining v. Rename the variables to 'xi_.
  'stochastic/two-vars-both-xi': { say: /already used in the equation defining 'v'/, names: ['w', 'xi', 'v'], at: [2, 24, 'xi'] },
  // EquationError: The equation defining 'n' contains the symbol 'xi' but is not a differential equation.
  'stochastic/xi-in-subexpr': { say: /contains the symbol 'xi' but is not a differential equation/, names: ['n', 'xi'], at: [2, 11, 'xi'] },
  // KeyError: The identifier "xi" could not be resolved.
  'stochastic/xi-in-threshold': { say: /unknown identifier.*only be used in differential equations/is, names: ['xi'], at: [1, 1, 'xi'] },
  // KeyError: The identifier "xi" could not be resolved.
  'stochastic/xi-in-reset': { say: /unknown identifier.*only be used in differential equations/is, names: ['xi'], at: [1, 5, 'xi'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '(- v) / tau + (sigma * (xi ** 2)) / tau' uses i
  'stochastic/xi-squared': { say: /inconsistent units/, units: ['V/s', 'V/s^2'], at: [1, 9, '-v/tau + sigma*xi**2/tau'] },
  // AssertionError: Error when separating expression 'sigma*exp(ms**0.5*xi)/tau - v/tau' into stochastic and non-stochastic term: non-stochastic part 
  'stochastic/xi-in-function': { say: /noise term .*non-linearly/, plain: true },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '- v + 1' uses inconsistent units ('- v' has uni
  'unitcheck/sum-mismatch': { say: /inconsistent units/, units: ['V', '1'], at: [1, 9, '(-v + 1)'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'v + 1 * second' uses inconsistent units ('v' has unit V; '1 * second' has 
  'unitcheck/sum-mismatch-in-subexpr': { say: /inconsistent units/, units: ['V', 's'], at: [2, 5, 'v + 1*second'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'v + 0' uses inconsistent units ('v' has unit V; '0' has unit 1).
  'unitcheck/sum-zero-literal': { say: /inconsistent units/, units: ['V', '1'], at: [2, 5, 'v + 0'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '-v' does not have the expected unit volt / seco
  'unitcheck/diff-rhs-missing-per-second': { say: /inconsistent units/i, names: ['v'], units: ['V', 'V/s'], at: [1, 8, '-v'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '-v/(10*ms)**2' does not have the expected unit 
  'unitcheck/diff-rhs-per-second-squared': { say: /inconsistent units/i, names: ['v'], units: ['V/s^2', 'V/s'], at: [1, 8, '-v/(10*ms)**2'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'x': Expression '-x' does not have the expected unit hertz (unit
  'unitcheck/diff-dimensionless-wrong': { say: /inconsistent units/i, names: ['x'], units: ['1', 'Hz'], at: [1, 8, '-x'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'v*2' does not have the expected unit radian (unit is V).
  'unitcheck/subexpr-declared-mismatch': { say: /inconsistent units/i, names: ['x'], units: ['V', '1'], at: [2, 4, 'v*2'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 't' does not have the expected unit radian (unit is s).
  'unitcheck/subexpr-t-as-dimensionless': { say: /inconsistent units/i, names: ['x'], units: ['s', '1'], at: [1, 4, 't'] },
  // DimensionMismatchError: Comparison of expressions with different units. Expression 'v' has unit (m^2 kg s^-3 A^-1), while expression '0' has units (1)
  'unitcheck/threshold-gt-0': { say: /different units/, names: ['v'], units: ['V', '1'], at: [1, 1, 'v > 0'] },
  // DimensionMismatchError: Comparison of expressions with different units. Expression 'v' has unit (m^2 kg s^-3 A^-1), while expression '- 50' has units 
  'unitcheck/threshold-gt-neg50': { say: /different units/, names: ['v'], units: ['V', '1'], at: [1, 1, 'v > -50'] },
  // DimensionMismatchError: Comparison of expressions with different units. Expression 'v' has unit (m^2 kg s^-3 A^-1), while expression '0' has units (1)
  'unitcheck/threshold-ne-0': { say: /different units/, names: ['v'], units: ['V', '1'], at: [1, 1, 'v != 0'] },
  // DimensionMismatchError: Comparison of expressions with different units. Expression 'v' has unit (m^2 kg s^-3 A^-1), while expression '0 * second' has 
  'unitcheck/threshold-gt-0second': { say: /different units/, names: ['v'], units: ['V', 's'], at: [1, 1, 'v > 0*second'] },
  // DimensionMismatchError: Comparison of expressions with different units. Expression 'v' has unit (m^2 kg s^-3 A^-1), while expression '0.0' has units (
  'unitcheck/threshold-gt-0p0': { say: /different units/, names: ['v'], units: ['V', '1'], at: [1, 1, 'v > 0.0'] },
  // SyntaxError: Expression ought to be boolean but is not (e.g. 'x<y and 3')
  'unitcheck/threshold-and-nonbool': { say: /ought to be boolean but is not/, at: [1, 14, '1'] },
  // SyntaxError: Can only handle single comparisons like a<b not a<b<c
  'unitcheck/threshold-chained': { say: /only handle single comparisons like a<b, not a<b<c/, at: [1, 1, '0*mV < v < 10*mV'] },
  // TypeError: Threshold condition '1' is not a boolean expression
  'unitcheck/threshold-one-literal': { say: /not a boolean expression/, names: ['1'], at: [1, 1, '1'] },
  // TypeError: Threshold condition 'v' is not a boolean expression
  'unitcheck/threshold-non-boolean-volt': { say: /not a boolean expression/, names: ['v'], at: [1, 1, 'v'] },
  // TypeError: Threshold condition 'x' is not a boolean expression
  'unitcheck/threshold-non-boolean-dimensionless': { say: /not a boolean expression/, names: ['x'], at: [1, 1, 'x'] },
  // DimensionMismatchError: Comparison of expressions with different units. Expression 'v' has unit (m^2 kg s^-3 A^-1), while expression 'x' has units (1)
  'unitcheck/threshold-volt-vs-dimensionless-var': { say: /different units/, names: ['v', 'x'], units: ['V', '1'], at: [1, 1, 'v > x'] },
  // DimensionMismatchError: Expression '5 * mV + 0' uses inconsistent units ('5 * mV' has unit V; '0' has unit 1).
  'unitcheck/threshold-sum-with-zero': { say: /inconsistent units/, units: ['V', '1'], at: [1, 5, '5*mV + 0'] },
  // TypeError: Threshold condition '(v > 0*mV) + 1' is not a boolean expression
  'unitcheck/threshold-bool-plus-int': { say: /not a boolean expression/, names: ['(v > 0*mV) + 1'], at: [1, 1, '(v > 0*mV) + 1'] },
  // DimensionMismatchError: Comparison of expressions with different units. Expression 'v' has unit (m^2 kg s^-3 A^-1), while expression 'inf' has units (
  'unitcheck/threshold-inf-dimensionless': { say: /different units/, names: ['v', 'inf'], units: ['V', '1'], at: [1, 1, 'v > inf'] },
  // DimensionMismatchError: Inconsistent units in subexpression b: %Comparison of expressions with different units. Expression 'v' has unit (m^2 kg s^-3 A
  'unitcheck/bool-subexpr-compare-0': { say: /different units/, names: ['v'], units: ['V', '1'], at: [2, 5, 'v > 0'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 1 for function exp does not have the correct units. Expression 'v' has
  'unitcheck/func-exp-volt': { say: /argument number 1 for function exp/i, names: ['v'], units: ['V', '1'], at: [2, 9, 'v'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'exp(v/mV)' does not have the expected unit volt (unit is 1).
  'unitcheck/func-exp-declared-volt': { say: /inconsistent units/i, names: ['x'], units: ['1', 'V'], at: [2, 4, 'exp(v/mV)'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 1 for function sin does not have the correct units. Expression 'v' has
  'unitcheck/func-sin-volt': { say: /argument number 1 for function sin/i, names: ['v'], units: ['V', '1'], at: [2, 9, 'v'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 1 for function cos does not have the correct units. Expression '(2 * p
  'unitcheck/func-cos-t-not-dimless': { say: /argument number 1 for function cos/i, units: ['s', '1'], at: [2, 9, '2*pi*t'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 1 for function log does not have the correct units. Expression 'v' has
  'unitcheck/func-log-volt': { say: /argument number 1 for function log/i, names: ['v'], units: ['V', '1'], at: [2, 9, 'v'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 1 for function tanh does not have the correct units. Expression 'v' ha
  'unitcheck/func-tanh-volt': { say: /argument number 1 for function tanh/i, names: ['v'], units: ['V', '1'], at: [2, 10, 'v'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'sqrt(v)' does not have the expected unit volt (unit is V^0.5).
  'unitcheck/func-sqrt-v-wrong': { say: /inconsistent units/i, names: ['x'], units: ['V^0.5', 'V'], at: [2, 4, 'sqrt(v)'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'abs(v)' does not have the expected unit radian (unit is V).
  'unitcheck/func-abs-v-wrong': { say: /inconsistent units/i, names: ['x'], units: ['V', '1'], at: [2, 4, 'abs(v)'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'sign(v)' does not have the expected unit volt (unit is 1).
  'unitcheck/func-sign-v-declared-volt': { say: /inconsistent units/i, names: ['x'], units: ['1', 'V'], at: [2, 4, 'sign(v)'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 2 for function clip was supposed to have the same units as argument nu
  'unitcheck/func-clip-dimless-bounds': { say: /argument number 2 for function clip was supposed to have the same units as argument number 1/i, names: ['0', 'v'], units: ['1', 'V'], at: [2, 13, '0'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 3 for function clip was supposed to have the same units as argument nu
  'unitcheck/func-clip-mixed-bounds': { say: /argument number 3 for function clip was supposed to have the same units as argument number 1/i, names: ['10', 'v'], units: ['1', 'V'], at: [2, 19, '10'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 1 for function int does not have the correct units. Expression 'v' has
  'unitcheck/func-int-volt': { say: /argument number 1 for function int/i, names: ['v'], units: ['V', '1'], at: [2, 9, 'v'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'floor(v)' does not have the expected unit radian (unit is V).
  'unitcheck/func-floor-volt-as-dimless': { say: /inconsistent units/i, names: ['x'], units: ['V', '1'], at: [2, 4, 'floor(v)'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 1 for function exprel does not have the correct units. Expression 'v' 
  'unitcheck/func-exprel-volt': { say: /argument number 1 for function exprel/i, names: ['v'], units: ['V', '1'], at: [2, 12, 'v'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 1 for function arcsin does not have the correct units. Expression 'v' 
  'unitcheck/func-arcsin-volt': { say: /argument number 1 for function arcsin/i, names: ['v'], units: ['V', '1'], at: [2, 12, 'v'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Argument number 2 for function timestep does not have the correct units. Expression '1
  'unitcheck/func-timestep-bad-unit': { say: /argument number 2 for function timestep/i, units: ['1', 's'], at: [2, 17, '1'] },
  // DimensionMismatchError: The right-hand-side of code statement "x = rand()" does not have the expected unit m^2 kg s^-3 A^-1 (unit is 1).
  'unitcheck/func-rand-as-volt': { say: /inconsistent units/i, names: ['x'], units: ['1', 'V'], at: [2, 4, 'rand()'] },
  // DimensionMismatchError: Inconsistent units in subexpression y: %Expression 'v**2' does not have the expected unit volt (unit is V^2).
  'unitcheck/op-int-exponent-wrong': { say: /inconsistent units/i, names: ['y'], units: ['V^2', 'V'], at: [2, 4, 'v**2'] },
  // SyntaxError: Value n is not constant
  'unitcheck/op-nonconstant-exponent': { say: /'n' is not constant/, at: [2, 8, 'n'] },
  // SyntaxError: Value v is not constant
  'unitcheck/op-dimensionful-exponent': { say: /'v' is not constant/, at: [2, 8, 'v'] },
  // DimensionMismatchError: Inconsistent units in subexpression y: %Expression 'v % 1' uses inconsistent units ('v' has unit V; '1' has unit 1).
  'unitcheck/op-mod-dimless': { say: /inconsistent units/, units: ['V', '1'], at: [2, 5, 'v % 1'] },
  // SyntaxError: Floor division can only be used on dimensionless values. (<string>, line 1)
  'unitcheck/op-floordiv-dimless-result': { say: /floor division can only be used on dimensionless values/i, units: ['V'], at: [2, 5, 'v'] },
  // SyntaxError: Floor division can only be used on dimensionless values. (<string>, line 1)
  'unitcheck/op-floordiv-paren': { say: /floor division can only be used on dimensionless values/i, units: ['V'], at: [2, 5, 'v'] },
  // SyntaxError: Error during evaluation of sympy expression '(v > 0*mV)*mV ': Relational cannot be used in Mul
  'unitcheck/op-bool-times-unit': { say: /comparison 'v > 0\*mV' cannot be used in a multiplication.*int\(v > 0\*mV\)\*mV/s, at: [2, 5, '(v > 0*mV)'] },
  // SyntaxError: Error during evaluation of sympy expression '1*(v > 0*mV) ': Relational cannot be used in Mul
  'unitcheck/op-one-times-comparison': { say: /comparison 'v > 0\*mV' cannot be used in a multiplication.*1\*int\(v > 0\*mV\)/s, at: [2, 7, '(v > 0*mV)'] },
  // SyntaxError: Error during evaluation of sympy expression '(v > 0*mV) + 1 ': Relational cannot be used in Add
  'unitcheck/op-bool-plus-one': { say: /comparison 'v > 0\*mV' cannot be used in an addition.*int\(v > 0\*mV\) \+ 1/s, at: [2, 5, '(v > 0*mV)'] },
  // SyntaxError: Error during evaluation of sympy expression '(v > 0*mV) + v ': Relational cannot be used in Add
  'unitcheck/op-bool-plus-volt': { say: /comparison 'v > 0\*mV' cannot be used in an addition.*int\(v > 0\*mV\) \+ v/s, at: [2, 5, '(v > 0*mV)'] },
  // SyntaxError: Unknown syntax: BinOp
  'unitcheck/op-true-plus-true': { say: /True\/False in arithmetic/, at: [2, 5, 'True + True'] },
  // DimensionMismatchError: The right-hand-side of code statement "v = 5" does not have the expected unit m^2 kg s^-3 A^-1 (unit is 1).
  'unitcheck/reset-assign-dimless': { say: /does not have the unit of 'v'/, units: ['V', '1'], at: [1, 5, '5'] },
  // SyntaxError: Illegal line 'I = 0*mV' in abstract code. Cannot write to subexpression 'I'.
  'unitcheck/reset-assign-subexpr': { say: /cannot write to subexpression 'I'/i, names: ['I'], at: [1, 1, 'I'] },
  // DimensionMismatchError: Expression 'v + 1' uses inconsistent units ('v' has unit V; '1' has unit 1).
  'unitcheck/reset-incr-dimless': { say: /inconsistent units/, units: ['V', '1'], at: [1, 1, 'v += 1'] },
  // DimensionMismatchError: The right-hand-side of code statement "v *= 2*mV" does not have the expected unit m^2 kg s^-3 A^-1 (unit is V^2).
  'unitcheck/reset-mult-volt': { say: /does not have the unit of 'v'/, units: ['V', 'V^2'], at: [1, 6, '2*mV'] },
  // DimensionMismatchError: Expression 'v % 1' uses inconsistent units ('v' has unit V; '1' has unit 1).
  'unitcheck/reset-mod-assign': { say: /inconsistent units.*write 'v %= \(1\*mV\)'/s, units: ['V', '1'], at: [1, 1, 'v %= 1'] },
  // AssertionError: Unknown operator "**="
  'unitcheck/reset-pow-assign': { say: /'\*\*=' is not supported/, at: [1, 3, '**='] },
  // AssertionError: Unknown operator "//="
  'unitcheck/reset-floordiv-assign': { say: /'\/\/=' is not supported/, at: [1, 3, '//='] },
  // SyntaxError: Writing to scalar variable Es not allowed in this context.
  'unitcheck/reset-assign-shared': { say: /Writing to scalar variable Es not allowed/, at: [1, 1, 'Es'] },
  // SyntaxError: Writing to scalar variable t not allowed in this context.
  'unitcheck/reset-assign-t': { say: /Writing to scalar variable t not allowed/, at: [1, 1, 't'] },
  // SyntaxError: Writing to scalar variable N not allowed in this context.
  'unitcheck/reset-assign-N': { say: /Writing to scalar variable N not allowed/, at: [1, 1, 'N'] },
  // SyntaxError: Writing to scalar variable dt not allowed in this context.
  'unitcheck/reset-assign-dt': { say: /Writing to scalar variable dt not allowed/, at: [1, 1, 'dt'] },
  // DimensionMismatchError: Expression 'tmp + 1' uses inconsistent units ('tmp' has unit V; '1' has unit 1).
  'unitcheck/reset-temporary-variable-mismatch': { say: /inconsistent units/, units: ['V', '1'], at: [2, 5, 'tmp + 1'] },
  // ValueError: Parsing the statement failed: if v > 0*mV: v = 0*mV ^ Expected Re:('(\+|\-|\*|/|//|%|\*\*|>>|<<|&|\^|\|)?='), found 'v' (at c
  'unitcheck/reset-if-statement': { say: /'if' statements are not supported/, at: [1, 1, 'if'] },
  // SyntaxError: invalid syntax (<unknown>, line 1)
  'unitcheck/reset-expression-only': { say: /'==' compares; use '='/, at: [1, 3, '=='] },
  // DimensionMismatchError: The right-hand-side of code statement "v = v > 0*mV" does not have the expected unit m^2 kg s^-3 A^-1 (unit is 1).
  'unitcheck/reset-assign-bool-to-float': { say: /does not have the unit of 'v'/, units: ['V', '1'], at: [1, 5, 'v > 0*mV'] },
  // SyntaxError: Unknown syntax: Tuple
  'unitcheck/reset-tuple': { say: /expected the end of the statement, found ','/i, at: [1, 9, ','] },
  // KeyError: The identifier "vr" could not be resolved.
  'unitcheck/reset-unknown-rhs': { say: /unknown (identifier|function)|not been linked/i, names: ['vr'], at: [1, 5, 'vr'] },
  // KeyError: The identifier "foo" could not be resolved.
  'unitcheck/reset-unknown-function': { say: /unknown (identifier|function)|not been linked/i, names: ['foo'], at: [1, 5, 'foo'] },
  // KeyError: The identifier "xi" could not be resolved.
  'unitcheck/reset-xi': { say: /unknown identifier.*only be used in differential equations/is, names: ['xi'], at: [1, 5, 'xi'] },
  // KeyError: The identifier "tau" could not be resolved.
  'names/unknown-in-eq': { say: /unknown (identifier|function)|not been linked/i, names: ['tau'], at: [1, 12, 'tau'] },
  // KeyError: The identifier "tau" could not be resolved.
  'names/unknown-in-eq-close-name': { say: /unknown identifier.*did you mean 'tau_m'/is, names: ['tau'], at: [1, 12, 'tau'] },
  // KeyError: The identifier "v_t" could not be resolved.
  'names/unknown-in-threshold': { say: /unknown (identifier|function)|not been linked/i, names: ['v_t'], at: [1, 5, 'v_t'] },
  // KeyError: The identifier "v_reset" could not be resolved.
  'names/unknown-in-reset': { say: /unknown (identifier|function)|not been linked/i, names: ['v_reset'], at: [1, 5, 'v_reset'] },
  // KeyError: The identifier "y" could not be resolved.
  'names/unknown-in-subexpr': { say: /unknown (identifier|function)|not been linked/i, names: ['y'], at: [2, 5, 'y'] },
  // KeyError: The identifier "E" could not be resolved.
  'names/unknown-two': { say: /unknown (identifier|function)|not been linked/i, names: ['E'], at: [1, 10, 'E'] },
  // SyntaxError: exp was used like a variable/constant, but it is a function. (<string>, line 1)
  'names/namespace-shadows-function': { say: /'exp' was used like a variable\/constant, but it is a function/, at: [2, 5, 'exp'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '-v/tau' does not have the expected unit volt / 
  'names/namespace-wrong-unit': { say: /inconsistent units/i, names: ['v'], units: ['1', 'V/s'], at: [1, 8, '-v/tau'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression '-v/tau' does not have the expected unit volt / 
  'names/namespace-dimless': { say: /inconsistent units/i, names: ['v'], units: ['V', 'V/s'], at: [1, 8, '-v/tau'] },
  // DimensionMismatchError: Inconsistent units in subexpression x: %Expression 'i' does not have the expected unit volt (unit is 1).
  'names/i-with-unit': { say: /inconsistent units/i, names: ['x', 'i'], units: ['1', 'V'], at: [1, 4, 'i'] },
  // KeyError: The identifier "lastspike" could not be resolved.
  'names/lastspike-no-refractory': { say: /unknown identifier.*refractory period/is, names: ['lastspike'], at: [2, 9, 'lastspike'] },
  // KeyError: The identifier "lastspike" could not be resolved.
  'names/lastspike-with-reset-only': { say: /unknown identifier.*refractory period/is, names: ['lastspike'], at: [2, 9, 'lastspike'] },
  // KeyError: The identifier "not_refractory" could not be resolved.
  'names/not-refractory-no-refractory': { say: /unknown identifier.*refractory period/is, names: ['not_refractory'], at: [1, 13, 'not_refractory'] },
  // KeyError: The identifier "lastspike" could not be resolved.
  'names/threshold-lastspike-no-refractory': { say: /unknown identifier.*refractory period/is, names: ['lastspike'], at: [1, 5, 'lastspike'] },
  // KeyError: The identifier "foo" could not be resolved.
  'names/undefined-function': { say: /unknown (identifier|function)|not been linked/i, names: ['foo'], at: [2, 5, 'foo'] },
  // KeyError: The identifier "foo" could not be resolved.
  'names/undefined-function-threshold': { say: /unknown (identifier|function)|not been linked/i, names: ['foo'], at: [1, 1, 'foo'] },
  // AttributeError: 'Call' object has no attribute 'func_id'
  'names/variable-as-function': { say: /'v' is a variable, but it was used like a function/, at: [2, 5, 'v'] },
  // AttributeError: 'Call' object has no attribute 'func_id'
  'names/namespace-value-as-function': { say: /'k' is a value, but it was used like a function/, at: [2, 5, 'k'] },
  // AttributeError: 'Call' object has no attribute 'func_id'
  'names/unit-as-function': { say: /'mV' is a unit, but it was used like a function/, at: [2, 5, 'mV'] },
  // SyntaxError: exp was used like a variable/constant, but it is a function. (<string>, line 1)
  'names/function-as-variable': { say: /'exp' was used like a variable\/constant, but it is a function/, at: [2, 5, 'exp'] },
  // SyntaxError: Error during evaluation of sympy expression 'exp(1, 2) ': exp takes exactly 1 argument (2 given)
  'names/function-wrong-arity-exp': { say: /'exp' was called with 2 arguments, needs 1/, at: [2, 5, 'exp(1, 2)'] },
  // SyntaxError: Function 'clip' was called with 2 parameters, needs 3. (<string>, line 1)
  'names/function-wrong-arity-clip': { say: /'clip' was called with 2 arguments, needs 3/, names: ['clip'], at: [2, 5, 'clip(v, 0*mV)'] },
  // ValueError: Error generating code for code object 'neurongroup_subexpression_update_codeobject*' from this abstract code: 'x = rand(1)' 
  'names/function-wrong-arity-rand': { say: /'rand' was called with 1 argument, needs 0/, at: [2, 5, 'rand(1)'] },
  // SyntaxError: Function 'exp' was called with 0 parameters, needs 1. (<string>, line 1)
  'names/function-zero-args': { say: /'exp' was called with 0 arguments, needs 1/, names: ['exp'], at: [2, 5, 'exp()'] },
  // SyntaxError: Error during evaluation of sympy expression 'clip(v, a_min=0*mV, a_max=1*mV) ': Keyword arguments not supported.
  'names/function-keyword-args': { say: /keyword arguments are not supported/i, at: [2, 13, 'a_min'] },
  // KeyError: The identifier "min" could not be resolved.
  'names/python-builtin-min': { say: /unknown function.*clip/is, names: ['min'], at: [2, 5, 'min'] },
  // KeyError: The identifier "max" could not be resolved.
  'names/python-builtin-max': { say: /unknown function.*clip/is, names: ['max'], at: [2, 5, 'max'] },
  // KeyError: The identifier "pow" could not be resolved.
  'names/numpy-style-power': { say: /unknown function.*'\*\*'/is, names: ['pow'], at: [2, 5, 'pow'] },
  // SyntaxError: I was used like a variable/constant, but it is a function. (<string>, line 1)
  'names/timedarray-as-variable': { say: /'I' was used like a variable\/constant, but it is a function/, at: [1, 10, 'I'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Argument number 1 for function I does not have the correct 
  'names/timedarray-wrong-arg-unit': { say: /argument number 1 for function I/i, names: ['v'], units: ['V', 's'], at: [1, 12, 'v'] },
  // DimensionMismatchError: Inconsistent units in differential equation defining variable 'v': Expression 'I(t) - v' uses inconsistent units ('I(t)' has u
  'names/timedarray-wrong-result-unit': { say: /inconsistent units/, units: ['A', 'V'], at: [1, 9, '(I(t) - v)'] },
  // SyntaxError: Function 'I' was called with 2 parameters, needs 1. (<string>, line 1)
  'names/timedarray-2d-index': { say: /'I' was called with 2 arguments, needs 1/, names: ['I'], at: [1, 10, 'I(t, i)'] },
  // KeyError: The identifier "uV" could not be resolved.
  'names/unit-uV': { say: /unknown identifier.*'uvolt'/is, names: ['uV'], at: [1, 17, 'uV'] },
  // KeyError: The identifier "mV2" could not be resolved.
  'names/unit-squared-name': { say: /unknown identifier.*'mvolt2'/is, names: ['mV2'], at: [1, 7, 'mV2'] },
  // ValueError: Cannot resolve dependencies between static equations, dependencies contain a cycle.
  'subexpr/cycle-2': { say: /circular definition.*'a' → 'b' → 'a'/i, at: [1, 1, 'a'] },
  // ValueError: Cannot resolve dependencies between static equations, dependencies contain a cycle.
  'subexpr/cycle-3': { say: /circular definition.*'a' → 'b' → 'c' → 'a'/i, at: [1, 1, 'a'] },
  // ValueError: Cannot resolve dependencies between static equations, dependencies contain a cycle.
  'subexpr/self-reference': { say: /circular definition.*'a' → 'a'/i, at: [1, 1, 'a'] },
  // ValueError: Cannot resolve dependencies between static equations, dependencies contain a cycle.
  'subexpr/self-reference-with-diff': { say: /circular definition.*'a' → 'a'/i, at: [2, 1, 'a'] },
  // UnsupportedEquationsException: The expression '(mV*sin(v/mV) - v)/tau', defining the variable 'v', could not be separated into linear components.
  'method/nonlinear/exact': { say: /could not be separated into linear components/, names: ['v'], plain: true },
  // UnsupportedEquationsException: The expression '(mV*sin(v/mV) - v)/tau', defining the variable 'v', could not be separated into linear components.
  'method/nonlinear/linear': { say: /could not be separated into linear components/, names: ['v'], plain: true },
  // UnsupportedEquationsException: Cannot explicitly solve: Eq(Derivative(v(t), t), (mV*sin(v(t)/mV) - v(t))/tau)
  'method/nonlinear/independent': { say: /cannot explicitly solve.*not linear in 'v'/i, plain: true },
  // UnsupportedEquationsException: The expression '(-m + 1/(1 + exp(-v/(10*mV))))/tau', defining the variable 'm', could not be separated into linear comp
  'method/conditionally-linear/exact': { say: /could not be separated into linear components/, plain: true },
  // UnsupportedEquationsException: The expression '(-m + 1/(1 + exp(-v/(10*mV))))/tau', defining the variable 'm', could not be separated into linear comp
  'method/conditionally-linear/linear': { say: /could not be separated into linear components/, plain: true },
  // UnsupportedEquationsException: Cannot integrate stochastic equations with this state updater.
  'method/stochastic-additive/rk2': { say: /Cannot integrate stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot integrate stochastic equations with this state updater.
  'method/stochastic-additive/rk4': { say: /Cannot integrate stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-additive/exponential_euler': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-additive/exact': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-additive/linear': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater
  'method/stochastic-additive/independent': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot integrate equations with multiplicative noise with this state updater.
  'method/stochastic-multiplicative/euler': { say: /multiplicative noise/, plain: true },
  // UnsupportedEquationsException: Cannot integrate stochastic equations with this state updater.
  'method/stochastic-multiplicative/rk2': { say: /Cannot integrate stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot integrate stochastic equations with this state updater.
  'method/stochastic-multiplicative/rk4': { say: /Cannot integrate stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-multiplicative/exponential_euler': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-multiplicative/exact': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-multiplicative/linear': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater
  'method/stochastic-multiplicative/independent': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot integrate stochastic equations with this state updater.
  'method/stochastic-two-sources/rk2': { say: /Cannot integrate stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot integrate stochastic equations with this state updater.
  'method/stochastic-two-sources/rk4': { say: /Cannot integrate stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-two-sources/exponential_euler': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-two-sources/exact': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater.
  'method/stochastic-two-sources/linear': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot solve stochastic equations with this state updater
  'method/stochastic-two-sources/independent': { say: /Cannot solve stochastic equations with this state updater/, plain: true },
  // UnsupportedEquationsException: Cannot explicitly solve: Eq(Derivative(v(t), t), (I(t) - v(t))/tau)
  'method/timedarray/independent': { say: /cannot explicitly solve.*changes with time/is, plain: true },
  // UnsupportedEquationsException: Expression 'I(t)/tau' is not guaranteed to be constant over a time step.
  'method/timedarray-misaligned-dt/exact': { say: /not guaranteed to be constant over a time step/, plain: true },
  // UnsupportedEquationsException: Expression 'I(t)/tau' is not guaranteed to be constant over a time step.
  'method/timedarray-misaligned-dt/linear': { say: /not guaranteed to be constant over a time step/, plain: true },
  // UnsupportedEquationsException: Cannot explicitly solve: Eq(Derivative(v(t), t), (I(t) - v(t))/tau)
  'method/timedarray-misaligned-dt/independent': { say: /cannot explicitly solve.*changes with time/is, plain: true },
  // UnsupportedEquationsException: Cannot explicitly solve: Eq(Derivative(v(t), t), (I(t) - v(t))/tau)
  'method/timedarray-coarse-dt/independent': { say: /cannot explicitly solve.*changes with time/is, plain: true },
  // UnsupportedEquationsException: Expression 'mV*sin(2*pi*t/(5*ms))/tau' is not guaranteed to be constant over a time step.
  'method/t-in-coefficient/exact': { say: /not guaranteed to be constant over a time step/, plain: true },
  // UnsupportedEquationsException: Expression 'mV*sin(2*pi*t/(5*ms))/tau' is not guaranteed to be constant over a time step.
  'method/t-in-coefficient/linear': { say: /not guaranteed to be constant over a time step/, plain: true },
  // UnsupportedEquationsException: Expression '-t/tau**2' is not guaranteed to be constant over a time step.
  'method/t-multiplies-state/exact': { say: /not guaranteed to be constant over a time step/, plain: true },
  // UnsupportedEquationsException: Expression '-t/tau**2' is not guaranteed to be constant over a time step.
  'method/t-multiplies-state/linear': { say: /not guaranteed to be constant over a time step/, plain: true },
  // UnsupportedEquationsException: Cannot solve the given equations with this stateupdater.
  'method/independent-of-state/exact': { say: /Cannot solve the given equations/, plain: true },
  // UnsupportedEquationsException: Cannot solve the given equations with this stateupdater.
  'method/independent-of-state/linear': { say: /Cannot solve the given equations/, plain: true },
  // UnsupportedEquationsException: Expression 'mV*sin(2*pi*t/ms)/ms' is not guaranteed to be constant over a time step.
  'method/independent-t/exact': { say: /not guaranteed to be constant over a time step/, plain: true },
  // UnsupportedEquationsException: Expression 'mV*sin(2*pi*t/ms)/ms' is not guaranteed to be constant over a time step.
  'method/independent-t/linear': { say: /not guaranteed to be constant over a time step/, plain: true },
  // UnsupportedEquationsException: Cannot solve the given equations with this stateupdater.
  'method/pure-integrator-param/exact': { say: /Cannot solve the given equations/, plain: true },
  // UnsupportedEquationsException: Cannot solve the given equations with this stateupdater.
  'method/pure-integrator-param/linear': { say: /Cannot solve the given equations/, plain: true },
  // UnsupportedEquationsException: The solution to the linear system contains complex values which is currently not implemented.
  'method/damped-oscillator/exact': { say: /complex values/, plain: true },
  // UnsupportedEquationsException: The solution to the linear system contains complex values which is currently not implemented.
  'method/damped-oscillator/linear': { say: /complex values/, plain: true },
  // ValueError: No state updater with the name '{method}' is known.
  'method/special/unknown-name': { say: /no state updater with the name 'foo' is known/i, plain: true },
  // NotImplementedError: GSL integration has not been implemented for for the 'numpy' code generation target. Use the 'cython' code generation target, or 
  'method/special/gsl': { say: /'gsl'.*GSL methods are not available/s, plain: true },
  // DimensionMismatchError: Refractory period has to be specified in units of seconds but got 5. mV (unit is V).
  'refractory/wrong-unit': { say: /has to be specified in units of seconds but got 5\. mV/, units: ['V'], plain: true },
  // TypeError: expected string or bytes-like object, got 'float'
  'refractory/dimensionless-number': { say: /refractory period has to be a duration.*plain number 5/is, plain: true },
  // TypeError: Refractory expression is dimensionless but not a boolean value. It needs to either evaluate to a timespan or to a boolean value.
  'refractory/string-dimensionless': { say: /dimensionless but not a boolean value/, at: [1, 1, '5'] },
  // TypeError: Refractory expression has to evaluate to a timespan or a boolean value, expression'v' has units m^2 kg s^-3 A^-1 instead
  'refractory/string-volt': { say: /has to evaluate to a timespan or a boolean value/, names: ['v'], units: ['V'], at: [1, 1, 'v'] },
  // TypeError: Refractory expression has to evaluate to a timespan or a boolean value, expression'2*mV' has units m^2 kg s^-3 A^-1 instead
  'refractory/string-wrong-unit': { say: /has to evaluate to a timespan or a boolean value/, names: ['2*mV'], units: ['V'], at: [1, 1, '2*mV'] },
  // KeyError: The identifier "unknown_ref" could not be resolved.
  'refractory/string-unknown': { say: /unknown (identifier|function)|not been linked/i, names: ['unknown_ref'], at: [1, 1, 'unknown_ref'] },
  // TypeError: Threshold condition has to be a string, not a quantity. Probably you intended to use 'v > ...'?
  'refractory/threshold-quantity': { say: /threshold condition has to be a string, not a quantity/i, plain: true },
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The message names a unit as a token ('has unit V/s', 'unit 1'); '1' may also be said as "dimensionless". */
function mentionsUnit(message: string, unit: string): boolean {
  const token = new RegExp(`(^|[\\s(':;,])${escapeRegExp(unit)}($|[\\s)';,.])`);
  return token.test(message) || (unit === '1' && /dimensionless/.test(message));
}

function checkRejection(err: unknown, want: Expect): void {
  expect_(err instanceof Error, `expected an Error, got ${String(err)}`);
  const e = err as Error;
  const text = e instanceof ModelError ? `${e.diagnostic.message}${e.diagnostic.hint ? `\n${e.diagnostic.hint}` : ''}` : e.message;
  expect(text).toMatch(want.say);
  for (const name of want.names ?? []) expect(text, `names '${name}'`).toContain(`'${name}'`);
  for (const unit of want.units ?? []) expect(mentionsUnit(text, unit), `mentions unit ${unit} in: ${text}`).toBe(true);
  if (want.plain) {
    expect(e).not.toBeInstanceOf(ModelError);
    return;
  }
  expect(e, e.message).toBeInstanceOf(ModelError);
  const d = (e as ModelError).diagnostic;
  expect(d.line, 'line').toBeDefined();
  expect(d.column, 'column').toBeDefined();
  if (want.at) {
    const [line, column, underlined] = want.at;
    expect([d.line, d.column]).toEqual([line, column]);
    expect(d.lineText!.slice(d.column! - 1, d.column! - 1 + (d.length ?? 1)).trim()).toBe(underlined);
  }
  // The rendered message shows where: "(equations, line 2, column 5)".
  expect(e.message).toContain(`line ${d.line}, column ${d.column}`);
}

function expect_(cond: boolean, message: string): void {
  if (!cond) throw new Error(message);
}

/** The method our front end should pick for an accepted case with an explicit method. */
function expectedMethod(c: AcceptanceCase): string | undefined {
  if (typeof c.method === 'string') return c.method.toLowerCase();
  return undefined;
}

function run(c: AcceptanceCase): { result?: FrontEndResult; error?: unknown } {
  try {
    return { result: runFrontEnd(c) };
  } catch (error) {
    return { error };
  }
}

describe(`model language: acceptance as in Brian2 ${catalogue.brian2_version}`, () => {
  it('has an expectation for every case Brian2 rejects, and no stale ones', () => {
    const rejected = catalogue.cases.filter((c) => !c.accepted && !DELIBERATE[c.id]).map((c) => c.id);
    expect(Object.keys(REJECTED).sort()).toEqual(rejected.sort());
    const ids = new Set(catalogue.cases.map((c) => c.id));
    for (const id of Object.keys(DELIBERATE)) expect(ids.has(id), id).toBe(true);
  });

  const kinds = [...new Set(catalogue.cases.map((c) => c.kind))];
  for (const kind of kinds) {
    describe(kind, () => {
      for (const c of catalogue.cases.filter((x) => x.kind === kind)) {
        const deliberate = DELIBERATE[c.id];
        const accepted = deliberate ? deliberate.accepted : c.accepted;
        const title = deliberate ? `${c.id} (deliberately ${accepted ? 'accepted' : 'rejected'}; Brian2 ${c.accepted ? 'accepts' : 'rejects'})` : c.id;
        it(title, () => {
          const { result, error } = run(c);
          if (accepted) {
            if (error) throw error;
            const method = result!.update?.method;
            if (c.method === null && c.method_chosen) expect(method, 'default method choice').toBe(c.method_chosen);
            const explicit = expectedMethod(c);
            if (explicit && result!.update) expect(method).toBe(explicit);
            return;
          }
          expect(error, 'Brian2 rejects this model, so must we').toBeDefined();
          checkRejection(error, deliberate && !deliberate.accepted ? deliberate.expect : REJECTED[c.id]!);
        });
      }
    });
  }
});

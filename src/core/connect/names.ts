import type { Expr } from '../../parsing/ast.ts';
import { walk } from '../../parsing/ast.ts';
import { errorAt } from '../../parsing/diagnostics.ts';
import type { SourceText } from '../../parsing/source.ts';
import type { FunctionSpec, ValueType } from '../../equations/functions.ts';
import { GroupScope } from '../../equations/namespace.ts';
import type { Resolved, ResolvedVariable, Scope } from '../../equations/scope.ts';
import { Dimension } from '../../units/index.ts';
import { MATH } from '../../symbolic/evaluate.ts';
import { hostRandom } from '../random.ts';

/**
 * What a name used in a connect() condition, probability, `n` or generator
 * means. `pre`/`post` values are read at the presynaptic index `i` /
 * postsynaptic index `j` of the pair being considered.
 */
export type ConnectName =
  | { kind: 'pre' | 'post'; values: ArrayLike<number>; dim: Dimension; type: ValueType }
  | { kind: 'value'; value: number; dim: Dimension; type: ValueType }
  /** `impl` evaluates it on the host; without one, the function cannot be used in connect(). */
  | { kind: 'function'; spec: FunctionSpec; impl?: (...args: number[]) => number }
  /** A name that exists but cannot be used while synapses are created (a synaptic variable …). */
  | { kind: 'invalid'; reason: string };

/**
 * Everything connect() needs to know about the two groups and the
 * namespace. `i`, `j`, `N_pre`, `N_post` (and a generator's own variable)
 * are provided by the generator itself; Brian2's default functions,
 * constants (`pi`, `e`, `inf`) and units are looked up after `resolve`.
 */
export interface ConnectEnvironment {
  sourceSize: number;
  targetSize: number;
  /** For messages ("the source group 'exc' with 3200 neurons"). */
  sourceName?: string;
  targetName?: string;
  resolve(name: string): ConnectName | undefined;
  /** For "did you mean" suggestions. */
  knownNames?(): Iterable<string>;
}

/** How a name is evaluated in compiled code (see compile.ts). */
export type Binding =
  | { kind: 'index'; which: 'i' | 'j' | 'k' }
  | { kind: 'array'; side: 'pre' | 'post'; values: Float64Array; name: string }
  | { kind: 'value'; value: number }
  | { kind: 'function'; name: string; impl: (...args: number[]) => number; stateless: boolean };

const DEFAULTS = new GroupScope(new Map());
const INTEGER_INDEX = (name: string): ResolvedVariable => ({
  kind: 'variable',
  name,
  dim: Dimension.DIMENSIONLESS,
  type: 'integer',
  scalar: false,
  constant: true,
  readOnly: true,
  isSubexpression: false,
});

/** Default functions that cannot be evaluated on the host in connect(). */
function defaultImpl(name: string): ((...args: number[]) => number) | undefined {
  if (name === 'rand') {
    const r = hostRandom();
    return () => r.rand();
  }
  if (name === 'randn') {
    const r = hostRandom();
    return () => r.randn();
  }
  if (name === 'timestep') return (t: number, dt: number) => Math.trunc((t + 1e-3 * dt) / dt);
  return MATH[name];
}

/**
 * The names visible in one connect() expression: the indices `i`, `j`
 * (and the generator variable), `N_pre`/`N_post`, then the environment,
 * then Brian2's defaults. Serves both the unit checker (as a Scope) and
 * the compiler (as bindings).
 */
export class ConnectNames implements Scope {
  private readonly cache = new Map<string, ConnectName | undefined>();
  private readonly arrays = new Map<string, Float64Array>();

  constructor(
    readonly env: ConnectEnvironment,
    /** The generator's variable ('k' in 'k for k in range(...)'), if any. */
    readonly innerVariable?: string,
  ) {}

  withInner(inner: string): ConnectNames {
    const n = new ConnectNames(this.env, inner);
    // Share resolved names and converted arrays.
    for (const [k, v] of this.cache) n.cache.set(k, v);
    for (const [k, v] of this.arrays) n.arrays.set(k, v);
    return n;
  }

  /** The environment's answer for a name (cached). */
  envName(name: string): ConnectName | undefined {
    return this.fromEnv(name);
  }

  private fromEnv(name: string): ConnectName | undefined {
    if (!this.cache.has(name)) this.cache.set(name, this.env.resolve(name));
    return this.cache.get(name);
  }

  resolve(name: string): Resolved | undefined {
    if (name === 'i' || name === 'j' || name === this.innerVariable) return INTEGER_INDEX(name);
    if (name === 'N_pre' || name === 'N_post') {
      return { kind: 'value', name, value: name === 'N_pre' ? this.env.sourceSize : this.env.targetSize, dim: Dimension.DIMENSIONLESS, type: 'integer', origin: 'constant' };
    }
    const c = this.fromEnv(name);
    if (c) {
      switch (c.kind) {
        case 'pre':
        case 'post':
          return { ...INTEGER_INDEX(name), dim: c.dim, type: c.type };
        case 'value':
          return { kind: 'value', name, value: c.value, dim: c.dim, type: c.type, origin: 'namespace' };
        case 'function':
          return { kind: 'function', name, spec: c.spec, origin: 'namespace' };
        case 'invalid':
          return undefined;
      }
    }
    return DEFAULTS.resolve(name);
  }

  *knownNames(): Iterable<string> {
    yield 'i';
    yield 'j';
    yield 'N_pre';
    yield 'N_post';
    if (this.innerVariable) yield this.innerVariable;
    if (this.env.knownNames) yield* this.env.knownNames();
    yield* DEFAULTS.knownNames();
  }

  /** Names the environment declares unusable: report them at their position before unit checking. */
  rejectInvalid(expr: Expr, source: SourceText): void {
    walk(expr, (e) => {
      const name = e.kind === 'name' ? e.name : e.kind === 'call' ? e.callee : undefined;
      if (name === undefined || name === 'i' || name === 'j' || name === this.innerVariable) return;
      const c = this.fromEnv(name);
      if (c?.kind === 'invalid') throw errorAt('invalid-identifier', c.reason, source, e.kind === 'call' ? e.calleeSpan : e.span);
    });
  }

  /** How a (checked) name evaluates. */
  binding(name: string, source: SourceText, span: { start: number; end: number }): Binding {
    if (name === 'i') return { kind: 'index', which: 'i' };
    if (name === 'j') return { kind: 'index', which: 'j' };
    if (name === this.innerVariable) return { kind: 'index', which: 'k' };
    const r = this.resolve(name);
    if (!r) throw errorAt('unknown-identifier', `Unknown identifier '${name}'`, source, span);
    const c = name === 'N_pre' || name === 'N_post' ? undefined : this.envName(name);
    if (c?.kind === 'pre' || c?.kind === 'post') {
      let arr = this.arrays.get(name);
      if (!arr) {
        const size = c.kind === 'pre' ? this.env.sourceSize : this.env.targetSize;
        if (c.values.length !== size) {
          throw new RangeError(`connect(): '${name}' has ${c.values.length} values, but the ${c.kind === 'pre' ? 'source' : 'target'} group has ${size} neurons`);
        }
        arr = c.values instanceof Float64Array ? c.values : Float64Array.from(c.values);
        this.arrays.set(name, arr);
      }
      return { kind: 'array', side: c.kind, values: arr, name };
    }
    if (r.kind === 'value') return { kind: 'value', value: r.value };
    if (r.kind === 'function') {
      const impl = c?.kind === 'function' ? c.impl : r.origin === 'default' ? defaultImpl(name) : undefined;
      if (!impl) throw errorAt('unsupported-function', `The function '${name}' cannot be used in connect()`, source, span);
      return { kind: 'function', name, impl, stateless: r.spec.stateless };
    }
    throw errorAt('unknown-identifier', `Unknown identifier '${name}'`, source, span);
  }
}

/** What an expression reads: which indices, which sides' variables, and whether it draws random numbers. */
export interface Dependencies {
  i: boolean;
  j: boolean;
  k: boolean;
  pre: boolean;
  post: boolean;
  random: boolean;
  /** First name (or call) that touches each category, for messages. */
  first: Partial<Record<'i' | 'j' | 'k' | 'pre' | 'post' | 'random', string>>;
}

export function dependenciesOf(expr: Expr | undefined, names: ConnectNames): Dependencies {
  const d: Dependencies = { i: false, j: false, k: false, pre: false, post: false, random: false, first: {} };
  if (!expr) return d;
  const mark = (what: 'i' | 'j' | 'k' | 'pre' | 'post' | 'random', name: string): void => {
    d[what] = true;
    d.first[what] ??= name;
  };
  walk(expr, (e) => {
    if (e.kind === 'name') {
      if (e.name === 'i') mark('i', 'i');
      else if (e.name === 'j') mark('j', 'j');
      else if (e.name === names.innerVariable) mark('k', e.name);
      else {
        const r = names.resolve(e.name);
        if (r?.kind === 'variable') {
          const c = names.envName(e.name);
          if (c?.kind === 'pre') mark('pre', e.name);
          else if (c?.kind === 'post') mark('post', e.name);
        }
      }
    } else if (e.kind === 'call') {
      const r = names.resolve(e.callee);
      if (r?.kind === 'function' && !r.spec.stateless) mark('random', `${e.callee}()`);
    }
  });
  return d;
}

import { Dimension } from '../units/index.ts';

export type ValueType = 'float' | 'integer' | 'boolean';

/** How a function argument's dimension is constrained. */
export type ArgRule =
  | { kind: 'dimensionless' }
  | { kind: 'any' }
  | { kind: 'dim'; dim: Dimension }
  /** Same dimension as argument number `index` (0-based), like `clip`'s bounds. */
  | { kind: 'same-as'; index: number };

/**
 * What the checker and the code generators need to know about a callable:
 * its unit rules, result type, and whether it may be hoisted or folded.
 */
export interface FunctionSpec {
  name: string;
  args: ArgRule[];
  returnDim: (args: Dimension[]) => Dimension;
  /** 'highest' follows the argument types, as Brian2's abs/sign/clip do. */
  returnType: ValueType | 'highest';
  /** Stateful functions (rand, randn) must be evaluated afresh each call. */
  stateless: boolean;
  /** Name of the implementation in the runtime math library. */
  impl: string;
  /**
   * For functions of time such as TimedArrays: whether the value cannot
   * change within one step of length `dt` (Brian2's is_locally_constant),
   * which lets exact integration treat `f(t)` as constant over the step.
   */
  isLocallyConstant?: (dt: number) => boolean;
}

const DIMLESS = Dimension.DIMENSIONLESS;
const dimensionless: ArgRule = { kind: 'dimensionless' };
const any: ArgRule = { kind: 'any' };

function unitSafe(name: string, impl = name): FunctionSpec {
  return { name, args: [dimensionless], returnDim: () => DIMLESS, returnType: 'float', stateless: true, impl };
}

const SECOND = Dimension.of([0, 0, 1, 0, 0, 0, 0]);

/** Brian2's DEFAULT_FUNCTIONS with their unit rules (brian2/core/functions.py). */
export const DEFAULT_FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  [
    ...['cos', 'sin', 'tan', 'cosh', 'sinh', 'tanh', 'exp', 'log', 'log10', 'expm1', 'exprel', 'log1p'].map((n) => unitSafe(n)),
    unitSafe('arccos', 'acos'),
    unitSafe('arcsin', 'asin'),
    unitSafe('arctan', 'atan'),
    { name: 'sqrt', args: [any], returnDim: (a: Dimension[]) => a[0]!.pow(0.5), returnType: 'float', stateless: true, impl: 'sqrt' },
    { name: 'ceil', args: [any], returnDim: (a: Dimension[]) => a[0]!, returnType: 'float', stateless: true, impl: 'ceil' },
    { name: 'floor', args: [any], returnDim: (a: Dimension[]) => a[0]!, returnType: 'float', stateless: true, impl: 'floor' },
    { name: 'abs', args: [any], returnDim: (a: Dimension[]) => a[0]!, returnType: 'highest', stateless: true, impl: 'abs' },
    { name: 'sign', args: [any], returnDim: () => DIMLESS, returnType: 'highest', stateless: true, impl: 'sign' },
    { name: 'rand', args: [], returnDim: () => DIMLESS, returnType: 'float', stateless: false, impl: 'rand' },
    { name: 'randn', args: [], returnDim: () => DIMLESS, returnType: 'float', stateless: false, impl: 'randn' },
    { name: 'poisson', args: [dimensionless], returnDim: () => DIMLESS, returnType: 'integer', stateless: false, impl: 'poisson' },
    {
      name: 'clip',
      args: [any, { kind: 'same-as', index: 0 }, { kind: 'same-as', index: 0 }],
      returnDim: (a: Dimension[]) => a[0]!,
      returnType: 'highest',
      stateless: true,
      impl: 'clip',
    },
    { name: 'int', args: [dimensionless], returnDim: () => DIMLESS, returnType: 'integer', stateless: true, impl: 'int' },
    {
      name: 'timestep',
      args: [{ kind: 'dim', dim: SECOND }, { kind: 'dim', dim: SECOND }],
      returnDim: () => DIMLESS,
      returnType: 'integer',
      stateless: true,
      impl: 'timestep',
    },
  ].map((f): [string, FunctionSpec] => [f.name, f as FunctionSpec]),
);

/** Brian2's DEFAULT_CONSTANTS. */
export const DEFAULT_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
  ['inf', Infinity],
]);

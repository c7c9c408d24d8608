import type { IRFunction, IRType } from './ir.ts';
import { floatLiteral, printFunction, type Dialect } from './print-shared.ts';

const AS_TYPE: Record<IRType, string> = { f64: 'f64', i32: 'i32', bool: 'bool' };
const SHIFT = { f64: 3, i32: 2, u8: 0 } as const;

/** Math functions that map to AssemblyScript's Math (NativeMath, f64). */
const AS_MATH: Record<string, string> = {
  exp: 'Math.exp', log: 'Math.log', log10: 'Math.log10', expm1: 'Math.expm1', log1p: 'Math.log1p', sqrt: 'Math.sqrt',
  sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', sinh: 'Math.sinh', cosh: 'Math.cosh', tanh: 'Math.tanh',
  asin: 'Math.asin', acos: 'Math.acos', atan: 'Math.atan', abs: 'Math.abs', floor: 'Math.floor', ceil: 'Math.ceil',
  trunc: 'Math.trunc', pow: 'Math.pow', min: 'Math.min', max: 'Math.max',
};

export const AS_DIALECT: Dialect = {
  constant(value, type) {
    if (type === 'bool') return value ? 'true' : 'false';
    if (type === 'i32') return value < 0 ? `(${value})` : String(value);
    return floatLiteral(value);
  },
  load(base, elem, index) {
    const addr = elem === 'u8' ? `${base} + <usize>${index}` : `${base} + (<usize>${index} << ${SHIFT[elem]})`;
    return elem === 'u8' ? `(load<u8>(${addr}) != 0)` : `load<${elem}>(${addr})`;
  },
  store(base, elem, index, value) {
    const addr = elem === 'u8' ? `${base} + <usize>${index}` : `${base} + (<usize>${index} << ${SHIFT[elem]})`;
    return elem === 'u8' ? `store<u8>(${addr}, <u8>${value})` : `store<${elem}>(${addr}, ${value})`;
  },
  arrayBase(name, _elem, slot) {
    // _P (a global) is the address of the parameter block; slots hold array addresses.
    return `const ${name}: usize = <usize>load<f64>(_P + ${slot * 8})`;
  },
  param(slot) {
    return `load<f64>(_P + ${slot * 8})`;
  },
  setParam(slot, value) {
    return `store<f64>(_P + ${slot * 8}, ${value})`;
  },
  cast(arg, from, to) {
    if (to === 'bool') return `(${arg} != ${from === 'f64' ? '0.0' : '0'})`;
    if (to === 'f64') return `(<f64>${arg})`;
    return from === 'f64' ? `(<i32>${arg})` : `(<i32>${arg})`;
  },
  call(fn, args) {
    const m = AS_MATH[fn];
    return `${m ?? fn}(${args.join(', ')})`;
  },
  select(cond, a, b, type) {
    return `select<${AS_TYPE[type]}>(${a}, ${b}, ${cond})`;
  },
  declare(name, type, value, mutable) {
    return `${mutable ? 'let' : 'const'} ${name}: ${AS_TYPE[type]} = ${value}`;
  },
  forHeader(counter, from, to) {
    return `for (let ${counter}: i32 = ${from}; ${counter} < ${to}; ${counter}++)`;
  },
  functionHeader(fn) {
    const params = fn.params.map((p) => `${p.name}: ${AS_TYPE[p.type]}`).join(', ');
    return `${fn.exported ? 'export ' : ''}function ${fn.name}(${params}): ${fn.returns ? AS_TYPE[fn.returns] : 'void'}`;
  },
  binary(op, a, b) {
    const sym = op === 'and' ? '&&' : op === 'or' ? '||' : op === 'shl' ? '<<' : op === 'shr' ? '>>' : op;
    return `(${a} ${sym} ${b})`;
  },
};

export function printAssemblyScript(functions: IRFunction[], prelude: string[] = []): string {
  return [...prelude, ...functions.map((f) => printFunction(AS_DIALECT, f))].join('\n\n') + '\n';
}

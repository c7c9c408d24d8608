import type { IRFunction } from './ir.ts';
import { printFunction, type Dialect } from './print-shared.ts';

const VIEW = { f64: '_F64', i32: '_I32', u8: '_U8' } as const;
const SHIFT = { f64: 3, i32: 2, u8: 0 } as const;

const JS_MATH: Record<string, string> = {
  exp: 'Math.exp', log: 'Math.log', log10: 'Math.log10', expm1: 'Math.expm1', log1p: 'Math.log1p', sqrt: 'Math.sqrt',
  sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', sinh: 'Math.sinh', cosh: 'Math.cosh', tanh: 'Math.tanh',
  asin: 'Math.asin', acos: 'Math.acos', atan: 'Math.atan', abs: 'Math.abs', floor: 'Math.floor', ceil: 'Math.ceil',
  trunc: 'Math.trunc', pow: 'Math.pow', min: 'Math.min', max: 'Math.max',
};

/**
 * JavaScript over typed-array views of the same linear memory. Array bases
 * are element indices (address >> shift), integers are JS numbers kept
 * integral by construction.
 */
export const JS_DIALECT: Dialect = {
  constant(value, type) {
    if (type === 'bool') return value ? 'true' : 'false';
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '(-Infinity)';
    if (Object.is(value, -0)) return '(-0)';
    return value < 0 ? `(${value})` : String(value);
  },
  load(base, elem, index) {
    const read = `${VIEW[elem]}[${base} + ${index}]`;
    return elem === 'u8' ? `(${read} !== 0)` : read;
  },
  store(base, elem, index, value) {
    return elem === 'u8' ? `_U8[${base} + ${index}] = (${value} ? 1 : 0)` : `${VIEW[elem]}[${base} + ${index}] = ${value}`;
  },
  arrayBase(name, elem, slot) {
    return `const ${name} = _F64[_P8 + ${slot}]${SHIFT[elem] ? ` / ${1 << SHIFT[elem]}` : ''}`;
  },
  param(slot) {
    return `_F64[_P8 + ${slot}]`;
  },
  setParam(slot, value) {
    return `_F64[_P8 + ${slot}] = ${value}`;
  },
  cast(arg, from, to) {
    if (to === 'bool') return `(${arg} !== 0)`;
    if (from === 'bool') return `(${arg} ? 1 : 0)`;
    if (to === 'i32' && from === 'f64') return `Math.trunc(${arg})`;
    return arg;
  },
  call(fn, args) {
    const m = JS_MATH[fn];
    return m ? `${m}(${args.join(', ')})` : `_R.${fn}(${args.join(', ')})`;
  },
  select(cond, a, b) {
    return `(${cond} ? ${a} : ${b})`;
  },
  declare(name, _type, value, mutable) {
    return `${mutable ? 'let' : 'const'} ${name} = ${value}`;
  },
  forHeader(counter, from, to) {
    return `for (let ${counter} = ${from}; ${counter} < ${to}; ${counter}++)`;
  },
  functionHeader(fn) {
    return `function ${fn.name}(${fn.params.map((p) => p.name).join(', ')})`;
  },
  binary(op, a, b, type, operandType) {
    if (op === 'and') return `(${a} && ${b})`;
    if (op === 'or') return `(${a} || ${b})`;
    if (op === 'shl') return `(${a} << ${b})`;
    if (op === 'shr') return `(${a} >> ${b})`;
    const sym = op === '==' ? '===' : op === '!=' ? '!==' : op;
    // Keep integer arithmetic in the i32 range like the WASM kernel does.
    if (type === 'i32' && operandType === 'i32' && (op === '+' || op === '-')) return `((${a} ${sym} ${b}) | 0)`;
    if (type === 'i32' && operandType === 'i32' && op === '*') return `Math.imul(${a}, ${b})`;
    return `(${a} ${sym} ${b})`;
  },
};

export function printJavaScriptFunctions(functions: IRFunction[]): string {
  return functions.map((f) => printFunction(JS_DIALECT, f)).join('\n\n') + '\n';
}

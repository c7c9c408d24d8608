import type { Expr } from '../../parsing/ast.ts';
import type { SourceText } from '../../parsing/source.ts';
import { pyMod } from '../../symbolic/evaluate.ts';
import type { Binding, ConnectNames } from './names.ts';

/** A compiled expression of a candidate pair: presynaptic index i, postsynaptic index j, generator variable k. */
export type PairFunction<T> = (i: number, j: number, k: number) => T;

interface Piece {
  code: string;
  /** The JS value is a boolean (comparisons, and/or/not, True/False); otherwise a number. */
  bool: boolean;
}

function power(a: number, b: number): number {
  // Same as the host evaluator (src/core/hosteval.ts), so both agree bit for bit.
  return b === 2 ? a * a : b === 0.5 ? Math.sqrt(a) : Math.pow(a, b);
}

/**
 * Compile a checked expression into a JavaScript function of (i, j, k).
 *
 * The source text of the function is built only from the parsed tree: every
 * identifier the user wrote becomes a generated name (`a0`, `c1`, `f2`, or
 * one of the parameters i/j/k), numbers are printed from their parsed
 * values, operators come from a fixed table. No user text reaches
 * `new Function`. Semantics follow Brian2's: `/` is true division, `//`
 * floors, `%` takes the divisor's sign, `and`/`or` short-circuit,
 * comparisons chain as in Python.
 */
class Compiler {
  private readonly captured: unknown[] = [];
  private readonly capturedNames: string[] = [];
  private readonly bindingNames = new Map<string, string>();
  private temps = 0;

  constructor(
    private readonly names: ConnectNames,
    private readonly source: SourceText,
  ) {}

  private capture(prefix: string, value: unknown, key?: string): string {
    if (key !== undefined) {
      const hit = this.bindingNames.get(key);
      if (hit) return hit;
    }
    const name = `${prefix}${this.captured.length}`;
    this.captured.push(value);
    this.capturedNames.push(name);
    if (key !== undefined) this.bindingNames.set(key, name);
    return name;
  }

  private num(p: Piece): string {
    return p.bool ? `(+${p.code})` : p.code;
  }

  private bool(p: Piece): string {
    return p.bool ? p.code : `(${p.code} !== 0)`;
  }

  private literal(value: number): string {
    if (typeof value !== 'number') throw new TypeError('connect(): internal error, a number literal is not a number');
    if (Number.isFinite(value) && value >= 0) {
      const text = String(value);
      // Defence in depth: a printed finite number is digits, '.', 'e', '+', '-'.
      if (!/^[0-9.e+-]+$/.test(text)) throw new TypeError(`connect(): internal error, unexpected number text ${text}`);
      return `(${text})`;
    }
    return this.capture('c', value);
  }

  private bindingCode(b: Binding, name: string): Piece {
    switch (b.kind) {
      case 'index':
        return { code: b.which, bool: false };
      case 'array': {
        const arr = this.capture('a', b.values, `array:${name}`);
        return { code: `${arr}[${b.side === 'pre' ? 'i' : 'j'}]`, bool: false };
      }
      case 'value':
        return { code: this.literal(b.value), bool: false };
      case 'function':
        throw new Error('unreachable');
    }
  }

  compile(e: Expr): Piece {
    switch (e.kind) {
      case 'number':
        return { code: this.literal(e.value), bool: false };
      case 'bool':
        return { code: e.value ? 'true' : 'false', bool: true };
      case 'name': {
        const b = this.names.binding(e.name, this.source, e.span);
        return this.bindingCode(b, e.name);
      }
      case 'unary': {
        const x = this.compile(e.operand);
        if (e.op === 'not') return { code: `(!${this.bool(x)})`, bool: true };
        return { code: `(${e.op}${this.num(x)})`, bool: false };
      }
      case 'binary': {
        const a = this.num(this.compile(e.left));
        const b = this.num(this.compile(e.right));
        switch (e.op) {
          case '+':
          case '-':
          case '*':
          case '/':
            return { code: `(${a} ${e.op} ${b})`, bool: false };
          case '//':
            return { code: `Math.floor(${a} / ${b})`, bool: false };
          case '%':
            return { code: `${this.capture('f', pyMod, 'fn:%')}(${a}, ${b})`, bool: false };
          case '**':
            return { code: `${this.capture('f', power, 'fn:**')}(${a}, ${b})`, bool: false };
        }
        throw new Error('unreachable');
      }
      case 'compare': {
        const ops = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '===', '!=': '!==' } as const;
        const operands = e.operands.map((o) => this.num(this.compile(o)));
        if (e.ops.length === 1) return { code: `(${operands[0]} ${ops[e.ops[0]!]} ${operands[1]})`, bool: true };
        // a < b < c: evaluate b once (it may call rand()), stop at the first false comparison.
        const parts: string[] = [];
        let left = operands[0]!;
        for (let q = 0; q < e.ops.length; q++) {
          let right = operands[q + 1]!;
          if (q + 1 < e.ops.length) {
            const t = `t${this.temps++}`;
            right = `(${t} = ${right})`;
            parts.push(`${left} ${ops[e.ops[q]!]} ${right}`);
            left = t;
          } else {
            parts.push(`${left} ${ops[e.ops[q]!]} ${right}`);
          }
        }
        return { code: `(${parts.join(' && ')})`, bool: true };
      }
      case 'logical': {
        const js = e.op === 'and' ? ' && ' : ' || ';
        return { code: `(${e.operands.map((o) => this.bool(this.compile(o))).join(js)})`, bool: true };
      }
      case 'call': {
        const b = this.names.binding(e.callee, this.source, e.calleeSpan);
        if (b.kind !== 'function') throw new Error('unreachable');
        const f = this.capture('f', b.impl, `fn:${e.callee}`);
        const args = e.args.map((a) => this.num(this.compile(a)));
        return { code: `${f}(${args.join(', ')})`, bool: false };
      }
    }
  }

  build<T>(body: string): PairFunction<T> {
    const temps = Array.from({ length: this.temps }, (_, q) => `t${q}`);
    const decl = temps.length ? `let ${temps.join(', ')};\n` : '';
    const unpack = this.capturedNames.map((n, q) => `const ${n} = $[${q}];`).join('\n');
    const text = `"use strict";\n${unpack}\nreturn function connectExpr(i, j, k) {\n${decl}return ${body};\n};`;
    return new Function('$', text)(this.captured) as PairFunction<T>;
  }
}

/** A numeric function of the pair (booleans become 0/1). */
export function compileNumber(expr: Expr, names: ConnectNames, source: SourceText): PairFunction<number> {
  const c = new Compiler(names, source);
  const p = c.compile(expr);
  return c.build<number>(p.bool ? `(+${p.code})` : p.code);
}

/** A boolean function of the pair (numbers are true when non-zero). */
export function compileBoolean(expr: Expr, names: ConnectNames, source: SourceText): PairFunction<boolean> {
  const c = new Compiler(names, source);
  const p = c.compile(expr);
  return c.build<boolean>(p.bool ? p.code : `(${p.code} !== 0)`);
}

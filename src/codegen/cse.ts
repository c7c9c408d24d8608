import type { IRExpr, IRStmt } from './ir.ts';
import { STATEFUL } from './translate.ts';

/**
 * Common subexpression elimination for one loop iteration. After
 * subexpressions are substituted into several equations (as Brian2 does),
 * the same rate function or exponential appears many times per neuron;
 * computing each once is the single largest saving in Hodgkin–Huxley-type
 * models. Values are unchanged: only identical, pure expressions over the
 * same values of the same locals are shared.
 */
export function eliminateCommonSubexpressions(body: IRStmt[], prefix = '_cse'): IRStmt[] {
  let stmts = body;
  let counter = 0;
  for (let round = 0; round < 200; round++) {
    const best = mostValuableRepeat(stmts);
    if (!best) break;
    const name = `${prefix}${counter++}`;
    stmts = replaceRepeat(stmts, best, name);
  }
  return stmts;
}

interface Candidate {
  key: string;
  expr: IRExpr;
  size: number;
  /** Index of the first top-level statement containing it. */
  first: number;
  /** Generation stamps of the locals it reads, to match only identical values. */
  stamp: string;
}

function size(e: IRExpr): number {
  switch (e.k) {
    case 'unary':
    case 'cast':
      return 1 + size(e.arg);
    case 'binary':
      return 1 + size(e.a) + size(e.b);
    case 'call':
    case 'invoke':
      return 4 + e.args.reduce((s, a) => s + size(a), 0);
    case 'select':
      return 1 + size(e.cond) + size(e.a) + size(e.b);
    case 'load':
      return 1 + size(e.index);
    default:
      return 0;
  }
}

function pure(e: IRExpr): boolean {
  switch (e.k) {
    case 'load':
    case 'invoke':
      return false;
    case 'call':
      return !STATEFUL.has(e.fn) && e.args.every(pure);
    case 'unary':
    case 'cast':
      return pure(e.arg);
    case 'binary':
      return pure(e.a) && pure(e.b);
    case 'select':
      return pure(e.cond) && pure(e.a) && pure(e.b);
    default:
      return true;
  }
}

function localsOf(e: IRExpr, out: Set<string> = new Set()): Set<string> {
  if (e.k === 'local') out.add(e.name);
  else if (e.k === 'unary' || e.k === 'cast') localsOf(e.arg, out);
  else if (e.k === 'binary') {
    localsOf(e.a, out);
    localsOf(e.b, out);
  } else if (e.k === 'call' || e.k === 'invoke') e.args.forEach((a) => localsOf(a, out));
  else if (e.k === 'select') {
    localsOf(e.cond, out);
    localsOf(e.a, out);
    localsOf(e.b, out);
  } else if (e.k === 'load') localsOf(e.index, out);
  return out;
}

/** Expressions evaluated unconditionally by a top-level statement (nested branches are left alone). */
function topExpressions(s: IRStmt): IRExpr[] {
  switch (s.k) {
    case 'let':
    case 'set':
      return [s.value];
    case 'store':
      return [s.index, s.value];
    case 'if':
      return [s.cond];
    default:
      return [];
  }
}

function subexpressions(e: IRExpr, visit: (x: IRExpr) => void): void {
  visit(e);
  if (e.k === 'unary' || e.k === 'cast') subexpressions(e.arg, visit);
  else if (e.k === 'binary') {
    subexpressions(e.a, visit);
    subexpressions(e.b, visit);
  } else if (e.k === 'call' || e.k === 'invoke') e.args.forEach((a) => subexpressions(a, visit));
  else if (e.k === 'select') {
    subexpressions(e.cond, visit);
    subexpressions(e.a, visit);
    subexpressions(e.b, visit);
  }
}

/** Locals (re)assigned by a statement, anywhere inside it. */
function assigned(s: IRStmt, out: Set<string> = new Set()): Set<string> {
  if (s.k === 'let' || s.k === 'set') out.add(s.name);
  else if (s.k === 'if') {
    s.then.forEach((t) => assigned(t, out));
    s.else?.forEach((t) => assigned(t, out));
  } else if (s.k === 'for' || s.k === 'while' || s.k === 'block') s.body.forEach((t) => assigned(t, out));
  if (s.k === 'for') out.add(s.counter);
  return out;
}

function stampOf(e: IRExpr, generation: Map<string, number>): string {
  return [...localsOf(e)].sort().map((n) => `${n}#${generation.get(n) ?? 0}`).join(',');
}

function mostValuableRepeat(stmts: IRStmt[]): Candidate | undefined {
  const generation = new Map<string, number>();
  const seen = new Map<string, Candidate & { count: number }>();
  stmts.forEach((s, index) => {
    for (const top of topExpressions(s)) {
      subexpressions(top, (e) => {
        if (e.k === 'const' || e.k === 'local' || e.k === 'param' || !pure(e)) return;
        const sz = size(e);
        if (sz < 2) return;
        const stamp = stampOf(e, generation);
        const key = `${stamp}|${JSON.stringify(e)}`;
        const hit = seen.get(key);
        if (hit) hit.count++;
        else seen.set(key, { key, expr: e, size: sz, first: index, stamp, count: 1 });
      });
    }
    for (const name of assigned(s)) generation.set(name, (generation.get(name) ?? 0) + 1);
  });
  let best: (Candidate & { count: number }) | undefined;
  for (const c of seen.values()) {
    if (c.count < 2) continue;
    if (!best || c.size * (c.count - 1) > best.size * (best.count - 1)) best = c;
  }
  return best;
}

function replaceRepeat(stmts: IRStmt[], target: Candidate, name: string): IRStmt[] {
  const generation = new Map<string, number>();
  const json = JSON.stringify(target.expr);
  const swap = (e: IRExpr): IRExpr => {
    if (JSON.stringify(e) === json && stampOf(e, generation) === target.stamp) return { k: 'local', name, type: e.type };
    switch (e.k) {
      case 'unary':
      case 'cast':
        return { ...e, arg: swap(e.arg) };
      case 'binary':
        return { ...e, a: swap(e.a), b: swap(e.b) };
      case 'call':
      case 'invoke':
        return { ...e, args: e.args.map(swap) };
      case 'select':
        return { ...e, cond: swap(e.cond), a: swap(e.a), b: swap(e.b) };
      default:
        return e;
    }
  };
  const out: IRStmt[] = [];
  stmts.forEach((s, index) => {
    if (index === target.first) out.push({ k: 'let', name, type: target.expr.type, value: target.expr, mutable: false });
    let t: IRStmt = s;
    switch (s.k) {
      case 'let':
      case 'set':
        t = { ...s, value: swap(s.value) };
        break;
      case 'store':
        t = { ...s, index: swap(s.index), value: swap(s.value) };
        break;
      case 'if':
        t = { ...s, cond: swap(s.cond) };
        break;
      default:
        break;
    }
    out.push(t);
    for (const n of assigned(s)) generation.set(n, (generation.get(n) ?? 0) + 1);
  });
  return out;
}

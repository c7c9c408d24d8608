import type { IRExpr, IRStmt } from './ir.ts';
import { STATEFUL } from './translate.ts';

/**
 * Loop-invariant code motion: maximal subexpressions of a loop body that
 * read only values fixed for the whole loop (parameters, constants, locals
 * defined before the loop) and call only pure functions are computed once,
 * before the loop. Brian2 does the same ("scalar" statements); the values
 * are identical, only computed less often.
 */
export function hoistInvariants(body: IRStmt[], prefix = '_lio'): { hoisted: IRStmt[]; body: IRStmt[] } {
  const variant = new Set<string>();
  collectAssigned(body, variant);
  const hoisted: IRStmt[] = [];
  const byKey = new Map<string, string>();

  const invariant = (e: IRExpr): boolean => {
    switch (e.k) {
      case 'const':
      case 'param':
        return true;
      case 'local':
        return !variant.has(e.name);
      case 'load':
        return false;
      case 'unary':
        return invariant(e.arg);
      case 'cast':
        return e.to !== 'i32' && invariant(e.arg);
      case 'binary':
        return invariant(e.a) && invariant(e.b);
      case 'call':
        return !STATEFUL.has(e.fn) && e.args.every(invariant);
      case 'invoke':
        return false;
      case 'select':
        return invariant(e.cond) && invariant(e.a) && invariant(e.b);
    }
  };
  const rewrite = (e: IRExpr): IRExpr => {
    if (e.k === 'const' || e.k === 'local') return e;
    if (invariant(e)) {
      // A negated constant is a literal, not work worth a local.
      if (e.k === 'unary' && e.arg.k === 'const') return e;
      const key = JSON.stringify(e);
      let name = byKey.get(key);
      if (!name) {
        name = `${prefix}_${byKey.size}`;
        byKey.set(key, name);
        hoisted.push({ k: 'let', name, type: e.type, value: e, mutable: false });
      }
      return { k: 'local', name, type: e.type };
    }
    switch (e.k) {
      case 'load':
        return { ...e, index: rewrite(e.index) };
      case 'unary':
      case 'cast':
        return { ...e, arg: rewrite(e.arg) };
      case 'binary':
        return { ...e, a: rewrite(e.a), b: rewrite(e.b) };
      case 'call':
      case 'invoke':
        return { ...e, args: e.args.map(rewrite) };
      case 'select':
        return { ...e, cond: rewrite(e.cond), a: rewrite(e.a), b: rewrite(e.b) };
      default:
        return e;
    }
  };
  const rewriteStmts = (stmts: IRStmt[]): IRStmt[] =>
    stmts.map((s): IRStmt => {
      switch (s.k) {
        case 'let':
        case 'set':
          return { ...s, value: rewrite(s.value) };
        case 'store':
          return { ...s, index: rewrite(s.index), value: rewrite(s.value) };
        case 'if':
          return s.else ? { ...s, cond: rewrite(s.cond), then: rewriteStmts(s.then), else: rewriteStmts(s.else) } : { ...s, cond: rewrite(s.cond), then: rewriteStmts(s.then) };
        case 'for':
          return { ...s, from: rewrite(s.from), to: rewrite(s.to), body: rewriteStmts(s.body) };
        case 'while':
          return { ...s, cond: rewrite(s.cond), body: rewriteStmts(s.body) };
        case 'block':
          return { ...s, body: rewriteStmts(s.body) };
        case 'do':
        case 'setparam':
          return { ...s, value: rewrite(s.value) };
        case 'return':
          return s.value ? { ...s, value: rewrite(s.value) } : s;
        default:
          return s;
      }
    });
  const newBody = rewriteStmts(body);
  return { hoisted, body: newBody };
}

function collectAssigned(stmts: IRStmt[], out: Set<string>): void {
  for (const s of stmts) {
    switch (s.k) {
      case 'let':
      case 'set':
        out.add(s.name);
        break;
      case 'if':
        collectAssigned(s.then, out);
        if (s.else) collectAssigned(s.else, out);
        break;
      case 'for':
        out.add(s.counter);
        collectAssigned(s.body, out);
        break;
      case 'while':
      case 'block':
        collectAssigned(s.body, out);
        break;
      default:
        break;
    }
  }
}

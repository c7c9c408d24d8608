import type { IRExpr, IRFunction, IRStmt } from './ir.ts';
import type { KernelPlan } from './kernel.ts';

/**
 * The kernel with its object-derived names (functions, array bases)
 * replaced by positional ones. Two networks of the same structure — say, a
 * model rebuilt with a new TimedArray — then print the same source and share
 * one compiled module from the cache.
 */
export function canonicalPlan(plan: KernelPlan): KernelPlan {
  const functions = new Map<string, string>();
  plan.ops.forEach((op, k) => functions.set(op.fn.name, `op${k}`));
  const arrays = new Map<string, string>();
  const arrayName = (name: string): string => {
    let canonical = arrays.get(name);
    if (!canonical) arrays.set(name, (canonical = `_ptr${arrays.size}`));
    return canonical;
  };
  const expr = (e: IRExpr): IRExpr => {
    switch (e.k) {
      case 'load':
        return { ...e, base: arrayName(e.base), index: expr(e.index) };
      case 'unary':
      case 'cast':
        return { ...e, arg: expr(e.arg) };
      case 'binary':
        return { ...e, a: expr(e.a), b: expr(e.b) };
      case 'call':
        return { ...e, args: e.args.map(expr) };
      case 'invoke':
        return { ...e, fn: functions.get(e.fn) ?? e.fn, args: e.args.map(expr) };
      case 'select':
        return { ...e, cond: expr(e.cond), a: expr(e.a), b: expr(e.b) };
      default:
        return e;
    }
  };
  const stmts = (list: IRStmt[]): IRStmt[] =>
    list.map((s): IRStmt => {
      switch (s.k) {
        case 'let':
        case 'set':
          return { ...s, value: expr(s.value) };
        case 'store':
          return { ...s, base: arrayName(s.base), index: expr(s.index), value: expr(s.value) };
        case 'array':
          return { ...s, name: arrayName(s.name) };
        case 'if':
          return s.else ? { ...s, cond: expr(s.cond), then: stmts(s.then), else: stmts(s.else) } : { ...s, cond: expr(s.cond), then: stmts(s.then) };
        case 'for':
          return { ...s, from: expr(s.from), to: expr(s.to), body: stmts(s.body) };
        case 'while':
          return { ...s, cond: expr(s.cond), body: stmts(s.body) };
        case 'block':
          return { ...s, body: stmts(s.body) };
        case 'return':
          return s.value ? { ...s, value: expr(s.value) } : s;
        case 'do':
        case 'setparam':
          return { ...s, value: expr(s.value) };
        default:
          return s;
      }
    });
  const fn = (f: IRFunction): IRFunction => ({ ...f, name: functions.get(f.name) ?? f.name, body: stmts(f.body) });
  return {
    ...plan,
    ops: plan.ops.map((op) => ({ ...op, fn: fn(op.fn) })),
    stopBefore: plan.stopBefore.map((s) => ({ arrays: s.arrays.map((a) => ({ ...a, name: arrayName(a.name) })), cond: expr(s.cond) })),
  };
}

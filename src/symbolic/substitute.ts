import { mapExpr, walk, type Expr } from '../parsing/ast.ts';

/** Replace names by expressions (all occurrences, simultaneously). */
export function substitute(expr: Expr, replacements: ReadonlyMap<string, Expr>): Expr {
  if (replacements.size === 0) return expr;
  return mapExpr(expr, (e) => (e.kind === 'name' ? replacements.get(e.name) : undefined));
}

/** Does the expression read any of these names? */
export function mentions(expr: Expr, names: ReadonlySet<string> | string): boolean {
  let found = false;
  walk(expr, (e) => {
    if (e.kind === 'name' && (typeof names === 'string' ? e.name === names : names.has(e.name))) found = true;
  });
  return found;
}

/** Does the expression call any of these functions? */
export function callsAny(expr: Expr, predicate: (callee: string) => boolean): boolean {
  let found = false;
  walk(expr, (e) => {
    if (e.kind === 'call' && predicate(e.callee)) found = true;
  });
  return found;
}

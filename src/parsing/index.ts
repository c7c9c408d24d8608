export * from './ast.ts';
export * from './diagnostics.ts';
export * from './source.ts';
export { parseExpression } from './expressions.ts';
export { parseStatements } from './statements.ts';
export { parseEquationLines, type EquationLine, type EquationKind } from './equations.ts';
export { printExpr, formatNumber } from './printer.ts';

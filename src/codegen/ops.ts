import type { Expr, Statement } from '../parsing/ast.ts';
import { hoistInvariants } from './hoist.ts';
import { eliminateCommonSubexpressions } from './cse.ts';
import {
  binary,
  bool,
  cast,
  f64,
  i32,
  ifThen,
  letVar,
  load,
  local,
  param,
  set,
  store,
  type IRExpr,
  type IRFunction,
  type IRStmt,
  type ElemType,
} from './ir.ts';
import { localName, type SymbolRef, type SymbolTable } from './symbols.ts';
import { arrayLocal, Translator, type TranslateOptions } from './translate.ts';

/**
 * Builders for the operations of a step: each returns one kernel function
 * `(t, _ts, dt) → status` (status 0 = fine) looping over the elements it
 * acts on. Names in user code are resolved through the caller's symbol
 * table; these builders know loops, not models.
 */

export const OP_PARAMS = [
  { name: 't', type: 'f64' as const },
  { name: '_ts', type: 'f64' as const },
  { name: 'dt', type: 'f64' as const },
];

/** Where the elements of a loop come from. */
export type LoopSpec =
  /** _idx = 0 … size−1 */
  | { kind: 'all'; sizeSlot: number }
  /** _idx = list[_k] for _k = 0 … count−1 */
  | { kind: 'list'; listKey: string; listSlot: number; count: IRExpr }
  /** Any loop structure: `wrap` places the iteration body (which uses `_idx`) inside its loops. */
  | { kind: 'custom'; wrap: (iteration: IRStmt[], tr: Translator) => IRStmt[] };

/** The number of entries of a spike list: stored after its N slots (Brian2's spikespace layout). */
export function spikeCount(spaceKey: string, sizeSlot: number): IRExpr {
  return load(arrayLocal(spaceKey), 'i32', cast(param(sizeSlot), 'i32'));
}

/** Symbols every op provides: time, time step, the loop index and the group size. */
export function commonSymbols(sizeSlot: number | undefined, inner: SymbolTable): SymbolTable {
  return (name) => {
    switch (name) {
      case 't':
        return { kind: 'local', name: 't', type: 'f64' };
      case 'dt':
        return { kind: 'local', name: 'dt', type: 'f64' };
      case 't_in_timesteps':
        return { kind: 'local', name: '_ts', type: 'f64' };
      case 'i':
        return { kind: 'local', name: '_idx', type: 'i32' };
      case 'N':
        return sizeSlot === undefined ? inner(name) : { kind: 'param', slot: sizeSlot, type: 'i32' };
      default:
        return inner(name);
    }
  };
}

export interface FiniteCheck {
  /** Float variables to check after the update: name → where it is stored. */
  vars: Array<{ name: string; slot: number; arrayKey: string }>;
  /** Parameter slots receiving which variable (index into vars) and element went bad. */
  varSlot: number;
  indexSlot: number;
  /** Status returned when a non-finite value appears. */
  status: number;
}

export interface LoopOpSpec extends TranslateOptions {
  name: string;
  loop: LoopSpec;
  /** Fill the iteration body (statements, conditions) using the translator. */
  build: (tr: Translator) => void;
  /** Statements before the loop (after array bases), e.g. counters. */
  before?: IRStmt[];
  /** Statements after the loop. */
  after?: IRStmt[];
  finite?: FiniteCheck;
}

/** The pieces of a loop op, kept so that two loops over the same elements can be fused. */
export interface LoopParts {
  loop: LoopSpec;
  /** Array bases. */
  prologue: IRStmt[];
  /** Locals before the loop (counters, flags). */
  setup: IRStmt[];
  /** One iteration, before loop-invariant hoisting. */
  iteration: IRStmt[];
  /** After the loop: the non-finite check (may return a status). */
  epilogue: IRStmt[];
  /** After the loop: bookkeeping (counts). */
  after: IRStmt[];
}

export interface LoopFunction extends IRFunction {
  parts: LoopParts;
}

export function loopOp(spec: LoopOpSpec): LoopFunction {
  const tr = new Translator(spec);
  spec.build(tr);
  tr.finish();
  const iteration: IRStmt[] = eliminateCommonSubexpressions(tr.body);
  const setup: IRStmt[] = [];
  const epilogue: IRStmt[] = [];

  if (spec.finite && spec.finite.vars.length > 0) {
    // Cheap test per value (x − x is 0 only for finite x); the culprit is located after the loop.
    setup.push(letVar('_bad', bool(false)));
    for (const v of spec.finite.vars) {
      const x = local(localName(v.name), 'f64');
      iteration.push(set('_bad', binary('or', local('_bad', 'bool'), binary('!=', binary('-', x, x), f64(0)))));
    }
    epilogue.push(ifThen(local('_bad', 'bool'), locateNonFinite(spec.finite, spec.loop, tr)));
  }
  if (spec.loop.kind === 'list') {
    tr.arrayBase(spec.loop.listKey, spec.loop.listSlot, 'i32');
    setup.push(letVar('_count', spec.loop.count));
  }
  const custom = spec.loop.kind === 'custom' ? spec.loop.wrap(iteration, tr) : undefined;
  // tr.prologue is read last: building the loop may have declared more array bases.
  const parts: LoopParts = { loop: spec.loop, prologue: [...tr.prologue], setup: [...setup, ...(spec.before ?? [])], iteration, epilogue, after: spec.after ?? [] };
  return { ...assembleLoop(spec.name, parts, custom), parts };
}

/** The function for loop parts: prologue, setup, hoisted invariants, the loop, epilogue. */
function assembleLoop(name: string, parts: LoopParts, custom?: IRStmt[]): IRFunction {
  let loop: IRStmt[];
  if (parts.loop.kind === 'all') {
    loop = [{ k: 'for', counter: '_idx', from: i32(0), to: cast(param(parts.loop.sizeSlot), 'i32'), body: parts.iteration }];
  } else if (parts.loop.kind === 'custom') {
    loop = custom!;
  } else {
    loop = [
      {
        k: 'for',
        counter: '_k',
        from: i32(0),
        to: local('_count', 'i32'),
        body: [{ k: 'let', name: '_idx', type: 'i32', value: load(arrayLocal(parts.loop.listKey), 'i32', local('_k', 'i32')), mutable: false }, ...parts.iteration],
      },
    ];
  }
  const { hoisted, body } = hoistInvariants(loop);
  return {
    name,
    params: OP_PARAMS,
    returns: 'i32',
    body: [...parts.prologue, ...parts.setup, ...hoisted, ...body, ...parts.epilogue, ...parts.after, { k: 'return', value: i32(0) }],
  };
}

/**
 * One pass instead of two: loops over the same elements run their bodies
 * back to back for each element (each body in its own scope). Only valid
 * when the second body of element i depends on the first only through
 * element i — the caller checks that nothing scheduled in between touches
 * the same state.
 */
export function fuseLoops(name: string, first: LoopFunction, second: LoopFunction): LoopFunction {
  const a = first.parts;
  const b = second.parts;
  if (a.loop.kind !== 'all' || b.loop.kind !== 'all' || a.loop.sizeSlot !== b.loop.sizeSlot) throw new Error('Internal error: only loops over all elements of one group can be fused');
  const prologue = [...a.prologue];
  for (const s of b.prologue) if (!prologue.some((p) => p.k === 'array' && s.k === 'array' && p.name === s.name)) prologue.push(s);
  const parts: LoopParts = {
    loop: a.loop,
    prologue,
    setup: [...a.setup, ...b.setup],
    iteration: [{ k: 'block', body: a.iteration }, { k: 'block', body: b.iteration }],
    epilogue: [...a.epilogue, ...b.epilogue],
    after: [...a.after, ...b.after],
  };
  return { ...assembleLoop(name, parts), parts };
}

function locateNonFinite(check: FiniteCheck, loop: LoopSpec, tr: Translator): IRStmt[] {
  const out: IRStmt[] = [];
  check.vars.forEach((v, k) => {
    const base = tr.arrayBase(v.arrayKey, v.slot, 'f64');
    const x = load(base, 'f64', local('_j', 'i32'));
    const found: IRStmt[] = [
      { k: 'setparam', slot: check.varSlot, value: f64(k) },
      { k: 'setparam', slot: check.indexSlot, value: cast(local('_j', 'i32'), 'f64') },
      { k: 'return', value: i32(check.status) },
    ];
    if (loop.kind !== 'all') throw new Error('Internal error: finite checks need a loop over all elements');
    const bound = cast(param(loop.sizeSlot), 'i32');
    out.push({ k: 'for', counter: '_j', from: i32(0), to: bound, body: [ifThen(binary('!=', binary('-', x, x), f64(0)), found)] });
  });
  return out;
}

/**
 * Threshold: collect the indices where the condition holds into the
 * spike list (count stored after the N slots). With refractoriness the
 * condition is ANDed with not_refractory and spiking neurons become refractory.
 */
export function thresholdOp(spec: {
  name: string;
  sizeSlot: number;
  condition: Expr;
  spikes: { key: string; slot: number };
  refractory?: { lastspike: SymbolRef & { kind: 'vector' }; notRefractory: SymbolRef & { kind: 'vector' } };
  options: TranslateOptions;
}): LoopFunction {
  const N = cast(param(spec.sizeSlot), 'i32');
  const spikeBase = arrayLocal(spec.spikes.key);
  return loopOp({
    ...spec.options,
    name: spec.name,
    loop: { kind: 'all', sizeSlot: spec.sizeSlot },
    before: [letVar('_n', i32(0))],
    build: (tr) => {
      tr.arrayBase(spec.spikes.key, spec.spikes.slot, 'i32');
      let cond = tr.expr(spec.condition);
      const onSpike: IRStmt[] = [store(spikeBase, 'i32', local('_n', 'i32'), local('_idx', 'i32')), set('_n', binary('+', local('_n', 'i32'), i32(1)))];
      const ref = spec.refractory;
      if (ref) {
        const nrBase = tr.arrayBase(ref.notRefractory.arrayKey, ref.notRefractory.slot, ref.notRefractory.elem);
        cond = binary('and', cond, load(nrBase, 'u8', local('_idx', 'i32')));
        const lsBase = tr.arrayBase(ref.lastspike.arrayKey, ref.lastspike.slot, 'f64');
        onSpike.push(store(lsBase, 'f64', local('_idx', 'i32'), local('t', 'f64')), store(nrBase, 'u8', local('_idx', 'i32'), bool(false)));
      }
      tr.body.push(ifThen(cond, onSpike));
    },
    after: [store(spikeBase, 'i32', N, local('_n', 'i32'))],
  });
}

/** Code run for each element of a spike list (resets, on-event code). */
export function onListOp(spec: { name: string; list: { key: string; slot: number }; count: IRExpr; statements: Statement[]; options: TranslateOptions }): IRFunction {
  return loopOp({
    ...spec.options,
    name: spec.name,
    loop: { kind: 'list', listKey: spec.list.key, listSlot: spec.list.slot, count: spec.count },
    build: (tr) => tr.statements(spec.statements),
  });
}

/** Element type for storing values of a model variable. */
export function elemOf(type: 'f64' | 'i32' | 'bool'): ElemType {
  return type === 'f64' ? 'f64' : type === 'i32' ? 'i32' : 'u8';
}

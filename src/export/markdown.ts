/**
 * toMarkdown: a readable description of a network, in the spirit of
 * brian2tools' mdexport: equations in math notation (LaTeX between $…$),
 * parameters in tables with their units, initial values, connectivity,
 * monitors and runs. Works from the model description (exportModel).
 */
import type { Network } from '../core/network.ts';
import type { Expr, Statement } from '../parsing/ast.ts';
import { parseExpression } from '../parsing/expressions.ts';
import { parseStatements } from '../parsing/statements.ts';
import { getUnit } from '../units/index.ts';
import { exportModel, type ExportOptions } from './baseexport.ts';
import { parseDisplayUnit } from './quantity.ts';
import type {
  ConnectJSON,
  EquationJSON,
  EventJSON,
  EventMonitorJSON,
  IdentifierJSON,
  InitializerJSON,
  ModelJSON,
  NeuronGroupJSON,
  QuantityJSON,
  RunJSON,
  RunRegularlyJSON,
  SpikeSourceJSON,
  SynapsesJSON,
} from './format.ts';

/** The Markdown description of a network (see exportModel for `options`). */
export function toMarkdown(network: Network, options: ExportOptions = {}): string {
  return markdownFromModel(exportModel(network, options));
}

// ---------------------------------------------------------------------------
// Math notation

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma',
  'Upsilon', 'Phi', 'Psi', 'Omega',
]);

const FUNCTIONS: Record<string, string> = {
  exp: '\\exp', log: '\\log', sin: '\\sin', cos: '\\cos', tan: '\\tan', sinh: '\\sinh', cosh: '\\cosh', tanh: '\\tanh',
  arcsin: '\\arcsin', arccos: '\\arccos', arctan: '\\arctan',
};

/** A symbol: Greek letters, subscripts after '_' (`v_rest` → v_{rest}), units upright. */
function symbol(name: string, variables: ReadonlySet<string>): string {
  if (!variables.has(name) && getUnit(name)) return `\\mathrm{${name}}`;
  const numbered = /^([A-Za-z]+)(\d+)$/.exec(name);
  if (numbered) return `${symbol(numbered[1]!, variables)}_{${numbered[2]}}`;
  const [head, ...rest] = name.split('_');
  const base = head === '' ? '\\_' : GREEK.has(head!) ? `\\${head}` : head!.length > 1 ? `\\mathit{${head}}` : head!;
  if (rest.length === 0) return base;
  const sub = rest.join('\\_');
  return `${base}_{${GREEK.has(sub) ? `\\${sub}` : sub.length > 1 ? `\\mathrm{${sub}}` : sub}}`;
}

const PREC: Record<string, number> = { or: 1, and: 2, not: 3, compare: 4, '+': 5, '-': 5, '*': 6, '/': 7, '//': 7, '%': 6, unary: 8, '**': 9, atom: 10 };

function prec(e: Expr): number {
  switch (e.kind) {
    case 'logical':
      return PREC[e.op]!;
    case 'unary':
      return e.op === 'not' ? PREC.not! : PREC.unary!;
    case 'compare':
      return PREC.compare!;
    case 'binary':
      return PREC[e.op]!;
    case 'number':
      return e.value < 0 ? PREC.unary! : PREC.atom!;
    default:
      return PREC.atom!;
  }
}

function latexNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '\\mathrm{nan}' : x > 0 ? '\\infty' : '-\\infty';
  const s = String(x);
  const m = /^(-?[\d.]+)e([-+]?\d+)$/.exec(s);
  return m ? `${m[1]} \\cdot 10^{${Number(m[2])}}` : s;
}

/** LaTeX for an expression in Brian2's syntax. */
export function latex(e: Expr, variables: ReadonlySet<string> = new Set()): string {
  const sub = (x: Expr): string => latex(x, variables);
  const wrap = (x: Expr, parent: number, strict = false): string => {
    const p = prec(x);
    return p < parent || (strict && p === parent) ? `\\left(${sub(x)}\\right)` : sub(x);
  };
  switch (e.kind) {
    case 'number':
      return latexNumber(e.value);
    case 'bool':
      return e.value ? '\\mathrm{True}' : '\\mathrm{False}';
    case 'name':
      return symbol(e.name, variables);
    case 'call': {
      const args = e.args.map(sub).join(', ');
      if (e.callee === 'sqrt') return `\\sqrt{${args}}`;
      if (e.callee === 'abs') return `\\left|${args}\\right|`;
      if (e.callee === 'floor') return `\\left\\lfloor ${args}\\right\\rfloor`;
      if (e.callee === 'ceil') return `\\left\\lceil ${args}\\right\\rceil`;
      const f = FUNCTIONS[e.callee] ?? `\\operatorname{${e.callee.replace(/_/g, '\\_')}}`;
      return `${f}{\\left(${args}\\right)}`;
    }
    case 'unary':
      if (e.op === 'not') return `\\neg ${wrap(e.operand, PREC.not!)}`;
      return `${e.op}${wrap(e.operand, PREC.unary!, e.operand.kind === 'unary')}`;
    case 'binary': {
      const p = PREC[e.op]!;
      switch (e.op) {
        case '/':
          return `\\frac{${sub(e.left)}}{${sub(e.right)}}`;
        case '//':
          return `\\left\\lfloor\\frac{${sub(e.left)}}{${sub(e.right)}}\\right\\rfloor`;
        case '**':
          return `{${wrap(e.left, PREC.atom!)}}^{${sub(e.right)}}`;
        case '%':
          return `${wrap(e.left, p)} \\bmod ${wrap(e.right, p, true)}`;
        case '*': {
          const left = wrap(e.left, p);
          const right = wrap(e.right, p);
          const needsDot = /^[-\d]/.test(right) || e.right.kind === 'number';
          return `${left}${needsDot ? ' \\cdot ' : ' '}${right}`;
        }
        default:
          return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p, true)}`;
      }
    }
    case 'compare': {
      const ops: Record<string, string> = { '<': '<', '<=': '\\leq', '>': '>', '>=': '\\geq', '==': '=', '!=': '\\neq' };
      let out = wrap(e.operands[0]!, PREC.compare!, true);
      e.ops.forEach((op, k) => {
        out += ` ${ops[op]} ${wrap(e.operands[k + 1]!, PREC.compare!, true)}`;
      });
      return out;
    }
    case 'logical':
      return e.operands.map((o) => wrap(o, PREC[e.op]!, true)).join(e.op === 'and' ? ' \\wedge ' : ' \\vee ');
  }
}

/** `$…$` for an expression string; the code itself if it does not parse. */
function math(code: string, variables: ReadonlySet<string>): string {
  try {
    return `$${latex(parseExpression(code), variables)}$`;
  } catch {
    return `\`${code}\``;
  }
}

function statementLatex(st: Statement, variables: ReadonlySet<string>): string {
  const target = symbol(st.target, variables);
  const value = latex(st.value, variables);
  if (st.op === '=') return `${target} \\leftarrow ${value}`;
  const op = st.op.slice(0, -1);
  const combined: Expr = { kind: 'binary', op: op as '+', left: { kind: 'name', name: st.target, span: st.span }, right: st.value, span: st.span };
  return `${target} \\leftarrow ${latex(combined, variables)}`;
}

function statementsMath(code: string, variables: ReadonlySet<string>): string {
  try {
    return parseStatements(code)
      .map((st) => `$${statementLatex(st, variables)}$`)
      .join(', ');
  } catch {
    return `\`${code}\``;
  }
}

// ---------------------------------------------------------------------------
// Text

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function sourceText(s: SpikeSourceJSON): string {
  if (typeof s === 'string') return `*${s}*`;
  return s.start === s.stop ? `neuron ${s.start} of *${s.group}*` : `neurons ${s.start} to ${s.stop} of *${s.group}*`;
}

/** "100. Mohm" → value "100.", unit "Mohm". */
function splitQuantity(q: QuantityJSON): { value: string; unit: string } {
  const str = q.str.trim();
  const short = /^<array of (\d+), unit (.+)>$/.exec(str);
  if (short) return { value: `${short[1]} values`, unit: short[2]! };
  if (str.startsWith('[')) {
    const close = str.indexOf(']');
    return { value: str.slice(0, close + 1).replace(/\s+/g, ' '), unit: str.slice(close + 1).trim() || '1' };
  }
  const m = /^(\S+)\s*(.*)$/.exec(str);
  return { value: m?.[1] ?? str, unit: m?.[2] || '1' };
}

function quantityText(q: QuantityJSON): string {
  const { value, unit } = splitQuantity(q);
  if (Array.isArray(q.value) && (q.value.length > 10 || /^<array/.test(q.str.trim()))) return arrayText(q.value, unit);
  return unit === '1' ? value : `${value} ${unit}`;
}

/** A long array in words: "285 values from -0.97 to 1.99 mV". */
function arrayText(values: number[], unit: string): string {
  if (values.length === 0) return 'no values';
  let scale = 1;
  try {
    scale = parseDisplayUnit(unit).scale;
  } catch {
    // keep SI
  }
  const shown = (x: number): string => String(Number((x / scale).toPrecision(6)));
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const u = unit === '1' ? '' : ` ${unit}`;
  return min === max ? `${values.length} values, all ${shown(min)}${u}` : `${values.length} values from ${shown(min)} to ${shown(max)}${u}`;
}

function identifierRows(ids: Record<string, IdentifierJSON> | undefined, variables: ReadonlySet<string>): string[] {
  if (!ids || Object.keys(ids).length === 0) return [];
  const rows = ['| Name | Value | Unit |', '|---|---|---|'];
  for (const [name, v] of Object.entries(ids)) {
    const sym = `$${symbol(name, variables)}$`;
    if (typeof v === 'number' || typeof v === 'boolean') rows.push(`| ${sym} | ${v} | — |`);
    else if ('type' in v && v.type === 'timedarray') {
      const { unit } = splitQuantity(v.values);
      const n = Array.isArray(v.values.value) ? v.values.value.length : 1;
      rows.push(`| ${sym} | TimedArray of ${n} values${v.ndim === 2 ? ` (${v.shape ? `${v.shape[0]} steps × ${v.shape[1]} neurons` : 'one column'})` : ''}, one every ${v.dt.str} | ${unit} |`);
    } else if ('type' in v) rows.push(`| ${sym} | a function | |`);
    else {
      const { value, unit } = splitQuantity(v);
      rows.push(`| ${sym} | ${value} | ${unit === '1' ? '—' : unit} |`);
    }
  }
  return rows;
}

function equationLines(eqs: Record<string, EquationJSON>, variables: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [name, eq] of Object.entries(eqs)) {
    const unit = eq.unit.dim === '1' ? 'dimensionless' : `in ${eq.unit.str}`;
    const type = eq.var_type === 'float' ? '' : `${eq.var_type}, `;
    const flags = (eq.flags ?? []).filter((f) => f !== 'unless refractory');
    const notes = [...(eq.flags?.includes('unless refractory') ? ['except during the refractory period'] : []), ...flags];
    const tail = ` (${type}${unit}${notes.length ? `; ${notes.join(', ')}` : ''})`;
    let rhs = '';
    try {
      rhs = eq.expr !== undefined ? latex(parseExpression(eq.expr.replace(/\s*\n\s*/g, ' ')), variables) : '';
    } catch {
      rhs = `\\texttt{${eq.expr}}`;
    }
    if (eq.type === 'differential equation') out.push(`- $\\frac{d${symbol(name, variables)}}{dt} = ${rhs}$${tail}`);
    else if (eq.type === 'subexpression') out.push(`- $${symbol(name, variables)} = ${rhs}$${tail}`);
    else out.push(`- parameter $${symbol(name, variables)}$${tail}`);
  }
  return out;
}

function eventLines(events: Record<string, EventJSON>, variables: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [name, ev] of Object.entries(events)) {
    let line = `- If ${math(ev.threshold.code, variables)}, a **${name}** event is triggered`;
    if (ev.reset) line += ` and ${statementsMath(ev.reset.code, variables)}${ev.reset.when !== 'resets' ? ` (in '${ev.reset.when}')` : ''}`;
    line += '.';
    if (ev.refractory !== undefined) {
      line += typeof ev.refractory === 'string' ? ` The neuron remains refractory ${/[<>=]/.test(ev.refractory) ? 'as long as' : 'for'} ${math(ev.refractory, variables)}.` : ` The neuron remains refractory for ${quantityText(ev.refractory)}.`;
    }
    out.push(line);
  }
  return out;
}

function initializerText(rec: InitializerJSON, variables: ReadonlySet<string>): string {
  const sym = `$${symbol(rec.variable, variables)}$`;
  let value: string;
  if (typeof rec.value === 'string') {
    value = math(rec.value, variables);
    if (rec.identifiers) value += ` (with ${Object.keys(rec.identifiers).map((k) => `$${symbol(k, variables)}$`).join(', ')} as in the table)`;
    if (rec.evaluated) value += ` (random; the values drawn are in the model file)`;
  } else value = quantityText(rec.value);
  const where =
    rec.index === true || rec.index === 'True' ? '' : typeof rec.index === 'string' ? ` where ${math(rec.index, variables)}` : Array.isArray(rec.index) ? ` for elements ${rec.index.join(', ')}` : ` for element ${rec.index}`;
  return `${sym} = ${value}${where}`;
}

function connectText(rec: ConnectJSON, variables: ReadonlySet<string>): string {
  const made = rec.connectivity ? rec.connectivity.i.length : Array.isArray(rec.i) ? rec.i.length : undefined;
  let text: string;
  if (rec.condition !== undefined) text = `all pairs with ${math(rec.condition, variables)}`;
  else if (rec.i !== undefined || rec.j !== undefined) {
    if (Array.isArray(rec.i) && Array.isArray(rec.j)) text = `explicit pairs of source and target indices`;
    else if (typeof rec.j === 'string') text = `targets given by \`${rec.j}\``;
    else text = `sources ${Array.isArray(rec.i) ? rec.i.join(', ') : rec.i ?? 'all'} to targets ${Array.isArray(rec.j) ? rec.j.join(', ') : rec.j ?? 'all'}`;
  } else text = 'all pairs';
  if (rec.probability !== 1) text += `, each with probability ${typeof rec.probability === 'string' ? math(rec.probability, variables) : rec.probability}`;
  if (rec.n_connections !== 1) text += `, ${typeof rec.n_connections === 'string' ? math(rec.n_connections, variables) : rec.n_connections} synapses per pair`;
  if (made !== undefined) text += ` (${plural(made, 'synapse')})`;
  return text;
}

function monitorText(kind: string, m: { name: string; source: SpikeSourceJSON; dt: QuantityJSON }, variables: ReadonlySet<string>): string {
  if (kind === 'statemonitor') {
    const s = m as unknown as { variables: string[]; record: boolean | number[] };
    const who = s.record === true ? 'all elements' : Array.isArray(s.record) && s.record.length > 0 ? `element${s.record.length > 1 ? 's' : ''} ${s.record.join(', ')}` : 'no element';
    return `*${m.name}* records ${s.variables.map((v) => `$${symbol(v, variables)}$`).join(', ')} of ${sourceText(m.source)} (${who}) every ${m.dt.str}.`;
  }
  if (kind === 'spikemonitor' || kind === 'eventmonitor') {
    const e = m as unknown as EventMonitorJSON;
    const extra = (e.variables ?? []).filter((v) => v !== 'i' && v !== 't');
    const also = extra.length ? `, with ${extra.map((v) => `$${symbol(v, variables)}$`).join(', ')} at each ${e.event === 'spike' ? 'spike' : 'event'}` : '';
    return `*${m.name}* records the ${e.event === 'spike' ? 'spikes' : `**${e.event}** events`} of ${sourceText(m.source)}${e.record ? also : ' (counts only)'}.`;
  }
  return `*${m.name}* records the population rate of ${sourceText(m.source)}.`;
}

function groupVariables(eqs: Record<string, EquationJSON> | undefined): Set<string> {
  const vars = new Set(['t', 'dt', 'i', 'j', 'N', 'lastspike', 'not_refractory']);
  for (const n of Object.keys(eqs ?? {})) {
    vars.add(n);
    vars.add(`${n}_pre`);
    vars.add(`${n}_post`);
  }
  return vars;
}

/** The Markdown description of a model file's content. */
export function markdownFromModel(model: ModelJSON): string {
  const out: string[] = [];
  out.push(`# ${model.name ? `Model: ${model.name}` : 'Network details'}`, '');
  const allVars = new Set<string>();
  for (const run of model.runs) {
    for (const g of run.components.neurongroup ?? []) for (const v of groupVariables(g.equations)) allVars.add(v);
    for (const s of run.components.synapses ?? []) for (const v of groupVariables(s.equations)) allVars.add(v);
  }
  if (model.runs.length > 1) out.push(`The network is simulated in ${model.runs.length} runs.`, '');
  const described = new Set<string>();
  model.runs.forEach((run, k) => {
    if (model.runs.length > 1) out.push(`## Run ${k + 1}`, '');
    out.push(...runSection(run, described, allVars, model.runs.length > 1 ? '###' : '##'));
  });
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function runSection(run: RunJSON, described: Set<string>, allVars: ReadonlySet<string>, h: string): string[] {
  const out: string[] = [];
  const c = run.components;
  const dts = [...(c.statemonitor ?? []).map((m) => m.dt.str), ...Object.values(c.neurongroup?.[0]?.events ?? {}).map((e) => e.threshold.dt.str)];
  out.push(`Duration: **${quantityText(run.duration)}**${dts.length ? ` (time step ${dts[0]})` : ''}.`, '');
  const inits = (run.initializers_connectors ?? []).filter((r): r is InitializerJSON => r.type === 'initializer');
  const connects = (run.initializers_connectors ?? []).filter((r): r is ConnectJSON => r.type === 'connect');
  const initsOf = (name: string, pathways: string[] = []): InitializerJSON[] =>
    inits.filter((r) => (typeof r.source === 'string' ? r.source === name || pathways.includes(r.source) : r.source.group === name));

  const groups = [...(c.neurongroup ?? []), ...(c.poissongroup ?? []), ...(c.spikegeneratorgroup ?? [])].filter((g) => !described.has(g.name));
  if (groups.length > 0) out.push(`${h} Neuron populations`, '');
  for (const g of c.neurongroup ?? []) {
    if (described.has(g.name)) continue;
    described.add(g.name);
    const vars = new Set([...allVars, ...groupVariables(g.equations)]);
    out.push(`**Group *${g.name}***, ${plural(g.N, 'neuron')}.`, '');
    if (Object.keys(g.equations).length > 0) {
      out.push('Model dynamics:', '', ...equationLines(g.equations, vars), '');
      const method = g.user_method ?? g.method;
      if (method) out.push(`The equations are integrated with the '${method}' method${g.user_method ? '' : ' (chosen automatically)'}.`, '');
    }
    if (g.events) out.push('Events:', '', ...eventLines(g.events, vars), '');
    out.push(...regularLines(g.run_regularly, vars));
    const links = Object.entries(g.linked_variables ?? {});
    if (links.length > 0) {
      out.push('Linked variables:', '', ...links.map(([name, l]) => `- $${symbol(name, vars)}$ is $${symbol(l.variable, vars)}$ of ${sourceText(l.source)}${l.index === undefined ? '' : typeof l.index === 'string' ? `, at the element given by $${symbol(l.index, vars)}$` : `, at elements ${l.index.join(', ')}`}`), '');
    }
    const rows = identifierRows(g.identifiers, vars);
    if (rows.length) out.push('Parameters:', '', ...rows, '');
    const own = initsOf(g.name);
    if (own.length) out.push('Initial values:', '', ...own.map((r) => `- ${initializerText(r, vars)}`), '');
  }
  for (const g of c.poissongroup ?? []) {
    if (described.has(g.name)) continue;
    described.add(g.name);
    const rates = typeof g.rates === 'string' ? math(g.rates, allVars) : quantityText(g.rates);
    out.push(`**Poisson group *${g.name}***, ${plural(g.N, 'neuron')} firing with rate${Array.isArray((g.rates as QuantityJSON).value) ? 's' : ''} ${rates}.`, '');
    out.push(...regularLines(g.run_regularly, allVars));
    const rows = identifierRows(g.identifiers, allVars);
    if (rows.length) out.push('Parameters:', '', ...rows, '');
  }
  for (const g of c.spikegeneratorgroup ?? []) {
    if (described.has(g.name)) continue;
    described.add(g.name);
    const period = (g.period.value as number) !== 0 ? `, repeated every ${g.period.str}` : '';
    out.push(`**Spike generator *${g.name}***, ${plural(g.N, 'neuron')} emitting ${plural(g.indices.length, 'spike')} at given times${period}.`, '');
    out.push(...regularLines(g.run_regularly, allVars));
  }
  const synapses = (c.synapses ?? []).filter((s) => !described.has(s.name));
  if (synapses.length) out.push(`${h} Synapses`, '');
  for (const s of synapses) {
    described.add(s.name);
    out.push(...synapsesLines(s, connects, initsOf(s.name, (s.pathways ?? []).map((p) => p.name)), allVars), '');
  }
  const inputs = c.poissoninput ?? [];
  if (inputs.length) {
    out.push(`${h} Poisson inputs`, '');
    for (const p of inputs) {
      const w = typeof p.weight === 'string' ? math(p.weight, allVars) : quantityText(p.weight);
      out.push(`- ${p.N} independent Poisson sources of rate ${quantityText(p.rate)} increase $${symbol(p.target_var, allVars)}$ of *${p.target}* by ${w} per spike.`);
    }
    out.push('');
  }
  const monitors: Array<[string, { name: string; source: SpikeSourceJSON; dt: QuantityJSON }]> = [
    ...(c.statemonitor ?? []).map((m) => ['statemonitor', m] as [string, typeof m]),
    ...(c.spikemonitor ?? []).map((m) => ['spikemonitor', m] as [string, typeof m]),
    ...(c.eventmonitor ?? []).map((m) => ['eventmonitor', m] as [string, typeof m]),
    ...(c.populationratemonitor ?? []).map((m) => ['populationratemonitor', m] as [string, typeof m]),
  ].filter(([, m]) => !described.has(m.name)) as Array<[string, { name: string; source: SpikeSourceJSON; dt: QuantityJSON }]>;
  if (monitors.length) {
    out.push(`${h} Monitors`, '');
    for (const [kind, m] of monitors) {
      described.add(m.name);
      out.push(`- ${monitorText(kind, m, allVars)}`);
    }
    out.push('');
  }
  // Assignments to objects described in an earlier run.
  const later = inits.filter((r) => {
    const owner = typeof r.source === 'string' ? r.source : r.source.group;
    return !groups.some((g) => g.name === owner) && !synapses.some((s) => s.name === owner || (s.pathways ?? []).some((p) => p.name === owner));
  });
  if (later.length) out.push('Changes before this run:', '', ...later.map((r) => `- ${sourceText(r.source)}: ${initializerText(r, allVars)}`), '');
  if (run.inactive?.length) out.push(`Inactive during this run: ${run.inactive.map((n) => `*${n}*`).join(', ')}.`, '');
  return out;
}

function synapsesLines(s: SynapsesJSON, connects: ConnectJSON[], inits: InitializerJSON[], allVars: ReadonlySet<string>): string[] {
  const vars = new Set([...allVars, ...groupVariables(s.equations)]);
  const out: string[] = [`**Synapses *${s.name}***, connecting ${sourceText(s.source)} to ${sourceText(s.target)}.`, ''];
  const mine = connects.filter((r) => r.synapses === s.name);
  if (mine.length) out.push('Connectivity:', '', ...mine.map((r) => `- ${connectText(r, vars)}`), '');
  const eqs = Object.fromEntries(Object.entries(s.equations ?? {}).filter(([n, e]) => !(n === 'lastupdate' && e.type === 'parameter')));
  if (Object.keys(eqs).length) {
    out.push('Model dynamics:', '', ...equationLines(eqs, vars), '');
    const method = s.user_method ?? s.method;
    if (method) out.push(`The equations are integrated with the '${method}' method.`, '');
  }
  for (const p of s.pathways ?? []) {
    const side = p.prepost === 'pre' ? 'pre-synaptic' : 'post-synaptic';
    const delaySet = inits.find((r) => r.source === p.name && r.variable === 'delay');
    const delay = p.delay ? `, with a synaptic delay of ${quantityText(p.delay)}` : delaySet ? ', with delays set per synapse (see the initial values)' : '';
    out.push(`On each **${side}** ${p.event === 'spike' ? 'spike' : `*${p.event}* event`}: ${statementsMath(p.code, vars)}${delay}.`, '');
  }
  for (const sv of s.summed_variables ?? []) {
    const varName = sv.name.slice(`${s.name}_summed_variable_`.length);
    out.push(`Summed variable: $${symbol(varName, vars)} = \\sum ${latexOr(sv.code, vars)}$ over the synapses, into ${sourceText(sv.target)}.`, '');
  }
  out.push(...regularLines(s.run_regularly, vars));
  const rows = identifierRows(s.identifiers, vars);
  if (rows.length) out.push('Parameters:', '', ...rows, '');
  if (inits.length) {
    out.push('Initial values:', '', ...inits.map((r) => `- ${initializerText({ ...r, variable: r.variable === 'delay' && r.source !== s.name ? 'delay' : r.variable }, vars)}`), '');
  }
  return out;
}

function regularLines(ops: readonly RunRegularlyJSON[] | undefined, vars: ReadonlySet<string>): string[] {
  if (!ops?.length) return [];
  return ['Regular operations:', '', ...ops.map((r) => `- every ${r.dt.str}${r.when !== 'start' ? ` (in '${r.when}')` : ''}: ${statementsMath(r.code, vars)}`), ''];
}

function latexOr(code: string, vars: ReadonlySet<string>): string {
  try {
    return latex(parseExpression(code), vars);
  } catch {
    return `\\texttt{${code}}`;
  }
}

export type { NeuronGroupJSON };

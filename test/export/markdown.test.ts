// toMarkdown: equations in math notation, parameters in a table with units,
// connectivity and monitors described.
import { describe, expect, it, vi } from 'vitest';
import { latex, toMarkdown } from '../../src/export/index.ts';
import { parseExpression } from '../../src/parsing/expressions.ts';
import { deterministicModel, stochasticModel } from './rich-models.ts';

async function referenceMarkdown(name: string): Promise<string> {
  vi.resetModules();
  const { referenceNetwork } = await import('./reference-models.ts');
  const api = await import('../../src/export/index.ts');
  const { network, duration } = referenceNetwork(name);
  return api.toMarkdown(network, { duration: `${duration}*second`, name });
}

describe('math notation', () => {
  const tex = (code: string, vars: string[] = []) => latex(parseExpression(code), new Set(vars));
  it('renders expressions with fractions, powers, functions, Greek letters, subscripts and units', () => {
    expect(tex('(v_rest - v + R*I_drive)/tau', ['v'])).toBe('\\frac{v_{\\mathrm{rest}} - v + R I_{\\mathrm{drive}}}{\\tau}');
    expect(tex('-v**2 + exp(-t/tau_m)*mV')).toBe('-{v}^{2} + \\exp{\\left(\\frac{-t}{\\tau_{m}}\\right)} \\mathrm{mV}');
    expect(tex('a - (b - c)')).toBe('a - \\left(b - c\\right)');
    expect(tex('sqrt(abs(x)) >= 1 and not flag')).toBe('\\sqrt{\\left|x\\right|} \\geq 1 \\wedge \\neg \\mathit{flag}');
    expect(tex('g_1*x1*2')).toBe('g_{1} x_{1} \\cdot 2');
  });
});

describe('toMarkdown', () => {
  it('describes a LIF group: equations, events, a parameter table with units, initial values, monitors', async () => {
    const md = await referenceMarkdown('lif_group5_exact');
    expect(md).toContain('# Model: lif_group5_exact');
    expect(md).toContain('Duration: **100. ms** (time step 100. us).');
    expect(md).toContain('**Group *G***, 5 neurons.');
    expect(md).toContain('- $\\frac{dv}{dt} = \\frac{v_{\\mathrm{rest}} - v + R I_{\\mathrm{drive}}}{\\tau}$ (in V; except during the refractory period)');
    expect(md).toContain('- parameter $I_{\\mathrm{drive}}$ (in A; constant)');
    expect(md).toContain("The equations are integrated with the 'exact' method.");
    expect(md).toContain('- If $v > -50 \\mathrm{mV}$, a **spike** event is triggered and $v \\leftarrow -70 \\mathrm{mV}$. The neuron remains refractory for 2. ms.');
    expect(md).toContain('| Name | Value | Unit |\n|---|---|---|\n| $R$ | 100. | Mohm |\n| $\\tau$ | 10. | ms |\n| $v_{\\mathrm{rest}}$ | -70. | mV |');
    expect(md).toContain('- $v$ = [-70. -65. -60. -55. -52.] mV');
    expect(md).toContain('- *statemon* records $v$ of *G* (elements 0, 1, 2, 3, 4) every 100. us.');
    expect(md).toContain('- *spikemon* records the spikes of *G*.');
  });

  it('describes synapses, their connectivity and delays', async () => {
    const md = await referenceMarkdown('lif_network50_delays');
    expect(md).toContain('**Synapses *syn***, connecting *G* to *G*.');
    expect(md).toContain('- explicit pairs of source and target indices (285 synapses)');
    expect(md).toContain('On each **pre-synaptic** spike: $v_{\\mathrm{post}} \\leftarrow v_{\\mathrm{post}} + w$, with delays set per synapse (see the initial values).');
    expect(md).toContain('- $w$ = 285 values from -0.969562 to 1.99319 mV');
    expect(md).toContain('- $v$ = 50 values from -70 to -50.4 mV');
  });

  it('describes TimedArrays and dimensionless parameters', async () => {
    const md = await referenceMarkdown('neurodynex_typeI_step0p5pA');
    expect(md).toContain('| $\\mathit{input}_{\\mathrm{current}}$ | TimedArray of 152 values (one column), one every 0.001 s | pA |');
    expect(md).toContain('| $g_{1}$ | 4.4 | mV^-1 |');
    expect(md).toContain('| $\\phi$ | 0.06666667 | — |');
  });

  it('describes conditions, summed variables, subgroups, events, Poisson inputs and several runs', async () => {
    const m = deterministicModel();
    await m.run('js');
    const md = toMarkdown(m.network);
    expect(md).toContain('The network is simulated in 2 runs.');
    expect(md).toContain('- all pairs with $j \\bmod 2 = i \\bmod 2$ (16 synapses)');
    expect(md).toContain('Summed variable: $\\mathit{Igap}_{\\mathrm{post}} = \\sum g_{\\mathrm{gap}} \\left(v_{\\mathrm{pre}} - v_{\\mathrm{post}}\\right)$ over the synapses, into *G*.');
    expect(md).toContain('**Synapses *half***, connecting neurons 0 to 3 of *G* to neurons 4 to 7 of *G*.');
    expect(md).toContain('a **near** event is triggered and $\\mathit{bursts} \\leftarrow \\mathit{bursts} + 1$');
    expect(md).toContain('| $\\mathit{stim}$ | TimedArray of 240 values (30 steps × 8 neurons), one every 0.001 s | mV |');
    expect(md).toContain('- *spikemon_sub* records the spikes of neurons 2 to 5 of *G*.');
    expect(md).toContain('## Run 2\n\nDuration: **8. ms** (time step 100. us).\n\nChanges before this run:\n\n- *G*: $v$ = -60. mV');
    const s = stochasticModel();
    await s.run('js');
    const smd = toMarkdown(s.network);
    expect(smd).toContain('- all pairs, each with probability 0.3');
    expect(smd).toContain('- 20 independent Poisson sources of rate 30. Hz increase $v$ of *G* by $w_{\\mathrm{in}}$ per spike.');
    expect(smd).toContain("The equations are integrated with the 'exact' method (chosen automatically).");
    expect(smd).toContain('**Poisson group *P***, 30 neurons firing with rate 40. Hz.');
  });
});

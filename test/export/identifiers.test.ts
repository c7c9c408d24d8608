// brian2tools' collector listed Brian2's functions and units (exp, mV, ms …)
// among a group's identifiers. Ours lists the model's real external
// parameters only — each with its value and unit — in groups, synapses,
// initializers and connect() calls, even for models full of units,
// functions and constants.
import { describe, expect, it } from 'vitest';
import { exportModel, importModel } from '../../src/export/index.ts';
import type { IdentifierJSON, ModelJSON } from '../../src/export/format.ts';
import { parseQuantityString, parseDimension } from '../../src/export/quantity.ts';
import { DEFAULT_CONSTANTS, DEFAULT_FUNCTIONS } from '../../src/equations/functions.ts';
import { Network } from '../../src/core/network.ts';
import { NeuronGroup } from '../../src/core/neurongroup.ts';
import { PoissonInput } from '../../src/core/poisson.ts';
import { Synapses } from '../../src/core/synapses.ts';
import { TimedArray } from '../../src/core/timedarray.ts';
import { StateMonitor } from '../../src/monitors/statemonitor.ts';
import { SpikeMonitor } from '../../src/monitors/spikemonitor.ts';
import { getUnit, parseQuantity as q } from '../../src/units/index.ts';

function model(): ModelJSON {
  const ns = {
    tau: q('10*ms'),
    tau_osc: q('25*ms'),
    E_L: q('-70*mV'),
    R: q('50*Mohm'),
    g_max: q('2*nS'),
    k: 3,
    a: 0.5,
    flag: true,
    scale: q('0.8'),
    p_conn: 0.6,
    w_in: q('0.2*mV'),
    unused: q('1*mV'),
    also_unused: 7,
    I_ext: new TimedArray([0, 0.1, 0.3, 0.2], { dt: '5*ms', unit: q('nA') }),
  };
  const G = new NeuronGroup(
    6,
    `dv/dt = (E_L - v + R*I_ext(t) + 0.1*mV*sin(2*pi*t/tau_osc) + a*exprel(0*v/mV)*mV + clip(g_max*R*mV/(nS*Mohm), -1*mV, 1*mV))/tau : volt (unless refractory)
x = clip(v - E_L, 0*mV, 10*mV)/mV * k : 1
du/dt = -u/(2*tau) + int(flag)/second + log10(e)*0/ms : 1`,
    {
      threshold: 'v > E_L + 15*mV and sqrt(abs(x)) >= 0',
      reset: 'v = E_L - floor(1.5)*mV; u += exp(0)',
      refractory: '2*ms',
      method: 'euler',
      namespace: ns,
      name: 'G',
    },
  );
  G.set('v', 'E_L + rand()*mV + sin(i*pi/4)*mV');
  G.set('u', 'int(i > k)*1.0 + 0*inf*0');
  const S = new Synapses(G, G, { model: 'w : volt', on_pre: 'v_post += w*exp(-1)*scale', namespace: ns, name: 'S' });
  S.connect({ condition: 'abs(i - j) <= k and i != j', p: 'p_conn*exp(0)' });
  S.set('w', 'g_max*R*mV/(nS*Mohm)*0.01 + cos(j*pi)*0.1*mV');
  const drive = new PoissonInput(G, 'v', 5, '20*Hz', 'w_in*scale*abs(sin(1))', { name: 'drive' });
  const net = new Network(G, S, drive, new StateMonitor(G, ['v', 'x'], { record: [0], name: 'statemon' }), new SpikeMonitor(G, { name: 'spikemon' }));
  return exportModel(net, { duration: '50*ms' });
}

/** Every "identifiers" object anywhere in the file, with where it is. */
function allIdentifiers(json: unknown, path = ''): Array<[string, Record<string, IdentifierJSON>]> {
  const out: Array<[string, Record<string, IdentifierJSON>]> = [];
  if (Array.isArray(json)) json.forEach((x, k) => out.push(...allIdentifiers(x, `${path}[${k}]`)));
  else if (json && typeof json === 'object') {
    for (const [k, v] of Object.entries(json)) {
      if (k === 'identifiers') out.push([`${path}.${k}`, v as Record<string, IdentifierJSON>]);
      else out.push(...allIdentifiers(v, `${path}.${k}`));
    }
  }
  return out;
}

describe('identifiers', () => {
  const json = model();
  const run = json.runs[0]!;

  it("are a group's own external parameters: no functions, units, constants or unused names", () => {
    const G = run.components.neurongroup![0]!;
    expect(Object.keys(G.identifiers!).sort()).toEqual(['E_L', 'I_ext', 'R', 'a', 'flag', 'g_max', 'k', 'tau', 'tau_osc']);
  });

  it('of synapses, connect() calls, initializers and inputs are those they use', () => {
    expect(Object.keys(run.components.synapses![0]!.identifiers!)).toEqual(['scale']);
    const [vInit, uInit, connect, wInit] = run.initializers_connectors!;
    expect(Object.keys((vInit as { identifiers: object }).identifiers)).toEqual(['E_L']);
    expect(Object.keys((uInit as { identifiers: object }).identifiers)).toEqual(['k']);
    expect(Object.keys((connect as { identifiers: object }).identifiers).sort()).toEqual(['k', 'p_conn']);
    expect(Object.keys((wInit as { identifiers: object }).identifiers).sort()).toEqual(['R', 'g_max']);
    expect(Object.keys(run.components.poissoninput![0]!.identifiers!).sort()).toEqual(['scale', 'w_in']);
  });

  it('never include a name Brian2 defines (the brian2tools defect is absent)', () => {
    const found = allIdentifiers(json);
    expect(found.length).toBe(7);
    for (const [where, ids] of found) {
      for (const name of Object.keys(ids)) {
        const builtin = getUnit(name) !== undefined || DEFAULT_FUNCTIONS.has(name) || DEFAULT_CONSTANTS.has(name);
        expect(builtin, `${where}.${name}`).toBe(false);
      }
    }
    const text = JSON.stringify(found.map(([, ids]) => Object.keys(ids)));
    for (const name of ['exp', 'sin', 'cos', 'clip', 'exprel', 'sqrt', 'abs', 'rand', 'int', 'floor', 'log10', 'pi', 'e', 'inf', 'mV', 'ms', 'nS', 'Mohm', 'nA', 'second', 'Hz']) {
      expect(text).not.toContain(`"${name}"`);
    }
  });

  it('each carry a value with its unit', () => {
    for (const [where, ids] of allIdentifiers(json)) {
      for (const [name, v] of Object.entries(ids)) {
        const at = `${where}.${name}`;
        if (typeof v === 'number' || typeof v === 'boolean') continue; // dimensionless, as Brian2 stores Python numbers
        if ('type' in v) {
          expect(v.type, at).toBe('timedarray');
          if (v.type === 'timedarray') {
            expect(v.values.dim, at).toBe('A');
            expect(v.values.value).toEqual([0, 0.1, 0.3, 0.2].map((x) => x * 1e-9));
            expect(v.dt.value).toBe(0.005);
          }
          continue;
        }
        expect(Object.keys(v).sort(), at).toEqual(['dim', 'str', 'value']);
        const shown = parseQuantityString(v.str);
        expect(shown.dim, at).toBe(parseDimension(v.dim));
        expect(v.dim, at).not.toBe('1');
      }
    }
    const G = run.components.neurongroup![0]!.identifiers!;
    expect(G.tau).toEqual({ str: '10. ms', value: 0.01, dim: 's' });
    expect(G.R).toEqual({ str: '50. Mohm', value: 50e6, dim: 'm^2 kg s^-3 A^-2' });
    expect(G.E_L).toEqual({ str: '-70. mV', value: -0.07, dim: 'm^2 kg s^-3 A^-1' });
    expect(G.k).toBe(3);
    expect(G.a).toBe(0.5);
    expect(G.flag).toBe(true);
  });

  it('survive import → export unchanged', () => {
    const again = JSON.parse(JSON.stringify(exportModel(importModel(json).network)));
    expect(again).toStrictEqual(JSON.parse(JSON.stringify(json)));
  });
});

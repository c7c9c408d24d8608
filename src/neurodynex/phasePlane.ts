/**
 * Phase-plane analysis of the FitzHugh–Nagumo model
 * (neurodynex3.phase_plane_analysis.fitzhugh_nagumo), Neuronal Dynamics ch. 4.3:
 *
 *   du/dt = u(1 - u²) - w + I        dw/dt = ε(u - 0.5w + 0.5a)
 *
 * with u, w and I in mV and t in ms.
 */
import { NeuronGroup } from '../index.ts';
import { COLORS, PALETTE, phasePlane, type Figure, type Series } from '../plot/index.ts';
import { of } from './quantities.ts';
import { modelName, simulateStates, type SimulationOptions } from './simulation.ts';

export interface FhnParameters {
  /** Constant input [mV] (default 0). */
  IExt?: number;
  /** Inverse time constant of w [1/ms] (default 0.1). */
  eps?: number;
  /** Offset of the w-nullcline [mV] (default 2). */
  a?: number;
}

function parameters(p: FhnParameters): Required<FhnParameters> {
  return { IExt: p.IExt ?? 0, eps: p.eps ?? 0.1, a: p.a ?? 2 };
}

export interface Trajectory {
  /** ms */
  t: Float64Array;
  /** mV */
  v: Float64Array;
  /** mV */
  w: Float64Array;
}

/**
 * Integrate the model (Euler, dt 0.1 ms) from (v0, w0) for `tend` ms with
 * constant input `IExt`, as Brian2 does in neurodynex3's get_trajectory.
 */
export async function getTrajectory(options: FhnParameters & { v0?: number; w0?: number; tend?: number } & SimulationOptions = {}): Promise<Trajectory> {
  const { IExt, eps, a } = parameters(options);
  const neuron = new NeuronGroup(
    1,
    `
    I_e : amp
    dv/dt = 1/ms * ( v * (1 - (v**2) / (mV**2) ) - w + I_e * Mohm ) : volt
    dw/dt = eps/ms * (v + 0.5 * (a * mV - w)) : volt
    `,
    { method: 'euler', namespace: { eps, a }, name: modelName('fitzhugh_nagumo') },
  );
  neuron.set('v', of(options.v0 ?? 0, 'mV'));
  neuron.set('w', of(options.w0 ?? 0, 'mV'));
  // I [mV] enters as a current through 1 MΩ: I nA · 1 MΩ = I mV.
  neuron.set('I_e', of(IExt, 'nA'));
  const rec = await simulateStates(neuron, ['v', 'w'], of(options.tend ?? 500, 'ms'), options);
  return {
    t: rec.t.values.map((s) => s * 1e3),
    v: rec.get('v').trace(0).map((x) => x * 1e3),
    w: rec.get('w').trace(0).map((x) => x * 1e3),
  };
}

/**
 * The fixed point (v, w) [mV]: w = 2v + a on the w-nullcline, and v the
 * real root of v³ + v + a - I = 0 (the cubic increases strictly, so there is
 * exactly one): Cardano's formula, polished by Newton steps.
 */
export function getFixedPoint(options: FhnParameters = {}): [number, number] {
  const { IExt, a } = parameters(options);
  const c = a - IExt;
  const s = Math.sqrt((c * c) / 4 + 1 / 27);
  let v = Math.cbrt(-c / 2 + s) + Math.cbrt(-c / 2 - s);
  for (let k = 0; k < 3; k++) v -= (v * v * v + v + c) / (3 * v * v + 1);
  return [v, 2 * v + a];
}

/** The flow (du/dt, dw/dt) on neurodynex3's grid: u from -2.5 to 2.3, w from -2.5 to 5.3, step 0.2. */
export function getFlowField(options: FhnParameters = {}): { v: Float64Array; w: Float64Array; dv: Float64Array; dw: Float64Array } {
  const { IExt, eps, a } = parameters(options);
  const vs = arange(-2.5, 2.5, 0.2);
  const ws = arange(-2.5, 5.5, 0.2);
  const n = vs.length * ws.length;
  const out = { v: new Float64Array(n), w: new Float64Array(n), dv: new Float64Array(n), dw: new Float64Array(n) };
  let k = 0;
  for (const w of ws) {
    for (const v of vs) {
      out.v[k] = v;
      out.w[k] = w;
      out.dv[k] = v * (1 - v * v) - w + IExt;
      out.dw[k] = eps * (v + 0.5 * (a - w));
      k++;
    }
  }
  return out;
}

/** numpy.arange(start, stop, step). */
function arange(start: number, stop: number, step: number): number[] {
  return Array.from({ length: Math.ceil((stop - start) / step) }, (_, k) => start + k * step);
}

/**
 * plot_flow, completed as the exercise asks: the flow field, both
 * nullclines (u: w = u(1 - u²) + I; w: w = 2u + a), the given trajectories
 * and the fixed point, for u in [-2.5, 2.5] and w in [-2.5, 5.5].
 */
export function plotFlow(options: FhnParameters & { trajectories?: readonly { label?: string; trajectory: Trajectory }[]; title?: string } = {}): Figure {
  const { IExt, eps, a } = parameters(options);
  const field = getFlowField(options);
  const u = Array.from({ length: 251 }, (_, k) => -2.5 + k * 0.02);
  const nullclines: Series[] = [
    { name: 'u-nullcline (du/dt = 0)', x: u, y: u.map((x) => x * (1 - x * x) + IExt), color: COLORS.red },
    { name: 'w-nullcline (dw/dt = 0)', x: u, y: u.map((x) => 2 * x + a), color: PALETTE[2] },
  ];
  const trajectories: Series[] = (options.trajectories ?? []).map(({ label, trajectory }, k) => ({
    name: label ?? `trajectory from (${trajectory.v[0]!.toFixed(1)}, ${trajectory.w[0]!.toFixed(1)})`,
    x: trajectory.v,
    y: trajectory.w,
    color: [COLORS.black, PALETTE[4], PALETTE[5], PALETTE[6]][k % 4]!,
  }));
  const [vFp, wFp] = getFixedPoint(options);
  return phasePlane({
    title: options.title ?? 'FitzHugh–Nagumo phase plane',
    subtitle: `I = ${IExt} mV, ε = ${eps} /ms, a = ${a} mV; fixed point (${vFp.toFixed(3)}, ${wFp.toFixed(3)})`,
    x: { title: 'u', unit: 'mV', domain: [-2.5, 2.5] },
    y: { title: 'w', unit: 'mV', domain: [-2.5, 5.5] },
    field: { x: field.v, y: field.w, dx: field.dv, dy: field.dw, magnitudeTitle: 'speed [mV/ms]' },
    nullclines,
    trajectories,
    fixedPoints: [{ x: vFp, y: wFp }],
  });
}

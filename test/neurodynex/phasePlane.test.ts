import { describe, expect, it } from 'vitest';
import { getFixedPoint, getFlowField, getTrajectory, plotFlow } from '../../src/neurodynex/phasePlane.ts';
import { neurodynexReference } from './references.ts';

interface Reference {
  trajectories: { args: { v0?: number; w0?: number; I_ext?: number; eps?: number; a?: number; tend?: number }; n: number; step_indices: number[]; t_ms: number[]; v_mV: number[]; w_mV: number[] }[];
  fixed_points: { args: { I_ext?: number; eps?: number; a?: number }; v: number; w: number }[];
}
const ref = neurodynexReference<Reference>('fitzhugh_nagumo');

describe('FitzHugh–Nagumo against neurodynex3', () => {
  it.each(ref.trajectories.map((t) => [JSON.stringify(t.args), t] as const))('get_trajectory(%s)', async (_, tr) => {
    const a = tr.args;
    const ours = await getTrajectory({
      ...(a.v0 === undefined ? {} : { v0: a.v0 }),
      ...(a.w0 === undefined ? {} : { w0: a.w0 }),
      ...(a.I_ext === undefined ? {} : { IExt: a.I_ext }),
      ...(a.eps === undefined ? {} : { eps: a.eps }),
      ...(a.a === undefined ? {} : { a: a.a }),
      ...(a.tend === undefined ? {} : { tend: a.tend }),
      backend: 'js',
    });
    expect(ours.t.length).toBe(tr.n);
    tr.step_indices.forEach((s, k) => {
      expect(ours.t[s]).toBeCloseTo(tr.t_ms[k]!, 9);
      // 5000 Euler steps around a limit cycle: equal to ~1e-13 mV.
      expect(Math.abs(ours.v[s]! - tr.v_mV[k]!)).toBeLessThan(1e-11);
      expect(Math.abs(ours.w[s]! - tr.w_mV[k]!)).toBeLessThan(1e-11);
    });
  });

  it.each(ref.fixed_points.map((f) => [JSON.stringify(f.args), f] as const))('get_fixed_point(%s)', (_, fp) => {
    const [v, w] = getFixedPoint({
      ...(fp.args.I_ext === undefined ? {} : { IExt: fp.args.I_ext }),
      ...(fp.args.eps === undefined ? {} : { eps: fp.args.eps }),
      ...(fp.args.a === undefined ? {} : { a: fp.args.a }),
    });
    expect(v).toBeCloseTo(fp.v, 12);
    expect(w).toBeCloseTo(fp.w, 12);
  });

  it('flow field on the grid of plot_flow, vanishing at the fixed point', () => {
    const field = getFlowField({ IExt: 0.5 });
    expect(field.v.length).toBe(25 * 40);
    expect(field.v[0]).toBe(-2.5);
    expect(field.w[0]).toBe(-2.5);
    const [v, w] = getFixedPoint({ IExt: 0.5 });
    expect(v * (1 - v * v) - w + 0.5).toBeCloseTo(0, 12);
    expect(0.1 * (v + 0.5 * (2 - w))).toBeCloseTo(0, 12);
  });

  it('plots flow, nullclines, trajectory and fixed point', async () => {
    const trajectory = await getTrajectory({ IExt: 1.3, tend: 50, backend: 'js' });
    const spec = JSON.stringify(plotFlow({ IExt: 1.3, trajectories: [{ trajectory }] }).spec);
    for (const label of ['u-nullcline', 'w-nullcline', 'trajectory from (0.0, 0.0)', 'fixed point', 'u [mV]', 'w [mV]', '"arrow"']) expect(spec).toContain(label);
  });
});

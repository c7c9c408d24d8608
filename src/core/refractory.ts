/**
 * Brian2's refractoriness test, `timestep(t - lastspike, dt) >=
 * timestep(refractory, dt)` with timestep(x, dt) = int((x + 1e-3·dt)/dt), is
 * monotonic in the elapsed time: it holds exactly when `t - lastspike` is at
 * least some threshold. Finding that threshold once per run (among doubles,
 * by bisection on the same floating-point operations) turns the per-neuron
 * test into one comparison — no division, same result for every input.
 */
export function refractoryThreshold(refractory: number, dt: number): number {
  const steps = (x: number): number => Math.trunc((x + 1e-3 * dt) / dt);
  const R = steps(refractory);
  const holds = (elapsed: number): boolean => steps(elapsed) >= R;
  let lo = (R - 2) * dt; // the test fails here
  let hi = (R + 1) * dt; // and holds here
  if (holds(lo) || !holds(hi)) throw new Error(`Internal error: refractory threshold search for ${refractory} s, dt ${dt} s`);
  for (let k = 0; k < 2000; k++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (holds(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

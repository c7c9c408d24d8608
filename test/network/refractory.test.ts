import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { refractoryThreshold } from '../../src/core/refractory.ts';
import { timestep } from '../../src/runtime/jsruntime.ts';

describe('refractory threshold', () => {
  it("gives exactly Brian2's timestep(t - lastspike) >= timestep(refractory) for any elapsed time", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1e-4, 5e-5, 1e-5, 2.5e-4, 0.1e-3 / 3),
        fc.double({ min: 0, max: 0.02, noNaN: true }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: -3, max: 400 }),
        (dt, refractory, k, delta) => {
          const threshold = refractoryThreshold(refractory, dt);
          // elapsed times as the kernel computes them: t = k*dt, lastspike on or off the grid
          for (const lastspike of [(k - delta) * dt, (k - delta) * dt + dt * 0.37, -1e4]) {
            const elapsed = k * dt - lastspike;
            expect(elapsed >= threshold).toBe(timestep(elapsed, dt) >= timestep(refractory, dt));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

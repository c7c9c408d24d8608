import { describe, expect, it } from 'vitest';
import { PERF_CASES, timeCase } from './measure.ts';

describe('connect() is fast enough for real networks', () => {
  for (const c of PERF_CASES) {
    it(`${c.label} in under ${c.limitMs} ms`, () => {
      const { times, synapses } = timeCase(c, 2);
      expect(synapses).toBeGreaterThan(0);
      // The second run: the first includes compiling the module's code paths.
      expect(Math.min(...times)).toBeLessThan(c.limitMs);
    });
  }
});

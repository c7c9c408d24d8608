/**
 * Brian2 references for the neurodynex tests: the files made by
 * tools/brian2/neurodynex/make_neurodynex_references.py (test/fixtures/neurodynex)
 * and the shared ones in test/fixtures/reference. All values SI.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A file of test/fixtures/neurodynex, e.g. 'lif'. */
export function neurodynexReference<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, 'neurodynex', `${name}.json`), 'utf8')) as T;
}

export interface SharedFixture {
  expected: {
    step_indices: number[];
    traces: Record<string, number[][]>;
    spikes: { t: number[]; t_step: number[] } | null;
  };
}

/** A shared Brian2 fixture of test/fixtures/reference, e.g. 'neurodynex_typeI_step0p5pA'. */
export function sharedReference(name: string): SharedFixture {
  return JSON.parse(readFileSync(join(FIXTURES, 'reference', `${name}.json`), 'utf8')) as SharedFixture;
}

/** A sampled trace: values at the given time-step indices. */
export interface SampledTrace {
  step_indices: number[];
  values: number[];
}

/** Largest |ours[step] - reference| over the reference's samples. */
export function maxDeviation(ours: ArrayLike<number>, stepIndices: readonly number[], reference: readonly number[]): number {
  let worst = 0;
  stepIndices.forEach((step, k) => {
    worst = Math.max(worst, Math.abs(ours[step]! - reference[k]!));
  });
  return worst;
}

/** Largest |a[k] - b[k]| relative to the largest |b|. */
export function maxRelativeDeviation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  let scale = 0;
  for (let k = 0; k < b.length; k++) {
    worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
    scale = Math.max(scale, Math.abs(b[k]!));
  }
  return scale === 0 ? worst : worst / scale;
}

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateFixture, type Fixture } from '../../src/verify/format.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', 'fixtures');

/** All simulation fixtures in a fixtures subfolder (reference = Brian2's shared set, extra = ours). */
export function loadFixtures(folder: 'reference' | 'extra'): Fixture[] {
  const dir = join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .sort()
    .map((f) => validateFixture(JSON.parse(readFileSync(join(dir, f), 'utf8')), `${folder}/${f}`));
}

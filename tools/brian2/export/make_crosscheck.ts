/**
 * Brian2's recordings of the cross-check models (test/export/crosscheck-models.ts):
 * each model is built in spikeforge, written as a Brian2 script with
 * toBrian2Script, and run by Brian2 (numpy target); what its monitors record
 * goes to test/fixtures/export/crosscheck/<model>.json.
 *
 *   apt-get install -y python3-brian
 *   npx tsx tools/brian2/export/make_crosscheck.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBrian2Script } from '../../../src/index.ts';
import { CROSSCHECK_DURATION, CROSSCHECK_MODELS, runCrosscheck } from '../../../test/export/crosscheck-models.ts';

const OUT = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'export', 'crosscheck');
const dir = mkdtempSync(join(tmpdir(), 'spikeforge-crosscheck-'));
const version = execFileSync('/usr/bin/python3', ['-c', 'import brian2; print(brian2.__version__)'], { encoding: 'utf8' }).trim();

for (const name of Object.keys(CROSSCHECK_MODELS)) {
  // The script takes its runs (durations, changes in between) from the runs made.
  const net = await runCrosscheck(name, 'js');
  const script = join(dir, `${name}.py`);
  const results = join(dir, `${name}.json`);
  writeFileSync(script, toBrian2Script(net));
  execFileSync('/usr/bin/python3', ['-W', 'ignore', script, results], { stdio: ['ignore', 'ignore', 'inherit'] });
  const recorded = JSON.parse(readFileSync(results, 'utf8')) as unknown;
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify({ brian2_version: version, generator: 'tools/brian2/export/make_crosscheck.ts', duration: CROSSCHECK_DURATION, script: readFileSync(script, 'utf8'), results: recorded }, null, 0));
  console.log(`${name}: written`);
}

// toBrian2Script: the scripts equal the committed ones in
// test/fixtures/export/scripts/ (regenerate with UPDATE_EXPORT_GOLDEN=1),
// and where Brian2 is installed (/usr/bin/python3 -c 'import brian2') they
// are run and what their monitors record is compared with spikeforge's run.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { REFERENCE_MODELS } from './reference-models.ts';

const SCRIPTS = join(import.meta.dirname, '..', 'fixtures', 'export', 'scripts');
const UPDATE = process.env.UPDATE_EXPORT_GOLDEN === '1';
const PYTHON = '/usr/bin/python3';
const hasBrian2 = spawnSync(PYTHON, ['-c', 'import brian2'], { timeout: 60_000 }).status === 0;
const BRIAN2TOOLS = '/work/src-ref/brian-team+brian2tools';
const hasBrian2tools = hasBrian2 && existsSync(join(BRIAN2TOOLS, 'brian2tools', 'baseexport', 'device.py'));
const EXPORTER_TOOL = join(import.meta.dirname, '..', '..', 'tools', 'brian2', 'export', 'brian2tools_export.py');

type Results = Record<string, Record<string, number[] | number[][]>>;

const DRIVER = `
import gc, runpy, sys
import brian2
scripts = sys.argv[1:]
for script, out in zip(scripts[0::2], scripts[1::2]):
    sys.argv = [script, out]
    brian2.start_scope()
    runpy.run_path(script, run_name='__main__')
    gc.collect()
`;

/** Build a model in a fresh module context, write its script, run it in spikeforge. */
async function scriptAndResults(name: string): Promise<{ script: string; results: Results }> {
  vi.resetModules();
  const api = await import('../../src/export/index.ts');
  if (name === 'rich_deterministic') {
    const { deterministicModel } = await import('./rich-models.ts');
    const m = deterministicModel();
    await m.run('js');
    return { script: api.toBrian2Script(m.network, { name }), results: api.monitorResults(m.network) as Results };
  }
  const { referenceNetwork } = await import('./reference-models.ts');
  const { network, duration } = referenceNetwork(name);
  const script = api.toBrian2Script(network, { duration: `${duration}*second`, name });
  await network.run(`${duration}*second`, { backend: 'js' });
  return { script, results: api.monitorResults(network) as Results };
}

const MODELS = [...REFERENCE_MODELS, 'rich_deterministic'];

/** Same spikes (indices, counts, time steps); traces within 1e-6 of each trace's range. */
function compare(ours: Results, brian: Results): string[] {
  const problems: string[] = [];
  for (const [mon, r] of Object.entries(ours)) {
    const b = brian[mon];
    if (!b) {
      problems.push(`${mon}: missing in Brian2's results`);
      continue;
    }
    for (const [key, values] of Object.entries(r)) {
      const other = b[key];
      if (!other || other.length !== values.length) {
        problems.push(`${mon}.${key}: ${values.length} vs ${other?.length} entries`);
        continue;
      }
      if (key === 'i' || key === 'count') {
        if (JSON.stringify(values) !== JSON.stringify(other)) problems.push(`${mon}.${key} differ`);
        continue;
      }
      const rows = (Array.isArray(values[0]) ? values : [values]) as number[][];
      const otherRows = (Array.isArray(other[0]) ? other : [other]) as number[][];
      rows.forEach((row, k) => {
        const ref = otherRows[k]!;
        const scale = Math.max(...ref.map(Math.abs), 1e-300);
        const tol = key === 't' ? 1e-9 : 1e-6 * scale;
        const bad = row.findIndex((x, n) => !(Math.abs(x - ref[n]!) <= tol));
        if (bad >= 0) problems.push(`${mon}.${key}[${k}][${bad}]: ${row[bad]} vs ${ref[bad]}`);
      });
    }
  }
  return problems;
}

/** Brian2 records a SpikeMonitor's variables as a set; its order varies with Python's hash seed. */
function sortMonitorVariables(runs: any[]): any[] {
  for (const run of runs) for (const kind of ['spikemonitor', 'eventmonitor']) for (const m of run.components[kind] ?? []) m.variables.sort();
  return runs;
}

describe('toBrian2Script', () => {
  it('writes the committed scripts', async () => {
    for (const name of MODELS) {
      const { script } = await scriptAndResults(name);
      const file = join(SCRIPTS, `${name}.py`);
      if (UPDATE) writeFileSync(file, script);
      expect(script, name).toBe(readFileSync(file, 'utf8'));
    }
  });

  it.skipIf(!hasBrian2)('scripts run in Brian2 and record what spikeforge records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikeforge-brian2-'));
    const run = promisify(execFile);
    const jobs = MODELS.map(async (name) => {
      const { script, results } = await scriptAndResults(name);
      const file = join(dir, `${name}.py`);
      writeFileSync(file, script);
      return { name, results, file, out: join(dir, `${name}.json`) };
    });
    const prepared = [];
    for (const j of jobs) prepared.push(await j);
    // One Python process runs every script as __main__ with its own argv (importing Brian2 once).
    await run(PYTHON, ['-W', 'ignore', '-c', DRIVER, ...prepared.flatMap((p) => [p.file, p.out])], { timeout: 300_000 });
    for (const p of prepared) {
      const brian = JSON.parse(readFileSync(p.out, 'utf8')) as Results;
      expect(Object.keys(brian).sort(), p.name).toEqual(Object.keys(p.results).sort());
      expect(compare(p.results, brian), p.name).toEqual([]);
      // The comparison notices a change of one value in a trace.
      const changed = structuredClone(brian);
      const trace = (changed.statemon!.v as number[][])[0]!;
      trace[trace.length - 1] = trace[trace.length - 1]! * 1.001 + 1e-6;
      expect(compare(p.results, changed), p.name).not.toEqual([]);
    }
  });

  it.skipIf(!hasBrian2tools)("brian2tools' exporter, run on the scripts, gives the reference files and our export", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikeforge-brian2tools-'));
    const ours: Record<string, any> = {};
    const args: string[] = [];
    for (const name of MODELS) {
      vi.resetModules();
      const api = await import('../../src/export/index.ts');
      if (name === 'rich_deterministic') {
        const { deterministicModel } = await import('./rich-models.ts');
        const m = deterministicModel();
        await m.run('js');
        ours[name] = JSON.parse(JSON.stringify(api.exportModel(m.network)));
      }
      args.push(join(SCRIPTS, `${name}.py`), join(dir, `${name}.json`));
    }
    await promisify(execFile)(PYTHON, [EXPORTER_TOOL, ...args, '--source', BRIAN2TOOLS], { timeout: 300_000 });
    const exported = (name: string) => sortMonitorVariables(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')).runs);
    const { referenceExport } = await import('./reference-models.ts');
    for (const name of REFERENCE_MODELS) expect(exported(name), name).toStrictEqual(sortMonitorVariables(referenceExport(name).runs));
    // Our export keeps more than brian2tools: undo exactly those additions.
    const rich = ours.rich_deterministic;
    for (const run of rich.runs) {
      const G = run.components.neurongroup[0];
      delete G.identifiers.stim.shape; // added key: the 2-D TimedArray's shape
      delete G.identifiers.tau_ref; // used by the refractory expression, which brian2tools does not scan
      delete run.components.synapses.find((s: any) => s.name === 'gap').identifiers; // used by a summed variable, idem
      for (const rec of run.initializers_connectors ?? []) {
        // the script connects with the synapses spikeforge made, so Brian2 sees explicit i and j
        if (rec.type === 'connect' && rec.connectivity) {
          rec.i = rec.connectivity.i;
          rec.j = rec.connectivity.j;
          delete rec.connectivity;
          delete rec.condition;
        }
      }
    }
    expect(exported('rich_deterministic')).toStrictEqual(sortMonitorVariables(rich.runs));
  });
});

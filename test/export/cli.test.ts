// `spikeforge run model.json` and `spikeforge export model.json --to …`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'spikeforge.js');
const REF = join(import.meta.dirname, '..', 'fixtures', 'reference');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('node', [CLI, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('spikeforge run / export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikeforge-export-cli-'));
  const model = join(REF, 'baseexport', 'lif_group5_exact.json');

  it('run writes one entry per monitor (SI units) and a plot; the spikes are Brian2\'s', async () => {
    const out = join(dir, 'results.json');
    const plot = join(dir, 'traces.svg');
    const r = await cli('run', model, '--backend', 'js', '--out', out, '--plot', plot);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(results).sort()).toEqual(['spikemon', 'statemon']);
    expect(Object.keys(results.statemon)).toEqual(['t', 'v']);
    expect(results.statemon.t).toHaveLength(1000);
    expect(results.statemon.v).toHaveLength(5);
    expect(results.statemon.v[0][0]).toBe(-0.07);
    const expected = JSON.parse(readFileSync(join(REF, 'lif_group5_exact.json'), 'utf8')).expected;
    expect(results.spikemon.i).toEqual(expected.spikes.i);
    expect(results.spikemon.t.map((t: number) => Math.round(t / 1e-4))).toEqual(expected.spikes.t_step);
    expect(results.spikemon.count).toEqual(expected.spike_count_per_neuron);
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg/);
    expect(r.stdout).toContain('spikemon  i: 28, t: 28, count: 5');
    expect(r.stdout).toContain(`results written to ${out}`);
  });

  it('run --duration runs that long and prints a summary', async () => {
    const r = await cli('run', model, '--backend', 'js', '--duration', '20ms');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('statemon  t: 200, v: 5');
    const bad = await cli('run', model, '--duration', '20 mV');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--duration must be a time/);
  });

  it('export --to json gives the model back; --to brian2 and --to markdown write script and text', async () => {
    const json = join(dir, 'model.json');
    expect((await cli('export', model, '--to', 'json', '--out', json)).code).toBe(0);
    const again = JSON.parse(readFileSync(json, 'utf8'));
    expect(again.runs).toStrictEqual(JSON.parse(readFileSync(model, 'utf8')).runs);
    expect(again.name).toBe('lif_group5_exact');
    const py = await cli('export', model, '--to', 'brian2');
    expect(py.code).toBe(0);
    expect(py.stdout).toContain("G = NeuronGroup(5, '''");
    expect(py.stdout).toContain('net.run(100.0*msecond)');
    const md = await cli('export', model, '--to', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Model: lif_group5_exact');
  });

  it('a bad model file exits with 2 and names the JSON path', async () => {
    const data = JSON.parse(readFileSync(model, 'utf8'));
    data.runs[0].components.neurongroup[0].equations.v.expr = '(v_rest - v + R*I_drive)/tau_m';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(data));
    const r = await cli('run', bad, '--backend', 'js');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('runs[0].components.neurongroup[0].equations.v.expr: Unknown identifier \'tau_m\'');
    writeFileSync(bad, '{"runs": [');
    const broken = await cli('export', bad, '--to', 'json');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/is not valid JSON/);
    const format = await cli('export', model, '--to', 'yaml');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--to must be json, brian2 or markdown/);
  });
});

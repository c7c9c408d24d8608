import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', 'bin', 'spikeforge.js');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('spikeforge CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikeforge-cli-'));

  it('verify passes a reference fixture (exit 0) and prints JSON with --json', async () => {
    const r = await cli('verify', '--json', '--backend', 'js', 'test/fixtures/reference/lif_group5_exact.json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.trim());
    expect(report.ok).toBe(true);
    expect(report.spikes.actual).toBe(28);
  });

  it('verify reports a disagreement with exit 1', async () => {
    const fixture = JSON.parse(readFileSync('test/fixtures/reference/lif_group5_exact.json', 'utf8'));
    fixture.model.namespace.tau.value *= 1.01;
    const file = join(dir, 'changed.json');
    writeFileSync(file, JSON.stringify(fixture));
    const r = await cli('verify', '--backend', 'js', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL/);
  });

  it('simulate writes the expected shape, and exits 2 naming an unknown identifier', async () => {
    const out = join(dir, 'out.json');
    const ok = await cli('simulate', '--backend', 'js', 'test/fixtures/reference/fhn_const_euler.json', '--out', out);
    expect(ok.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['t', 'step_indices', 'traces', 'spikes', 'spike_count', 'final_state']));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ model: { equations: 'dv/dt = -v/tau_m : volt', N: 1, dt: 1e-4, duration: 0.01, namespace: { tau: { value: 0.01, unit: 'ms' } } }, record: { variables: ['v'], indices: [0], every: 1 } }));
    const r = await cli('simulate', bad, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown identifier 'tau_m'/);
    expect(r.stderr).toMatch(/line 1, column 12/);
  });

  it('exits 3 naming variable, neuron and time when a run blows up', async () => {
    const file = join(dir, 'nan.json');
    writeFileSync(file, JSON.stringify({ model: { equations: 'dv/dt = v**2/tau : 1', N: 3, dt: 1e-4, duration: 0.1, namespace: { tau: { value: 0.01, unit: 'ms' } }, initial: { v: { value: [0.1, 0.5, 2.0], unit: '1' } } }, record: { variables: ['v'], indices: [0], every: 1 } }));
    const r = await cli('simulate', '--backend', 'js', file, '--out', join(dir, 'o.json'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/'v'.*neuron 2.*t = 6\.3 ms/);
  });
});

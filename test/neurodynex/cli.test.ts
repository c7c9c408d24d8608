import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quantityArgument, registerNeurodynexCommands } from '../../src/neurodynex/cli.ts';
import { EXERCISES } from '../../src/neurodynex/exercises.ts';

function program(): Command {
  const p = new Command('spikeforge').exitOverride().configureOutput({ writeErr: () => {} });
  registerNeurodynexCommands(p);
  return p;
}

async function run(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    await program().parseAsync(['neurodynex', ...args], { from: 'user' });
  } finally {
    log.mockRestore();
  }
  return lines.join('\n');
}

afterEach(() => vi.restoreAllMocks());

describe('spikeforge neurodynex', () => {
  it('reads quantities as typed on a command line', () => {
    expect(quantityArgument('0.5pA')).toBe('0.5*pA');
    expect(quantityArgument('200 ms')).toBe('200*ms');
    expect(quantityArgument('7.2µA')).toBe('7.2*uA');
    expect(quantityArgument('-1e-3*nA')).toBe('-1e-3*nA');
    expect(() => quantityArgument('fast')).toThrow(/number with a unit/);
  });

  it('runs an exercise with options, saves its plots and summarises', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikeforge-cli-'));
    const text = await run('lif', '--amplitude', '2.5nA', '--t-start', '10', '--t-end', '110', '--simtime', '150ms', '--backend', 'js', '--out', out, '--format', 'svg');
    expect(text).toContain('nr of spikes: 7');
    expect(readdirSync(out)).toEqual(['lif.svg']);
  });

  it('runs the quiz with a seed and reveals the answer', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikeforge-cli-'));
    const text = await run('quiz', '--seed', '0', '--backend', 'js', '--out', out, '--format', 'svg');
    // random.seed(0) hides type II behind NeuronX in neurodynex3.
    expect(text).toContain('Answer: NeuronX is Type II, NeuronY is Type I');
    expect(readdirSync(out).sort()).toEqual(['quiz_f-I.svg', 'quiz_neuron-X.svg', 'quiz_neuron-Y.svg']);
  });

  it('rejects unknown exercises and bad options', async () => {
    await expect(run('hopfield')).rejects.toThrow(/one of neuron-types, quiz/);
    await expect(run('adex', '--pattern', 'chaotic')).rejects.toThrow(/expected one of tonic/);
    await expect(run('lif', '--t-start', '-3')).rejects.toThrow(/whole number/);
  });

  it('has an exercise for every name in the brief', () => {
    expect(Object.keys(EXERCISES)).toEqual(['neuron-types', 'quiz', 'lif', 'exp-if', 'adex', 'hh', 'phase-plane', 'input-factory', 'brunel', 'decision-making', 'working-memory']);
  });

  it.each(['neuron-types', 'exp-if', 'adex', 'hh', 'phase-plane', 'input-factory'])('%s runs with its defaults', async (name) => {
    const result = await EXERCISES[name]!.run({ backend: 'js' });
    expect(result.figures.length).toBeGreaterThan(0);
    expect(result.summary.length).toBeGreaterThan(0);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ModelError } from '../parsing/diagnostics.ts';
import { SimulationError } from '../core/network.ts';
import { validateFixture, type Fixture } from '../verify/format.ts';
import { simulateFixture } from '../verify/simulate.ts';
import { compareResults } from '../verify/compare.ts';
import type { Backend } from '../runtime/kernel.ts';

/** Exit codes shared by the fixture commands. */
export const EXIT = { ok: 0, mismatch: 1, model: 2, run: 3 } as const;

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

async function loadFixture(path: string): Promise<Fixture> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliFailure(`Cannot read ${path}: ${(e as Error).message}`, EXIT.model);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliFailure(`${path} is not valid JSON: ${(e as Error).message}`, EXIT.model);
  }
  try {
    return validateFixture(data, path);
  } catch (e) {
    throw new CliFailure((e as Error).message, EXIT.model);
  }
}

/** Run a fixture's model, sorting failures into "cannot build" (2) and "run failed" (3). */
async function simulate(path: string, backend: Backend) {
  const fixture = await loadFixture(path);
  try {
    return { fixture, ...(await simulateFixture(fixture, backend)) };
  } catch (e) {
    if (e instanceof SimulationError) throw new CliFailure(`${path}: ${e.message}`, EXIT.run);
    if (e instanceof ModelError || e instanceof TypeError || e instanceof RangeError || e instanceof Error) {
      throw new CliFailure(`${path}: the model cannot be built:\n${e.message}`, EXIT.model);
    }
    throw e;
  }
}

function backendOf(value: string): Backend {
  if (value !== 'wasm' && value !== 'js') throw new CliFailure(`--backend must be 'wasm' or 'js', not '${value}'`, EXIT.model);
  return value;
}

export function registerFixtureCommands(program: Command): void {
  program
    .command('simulate')
    .description("run a Brian2 reference fixture's model and write the results in the shape of its 'expected' object")
    .argument('<fixture>', 'fixture JSON (format of shared/reference/README.md)')
    .requiredOption('--out <file>', 'where to write the results (JSON)')
    .option('--backend <backend>', 'wasm or js', 'wasm')
    .action(async (file: string, opts: { out: string; backend: string }) => {
      const { result } = await simulate(file, backendOf(opts.backend));
      await writeFile(opts.out, JSON.stringify(result));
    });

  program
    .command('verify')
    .description("simulate fixtures and compare with Brian2's expected results")
    .argument('<fixtures...>', 'fixture JSON files')
    .option('--json', 'one JSON object per fixture on stdout')
    .option('--backend <backend>', 'wasm or js', 'wasm')
    .action(async (files: string[], opts: { json?: boolean; backend: string }) => {
      const backend = backendOf(opts.backend);
      let worst: number = EXIT.ok;
      for (const file of files) {
        let report: Record<string, unknown>;
        try {
          const { fixture, result, info } = await simulate(file, backend);
          if (!fixture.expected) throw new CliFailure(`${file} has no expected data to compare with`, EXIT.model);
          const c = compareResults(fixture.expected, result);
          report = { fixture: fixture.name, file, ok: c.ok, backend, method: info.method, traces: c.traces, finalState: c.finalState, spikes: c.spikes, problems: c.problems };
          if (!c.ok) worst = Math.max(worst, EXIT.mismatch);
          if (!opts.json) {
            console.log(`${c.ok ? 'PASS' : 'FAIL'} ${fixture.name} (${backend}, ${info.method ?? 'no equations'})`);
            for (const t of c.traces) console.log(`     ${t.ok ? ' ' : '✗'} ${t.name}: max abs error ${t.maxAbsError.toExponential(2)}, max rel error ${t.maxRelError.toExponential(2)}`);
            if (c.spikes) console.log(`     ${c.spikes.ok ? ' ' : '✗'} spikes: ${c.spikes.actual} (expected ${c.spikes.expected})${c.spikes.ok ? ', all in the same time step' : ''}`);
            for (const p of c.problems) console.log(`       ${p}`);
          }
        } catch (e) {
          if (!(e instanceof CliFailure)) throw e;
          worst = Math.max(worst, e.exitCode);
          report = { file, ok: false, error: e.message, exitCode: e.exitCode };
          if (!opts.json) console.error(`ERROR ${e.message}`);
        }
        if (opts.json) console.log(JSON.stringify(report));
      }
      process.exitCode = worst;
    });
}

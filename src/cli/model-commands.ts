import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { validateFixture } from '../verify/format.ts';
import { fixtureNetwork } from '../verify/simulate.ts';
import type { Backend } from '../runtime/kernel.ts';
import { SimulationError } from '../core/network.ts';
import { parseQuantity, Quantity } from '../units/index.ts';
import { parseQuantityString } from '../export/quantity.ts';
import { importModel, ModelFileError, type ImportedModel } from '../export/import.ts';
import { exportModel } from '../export/baseexport.ts';
import { toBrian2Script } from '../export/brian2script.ts';
import { toMarkdown } from '../export/markdown.ts';
import { monitorResults, resultsFigure } from '../export/results.ts';
import { CliFailure, EXIT } from './fixture-commands.ts';

/** Read and import a model file (baseexport JSON); problems become exit code 2 with the JSON path. */
async function loadModel(file: string): Promise<{ model: ImportedModel; name: string | undefined }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliFailure(`Cannot read ${file}: ${(e as Error).message}`, EXIT.model);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliFailure(`${file} is not valid JSON: ${(e as Error).message}`, EXIT.model);
  }
  try {
    const name = typeof (json as { name?: unknown })?.name === 'string' ? (json as { name: string }).name : undefined;
    return { model: importModel(json), name };
  } catch (e) {
    if (e instanceof ModelFileError) throw new CliFailure(`${file}: ${e.message}`, EXIT.model);
    throw new CliFailure(`${file}: the model cannot be built:\n${(e as Error).message}`, EXIT.model);
  }
}

/** A duration as typed on a command line: '200ms', '200 ms', '200*ms', '0.2 s'. */
function parseDuration(text: string): Quantity {
  const t = text.trim();
  const m = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*\*?\s*([A-Za-z].*)$/.exec(t);
  let q: Quantity | undefined;
  try {
    q = parseQuantity(t);
  } catch {
    try {
      const parsed = parseQuantityString(m ? `${m[1]} ${m[2]}` : t);
      if (parsed.kind === 'scalar') q = new Quantity(parsed.value, parsed.dim);
    } catch {
      // reported below
    }
  }
  if (!q || q.dim.toString() !== 's' || !(q.value >= 0) || !Number.isFinite(q.value)) {
    throw new CliFailure(`--duration must be a time ≥ 0 such as '200ms', '200 ms' or '0.2 s', not '${text}'`, EXIT.model);
  }
  return q;
}

function backendOf(value: string): Backend {
  if (value !== 'wasm' && value !== 'js') throw new CliFailure(`--backend must be 'wasm' or 'js', not '${value}'`, EXIT.model);
  return value;
}

export function registerModelCommands(program: Command): void {
  program
    .command('codegen')
    .description('print the kernel generated for a model (AssemblyScript or JavaScript)')
    .argument('<model>', 'a fixture JSON')
    .option('--backend <backend>', 'wasm (AssemblyScript) or js', 'wasm')
    .action(async (file: string, opts: { backend: string }) => {
      const fixture = validateFixture(JSON.parse(await readFile(file, 'utf8')), file);
      const backend = opts.backend as Backend;
      if (backend !== 'wasm' && backend !== 'js') throw new CliFailure(`--backend must be 'wasm' or 'js'`, EXIT.model);
      const { network } = fixtureNetwork(fixture);
      console.log(await network.generatedCode(backend));
    });

  program
    .command('run')
    .description('run a model file (brian2tools baseexport JSON) and report what its monitors recorded')
    .argument('<model>', 'model file (JSON, as written by `spikeforge export --to json` or brian2tools)')
    .option('--duration <time>', "run this long (e.g. '200*ms' or '200 ms') instead of the durations in the file")
    .option('--out <file>', 'write the results (JSON, SI units, one entry per monitor)')
    .option('--plot <file>', 'plot the recordings (.svg, .png or .json for the Vega-Lite spec)')
    .option('--backend <backend>', 'wasm or js', 'wasm')
    .action(async (file: string, opts: { duration?: string; out?: string; plot?: string; backend: string }) => {
      const backend = backendOf(opts.backend);
      const duration = opts.duration === undefined ? undefined : parseDuration(opts.duration);
      const { model, name } = await loadModel(file);
      try {
        if (duration) await model.network.run(duration, { backend });
        else await model.run({ backend });
      } catch (e) {
        if (e instanceof SimulationError) throw new CliFailure(`${file}: ${e.message}`, EXIT.run);
        throw new CliFailure(`${file}: the model cannot be run:\n${(e as Error).message}`, EXIT.model);
      }
      const results = monitorResults(model.network);
      if (opts.out) await writeFile(opts.out, JSON.stringify(results));
      if (opts.plot) {
        const fig = resultsFigure(model.network, name ?? file);
        if (!fig) throw new CliFailure(`${file}: the model has no monitors, so there is nothing to plot`, EXIT.model);
        const { saveFigure } = await import('../plot/node.ts');
        await saveFigure(fig, opts.plot);
      }
      for (const [mon, r] of Object.entries(results)) {
        const parts = Object.entries(r).map(([k, v]) => `${k}: ${(v as unknown[]).length}`);
        console.log(`${mon}  ${parts.join(', ')}`);
      }
      if (opts.out) console.log(`results written to ${opts.out}`);
      if (opts.plot) console.log(`plot written to ${opts.plot}`);
    });

  program
    .command('export')
    .description('convert a model file: normalized JSON, a Brian2 script, or a Markdown description')
    .argument('<model>', 'model file (JSON)')
    .requiredOption('--to <format>', 'json, brian2 or markdown')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (file: string, opts: { to: string; out?: string }) => {
      if (!['json', 'brian2', 'markdown'].includes(opts.to)) throw new CliFailure(`--to must be json, brian2 or markdown, not '${opts.to}'`, EXIT.model);
      const { model, name } = await loadModel(file);
      const options = name !== undefined ? { name } : {};
      let text: string;
      try {
        text =
          opts.to === 'json'
            ? JSON.stringify(exportModel(model.network, options), null, 1) + '\n'
            : opts.to === 'brian2'
              ? toBrian2Script(model.network, options)
              : toMarkdown(model.network, options);
      } catch (e) {
        throw new CliFailure(`${file}: cannot write it as ${opts.to}: ${(e as Error).message}`, EXIT.model);
      }
      if (opts.out) await writeFile(opts.out, text);
      else process.stdout.write(text);
    });
}

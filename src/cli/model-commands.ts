import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { validateFixture } from '../verify/format.ts';
import { fixtureNetwork } from '../verify/simulate.ts';
import type { Backend } from '../runtime/kernel.ts';
import { CliFailure, EXIT } from './fixture-commands.ts';

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
}

import { Command } from 'commander';
import { CliFailure, registerFixtureCommands } from './fixture-commands.ts';
import { registerModelCommands } from './model-commands.ts';

const program = new Command();
program.name('spikeforge').description("Brian2's model language, simulated in WebAssembly").showHelpAfterError();
registerFixtureCommands(program);
registerModelCommands(program);
try {
  const { registerNeurodynexCommands } = await import('../neurodynex/cli.ts');
  registerNeurodynexCommands(program);
} catch (e) {
  if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CliFailure) {
    console.error(e.message);
    process.exitCode = e.exitCode;
  } else {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  }
}

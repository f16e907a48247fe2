import { Command, CommanderError } from 'commander';
import { ShopstatError } from '../errors.ts';
import { registerCommands } from './commands.ts';

/**
 * The `shopstat` command. Maps errors to exit codes in one place: 0 ok, 1 failure, 2 usage or
 * input error. A stack trace is shown only with `--debug`.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('shopstat')
    .description('Trustworthy statistics and monthly business review reports from e-commerce exports')
    .option('--debug', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const state = { code: 0 };
  registerCommands(program, state);
  try {
    await program.parseAsync([...argv]);
    return state.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    const debug = program.opts().debug === true;
    if (error instanceof ShopstatError) {
      process.stderr.write(`shopstat: ${error.message}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`shopstat: unexpected error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

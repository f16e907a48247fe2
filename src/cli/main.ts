import { Command, CommanderError } from 'commander';
import { ShopstatError } from '../errors.ts';
import { packageVersion } from '../version.ts';
import { registerCommands } from './commands.ts';
import { checkCommandInput } from './input-checks.ts';
import { checkRequiredOptions, deferRequiredOptions } from './required-options.ts';
import { userMessage } from './user-message.ts';

/** The command as typed, without the program's name: `etl`, `mapping check`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent != null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * The `shopstat` command. Maps errors to exit codes in one place: 0 ok, 1 failure, 2 usage or
 * input error. Before a command runs, unknown options, then required options, then the values of
 * paths and resources are checked, so that every message names the command and the option typed;
 * a message raised deeper shows the command's name instead of a function's. A stack trace is
 * shown only with `--debug`.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('shopstat')
    .description('Trustworthy statistics and monthly business review reports from e-commerce exports')
    .version(packageVersion(), '-V, --version', 'print the version of shopstat')
    .option('--debug', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const state = { code: 0 };
  registerCommands(program, state);
  const required = deferRequiredOptions(program);
  let running: string | null = null;
  program.hook('preAction', (_program, command) => {
    running = commandPath(command);
    checkRequiredOptions(command, required);
    checkCommandInput(running, command.opts());
  });
  try {
    await program.parseAsync([...argv]);
    return state.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    const debug = program.opts().debug === true;
    if (error instanceof ShopstatError) {
      process.stderr.write(`shopstat: ${userMessage(running, error.message)}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`shopstat: unexpected error: ${userMessage(running, message)}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

import type { Command, Option } from 'commander';

/**
 * Required options, checked after unknown ones. Commander checks required options first, so a
 * misspelt `--landng DIR` is reported as "required option '--landing <dir>' not specified", which
 * hides the typo. {@link deferRequiredOptions} takes the mark off every required option of the
 * program's commands, and {@link checkRequiredOptions}, called before a command's action (after
 * commander has refused unknown options), reports a missing one with commander's own message.
 */
export type RequiredOptions = ReadonlyMap<Command, readonly Option[]>;

/** Unmarks the required options of every command under `program` and returns them per command. */
export function deferRequiredOptions(program: Command): RequiredOptions {
  const required = new Map<Command, Option[]>();
  const visit = (command: Command): void => {
    const options = command.options.filter((o) => o.mandatory);
    for (const option of options) option.makeOptionMandatory(false);
    if (options.length > 0) required.set(command, options);
    for (const sub of command.commands) visit(sub);
  };
  visit(program);
  return required;
}

/**
 * Reports the first required option of `command` (or of its parents) that has no value, as
 * commander would: `error: required option '--landing <dir>' not specified`, a usage error.
 */
export function checkRequiredOptions(command: Command, required: RequiredOptions): void {
  for (let c: Command | null = command; c !== null; c = c.parent) {
    for (const option of required.get(c) ?? []) {
      if (c.getOptionValue(option.attributeName()) === undefined) {
        command.error(`error: required option '${option.flags}' not specified`, {
          code: 'commander.missingMandatoryOptionValue',
        });
      }
    }
  }
}

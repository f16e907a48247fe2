import { Option } from 'commander';
import { InvalidArgumentError } from '../errors.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, type WarehouseOptions } from '../warehouse/index.ts';

/** Parses a positive integer option, naming the option in the error. */
export function parsePositiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses an integer option (zero and negatives allowed). */
export function parseInteger(name: string, value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`${name} must be an integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses a whole number of seconds, zero allowed, naming the option in the error. */
export function parseSeconds(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(
      `${name} must be a whole number of seconds (0 or more), got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * The `--lock-timeout <seconds>` option of every command that opens a warehouse, with the
 * default wait (10 minutes, from the warehouse's own default) and what is waited for in its help.
 * Readers (`sql`, `export`) wait for a running load; writers (`etl`) wait for a load or for readers.
 */
export function lockTimeoutOption(role: 'reader' | 'writer'): Option {
  const seconds = DEFAULT_LOCK_TIMEOUT_MS / 1000;
  const what =
    role === 'reader'
      ? 'while a load (shopstat etl) holds the warehouse'
      : 'while another load or a reader (shopstat sql, export, a notebook) holds the warehouse';
  return new Option(
    '--lock-timeout <seconds>',
    `wait up to this many seconds ${what}, then exit 2; 0 fails at once (default: ${seconds} = ${seconds / 60} minutes)`,
  );
}

/** DuckDB resource options shared by commands that open a warehouse. */
export interface ResourceFlags {
  readonly memoryLimit?: string;
  readonly threads?: string;
  readonly lockTimeout?: string;
}

/**
 * Turns `--memory-limit`, `--threads`, `--lock-timeout` (seconds) into warehouse options; an
 * option not given leaves the warehouse's default. A command that has to wait for the warehouse
 * says so on stderr, once.
 */
export function warehouseOptions(flags: ResourceFlags): WarehouseOptions {
  return {
    onLockWait: ({ path, timeoutMs }) =>
      process.stderr.write(
        `shopstat: ${path} is in use by another process; waiting up to ${Math.round(timeoutMs / 1000)} s for it (--lock-timeout)\n`,
      ),
    ...(flags.memoryLimit !== undefined ? { memoryLimit: flags.memoryLimit } : {}),
    ...(flags.threads !== undefined ? { threads: parsePositiveInt('--threads', flags.threads) } : {}),
    ...(flags.lockTimeout !== undefined
      ? { lockTimeoutMs: parseSeconds('--lock-timeout', flags.lockTimeout) * 1000 }
      : {}),
  };
}

/** Prints a result as JSON (with `--json`) or as the readable text given. */
export function printResult(json: boolean, result: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${text()}\n`);
}

/**
 * A comma-separated list option (`--by channel,country`): trimmed names, none empty.
 *
 * @throws InvalidArgumentError naming the command, the option and the value.
 * @example parseList('decompose', '--by', 'channel, country') // ['channel', 'country']
 */
export function parseList(command: string, option: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new InvalidArgumentError(
      `${command}: ${option} takes names separated by commas, got ${JSON.stringify(value)}`,
    );
  }
  return items;
}

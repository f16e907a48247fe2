import { type Command, Option } from 'commander';
import { InvalidArgumentError } from '../errors.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { lockTimeoutOption, type ResourceFlags, warehouseOptions } from './options.ts';

/** The options of a command that reads a warehouse table or a CSV / Parquet file. */
export interface TableSourceFlags extends ResourceFlags {
  readonly warehouse?: string;
  readonly table?: string;
  readonly file?: string;
  readonly where?: string;
}

/**
 * Adds the resource options every table-or-file command shares (`--lock-timeout`,
 * `--memory-limit`, `--threads`, `--json`), reading or writing as `role` says.
 */
export function addResourceOptions(command: Command, role: 'reader' | 'writer'): Command {
  return command
    .addOption(lockTimeoutOption(role))
    .addOption(new Option('--memory-limit <size>', 'DuckDB memory limit').default('1GB'))
    .addOption(new Option('--threads <n>', 'DuckDB threads').default('2'))
    .option('--json', 'print the result as JSON');
}

/**
 * Checks that a command got `--table` with `--warehouse`, or `--file`, and that `--where` (which
 * filters warehouse tables) comes only with a table.
 *
 * @throws InvalidArgumentError naming the command and what to give instead.
 */
export function checkTableSource(command: string, flags: TableSourceFlags): void {
  if ((flags.file === undefined) === (flags.table === undefined)) {
    throw new InvalidArgumentError(`${command}: give --table (with --warehouse) or --file, not both`);
  }
  if (flags.table !== undefined && flags.warehouse === undefined) {
    throw new InvalidArgumentError(`${command}: --table needs --warehouse`);
  }
  if (flags.file !== undefined && flags.where !== undefined) {
    throw new InvalidArgumentError(
      `${command}: --where filters warehouse tables; use the file as it is, or load it first`,
    );
  }
}

/** How `withTableSource` opens the source. */
export interface TableSourceOptions {
  /** Open the warehouse for writing (e.g. `features --into`); default read-only. */
  readonly write?: boolean;
  /** Keep DuckDB's access to other files (e.g. `COPY ... TO` for `--out`); default off. */
  readonly files?: boolean;
  /** Attach a `--file` as the view `file` before `fn` runs (default); off when `fn` attaches it. */
  readonly attach?: boolean;
}

/**
 * Runs `fn` on the table the flags name: a file through an in-memory DuckDB (attached as the view
 * `file`; nothing is written anywhere), or a warehouse table, opened read-only unless `write`,
 * with external access off unless `files` (so a `--where` condition can read nothing but the
 * warehouse). The warehouse waits for a running load as every reader does (`--lock-timeout`).
 * `fn` gets the table to read and the file's path (null for a warehouse table).
 */
export async function withTableSource<T>(
  flags: TableSourceFlags,
  fn: (wh: Warehouse, table: string, file: string | null) => Promise<T>,
  options: TableSourceOptions = {},
): Promise<T> {
  const { Warehouse, withWarehouse } = await import('../warehouse/index.ts');
  if (flags.file !== undefined) {
    const wh = await Warehouse.open(':memory:', warehouseOptions(flags));
    try {
      const table = options.attach === false ? '' : (await wh.attachFile(flags.file, 'file')).name;
      return await fn(wh, table, flags.file);
    } finally {
      wh.close();
    }
  }
  const write = options.write === true;
  return withWarehouse(
    flags.warehouse as string,
    { ...warehouseOptions(flags), readOnly: !write },
    async (wh) => {
      if (options.files !== true) await wh.run('set enable_external_access = false');
      return fn(wh, flags.table as string, null);
    },
  );
}

import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { InvalidArgumentError, WarehouseBusyError, WarehouseError } from '../errors.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, isLockConflict, lockRetryDelayMs } from './lock.ts';

/** Resource settings of a warehouse connection. Defaults are stated per field. */
export interface WarehouseOptions {
  /** DuckDB `memory_limit`; default `'1GB'` (peak RSS stays well under 2 GiB at 10M order lines). */
  readonly memoryLimit?: string;
  /** DuckDB `threads`; default 2 (the size of the reference machine). */
  readonly threads?: number;
  /**
   * Spill directory; default `<warehouse>.tmp` beside the file for a writer (there is only one),
   * a folder of its own under the system's temporary folder for each read-only open (readers run
   * side by side, and DuckDB removes the folder it made when it closes), DuckDB's default in memory.
   */
  readonly tempDirectory?: string;
  /**
   * How long to wait for another process's lock on the file, in milliseconds; default
   * {@link DEFAULT_LOCK_TIMEOUT_MS} (10 minutes); 0 fails at once.
   */
  readonly lockTimeoutMs?: number;
  /**
   * Open read-only (DuckDB `access_mode = READ_ONLY`): several readers may share a file, any
   * writing statement fails, and a missing file is an error instead of being created. Default false.
   */
  readonly readOnly?: boolean;
  /**
   * Called once when the file is found held by another process and the open starts to wait, so a
   * command can say why it is idle. Default: nothing.
   */
  readonly onLockWait?: (wait: LockWait) => void;
}

/** What {@link WarehouseOptions.onLockWait} is told: the file and how long the open will wait. */
export interface LockWait {
  readonly path: string;
  readonly timeoutMs: number;
}

const DEFAULTS = { memoryLimit: '1GB', threads: 2, lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS } as const;

/** An open DuckDB database and its one connection, set up as every warehouse connection is. */
export interface OpenDatabase {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  /** Absolute path of the database file, or `:memory:`. */
  readonly path: string;
}

/**
 * Opens a warehouse file (or `:memory:`) for `Warehouse.open`, creating it unless `readOnly`. A
 * file locked by another process is retried (50 ms, doubling to 1 s between attempts) until
 * `lockTimeoutMs` (default 10 minutes) has passed.
 *
 * @throws InvalidArgumentError for bad settings, a missing file opened read-only, or a file
 *   that is not a DuckDB database (naming it).
 * @throws WarehouseBusyError when another process still holds the file after the wait.
 * @throws WarehouseError when DuckDB cannot open the file for another reason.
 */
export async function openDatabase(path: string, options: WarehouseOptions): Promise<OpenDatabase> {
  const threads = options.threads ?? DEFAULTS.threads;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new InvalidArgumentError(`Warehouse.open: threads must be a positive integer, got ${threads}`);
  }
  const memoryLimit = options.memoryLimit ?? DEFAULTS.memoryLimit;
  if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) {
    throw new InvalidArgumentError(`Warehouse.open: memoryLimit must look like '1GB', got ${memoryLimit}`);
  }
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULTS.lockTimeoutMs;
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0) {
    throw new InvalidArgumentError(
      `Warehouse.open: lockTimeoutMs must be a non-negative number, got ${lockTimeoutMs}`,
    );
  }
  const inMemory = path === ':memory:';
  const absolute = inMemory ? path : resolve(path);
  if (inMemory && options.readOnly) {
    throw new InvalidArgumentError('Warehouse.open: a :memory: warehouse cannot be opened read-only');
  }
  if (!inMemory) checkWarehouseFile(absolute, options.readOnly === true);
  if (!inMemory && !options.readOnly) mkdirSync(dirname(absolute), { recursive: true });
  const config: Record<string, string> = {
    threads: String(threads),
    memory_limit: memoryLimit,
    // Insertion order is what gives accepted rows their record numbers.
    preserve_insertion_order: 'true',
  };
  const temp =
    options.tempDirectory ?? (inMemory ? undefined : defaultTempDirectory(absolute, options.readOnly));
  if (temp !== undefined) config.temp_directory = temp;
  if (options.readOnly) config.access_mode = 'READ_ONLY';
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const instance = await DuckDBInstance.create(absolute, config);
      const connection = await instance.connect();
      if (!inMemory && !(await isFileBacked(connection))) {
        connection.closeSync();
        instance.closeSync();
        throw new InvalidArgumentError(
          `Warehouse.open: ${absolute} is not a DuckDB warehouse file (DuckDB reads it as a data file); name the warehouse e.g. shop.duckdb`,
        );
      }
      // The session zone never comes from the machine: zones are explicit parameters.
      await connection.run("set TimeZone = 'UTC'");
      // Progress is polled by `progress()`; DuckDB prints nothing itself.
      await connection.run('set enable_progress_bar = true; set enable_progress_bar_print = false');
      return { instance, connection, path: absolute };
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw error;
      const message = firstLine(error instanceof Error ? error.message : String(error));
      const busy = isLockConflict(message);
      const waited = Date.now() - started;
      if (busy && waited < lockTimeoutMs) {
        if (attempt === 0) options.onLockWait?.({ path: absolute, timeoutMs: lockTimeoutMs });
        await new Promise((r) => setTimeout(r, Math.min(lockRetryDelayMs(attempt), lockTimeoutMs - waited)));
        continue;
      }
      if (busy) {
        throw new WarehouseBusyError(
          `Warehouse.open: the warehouse ${absolute} is in use by another process (waited ${Math.round(waited / 1000)} s); wait for it to finish or allow a longer wait with --lock-timeout SECONDS (lockTimeoutMs in the library) (${message})`,
          null,
          { cause: error },
        );
      }
      if (/not a valid DuckDB database/i.test(message)) {
        throw new InvalidArgumentError(`Warehouse.open: ${absolute} is not a DuckDB warehouse file`, {
          cause: error,
        });
      }
      throw new WarehouseError(`Warehouse.open: cannot open ${absolute}: ${message}`, null, {
        cause: error,
      });
    }
  }
}

let readers = 0;

/** Where a connection spills: see {@link WarehouseOptions.tempDirectory}. */
function defaultTempDirectory(warehouse: string, readOnly: boolean | undefined): string {
  if (!readOnly) return `${warehouse}.tmp`;
  readers++;
  return join(tmpdir(), `shopstat-read-${process.pid}-${readers}-${basename(warehouse)}.tmp`);
}

/**
 * Refuses, before DuckDB sees it, a path that is not a warehouse: a missing file opened read-only
 * (never created), a folder, or an existing file without DuckDB's magic bytes (`DUCK` at offset
 * 8), which DuckDB would refuse or, for a name like `orders.csv`, open as an empty in-memory
 * database. An empty file is left to DuckDB, which starts a new database in it.
 */
function checkWarehouseFile(path: string, readOnly: boolean): void {
  if (!existsSync(path)) {
    if (readOnly) throw new InvalidArgumentError(`Warehouse.open: no warehouse file at ${path}`);
    return;
  }
  const stat = statSync(path);
  if (!stat.isFile()) throw new InvalidArgumentError(`Warehouse.open: ${path} is not a file`);
  if (stat.size === 0) return;
  const head = Buffer.alloc(12);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 12 || head.toString('latin1', 8, 12) !== 'DUCK') {
    throw new InvalidArgumentError(`Warehouse.open: ${path} is not a DuckDB warehouse file`);
  }
}

/** Whether the connection's database is a file (DuckDB opens some data files as in-memory databases). */
async function isFileBacked(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    'select path from duckdb_databases() where database_name = current_database()',
  );
  return reader.currentRowCount === 1 && reader.value(0, 0) !== null;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  BIGINT,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBResultReader,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import { InvalidArgumentError, WarehouseBusyError, WarehouseError } from '../errors.ts';

/** Resource settings of a warehouse connection. Defaults are stated per field. */
export interface WarehouseOptions {
  /** DuckDB `memory_limit`; default `'1GB'` (peak RSS stays well under 2 GiB at 10M order lines). */
  readonly memoryLimit?: string;
  /** DuckDB `threads`; default 2 (the size of the reference machine). */
  readonly threads?: number;
  /** Spill directory; default `<warehouse>.tmp` beside the file, or DuckDB's default in memory. */
  readonly tempDirectory?: string;
  /** How long to wait for another process's lock on the file, in milliseconds; default 0 (fail at once). */
  readonly lockTimeoutMs?: number;
  /** Open read-only (several readers may share a file). Default false. */
  readonly readOnly?: boolean;
}

/** A parameter value with its DuckDB type, for values whose type cannot be inferred (lists). */
export class TypedParam {
  constructor(
    readonly value: DuckDBValue,
    readonly type: DuckDBType,
  ) {}
}

/** A `BIGINT[]` parameter (an empty list needs its type spelled out). */
export function bigintList(values: readonly (number | null)[]): TypedParam {
  return new TypedParam(listValue(values.map((v) => (v === null ? null : BigInt(v)))), LIST(BIGINT));
}

/** A `VARCHAR[]` parameter. */
export function varcharList(values: readonly (string | null)[]): TypedParam {
  return new TypedParam(listValue([...values]), LIST(VARCHAR));
}

/** A value bound to a statement. */
export type SqlValue = DuckDBValue | TypedParam;

/** Parameters bound to a statement: positional (`?`, `$1`) or named (`$name`). */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/** A row as plain JSON-serialisable data: DECIMAL as exact string, BIGINT as number when safe. */
export type Row = Record<string, JsonValue>;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A query with its bound values, as returned by query builders. */
export interface SqlQuery {
  readonly sql: string;
  readonly params?: SqlParams;
}

const DEFAULTS = { memoryLimit: '1GB', threads: 2, lockTimeoutMs: 0 } as const;

/**
 * The one door to DuckDB. Opens a warehouse file (or `:memory:`), runs statements with bound
 * parameters, reads results as plain rows, and scopes transactions. Close it with `close()`, or
 * use {@link withWarehouse}, which closes in `finally`.
 */
export class Warehouse {
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** Absolute path of the database file, or `:memory:`. */
    readonly path: string,
  ) {}

  /**
   * Opens (creating if needed) a warehouse. A file locked by another process is retried until
   * `lockTimeoutMs` has passed, then fails with {@link WarehouseBusyError}.
   *
   * @throws WarehouseBusyError when another process holds the file.
   * @throws WarehouseError when DuckDB cannot open the file.
   */
  static async open(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    const threads = options.threads ?? DEFAULTS.threads;
    if (!Number.isInteger(threads) || threads < 1) {
      throw new InvalidArgumentError(`Warehouse.open: threads must be a positive integer, got ${threads}`);
    }
    const memoryLimit = options.memoryLimit ?? DEFAULTS.memoryLimit;
    if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) {
      throw new InvalidArgumentError(`Warehouse.open: memoryLimit must look like '1GB', got ${memoryLimit}`);
    }
    const inMemory = path === ':memory:';
    const absolute = inMemory ? path : resolve(path);
    if (!inMemory) mkdirSync(dirname(absolute), { recursive: true });
    const config: Record<string, string> = {
      threads: String(threads),
      memory_limit: memoryLimit,
      // Insertion order is what gives accepted rows their record numbers.
      preserve_insertion_order: 'true',
    };
    const temp = options.tempDirectory ?? (inMemory ? undefined : `${absolute}.tmp`);
    if (temp !== undefined) config.temp_directory = temp;
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    const deadline = Date.now() + (options.lockTimeoutMs ?? DEFAULTS.lockTimeoutMs);
    for (let attempt = 0; ; attempt++) {
      try {
        const instance = await DuckDBInstance.create(absolute, config);
        const connection = await instance.connect();
        // The session zone never comes from the machine: zones are explicit parameters.
        await connection.run("set TimeZone = 'UTC'");
        // Progress is polled by `progress()`; DuckDB prints nothing itself.
        await connection.run('set enable_progress_bar = true; set enable_progress_bar_print = false');
        return new Warehouse(instance, connection, absolute);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // DuckDB: "Could not set lock on file ...: Conflicting lock is held in ... (PID n)".
        const busy = /could not set lock|conflicting lock/i.test(message);
        if (busy && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** Math.min(attempt, 5))));
          continue;
        }
        if (busy) {
          throw new WarehouseBusyError(
            `Warehouse.open: ${absolute} is in use by another process; wait for it to finish or pass a longer --lock-timeout (${firstLine(message)})`,
            null,
            { cause: error },
          );
        }
        throw new WarehouseError(`Warehouse.open: cannot open ${absolute}: ${firstLine(message)}`, null, {
          cause: error,
        });
      }
    }
  }

  /** Runs a statement (or several separated by `;` when there are no parameters). */
  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.exec(sql, params);
  }

  /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
  async changes(sql: string, params?: SqlParams): Promise<number> {
    const reader = await this.exec(sql, params);
    const first = reader.getRowObjectsJson()[0];
    return first === undefined ? 0 : Number(Object.values(first)[0]);
  }

  /** Runs a query and returns its rows as plain data (see {@link Row}). */
  async all<T = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.exec(sql, params);
    return toRows(reader) as unknown as T[];
  }

  /** Runs a query and returns its first row, or `null` when it has none. */
  async one<T = Row>(sql: string, params?: SqlParams): Promise<T | null> {
    const rows = await this.all<T>(sql, params);
    return rows[0] ?? null;
  }

  /** Runs a query whose first row's first column is a number (a count, say). */
  async scalar(sql: string, params?: SqlParams): Promise<number | string | null> {
    const reader = await this.exec(sql, params);
    const rows = toRows(reader);
    const first = rows[0];
    if (first === undefined) return null;
    const value = Object.values(first)[0];
    return typeof value === 'number' || typeof value === 'string' ? value : null;
  }

  /**
   * Runs `fn` inside one transaction: committed when it resolves, rolled back when it throws.
   * Nothing of a rolled-back transaction is visible, also after a crash.
   */
  async transaction<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
    await this.run('begin transaction');
    try {
      const result = await fn(this);
      await this.run('commit');
      return result;
    } catch (error) {
      try {
        await this.run('rollback');
      } catch {
        // The transaction may already be aborted by DuckDB; the original error matters.
      }
      throw error;
    }
  }

  /**
   * How far the statement now running has got, in percent (DuckDB's estimate), or null when no
   * statement is running or DuckDB cannot tell. Safe to call from a timer while awaiting a query.
   */
  progress(): number | null {
    if (this.closed) return null;
    const p = this.connection.progress.percentage;
    return Number.isFinite(p) && p >= 0 ? Math.min(100, p) : null;
  }

  /** Closes the connection and the database; further calls fail. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async exec(sql: string, params?: SqlParams): Promise<DuckDBResultReader> {
    if (this.closed) throw new WarehouseError('Warehouse: the warehouse is closed', sql);
    try {
      if (params === undefined) return await this.connection.runAndReadAll(sql);
      if (Array.isArray(params)) {
        const list = params as readonly SqlValue[];
        return await this.connection.runAndReadAll(
          sql,
          list.map((v) => (v instanceof TypedParam ? v.value : v)),
          list.map((v) => (v instanceof TypedParam ? v.type : (undefined as unknown as DuckDBType))),
        );
      }
      const values: Record<string, DuckDBValue> = {};
      const types: Record<string, DuckDBType | undefined> = {};
      for (const [k, v] of Object.entries(params as Record<string, SqlValue>)) {
        // Named parameters the statement does not use are left out (DuckDB refuses them).
        if (!new RegExp(`\\$${k}\\b`).test(sql)) continue;
        values[k] = v instanceof TypedParam ? v.value : v;
        if (v instanceof TypedParam) types[k] = v.type;
      }
      return await this.connection.runAndReadAll(sql, values, types);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new WarehouseError(`Warehouse: ${firstLine(message)}`, sql, { cause: error });
    }
  }
}

/**
 * Opens a warehouse, runs `fn` with it and closes it in `finally`.
 *
 * @example await withWarehouse(':memory:', {}, (wh) => wh.scalar('select 1')) // 1
 */
export async function withWarehouse<T>(
  path: string,
  options: WarehouseOptions,
  fn: (wh: Warehouse) => Promise<T>,
): Promise<T> {
  const wh = await Warehouse.open(path, options);
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function toRows(reader: DuckDBResultReader): Row[] {
  const rows = reader.getRowObjectsJson() as Row[];
  const types = reader.columnTypes().map((t) => t.toString());
  const names = reader.columnNames();
  const integerColumns = names.filter((_, i) => /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT)$/.test(types[i] ?? ''));
  if (integerColumns.length === 0) return rows;
  for (const row of rows) {
    for (const name of integerColumns) {
      const value = row[name];
      if (typeof value === 'string') {
        const n = Number(value);
        if (Number.isSafeInteger(n)) row[name] = n;
      }
    }
  }
  return rows;
}

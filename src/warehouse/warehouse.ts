import type { DuckDBConnection, DuckDBInstance, DuckDBResult, DuckDBResultReader } from '@duckdb/node-api';
import { WarehouseError } from '../errors.ts';
import { type ColumnInfo, type ResultWarning, type Row, RowDecoder, resultColumns } from './decode.ts';
import { attachFile, type FileTable } from './file-table.ts';
import { openDatabase, type WarehouseOptions } from './open-database.ts';
import { bindParams, type SqlParams, type SqlQuery, toSqlQuery } from './params.ts';
import { type ResolvedTable, resolveColumn, resolveTable } from './table-columns.ts';

export type { WarehouseOptions } from './open-database.ts';

/** A query's result: its columns with their DuckDB types, its rows, and what a reader should know. */
export interface QueryResult<T = Row> {
  readonly columns: ColumnInfo[];
  readonly rows: T[];
  readonly warnings: ResultWarning[];
}

/**
 * The one door to DuckDB. Opens a warehouse file (or `:memory:`), runs statements with bound
 * parameters, reads results as plain rows (decoded as {@link RowDecoder} states: counts as numbers,
 * DECIMAL as exact strings, NaN as null with a warning, dates and timestamps as ISO text), streams
 * large results, and scopes transactions. Close it with `close()`, or use {@link withWarehouse},
 * which closes in `finally`. Keep connections short-lived: while one is open, no other process
 * can write the file (and while a writer's is open, nobody else can open it).
 */
export class Warehouse {
  private closed = false;
  private streaming = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** Absolute path of the database file, or `:memory:`. */
    readonly path: string,
  ) {}

  /**
   * Opens a warehouse, creating the file unless `readOnly`. A file locked by another process is
   * retried (50 ms, doubling to 1 s between attempts) until `lockTimeoutMs` (default 10 minutes)
   * has passed, then fails with {@link WarehouseBusyError}.
   *
   * @throws InvalidArgumentError for bad settings, a missing file opened read-only, or a file
   *   that is not a DuckDB database (naming it).
   * @throws WarehouseBusyError when another process still holds the file after the wait.
   * @throws WarehouseError when DuckDB cannot open the file for another reason.
   */
  static async open(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    const db = await openDatabase(path, options);
    return new Warehouse(db.instance, db.connection, db.path);
  }

  /** Runs a statement (or several separated by `;` when there are no parameters). */
  async run(sql: string | SqlQuery, params?: SqlParams): Promise<void> {
    await this.execute(toSqlQuery('run', sql, params));
  }

  /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
  async changes(sql: string | SqlQuery, params?: SqlParams): Promise<number> {
    const reader = await this.execute(toSqlQuery('changes', sql, params));
    return reader.currentRowCount === 0 ? 0 : Number(reader.value(0, 0));
  }

  /**
   * How many statements a SQL text holds: 0 for blank or comment-only text. Note that `query`,
   * `all`, `one` and `scalar` given several statements without parameters run them all and return
   * the first one's result; a command taking one query from a user checks this first.
   *
   * @throws WarehouseError with DuckDB's parser message for text it cannot parse.
   */
  async statementCount(sql: string): Promise<number> {
    this.assertUsable(sql);
    try {
      return (await this.connection.extractStatements(sql)).count;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // DuckDB's client reports text without any statement as an error without a message.
      if (message === 'Error in native callback') return 0;
      throw this.wrap(new Error(message.replace(/^Failed to extract statements: /, '')), sql);
    }
  }

  /**
   * Runs a query and returns its columns (name and DuckDB type), its rows decoded as
   * {@link RowDecoder} states, and its warnings (`non_finite_double`).
   *
   * @throws WarehouseError with the statement when DuckDB fails, or naming the column and value
   *   when a count is beyond 2^53.
   * @example await wh.query('select 1::bigint as n') // { columns: [{ name: 'n', type: 'BIGINT' }], rows: [{ n: 1 }], warnings: [] }
   */
  async query<T = Row>(sql: string | SqlQuery, params?: SqlParams): Promise<QueryResult<T>> {
    const reader = await this.execute(toSqlQuery('query', sql, params));
    const columns = resultColumns(reader);
    const decoder = new RowDecoder(columns);
    const rows = decoder.decodeRows(reader.getRows(), reader.columnTypes());
    return { columns, rows: rows as unknown as T[], warnings: decoder.takeWarnings() };
  }

  /** Runs a query and returns its rows (see {@link query} for the decoding; its warnings are dropped). */
  async all<T = Row>(sql: string | SqlQuery, params?: SqlParams): Promise<T[]> {
    return (await this.query<T>(toSqlQuery('all', sql, params))).rows;
  }

  /** Runs a query and returns its first row, or `null` when it has none. */
  async one<T = Row>(sql: string | SqlQuery, params?: SqlParams): Promise<T | null> {
    const rows = await this.all<T>(toSqlQuery('one', sql, params));
    return rows[0] ?? null;
  }

  /**
   * Runs a query and returns its first row's first value when it is a number or a string (a
   * count, a DECIMAL sum), else `null` (also for an empty result).
   */
  async scalar(sql: string | SqlQuery, params?: SqlParams): Promise<number | string | null> {
    const first = (await this.query(toSqlQuery('scalar', sql, params))).rows[0];
    if (first === undefined) return null;
    const value = Object.values(first)[0];
    return typeof value === 'number' || typeof value === 'string' ? value : null;
  }

  /**
   * Streams a large result as batches of rows (one DuckDB data chunk each, 2,048 rows), decoded
   * like {@link query}; each batch carries the warnings of its own rows. Rows are fetched as the
   * loop asks for them, so memory stays at one batch. A result without rows yields one empty
   * batch, so its columns are still known. The stream is released in `finally`, also
   * when the loop breaks early; no other statement may run on this warehouse until then.
   *
   * @throws WarehouseError when DuckDB fails, or when another statement is started mid-stream.
   * @example for await (const batch of wh.stream('select * from silver.fact_orders')) total += batch.rows.length;
   */
  async *stream(sql: string | SqlQuery, params?: SqlParams): AsyncGenerator<QueryResult> {
    const query = toSqlQuery('stream', sql, params);
    this.assertUsable(query.sql);
    let result: DuckDBResult;
    try {
      if (query.params === undefined) {
        result = await this.connection.stream(query.sql);
      } else {
        const bound = bindParams(query.sql, query.params);
        result = await this.connection.stream(query.sql, bound.values, bound.types);
      }
    } catch (error) {
      throw this.wrap(error, query.sql);
    }
    this.streaming = true;
    try {
      const columns = resultColumns(result);
      const types = result.columnTypes();
      const decoder = new RowDecoder(columns);
      let yielded = false;
      for (;;) {
        let chunk: Awaited<ReturnType<DuckDBResult['fetchChunk']>>;
        try {
          chunk = await result.fetchChunk();
        } catch (error) {
          throw this.wrap(error, query.sql);
        }
        if (chunk === null || chunk.rowCount === 0) {
          if (!yielded) yield { columns, rows: [], warnings: [] };
          return;
        }
        const rows = decoder.decodeRows(chunk.getRows(), types);
        yielded = true;
        yield { columns, rows, warnings: decoder.takeWarnings() };
      }
    } finally {
      this.streaming = false;
    }
  }

  /**
   * The columns of a table or view named as a user names it (`gold.monthly_kpis`, a file view),
   * with their DuckDB types, in table order. See {@link resolveTable} for how the name is matched.
   *
   * @throws InvalidArgumentError naming the table and listing the tables there are.
   */
  async columnsOf(table: string): Promise<ColumnInfo[]> {
    return (await resolveTable(this, table)).columns;
  }

  /** A table or view named as a user names it, with its quoted SQL name and its columns. */
  async resolveTable(table: string): Promise<ResolvedTable> {
    return resolveTable(this, table);
  }

  /**
   * A user's column name checked against the table's real columns (spaces, quotes and Unicode
   * are fine; case is ignored when unambiguous). Quote the returned name with `quoteIdentifier`.
   *
   * @throws InvalidArgumentError naming the column and listing the table's columns.
   */
  async resolveColumn(table: string, column: string): Promise<ColumnInfo> {
    return resolveColumn(this, table, column);
  }

  /**
   * A CSV or Parquet file read as a table: a temporary view `name` over the file, with the type
   * DuckDB chose for each column (sniffed over the whole CSV). See `attachFile` in `file-table.ts`.
   *
   * @throws InvalidArgumentError naming the file when it is missing, unreadable or not CSV/Parquet.
   */
  async attachFile(path: string, name: string): Promise<FileTable> {
    return attachFile(this, path, name);
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

  /** Closes the connection and the database, releasing the file; further calls fail. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private assertUsable(sql: string): void {
    if (this.closed) throw new WarehouseError('Warehouse: the warehouse is closed', sql);
    if (this.streaming) {
      throw new WarehouseError(
        'Warehouse: a stream is still being read; finish or break its loop before the next statement',
        sql,
      );
    }
  }

  private async execute(query: SqlQuery): Promise<DuckDBResultReader> {
    this.assertUsable(query.sql);
    try {
      if (query.params === undefined) return await this.connection.runAndReadAll(query.sql);
      const bound = bindParams(query.sql, query.params);
      return await this.connection.runAndReadAll(query.sql, bound.values, bound.types);
    } catch (error) {
      throw this.wrap(error, query.sql);
    }
  }

  private wrap(error: unknown, sql: string): WarehouseError {
    const message = error instanceof Error ? error.message : String(error);
    return new WarehouseError(`Warehouse: ${firstLine(message)}`, sql, { cause: error });
  }
}

/**
 * Opens a warehouse, runs `fn` with it and closes it in `finally`, so the file is held only as
 * long as `fn` runs. Readers pass `{ readOnly: true }`: they then wait (up to `lockTimeoutMs`,
 * default 10 minutes) for a running load instead of failing, and never block another reader.
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

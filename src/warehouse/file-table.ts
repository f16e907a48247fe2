import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, WarehouseError } from '../errors.ts';
import type { ColumnInfo } from './decode.ts';
import { quoteIdentifier, quoteLiteral } from './identifiers.ts';
import type { Warehouse } from './warehouse.ts';

/** How a data file is read: CSV (also gzip-compressed) or Parquet. */
export type FileFormat = 'csv' | 'parquet';

/** A CSV or Parquet file read as a table: a temporary view, and the type chosen for each column. */
export interface FileTable {
  readonly kind: 'file_table';
  /** The view's name (quote it with `quoteIdentifier` in SQL). */
  readonly name: string;
  /** The file's absolute path. */
  readonly path: string;
  readonly format: FileFormat;
  /** Each column with the DuckDB type sniffed over the whole file (CSV) or stored in it (Parquet). */
  readonly columns: ColumnInfo[];
}

/**
 * The format of a data file, from its name: `.csv`, `.tsv`, `.txt` (each also `.gz`) are CSV,
 * `.parquet` is Parquet.
 *
 * @throws InvalidArgumentError for any other name.
 */
export function fileFormat(path: string): FileFormat {
  const lower = path.toLowerCase().replace(/\.gz$/, '');
  if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
  if (lower.endsWith('.parquet') && !path.toLowerCase().endsWith('.gz')) return 'parquet';
  throw new InvalidArgumentError(
    `attachFile: cannot tell the format of ${path}; name it .csv, .csv.gz, .tsv or .parquet`,
  );
}

/**
 * Makes a data file readable as a table of this connection: a temporary view `name` over
 * `read_csv(path, sample_size = -1, null_padding = true)` (DuckDB's CSV sniffer over every row, so
 * a column is typed from all its values, not the first 20,480; a record with fewer fields than the
 * header reads as NULL in the missing ones, where a strict sniff would give up on the delimiter and
 * read the whole line as one column) or `read_parquet(path)`. The view reads the file on
 * each query (and a CSV is sniffed again each time), so the file is never copied; it lives until
 * the warehouse is closed. Works on a read-only warehouse and in `:memory:`.
 *
 * @throws InvalidArgumentError naming the file when it is missing, not a file, unreadable, of an
 *   unknown format, or not readable as CSV or Parquet (with DuckDB's message).
 * @example const t = await attachFile(wh, 'exports/orders.csv', 'orders') // t.columns: [{ name: 'order_id', type: 'VARCHAR' }, ...]
 */
export async function attachFile(wh: Warehouse, path: string, name: string): Promise<FileTable> {
  if (name === '') throw new InvalidArgumentError('attachFile: the table name is empty');
  const absolute = resolve(path);
  let isFile: boolean;
  try {
    isFile = statSync(absolute).isFile();
    accessSync(absolute, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidArgumentError(
      `attachFile: ${code === 'ENOENT' ? 'no file' : 'cannot read the file'} ${absolute}${code && code !== 'ENOENT' ? ` (${code})` : ''}`,
      { cause: error },
    );
  }
  if (!isFile) throw new InvalidArgumentError(`attachFile: ${absolute} is not a file`);
  const format = fileFormat(absolute);
  // A view stores its text, so the path cannot be a bound parameter: it is a quoted literal.
  const reader =
    format === 'csv'
      ? `read_csv(${quoteLiteral(absolute)}, sample_size = -1, null_padding = true)`
      : `read_parquet(${quoteLiteral(absolute)})`;
  const view = quoteIdentifier(name);
  try {
    await wh.run(`create or replace temp view ${view} as select * from ${reader}`);
    const described = await wh.all<{ column_name: string; column_type: string }>(
      `describe select * from ${view}`,
    );
    return {
      kind: 'file_table',
      name,
      path: absolute,
      format,
      columns: described.map((c) => ({ name: c.column_name, type: c.column_type })),
    };
  } catch (error) {
    if (!(error instanceof WarehouseError)) throw error;
    throw new InvalidArgumentError(
      `attachFile: cannot read ${absolute} as ${format === 'csv' ? 'CSV' : 'Parquet'}: ${error.message.replace(/^Warehouse: /, '')}`,
      { cause: error },
    );
  }
}

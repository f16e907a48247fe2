import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from '../src/errors.ts';
import { qualifiedName, quoteLiteral, validateIdentifier, type Warehouse } from '../src/warehouse/index.ts';

export type ExportFormat = 'parquet' | 'csv';
export type ExportLayer = 'bronze' | 'quarantine' | 'silver' | 'gold' | 'meta';
export const EXPORT_LAYERS: readonly ExportLayer[] = ['bronze', 'quarantine', 'silver', 'gold', 'meta'];

export interface ExportOptions {
  readonly layer: ExportLayer;
  readonly outDir: string;
  /** Default `'parquet'`. */
  readonly format?: ExportFormat;
}

export interface ExportedTable {
  readonly table: string;
  readonly path: string;
  readonly rows: number;
  /** The column the Hive-style `month=YYYY-MM` folders are taken from, or null. */
  readonly partitionedBy: string | null;
}

export interface ExportResult {
  readonly kind: 'export';
  readonly options: { readonly layer: ExportLayer; readonly outDir: string; readonly format: ExportFormat };
  readonly tables: readonly ExportedTable[];
}

/**
 * The column DuckDB partitions by while writing: the month as `YYYY-MM` text, under a name no table
 * has, so that it never replaces a column of the table (a DATE `month` stays in the files).
 * Its folders (`__export_month=2025-01`) are then renamed to `month=2025-01`.
 */
const PARTITION_KEY = '__export_month';

/** Columns that give a table its month, in order of preference. */
const MONTH_SOURCES = ['month', 'order_month', 'date', 'order_date', 'event_date', 'order_ts', 'event_ts'];

/**
 * Writes every table of a layer under `outDir/<table>/`, as Parquet (money stays DECIMAL) or CSV.
 * A table with a month (a `month` column, or a date or timestamp it can be taken from) is split
 * into Hive-style `month=YYYY-MM` folders, which Spark, Databricks and Trino read as a partition
 * column. The files keep every column of the table, a DATE `month` included (an ISO date in CSV),
 * so a file read on its own, or in Excel, still has its month; DuckDB reads the files' DATE with
 * `hive_partitioning = false` and the folders' `YYYY-MM` text otherwise. A table's folder is
 * replaced as a whole.
 *
 * @throws InvalidArgumentError for an unknown layer or format.
 */
export async function exportLayer(wh: Warehouse, options: ExportOptions): Promise<ExportResult> {
  const format = options.format ?? 'parquet';
  if (!EXPORT_LAYERS.includes(options.layer)) {
    throw new InvalidArgumentError(
      `exportLayer: layer must be one of ${EXPORT_LAYERS.join(', ')}, got ${JSON.stringify(options.layer)}`,
    );
  }
  if (format !== 'parquet' && format !== 'csv') {
    throw new InvalidArgumentError(
      `exportLayer: format must be parquet or csv, got ${JSON.stringify(format)}`,
    );
  }
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const tables = await wh.all<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = $layer and table_catalog = current_database() and not ends_with(table_name, '__next') order by 1`,
    { layer: options.layer },
  );
  const exported: ExportedTable[] = [];
  for (const { table_name } of tables) {
    validateIdentifier(table_name, 'table name');
    const described = await wh.all<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_schema = $layer and table_name = $t order by ordinal_position`,
      { layer: options.layer, t: table_name },
    );
    const allColumns = described.map((c) => c.column_name);
    // Only a date or timestamp column gives a month.
    const temporal = new Set(
      described.filter((c) => /^(DATE|TIMESTAMP)/.test(c.data_type)).map((c) => c.column_name),
    );
    const source = MONTH_SOURCES.find((c) => temporal.has(c)) ?? null;
    if (source !== null && source !== 'month' && allColumns.includes('month')) {
      throw new InvalidArgumentError(
        `exportLayer: ${options.layer}.${table_name} has a column 'month' that is not a date, which the month=YYYY-MM folders would clash with`,
      );
    }
    if (source !== null && allColumns.includes(PARTITION_KEY)) {
      throw new InvalidArgumentError(
        `exportLayer: ${options.layer}.${table_name} has a column '${PARTITION_KEY}', the name export uses for its month folders`,
      );
    }
    const path = join(outDir, table_name);
    rmSync(path, { recursive: true, force: true });
    const name = qualifiedName(options.layer, table_name);
    const rows = Number(await wh.scalar(`select count(*) from ${name}`));
    const fmt = format === 'parquet' ? 'format parquet, compression zstd' : 'format csv, header true';
    if (source === null || rows === 0) {
      mkdirSync(path, { recursive: true });
      const file = join(path, `data.${format}`);
      await wh.run(`copy (select * from ${name}) to ${quoteLiteral(file)} (${fmt})`);
    } else {
      await writeByMonth(wh, name, source, path, fmt);
    }
    exported.push({ table: `${options.layer}.${table_name}`, path, rows, partitionedBy: source });
  }
  return { kind: 'export', options: { layer: options.layer, outDir, format }, tables: exported };
}

/**
 * Writes a table into one `month=YYYY-MM/` folder per month of its `source` column, in one pass
 * (DuckDB's partitioned COPY), every column of the table kept in the files; rows without a month
 * go to `month=__HIVE_DEFAULT_PARTITION__/`, Hive's folder for null.
 */
async function writeByMonth(
  wh: Warehouse,
  table: string,
  source: string,
  path: string,
  fmt: string,
): Promise<void> {
  // A TIMESTAMPTZ's month is read in the session zone, UTC (bronze); silver and gold have local dates.
  const month = `strftime(${qualifiedName(source)}, '%Y-%m')`;
  await wh.run(
    `copy (select *, ${month} as ${qualifiedName(PARTITION_KEY)} from ${table}) to ${quoteLiteral(path)} (${fmt}, partition_by (${qualifiedName(PARTITION_KEY)}), overwrite_or_ignore true)`,
  );
  const prefix = `${PARTITION_KEY}=`;
  for (const folder of readdirSync(path)) {
    if (folder.startsWith(prefix))
      renameSync(join(path, folder), join(path, `month=${folder.slice(prefix.length)}`));
  }
}

import { qualifiedName, quoteIdentifier } from '../src/warehouse/index.ts';
import { type ColumnSpec, type ColumnType, ENTITIES, type EntitySpec, MONEY_SQL_TYPE } from './contract.ts';

/** The DuckDB type a contract column has in bronze. */
export function bronzeType(type: ColumnType): string {
  switch (type) {
    case 'integer':
      return 'INTEGER';
    case 'money':
      return MONEY_SQL_TYPE;
    case 'timestamp':
      return 'TIMESTAMPTZ';
    case 'date':
      return 'DATE';
    default:
      return 'VARCHAR';
  }
}

/** Name of the column keeping a timestamp's naive wall-clock value (null when it carried a zone). */
export function wallColumn(column: ColumnSpec): string {
  return `_${column.name}_wall`;
}

function bronzeColumns(entity: EntitySpec): string[] {
  const cols: string[] = [];
  for (const c of entity.columns) {
    cols.push(`${quoteIdentifier(c.name)} ${bronzeType(c.type)}`);
    if (c.type === 'timestamp') cols.push(`${quoteIdentifier(wallColumn(c))} TIMESTAMP`);
  }
  return cols;
}

const AUDIT = [
  '_extra MAP(VARCHAR, VARCHAR)',
  '_source_file VARCHAR NOT NULL',
  '_file_id INTEGER NOT NULL',
  '_row_number BIGINT NOT NULL',
  '_ingested_at TIMESTAMPTZ NOT NULL',
  '_run_id INTEGER NOT NULL',
];

/**
 * Columns of `meta.file_ledger` added by schema version 2: what judged the file besides its bytes
 * and time zone (the mapping file's sha256, null without a mapping; the `--max-rejected`
 * threshold as `share/minRows/keep`), so a rejected file is retried when they change; and the
 * sha256 of its decompressed content (the stored bytes' for a plain file), which finds a
 * duplicate delivery whatever its compression.
 */
export const LEDGER_V2_COLUMNS = [
  'mapping_sha256 VARCHAR',
  'max_rejected VARCHAR',
  'content_sha256 VARCHAR',
] as const;

/**
 * DDL of the bronze, quarantine and meta layers. Idempotent (`if not exists`). Silver and gold
 * are built by their SQL models.
 */
export function schemaDdl(): string {
  const out: string[] = [
    'create schema if not exists bronze',
    'create schema if not exists quarantine',
    'create schema if not exists silver',
    'create schema if not exists gold',
    'create schema if not exists meta',
  ];
  for (const e of ENTITIES) {
    out.push(
      `create table if not exists ${qualifiedName('bronze', e.name)} (${[
        ...bronzeColumns(e),
        // Optional fields that failed to parse and were set to null, as `column=value; ...`.
        '_nulled VARCHAR',
        ...AUDIT,
      ].join(', ')})`,
    );
    out.push(
      `create table if not exists ${qualifiedName('quarantine', e.name)} (${[
        ...e.columns.map((c) => `${quoteIdentifier(c.name)} VARCHAR`),
        '_raw VARCHAR',
        '_reason VARCHAR NOT NULL',
        '_detail VARCHAR',
        ...AUDIT,
      ].join(', ')})`,
    );
  }
  out.push(
    `create table if not exists meta.schema_version (version INTEGER NOT NULL, created_at TIMESTAMPTZ NOT NULL)`,
    `create table if not exists meta.runs (
      run_id INTEGER PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ,
      status VARCHAR NOT NULL, time_zone VARCHAR NOT NULL, landing VARCHAR NOT NULL,
      files_seen INTEGER, files_loaded INTEGER, files_reprocessed INTEGER, files_skipped INTEGER,
      files_rejected INTEGER, files_unmatched INTEGER, rows_read BIGINT, rows_accepted BIGINT,
      rows_rejected BIGINT, gold_rebuilt BOOLEAN, duration_ms BIGINT, message VARCHAR)`,
    `create table if not exists meta.file_ledger (
      file_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL UNIQUE, entity VARCHAR,
      bytes BIGINT NOT NULL, sha256 VARCHAR NOT NULL, status VARCHAR NOT NULL, reason VARCHAR,
      detail VARCHAR, rows_read BIGINT, rows_accepted BIGINT, rows_rejected BIGINT,
      first_run_id INTEGER NOT NULL, run_id INTEGER NOT NULL, ingested_at TIMESTAMPTZ NOT NULL,
      time_zone VARCHAR NOT NULL, ${LEDGER_V2_COLUMNS.join(', ')})`,
    `create table if not exists meta.run_files (
      run_id INTEGER NOT NULL, file_name VARCHAR NOT NULL, entity VARCHAR, action VARCHAR NOT NULL,
      reason VARCHAR, detail VARCHAR, rows_read BIGINT, rows_accepted BIGINT, rows_rejected BIGINT,
      duration_ms BIGINT)`,
    `create table if not exists meta.dq_results (
      run_id INTEGER NOT NULL, layer VARCHAR NOT NULL, check_name VARCHAR NOT NULL,
      severity VARCHAR NOT NULL, passed BOOLEAN NOT NULL, failing_rows BIGINT NOT NULL,
      detail VARCHAR, checked_at TIMESTAMPTZ NOT NULL)`,
    // One row: bumped by every committed change to bronze (file loaded, reprocessed).
    `create table if not exists meta.ledger_state (version BIGINT NOT NULL)`,
    // One row: what the current silver and gold tables were built from.
    `create table if not exists meta.gold_state (
      run_id INTEGER NOT NULL, built_at TIMESTAMPTZ NOT NULL, ledger_version BIGINT NOT NULL,
      time_zone VARCHAR NOT NULL, schema_version INTEGER NOT NULL)`,
  );
  return `${out.join(';\n')};`;
}

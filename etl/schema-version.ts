import { InvalidArgumentError } from '../src/errors.ts';
import type { Warehouse } from '../src/warehouse/index.ts';
import { SCHEMA_VERSION } from './contract.ts';
import { LEDGER_V2_COLUMNS, schemaDdl } from './schema.ts';

/** What {@link prepareSchema} did to the warehouse's layout. */
export interface SchemaPreparation {
  /** The version the warehouse had before the run; null for a new warehouse. */
  readonly from: number | null;
  readonly to: number;
  readonly upgraded: boolean;
}

/** In-place upgrades, by the version they start from. Each is idempotent. */
const UPGRADES: Readonly<Record<number, readonly string[]>> = {
  1: LEDGER_V2_COLUMNS.map((c) => `alter table meta.file_ledger add column if not exists ${c}`),
};

/**
 * Brings the warehouse's layout to {@link SCHEMA_VERSION} before anything reads it: a new
 * warehouse gets the current layout; one written by an earlier version is upgraded in place, in
 * one transaction, and the upgrade recorded in `meta.schema_version` (one row per version); one
 * written by a newer version, or with meta tables but no version, is refused and left untouched.
 *
 * @throws InvalidArgumentError for a warehouse of a newer or unknown version, saying how to rebuild it.
 */
export async function prepareSchema(wh: Warehouse, now: () => Date): Promise<SchemaPreparation> {
  const from = await storedVersion(wh);
  if (from !== null && from > SCHEMA_VERSION) {
    throw new InvalidArgumentError(
      `etl: the warehouse ${wh.path} has schema version ${from}, newer than the ${SCHEMA_VERSION} this shopstat reads: it was written by a newer shopstat. Use that version, or rebuild the warehouse with this one: move the file away and run etl on the landing folder again`,
    );
  }
  await wh.transaction(async () => {
    if (from !== null) {
      for (let v = from; v < SCHEMA_VERSION; v++) {
        for (const sql of UPGRADES[v] ?? []) await wh.run(sql);
      }
    }
    await wh.run(schemaDdl());
    if (from !== SCHEMA_VERSION) {
      await wh.run('insert into meta.schema_version values ($v, $at)', {
        v: SCHEMA_VERSION,
        at: now().toISOString(),
      });
    }
  });
  return { from, to: SCHEMA_VERSION, upgraded: from !== null && from < SCHEMA_VERSION };
}

/**
 * The warehouse's schema version: null for a new one (no meta tables); 1 when the version table
 * is empty (the first run of version 1 died between creating it and filling it).
 *
 * @throws InvalidArgumentError when meta tables exist without a version table.
 */
async function storedVersion(wh: Warehouse): Promise<number | null> {
  const tables = (
    await wh.all<{ name: string }>(
      `select table_name as name from duckdb_tables()
       where database_name = current_database() and schema_name = 'meta'`,
    )
  ).map((t) => t.name);
  if (!tables.includes('schema_version')) {
    if (tables.length === 0) return null;
    throw new InvalidArgumentError(
      `etl: the warehouse ${wh.path} has meta tables (${tables.join(', ')}) but no meta.schema_version: it was not written by a shopstat this one can read. Rebuild it: move the file away and run etl on the landing folder again`,
    );
  }
  const version = await wh.scalar('select max(version) from meta.schema_version');
  return version === null ? 1 : Number(version);
}

import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../etl/contract.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { BASE_DIMENSIONS, EtlFixture } from '../support/fixtures.ts';

/** `meta.file_ledger` as schema version 1 created it (etl/schema.ts at commit 193b16a). */
const V1_FILE_LEDGER = `create table v1.file_ledger (
      file_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL UNIQUE, entity VARCHAR,
      bytes BIGINT NOT NULL, sha256 VARCHAR NOT NULL, status VARCHAR NOT NULL, reason VARCHAR,
      detail VARCHAR, rows_read BIGINT, rows_accepted BIGINT, rows_rejected BIGINT,
      first_run_id INTEGER NOT NULL, run_id INTEGER NOT NULL, ingested_at TIMESTAMPTZ NOT NULL,
      time_zone VARCHAR NOT NULL)`;

const ORDERS =
  'order_id,customer_id,order_ts,channel,payment_method,status,currency\no1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n';

let fx: EtlFixture;
afterEach(() => fx?.cleanup());

async function withWarehouse<T>(path: string, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await Warehouse.open(path);
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

const columns = (wh: Warehouse, schema: string) =>
  wh.all(
    `select column_name, data_type, is_nullable from information_schema.columns
     where table_schema = $s and table_name = 'file_ledger' order by ordinal_position`,
    { s: schema },
  );

/**
 * Turns a warehouse into the layout schema version 1 wrote: the ledger without the columns
 * version 2 added, version 1 recorded, gold built by version 1; checked against the v1 DDL.
 */
async function downgradeToVersion1(path: string): Promise<void> {
  await withWarehouse(path, async (wh) => {
    await wh.run('alter table meta.file_ledger drop column mapping_sha256');
    await wh.run('alter table meta.file_ledger drop column max_rejected');
    await wh.run('alter table meta.file_ledger drop column content_sha256');
    await wh.run('delete from meta.schema_version');
    await wh.run("insert into meta.schema_version values (1, '2026-01-01T00:00:00Z')");
    await wh.run('update meta.gold_state set schema_version = 1');
    await wh.run(`create schema v1; ${V1_FILE_LEDGER}`);
    expect(await columns(wh, 'meta')).toEqual(await columns(wh, 'v1'));
    await wh.run('drop schema v1 cascade');
  });
}

describe('warehouse schema versions', () => {
  it('a warehouse written by version 1 is upgraded in place on the first run: nothing reloaded, nothing lost', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ORDERS });
    await fx.run();
    const gold = await fx.query('select * from gold.monthly_kpis');
    await downgradeToVersion1(fx.warehouse);
    const upgraded = await fx.run();
    expect(upgraded.exitCode).toBe(0);
    expect(upgraded.files.every((f) => f.action === 'skip')).toBe(true);
    expect(await fx.query('select version from meta.schema_version order by version')).toEqual([
      { version: 1 },
      { version: SCHEMA_VERSION },
    ]);
    expect(
      await fx.query("select status, max_rejected from meta.file_ledger where file_name = 'orders.csv'"),
    ).toEqual([{ status: 'loaded', max_rejected: null }]);
    // Gold built by version 1 is rebuilt by this one, to the same figures.
    expect(upgraded.goldRebuilt).toBe(true);
    expect(await fx.query('select * from gold.monthly_kpis')).toEqual(gold);
    expect(await fx.query('select count(*) as n from bronze.orders')).toEqual([{ n: 1 }]);
  });

  it('a file rejected by version 1 is retried after the upgrade (its judge was not recorded), then rejected before', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': 'order_id,customer_id\no1,u1\n' });
    await fx.run();
    await downgradeToVersion1(fx.warehouse);
    const upgraded = await fx.run();
    expect(upgraded.files.find((f) => f.file === 'orders.csv')).toMatchObject({
      action: 'reject',
      reason: 'missing_column',
    });
    const next = await fx.run();
    expect(next.exitCode).toBe(0);
    expect(next.files.find((f) => f.file === 'orders.csv')?.action).toBe('rejected_before');
  });

  it('a warehouse written by a newer version is refused with exit 2 and a message saying how to rebuild it, and left untouched', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ORDERS });
    await fx.run();
    await withWarehouse(fx.warehouse, (wh) =>
      wh.run("insert into meta.schema_version values (99, '2030-01-01T00:00:00Z')"),
    );
    const runs = await fx.query('select * from meta.runs order by run_id');
    const error = await fx.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      `etl: the warehouse ${fx.warehouse} has schema version 99, newer than the ${SCHEMA_VERSION} this shopstat reads: it was written by a newer shopstat. Use that version, or rebuild the warehouse with this one: move the file away and run etl on the landing folder again`,
    );
    expect(await fx.query('select * from meta.runs order by run_id')).toEqual(runs);
  });

  it('a database with meta tables but no schema version is refused rather than misread', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ORDERS });
    await withWarehouse(fx.warehouse, (wh) =>
      wh.run('create schema meta; create table meta.file_ledger (file_name VARCHAR)'),
    );
    await expect(fx.run()).rejects.toThrow(
      `etl: the warehouse ${fx.warehouse} has meta tables (file_ledger) but no meta.schema_version: it was not written by a shopstat this one can read. Rebuild it: move the file away and run etl on the landing folder again`,
    );
    expect(await fx.query("select table_name from duckdb_tables() where schema_name = 'meta'")).toEqual([
      { table_name: 'file_ledger' },
    ]);
  });
});

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { Warehouse, withWarehouse } from '../../src/warehouse/index.ts';

let dir = '';
let wh: Warehouse | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopstat-file-'));
});
afterEach(() => {
  wh?.close();
  wh = null;
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Warehouse> {
  wh = await Warehouse.open(':memory:');
  return wh;
}

/** 30,000 rows whose `code` looks like an integer until the last row: a sample would type it BIGINT. */
function lateTextCsv(): string {
  const rows = ['id,code,amount,day'];
  for (let i = 1; i < 30_000; i++) rows.push(`${i},${i},${i}.25,2025-01-0${(i % 9) + 1}`);
  rows.push('30000,A-1,1.5,2025-01-01');
  return `${rows.join('\n')}\n`;
}

describe('attachFile', () => {
  it('reads a record with fewer fields than the header with NULLs, instead of the whole file as one column', async () => {
    // A strict sniff gives up on the delimiter when one record is short and reads each line as
    // a single text column named after the whole header line.
    const path = join(dir, 'short.csv');
    writeFileSync(path, 'id,channel,currency\n1,web,EUR\n2,mobile\n3,web,EUR\n');
    const w = await open();
    const table = await w.attachFile(path, 'short');
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'channel', 'currency']);
    expect(await w.all('select id, channel, currency from short order by id')).toEqual([
      { id: 1, channel: 'web', currency: 'EUR' },
      { id: 2, channel: 'mobile', currency: null },
      { id: 3, channel: 'web', currency: 'EUR' },
    ]);
  });

  it('reads a CSV as a table, with each column typed from every row of the file', async () => {
    const path = join(dir, 'orders.csv');
    writeFileSync(path, lateTextCsv());
    const w = await open();
    const table = await w.attachFile(path, 'my orders');
    expect(table).toEqual({
      kind: 'file_table',
      name: 'my orders',
      path,
      format: 'csv',
      columns: [
        { name: 'id', type: 'BIGINT' },
        { name: 'code', type: 'VARCHAR' }, // 'A-1' is row 30,000, past DuckDB's default sample of 20,480
        { name: 'amount', type: 'DOUBLE' },
        { name: 'day', type: 'DATE' },
      ],
    });
    expect(await w.one('select count(*) as n, max(code) as last from "my orders"')).toEqual({
      n: 30_000,
      last: 'A-1',
    });
    expect(await w.columnsOf('my orders')).toEqual(table.columns);
  });

  it('reads a gzip-compressed CSV and a Parquet file', async () => {
    const gz = join(dir, 'items.csv.gz');
    writeFileSync(gz, gzipSync('sku,qty\nA,1\nB,2\n'));
    const parquet = join(dir, 'kpis.parquet');
    await withWarehouse(':memory:', {}, (w) =>
      w.run(
        `copy (select date '2025-01-01' as month, 12.5::decimal(18,4) as revenue) to '${parquet}' (format parquet)`,
      ),
    );
    const w = await open();
    expect((await w.attachFile(gz, 'items')).columns).toEqual([
      { name: 'sku', type: 'VARCHAR' },
      { name: 'qty', type: 'BIGINT' },
    ]);
    const kpis = await w.attachFile(parquet, 'kpis');
    expect(kpis).toMatchObject({
      format: 'parquet',
      columns: [
        { name: 'month', type: 'DATE' },
        { name: 'revenue', type: 'DECIMAL(18,4)' },
      ],
    });
    expect(await w.all('select * from kpis')).toEqual([{ month: '2025-01-01', revenue: '12.5000' }]);
  });

  it('works on a read-only warehouse', async () => {
    const path = join(dir, 'shop.duckdb');
    await withWarehouse(path, {}, (w) => w.run('create table t (x integer)'));
    const csv = join(dir, 'x.csv');
    writeFileSync(csv, 'x\n1\n');
    expect(
      await withWarehouse(path, { readOnly: true }, async (w) => {
        await w.attachFile(csv, 'f');
        return w.scalar('select sum(x) from f');
      }),
    ).toBe(1);
  });

  it('takes a path with quotes and a name with quotes as they are', async () => {
    const path = join(dir, 'it\'s "odd".csv');
    writeFileSync(path, 'a\n1\n');
    const w = await open();
    await w.attachFile(path, 'x"; drop table y; --');
    expect(await w.all('select * from "x""; drop table y; --"')).toEqual([{ a: 1 }]);
  });

  it('names a missing, unreadable, unknown-format or undecodable file in an input error', async () => {
    const w = await open();
    const missing = join(dir, 'missing.csv');
    await expect(w.attachFile(missing, 't')).rejects.toThrow(`attachFile: no file ${missing}`);
    await expect(w.attachFile(dir, 't')).rejects.toThrow(`attachFile: ${dir} is not a file`);
    const xlsx = join(dir, 'book.xlsx');
    writeFileSync(xlsx, 'PK');
    await expect(w.attachFile(xlsx, 't')).rejects.toThrow(`attachFile: cannot tell the format of ${xlsx}`);
    const noise = join(dir, 'noise.parquet');
    writeFileSync(noise, 'not parquet at all');
    const error = await w.attachFile(noise, 't').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain(`attachFile: cannot read ${noise} as Parquet:`);
    if (process.getuid?.() !== 0) {
      // root reads any file, so the unreadable case is only checked for other users.
      const locked = join(dir, 'locked.csv');
      writeFileSync(locked, 'a\n1\n');
      chmodSync(locked, 0o000);
      await expect(w.attachFile(locked, 't')).rejects.toThrow(
        `attachFile: cannot read the file ${locked} (EACCES)`,
      );
    }
  });
});

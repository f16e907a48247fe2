import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { scanCsvFile } from '../../../etl/ingest/csv-scan.ts';
import { FileRejection } from '../../../etl/ingest/file-rejection.ts';
import { BASE_DIMENSIONS, EtlFixture, type TempDir, tempDir } from '../../support/fixtures.ts';

const ORDERS_HEADER = 'order_id,customer_id,order_ts,channel,payment_method,status,currency\n';
const ITEMS_HEADER = 'order_id,line_number,product_id,quantity,unit_price,discount_amount\n';
const ORDER = 'o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n';

let fx: EtlFixture | undefined;
let tmp: TempDir | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

const quarantined = (entity: string) =>
  (fx as EtlFixture).query(
    `select _row_number, _reason, _detail, _raw from quarantine.${entity} order by _source_file, _row_number`,
  );

describe('rows that do not fit are rejected', () => {
  it('a record with more fields than the header is malformed_row, also when the extra fields are empty (a European 1,50 price)', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}${ORDER}`,
      // Line 2 is `1,50` read as two fields: unit price 1 and discount 50, plus an empty 7th field.
      'order_items.csv': `${ITEMS_HEADER}o1,1,p1,1,10.00,\no1,2,p1,1,1,50,\no1,3,p1,1,1,50,7\no1,4,p1,2,3.00,1\n`,
    });
    const result = await fx.run();
    expect(result.files.find((f) => f.file === 'order_items.csv')).toMatchObject({
      rowsRead: 4,
      rowsAccepted: 2,
      rejectedByReason: { malformed_row: 2 },
    });
    const rows = await quarantined('order_items');
    expect(rows.map((r) => [r._row_number, r._reason, r._raw])).toEqual([
      [2, 'malformed_row', 'o1,2,p1,1,1,50,'],
      [3, 'malformed_row', 'o1,3,p1,1,1,50,7'],
    ]);
    expect(rows[0]?._detail).toBe('TOO MANY COLUMNS: the record has 7 fields, the header 6');
    // 1 x 10.00 + (2 x 3.00 - 1) = 15.0000
    expect(await fx.query('select revenue from silver.fact_orders')).toEqual([{ revenue: '15.0000' }]);
  });

  it('a stray CR inside an unquoted field makes only its record malformed_row, and LF and CRLF lines may mix', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}${ORDER}`,
      'order_items.csv': `${ITEMS_HEADER.replace('\n', '\r\n')}o1,1,p1,1,10.00,\r\no1,2,p1,1,2.00,\no1,3,p1,1\r,4.00,\no1,4,p1,1,"8.\r\n00",\no1,5,p1,1,1.00,\r\n`,
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(0);
    expect(result.files.find((f) => f.file === 'order_items.csv')).toMatchObject({
      rowsRead: 5,
      rowsAccepted: 3,
      // Record 4's quoted field holds a line break (`8.\r\n00`): not a number, bad_number.
      rejectedByReason: { malformed_row: 1, bad_number: 1 },
    });
    const rows = await quarantined('order_items');
    expect(rows.map((r) => [r._row_number, r._reason, r._detail])).toEqual([
      [3, 'malformed_row', 'STRAY CR: a carriage return inside an unquoted field'],
      [4, 'bad_number', 'unit_price=8.\r\n00'],
    ]);
    expect(await fx.query('select line_number, _row_number from bronze.order_items order by 1')).toEqual([
      { line_number: 1, _row_number: 1 },
      { line_number: 2, _row_number: 2 },
      { line_number: 5, _row_number: 5 },
    ]);
  });

  it('a zone offset past ±14:59 (+99:99) is bad_timestamp, +14:00 and -0930 are instants', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00+99:99,web,card,placed,EUR\no2,u1,2025-01-15 10:00:00+14:00,web,card,placed,EUR\no3,u1,2025-01-15T10:00:00-0930,web,card,placed,EUR\n`,
    });
    await fx.run();
    expect((await quarantined('orders')).map((r) => [r._reason, r._detail])).toEqual([
      ['bad_timestamp', 'order_ts=2025-01-15 10:00:00+99:99'],
    ]);
    // 10:00 at +14:00 is 20:00 the day before in UTC; 10:00 at -09:30 is 19:30 UTC.
    expect(
      await fx.query(
        "select order_id, strftime(order_ts, '%Y-%m-%d %H:%M') as utc from bronze.orders order by 1",
      ),
    ).toEqual([
      { order_id: 'o2', utc: '2025-01-14 20:00' },
      { order_id: 'o3', utc: '2025-01-15 19:30' },
    ]);
  });
});

describe('no poison rows', () => {
  it('line revenue and sums past DECIMAL(18,4) are computed exactly, and every later run still succeeds', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}${ORDER}o2,u1,2025-01-16 10:00:00,web,card,placed,EUR\n`,
      // 2 x 50,000,000,000,000 = 100,000,000,000,000 and 1,000,000 x 1,000,000,000.00 = 1e15:
      // both past DECIMAL(18,4)'s 99,999,999,999,999.9999.
      'order_items.csv': `${ITEMS_HEADER}o1,1,p1,2,50000000000000,\no2,1,p1,1000000,1000000000.00,\n`,
    });
    const first = await fx.run();
    expect(first.exitCode).toBe(0);
    expect(await fx.query('select order_id, revenue from silver.fact_orders order by 1')).toEqual([
      { order_id: 'o1', revenue: '100000000000000.0000' },
      { order_id: 'o2', revenue: '1000000000000000.0000' },
    ]);
    // 1e14 + 1e15
    expect(await fx.query('select revenue from gold.monthly_kpis')).toEqual([
      { revenue: '1100000000000000.0000' },
    ]);
    fx.write({ 'orders_2.csv': `${ORDERS_HEADER}o3,u2,2025-01-17 10:00:00,web,card,placed,EUR\n` });
    const second = await fx.run();
    expect(second.exitCode).toBe(0);
    expect(await fx.query('select status from meta.runs order by run_id')).toEqual([
      { status: 'ok' },
      { status: 'ok' },
    ]);
  });

  it('money past DECIMAL(18,4) is bad_number, and leading zeros are accepted in numbers', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}${ORDER}`,
      'order_items.csv': `${ITEMS_HEADER}o1,1,p1,1,100000000000000,\no1,2,p1,0002,000000000000001.00,\no1,03,p1,1,007.50,0\n`,
    });
    await fx.run();
    expect((await quarantined('order_items')).map((r) => [r._row_number, r._reason, r._detail])).toEqual([
      [1, 'bad_number', 'unit_price=100000000000000'],
    ]);
    expect(
      await fx.query('select line_number, quantity, unit_price from bronze.order_items order by 1'),
    ).toEqual([
      { line_number: 2, quantity: 2, unit_price: '1.0000' },
      { line_number: 3, quantity: 1, unit_price: '7.5000' },
    ]);
  });
});

describe('bounded under hostile input', () => {
  const scan = async (name: string, content: string | Buffer) => {
    tmp = tempDir();
    writeFileSync(join(tmp.dir, name), content);
    return scanCsvFile(join(tmp.dir, name), name);
  };
  const rejection = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof FileRejection) return { reason: e.reason, detail: e.detail };
      throw e;
    }
    throw new Error('expected a FileRejection');
  };

  it('a gzip that expands to one 50 MB line is rejected as line_too_long after its first 2 MB, in well under a second of reading', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x61));
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().rss;
    expect(await rejection(scan('orders.csv.gz', bomb))).toEqual({
      reason: 'line_too_long',
      detail:
        "orders.csv.gz: its header is longer than 2,000,000 bytes, the reader's limit (an unclosed quote, or not a CSV export?); nothing of it was loaded",
    });
    // The line is never held: memory grows by far less than the 50 MB it expands to.
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('a record past the limit after a good header is rejected naming its record number', async () => {
    const long = `o1,${'x'.repeat(2_100_000)}\n`;
    expect(await rejection(scan('orders.csv', `${ORDERS_HEADER}${ORDER}${long}`))).toMatchObject({
      reason: 'line_too_long',
      detail: expect.stringContaining('orders.csv: record 2 is longer than 2,000,000 bytes'),
    });
  });

  it('a file whose lines end with CR only (old Mac line ends) is rejected naming the cause', async () => {
    expect(
      await rejection(scan('orders.csv', `${ORDERS_HEADER.replace('\n', '\r')}${ORDER.replace('\n', '\r')}`)),
    ).toEqual({
      reason: 'unreadable',
      detail:
        'orders.csv: its lines end with a carriage return only (old Mac line ends), which the contract does not read; save it with LF or CRLF line ends',
    });
  });

  it('a header of 3,000 columns is rejected as too_many_columns', async () => {
    const header = Array.from({ length: 3000 }, (_, i) => `c${i}`).join(',');
    expect(await rejection(scan('orders.csv', `${header}\n`))).toEqual({
      reason: 'too_many_columns',
      detail:
        'orders.csv: the header has 3,000 columns, more than the 1,000 a landing file may have; nothing of it was loaded',
    });
  });

  it('a truncated gzip, a folder named like a file and a missing file are unreadable, named', async () => {
    const whole = gzipSync(Buffer.from(`${ORDERS_HEADER}${ORDER.repeat(1000)}`));
    expect(await rejection(scan('orders.csv.gz', whole.subarray(0, whole.length - 40)))).toMatchObject({
      reason: 'unreadable',
      detail: expect.stringMatching(
        /^orders\.csv\.gz: cannot be read: its gzip data is truncated or corrupt/,
      ),
    });
    mkdirSync(join((tmp as TempDir).dir, 'orders_2.csv'));
    expect(await rejection(scanCsvFile(join((tmp as TempDir).dir, 'orders_2.csv'), 'orders_2.csv'))).toEqual({
      reason: 'unreadable',
      detail: 'orders_2.csv: not a regular file (a folder)',
    });
    expect(await rejection(scanCsvFile(join((tmp as TempDir).dir, 'gone.csv'), 'gone.csv'))).toEqual({
      reason: 'unreadable',
      detail: 'gone.csv: cannot be read: it does not exist (a dangling symbolic link?)',
    });
  });

  it('a 1 KB gzip of a million blank lines is rejected whole in seconds, and the other files load', async () => {
    const blank = gzipSync(Buffer.concat([Buffer.from(ORDERS_HEADER), Buffer.alloc(1_000_000, 0x0a)]));
    expect(blank.length).toBeLessThan(2_000);
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv.gz': blank,
      'orders_2.csv': `${ORDERS_HEADER}${ORDER}`,
    });
    const started = Date.now();
    const result = await fx.run();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.exitCode).toBe(2);
    expect(result.files.find((f) => f.file === 'orders.csv.gz')).toMatchObject({
      reason: 'too_many_rejected',
      detail:
        'orders.csv.gz: 1,000,000 of its 1,000,000 records (100%) are blank lines, over the limit of 25% (--max-rejected); nothing of it was loaded',
    });
    expect(await fx.query('select order_id from bronze.orders')).toEqual([{ order_id: 'o1' }]);
  });
});

import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_DIMENSIONS, EtlFixture } from '../support/fixtures.ts';

const ORDERS_HEADER = 'order_id,customer_id,order_ts,channel,payment_method,status,currency\n';
const ITEMS_HEADER = 'order_id,line_number,product_id,quantity,unit_price,discount_amount\n';

let fx: EtlFixture;
afterEach(() => fx?.cleanup());

async function quarantine(entity: string) {
  return fx.query(
    `select _source_file, _row_number, _reason, _detail, _raw from quarantine.${entity} order by _source_file, _row_number`,
  );
}

describe('row rejections', () => {
  it('each rejection reason of an order line is recorded with its column and value', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
      'order_items.csv': [
        ITEMS_HEADER.trimEnd(),
        'o1,1,p1,2,10.00,', // 1 accepted
        'o1,2,p1,2', // 2 malformed_row (4 fields)
        'o1,3,,1,1.00,', // 3 missing_required (product_id)
        'o1,4,p1,x,1.00,', // 4 bad_number (quantity)
        'o1,5,p1,1,1.00001,', // 5 bad_number (5 decimals)
        'o1,6,p1,0,1.00,', // 6 negative_quantity
        'o1,7,p1,1,-0.01,', // 7 negative_amount
        'o1,8,p1,1,1.00,-1', // 8 negative_amount (discount)
        'o1,9,p9,1,1.00,', // 9 unknown_product
        'o1,10,p2,1,1.50000,', // 10 accepted: extra decimals that are zeros
        'o1,11,p2,-1,-1,', // 11 negative_quantity comes before negative_amount
        'o1,,p9,0,abc,', // 12 missing_required comes first
      ].join('\n'),
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(0);
    const items = result.files.find((f) => f.file === 'order_items.csv');
    expect(items).toMatchObject({ rowsRead: 12, rowsAccepted: 2, rowsRejected: 10 });
    const rows = await quarantine('order_items');
    expect(rows.map((r) => [r._row_number, r._reason, r._detail])).toEqual([
      [2, 'malformed_row', 'MISSING COLUMNS: Expected Number of Columns: 6 Found: 4'],
      [3, 'missing_required', 'product_id is missing'],
      [4, 'bad_number', 'quantity=x'],
      [5, 'bad_number', 'unit_price=1.00001'],
      [6, 'negative_quantity', 'quantity=0'],
      [7, 'negative_amount', 'unit_price=-0.01'],
      [8, 'negative_amount', 'discount_amount=-1'],
      [9, 'unknown_product', 'product_id=p9'],
      [11, 'negative_quantity', 'quantity=-1'],
      [12, 'missing_required', 'line_number is missing'],
    ]);
    expect(rows.map((r) => r._raw)).toEqual([
      'o1,2,p1,2',
      'o1,3,,1,1.00,',
      'o1,4,p1,x,1.00,',
      'o1,5,p1,1,1.00001,',
      'o1,6,p1,0,1.00,',
      'o1,7,p1,1,-0.01,',
      'o1,8,p1,1,1.00,-1',
      'o1,9,p9,1,1.00,',
      'o1,11,p2,-1,-1,',
      'o1,,p9,0,abc,',
    ]);
    const bronze = await fx.query('select _row_number, unit_price from bronze.order_items order by 1');
    expect(bronze).toEqual([
      { _row_number: 1, unit_price: '10.0000' },
      { _row_number: 10, unit_price: '1.5000' },
    ]);
  });

  it('orders are rejected for bad timestamps and unknown statuses, and statuses are normalised', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': [
        ORDERS_HEADER.trimEnd(),
        'o1,u1,2025-01-15 10:00:00,web,card,Canceled,EUR', // 1 accepted as cancelled
        'o2,u1,31/12/2025 10:00,web,card,placed,EUR', // 2 bad_timestamp (day first)
        'o3,u1,2025-01-15 10:00,web,card,placed,EUR', // 3 bad_timestamp (no seconds)
        'o4,u1,1736935200,web,card,placed,EUR', // 4 bad_timestamp (epoch)
        'o5,u1,2025-02-30 10:00:00,web,card,placed,EUR', // 5 bad_timestamp (no such day)
        'o6,u1,2025-01-15 24:00:00,web,card,placed,EUR', // 6 bad_timestamp (hour 24)
        'o7,u1,2025-01-15T10:00:00.5+0530,web,card,LOST,EUR', // 7 unknown_status
        'o8,,2025-01-15,web,card,placed,EUR', // 8 missing_required
        'o9,u1,2025-01-15T10:00:00Z,web,card,DELIVERED,EUR', // 9 accepted
      ].join('\n'),
    });
    await fx.run();
    const rows = await quarantine('orders');
    expect(rows.map((r) => [r._row_number, r._reason, r._detail])).toEqual([
      [2, 'bad_timestamp', 'order_ts=31/12/2025 10:00'],
      [3, 'bad_timestamp', 'order_ts=2025-01-15 10:00'],
      [4, 'bad_timestamp', 'order_ts=1736935200'],
      [5, 'bad_timestamp', 'order_ts=2025-02-30 10:00:00'],
      [6, 'bad_timestamp', 'order_ts=2025-01-15 24:00:00'],
      [7, 'unknown_status', 'status=LOST'],
      [8, 'missing_required', 'customer_id is missing'],
    ]);
    expect(await fx.query('select order_id, status from bronze.orders order by 1')).toEqual([
      { order_id: 'o1', status: 'cancelled' },
      { order_id: 'o9', status: 'delivered' },
    ]);
  });

  it('events with an unknown event type are rejected and types are lowercased', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'events.csv':
        'event_ts,visitor_id,event_type,product_id,order_id\n2025-01-01 10:00:00,v1,VIEW,p1,\n2025-01-01 10:00:00,v1,click,p1,\n',
    });
    await fx.run();
    expect((await quarantine('events')).map((r) => [r._row_number, r._reason, r._detail])).toEqual([
      [2, 'unknown_event_type', 'event_type=click'],
    ]);
    expect(await fx.query('select event_type from bronze.events')).toEqual([{ event_type: 'view' }]);
  });

  it('an optional field that fails to parse becomes null, the row is kept and a warning counts it', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'customers.csv':
        'customer_id,gender,birth_date,country,region,city,signup_date\nu1,female,02/01/1990,DE,,,2024-01-01\n',
    });
    const result = await fx.run();
    expect(await fx.query('select customer_id, birth_date, _nulled from bronze.customers')).toEqual([
      { customer_id: 'u1', birth_date: null, _nulled: 'birth_date=02/01/1990' },
    ]);
    const check = result.checks.find((c) => c.name.startsWith('optional fields'));
    expect(check).toMatchObject({ severity: 'warn', passed: false, failingRows: 1 });
  });
});

describe('record numbering', () => {
  it('row numbers count data records: a quoted record over several lines counts once, blank lines count', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'products.csv':
        'product_id,product_name,category_id,brand_id,list_price,unit_cost\r\n' +
        'p1,"Shoe\r\nwith ""laces""",c1,b1,10.00,4\r\n' + // 1
        '\r\n' + // 2 blank
        'p2,"Sock, grey",c1,b1,2.50\r\n' + // 3 malformed (5 fields)
        'p3,Hat,c1,b1,abc,1\r\n' + // 4 accepted, list_price nulled
        'p4,"Müller ""Café""",c1,b1,1,1', // 5 accepted, no final line break
    });
    const result = await fx.run();
    expect(result.files.find((f) => f.file === 'products.csv')).toMatchObject({
      rowsRead: 5,
      rowsAccepted: 3,
      rowsRejected: 2,
    });
    expect(
      await fx.query(
        'select _row_number, product_id, product_name, list_price from bronze.products order by 1',
      ),
    ).toEqual([
      { _row_number: 1, product_id: 'p1', product_name: 'Shoe\r\nwith "laces"', list_price: '10.0000' },
      { _row_number: 4, product_id: 'p3', product_name: 'Hat', list_price: null },
      { _row_number: 5, product_id: 'p4', product_name: 'Müller "Café"', list_price: '1.0000' },
    ]);
    expect((await quarantine('products')).map((r) => [r._row_number, r._reason, r._raw])).toEqual([
      [2, 'malformed_row', ''],
      [3, 'malformed_row', 'p2,"Sock, grey",c1,b1,2.50'],
    ]);
  });

  it.each([
    ['a few gaps (added inline)', 7],
    ['many gaps (an ASOF join)', 260],
  ])('record numbers stay right around %s in one of several files', async (_what, badRows) => {
    // Record r is bad when r % 3 === 0 (up to the given count), else a good order line.
    const lines: string[] = [];
    let bad = 0;
    for (let r = 1; r <= badRows * 3 + 10; r++) {
      if (r % 3 === 0 && bad < badRows) {
        lines.push(r % 2 === 0 ? `o1,${r},p1,1` : '');
        bad++;
      } else lines.push(`o1,${r},p1,1,1.00,`);
    }
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
      'order_items_1.csv': `${ITEMS_HEADER}o0,1,p1,1,1.00,\n\n`,
      'order_items_2.csv': `${ITEMS_HEADER}${lines.join('\n')}\n`,
    });
    // A third of the records are bad: past the default --max-rejected, so the limit is lifted.
    const result = await fx.run({ maxRejected: { share: 1, minRows: 0, keep: 0 } });
    expect(result.files.find((f) => f.file === 'order_items_2.csv')).toMatchObject({
      rowsRead: lines.length,
      rowsRejected: badRows,
    });
    // Each accepted line's line_number was written equal to its record number.
    const wrong = await fx.query(
      "select count(*) as n from bronze.order_items where _source_file = 'order_items_2.csv' and line_number <> _row_number",
    );
    expect(wrong).toEqual([{ n: 0 }]);
    const quarantined = await fx.query(
      "select _row_number as r from quarantine.order_items where _source_file = 'order_items_2.csv' order by 1",
    );
    expect(quarantined.map((q) => q.r)).toEqual(Array.from({ length: badRows }, (_, i) => 3 * (i + 1)));
    expect(
      await fx.query(
        "select _row_number as r, _reason from quarantine.order_items where _source_file = 'order_items_1.csv'",
      ),
    ).toEqual([{ r: 2, _reason: 'malformed_row' }]);
  });

  const wrongDateFormat = () =>
    Array.from(
      { length: 150_000 },
      (_, i) => `o${i},u1,${String((i % 28) + 1).padStart(2, '0')}/01/2025 10:00,web,card,placed,EUR`,
    );

  it('a file whose every row is rejected (a whole export in the wrong date format) is rejected whole, its first rows kept in quarantine', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}${wrongDateFormat().join('\n')}\n`,
      'orders_2.csv': `${ORDERS_HEADER}ok1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(2);
    const file = result.files.find((f) => f.file === 'orders.csv');
    expect(file).toMatchObject({ action: 'reject', reason: 'too_many_rejected' });
    // 150,000 of 150,000 = 100%; the default limit is 25%; the first record's day is (0 % 28) + 1.
    expect(file?.detail).toBe(
      'orders.csv: 150,000 of its 150,000 rows (100%) were rejected, over the limit of 25% (--max-rejected); most often bad_timestamp (150,000, e.g. order_ts=01/01/2025 10:00). A wrong mapping or format? Nothing of it was loaded; its first 100 rejected rows are in quarantine.orders',
    );
    expect(
      await fx.query("select count(*) as n from bronze.orders where _source_file = 'orders.csv'"),
    ).toEqual([{ n: 0 }]);
    expect(
      await fx.query(
        "select count(*) as n, min(_row_number) as lo, max(_row_number) as hi, count(_raw) as raw from quarantine.orders where _source_file = 'orders.csv'",
      ),
    ).toEqual([{ n: 100, lo: 1, hi: 100, raw: 100 }]);
    expect(
      await fx.query("select status, reason from meta.file_ledger where file_name = 'orders.csv'"),
    ).toEqual([{ status: 'rejected', reason: 'too_many_rejected' }]);
    // The other file of the batch loads.
    expect(await fx.query('select order_id from bronze.orders')).toEqual([{ order_id: 'ok1' }]);
  });

  it('with the limit lifted, a file whose every row is rejected is quarantined row by row', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}${wrongDateFormat().join('\n')}\n`,
    });
    const result = await fx.run({ maxRejected: { share: 1, minRows: 0, keep: 0 } });
    expect(result.files.find((f) => f.file === 'orders.csv')).toMatchObject({
      rowsRead: 150_000,
      rowsAccepted: 0,
      rejectedByReason: { bad_timestamp: 150_000 },
    });
    expect(await fx.query('select _raw, _detail from quarantine.orders where _row_number = 150000')).toEqual([
      // 149999 % 28 = 3, so the day is 04
      { _raw: 'o149999,u1,04/01/2025 10:00,web,card,placed,EUR', _detail: 'order_ts=04/01/2025 10:00' },
    ]);
  });

  it('bytes that are not UTF-8 reject only their row, and the raw text shows them as \\xNN', async () => {
    const good = Array.from({ length: 300 }, (_, i) => `u${i},female,,DE,,Berlin,`).join('\n');
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'customers.csv': Buffer.concat([
        Buffer.from(`customer_id,gender,birth_date,country,region,city,signup_date\n${good}\nbad,male,,DE,,`),
        Buffer.from([0x4d, 0xfc, 0x6e]), // "Mün" in Latin-1
        Buffer.from(',\n'),
      ]),
    });
    const result = await fx.run();
    expect(result.files.find((f) => f.file === 'customers.csv')).toMatchObject({
      rowsRead: 301,
      rowsAccepted: 300,
      rowsRejected: 1,
    });
    expect((await quarantine('customers')).map((r) => [r._row_number, r._reason, r._raw])).toEqual([
      [301, 'malformed_row', 'bad,male,,DE,,M\\xFCn,'],
    ]);
  });

  it('extra columns are kept in _extra and headers match case-insensitively after trimming', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'Orders_2025-01.csv':
        ' ORDER_ID ,Customer_Id,order_ts,status,Coupon\no1,u1,2025-01-15,placed,WELCOME\n',
    });
    await fx.run();
    expect(await fx.query("select order_id, _extra['Coupon'] as coupon, channel from bronze.orders")).toEqual(
      [{ order_id: 'o1', coupon: 'WELCOME', channel: null }],
    );
  });

  it('a gzip-compressed file is read like a plain one', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv.gz': gzipSync(
        Buffer.from(
          `${ORDERS_HEADER}o1,u1,2025-01-15,web,card,placed,EUR\n,u1,2025-01-15,web,card,placed,EUR\n`,
        ),
      ),
    });
    const result = await fx.run();
    expect(result.files.find((f) => f.file === 'orders.csv.gz')).toMatchObject({
      rowsRead: 2,
      rowsAccepted: 1,
      rowsRejected: 1,
    });
  });
});

describe('whole-file rejections', () => {
  it.each([
    ['an empty file', '', 'empty_file', 'empty'],
    [
      'a file that is not text',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]),
      'not_text',
      'not UTF-8',
    ],
    [
      'a file missing a required column',
      'order_id,customer_id,status\no1,u1,placed\n',
      'missing_column',
      "'order_ts'",
    ],
    [
      'a header naming a column twice',
      'order_id,order_id,customer_id,order_ts,status\n',
      'bad_header',
      'twice',
    ],
  ])(
    '%s is rejected whole, the other files load, and the run exits with code 2',
    async (_what, content, reason, hint) => {
      fx = new EtlFixture({
        ...BASE_DIMENSIONS,
        'orders_bad.csv': content,
        'orders_good.csv': `${ORDERS_HEADER}o1,u1,2025-01-15,web,card,placed,EUR\n`,
      });
      const result = await fx.run();
      expect(result.exitCode).toBe(2);
      expect(result.status).toBe('input_error');
      const bad = result.files.find((f) => f.file === 'orders_bad.csv');
      expect(bad).toMatchObject({ action: 'reject', reason });
      expect(bad?.detail).toContain('orders_bad.csv');
      expect(bad?.detail).toContain(hint);
      expect(
        await fx.query("select status, reason from meta.file_ledger where file_name = 'orders_bad.csv'"),
      ).toEqual([{ status: 'rejected', reason }]);
      expect(await fx.query('select count(*) as n from bronze.orders')).toEqual([{ n: 1 }]);
      expect(await fx.query('select orders from gold.monthly_kpis')).toEqual([{ orders: 1 }]);
    },
  );

  it('a header-only file is valid and has no rows', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ORDERS_HEADER });
    const result = await fx.run();
    expect(result.exitCode).toBe(0);
    expect(result.files.find((f) => f.file === 'orders.csv')).toMatchObject({ action: 'load', rowsRead: 0 });
  });

  it('a file whose name matches no entity is skipped with a warning', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'returns.csv': 'a,b\n1,2\n' });
    const result = await fx.run();
    expect(result.exitCode).toBe(0);
    expect(result.warnings.map((w) => w.code)).toEqual(['unmatched_file']);
    expect(result.files.find((f) => f.file === 'returns.csv')?.action).toBe('unmatched');
  });
});

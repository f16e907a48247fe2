import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { EtlFixture } from '../../support/fixtures.ts';

/**
 * Source mappings through the whole pipeline, on small hand-written exports: every operation,
 * the rules of the mapping's own, derived entities, encodings and whole-file errors.
 */

const fixtures: EtlFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.root.cleanup();
});

/** A fixture with a mapping file `m.yaml` beside its landing folder. */
function setup(yaml: string, files: Record<string, string | Buffer>): { fx: EtlFixture; mapping: string } {
  const fx = new EtlFixture(files);
  fixtures.push(fx);
  const mapping = join(fx.root.dir, 'm.yaml');
  writeFileSync(mapping, yaml);
  return { fx, mapping };
}

/** An invoice-line export in the style of Online Retail. */
const INVOICE_MAPPING = `mapping: 1
name: invoices
sources:
  - files: "sales*.csv"
    rows: order_items
    duplicates: reject
    reject:
      - reason: stock_adjustment
        when: { all: [{ below: Qty, value: 0 }, { not: { starts_with: Invoice, prefix: C } }] }
    entities:
      order_items:
        order_id: Invoice
        line_number: { line_number: Invoice }
        product_id: Sku
        quantity: { abs: Qty }
        unit_price: Price
      orders:
        order_id: Invoice
        customer_id: &customer { coalesce: [Customer, { concat: [{ const: guest- }, Invoice] }] }
        order_ts: { date: When, format: dd/mm/yyyy HH:MM }
        status: { if: { starts_with: Invoice, prefix: C }, then: { const: cancelled }, else: { const: placed } }
        currency: { const: GBP }
      customers:
        customer_id: *customer
        country: Country
      products:
        product_id: Sku
        product_name: { trim: Description }
`;

const INVOICES = [
  'Invoice,Sku,Description,Qty,When,Price,Customer,Country,Note',
  '100,A,Mug ,2,01/12/2010 08:26,2.50,17,United Kingdom,first',
  '100,B,Plate,1,01/12/2010 08:26,4.00,17,United Kingdom,',
  '100,B,Plate,1,01/12/2010 08:26,4.00,17,United Kingdom,', // exact repeat: duplicate_row
  '101,A,Mug (new),3,02/12/2010 09:00,2.50,,France,', // guest customer; product A renamed
  'C102,A,Mug,-1,03/12/2010 10:00,2.50,17,EIRE,', // a cancellation; customer 17 moves
  '103,B,damaged,-5,03/12/2010 11:00,0,,United Kingdom,', // stock adjustment
  '104,A,Mug,1,31/02/2010 12:00,2.50,18,Spain,', // no such day
  '105,A,Mug,1,2010-12-04 12:00:00,2.50,18,Spain,', // ISO is not the declared format
].join('\n');

describe('a mapped invoice-line export', () => {
  it('splits each row into a line, its order, customer and product, with the rules of the mapping', async () => {
    const { fx, mapping } = setup(INVOICE_MAPPING, { 'sales_2010-12.csv': `${INVOICES}\n` });
    const result = await fx.run({ mapping });
    expect(result.exitCode).toBe(0);
    expect(result.files[0]).toMatchObject({
      entity: 'order_items',
      rowsRead: 8,
      rowsAccepted: 4,
      rowsRejected: 4,
      rejectedByReason: { duplicate_row: 1, stock_adjustment: 1, bad_timestamp: 2 },
    });
    expect(
      await fx.query(
        'select order_id, line_number, product_id, quantity, unit_price, _row_number, _extra from bronze.order_items order by _row_number',
      ),
    ).toEqual([
      {
        order_id: '100',
        line_number: 1,
        product_id: 'A',
        quantity: 2,
        unit_price: '2.5000',
        _row_number: 1,
        _extra: [{ key: 'Note', value: 'first' }],
      },
      {
        order_id: '100',
        line_number: 2,
        product_id: 'B',
        quantity: 1,
        unit_price: '4.0000',
        _row_number: 2,
        _extra: [{ key: 'Note', value: null }],
      },
      {
        order_id: '101',
        line_number: 1,
        product_id: 'A',
        quantity: 3,
        unit_price: '2.5000',
        _row_number: 4,
        _extra: [{ key: 'Note', value: null }],
      },
      {
        order_id: 'C102',
        line_number: 1,
        product_id: 'A',
        quantity: 1,
        unit_price: '2.5000',
        _row_number: 5,
        _extra: [{ key: 'Note', value: null }],
      },
    ]);
    // Derived entities: one row per key and file, the last accepted row of the key.
    expect(
      await fx.query(
        "select order_id, customer_id, strftime(order_ts, '%Y-%m-%d %H:%M') as ts, status, currency, _row_number from bronze.orders order by order_id",
      ),
    ).toEqual([
      {
        order_id: '100',
        customer_id: '17',
        ts: '2010-12-01 08:26',
        status: 'placed',
        currency: 'GBP',
        _row_number: 2,
      },
      {
        order_id: '101',
        customer_id: 'guest-101',
        ts: '2010-12-02 09:00',
        status: 'placed',
        currency: 'GBP',
        _row_number: 4,
      },
      {
        order_id: 'C102',
        customer_id: '17',
        ts: '2010-12-03 10:00',
        status: 'cancelled',
        currency: 'GBP',
        _row_number: 5,
      },
    ]);
    expect(await fx.query('select customer_id, country from bronze.customers order by 1')).toEqual([
      { customer_id: '17', country: 'EIRE' },
      { customer_id: 'guest-101', country: 'France' },
    ]);
    expect(await fx.query('select product_id, product_name from bronze.products order by 1')).toEqual([
      { product_id: 'A', product_name: 'Mug' },
      { product_id: 'B', product_name: 'Plate' },
    ]);
    expect(
      await fx.query('select _row_number, _reason, _detail from quarantine.order_items order by _row_number'),
    ).toEqual([
      {
        _row_number: 3,
        _reason: 'duplicate_row',
        _detail:
          'the same values as an earlier row of the file (Invoice, Sku, Description, Qty, When, Price, Customer, Country, Note)',
      },
      { _row_number: 6, _reason: 'stock_adjustment', _detail: 'Qty=-5; Invoice=103' },
      {
        _row_number: 7,
        _reason: 'bad_timestamp',
        _detail: 'orders.order_ts (When)=31/02/2010 12:00 (not dd/mm/yyyy HH:MM)',
      },
      {
        _row_number: 8,
        _reason: 'bad_timestamp',
        _detail: 'orders.order_ts (When)=2010-12-04 12:00:00 (not dd/mm/yyyy HH:MM)',
      },
    ]);
    // Gold by hand: valid orders 100 (2 x 2.50 + 4.00 = 9.00) and 101 (3 x 2.50 = 7.50);
    // C102 is cancelled (lost 2.50). Customer 17's country is the latest row's, EIRE.
    expect(
      await fx.query(
        'select orders, units, revenue, active_customers, cancelled_orders, lost_revenue from gold.monthly_kpis',
      ),
    ).toEqual([
      {
        orders: 2,
        units: 6,
        revenue: '16.5000',
        active_customers: 2,
        cancelled_orders: 1,
        lost_revenue: '2.5000',
      },
    ]);
    expect(
      await fx.query("select member, revenue from gold.revenue_by where dimension = 'country' order by 1"),
    ).toEqual([
      { member: 'EIRE', revenue: '9.0000' },
      { member: 'France', revenue: '7.5000' },
    ]);
    const checks = await fx.query(
      "select check_name, passed from meta.dq_results where severity = 'error' and not passed",
    );
    expect(checks).toEqual([]);
  });

  it('replaces the derived rows of a file loaded again with --reprocess', async () => {
    const { fx, mapping } = setup(INVOICE_MAPPING, { 'sales.csv': `${INVOICES}\n` });
    await fx.run({ mapping });
    fx.write({ 'sales.csv': `${INVOICES.split('\n').slice(0, 3).join('\n')}\n` });
    const again = await fx.run({ mapping, reprocess: ['sales.csv'] });
    expect(again.files[0]).toMatchObject({ action: 'reprocess', rowsRead: 2, rowsAccepted: 2 });
    expect(await fx.query('select order_id from bronze.orders')).toEqual([{ order_id: '100' }]);
    expect(await fx.query('select count(*) as n from bronze.customers')).toEqual([{ n: 1 }]);
    expect(await fx.query('select count(*) as n from quarantine.order_items')).toEqual([{ n: 0 }]);
    expect(await fx.query('select orders, revenue from gold.monthly_kpis')).toEqual([
      { orders: 1, revenue: '9.0000' },
    ]);
  });

  it('rejects a file whose header lacks a column the mapping reads, naming the mapping line', async () => {
    const { fx, mapping } = setup(INVOICE_MAPPING, {
      'sales_a.csv': INVOICES.replace('Country', 'Land'),
      'sales_b.csv': `${INVOICES.split('\n').slice(0, 2).join('\n')}\n`,
    });
    const result = await fx.run({ mapping });
    expect(result.exitCode).toBe(2);
    const [a, b] = result.files;
    expect(a).toMatchObject({ action: 'reject', reason: 'missing_column' });
    expect(a?.detail).toContain(
      `mapping ${mapping} line 25: source column 'Country' is not in the file's header (Invoice, Sku, Description, Qty, When, Price, Customer, Land, Note)`,
    );
    expect(b).toMatchObject({ action: 'load', rowsAccepted: 1 });
  });
});

describe('mapping operations', () => {
  /** One order per row; the test's expression goes into the named contract column. */
  function opsMapping(column: string, expr: string, extra = ''): string {
    const cols: Record<string, string> = {
      order_id: 'Id',
      customer_id: '{ const: c1 }',
      order_ts: '{ date: Ts, format: iso }',
      status: 'Status',
      channel: '{ const: web }',
    };
    cols[column] = expr;
    return `mapping: 1
sources:
  - files: "export*.csv"
    rows: orders
${extra}    entities:
      orders:
${Object.entries(cols)
  .map(([k, v]) => `        ${k}: ${v}`)
  .join('\n')}
`;
  }

  async function loadOrders(
    column: string,
    expr: string,
    rows: readonly string[],
    extra = '',
  ): Promise<{ bronze: Record<string, unknown>[]; quarantine: Record<string, unknown>[] }> {
    const { fx, mapping } = setup(opsMapping(column, expr, extra), {
      'export.csv': `Id,Ts,Status,Value,Other\n${rows.join('\n')}\n`,
    });
    const result = await fx.run({ mapping });
    expect(result.exitCode).toBe(0);
    return {
      bronze: await fx.query(`select order_id, ${column} as v from bronze.orders order by order_id`),
      quarantine: await fx.query(
        'select order_id, _reason, _detail from quarantine.orders order by _row_number',
      ),
    };
  }

  it('maps values, keeping or emptying the ones it does not know', async () => {
    const keep = await loadOrders(
      'status',
      '{ map: Value, values: { Versandt: shipped, Storniert: canceled } }',
      ['1,2025-01-01,,Versandt,', '2,2025-01-01,,Storniert,', '3,2025-01-01,,Offen,'],
    );
    expect(keep.bronze).toEqual([
      { order_id: '1', v: 'shipped' },
      { order_id: '2', v: 'cancelled' },
    ]);
    expect(keep.quarantine).toEqual([
      { order_id: '3', _reason: 'unknown_status', _detail: 'status (Value)=Offen' },
    ]);
    const empty = await loadOrders('status', '{ map: Value, values: { Versandt: shipped }, other: empty }', [
      '1,2025-01-01,,Offen,',
    ]);
    expect(empty.quarantine).toEqual([
      { order_id: '1', _reason: 'missing_required', _detail: 'status (Value) is missing' },
    ]);
  });

  it('strips a prefix, trims, changes case, concatenates and takes the first present value', async () => {
    const r = await loadOrders(
      'customer_id',
      '{ concat: [{ upper: { strip_prefix: Value, prefix: "cust-" } }, { const: "/" }, { coalesce: [{ trim: Other }, { lower: Status }] }] }',
      ['1,2025-01-01,placed,cust-ab,  x  ', '2,2025-01-01,PLACED,ab,', '3,2025-01-01,placed,,x'],
    );
    expect(r.bronze).toEqual([
      { order_id: '1', v: 'AB/x' },
      { order_id: '2', v: 'AB/placed' },
    ]);
    // A missing part makes the whole concatenation missing.
    expect(r.quarantine).toEqual([
      {
        order_id: '3',
        _reason: 'missing_required',
        _detail: 'customer_id (Value, Other, Status) is missing',
      },
    ]);
  });

  it('parses each declared date format strictly and never guesses', async () => {
    const r = await loadOrders('order_ts', '{ date: Value, format: [M/D/YY H:MM, M/D/YYYY H:MM] }', [
      '1,,placed,12/1/10 8:26,',
      '2,,placed,12/1/2010 8:26,',
      '3,,placed,13/1/2010 8:26,', // month 13
      '4,,placed,12/1/10,', // no time
      '5,,placed,12/1/201 8:26,', // three-digit year
    ]);
    expect(r.bronze.map((x) => [x.order_id, String(x.v)])).toEqual([
      ['1', '2010-12-01 08:26:00+00'],
      ['2', '2010-12-01 08:26:00+00'],
    ]);
    expect(r.quarantine.map((x) => [x.order_id, x._reason, x._detail])).toEqual([
      ['3', 'bad_timestamp', 'order_ts (Value)=13/1/2010 8:26 (not M/D/YY H:MM or M/D/YYYY H:MM)'],
      ['4', 'bad_timestamp', 'order_ts (Value)=12/1/10 (not M/D/YY H:MM or M/D/YYYY H:MM)'],
      ['5', 'bad_timestamp', 'order_ts (Value)=12/1/201 8:26 (not M/D/YY H:MM or M/D/YYYY H:MM)'],
    ]);
  });

  /** Money arithmetic goes into order lines, whose every field is checked strictly. */
  async function loadPrices(expr: string, rows: readonly string[]) {
    const yaml = `mapping: 1
sources:
  - files: "lines*.csv"
    rows: order_items
    entities:
      order_items:
        order_id: Id
        line_number: { const: 1 }
        product_id: { const: p1 }
        quantity: Qty
        unit_price: ${expr}
      products:
        product_id: { const: p1 }
`;
    const { fx, mapping } = setup(yaml, { 'lines.csv': `Id,Qty,Sales,Discount\n${rows.join('\n')}\n` });
    await fx.run({ mapping });
    return {
      bronze: await fx.query('select order_id, unit_price from bronze.order_items order by order_id'),
      quarantine: await fx.query(
        'select order_id, _reason, _detail from quarantine.order_items order by order_id',
      ),
    };
  }

  it('rounds money with float artefacts to the declared decimals, and refuses it unrounded', async () => {
    const rounded = await loadPrices('{ round: Sales, decimals: 4 }', [
      '1,1,85.3091999999998,',
      '2,1,9.70919999999999,',
      '3,1,0.00005,', // half away from zero
      '4,1,abc,',
    ]);
    expect(rounded.bronze).toEqual([
      { order_id: '1', unit_price: '85.3092' },
      { order_id: '2', unit_price: '9.7092' },
      { order_id: '3', unit_price: '0.0001' },
    ]);
    expect(rounded.quarantine).toEqual([
      { order_id: '4', _reason: 'bad_number', _detail: 'unit_price (Sales)=abc' },
    ]);
    const raw = await loadPrices('Sales', ['1,1,85.3091999999998,']);
    expect(raw.quarantine).toEqual([
      { order_id: '1', _reason: 'bad_number', _detail: 'unit_price (Sales)=85.3091999999998' },
    ]);
  });

  it('computes a list price from revenue after discount, rounded, and refuses a zero divisor', async () => {
    // 22.368 / (2 x (1 - 0.2)) = 13.98; 10 / 3 = 3.3333 (rounded to 4 decimals);
    // 1 / (1 x (1 - 1)) divides by zero.
    const r = await loadPrices('{ div: [Sales, { mul: [Qty, { sub: [1, Discount] }] }] }', [
      '1,2,22.368,0.2',
      '2,3,10,0',
      '3,1,1,1',
    ]);
    expect(r.bronze).toEqual([
      { order_id: '1', unit_price: '13.9800' },
      { order_id: '2', unit_price: '3.3333' },
    ]);
    expect(r.quarantine).toEqual([
      { order_id: '3', _reason: 'bad_number', _detail: 'unit_price (Sales, Qty, Discount)=1 / 0.0000' },
    ]);
  });

  it('rejects duplicates compared on the declared columns only', async () => {
    const r = await loadOrders(
      'status',
      'Status',
      ['1,2025-01-01,placed,a,x', '1,2025-01-01,placed,a,y', '1,2025-01-01,placed,b,x'],
      '    duplicates: reject\n    duplicate_columns: [Id, Value]\n',
    );
    expect(r.quarantine).toEqual([
      {
        order_id: '1',
        _reason: 'duplicate_row',
        _detail: 'the same values as an earlier row of the file (Id, Value)',
      },
    ]);
    // Bronze keeps both accepted rows of the row entity; silver keeps the last.
    expect(r.bronze).toEqual([
      { order_id: '1', v: 'placed' },
      { order_id: '1', v: 'placed' },
    ]);
  });

  it('quotes names and constants: a hostile column name or constant is data, not SQL', async () => {
    const yaml = `mapping: 1
sources:
  - files: "export*.csv"
    rows: orders
    entities:
      orders:
        order_id: 'we"ird'
        customer_id: { const: "x'); drop table bronze.orders; --" }
        order_ts: { date: Ts, format: iso }
        status: { const: placed }
`;
    const { fx, mapping } = setup(yaml, { 'export.csv': '"we""ird",Ts\n1,2025-01-01\n' });
    const result = await fx.run({ mapping });
    expect(result.exitCode).toBe(0);
    expect(await fx.query('select order_id, customer_id from bronze.orders')).toEqual([
      { order_id: '1', customer_id: "x'); drop table bronze.orders; --" },
    ]);
  });

  it('leaves out files the mapping ignores, and loads contract files it does not map', async () => {
    const yaml = `${opsMapping('status', 'Status')}ignore: ["payments*.csv"]\n`;
    const { fx, mapping } = setup(yaml, {
      'export.csv': 'Id,Ts,Status,Value,Other\n1,2025-01-01,placed,,\n',
      'payments.csv': 'a,b\n1,2\n',
      'customers.csv': 'customer_id,country\nc1,DE\n',
    });
    const result = await fx.run({ mapping });
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => [f.file, f.action, f.reason])).toEqual([
      ['payments.csv', 'unmatched', 'ignored'],
      ['customers.csv', 'load', null],
      ['export.csv', 'load', null],
    ]);
    // The mapped order finds its customer from the contract file.
    expect(await fx.query("select member, revenue from gold.revenue_by where dimension = 'country'")).toEqual(
      [{ member: 'DE', revenue: '0.0000' }],
    );
  });
});

describe('text encodings of mapped files', () => {
  const yaml = (encoding: string) => `mapping: 1
sources:
  - files: "items*.csv"
    encoding: ${encoding}
    rows: products
    entities:
      products:
        product_id: Id
        product_name: Name
        list_price: Price
`;

  it('reads Latin-1 and Windows-1252 bytes as the characters they stand for', async () => {
    // Latin-1: £ is A3, é is E9. Windows-1252: € is 80, ’ is 92.
    const latin1 = Buffer.concat([
      Buffer.from('Id,Name,Price\n1,Gift Voucher '),
      Buffer.from([0xa3]),
      Buffer.from('40,40\n2,Caf'),
      Buffer.from([0xe9]),
      Buffer.from(',x\n'),
    ]);
    const { fx, mapping } = setup(yaml('latin1'), { 'items.csv': latin1 });
    const result = await fx.run({ mapping });
    expect(result.warnings).toEqual([]);
    expect(
      await fx.query('select product_id, product_name, list_price, _nulled from bronze.products order by 1'),
    ).toEqual([
      { product_id: '1', product_name: 'Gift Voucher £40', list_price: '40.0000', _nulled: null },
      { product_id: '2', product_name: 'Café', list_price: null, _nulled: 'list_price (Price)=x' },
    ]);
    // The ledger keeps the hash of the bytes as stored, so a second run finds nothing new.
    const [ledger] = await fx.query('select sha256, bytes from meta.file_ledger');
    expect(ledger).toEqual({
      sha256: createHash('sha256').update(latin1).digest('hex'),
      bytes: latin1.length,
    });
    expect((await fx.run({ mapping })).status).toBe('nothing_new');

    const cp1252 = Buffer.concat([
      Buffer.from('Id,Name,Price\n1,'),
      Buffer.from([0x80, 0x92]),
      Buffer.from('s,1\n'),
    ]);
    const second = setup(yaml('windows-1252'), { 'items.csv': cp1252 });
    await second.fx.run({ mapping: second.mapping });
    expect(await second.fx.query('select product_name from bronze.products')).toEqual([
      { product_name: '€’s' },
    ]);
  });

  it('reads a gzip file that the glob names without .gz, re-encoded from Latin-1', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('Id,Name,Price\n1,Caf'),
      Buffer.from([0xe9]),
      Buffer.from(',2.5\n'),
    ]);
    const { fx, mapping } = setup(yaml('latin1'), { 'items_2025.csv.gz': gzipSync(latin1) });
    const result = await fx.run({ mapping });
    expect(result.files.map((f) => [f.file, f.action, f.rowsAccepted])).toEqual([
      ['items_2025.csv.gz', 'load', 1],
    ]);
    expect(await fx.query('select product_name, list_price from bronze.products')).toEqual([
      { product_name: 'Café', list_price: '2.5000' },
    ]);
  });

  it('keeps a quarantined Latin-1 row verbatim, as UTF-8 text', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Id,Name,Price\n,Caf'),
      Buffer.from([0xe9]),
      Buffer.from(',1\n'),
    ]);
    const { fx, mapping } = setup(yaml('latin1'), { 'items.csv': bytes });
    await fx.run({ mapping });
    expect(await fx.query('select _reason, _raw from quarantine.products')).toEqual([
      { _reason: 'missing_required', _raw: ',Café,1' },
    ]);
  });

  it('warns, naming the file and the encoding, when UTF-8 text is declared Latin-1', async () => {
    const { fx, mapping } = setup(yaml('latin1'), { 'items.csv': 'Id,Name,Price\n1,Café,1\n' });
    const result = await fx.run({ mapping });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.message).toContain('items.csv is UTF-8 text ("1,Café,1")');
    expect(result.warnings[0]?.message).toContain('declare encoding: utf-8');
    // The rows still load, read the declared way.
    expect(await fx.query('select product_name from bronze.products')).toEqual([{ product_name: 'CafÃ©' }]);
  });

  it('warns about mojibake in a mapped UTF-8 file, naming the file and the encoding', async () => {
    const { fx, mapping } = setup(yaml('utf-8'), { 'items.csv': 'Id,Name,Price\n1,Donâ€™t CafÃ©,1\n' });
    const result = await fx.run({ mapping });
    expect(result.warnings.map((w) => w.code)).toEqual(['mojibake']);
    expect(result.warnings[0]?.message).toMatch(
      /items\.csv looks like UTF-8 text that was decoded as Latin-1/,
    );
  });
});

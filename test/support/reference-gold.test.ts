/**
 * Tests of the reference computation itself (test/support/reference-gold.ts), on tiny hand-written
 * landing folders. Every expected number is worked out by hand in the comment beside it, from the
 * data contract (docs/data-contract.md) and docs/contract-notes.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import {
  type CsvRecord,
  csvRecordsFromBytes,
  csvRecordsFromChunks,
  RecordTooLongError,
  readCsvRecords,
  wholeFileProblem,
} from './csv-records.ts';
import {
  computeReferenceGold,
  formatMoney,
  parseInteger,
  parseMoney,
  parseTimestamp,
  type ReferenceFile,
  type ReferenceGold,
  ReferenceWarehouse,
  ReportingZone,
} from './reference-gold.ts';

const CUSTOMERS = 'customer_id,gender,birth_date,country,region,city,signup_date';
const PRODUCTS = 'product_id,product_name,category_id,brand_id,list_price,unit_cost';
const ORDERS = 'order_id,customer_id,order_ts,channel,payment_method,status,currency';
const ITEMS = 'order_id,line_number,product_id,quantity,unit_price,discount_amount';
const EVENTS = 'event_ts,visitor_id,event_type,product_id,order_id';

/** CSV text: one line per argument, each ended by LF. */
const csv = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a landing folder into a fresh temporary directory (removed after the test). */
function landing(files: Readonly<Record<string, string | Uint8Array>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shopstat-reference-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function gold(
  files: Readonly<Record<string, string | Uint8Array>>,
  timeZone = 'UTC',
): Promise<ReferenceGold> {
  return computeReferenceGold(landing(files), { timeZone });
}

function fileEntry(result: ReferenceGold, name: string): ReferenceFile {
  const entry = result.files.find((f) => f.name === name);
  if (entry === undefined) throw new Error(`no ledger entry for ${name}`);
  return entry;
}

async function records(text: string | Uint8Array): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of csvRecordsFromChunks([typeof text === 'string' ? Buffer.from(text) : text]))
    out.push(r);
  return out;
}

function instant(text: string): number {
  return Date.parse(text) / 1000;
}

describe('the CSV record reader', () => {
  test('a quoted record spanning several lines counts once and a blank line is a malformed record', async () => {
    const got = await records('a,b\r\n1,"x\r\ny"\r\n\r\n"2","say ""hi"""\n3,4');
    expect(got).toEqual([
      { rowNumber: 0, fields: ['a', 'b'], raw: 'a,b' },
      { rowNumber: 1, fields: ['1', 'x\r\ny'], raw: '1,"x\r\ny"' },
      { rowNumber: 2, fields: null, raw: '' },
      { rowNumber: 3, fields: ['2', 'say "hi"'], raw: '"2","say ""hi"""' },
      { rowNumber: 4, fields: ['3', '4'], raw: '3,4' },
    ]);
  });

  test('a final line break starts no record, but a second one is a blank record', async () => {
    expect((await records('a\n1\n')).map((r) => r.rowNumber)).toEqual([0, 1]);
    expect((await records('a,b\n1,2\n\n')).map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2'], null]);
  });

  test('broken quoting, a wrong field count and an unclosed quote make a record malformed; a mid-field quote is literal', async () => {
    const got = await records('a,b\n"abc"x,1\nab"c,2\n1,2,3\n1\n"ok",""\n"open,2\n5,6\n');
    expect(got.map((r) => [r.rowNumber, r.fields])).toEqual([
      [0, ['a', 'b']],
      [1, null], // "abc"x: text after the closing quote
      [2, ['ab"c', '2']], // a quote inside an unquoted field is a literal character
      [3, null], // three fields for a two-column header
      [4, null], // one field
      [5, ['ok', '']],
      [6, null], // the quote never closes: the rest of the file is one malformed record
    ]);
    expect(got[6]?.raw).toBe('"open,2\n5,6\n');
  });

  test('LF and CRLF mix within a file; a stray CR outside quotes, also at the very end, makes its record malformed', async () => {
    const got = await records('a,b\r\n1,2\n3,x\ry\r\n"4","p\rq"\n5,6\r\r\n7,8\r');
    expect(got.map((r) => [r.rowNumber, r.fields])).toEqual([
      [0, ['a', 'b']],
      [1, ['1', '2']],
      [2, null], // x\ry: a CR inside an unquoted field
      [3, ['4', 'p\rq']], // a CR inside quotes is data
      [4, null], // 6\r\r\n: the first CR is not followed by LF
      [5, null], // 8\r at the end of the file ends no line
    ]);
  });

  test('a record past 2,000,000 bytes stops the reading with its record number', async () => {
    const long = 'x'.repeat(2_000_001);
    await expect(records(`a\nok\n${long}\nok\n`)).rejects.toThrow(RecordTooLongError);
    await expect(records(`a\nok\n${long}\nok\n`)).rejects.toMatchObject({ rowNumber: 2 });
    expect((await records(`a\n${'x'.repeat(2_000_000)}\n`)).length).toBe(2); // at the limit: fine
  });

  test('a byte-order mark is dropped, even when the chunks split it', async () => {
    const bytes = Buffer.from('\uFEFFid\n1\n');
    const out: CsvRecord[] = [];
    for await (const r of csvRecordsFromChunks([
      bytes.subarray(0, 1),
      bytes.subarray(1, 2),
      bytes.subarray(2),
    ])) {
      out.push(r);
    }
    expect(out.map((r) => r.fields)).toEqual([['id'], ['1']]);
  });

  test('a record with bytes that are not UTF-8 is malformed and its neighbours are not', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a\nok\n'),
      Buffer.from([0x78, 0xff, 0x0a]),
      Buffer.from('é\n'),
    ]);
    expect((await records(bytes)).map((r) => r.fields)).toEqual([['a'], ['ok'], null, ['é']]);
  });

  test('a gzip file with a BOM, CRLF and no final line break reads like its plain text', async () => {
    const dir = landing({
      'orders.csv.gz': gzipSync(Buffer.from(`\uFEFF${ORDERS}\r\nO1,C1,2025-01-01,,,placed,`)),
    });
    const got: CsvRecord[] = [];
    for await (const r of readCsvRecords(join(dir, 'orders.csv.gz'))) got.push(r);
    expect(got.map((r) => r.fields)).toEqual([
      ORDERS.split(','),
      ['O1', 'C1', '2025-01-01', '', '', 'placed', ''],
    ]);
  });

  test('whole-file problems: empty, white space only, a NUL byte, invalid UTF-8 early', async () => {
    const dir = landing({
      'empty.csv': '',
      'bom.csv': '\uFEFF \r\n\t\n',
      'nul.csv': 'a,b\n1,\u0000\n',
      'latin1.csv': Buffer.from([0x61, 0x0a, 0xe9, 0x0a]),
      'fine.csv': 'a\n1\n',
    });
    expect(await wholeFileProblem(join(dir, 'empty.csv'))).toBe('empty_file');
    expect(await wholeFileProblem(join(dir, 'bom.csv'))).toBe('empty_file');
    expect(await wholeFileProblem(join(dir, 'nul.csv'))).toBe('not_text');
    expect(await wholeFileProblem(join(dir, 'latin1.csv'))).toBe('not_text');
    expect(await wholeFileProblem(join(dir, 'fine.csv'))).toBeNull();
  });

  test('a few bytes that are not UTF-8 early in a file leave it text; more than 1% make it not_text', async () => {
    const rows = 'x,y\n'.repeat(100); // 400 bytes
    const dir = landing({
      // 1 invalid byte of 4 + 400 + 4 = 408 bytes: 0.25%
      'few.csv': Buffer.concat([Buffer.from(`a,b\n${rows}`), Buffer.from([0xff]), Buffer.from(',1\n')]),
      // 5 of 412 bytes: 1.2%
      'many.csv': Buffer.concat([
        Buffer.from(`a,b\n${rows}`),
        Buffer.from([0xff, 0xfe, 0xff, 0xfe, 0xff]),
        Buffer.from(',1\n'),
      ]),
      'form-feed.csv': '\f\n', // white space is space, tab, CR and LF only: a form feed is content
    });
    expect(await wholeFileProblem(join(dir, 'few.csv'))).toBeNull();
    expect(await wholeFileProblem(join(dir, 'many.csv'))).toBe('not_text');
    expect(await wholeFileProblem(join(dir, 'form-feed.csv'))).toBeNull();
  });

  test('a truncated gzip file is unreadable', async () => {
    const whole = gzipSync(Buffer.from(`${ORDERS}\n${'O1,C1,2025-01-01,,,placed,\n'.repeat(500)}`));
    const dir = landing({ 'orders.csv.gz': whole.subarray(0, whole.length - 20) });
    expect(await wholeFileProblem(join(dir, 'orders.csv.gz'))).toBe('unreadable');
  });

  test('whole-file bytes read as UTF-8 by default, or as Latin-1, where every byte is a character', () => {
    // A BOM, then 'id,name\n1,Caf\xE9\n2,x,y' in Latin-1: é is the byte E9, not UTF-8 on its own;
    // the last record has one field too many.
    const bytes = Buffer.concat([
      Buffer.from('\uFEFFid,name\n1,Caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n2,x,y'),
    ]);
    expect([...csvRecordsFromBytes(bytes)].map((r) => r.fields)).toEqual([['id', 'name'], null, null]);
    expect([...csvRecordsFromBytes(bytes, 'latin1')].map((r) => [r.rowNumber, r.fields, r.raw])).toEqual([
      [0, ['id', 'name'], 'id,name'], // the BOM's bytes are dropped before decoding
      [1, ['1', 'Café'], '1,Café'],
      [2, null, '2,x,y'],
    ]);
  });
});

describe('value parsing', () => {
  test('leading zeros are accepted in numbers and do not count towards the 14 integer digits', () => {
    expect(parseMoney('000000000000001.00')).toBe(10_000n); // contract v1.1: 1
    expect(parseMoney('007.50')).toBe(75_000n); // the contract's example: 7.5
    expect(parseMoney('0099999999999999.9999')).toBe(999_999_999_999_999_999n);
    expect(parseInteger('0002')).toBe(2); // the contract's example
    expect(parseInteger('-0000000000002147483648')).toBe(-2_147_483_648);
    expect(parseInteger('02147483648')).toBeNull(); // past the 32-bit range
  });

  test('zone offsets run from -14:59 to +14:59', () => {
    expect(parseTimestamp('2025-01-10T10:00:00+14:59')?.offsetSeconds).toBe(53_940); // 14 x 3600 + 59 x 60
    expect(parseTimestamp('2025-01-10T10:00:00-1459')?.offsetSeconds).toBe(-53_940);
    expect(parseTimestamp('2025-01-10T10:00:00-00:00')?.offsetSeconds).toBe(0);
    for (const bad of ['+15:00', '-15:00', '+14:60', '+99:99', '+23:59', '+1', '+01:0']) {
      expect(parseTimestamp(`2025-01-10T10:00:00${bad}`)).toBeNull();
    }
  });

  test('money is exact with at most 4 decimals, extra zero decimals allowed, 14 integer digits', () => {
    expect(parseMoney('1.50000')).toBe(15_000n);
    expect(parseMoney('-0.0001')).toBe(-1n);
    expect(parseMoney('+7')).toBe(70_000n);
    expect(parseMoney('99999999999999.9999')).toBe(999_999_999_999_999_999n);
    for (const bad of ['1.00001', '1e3', '.5', '5.', '1,000.00', '$5', ' 5', '100000000000000']) {
      expect(parseMoney(bad)).toBeNull();
    }
  });

  test('money is written with exactly 4 decimals and its sign', () => {
    expect(formatMoney(12_345_000n)).toBe('1234.5000');
    expect(formatMoney(-32_500n)).toBe('-3.2500');
    expect(formatMoney(-5n)).toBe('-0.0005');
    expect(formatMoney(0n)).toBe('0.0000');
  });

  test('timestamps follow the contract grammar and must exist in the calendar', () => {
    expect(parseTimestamp('2025-01-10')).toEqual({
      wallSeconds: instant('2025-01-10T00:00:00Z'),
      offsetSeconds: null,
    });
    expect(parseTimestamp('2025-01-10T10:00:00.123+0530')).toEqual({
      wallSeconds: instant('2025-01-10T10:00:00Z'),
      offsetSeconds: 19_800, // 5 h 30 min
    });
    expect(parseTimestamp('2025-01-10 10:00:00Z')?.offsetSeconds).toBe(0);
    for (const bad of [
      '2025-02-29 00:00:00',
      '2025-01-10 24:00:00',
      '2025-01-10T10:00',
      '10/01/2025 10:00:00',
      '1736500000',
      '2025-01-10Z',
      '2025-01-10 10:00:00 +01:00',
    ]) {
      expect(parseTimestamp(bad)).toBeNull();
    }
  });
});

describe('the reporting time zone', () => {
  const berlin = new ReportingZone('Europe/Berlin');
  const wall = (text: string): number => {
    const ts = parseTimestamp(text);
    if (ts === null) throw new Error(`not a timestamp: ${text}`);
    return ts.wallSeconds;
  };

  test('a Berlin wall time in the spring-forward gap takes the offset before the gap', () => {
    // 2025-03-30 02:00 CET (+01:00) jumps to 03:00 CEST; 02:30 read at +01:00 is 01:30Z (03:30 CEST).
    expect(berlin.instantOfWallTime(wall('2025-03-30 02:30:00'))).toBe(instant('2025-03-30T01:30:00Z'));
  });

  test('a Berlin wall time in the autumn overlap takes the later instant', () => {
    // 2025-10-26 03:00 CEST falls back to 02:00 CET; 02:30 is 00:30Z (CEST) or 01:30Z (CET): the later.
    expect(berlin.instantOfWallTime(wall('2025-10-26 02:30:00'))).toBe(instant('2025-10-26T01:30:00Z'));
  });

  test('wall times next to the changes keep their ordinary offsets', () => {
    expect(berlin.instantOfWallTime(wall('2025-03-30 01:59:59'))).toBe(instant('2025-03-30T00:59:59Z'));
    expect(berlin.instantOfWallTime(wall('2025-03-30 03:00:00'))).toBe(instant('2025-03-30T01:00:00Z'));
    expect(berlin.instantOfWallTime(wall('2025-10-26 01:59:59'))).toBe(instant('2025-10-25T23:59:59Z'));
    expect(berlin.instantOfWallTime(wall('2025-10-26 03:00:00'))).toBe(instant('2025-10-26T02:00:00Z'));
    expect(berlin.dateOf(instant('2025-06-30T22:30:00Z'))).toBe('2025-07-01'); // 00:30 CEST
  });

  test('an unknown zone is an invalid argument', () => {
    expect(() => new ReportingZone('Mars/Olympus')).toThrow(InvalidArgumentError);
  });
});

describe('computeReferenceGold', () => {
  test('counts each rejection reason, taking the first failing rule in contract order', async () => {
    const result = await gold({
      'customers.csv': csv(
        CUSTOMERS,
        'C1,F,1990-02-30,DE,,,', // accepted: a bad optional birth_date becomes null
        'C2,M,,,,,', // missing_required: country
      ),
      'products.csv': csv(PRODUCTS, 'P1,Mug,CAT1,B1,abc,'), // accepted: bad optional list_price → null
      'orders.csv': csv(
        ORDERS,
        'O1,C1,2025-01-10 10:00:00,web,card,placed,EUR', // accepted
        'O2,C1,2025-01-10 10:00:00,web,card', // malformed_row: 5 fields
        'O3,,not-a-time,web,card,placed,EUR', // missing_required, before bad_timestamp
        'O4,C1,10/01/2025 10:00:00,web,card,placed,EUR', // bad_timestamp: day-first
        'O5,C1,2025-01-10 10:00,web,card,placed,EUR', // bad_timestamp: no seconds
        'O6,C1,2025-01-10 10:00:00,web,card,pending,EUR', // unknown_status
        'O7,C1,2025-01-10T10:00:00+0100,web,card,SHIPPED,EUR', // accepted
        'O8,C1,2025-01-10 10:00:00,web,card, shipped,EUR', // unknown_status: nothing is trimmed
      ),
      'order_items.csv': csv(
        ITEMS,
        'O1,1,P1,2,10.00,', // accepted
        'O1,2,P1,0,10.00,', // negative_quantity (quantity <= 0)
        'O1,3,P1,-1,-2,', // negative_quantity, before negative_amount
        'O1,4,P1,1,-2.00,', // negative_amount: unit_price
        'O1,5,P1,1,2.00,-0.5', // negative_amount: discount_amount
        'O1,6,P1,2.5,1,', // bad_number: quantity
        'O1,7,P1,1,1.00001,', // bad_number: 5 decimals
        'O1,8,P1,1,1.00,abc', // bad_number: order_items are strict, optional discount too
        'O1,9,P9,1,1.00,', // unknown_product
        'O1,10,P9,x,1.00,', // bad_number, before unknown_product
        'O1,11,,1,1.00,', // missing_required
        'O1,12,P1,1,0,', // accepted: a zero price is valid
        'O1,99999999999,P1,1,1,', // bad_number: beyond the 32-bit range
      ),
      'events.csv': csv(
        EVENTS,
        '2025-01-09 08:00:00,V1,click,P1,', // unknown_event_type
        '2025-01-09 08:00:00,V1,View,P1,', // accepted
        ',V1,view,P1,', // missing_required
        '2025-01-09,V1,view,P9,', // accepted: a date is a timestamp; event products are not checked
      ),
    });
    const summary = (name: string) => {
      const { rowsRead, accepted, rejectedByReason } = fileEntry(result, name);
      return { rowsRead, accepted, rejectedByReason };
    };
    expect(summary('customers.csv')).toEqual({
      rowsRead: 2,
      accepted: 1,
      rejectedByReason: { missing_required: 1 },
    });
    expect(summary('products.csv')).toEqual({ rowsRead: 1, accepted: 1, rejectedByReason: {} });
    expect(summary('orders.csv')).toEqual({
      rowsRead: 8,
      accepted: 2,
      rejectedByReason: { malformed_row: 1, missing_required: 1, bad_timestamp: 2, unknown_status: 2 },
    });
    expect(summary('order_items.csv')).toEqual({
      rowsRead: 13,
      accepted: 2,
      rejectedByReason: {
        negative_quantity: 2,
        negative_amount: 2,
        bad_number: 5,
        unknown_product: 1,
        missing_required: 1,
      },
    });
    expect(summary('events.csv')).toEqual({
      rowsRead: 4,
      accepted: 2,
      rejectedByReason: { unknown_event_type: 1, missing_required: 1 },
    });
    // Files go in entity load order: customers, products, orders, order_items, events.
    expect(result.files.map((f) => f.name)).toEqual([
      'customers.csv',
      'products.csv',
      'orders.csv',
      'order_items.csv',
      'events.csv',
    ]);
  });

  test('blank lines and multi-line quoted records are numbered as records and counted once', async () => {
    const result = await gold({
      'orders.csv': `${ORDERS}\nO1,C1,2025-01-10 10:00:00,"web\nshop",card,placed,\n\nO2,C1,2025-01-11 10:00:00,web,card,placed,\n`,
    });
    // Records: 1 = O1 (two lines, one record), 2 = the blank line (malformed), 3 = O2.
    expect(fileEntry(result, 'orders.csv')).toMatchObject({
      rowsRead: 3,
      accepted: 2,
      rejectedByReason: { malformed_row: 1 },
    });
    expect(result.gold.daily_sales.map((r) => r.channel)).toEqual(['web\nshop', 'web']);
  });

  test('whole files are rejected for a missing column, a repeated column or no content, and others skipped', async () => {
    const result = await gold({
      'orders.csv': csv('order_id,customer_id,order_ts,status', 'O1,C1,2025-01-10,placed'),
      'orders_2.csv': csv('order_id,customer_id,order_ts', 'O2,C1,2025-01-10'),
      'orders_3.csv': csv('order_id,Order_ID ,customer_id,order_ts,status', 'O3,O3,C1,2025-01-10,placed'),
      'orders_4.csv': '\uFEFF\n',
      'orders_5.csv': Buffer.from([0x6f, 0x72, 0x00, 0x0a]),
      'notes.csv': 'whatever\n',
      'orders.txt': 'not a csv\n',
    });
    expect(result.files.map((f) => [f.name, f.fileRejection, f.rowsRead])).toEqual([
      ['orders.csv', null, 1], // header names match case-insensitively; absent optional columns are null
      ['orders_2.csv', 'missing_column', 0], // no status
      ['orders_3.csv', 'bad_header', 0], // order_id twice after trimming and lower-casing
      ['orders_4.csv', 'empty_file', 0],
      ['orders_5.csv', 'not_text', 0],
    ]);
    expect(result.skippedFiles).toEqual(['notes.csv', 'orders.txt']);
    expect(result.silverCounts.orders).toBe(1);
  });

  test('a line past the reader limit and a header past 1,000 columns reject their file whole', async () => {
    const wide = Array.from({ length: 1001 }, (_, i) => `x${i}`).join(',');
    const result = await gold({
      'orders_1.csv': csv(ORDERS, `O1,C1,2025-01-10,web,${'x'.repeat(2_000_001)},placed,`),
      'orders_2.csv': csv(`${ORDERS},${wide}`),
      'orders_3.csv': csv(`${ORDERS},${wide.split(',').slice(0, 993).join(',')}`), // 1,000 columns
      'orders_4.csv': csv(ORDERS, 'O4,C1,2025-01-10,web,card,placed,,'), // an extra empty field
    });
    expect(result.files.map((f) => [f.name, f.fileRejection, f.rowsRead, f.rejectedByReason])).toEqual([
      ['orders_1.csv', 'line_too_long', 0, {}],
      ['orders_2.csv', 'too_many_columns', 0, {}],
      ['orders_3.csv', null, 0, {}],
      ['orders_4.csv', null, 1, { malformed_row: 1 }],
    ]);
  });

  test('header names are trimmed of white space; a column without a name or named twice is bad_header, judged first', async () => {
    const result = await gold({
      'orders_1.csv': csv('order_id\t, customer_id,order_ts,STATUS\t', 'O1,C1,2025-01-10,placed'),
      'orders_2.csv': csv('order_id,customer_id,order_ts,status,', 'O2,C1,2025-01-10,placed,'),
      'orders_3.csv': csv('order_id,order_id,order_ts,status', 'O3,O3,2025-01-10,placed'), // no customer_id either
      'orders_4.csv': '\f\n', // its only column has no name
    });
    expect(result.files.map((f) => [f.name, f.fileRejection, f.rowsRead])).toEqual([
      ['orders_1.csv', null, 1],
      ['orders_2.csv', 'bad_header', 0],
      ['orders_3.csv', 'bad_header', 0],
      ['orders_4.csv', 'bad_header', 0],
    ]);
  });

  test('monthly_by gives each month the members of every dimension, lines for product, category and brand', async () => {
    const result = await gold({
      'customers.csv': csv(CUSTOMERS, 'C1,F,,DE,,,', 'C2,M,,AT,,,'),
      'products.csv': csv(PRODUCTS, 'P1,,c1,b1,,', 'P2,,c2,b1,,'),
      'orders.csv': csv(
        ORDERS,
        'O1,C1,2025-01-10,web,card,placed,',
        'O2,C2,2025-01-20,app,cash,cancelled,',
        'O3,C1,2025-02-01,web,card,returned,', // no lines
      ),
      // O1: P1 2 x 5 = 10, P2 1 x 3 - 1 = 2 (12 in all, 3 units); O2: P1 1 x 5 = 5, lost.
      'order_items.csv': csv(ITEMS, 'O1,1,P1,2,5,', 'O1,2,P2,1,3,1', 'O2,1,P1,1,5,'),
    });
    const valid = [1, 3, '12.0000', 1, 0, '0.0000'] as const; // O1 alone
    const cancelled = [0, 0, '0.0000', 0, 1, '5.0000'] as const; // O2 alone
    const returned = [0, 0, '0.0000', 0, 0, '0.0000'] as const; // O3 alone
    const expected: [string, string, string, ...(string | number)[]][] = [
      ['2025-01-01', 'brand', 'b1', 1, 3, '12.0000', 1, 1, '5.0000'], // O1 and O2 both hold b1
      ['2025-01-01', 'category', 'c1', 1, 2, '10.0000', 1, 1, '5.0000'], // P1's lines
      ['2025-01-01', 'category', 'c2', 1, 1, '2.0000', 1, 0, '0.0000'], // P2's line
      ['2025-01-01', 'channel', 'app', ...cancelled],
      ['2025-01-01', 'channel', 'web', ...valid],
      ['2025-01-01', 'country', 'AT', ...cancelled],
      ['2025-01-01', 'country', 'DE', ...valid],
      ['2025-01-01', 'customer', 'C1', ...valid],
      ['2025-01-01', 'customer', 'C2', ...cancelled],
      ['2025-01-01', 'gender', 'F', ...valid],
      ['2025-01-01', 'gender', 'M', ...cancelled],
      ['2025-01-01', 'payment_method', 'card', ...valid],
      ['2025-01-01', 'payment_method', 'cash', ...cancelled],
      ['2025-01-01', 'product', 'P1', 1, 2, '10.0000', 1, 1, '5.0000'],
      ['2025-01-01', 'product', 'P2', 1, 1, '2.0000', 1, 0, '0.0000'],
      ['2025-02-01', 'channel', 'web', ...returned], // an order without lines has no product member
      ['2025-02-01', 'country', 'DE', ...returned],
      ['2025-02-01', 'customer', 'C1', ...returned],
      ['2025-02-01', 'gender', 'F', ...returned],
      ['2025-02-01', 'payment_method', 'card', ...returned],
    ];
    expect(result.gold.monthly_by.map((r) => Object.values(r))).toEqual(expected);
  });

  test('an order in year 10000 falls in the month 10000-01-01', async () => {
    const result = await gold({
      'orders.csv': csv(ORDERS, 'O1,C1,9999-12-31T23:00:00-05:00,web,card,placed,'),
    });
    expect(result.gold.monthly_kpis.map((r) => r.month)).toEqual(['10000-01-01']); // 9999-12-31 23:00 + 5 h
  });

  test('invalid UTF-8 after the first 64 KiB rejects only its row', async () => {
    const filler = Array.from({ length: 2000 }, (_, i) => `O${i},C1,2025-01-10 10:00:00,web,card,placed,EUR`);
    const body = Buffer.from(csv(ORDERS, ...filler));
    expect(body.length).toBeGreaterThan(64 * 1024);
    const result = await gold({
      'orders.csv': Buffer.concat([
        body,
        Buffer.from('X1,C1,2025-01-10 10:00:00,w\xff,card,placed,EUR\n', 'latin1'),
      ]),
    });
    expect(fileEntry(result, 'orders.csv')).toMatchObject({
      rowsRead: 2001,
      accepted: 2000,
      rejectedByReason: { malformed_row: 1 },
    });
  });

  test('the latest row wins across files in byte order and within a file the last row wins', async () => {
    const result = await gold({
      // Byte order: 'Orders_B.csv' < 'orders.csv' < 'orders_2.csv' ('O' 0x4F < 'o' 0x6F, '.' 0x2E < '_' 0x5F).
      'Orders_B.csv': csv(ORDERS, 'O1,C1,2025-01-10 10:00:00,web,card,cancelled,'),
      'orders.csv': csv(ORDERS, 'O1,C1,2025-01-10 10:00:00,web,card,returned,'),
      'orders_2.csv': csv(
        ORDERS,
        'O1,C1,2025-01-10 10:00:00,web,card,placed,',
        'O1,C1,2025-01-10 10:00:00,app,card,delivered,', // the last O1 row of the last file wins
      ),
      'customers.csv': csv(CUSTOMERS, 'C1,F,,DE,,,', 'C1,F,,AT,,,'),
      'customers_2.csv': csv(CUSTOMERS, 'C1,X,,FR,,,'),
    });
    expect(result.files.map((f) => f.name)).toEqual([
      'customers.csv',
      'customers_2.csv',
      'Orders_B.csv',
      'orders.csv',
      'orders_2.csv',
    ]);
    expect(result.silverCounts).toMatchObject({ orders: 1, customers: 1 });
    // One delivered order via app, customer C1 from customers_2.csv (FR, X).
    expect(result.gold.daily_sales).toEqual([
      {
        date: '2025-01-10',
        channel: 'app',
        country: 'FR',
        orders: 1,
        units: 0,
        revenue: '0.0000',
        customers: 1,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
    ]);
  });

  test('a rejected re-sent row replaces nothing', async () => {
    const result = await gold({
      'customers.csv': csv(CUSTOMERS, 'C1,F,,DE,,,'),
      'customers_2.csv': csv(CUSTOMERS, 'C1,M,,,,,'), // missing country: rejected, C1 stays DE / F
      'orders.csv': csv(ORDERS, 'O1,C1,2025-01-10 10:00:00,web,card,placed,'),
      'orders_2.csv': csv(ORDERS, 'O1,C1,2025-01-10 10:00:00,web,card,lost,'), // unknown_status
      'products.csv': csv(PRODUCTS, 'P1,,,,,'),
      'order_items.csv': csv(ITEMS, 'O1,1,P1,1,5.00,'),
      'order_items_2.csv': csv(ITEMS, 'O1,1,P1,-3,5.00,'), // negative_quantity: the line stays 1 x 5.00
    });
    const country = result.gold.revenue_by.filter(
      (r) => r.dimension === 'country' || r.dimension === 'gender',
    );
    expect(country).toEqual([
      { dimension: 'country', member: 'DE', orders: 1, units: 1, revenue: '5.0000', revenue_share: 1 },
      { dimension: 'gender', member: 'F', orders: 1, units: 1, revenue: '5.0000', revenue_share: 1 },
    ]);
  });

  test('lines whose order is missing are counted as orphans and left out of gold', async () => {
    const result = await gold({
      'products.csv': csv(PRODUCTS, 'P1,,,,,'),
      'orders.csv': csv(
        ORDERS,
        'O1,C1,2025-01-10 10:00:00,web,card,placed,',
        'O2,C1,2025-01-10,web,card,bogus,',
      ),
      'order_items.csv': csv(
        ITEMS,
        'O1,1,P1,1,5.00,',
        'O2,1,P1,1,7.00,', // O2 was rejected: orphan
        'O9,1,P1,2,9.00,', // O9 never arrived: orphan
        'O9,1,P1,3,9.00,', // same key again: still one orphan line
        'O1,01,P1,2,5.00,', // line_number 01 = 1: replaces O1's first line
      ),
    });
    expect(result.silverCounts).toEqual({
      orders: 1,
      orderItems: 1,
      customers: 0,
      products: 1,
      orphanLines: 2,
    });
    // O1 alone: 2 x 5.00 = 10.0000; no trace of O2 or O9.
    expect(result.gold.monthly_kpis).toMatchObject([
      { month: '2025-01-01', orders: 1, units: 2, revenue: '10.0000' },
    ]);
    expect(result.gold.revenue_by.filter((r) => r.dimension === 'product')).toEqual([
      { dimension: 'product', member: 'P1', orders: 1, units: 2, revenue: '10.0000', revenue_share: 1 },
    ]);
  });

  test('the gold tables of a three-order example match a hand calculation', async () => {
    const result = await gold({
      'customers.csv': csv(CUSTOMERS, 'C1,F,1990-01-01,DE,,,2024-01-01', 'C2,M,not-a-date,FR,,,'),
      'products.csv': csv(PRODUCTS, 'P1,Mug,CAT1,B1,10.00,4', 'P2,Tee,CAT2,,25.5,'),
      'orders.csv': csv(
        ORDERS,
        'O1,C1,2025-01-10 10:00:00,web,card,delivered,EUR',
        'O2,C2,2025-01-10 12:00:00,app,paypal,Canceled,EUR', // canceled = cancelled
        'O3,C3,2025-02-03T09:15:00Z,web,card,shipped,EUR', // C3 is not a known customer
      ),
      'order_items.csv': csv(
        ITEMS,
        'O1,1,P1,2,10.00,1.5', // 2 x 10.00 - 1.50 = 18.50
        'O1,2,P2,1,25.50,', //    1 x 25.50 - 0    = 25.50   → O1 = 44.00, 3 units
        'O2,1,P1,3,10.00,0', //   3 x 10.00 - 0    = 30.00   → O2 = 30.00, 3 units (cancelled)
        'O3,1,P2,2,25.5,5.25', // 2 x 25.50 - 5.25 = 45.75   → O3 = 45.75, 2 units
      ),
      'events.csv': csv(
        EVENTS,
        '2025-01-09 08:00:00,V1,view,P1,',
        '2025-01-09 08:01:00,V1,VIEW,P1,', // V1 again: distinct visitors
        '2025-01-09 08:02:00,V2,view,P1,',
        '2025-01-09 08:03:00,V1,addtocart,P1,',
        '2025-01-09 08:04:00,V1,transaction,P1,O1',
        '2025-01-09 08:05:00,V3,addtocart,P2,',
      ),
    });
    // Total valid revenue = O1 + O3 = 44.00 + 45.75 = 89.75.
    const total = 89.75;
    expect(result.silverCounts).toEqual({
      orders: 3,
      orderItems: 4,
      customers: 2,
      products: 2,
      orphanLines: 0,
    });
    expect(result.gold.daily_sales).toEqual([
      // 2025-01-10 app FR: only O2, cancelled → 0 valid orders, lost 30.00.
      {
        date: '2025-01-10',
        channel: 'app',
        country: 'FR',
        orders: 0,
        units: 0,
        revenue: '0.0000',
        customers: 0,
        cancelled_orders: 1,
        lost_revenue: '30.0000',
      },
      // 2025-01-10 web DE: O1 → 1 order, 3 units, 44.00, 1 customer.
      {
        date: '2025-01-10',
        channel: 'web',
        country: 'DE',
        orders: 1,
        units: 3,
        revenue: '44.0000',
        customers: 1,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
      // 2025-02-03 web null (C3 unknown): O3 → 1 order, 2 units, 45.75.
      {
        date: '2025-02-03',
        channel: 'web',
        country: null,
        orders: 1,
        units: 2,
        revenue: '45.7500',
        customers: 1,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
    ]);
    expect(result.gold.monthly_kpis).toEqual([
      // January: valid O1 (44.00, 3 units); O2 cancelled (30.00); aov 44.00 / 1; rate 1 of 2 orders;
      // C1's first valid order is O1 → 1 new customer.
      {
        month: '2025-01-01',
        orders: 1,
        units: 3,
        revenue: '44.0000',
        aov: 44,
        active_customers: 1,
        new_customers: 1,
        cancelled_orders: 1,
        cancellation_rate: 0.5,
        lost_revenue: '30.0000',
      },
      // February: O3 (45.75, 2 units), C3 new; no cancellation among 1 order → rate 0.
      {
        month: '2025-02-01',
        orders: 1,
        units: 2,
        revenue: '45.7500',
        aov: 45.75,
        active_customers: 1,
        new_customers: 1,
        cancelled_orders: 0,
        cancellation_rate: 0,
        lost_revenue: '0.0000',
      },
    ]);
    const revenueBy = (
      dimension: string,
      member: string | null,
      orders: number,
      units: number,
      revenue: string,
    ) => ({
      dimension,
      member,
      orders,
      units,
      revenue,
      revenue_share: Number(revenue) / total,
    });
    expect(result.gold.revenue_by).toEqual([
      revenueBy('brand', null, 2, 3, '71.2500'), // P2 has no brand: O1 line 2 (25.50) + O3 (45.75)
      revenueBy('brand', 'B1', 1, 2, '18.5000'), // P1 in O1 (O2 is cancelled)
      revenueBy('category', 'CAT1', 1, 2, '18.5000'),
      revenueBy('category', 'CAT2', 2, 3, '71.2500'),
      revenueBy('channel', 'web', 2, 5, '89.7500'), // O1 + O3: 3 + 2 units; share 1
      revenueBy('country', null, 1, 2, '45.7500'), // O3, unknown customer
      revenueBy('country', 'DE', 1, 3, '44.0000'),
      revenueBy('customer', 'C1', 1, 3, '44.0000'),
      revenueBy('customer', 'C3', 1, 2, '45.7500'),
      revenueBy('gender', null, 1, 2, '45.7500'),
      revenueBy('gender', 'F', 1, 3, '44.0000'),
      revenueBy('payment_method', 'card', 2, 5, '89.7500'),
      revenueBy('product', 'P1', 1, 2, '18.5000'),
      revenueBy('product', 'P2', 2, 3, '71.2500'), // 1 + 2 units, 25.50 + 45.75
    ]);
    const cancellationsBy = (
      dimension: string,
      member: string | null,
      orders: number,
      cancelled: number,
    ) => ({
      dimension,
      member,
      orders,
      cancelled_orders: cancelled,
      cancellation_rate: cancelled / orders,
      lost_revenue: cancelled === 0 ? '0.0000' : '30.0000', // the only cancelled order is O2 (30.00)
    });
    expect(result.gold.cancellations_by).toEqual([
      cancellationsBy('brand', null, 2, 0), // O1, O3
      cancellationsBy('brand', 'B1', 2, 1), // O1, O2
      cancellationsBy('category', 'CAT1', 2, 1),
      cancellationsBy('category', 'CAT2', 2, 0),
      cancellationsBy('channel', 'app', 1, 1),
      cancellationsBy('channel', 'web', 2, 0),
      cancellationsBy('country', null, 1, 0),
      cancellationsBy('country', 'DE', 1, 0),
      cancellationsBy('country', 'FR', 1, 1),
      cancellationsBy('customer', 'C1', 1, 0),
      cancellationsBy('customer', 'C2', 1, 1),
      cancellationsBy('customer', 'C3', 1, 0),
      cancellationsBy('gender', null, 1, 0),
      cancellationsBy('gender', 'F', 1, 0),
      cancellationsBy('gender', 'M', 1, 1),
      cancellationsBy('payment_method', 'card', 2, 0),
      cancellationsBy('payment_method', 'paypal', 1, 1),
      cancellationsBy('product', 'P1', 2, 1),
      cancellationsBy('product', 'P2', 2, 0),
    ]);
    expect(result.gold.customer_monthly_spend).toEqual([
      { customer_id: 'C1', month: '2025-01-01', orders: 1, revenue: '44.0000' },
      { customer_id: 'C3', month: '2025-02-01', orders: 1, revenue: '45.7500' }, // C2 has no valid order
    ]);
    expect(result.gold.conversion_funnel).toEqual([
      // P1: viewers {V1, V2}, carts {V1}, buyers {V1} → 1/2 and 1/1.
      {
        product_id: 'P1',
        views: 2,
        addtocarts: 1,
        purchases: 1,
        view_to_cart_rate: 0.5,
        cart_to_purchase_rate: 1,
      },
      // P2: no view → null view_to_cart_rate; 0 of 1 carts bought → 0.
      {
        product_id: 'P2',
        views: 0,
        addtocarts: 1,
        purchases: 0,
        view_to_cart_rate: null,
        cart_to_purchase_rate: 0,
      },
    ]);
  });

  test('ratios are null over nothing: a month of cancelled orders only, an order without lines', async () => {
    const result = await gold({
      'orders.csv': csv(
        ORDERS,
        'O1,C1,2025-03-01 10:00:00,web,card,cancelled,',
        'O2,C1,2025-03-02,web,card,returned,',
      ),
    });
    // No valid order: aov null; 1 cancelled of 2 (returned is not cancelled); no lines → 0 lost.
    expect(result.gold.monthly_kpis).toEqual([
      {
        month: '2025-03-01',
        orders: 0,
        units: 0,
        revenue: '0.0000',
        aov: null,
        active_customers: 0,
        new_customers: 0,
        cancelled_orders: 1,
        cancellation_rate: 0.5,
        lost_revenue: '0.0000',
      },
    ]);
    expect(result.gold.revenue_by).toEqual([]);
    expect(result.gold.customer_monthly_spend).toEqual([]);
    expect(result.gold.conversion_funnel).toEqual([]);
  });

  test('new customers count a customer in the month of the first valid order of all history', async () => {
    const result = await gold({
      'orders.csv': csv(
        ORDERS,
        'O1,C1,2025-01-05 10:00:00,web,card,cancelled,', // not valid: C1 is not new in January
        'O2,C1,2025-02-05 10:00:00,web,card,placed,', //    C1's first valid order: new in February
        'O3,C1,2025-03-05 10:00:00,web,card,placed,', //    active again, not new
        'O4,C2,2025-03-06 10:00:00,web,card,placed,', //    C2 new in March
      ),
    });
    expect(result.gold.monthly_kpis.map((r) => [r.month, r.active_customers, r.new_customers])).toEqual([
      ['2025-01-01', 0, 0],
      ['2025-02-01', 1, 1],
      ['2025-03-01', 2, 1],
    ]);
  });

  test('an order at 23:30 on 31 January at -05:00 falls on 1 February in UTC', async () => {
    const files = { 'orders.csv': csv(ORDERS, 'O1,C1,2025-01-31 23:30:00-05:00,web,card,placed,') };
    // 23:30 at -05:00 is 04:30Z on 1 February; 05:30 in Berlin; 23:30 on the 31st in New York.
    expect((await gold(files, 'UTC')).gold.daily_sales[0]?.date).toBe('2025-02-01');
    expect((await gold(files, 'Europe/Berlin')).gold.monthly_kpis[0]?.month).toBe('2025-02-01');
    expect((await gold(files, 'America/New_York')).gold.daily_sales[0]?.date).toBe('2025-01-31');
  });

  test('naive timestamps are wall times of the reporting zone; instants move with the zone', async () => {
    const files = {
      'orders.csv': csv(
        ORDERS,
        'O1,C1,2025-03-30 02:30:00,gap,card,placed,', // in Berlin's gap: stays on the 30th
        'O2,C1,2025-10-26 02:30:00,overlap,card,placed,', // in Berlin's overlap: stays on the 26th
        'O3,C1,2025-06-30T22:30:00Z,instant,card,placed,', // 00:30 CEST on 1 July in Berlin
      ),
    };
    const dates = (r: ReferenceGold) => r.gold.daily_sales.map((d) => [d.channel, d.date]);
    expect(dates(await gold(files, 'Europe/Berlin'))).toEqual([
      ['gap', '2025-03-30'],
      ['instant', '2025-07-01'],
      ['overlap', '2025-10-26'],
    ]);
    expect(dates(await gold(files, 'UTC'))).toEqual([
      ['gap', '2025-03-30'],
      ['instant', '2025-06-30'],
      ['overlap', '2025-10-26'],
    ]);
  });

  test('the machine time zone does not change any answer', async () => {
    const files = {
      'orders.csv': csv(
        ORDERS,
        'O1,C1,2025-01-31 23:30:00-05:00,web,card,placed,',
        'O2,C1,2025-03-30 02:30:00,web,card,placed,',
        'O3,C1,2024-12-31 23:59:59,web,card,placed,',
      ),
    };
    const dir = landing(files);
    const expected = await computeReferenceGold(dir, { timeZone: 'Europe/Berlin' });
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
      expect(new Date('2025-01-01T00:00:00Z').getTimezoneOffset()).toBe(-840); // really changed
      expect(await computeReferenceGold(dir, { timeZone: 'Europe/Berlin' })).toEqual(expected);
      process.env.TZ = 'America/Los_Angeles';
      expect(await computeReferenceGold(dir, { timeZone: 'Europe/Berlin' })).toEqual(expected);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Date('2025-01-01T00:00:00Z').getTimezoneOffset()).toBe(0);
  });

  test('a file of orders in another currency is rejected whole and the other files load', async () => {
    const result = await gold({
      // Byte order: orders_1 < orders_2 < orders_3 < orders_4.
      'orders_1.csv': csv(ORDERS, 'O1,C1,2025-01-10,web,card,placed,', 'O2,C1,2025-01-10,web,card,lost,USD'),
      'orders_2.csv': csv(
        ORDERS,
        'O3,C1,2025-01-10,web,card,placed,EUR',
        'O4,C1,2025-01-10,web,card,placed,',
      ),
      'orders_3.csv': csv(
        ORDERS,
        'O5,C1,2025-01-10,web,card,placed,EUR',
        'O6,C1,2025-01-10,web,card,placed,eur',
      ),
      'orders_4.csv': csv(ORDERS, 'O7,C1,2025-01-10,web,card,placed,EUR'),
    });
    expect(result.files.map((f) => [f.name, f.outcome, f.fileRejection, f.accepted])).toEqual([
      ['orders_1.csv', 'loaded', null, 1], // USD only on a rejected row (unknown_status): no currency
      ['orders_2.csv', 'loaded', null, 2], // the first currency loaded: EUR
      ['orders_3.csv', 'rejected', 'currency_mismatch', 0], // 'eur' is another currency: as written
      ['orders_4.csv', 'loaded', null, 1],
    ]);
    expect(result.silverCounts.orders).toBe(4); // O1, O3, O4, O7
  });

  test('in a new warehouse a file mixing currencies is rejected and the next file sets the currency', async () => {
    const result = await gold({
      'orders_1.csv': csv(
        ORDERS,
        'O1,C1,2025-01-10,web,card,placed,EUR',
        'O2,C1,2025-01-10,web,card,placed,USD',
      ),
      'orders_2.csv': csv(ORDERS, 'O3,C1,2025-01-10,web,card,placed,USD'),
      'orders_3.csv': csv(ORDERS, 'O4,C1,2025-01-10,web,card,placed,EUR'),
    });
    expect(result.files.map((f) => [f.name, f.fileRejection])).toEqual([
      ['orders_1.csv', 'currency_mismatch'],
      ['orders_2.csv', null], // USD: the first currency of a loaded file
      ['orders_3.csv', 'currency_mismatch'],
    ]);
  });

  test('a later run keeps the currency of the first run', async () => {
    const dir = landing({ 'orders_1.csv': csv(ORDERS, 'O1,C1,2025-01-10,web,card,placed,GBP') });
    const wh = new ReferenceWarehouse({ timeZone: 'UTC' });
    expect((await wh.run(dir)).map((f) => f.fileRejection)).toEqual([null]);
    writeFileSync(join(dir, 'orders_0.csv'), csv(ORDERS, 'O2,C1,2025-01-10,web,card,placed,EUR'));
    // orders_0 sorts first, but the warehouse's currency is already GBP.
    expect((await wh.run(dir)).map((f) => [f.name, f.fileRejection])).toEqual([
      ['orders_0.csv', 'currency_mismatch'],
    ]);
  });

  test('a file with more than the threshold of its records rejected is rejected whole', async () => {
    const rows = (bad: number, total: number, prefix: string) =>
      Array.from(
        { length: total },
        (_, i) => `${prefix}${i},C1,2025-01-10,web,card,${i < bad ? 'lost' : 'placed'},`,
      );
    const result = await gold({
      'orders_1.csv': csv(ORDERS, ...rows(25, 100, 'A')), // 25 of 100: not more than 25%
      'orders_2.csv': csv(ORDERS, ...rows(26, 100, 'B')), // 26 of 100: over 25%
      'orders_3.csv': csv(ORDERS, ...rows(99, 99, 'C')), // all 99 rejected, but fewer than 100 records
    });
    expect(result.files.map((f) => [f.name, f.fileRejection, f.rowsRead, f.accepted])).toEqual([
      ['orders_1.csv', null, 100, 75],
      ['orders_2.csv', 'too_many_rejected', 0, 0],
      ['orders_3.csv', null, 99, 0],
    ]);
    const strict = await computeReferenceGold(landing({ 'orders.csv': csv(ORDERS, ...rows(2, 4, 'D')) }), {
      timeZone: 'UTC',
      maxRejected: { share: 0.4, minRows: 4 },
    });
    expect(strict.files[0]?.fileRejection).toBe('too_many_rejected'); // 2 of 4 = 50% > 40%
  });

  test('a rejected products file makes none of its products known to later lines', async () => {
    const result = await gold(
      {
        'products.csv': csv(PRODUCTS, 'P1,,,,,'),
        'products_2.csv': csv(PRODUCTS, 'P2,,,,,', 'P3,,,,,', ',,,,,', ',,,,,'),
        'orders.csv': csv(ORDERS, 'O1,C1,2025-01-10,web,card,placed,'),
        'order_items.csv': csv(ITEMS, 'O1,1,P1,1,5,', 'O1,2,P2,1,5,'),
      },
      'UTC',
    );
    expect(fileEntry(result, 'products_2.csv').fileRejection).toBe(null); // 4 records: under 100
    const limited = await computeReferenceGold(
      landing({
        'products.csv': csv(PRODUCTS, 'P1,,,,,'),
        'products_2.csv': csv(PRODUCTS, 'P2,,,,,', 'P3,,,,,', ',,,,,', ',,,,,'),
        'orders.csv': csv(ORDERS, 'O1,C1,2025-01-10,web,card,placed,'),
        'order_items.csv': csv(ITEMS, 'O1,1,P1,1,5,', 'O1,2,P2,1,5,'),
      }),
      { timeZone: 'UTC', maxRejected: { share: 0.4, minRows: 4 } },
    );
    expect(fileEntry(limited, 'products_2.csv').fileRejection).toBe('too_many_rejected'); // 2 of 4
    expect(fileEntry(result, 'order_items.csv').rejectedByReason).toEqual({});
    expect(fileEntry(limited, 'order_items.csv').rejectedByReason).toEqual({ unknown_product: 1 });
  });

  test('runs: known files are skipped, later files win, products of earlier runs are known', async () => {
    const dir = landing({
      'products.csv': csv(PRODUCTS, 'P1,,,,,'),
      'orders.csv': csv(ORDERS, 'O1,C1,2025-01-10,web,card,placed,'),
      'order_items.csv': csv(ITEMS, 'O1,1,P1,2,5,'),
    });
    const wh = new ReferenceWarehouse({ timeZone: 'UTC' });
    await wh.run(dir);
    // A second run: an order re-sent as cancelled in a file named before the first in byte order.
    writeFileSync(join(dir, 'Orders_0.csv'), csv(ORDERS, 'O1,C1,2025-01-10,web,card,cancelled,'));
    writeFileSync(join(dir, 'order_items_2.csv'), csv(ITEMS, 'O1,2,P1,1,3,'));
    const second = await wh.run(dir);
    expect(second.map((f) => [f.name, f.outcome, f.accepted])).toEqual([
      ['Orders_0.csv', 'loaded', 1],
      ['order_items_2.csv', 'loaded', 1], // P1 is known from the first run
    ]);
    // O1 is cancelled (loaded last), its lines 2 x 5 + 1 x 3 = 13 are lost revenue.
    expect(wh.result().gold.monthly_kpis).toEqual([
      {
        month: '2025-01-01',
        orders: 0,
        units: 0,
        revenue: '0.0000',
        aov: null,
        active_customers: 0,
        new_customers: 0,
        cancelled_orders: 1,
        cancellation_rate: 1,
        lost_revenue: '13.0000',
      },
    ]);
    expect(await wh.run(dir)).toEqual([]); // nothing new
  });

  test('runs: the same content under a new name is a duplicate delivery, new bytes under a loaded name are not loaded', async () => {
    const first = csv(ORDERS, 'O1,C1,2025-01-10,web,card,placed,');
    const dir = landing({ 'orders.csv': first });
    const wh = new ReferenceWarehouse({ timeZone: 'UTC' });
    await wh.run(dir);
    writeFileSync(join(dir, 'orders_copy.csv.gz'), gzipSync(Buffer.from(first)));
    writeFileSync(join(dir, 'orders.csv'), csv(ORDERS, 'O1,C1,2025-01-10,web,card,cancelled,'));
    expect((await wh.run(dir)).map((f) => [f.name, f.outcome])).toEqual([
      ['orders.csv', 'changed'],
      ['orders_copy.csv.gz', 'duplicate'], // its decompressed bytes are those of orders.csv
    ]);
    expect(wh.result().gold.monthly_kpis[0]?.orders).toBe(1); // still placed
  });

  test('an empty landing folder gives empty tables', async () => {
    const result = await gold({});
    expect(result.files).toEqual([]);
    expect(result.silverCounts).toEqual({
      orders: 0,
      orderItems: 0,
      customers: 0,
      products: 0,
      orphanLines: 0,
    });
    expect(Object.values(result.gold).every((rows) => rows.length === 0)).toBe(true);
  });
});

/**
 * Differential test: the pipeline (`runEtl` into a real DuckDB file) against the independent
 * oracle (test/support/reference-gold.ts: its own CSV reader, BigInt money, no SQL) on random
 * landing folders full of contract edge cases (test/support/landing-generator.ts), delivered over
 * 2-4 runs into one warehouse. After every run, each file's outcome and row accounting, the silver
 * row counts and every gold table must be the same; ratios within a relative 1e-12 (both sides
 * divide the same exact values in doubles). The expected values come from the oracle, which is
 * written from the data contract v1.1 and docs/contract-notes.md.
 *
 * A failure prints the seed, a command that runs that case alone, and the case's files.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { generateCase } from './landing-generator.ts';
import { compareCase, describeCase, handCase, type Seen } from './pipeline-vs-oracle.ts';

const BASE_SEED = 20_261_130;
const CASES = 24;
/** `DIFF_SEED=<seed>` runs that one case. */
const only = process.env.DIFF_SEED === undefined ? null : Number(process.env.DIFF_SEED);
const seeds = only === null ? Array.from({ length: CASES }, (_, i) => BASE_SEED + i) : [only];

/** What the oracle saw over all random cases: every reason must occur, or the cases test little. */
const seen: Seen = {
  rowReasons: new Set(),
  fileReasons: new Set(),
  outcomes: new Set(),
  goldWithRows: new Set(),
};

describe('the pipeline and the oracle on random landing folders over several runs', () => {
  test.each(seeds)(
    'seed %i: every run gives the same file outcomes, row counts, silver counts and gold tables',
    async (seed) => {
      // The reader's limits are left out here: a file past them stops the pipeline's run (see below).
      const c = generateCase(seed, { limits: false });
      const found = await compareCase(c, { seen });
      const report = `seed ${seed} disagrees; run it alone: DIFF_SEED=${seed} TZ=UTC npx vitest run test/support/differential.test.ts\n${found.join('\n')}\ncase: ${describeCase(c)}`;
      expect(found, report).toEqual([]);
    },
    60_000,
  );

  test.runIf(only === null)(
    'the random cases meet every row rejection reason, the whole-file reasons they can draw and rows in every gold table',
    () => {
      expect([...seen.rowReasons].sort()).toEqual([
        'bad_number',
        'bad_timestamp',
        'malformed_row',
        'missing_required',
        'negative_amount',
        'negative_quantity',
        'unknown_event_type',
        'unknown_product',
        'unknown_status',
      ]);
      expect([...seen.goldWithRows].sort()).toEqual([
        'cancellations_by',
        'conversion_funnel',
        'customer_monthly_spend',
        'daily_sales',
        'monthly_by',
        'monthly_kpis',
        'revenue_by',
      ]);
      expect([...seen.fileReasons]).toEqual(
        expect.arrayContaining([
          'currency_mismatch',
          'empty_file',
          'missing_column',
          'not_text',
          'too_many_rejected',
        ]),
      );
    },
  );
});

const ORDERS = 'order_id,customer_id,order_ts,channel,payment_method,status,currency';

describe('the pipeline and the oracle on the reader limits and line ends (contract v1.1, section 3)', () => {
  test('a file with a record past 2,000,000 bytes is rejected alone (line_too_long) and the others load', async () => {
    const found = await compareCase(
      handCase([
        {
          'orders_1.csv': `${ORDERS}\no1,u1,2025-01-10,web,${'x'.repeat(2_000_001)},placed,EUR\n`,
          'orders_2.csv': `${ORDERS}\no2,u1,2025-01-10,web,card,placed,EUR\n`,
        },
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);

  test('a file whose header has 1,001 columns is rejected alone (too_many_columns) and the others load', async () => {
    const wide = Array.from({ length: 994 }, (_, i) => `x${i}`).join(',');
    const found = await compareCase(
      handCase([
        {
          'orders_1.csv': `${ORDERS},${wide}\n`,
          'orders_2.csv': `${ORDERS}\no2,u1,2025-01-10,web,card,placed,EUR\n`,
        },
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);

  test('a CR that ends an LF file makes its last record malformed_row and the file loads', async () => {
    const found = await compareCase(
      handCase([
        {
          'orders.csv': `${ORDERS}\no1,u1,2025-01-10,web,card,placed,EUR\no2,u1,2025-01-10,web,card,placed,EUR\r`,
        },
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);

  test('a CR that ends a CRLF file makes its last record malformed_row too', async () => {
    const found = await compareCase(
      handCase([
        {
          'orders.csv': `${ORDERS}\r\no1,u1,2025-01-10,web,card,placed,EUR\r\no2,u1,2025-01-10,web,card,placed,EUR\r`,
        },
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);
});

describe('the pipeline and the oracle on the warehouse currency (contract v1.1, section 3)', () => {
  test("the first currency is that of the first file in byte order, whatever the files' header layouts", async () => {
    // orders_1 names no currency; orders_2 (another column order) USD; orders_3 (orders_1's layout) EUR.
    const reordered = 'order_id,customer_id,order_ts,status,currency,channel,payment_method';
    const found = await compareCase(
      handCase([
        {
          'orders_1.csv': `${ORDERS}\no1,u1,2025-01-10,web,card,placed,\n`,
          'orders_2.csv': `${reordered}\no2,u1,2025-01-10,placed,USD,web,card\n`,
          'orders_3.csv': `${ORDERS}\no3,u1,2025-01-10,web,card,placed,EUR\n`,
        },
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);

  test('a file rejected as too_many_rejected sets no currency for the files after it', async () => {
    const good = Array.from({ length: 60 }, (_, i) => `g${i},u1,2025-01-10,web,card,placed,GBP`);
    const bad = Array.from({ length: 60 }, (_, i) => `b${i},u1,2025-01-10,web,card,lost,GBP`);
    const found = await compareCase(
      handCase([
        {
          'orders_1.csv': `${ORDERS}\n${[...good, ...bad].join('\n')}\n`, // 60 of 120 rejected: 50%
          'orders_2.csv': `${ORDERS}\no2,u1,2025-01-10,web,card,placed,EUR\n`,
        },
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);
});

describe('the pipeline and the oracle on the gold tables (contract v1.1, section 5)', () => {
  test('the pipeline builds every gold table the contract lists, monthly_by included', async () => {
    const found = await compareCase(
      handCase([
        {
          'products.csv': 'product_id,product_name,category_id,brand_id,list_price,unit_cost\np1,,c1,b1,,\n',
          'orders.csv': `${ORDERS}\no1,u1,2025-01-10,web,card,placed,EUR\no2,u1,2025-02-10,web,card,cancelled,EUR\n`,
          'order_items.csv':
            'order_id,line_number,product_id,quantity,unit_price,discount_amount\no1,1,p1,2,5,\no2,1,p1,1,3,\n',
        },
      ]),
      { allGold: true },
    );
    expect(found).toEqual([]);
  }, 60_000);
});

describe('the pipeline and the oracle on whole files (contract v1.1, section 3)', () => {
  test('a few bytes that are not UTF-8 early in a file reject only their record', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `a${i},u1,2025-01-10,web,card,placed,EUR\n`).join('');
    const bytes = Buffer.concat([
      Buffer.from(`${ORDERS}\n${rows}x1,u1,2025-01-10,w`),
      Buffer.from([0xff]),
      Buffer.from(',card,placed,EUR\n'),
    ]);
    const found = await compareCase({
      seed: 0,
      timeZone: 'UTC',
      maxRejected: undefined,
      runs: [{ 'orders.csv': bytes }],
    });
    expect(found).toEqual([]);
  }, 60_000);

  test('headers: white space trimmed, an unnamed or repeated column is bad_header before a missing column', async () => {
    const found = await compareCase(
      handCase([
        {
          'orders_1.csv': `order_id\t, customer_id,order_ts,STATUS\t\no1,u1,2025-01-10,placed\n`,
          'orders_2.csv': `${ORDERS},\no2,u1,2025-01-10,web,card,placed,EUR,\n`,
          'orders_3.csv': 'order_id,order_id,order_ts,status\no3,o3,2025-01-10,placed\n',
          'orders_4.csv': '\f\n',
        },
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);

  test('timestamps at the ends of the calendar: year 0000 and an offset into year 10000', async () => {
    const found = await compareCase(
      handCase([
        {
          'orders.csv': `${ORDERS}\no1,u1,0000-01-01,web,card,placed,EUR\no2,u1,9999-12-31T23:00:00-05:00,web,card,placed,EUR\no3,u1,0001-01-01T00:30:00+01:00,web,card,placed,EUR\n`,
        },
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);

  test('a truncated gzip file is rejected alone (unreadable) and the others load', async () => {
    const whole = gzipSync(Buffer.from(`${ORDERS}\n${'o1,u1,2025-01-10,web,card,placed,EUR\n'.repeat(500)}`));
    const found = await compareCase({
      seed: 0,
      timeZone: 'UTC',
      maxRejected: undefined,
      runs: [
        {
          'orders.csv.gz': whole.subarray(0, whole.length - 30),
          'orders_2.csv': Buffer.from(`${ORDERS}\no2,u1,2025-01-10,web,card,placed,EUR\n`),
        },
      ],
    });
    expect(found).toEqual([]);
  }, 60_000);

  test('a rejected file fixed and re-sent in a later run is applied after the files loaded before it', async () => {
    const found = await compareCase(
      handCase([
        {
          'orders_0.csv': `${ORDERS}\no0,u1,2025-01-10,web,card,placed,EUR\n`,
          'orders_a.csv': `${ORDERS}\no1,u1,2025-01-10,web,card,cancelled,USD\n`, // currency_mismatch
          'orders_b.csv': `${ORDERS}\no1,u1,2025-01-10,web,card,shipped,EUR\n`,
        },
        { 'orders_a.csv': `${ORDERS}\no1,u1,2025-01-10,web,card,cancelled,EUR\n` }, // ingested last: o1 is cancelled
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);

  test('the same content under a new name in a later run is a duplicate delivery, skipped', async () => {
    const first = `${ORDERS}\no1,u1,2025-01-10,web,card,placed,EUR\n`;
    const found = await compareCase(
      handCase([
        { 'orders.csv': first, 'orders_2.csv': `${ORDERS}\no1,u1,2025-01-10,web,card,cancelled,EUR\n` },
        { 'orders_3.csv': first }, // loaded again, it would revert o1 to placed
      ]),
    );
    expect(found).toEqual([]);
  }, 60_000);
});

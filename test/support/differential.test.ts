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
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { EtlResult } from '../../etl/runner.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { EtlFixture } from './fixtures.ts';
import { generateCase, type LandingCase } from './landing-generator.ts';
import { type ReferenceFile, type ReferenceGold, ReferenceWarehouse } from './reference-gold.ts';

const BASE_SEED = 20_261_130;
const CASES = 24;
const REL = 1e-12;
/** `DIFF_SEED=<seed>` runs that one case. */
const only = process.env.DIFF_SEED === undefined ? null : Number(process.env.DIFF_SEED);
const seeds = only === null ? Array.from({ length: CASES }, (_, i) => BASE_SEED + i) : [only];

const GOLD_ORDER: Readonly<Record<keyof ReferenceGold['gold'], string>> = {
  daily_sales: 'date, channel nulls first, country nulls first',
  monthly_kpis: 'month',
  revenue_by: 'dimension, member nulls first',
  cancellations_by: 'dimension, member nulls first',
  customer_monthly_spend: 'customer_id, month',
  conversion_funnel: 'product_id',
};

/** Deep equality where two numbers may differ by REL relative; differences as `path: ours vs oracle`. */
function differences(actual: unknown, expected: unknown, path: string, out: string[]): void {
  if (out.length > 20) return;
  if (typeof actual === 'number' && typeof expected === 'number') {
    const scale = Math.max(Math.abs(actual), Math.abs(expected));
    if (actual !== expected && Math.abs(actual - expected) > REL * scale)
      out.push(`${path}: ${actual} vs ${expected}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) out.push(`${path}: ${actual.length} rows vs ${expected.length}`);
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      differences(actual[i], expected[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const k of keys) {
      differences(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}.${k}`,
        out,
      );
    }
    return;
  }
  if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
}

/** The pipeline's report of the files a run acted on, in the oracle's terms. */
function pipelineFiles(result: EtlResult) {
  const outcome = { load: 'loaded', reprocess: 'loaded', reject: 'rejected', changed: 'changed' } as const;
  return result.files.flatMap((f) =>
    f.action === 'skip' || f.action === 'unmatched'
      ? []
      : [
          {
            name: f.file,
            outcome: outcome[f.action],
            fileRejection: f.action === 'reject' ? f.reason : null,
            rowsRead: f.rowsRead,
            accepted: f.rowsAccepted,
            rejectedByReason: f.rejectedByReason,
          },
        ],
  );
}

function oracleFiles(files: readonly ReferenceFile[]) {
  return files.map(({ name, outcome, fileRejection, rowsRead, accepted, rejectedByReason }) => ({
    name,
    outcome,
    fileRejection,
    rowsRead,
    accepted,
    rejectedByReason,
  }));
}

/** File reports keyed by name, so that a difference names its file. */
function byName<T extends { readonly name: string }>(files: readonly T[]): Record<string, Omit<T, 'name'>> {
  return Object.fromEntries(files.map(({ name, ...rest }) => [name, rest]));
}

/** Silver counts and gold tables as the pipeline's warehouse holds them. */
async function pipelineTables(path: string) {
  const wh = await Warehouse.open(path, { readOnly: true });
  try {
    const count = async (table: string) => Number(await wh.scalar(`select count(*) from silver.${table}`));
    const silverCounts = {
      orders: await count('fact_orders'),
      orderItems: await count('fact_order_items'),
      customers: await count('dim_customers'),
      products: await count('dim_products'),
    };
    const gold: Record<string, unknown> = {};
    for (const [table, order] of Object.entries(GOLD_ORDER)) {
      gold[table] = await wh.all(`select * from gold.${table} order by ${order}`);
    }
    const tables = await wh.all<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'gold' order by 1",
    );
    return { silverCounts, gold, goldTables: tables.map((t) => t.name) };
  } finally {
    wh.close();
  }
}

/** The case as readable text: every file of every run (gzip shown decompressed, long text cut). */
function describeCase(c: LandingCase): string {
  const cut = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}... (${s.length} characters)` : s);
  const runs = c.runs.map((files) =>
    Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => [
        name,
        cut((name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')),
      ]),
    ),
  );
  return JSON.stringify({ seed: c.seed, timeZone: c.timeZone, maxRejected: c.maxRejected, runs }, null, 1);
}

/** Reasons and outcomes the oracle met, gathered over cases. */
interface Seen {
  readonly rowReasons: Set<string>;
  readonly fileReasons: Set<string>;
  readonly outcomes: Set<string>;
}

/** Runs a case through both; returns every difference, run by run. */
async function compareCase(c: LandingCase, seen?: Seen): Promise<string[]> {
  const fixture = new EtlFixture();
  const oracle = new ReferenceWarehouse({
    timeZone: c.timeZone,
    ...(c.maxRejected === undefined ? {} : { maxRejected: c.maxRejected }),
  });
  const out: string[] = [];
  try {
    for (const [i, files] of c.runs.entries()) {
      fixture.write(files);
      const result = await fixture.run({
        timeZone: c.timeZone,
        ...(c.maxRejected === undefined ? {} : { maxRejected: c.maxRejected }),
      });
      const referenceFiles = await oracle.run(fixture.landing);
      for (const f of referenceFiles) {
        seen?.outcomes.add(f.outcome);
        if (f.fileRejection !== null) seen?.fileReasons.add(f.fileRejection);
        for (const reason of Object.keys(f.rejectedByReason)) seen?.rowReasons.add(reason);
      }
      const expectedFiles = oracleFiles(referenceFiles);
      if (result.exitCode === 1) out.push(`run ${i + 1}: the pipeline failed: ${result.message}`);
      const ourFiles = pipelineFiles(result);
      differences(
        ourFiles.map((f) => f.name),
        expectedFiles.map((f) => f.name),
        `run ${i + 1} file order`,
        out,
      );
      differences(byName(ourFiles), byName(expectedFiles), `run ${i + 1} files`, out);
      const ours = await pipelineTables(fixture.warehouse);
      const reference = oracle.result();
      const { orphanLines: _, ...silverCounts } = reference.silverCounts;
      differences(ours.silverCounts, silverCounts, `run ${i + 1} silver`, out);
      differences(ours.gold, reference.gold, `run ${i + 1} gold`, out);
      differences(ours.goldTables, Object.keys(GOLD_ORDER).sort(), 'gold tables', out);
      if (out.length > 0) break;
    }
  } finally {
    fixture.cleanup();
  }
  return out;
}

/** What the oracle saw over all random cases: every reason must occur, or the cases test little. */
const seen: Seen = { rowReasons: new Set(), fileReasons: new Set(), outcomes: new Set() };

describe('the pipeline and the oracle on random landing folders over several runs', () => {
  test.each(seeds)(
    'seed %i: every run gives the same file outcomes, row counts, silver counts and gold tables',
    async (seed) => {
      // The reader's limits are left out here: a file past them stops the pipeline's run (see below).
      const c = generateCase(seed, { limits: false });
      const found = await compareCase(c, seen);
      const report = `seed ${seed} disagrees; run it alone: DIFF_SEED=${seed} TZ=UTC npx vitest run test/support/differential.test.ts\n${found.join('\n')}\ncase: ${describeCase(c)}`;
      expect(found, report).toEqual([]);
    },
    60_000,
  );

  test.runIf(only === null)(
    'the random cases meet every row rejection reason and the whole-file reasons they can draw',
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
      expect([...seen.fileReasons].sort()).toEqual([
        'currency_mismatch',
        'empty_file',
        'missing_column',
        'too_many_rejected',
      ]);
    },
  );
});

/** A case written by hand: one run per element, files as text. */
function handCase(runs: readonly Readonly<Record<string, string>>[], timeZone = 'UTC'): LandingCase {
  return {
    seed: 0,
    timeZone,
    maxRejected: undefined,
    runs: runs.map((files) => Object.fromEntries(Object.entries(files).map(([n, t]) => [n, Buffer.from(t)]))),
  };
}

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

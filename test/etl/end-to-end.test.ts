import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoResult } from '../../etl/demo/index.ts';
import { generateDemo } from '../../etl/demo/index.ts';
import { type EtlResult, runEtl } from '../../etl/runner.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { type TempDir, tempDir } from '../support/fixtures.ts';
import { differences, GOLD_ORDER } from '../support/pipeline-vs-oracle.ts';
import { computeReferenceGold, type ReferenceGold } from '../support/reference-gold.ts';

/**
 * The pipeline on generated data, cross-checked against an independent computation of the gold
 * tables from the raw CSV rows (test/support/reference-gold.ts: streaming TypeScript with exact
 * BigInt money and Intl time zones, no SQL). Counts and money must be equal; ratios are compared
 * with a relative tolerance of 1e-12 (both sides divide the same exact values in doubles), by the
 * comparison the differential test uses (test/support/pipeline-vs-oracle.ts).
 */
const TIME_ZONE = 'Europe/Berlin';

let root: TempDir;
let demo: DemoResult;
let etl: EtlResult;
let reference: ReferenceGold;
let wh: Warehouse;

beforeAll(async () => {
  root = tempDir();
  const landing = join(root.dir, 'landing');
  demo = await generateDemo({ outDir: landing, orders: 12_000, seed: 7 });
  etl = await runEtl({ landing, warehouse: join(root.dir, 'wh.duckdb'), timeZone: TIME_ZONE });
  reference = await computeReferenceGold(landing, { timeZone: TIME_ZONE });
  wh = await Warehouse.open(join(root.dir, 'wh.duckdb'), { readOnly: true });
}, 180_000);

afterAll(() => {
  wh?.close();
  root?.cleanup();
});

describe('end to end on generated data', () => {
  it('the run succeeds with the planted defects in quarantine', () => {
    expect(etl.exitCode).toBe(0);
    expect(etl.checks.filter((c) => c.severity === 'error' && !c.passed)).toEqual([]);
  });

  it('every file has the rows read, accepted and rejected per reason that the reference counts', () => {
    const ours = etl.files.map((f) => ({
      name: f.file,
      rowsRead: f.rowsRead,
      accepted: f.rowsAccepted,
      rejectedByReason: f.rejectedByReason,
    }));
    const theirs = reference.files.map((f) => ({
      name: f.name,
      rowsRead: f.rowsRead,
      accepted: f.accepted,
      rejectedByReason: f.rejectedByReason,
    }));
    expect(ours).toEqual(theirs);
  });

  it('every planted defect is quarantined at its file and row with the expected reason', async () => {
    expect(demo.defects.length).toBeGreaterThan(8);
    for (const d of demo.defects) {
      const entity = etl.files.find((f) => f.file === d.file)?.entity;
      const rows = await wh.all(
        `select _reason from quarantine.${entity} where _source_file = $f and _row_number = $r`,
        {
          f: d.file,
          r: d.rowNumber,
        },
      );
      expect({ file: d.file, row: d.rowNumber, reasons: rows.map((r) => r._reason) }).toEqual({
        file: d.file,
        row: d.rowNumber,
        reasons: [d.expectedReason],
      });
    }
  });

  it('silver holds the orders, lines and customers the reference finds, and leaves orphan lines out', async () => {
    const count = async (t: string) => Number(await wh.scalar(`select count(*) from silver.${t}`));
    expect({
      orders: await count('fact_orders'),
      orderItems: await count('fact_order_items'),
      customers: await count('dim_customers'),
      products: await count('dim_products'),
    }).toEqual({
      orders: reference.silverCounts.orders,
      orderItems: reference.silverCounts.orderItems,
      customers: reference.silverCounts.customers,
      products: reference.silverCounts.products,
    });
    const orphanCheck = etl.checks.find((c) => c.name.startsWith('order lines whose order'));
    expect(orphanCheck?.failingRows).toBe(reference.silverCounts.orphanLines);
  });

  it.each(Object.keys(GOLD_ORDER))('gold.%s equals the independent computation', async (table) => {
    const name = table as keyof ReferenceGold['gold'];
    const ours = await wh.all(`select * from gold.${table} order by ${GOLD_ORDER[name]}`);
    expect(ours.length).toBeGreaterThan(0);
    const found: string[] = [];
    differences(ours, reference.gold[name], table, found);
    expect(found).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopstat } from '../support/cli.ts';
import { tempDir } from '../support/fixtures.ts';

/**
 * `shopstat profile` as users run it, on a small warehouse and a CSV written here. Figures by hand:
 * amount 10, 20, 30, 40, NULL: count 5, missing 1, mean 25, median 25 (R type 7 on 4 values:
 * 20 + 0.5 x 10); channel web, web, app, web, NULL: top web 3.
 */
const dir = tempDir('shopstat-profile-cli-');
const warehouse = join(dir.dir, 'shop.duckdb');
const csv = join(dir.dir, 'sales.csv');

beforeAll(async () => {
  const { Warehouse } = await import('../../src/warehouse/index.ts');
  const wh = await Warehouse.open(warehouse);
  await wh.run(`create schema gold;
    create table gold.sales ("Order amount" decimal(18,2), channel varchar, month date);
    insert into gold.sales values (10, 'web', '2025-09-01'), (20, 'web', '2025-09-01'), (30, 'app', '2025-10-01'),
      (40, 'web', '2025-10-01'), (null, null, '2025-10-01')`);
  wh.close();
  writeFileSync(csv, '"Order amount",channel\n10,web\n20,web\n30,app\n40,web\n,\n');
});
afterAll(() => dir.cleanup());

interface Json {
  kind: string;
  source: { kind: string; name: string };
  table: { rows: number };
  columns: {
    name: string;
    missing: number;
    mean?: number;
    median?: number;
    top?: { value: string; count: number }[];
  }[];
  groups: { group: string | null; rows: number }[] | null;
  alerts: { code: string; columns: string[] }[];
}

describe('shopstat profile', () => {
  it('profiles a warehouse table, column names with spaces included, as JSON', () => {
    const r = shopstat('profile', '--warehouse', warehouse, '--table', 'gold.sales', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.kind).toBe('profile');
    expect(j.table.rows).toBe(5);
    const amount = j.columns.find((c) => c.name === 'Order amount');
    expect(amount).toMatchObject({ missing: 1, mean: 25, median: 25 });
    expect(j.columns.find((c) => c.name === 'channel')?.top?.[0]).toEqual({ value: 'web', count: 3 });
  });

  it('prints a readable summary, filters with --where, groups with --by and lists alerts', () => {
    const text = shopstat(
      'profile',
      '--warehouse',
      warehouse,
      '--table',
      'gold.sales',
      '--where',
      "month >= '2025-10-01'",
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('3 rows');
    const by = shopstat(
      'profile',
      '--warehouse',
      warehouse,
      '--table',
      'gold.sales',
      '--by',
      'channel',
      '--json',
    );
    const groups = (JSON.parse(by.stdout) as Json).groups?.map((g) => [g.group, g.rows]);
    expect(groups).toEqual([
      [null, 1],
      ['app', 1],
      ['web', 3],
    ]);
    // 1 of 5 channel values missing = 20 %: high_missing fires at its default threshold (20 %) ...
    const j = JSON.parse(
      shopstat('profile', '--warehouse', warehouse, '--table', 'gold.sales', '--json').stdout,
    ) as Json;
    expect(j.alerts.filter((a) => a.code === 'high_missing').map((a) => a.columns[0])).toEqual([
      'Order amount',
      'channel',
    ]);
    // ... and not when the user raises it.
    const raised = shopstat(
      'profile',
      '--warehouse',
      warehouse,
      '--table',
      'gold.sales',
      '--threshold',
      'high-missing=0.3',
      '--json',
    );
    expect((JSON.parse(raised.stdout) as Json).alerts.some((a) => a.code === 'high_missing')).toBe(false);
  });

  it('profiles a CSV file, and compares two slices with --compare', () => {
    const f = JSON.parse(shopstat('profile', '--file', csv, '--json').stdout) as Json;
    expect(f.source.kind).toBe('file');
    expect(f.columns.find((c) => c.name === 'Order amount')).toMatchObject({ missing: 1, mean: 25 });
    const d = shopstat(
      'profile',
      '--warehouse',
      warehouse,
      '--table',
      'gold.sales',
      '--compare',
      'month=2025-09,2025-10',
      '--json',
    );
    expect(d.code).toBe(0);
    const drift = JSON.parse(d.stdout) as { kind: string; rows: { a: number; b: number } };
    expect(drift.kind).toBe('drift');
    expect(drift.rows).toEqual({ a: 2, b: 3 });
  });

  it('exits 2 with one line naming the bad input', () => {
    for (const [args, message] of [
      [['--warehouse', warehouse, '--table', 'gold.nope'], /nope/],
      [['--warehouse', warehouse, '--table', 'gold.sales', '--columns', 'colour'], /colour/],
      [['--warehouse', warehouse, '--table', 'gold.sales', '--where', '1=1; drop table gold.sales'], /where/],
      [['--warehouse', warehouse, '--table', 'gold.sales', '--threshold', 'loud=1'], /--threshold/],
      [
        ['--warehouse', warehouse, '--table', 'gold.sales', '--threshold', 'high-missing=2'],
        /highMissing|high-missing/,
      ],
      [['--file', join(dir.dir, 'missing.csv')], /missing\.csv/],
      [['--file', csv, '--table', 'gold.sales'], /--table .* or --file/],
    ] as const) {
      const r = shopstat('profile', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    // The table is still there after the attempted injection.
    const again = shopstat('profile', '--warehouse', warehouse, '--table', 'gold.sales', '--json');
    expect((JSON.parse(again.stdout) as Json).table.rows).toBe(5);
  });
});

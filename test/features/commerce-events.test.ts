import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContractError, InvalidArgumentError } from '../../src/errors.ts';
import { commerceEventFeatures, commerceEvents, thanksgiving } from '../../src/features/commerce-events.ts';
import { parsePromotions } from '../../src/features/holiday-promotions.ts';
import type { FeatureContext, FeatureSet } from '../../src/features/types.ts';
import { Warehouse } from '../../src/warehouse/index.ts';

let wh: Warehouse | null = null;
afterEach(() => {
  wh?.close();
  wh = null;
});

const ctx: FeatureContext = { date: 't."day"', localTimestamp: null, timeZone: 'UTC', columns: [] };

async function run(set: FeatureSet, table: string): Promise<Record<string, unknown>[]> {
  const w = wh as Warehouse;
  for (const s of set.setup) await w.run(s.sql, (s.params ?? undefined) as never);
  const cols = set.columns.map((c) => `${c.sql} as ${c.name}`).join(', ');
  return w.all(`select t.id, ${cols} from ${table} t ${set.joins.join(' ')} order by t.id`);
}

describe('commerceEvents', () => {
  // Hand-computed: 1 November's weekday, the first Thursday, + 21 days; Black Friday +1, Cyber Monday +4.
  it.each([
    [2019, '2019-11-28', '2019-11-29', '2019-12-02'], // 1 Nov 2019 a Friday
    [2020, '2020-11-26', '2020-11-27', '2020-11-30'], // a Sunday
    [2023, '2023-11-23', '2023-11-24', '2023-11-27'], // a Wednesday
    [2024, '2024-11-28', '2024-11-29', '2024-12-02'], // a Friday
    [2025, '2025-11-27', '2025-11-28', '2025-12-01'], // a Saturday
    [2026, '2026-11-26', '2026-11-27', '2026-11-30'], // a Sunday
  ])('puts Thanksgiving %i on %s, Black Friday on %s and Cyber Monday on %s', (year, tg, bf, cm) => {
    expect(thanksgiving(year)).toBe(tg);
    const events = commerceEvents(year, false) ?? [];
    expect(events.find((e) => e.name === 'Black Friday')?.date).toBe(bf);
    expect(events.find((e) => e.name === 'Cyber Monday')?.date).toBe(cm);
    expect(events.find((e) => e.name === "Singles' Day")?.date).toBe(`${year}-11-11`);
  });

  it('puts the Diwali sale on the 10 days before the gazetted Diwali (31 October 2024)', () => {
    const sale = (commerceEvents(2024, true) ?? [])
      .filter((e) => e.name === 'Diwali sale')
      .map((e) => e.date);
    expect(sale).toEqual([
      '2024-10-21',
      '2024-10-22',
      '2024-10-23',
      '2024-10-24',
      '2024-10-25',
      '2024-10-26',
      '2024-10-27',
      '2024-10-28',
      '2024-10-29',
      '2024-10-30',
    ]);
    expect(commerceEvents(2031, true)).toBeNull(); // Diwali 2031 not sourced
  });
});

describe('commerceEventFeatures', () => {
  it('marks events and promotions on a real DuckDB, null outside the years', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'promo-'));
    const file = join(dir, 'promotions.csv');
    writeFileSync(file, 'name,start,end\n"Spring sale, 20% off",2023-03-01,2023-03-02\n');
    wh = await Warehouse.open(':memory:');
    await wh.run(`create table orders as select * from (values
      (1, date '2023-11-24'), (2, date '2023-11-11'), (3, date '2023-03-02'), (4, date '2023-07-01'), (5, date '2022-11-25')) v(id, day)`);
    const set = commerceEventFeatures(ctx, {
      countries: ['IN', 'US'],
      promotionsFile: file,
      years: { from: 2023, to: 2023 },
    });
    expect(set.warnings).toEqual([]);
    expect(await run(set, 'orders')).toEqual([
      { id: 1, commerce_event: 'Black Friday', is_commerce_event: true },
      { id: 2, commerce_event: "Singles' Day / Diwali sale", is_commerce_event: true }, // Diwali 12 Nov 2023
      { id: 3, commerce_event: 'Spring sale, 20% off', is_commerce_event: true },
      { id: 4, commerce_event: '', is_commerce_event: false },
      { id: 5, commerce_event: null, is_commerce_event: null },
    ]);
  });

  it('warns and leaves years without a sourced Diwali out when India is included', () => {
    const set = commerceEventFeatures(ctx, { years: { from: 2030, to: 2031 } });
    expect(set.warnings.map((w) => w.code)).toEqual(['diwali_not_covered', 'diwali_projected']);
    expect(set.warnings[0]?.message).toContain('2031');
    expect(set.warnings[0]?.message).not.toContain('2030');
    // 2030's Diwali is an almanac's projection (theholidayspot.com), not a gazetted date.
    expect(set.warnings[1]?.message).toContain('2030');
    expect(set.warnings[1]?.message).not.toContain('2031');
    expect(
      commerceEventFeatures(ctx, { countries: ['DE'], years: { from: 2030, to: 2031 } }).warnings,
    ).toEqual([]);
    expect(commerceEventFeatures(ctx, { years: { from: 2017, to: 2017 } }).warnings).toEqual([]);
  });

  it('rejects a promotions file of another type', () => {
    expect(() =>
      commerceEventFeatures(ctx, { promotionsFile: 'p.txt', years: { from: 2024, to: 2024 } }),
    ).toThrow(InvalidArgumentError);
  });
});

describe('parsePromotions', () => {
  it('reads YAML lists and a promotions key', () => {
    expect(
      parsePromotions('- name: Summer\n  start: 2024-07-01\n  end: 2024-07-03\n', 'yaml', 'p.yaml'),
    ).toEqual([{ name: 'Summer', start: '2024-07-01', end: '2024-07-03' }]);
    expect(
      parsePromotions(
        'promotions:\n  - { name: X, start: "2024-01-01", end: "2024-01-01" }\n',
        'yaml',
        'p.yaml',
      ),
    ).toHaveLength(1);
  });

  it('lists every bad row with its line and value', () => {
    const csv =
      'name,start,end\nOK,2024-01-01,2024-01-02\n,2024-01-01,2024-01-02\nBad date,2024-02-30,2024-03-01\nBackwards,2024-05-02,2024-05-01\n';
    expect(() => parsePromotions(csv, 'csv', 'p.csv')).toThrow(DataContractError);
    expect(() => parsePromotions(csv, 'csv', 'p.csv')).toThrow(
      'promotions file p.csv has 3 bad row(s): line 3: name is empty | line 4: start "2024-02-30" is not a date YYYY-MM-DD | line 5: end 2024-05-01 is before start 2024-05-02',
    );
  });

  it('rejects a CSV without the name, start, end header and YAML that is not a list', () => {
    expect(() => parsePromotions('title,from,to\n', 'csv', 'p.csv')).toThrow(/name, start, end/);
    expect(() => parsePromotions('name: X\n', 'yaml', 'p.yaml')).toThrow(/list of/);
  });

  it('accepts an empty list', () => {
    expect(parsePromotions('name,start,end\n', 'csv', 'p.csv')).toEqual([]);
    expect(parsePromotions('[]', 'yaml', 'p.yaml')).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEASON_SCHEMES, seasonFeatures, seasonOfMonth, seasonScheme } from '../../src/features/seasons.ts';
import { Warehouse } from '../../src/warehouse/warehouse.ts';
import { createDateTable, DATE_CONTEXT, featureRows } from './calendar-support.ts';

let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(':memory:');
  // The 15th of every month of 2024, then a null date.
  const dates = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-15`);
  await createDateTable(wh, 'months', [...dates, null]);
});
afterAll(() => wh.close());

const seasonsOf = async (set: ReturnType<typeof seasonFeatures>) =>
  (await featureRows(wh, 'months', set)).map((r) => r.season);

describe('season schemes', () => {
  it.each(SEASON_SCHEMES)('%s puts every month in exactly one season', (name) => {
    const scheme = seasonScheme(name);
    const months = Object.values(scheme.seasons)
      .flat()
      .sort((a, b) => a - b);
    expect(months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(scheme.name).toBe(name);
  });

  it('meteorological: DJF winter, MAM spring, JJA summer, SON autumn in the north', async () => {
    expect(await seasonsOf(seasonFeatures(DATE_CONTEXT, 'meteorological'))).toEqual([
      'winter',
      'winter',
      'spring',
      'spring',
      'spring',
      'summer',
      'summer',
      'summer',
      'autumn',
      'autumn',
      'autumn',
      'winter',
      null,
    ]);
  });

  it('meteorological for a fixed southern-hemisphere country swaps the seasons', async () => {
    const set = seasonFeatures(DATE_CONTEXT, 'meteorological', { country: 'AU' });
    expect(await seasonsOf(set)).toEqual([
      'summer',
      'summer',
      'autumn',
      'autumn',
      'autumn',
      'winter',
      'winter',
      'winter',
      'spring',
      'spring',
      'spring',
      'summer',
      null,
    ]);
    expect(set.columns[0]?.description).toContain('southern hemisphere (AU)');
    expect(await seasonsOf(seasonFeatures(DATE_CONTEXT, 'meteorological', { country: 'Germany' }))).toEqual(
      await seasonsOf(seasonFeatures(DATE_CONTEXT, 'meteorological')),
    );
  });

  it('meteorological per row from a country column (codes and English names, any case; null gives null)', async () => {
    const countries = ['NZ', 'de', ' south africa ', 'Brazil', null, 'US'];
    await createDateTable(wh, 'by_country', Array(6).fill('2024-07-01'), { country: countries });
    const ctx = { ...DATE_CONTEXT, columns: [...DATE_CONTEXT.columns, { name: 'country', type: 'VARCHAR' }] };
    const rows = await featureRows(
      wh,
      'by_country',
      seasonFeatures(ctx, 'meteorological', { countryColumn: 'country' }),
    );
    expect(rows.map((r) => r.season)).toEqual(['winter', 'summer', 'winter', 'winter', null, 'summer']);
  });

  it('india follows the IMD seasons: winter Jan-Feb, summer Mar-May, monsoon Jun-Sep, post-monsoon Oct-Dec', async () => {
    expect(await seasonsOf(seasonFeatures(DATE_CONTEXT, 'india'))).toEqual([
      'winter',
      'winter',
      'summer',
      'summer',
      'summer',
      'monsoon',
      'monsoon',
      'monsoon',
      'monsoon',
      'post-monsoon',
      'post-monsoon',
      'post-monsoon',
      null,
    ]);
  });

  it('retail-us, quarter and month name their seasons', async () => {
    expect(await seasonsOf(seasonFeatures(DATE_CONTEXT, 'retail-us'))).toEqual([
      'post-holiday',
      'post-holiday',
      'spring',
      'spring',
      'spring',
      'spring',
      'back-to-school',
      'back-to-school',
      'fall',
      'fall',
      'holiday',
      'holiday',
      null,
    ]);
    expect(await seasonsOf(seasonFeatures(DATE_CONTEXT, 'quarter'))).toEqual([
      'Q1',
      'Q1',
      'Q1',
      'Q2',
      'Q2',
      'Q2',
      'Q3',
      'Q3',
      'Q3',
      'Q4',
      'Q4',
      'Q4',
      null,
    ]);
    const months = await seasonsOf(seasonFeatures(DATE_CONTEXT, 'month'));
    expect([months[0], months[8], months[11]]).toEqual(['january', 'september', 'december']);
  });

  it('seasonOfMonth gives the same names as the SQL for every scheme, month and hemisphere', async () => {
    for (const name of SEASON_SCHEMES) {
      const north = await seasonsOf(seasonFeatures(DATE_CONTEXT, name));
      const south = await seasonsOf(seasonFeatures(DATE_CONTEXT, name, { country: 'Chile' }));
      for (let m = 1; m <= 12; m++) {
        expect(seasonOfMonth(name, m)).toBe(north[m - 1]);
        expect(seasonOfMonth(name, m, true)).toBe(south[m - 1]);
      }
    }
  });

  it('a country given to a scheme that ignores the hemisphere is a warning, not a change', () => {
    const set = seasonFeatures(DATE_CONTEXT, 'india', { country: 'AU' });
    expect(set.warnings.map((w) => w.code)).toEqual(['hemisphere_ignored']);
    expect(set.spec).toBe('season:india');
  });

  it('rejects unknown schemes, both country options, a missing country column and bad months', () => {
    expect(() => seasonFeatures(DATE_CONTEXT, 'monsoon')).toThrow(
      /unknown season scheme "monsoon"; shipped: meteorological/,
    );
    expect(() =>
      seasonFeatures(DATE_CONTEXT, 'meteorological', { country: 'AU', countryColumn: 'c' }),
    ).toThrow('give country or countryColumn, not both');
    expect(() => seasonFeatures(DATE_CONTEXT, 'meteorological', { countryColumn: 'land' })).toThrow(
      'seasonFeatures: the table has no country column "land"; its columns: d',
    );
    expect(() => seasonOfMonth('quarter', 13)).toThrow(
      'seasonOfMonth: month must be an integer 1-12, got 13',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalFeatures, fiscalOf } from '../../src/features/fiscal.ts';
import { Warehouse } from '../../src/warehouse/warehouse.ts';
import { createDateTable, DATE_CONTEXT, featureRows } from './calendar-support.ts';

let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(':memory:');
  await createDateTable(wh, 'f', [
    '2023-06-30',
    '2023-07-01',
    '2023-12-31',
    '2024-01-01',
    '2024-03-31',
    '2024-04-01',
    null,
  ]);
});
afterAll(() => wh.close());

const triple = (r: Record<string, unknown>) => [r.fiscal_year, r.fiscal_quarter, r.fiscal_month];

describe('fiscalFeatures', () => {
  it('a July year is named by the calendar year in which it ends (US federal / Microsoft style)', async () => {
    const set = fiscalFeatures(DATE_CONTEXT, { startMonth: 7 });
    expect(set.spec).toBe('fiscal:7');
    expect((await featureRows(wh, 'f', set)).map(triple)).toEqual([
      [2023, 4, 12],
      [2024, 1, 1],
      [2024, 2, 6],
      [2024, 3, 7],
      [2024, 3, 9],
      [2024, 4, 10],
      [null, null, null],
    ]);
  });

  it("naming 'start' names the year by the calendar year in which it starts", async () => {
    const set = fiscalFeatures(DATE_CONTEXT, { startMonth: 4, naming: 'start' });
    expect(set.spec).toBe('fiscal:4:start');
    // An April year (UK / India style): 1 April 2023 - 31 March 2024 is fiscal 2023 when named by its start.
    expect((await featureRows(wh, 'f', set)).map(triple)).toEqual([
      [2023, 1, 3],
      [2023, 2, 4],
      [2023, 3, 9],
      [2023, 4, 10],
      [2023, 4, 12],
      [2024, 1, 1],
      [null, null, null],
    ]);
  });

  it('a January year is the calendar year under either naming', async () => {
    for (const naming of ['end', 'start'] as const) {
      const rows = await featureRows(wh, 'f', fiscalFeatures(DATE_CONTEXT, { startMonth: 1, naming }));
      expect(rows.map(triple).slice(0, 3)).toEqual([
        [2023, 2, 6],
        [2023, 3, 7],
        [2023, 4, 12],
      ]);
    }
  });

  it('fiscalOf agrees with the SQL for every start month and naming on every month of 2023-2024', async () => {
    const dates = Array.from(
      { length: 24 },
      (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
    );
    await createDateTable(wh, 'months', dates);
    for (let startMonth = 1; startMonth <= 12; startMonth++) {
      for (const naming of ['end', 'start'] as const) {
        const rows = await featureRows(wh, 'months', fiscalFeatures(DATE_CONTEXT, { startMonth, naming }));
        expect(rows).toEqual(dates.map((d) => fiscalOf(d, { startMonth, naming })));
      }
    }
  });

  it('rejects a start month outside 1-12 and an unknown naming', () => {
    expect(() => fiscalFeatures(DATE_CONTEXT, { startMonth: 13 })).toThrow(
      'fiscalFeatures: startMonth must be an integer 1-12, got 13',
    );
    expect(() => fiscalOf('2024-01-01', { startMonth: 1, naming: 'middle' as never })).toThrow(
      `fiscalOf: naming must be 'end' or 'start', got "middle"`,
    );
  });
});

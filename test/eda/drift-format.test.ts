import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareSlices, parseCompare } from '../../src/eda/drift.ts';
import { formatDrift } from '../../src/eda/drift-format.ts';
import { Warehouse } from '../../src/warehouse/index.ts';

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open(':memory:');
  await wh.run(`create table sales (month varchar, revenue decimal(10,2), "chan\nnel" varchar, d date);
    insert into sales values
      ('2025-09', 10, 'web', '2025-09-01'), ('2025-09', 20, 'web', '2025-09-02'),
      ('2025-09', 30, 'store', '2025-09-03'), ('2025-09', 40, 'mobile', null),
      ('2025-10', 20, 'web', '2025-10-01'), ('2025-10', 30, 'app', '2025-10-01'),
      ('2025-10', 40, 'app', '2025-10-02'), ('2025-10', 50, 'web', '2025-10-03'),
      ('2025-10', null, 'web', '2025-10-04')`);
});
afterEach(() => {
  wh.close();
});

describe('formatDrift', () => {
  // chan\nnel PSI by hand: shares web .5/.6, mobile .25/0, store .25/0, other 0/.4 (floor 0.0001):
  // .1 ln 1.2 + 2 (0.0001 - .25) ln(0.0001 / .25) + (.4 - 0.0001) ln(.4 / 0.0001) = 7.2455
  it('renders the slices, one line per column with its details, the alerts and escaped names', async () => {
    const r = await compareSlices(wh, 'sales', parseCompare('month=2025-09,2025-10'), {
      thresholds: { psi: 3 },
    });
    expect(formatDrift(r)).toBe(
      [
        'Drift in main.sales: A "month" = "2025-09" (4 rows) -> B "month" = "2025-10" (5 rows)',
        '',
        'column        kind  missing A  missing B  mean shift    PSI',
        'revenue    numeric      0.0 %     20.0 %         +10  2.129',
        '    quantiles A -> B: p5 11.5 -> 21.5, p50 25 -> 35, p95 38.5 -> 48.5',
        'chan\\nnel     text      0.0 %      0.0 %           -  7.245',
        '    new in B: "app" (2) [1 in all, 2 rows]',
        '    vanished from A: "mobile" (1), "store" (1) [2 in all, 2 rows]',
        'd             date     25.0 %      0.0 %           -      -',
        '',
        'Alerts:',
        '  drift_missing  revenue: missing 0.0 % in A, 20.0 % in B (+20.0 points), threshold 10 points',
        "  drift_categories  chan\\nnel: 1 new category holds 40.0 % of B's rows (2 of 5), 2 vanished categories hold 50.0 % of A's rows (2 of 4); threshold 5 %",
        '  drift_psi  chan\\nnel: PSI 7.245 over 4 bins, threshold 3 (0.1 to 0.25 is read as a moderate shift, above 0.25 as significant)',
        '  drift_missing  d: missing 25.0 % in A, 0.0 % in B (-25.0 points), threshold 10 points',
        '',
      ].join('\n'),
    );
  });

  it('shows an empty slice and its warning', async () => {
    const r = await compareSlices(wh, 'sales', parseCompare('month=2025-09,2026-01'), {
      columns: ['revenue'],
    });
    expect(formatDrift(r)).toBe(
      [
        'Drift in main.sales: A "month" = "2025-09" (4 rows) -> B "month" = "2026-01" (0 rows)',
        '',
        'column      kind  missing A  missing B  mean shift  PSI',
        'revenue  numeric      0.0 %          -           -    -',
        '    quantiles A -> B: p5 11.5 -> -, p50 25 -> -, p95 38.5 -> -',
        '',
        'Alerts: none',
        '',
        'Warnings:',
        '  empty_slice  slice B ("month" = "2026-01") has no rows; its figures and the PSI are null',
        '',
      ].join('\n'),
    );
  });
});

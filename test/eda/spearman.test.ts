import { describe, expect, it } from 'vitest';
import { profileTable } from '../../src/eda/profile-table.ts';
import { expectRel, useWarehouse } from './support.ts';

// x, y, z with ties; y has NULL, NaN and an infinity, z has NULL: each pair is ranked over its own
// complete rows (three sets of rows). Expected: scipy 1.10.1 spearmanr on the pairwise complete,
// finite rows of each pair (16, 18 and 14 rows):
//   spearmanr(x, y) -0.10968394071997259, spearmanr(x, z) 0.14562193631141526,
//   spearmanr(y, z) -0.37773541277825423.
const X = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
const Y = ['2.5', 'null', '1.5', '2.5', "'nan'", '0.5', '2.5', '3.5', 'null', '1.5'];
const Y2 = ['1.5', '4.5', '2.5', "'inf'", '0.5', '3.5', '2.5', '1.5', '4.5', '2.5'];
const Z = [1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, null, 1, 2, 2, 3, 3, 1, null];

describe('Spearman from exact rank sums', () => {
  const db = useWarehouse();

  it('pairwise complete rows per pair, NaN and infinities left out, as scipy spearmanr', async () => {
    const y = [...Y, ...Y2];
    const rows = X.map((x, i) => `(${x}, ${y[i]}::double, ${Z[i] ?? 'null'})`).join(', ');
    await db.wh.run(`create table t as select * from (values ${rows}) v(x, y, z)`);
    const { spearman } = (await profileTable(db.wh, 't')).table;
    const cell = (a: number, b: number) => spearman.values[a]?.[b] ?? null;
    expectRel(cell(0, 1), -0.10968394071997259, 1e-12);
    expectRel(cell(0, 2), 0.14562193631141526, 1e-12);
    expectRel(cell(1, 2), -0.37773541277825423, 1e-12);
    expect(cell(2, 1)).toBe(cell(1, 2));
  });
});

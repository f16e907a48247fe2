import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileTable } from '../../src/eda/profile-table.ts';
import { quoteLiteral } from '../../src/warehouse/identifiers.ts';
import { expectRel, useWarehouse } from './support.ts';

// Numbers from test/eda/reference/reference.py (scipy 1.10.1, numpy 1.24.2, exact fractions).
const reference = JSON.parse(
  readFileSync(new URL('./reference/reference.json', import.meta.url), 'utf8'),
) as {
  moments: Record<string, { values: string[]; sd: number; skewness: number; kurtosis: number }>;
  quantiles: Record<string, number[]>;
  pairs: {
    values: Record<string, number[]>;
    pearson: Record<string, number>;
    spearman: Record<string, number>;
  };
};

describe('profileTable against scipy / numpy', () => {
  const db = useWarehouse();

  for (const [name, sample] of Object.entries(reference.moments)) {
    it(`${name}: sd, adjusted G1 and G2 (exact-fraction oracle) and R type 7 quantiles (numpy linear)`, async () => {
      const rows = sample.values.map((v) => `(${quoteLiteral(v)}::double)`).join(', ');
      await db.wh.run(`create table t as select * from (values ${rows}) v(x)`);
      const x = (await profileTable(db.wh, 't')).columns[0];
      if (x?.kind !== 'numeric') throw new Error('expected a numeric profile');
      // 1e-12 relative; the 1e12-offset sample keeps 1e-9 (its values carry 12 of the 16 digits).
      const rel = name === 'huge_offset' ? 1e-9 : 1e-12;
      expectRel(x.sd, sample.sd, rel);
      expectRel(x.skewness, sample.skewness, rel);
      expectRel(x.kurtosis, sample.kurtosis, rel);
      const quantiles = reference.quantiles[name] as number[];
      for (const [k, q] of x.quantiles.entries()) expectRel(q.value, quantiles[k] as number, 1e-12);
    });
  }

  it('Pearson (scipy pearsonr) and Spearman with ties (scipy spearmanr), 1e-12 relative', async () => {
    const { x, y, z } = reference.pairs.values as { x: number[]; y: number[]; z: number[] };
    const rows = x.map((_, i) => `(${x[i]}::double, ${y[i]}::double, ${z[i]}::double)`).join(', ');
    await db.wh.run(`create table t as select * from (values ${rows}) v(x, y, z)`);
    const table = (await profileTable(db.wh, 't')).table;
    expect(table.pearson.columns).toEqual(['x', 'y', 'z']);
    const cell = (m: typeof table.pearson, a: number, b: number) => m.values[a]?.[b] ?? null;
    const pairs: [string, number, number][] = [
      ['x,y', 0, 1],
      ['x,z', 0, 2],
      ['y,z', 1, 2],
    ];
    for (const [key, a, b] of pairs) {
      expectRel(cell(table.pearson, a, b), reference.pairs.pearson[key] as number, 1e-12);
      expectRel(cell(table.pearson, b, a), reference.pairs.pearson[key] as number, 1e-12);
      expectRel(cell(table.spearman, a, b), reference.pairs.spearman[key] as number, 1e-12);
    }
  });

  it('DuckDB own skewness / kurtosis are the same G1 / G2 but from raw power sums: NaN at a 1e12 offset', async () => {
    await db.wh.run(
      'create table t as select 1e12 + x::double as x from (values (1), (2), (3), (10), (11)) v(x)',
    );
    expect(await db.wh.one('select skewness(x) as s, kurtosis(x) as k from t')).toEqual({ s: null, k: null });
    const x = (await profileTable(db.wh, 't')).columns[0];
    // scipy skew([1, 2, 3, 10, 11], bias=False) = 0.5327280526613417, kurtosis = -3.0410826680608913 (shift-free).
    expect(x).toMatchObject({
      skewness: expect.closeTo(0.5327280526613417, 12),
      kurtosis: expect.closeTo(-3.0410826680608913, 12),
    });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFile, profileTable } from '../../src/eda/profile-table.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { useWarehouse } from './support.ts';

const NULL_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((p) => ({ p, value: null }));

describe('profileTable: empty-ish inputs and hostile values', () => {
  const db = useWarehouse();

  it('an empty table: counts of 0, every statistic null, a no_rows warning', async () => {
    await db.wh.run('create table t (x decimal(18,2), s varchar, d date)');
    const p = await profileTable(db.wh, 't');
    expect(p.columns[0]).toEqual({
      name: 'x',
      type: 'DECIMAL(18,2)',
      count: 0,
      missing: 0,
      missingShare: null,
      distinct: 0,
      kind: 'numeric',
      nonFinite: 0,
      zeros: 0,
      negatives: 0,
      min: null,
      max: null,
      sum: null,
      mean: null,
      sd: null,
      median: null,
      quantiles: NULL_QUANTILES,
      skewness: null,
      kurtosis: null,
      histogram: null,
      outliers: null,
    });
    expect(p.columns[1]).toMatchObject({
      count: 0,
      distinct: 0,
      top: [],
      length: { min: null, mean: null, max: null },
    });
    expect(p.columns[2]).toMatchObject({ min: null, days: null, coverage: null, longestGap: null });
    expect(p.table).toMatchObject({ rows: 0, duplicateRows: 0, pearson: { values: [[null]] } });
    expect(p.warnings.map((w) => w.code)).toEqual(['no_rows']);
  });

  it('one row, all null and all equal columns: null where undefined, never NaN', async () => {
    await db.wh.run('create table one as select 5 as x');
    const one = (await profileTable(db.wh, 'one')).columns[0];
    expect(one).toMatchObject({
      count: 1,
      mean: 5,
      sd: null,
      skewness: null,
      median: 5,
      histogram: { rule: 'sturges', binWidth: 0, bins: [{ lower: 5, upper: 5, count: 1 }] },
    });
    await db.wh.run(
      'create table t as select null::double as x, 7 as same, null::varchar as s from range(4)',
    );
    const p = await profileTable(db.wh, 't');
    expect(p.columns[0]).toMatchObject({
      count: 4,
      missing: 4,
      missingShare: 1,
      min: null,
      mean: null,
      histogram: null,
      outliers: null,
    });
    expect(p.columns[1]).toMatchObject({
      sd: 0,
      skewness: null,
      kurtosis: null,
      outliers: { mad: { mad: 0, lower: null, upper: null, count: 0 } },
    });
    expect(p.columns[2]).toMatchObject({ missing: 4, distinct: 0, top: [] });
    expect(p.table.pearson.values).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(JSON.stringify(p)).not.toMatch(/NaN/);
  });

  it('NaN and infinities in DOUBLE are counted in nonFinite and left out of the statistics, with a warning', async () => {
    await db.wh.run(
      "create table t as select * from (values (1.0::double), ('nan'), ('inf'), ('-inf'), (3.0), (null)) v(x)",
    );
    const p = await profileTable(db.wh, 't');
    expect(p.columns[0]).toMatchObject({
      count: 6,
      missing: 1,
      distinct: 5,
      nonFinite: 3,
      min: 1,
      max: 3,
      sum: 4,
      mean: 2,
      sd: Math.SQRT2,
    });
    expect(p.warnings).toEqual([
      {
        code: 'non_finite',
        message: 'column "x": 3 NaN or infinite value(s) left out of its statistics (see nonFinite)',
      },
    ]);
  });

  it('DECIMAL(38,4) near its limit: exact min, max and a sum beyond DECIMAL(38) as exact text', async () => {
    await db.wh.run(
      'create table t as select 9999999999999999999999999999999999.9999::decimal(38,4) as x from range(3000) union all select -0.0001',
    );
    const x = (await profileTable(db.wh, 't')).columns[0];
    expect(x).toMatchObject({
      min: '-0.0001',
      max: '9999999999999999999999999999999999.9999',
      // 3000 (1e34 - 0.0001) - 0.0001 = 3e37 - 0.3001
      sum: '29999999999999999999999999999999999999.6999',
    });
  });

  it('huge common offset with DECIMAL: exact sum, moments from centred sums', async () => {
    await db.wh.run(
      'create table t as select (1000000000000 + x)::decimal(18,2) as x from (values (1), (2), (3), (10), (11)) v(x)',
    );
    const x = (await profileTable(db.wh, 't')).columns[0];
    // scipy skew([1, 2, 3, 10, 11], bias=False); the offset does not move it.
    expect(x).toMatchObject({
      sum: '5000000000027.00',
      mean: 1000000000005.4,
      skewness: expect.closeTo(0.5327280526613417, 9),
    });
  });

  it('labels with quotes and Unicode, column names with spaces and quotes', async () => {
    await db.wh.run(
      `create table "my table" as select * from (values ('O''Neil "Q"', 1), ('Müller 東京', 2), ('O''Neil "Q"', 3)) v("the ""label""", "Umsatz (€)")`,
    );
    const p = await profileTable(db.wh, 'my table', {
      columns: ['the "label"', 'umsatz (€)'],
      by: 'the "label"',
    });
    expect(p.columns[0]).toMatchObject({
      name: 'the "label"',
      top: [
        { value: `O'Neil "Q"`, count: 2 },
        { value: 'Müller 東京', count: 1 },
      ],
    });
    expect(p.columns[1]).toMatchObject({ name: 'Umsatz (€)', sum: 6 });
    expect(p.groups?.map((g) => g.group)).toEqual(['Müller 東京', `O'Neil "Q"`]);
  });

  it('numbers and ISO dates held as text are counted per row (tested once per distinct value)', async () => {
    await db.wh.run(
      "create table t as select * from (values ('2025-01-31'), ('2025-01-31'), ('2025-02-30'), ('12.5'), (' 7 '), ('x'), (null)) v(s)",
    );
    // 2025-02-30 is not a date; ' 7 ' parses as a number (DuckDB trims), 'x' as neither.
    expect((await profileTable(db.wh, 't')).columns[0]).toMatchObject({
      count: 7,
      distinct: 5,
      numericLike: 2,
      dateLike: 2,
    });
  });

  it('a file: the sniffed types are reported; an unreadable file is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopstat-eda-'));
    writeFileSync(join(dir, 'a.csv'), 'id,price,day\n1,2.50,2025-01-01\n2,3.25,2025-01-03\n');
    const p = await profileFile(db.wh, join(dir, 'a.csv'));
    expect(p.source).toEqual({
      kind: 'file',
      name: join(dir, 'a.csv'),
      columns: [
        { name: 'id', type: 'BIGINT' },
        { name: 'price', type: 'DOUBLE' },
        { name: 'day', type: 'DATE' },
      ],
    });
    expect(p.columns[2]).toMatchObject({ days: 3, missingDays: 1 });
    await expect(profileFile(db.wh, join(dir, 'missing.csv'))).rejects.toThrow(
      `attachFile: no file ${join(dir, 'missing.csv')}`,
    );
  });
});

describe('profileTable: bad input', () => {
  const db = useWarehouse();

  it('an unknown table or column names it and lists what there is', async () => {
    await db.wh.run('create table t as select 1 as a, 2 as b');
    await expect(profileTable(db.wh, 'nope')).rejects.toThrow(
      'resolveTable: no table or view "nope"; there are: main.t',
    );
    await expect(profileTable(db.wh, 't', { columns: ['c'] })).rejects.toThrow(
      'no column "c" in main.t; its columns are: "a", "b"',
    );
    await expect(profileTable(db.wh, 't', { by: 'zz' })).rejects.toThrow(InvalidArgumentError);
    await expect(profileTable(db.wh, 't', { topK: 0 })).rejects.toThrow(
      'profileTable: topK must be a positive integer, got 0',
    );
  });

  it('where: one condition is applied; anything more is refused before it runs', async () => {
    await db.wh.run('create table t as select range as a from range(10)');
    const p = await profileTable(db.wh, 't', { where: 'a >= 7' });
    expect(p.columns[0]).toMatchObject({ count: 3, min: 7 });
    // A trailing comment is harmless: the closing parenthesis comes on the next line.
    expect((await profileTable(db.wh, 't', { where: 'a >= 7 -- recent' })).columns[0]).toMatchObject({
      count: 3,
    });
    for (const bad of [
      'a > 1; drop table t',
      'true) union all select 1 from t where (true',
      'true) order by (1',
      'a > (',
    ]) {
      await expect(profileTable(db.wh, 't', { where: bad })).rejects.toThrow(InvalidArgumentError);
    }
    expect(await db.wh.scalar('select count(*) from t')).toBe(10);
  });

  it('by with more than 1,000 groups is refused', async () => {
    await db.wh.run('create table t as select range as a from range(1001)');
    await expect(profileTable(db.wh, 't', { by: 'a' })).rejects.toThrow(
      'profileTable: by "a" makes more than 1000 groups',
    );
  });
});

import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { oneWayAnovaFromSummaries } from '../../src/anova/one-way.ts';
import type { GroupSummary } from '../../src/anova/types.ts';
import { digitsOfAgreement, NIST_CASES } from './nist.ts';

/**
 * The `...FromSummaries` door as it is meant to be used: the values stored as DECIMAL in a real
 * in-memory DuckDB, count / sum / sum of squares computed there (exact DECIMAL arithmetic), and
 * the test run on the returned decimal text.
 */
describe('oneWayAnovaFromSummaries on sums computed by DuckDB over a DECIMAL column', () => {
  it('SmLs09 (13 constant leading digits, 18009 rows) gives the certified F = 2001 to 15 digits', async () => {
    const c = NIST_CASES.find((x) => x.name === 'SmLs09');
    if (c === undefined) throw new Error('SmLs09 missing');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run('create table smls (treatment varchar, y decimal(14, 1))');
      const rows = c.groups.flatMap((g) => g.values.map((v) => `('${g.group}', ${v})`));
      await connection.run(`insert into smls values ${rows.join(', ')}`);
      const reader = await connection.runAndReadAll(
        `select treatment, count(y)::integer as n, sum(y)::varchar as s,
                sum(y::decimal(38, 1) * y::decimal(38, 1))::varchar as ss
         from smls group by treatment order by treatment`,
      );
      const summaries: GroupSummary[] = reader.getRowObjectsJS().map((r) => ({
        group: String(r.treatment),
        n: Number(r.n),
        sum: String(r.s),
        sumSquares: String(r.ss),
      }));
      expect(summaries).toHaveLength(9);
      const result = oneWayAnovaFromSummaries(summaries);
      expect(digitsOfAgreement(result.f ?? Number.NaN, c.certified.f)).toBeGreaterThanOrEqual(15);
      expect(result.table.within.df).toBe(18000);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

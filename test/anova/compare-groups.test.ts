import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareGroups } from '../../src/anova/compare-groups.ts';
import { doubleToDecimalText } from '../../src/anova/group-sql.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { shopstat } from '../support/cli.ts';
import { tempDir } from '../support/fixtures.ts';
import reference from './reference/reference.json' with { type: 'json' };
import posthocReference from './reference-posthoc/reference.json' with { type: 'json' };
import rmReference from './reference-rm/reference.json' with { type: 'json' };
import twoWayReference from './reference-two-way/reference.json' with { type: 'json' };

/** R's PlantGrowth and its R results (test/anova/reference/reference.R). */
const plant = reference.datasets[0] as unknown as {
  name: string;
  groups: { group: string; values: number[] }[];
  anova: { f: number; pValue: number; ssBetween: number; ssWithin: number };
  welch: { f: number; df2: number; pValue: number };
  brownForsythe: { f: number; df2: number; pValue: number };
  kruskalWallis: { h: number; pValue: number };
  leveneMean: { f: number; pValue: number };
  leveneMedian: { f: number; pValue: number };
  bartlett: { k2: number; pValue: number };
};

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open(':memory:');
});
afterEach(() => wh.close());

/** |a - e| <= rel |e| */
function rel(a: number | null | undefined, e: number, tol: number): void {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - e)).toBeLessThanOrEqual(tol * Math.abs(e));
}

async function plantTable(type: string, offset = 0): Promise<void> {
  const rows = plant.groups.flatMap((g) => g.values.map((v) => `('${g.group}', ${v} + ${offset})`));
  await wh.run(
    `create table plants (grp varchar, weight ${type}); insert into plants values ${rows.join(', ')}`,
  );
}

describe('compareGroups on a DuckDB table', () => {
  it('gives R’s results for PlantGrowth stored as DECIMAL (exact sums), every test of the family', async () => {
    await plantTable('decimal(6,2)');
    const r = await compareGroups(wh, 'plants', { value: 'weight', group: 'grp' });
    expect(r.value.sums).toBe('exact');
    expect(r.groups.map((g) => [g.group, g.n])).toEqual([
      ['ctrl', 10],
      ['trt1', 10],
      ['trt2', 10],
    ]);
    // Tolerances: 1e-10 relative for statistics, 1e-6 for p-values (R prints them to ~1e-15, but
    // its own tails are accurate to about that).
    rel(r.tests.oneway?.f, plant.anova.f, 1e-10);
    rel(r.tests.oneway?.pValue, plant.anova.pValue, 1e-6);
    rel(r.tests.welch?.f, plant.welch.f, 1e-10);
    rel(r.tests.welch?.pValue, plant.welch.pValue, 1e-6);
    rel(r.tests.brownForsytheMeans?.f, plant.brownForsythe.f, 1e-10);
    rel(r.tests.kruskal?.h, plant.kruskalWallis.h, 1e-10);
    rel(r.tests.kruskal?.pValue, plant.kruskalWallis.pValue, 1e-6);
    rel(r.tests.levene?.f, plant.leveneMean.f, 1e-10);
    rel(r.tests.brownForsythe?.f, plant.leveneMedian.f, 1e-10);
    rel(r.tests.brownForsythe?.pValue, plant.leveneMedian.pValue, 1e-6);
    rel(r.tests.bartlett?.k2, plant.bartlett.k2, 1e-10);
  });

  it('keeps the statistics and reports the true means for DOUBLE values with a 1e12 offset', async () => {
    await plantTable('double', 1e12);
    const r = await compareGroups(wh, 'plants', {
      value: 'weight',
      group: 'grp',
      tests: ['oneway', 'welch'],
    });
    expect(r.value.sums).toBe('shifted-double');
    // 1e12 + 4.17 is stored with a spacing of 1.2e-4, so the F of the stored values differs from
    // R's by up to about 1e-4 relative; the shift keeps the rest from being lost.
    rel(r.tests.oneway?.f, plant.anova.f, 1e-3);
    rel(r.tests.oneway?.groups[0]?.mean, 1e12 + 5.032, 1e-15);
  });

  it('forms groups from a date column by quarter, and counts rows left out', async () => {
    await wh.run(`create table spend (day date, amount decimal(10,2));
      insert into spend values ('2025-01-05', 10), ('2025-02-01', 12), ('2025-04-03', 20), ('2025-05-09', 22),
        ('2025-07-01', 30), ('2025-08-01', null), ('2025-09-01', 31), (null, 99)`);
    const r = await compareGroups(wh, 'spend', {
      value: 'amount',
      season: 'quarter',
      date: 'day',
      tests: ['oneway'],
    });
    expect(r.groups).toEqual([
      { group: 'Q1', n: 2, nullValues: 0 },
      { group: 'Q2', n: 2, nullValues: 0 },
      { group: 'Q3', n: 2, nullValues: 1 },
    ]);
    expect(r.excluded).toEqual({ nullValues: 1, nullGroupRows: 1, nonFinite: 0 });
    // Means 11, 21, 30.5; SS between = 2 (10^2 + 0.5^2 + 9.5^2)... by hand: grand mean 20.8333;
    // between = 2((11 - 20.8333)^2 + (21 - 20.8333)^2 + (30.5 - 20.8333)^2) = 380.3333;
    // within = 2 + 2 + 0.5 = 4.5; F = (380.3333 / 2) / (4.5 / 3) = 126.7778.
    rel(r.tests.oneway?.f, 126.77777777777777, 1e-12);
  });

  it('forms groups by a named season scheme of the time features (India: winter, summer, monsoon)', async () => {
    await wh.run(`create table spend (day date, amount decimal(10,2));
      insert into spend values ('2025-01-05', 10), ('2025-02-01', 12), ('2025-04-03', 20), ('2025-05-09', 22),
        ('2025-07-01', 30), ('2025-09-01', 31)`);
    const r = await compareGroups(wh, 'spend', {
      value: 'amount',
      season: 'india',
      date: 'day',
      tests: ['oneway'],
    });
    // IMD: winter Jan-Feb, summer Mar-May, monsoon Jun-Sep; the same groups as the quarters above
    // without the NULL and the missing value, so F = (380.3333 / 2) / (4.5 / 3) = 126.7778.
    expect(r.groups.map((g) => [g.group, g.n])).toEqual([
      ['monsoon', 2],
      ['summer', 2],
      ['winter', 2],
    ]);
    rel(r.tests.oneway?.f, 126.77777777777777, 1e-12);
    await expect(
      compareGroups(wh, 'spend', { value: 'amount', season: 'mars', date: 'day' }),
    ).rejects.toThrow(/--season must be one of meteorological, quarter, month, india, retail-us/);
  });

  it('refuses a text value column, one group, and a missing grouping', async () => {
    await plantTable('decimal(6,2)');
    await expect(compareGroups(wh, 'plants', { value: 'grp', group: 'grp' })).rejects.toThrow(/not a number/);
    await expect(
      compareGroups(wh, 'plants', { value: 'weight', group: 'grp', where: "grp = 'ctrl'" }),
    ).rejects.toThrow(/at least two groups/);
    await expect(compareGroups(wh, 'plants', { value: 'weight' })).rejects.toThrow(InvalidArgumentError);
    // One statement, but a second SELECT joined on: the parse-tree check refuses it.
    await expect(
      compareGroups(wh, 'plants', {
        value: 'weight',
        group: 'grp',
        where: "1 = 1) union all select 'x', 1e9 from plants where (1 = 1",
      }),
    ).rejects.toThrow(/compareGroups: where must be one SQL condition, it adds more than a condition/);
  });
});

/** R's two-way tables (test/anova/reference-two-way/reference.R): unbalanced ToothGrowth. */
const tooth = twoWayReference.datasets[0] as unknown as {
  rows: { a: string; b: string; value: number }[];
  fits: {
    ssType: string;
    interaction: boolean;
    order: string;
    table: { term: string; sumSq: number; f: number | null; pValue: number | null }[];
  }[];
};

/** R's TukeyHSD on PlantGrowth (test/anova/reference-posthoc/reference.R). */
const plantPosthoc = posthocReference.datasets[0] as unknown as {
  tukey: { pairs: { a: string; b: string; diff: number; lower: number; upper: number; pAdj: number }[] };
};

describe('compareGroups, post-hoc', () => {
  it('adds Tukey HSD from DuckDB sums that matches R’s TukeyHSD, and Dunn and Games-Howell pairs', async () => {
    await plantTable('decimal(6,2)');
    const r = await compareGroups(wh, 'plants', {
      value: 'weight',
      group: 'grp',
      tests: ['oneway'],
      posthoc: ['tukey', 'games-howell', 'dunn'],
    });
    const pairs = r.tests.tukey?.pairs ?? [];
    expect(pairs.map((p) => `${p.b}-${p.a}`)).toEqual(['trt1-ctrl', 'trt2-ctrl', 'trt2-trt1']);
    for (const [i, e] of plantPosthoc.tukey.pairs.entries()) {
      rel(pairs[i]?.diff, e.diff, 1e-10);
      // R's qtukey stops at a step of 1e-4: interval ends to 1e-7 of the half-width.
      expect(Math.abs((pairs[i]?.upper ?? 0) - e.upper)).toBeLessThan(1e-7 * (e.upper - e.lower));
      // R's ptukey is accurate to about 1e-8 absolute.
      expect(Math.abs((pairs[i]?.pAdj ?? 0) - e.pAdj)).toBeLessThan(1e-6 * e.pAdj + 1e-8);
    }
    expect(r.tests.gamesHowell?.pairs).toHaveLength(3);
    expect(r.tests.dunn?.options.adjust).toBe('holm');
  });
});

/** R on CO2 (test/anova/reference-rm/reference.R): uptake by concentration within plant. */
const co2 = rmReference.datasets[0] as unknown as {
  rows: { subject: string; level: string; value: number }[];
  table: { f: number; pValue: number; ssLevel: number; ssError: number };
  sphericity: { greenhouseGeisser: number };
  friedman: { chiSquared: number; pValue: number };
};

describe('compareGroups, repeated measures (subject)', () => {
  it('warns that subjects repeat across groups and gives R’s repeated-measures ANOVA and Friedman test', async () => {
    const values = co2.rows.map((r) => `('${r.subject}', '${r.level}', ${r.value})`).join(', ');
    // One subject with a single level: in no complete set, so left out of the within-subject tests.
    await wh.run(
      `create table co2 (plant varchar, conc varchar, uptake decimal(6,1)); insert into co2 values ${values}, ('Extra', 'conc95', 20.0)`,
    );
    const r = await compareGroups(wh, 'co2', {
      value: 'uptake',
      group: 'conc',
      subject: 'plant',
      tests: ['oneway'],
    });
    expect(r.subjects).toEqual({ column: 'plant', total: 13, repeated: 12, complete: 12 });
    expect(r.warnings.map((w) => w.code)).toContain('repeated_subjects');
    const rm = r.tests.repeatedMeasures;
    rel(rm?.f, co2.table.f, 1e-10);
    rel(rm?.pValue, co2.table.pValue, 1e-6);
    rel(rm?.table.error.sumSq, co2.table.ssError, 1e-10);
    rel(rm?.sphericity.greenhouseGeisser?.epsilon, co2.sphericity.greenhouseGeisser, 1e-10);
    rel(r.tests.friedman?.chiSquared, co2.friedman.chiSquared, 1e-10);
    rel(r.tests.friedman?.pValue, co2.friedman.pValue, 1e-6);
  });
});

describe('compareGroups on a per-customer table', () => {
  it('says what an observation is and flags customers seen in several seasons without being asked', async () => {
    // c1 and c2 buy in Q1 and Q2, c3 and c4 only in Q3: two customers repeat across quarters;
    // three quarters are seen and nobody is in all three, so there is no repeated-measures test,
    // and a warning says why.
    await wh.run(`create schema gold; create table gold.customer_monthly_spend (customer_id varchar, month date, revenue decimal(10,2));
      insert into gold.customer_monthly_spend values ('c1', '2025-01-01', 10), ('c1', '2025-04-01', 12), ('c2', '2025-02-01', 20),
        ('c2', '2025-05-01', 22), ('c3', '2025-07-01', 30), ('c4', '2025-08-01', 31)`);
    const r = await compareGroups(wh, 'gold.customer_monthly_spend', {
      value: 'revenue',
      season: 'quarter',
      date: 'month',
      tests: ['oneway'],
    });
    expect(r.unitOfAnalysis).toMatch(
      /a customer-month with a valid order \(months without a purchase are absent, not zeros\)/,
    );
    expect(r.subjects).toEqual({ column: 'customer_id', total: 4, repeated: 2, complete: 0 });
    expect(r.warnings.map((w) => w.code)).toEqual(['repeated_subjects', 'too_few_complete_subjects']);
    expect(r.tests.repeatedMeasures).toBeUndefined();
  });
});

describe('compareGroups, --test auto', () => {
  it('checks the assumptions on PlantGrowth, picks the classic ANOVA with Tukey, and says so in one sentence', async () => {
    await plantTable('decimal(6,2)');
    const r = await compareGroups(wh, 'plants', {
      value: 'weight',
      group: 'grp',
      tests: [],
      auto: true,
      labels: { value: 'plant weight', group: 'treatment', groupNoun: 'treatment' },
    });
    // Every group |G1| < 1, |G2| < 2; Brown-Forsythe p = 0.341 (R: leveneTest center = median).
    expect(r.auto?.test).toBe('oneway');
    expect(r.auto?.posthoc).toBe('tukey');
    expect(r.normality?.groups.map((g) => g.verdict)).toEqual([
      'approximately-normal',
      'approximately-normal',
      'approximately-normal',
    ]);
    // F and p from R's aov (4.846, 0.0159); omega² 0.204; R's TukeyHSD: only trt2 - trt1 has p adj < 0.05 (0.012).
    expect(r.conclusion).toBe(
      'Plant weight differs by treatment (F(2, 27) = 4.85, p = 0.016, omega-squared = 0.20, a large effect); trt2 is higher than trt1.',
    );
  });
});

describe('compareGroups, two-way (group2)', () => {
  it('gives car::Anova’s type II and III tables for unbalanced ToothGrowth stored as DECIMAL', async () => {
    const values = tooth.rows.map((r) => `('${r.a}', '${r.b}', ${r.value})`).join(', ');
    await wh.run(
      `create table tooth (supp varchar, dose varchar, len decimal(6,1)); insert into tooth values ${values}`,
    );
    for (const ssType of ['II', 'III'] as const) {
      const r = await compareGroups(wh, 'tooth', { value: 'len', group: 'supp', group2: 'dose', ssType });
      const expected = tooth.fits.find((f) => f.ssType === ssType && f.interaction && f.order === 'ab');
      const mine = r.tests.twoWay?.table ?? [];
      for (const row of expected?.table ?? []) {
        const got = mine.find((m) => m.term === row.term);
        rel(got?.sumSq, row.sumSq, 1e-9);
        if (row.f !== null) rel(got?.f, row.f, 1e-9);
      }
    }
  });
});

describe('doubleToDecimalText', () => {
  it('writes doubles without exponents', () => {
    expect(doubleToDecimalText(1e-7)).toBe('0.0000001');
    expect(doubleToDecimalText(-1.5e21)).toBe('-1500000000000000000000');
    expect(doubleToDecimalText(1.25e-3)).toBe('0.00125');
    expect(doubleToDecimalText(12.5)).toBe('12.5');
  });
});

describe('shopstat anova', () => {
  it('compares groups from a CSV file, readable and as JSON, and exits 2 on bad input', async () => {
    const dir = tempDir('shopstat-anova-');
    try {
      const { writeFileSync } = await import('node:fs');
      const csv = `${dir.dir}/plants.csv`;
      writeFileSync(
        csv,
        `weight,group\n${plant.groups.flatMap((g) => g.values.map((v) => `${v},${g.group}`)).join('\n')}\n`,
      );
      const text = shopstat('anova', '--file', csv, '--value', 'weight', '--group', 'group');
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('one-way ANOVA');
      expect(text.stdout).toContain('F = 4.8461');
      const json = shopstat(
        'anova',
        '--file',
        csv,
        '--value',
        'weight',
        '--group',
        'group',
        '--test',
        'kruskal',
        '--json',
      );
      const r = JSON.parse(json.stdout) as { tests: { kruskal: { h: number } } };
      rel(r.tests.kruskal.h, plant.kruskalWallis.h, 1e-10);
      const bad = shopstat(
        'anova',
        '--file',
        csv,
        '--value',
        'weight',
        '--group',
        'group',
        '--test',
        'tukey',
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/unknown test "tukey"/);
    } finally {
      dir.cleanup();
    }
  });
});

describe('compareGroups with many groups', () => {
  it('compares 2,000 groups (constant ones included) in the one-way family, and refuses 2 million pairs', async () => {
    // Group k holds k % 3 + 1 values; groups 0, 3, 6, ... hold one value; values are constant within
    // every third group, so floating-point spread sums land at zero exactly or an ulp off.
    await wh.run(`create table many as
      select 'g' || lpad(cast(g as varchar), 4, '0') as grp, cast(g % 7 + case when g % 3 = 2 then 0 else j * 0.25 end as double) as v
      from range(2000) a(g), range(3) b(j) where j <= g % 3`);
    const r = await compareGroups(wh, 'many', {
      value: 'v',
      group: 'grp',
      tests: ['oneway', 'levene', 'brown-forsythe', 'kruskal'],
    });
    expect(r.groups).toHaveLength(2000);
    expect(r.tests.oneway?.f).not.toBeNull();
    expect(r.tests.levene?.df1).toBe(1999);
    await expect(
      compareGroups(wh, 'many', { value: 'v', group: 'grp', tests: ['oneway'], posthoc: ['tukey'] }),
    ).rejects.toThrow(/1999000 pairs, more than the 50 groups allowed/);
    // Two values 0.40 apart around 217.95: both |x - mean| are 0.2 in decimals, and the double sums
    // of z and z^2 come out a few ulps inconsistent (z^2 sum below (z sum)^2 / n): accepted as zero
    // spread, not refused as sums of no possible data.
    await wh.run(
      `create table ulp as select * from (values ('a', 217.75::double), ('a', 218.15), ('b', 1.0), ('b', 2.0), ('b', 4.0)) t(grp, v)`,
    );
    const ulp = await compareGroups(wh, 'ulp', { value: 'v', group: 'grp', tests: ['levene'] });
    expect(ulp.tests.levene?.f).not.toBeNull();
    const auto = await compareGroups(wh, 'many', { value: 'v', group: 'grp', tests: [], auto: true });
    expect(auto.warnings.map((w) => w.code)).toContain('too_many_groups_for_posthoc');
    expect(auto.conclusion).toMatch(/^(There is no significant difference|V differs)/);
  });
});

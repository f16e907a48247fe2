import { describe, expect, it } from 'vitest';
import {
  repeatedMeasuresAnova,
  repeatedMeasuresAnovaFromMoments,
} from '../../src/anova/repeated-measures.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { momentsOf, overallMean, rmReference } from './reference-rm/reference.ts';
import { expectClose, shuffled } from './support.ts';

const co2 = rmReference('CO2');
const base = repeatedMeasuresAnova(co2.rows);

describe('repeatedMeasuresAnova invariants', () => {
  it('subject order changes nothing at all; a row order that reorders the levels changes only rounding', () => {
    const firstOfEachLevel = co2.levels.map((l) => co2.rows.find((r) => r.level === l));
    const subjectsShuffled = [...firstOfEachLevel, ...shuffled(co2.rows, 7)].filter((r) => r !== undefined);
    // the first rows fix the level order; the repeats are the same cell seen twice, so averaged
    const again = repeatedMeasuresAnova(subjectsShuffled);
    expect({ ...again, averagedCells: 0 }).toEqual(base);
    const r = repeatedMeasuresAnova(shuffled(co2.rows, 7));
    expect(new Set(r.levels.map((l) => l.level))).toEqual(new Set(co2.levels));
    expectClose(r.f, base.f, 1e-12);
    expectClose(
      r.sphericity.greenhouseGeisser?.epsilon,
      base.sphericity.greenhouseGeisser?.epsilon ?? 0,
      1e-12,
    );
    expectClose(r.sphericity.mauchly?.w, base.sphericity.mauchly?.w ?? 0, 1e-10);
  });

  it('a shift of 1e6 and a scale of 1000 leave F, p, epsilons, W and effect sizes unchanged', () => {
    for (const [a, b] of [
      [1e6, 1],
      [0, 1000],
    ] as const) {
      const r = repeatedMeasuresAnova(co2.rows.map((x) => ({ ...x, value: a + b * x.value })));
      expectClose(r.f, base.f, 1e-9);
      expectClose(r.pValue, base.pValue, 1e-8);
      expectClose(
        r.sphericity.greenhouseGeisser?.epsilon,
        base.sphericity.greenhouseGeisser?.epsilon ?? 0,
        1e-9,
      );
      expectClose(
        r.sphericity.huynhFeldt?.epsilonUncapped,
        base.sphericity.huynhFeldt?.epsilonUncapped ?? 0,
        1e-9,
      );
      expectClose(r.sphericity.mauchly?.w, base.sphericity.mauchly?.w ?? 0, 1e-8);
      expectClose(r.effectSize.generalizedEtaSquared, base.effectSize.generalizedEtaSquared, 1e-9);
      expectClose(r.table.levels.sumSq, base.table.levels.sumSq * b * b, 1e-9);
    }
  });

  it('the sums of squares add up to the total sum of squares about the grand mean', () => {
    const grand = overallMean(co2);
    const total = co2.rows.reduce((s, r) => s + (r.value - grand) ** 2, 0);
    expectClose(base.table.total.sumSq, total, 1e-12);
    expect(base.table.total.df).toBe(83);
  });

  it('the moments door reports level means with the shift added back', () => {
    const shift = overallMean(co2);
    const r = repeatedMeasuresAnovaFromMoments(momentsOf(co2, shift));
    for (const [i, l] of r.levels.entries()) expectClose(l.mean, base.levels[i]?.mean ?? 0, 1e-13);
  });

  it('a hand case: a = 1, 2, 3 and b = 2, 4, 4 give F = 16, the square of the paired t = 4', () => {
    const r = repeatedMeasuresAnovaFromMoments({
      levels: ['a', 'b'],
      subjects: 3,
      sums: [6, 10],
      crossProducts: [
        [14, 22],
        [22, 36],
      ],
    });
    expectClose(r.f, 16, 1e-14);
    expect(r.table.error.sumSq).toBeCloseTo(1 / 3, 14);
  });
});

describe('repeatedMeasuresAnova edge shapes', () => {
  it('a subject missing a level is dropped and counted; several rows of a cell are averaged', () => {
    const r = repeatedMeasuresAnova([
      ...co2.rows,
      { subject: 'partial', level: 'conc95', value: 3 },
      { subject: 'Qn1', level: 'conc95', value: 14 },
      { subject: 'Qn1', level: 'conc95', value: 18 },
    ]);
    expect(r.droppedSubjects).toBe(1);
    expect(r.averagedCells).toBe(1);
    expectClose(r.f, base.f, 1e-12); // Qn1 at 95 is 16: the mean of 16, 14, 18 is 16
  });

  it('no subject-by-level variation gives F, epsilons and effect sizes null with a warning', () => {
    const rows = ['s1', 's2', 's3'].flatMap((subject, i) =>
      ['a', 'b', 'c'].map((level, l) => ({ subject, level, value: 10 * i + l })),
    );
    const r = repeatedMeasuresAnova(rows);
    expect(r.f).toBeNull();
    expect(r.pValue).toBeNull();
    expect(r.sphericity).toEqual({ mauchly: null, greenhouseGeisser: null, huynhFeldt: null });
    expect(r.effectSize).toEqual({ generalizedEtaSquared: null, partialEtaSquared: null });
    expect(r.warnings.map((w) => w.code)).toEqual(['zero-error-variance']);
    expect(r.correction.pValue).toBeNull();
  });

  it('fewer subjects than levels: GG still defined, Mauchly singular and HF undefined, with warnings', () => {
    const rows = ['s1', 's2', 's3'].flatMap((subject, i) =>
      ['a', 'b', 'c', 'd', 'e'].map((level, l) => ({ subject, level, value: ((i + 1) * (l + 3)) % 7 })),
    );
    const r = repeatedMeasuresAnova(rows);
    expect(r.f).not.toBeNull();
    expect(r.sphericity.greenhouseGeisser).not.toBeNull();
    expect(r.sphericity.mauchly).toMatchObject({ w: 0, chiSquared: null, pValue: null });
    expect(r.warnings.map((w) => w.code)).toContain('mauchly-singular');
  });

  it('empty-ish inputs throw with the count in the message', () => {
    expect(() => repeatedMeasuresAnova([])).toThrow(InsufficientDataError);
    expect(() => repeatedMeasuresAnova([{ subject: 's', level: 'a', value: 1 }])).toThrow(
      /two levels, got 1/,
    );
    expect(() =>
      repeatedMeasuresAnova([
        { subject: 's', level: 'a', value: 1 },
        { subject: 's', level: 'b', value: 1 },
        { subject: 't', level: 'a', value: 1 },
      ]),
    ).toThrow(/two subjects measured at every level, got 1 \(of 2 subjects\)/);
    expect(() =>
      repeatedMeasuresAnova([{ subject: 's', level: 'a', value: Number.POSITIVE_INFINITY }]),
    ).toThrow(/got Infinity/);
  });

  it('bad moments and options are rejected with the bad value in the message', () => {
    const ok = momentsOf(co2, 0);
    const cp = ok.crossProducts.map((row) => [...row]);
    (cp[0] as number[])[1] = (cp[0]?.[1] ?? 0) + 1;
    expect(() => repeatedMeasuresAnovaFromMoments({ ...ok, crossProducts: cp })).toThrow(/symmetric/);
    expect(() =>
      repeatedMeasuresAnovaFromMoments({ ...ok, sums: [...ok.sums.slice(1), Number.NaN] }),
    ).toThrow(/sums\[6\] must be a finite number, got NaN/);
    expect(() => repeatedMeasuresAnovaFromMoments({ ...ok, sums: ok.sums.map((s) => s * 10) })).toThrow(
      /inconsistent/,
    );
    expect(() => repeatedMeasuresAnovaFromMoments({ ...ok, subjects: 1 })).toThrow(InsufficientDataError);
    expect(() => repeatedMeasuresAnovaFromMoments({ ...ok, shift: Number.NaN })).toThrow(
      InvalidArgumentError,
    );
    // @ts-expect-error an unknown correction
    expect(() => repeatedMeasuresAnova(co2.rows, { correction: 'bonferroni' })).toThrow(/got bonferroni/);
  });
});

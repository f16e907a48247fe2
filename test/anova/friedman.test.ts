import { describe, expect, it } from 'vitest';
import { friedmanFromRanks, friedmanTest } from '../../src/anova/friedman.ts';
import type { RepeatedMeasuresRow } from '../../src/anova/rm-complete-subjects.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { RM_REFERENCE, rmReference } from './reference-rm/reference.ts';
import { expectClose, shuffled } from './support.ts';

const REF = RM_REFERENCE;
const byName = rmReference;

// chi-squared and W 1e-10 relative against R friedman.test (reference-rm/reference.R, %.17g); p 1e-6.
describe('friedmanTest against R friedman.test (reference-rm/reference.R)', () => {
  for (const ref of REF) {
    it(`${ref.name}: chi-squared with tie correction, df, p and Kendall's W match R`, () => {
      const r = friedmanTest(ref.rows);
      expectClose(r.chiSquared, ref.friedman.chiSquared, 1e-10);
      expect(r.df).toBe(ref.friedman.df);
      expectClose(r.pValue, ref.friedman.pValue, 1e-6);
      expectClose(r.kendallW, ref.friedman.kendallW, 1e-10);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    });
  }

  it('RoundingTimes has ties within players, and the rank-sum door gives the same result', () => {
    const fromRows = friedmanTest(byName('RoundingTimes').rows);
    // players 7 (5.40, 5.40), 15 (5.50, 5.50), 17 (5.55, 5.55), 22 (6.30, 6.30): 4 pairs x 6
    expect(fromRows.tieTerm).toBe(24);
    const fromRanks = friedmanFromRanks({
      levels: fromRows.levels.map((l) => l.level),
      subjects: fromRows.subjects,
      rankSums: fromRows.levels.map((l) => l.rankSum),
      tieTerm: fromRows.tieTerm,
    });
    expect(fromRanks).toEqual(fromRows);
  });

  it('a hand case: three subjects ranking a below b gives chi-squared 3 and W 1', () => {
    const r = friedmanFromRanks({ levels: ['a', 'b'], subjects: 3, rankSums: [3, 6], tieTerm: 0 });
    expect(r.chiSquared).toBe(3);
    expect(r.kendallW).toBe(1);
  });
});

describe('friedmanTest invariants and edge shapes', () => {
  const co2 = byName('CO2').rows;
  const base = friedmanTest(co2);

  it('row order and any increasing transform of the values change nothing', () => {
    const transformed = shuffled(co2, 3).map((r) => ({ ...r, value: 1e9 + Math.exp(r.value / 10) }));
    const r = friedmanTest(transformed);
    expect(r.chiSquared).toBe(base.chiSquared);
    expect(r.pValue).toBe(base.pValue);
  });

  it('a subject missing a level is dropped and counted; repeated rows of a cell are averaged', () => {
    const extra: RepeatedMeasuresRow[] = [
      { subject: 'partial', level: 'conc95', value: 1 },
      { subject: 'Qn1', level: 'conc95', value: 16 }, // Qn1 at 95 is 16.0: mean stays 16
    ];
    const r = friedmanTest([...co2, ...extra]);
    expect(r.droppedSubjects).toBe(1);
    expect(r.averagedCells).toBe(1);
    expect(r.chiSquared).toBe(base.chiSquared);
  });

  it('every subject all tied gives null with a warning', () => {
    const rows = ['s1', 's2', 's3'].flatMap((subject) =>
      ['a', 'b', 'c'].map((level) => ({ subject, level, value: subject === 's1' ? 1 : 2 })),
    );
    const r = friedmanTest(rows);
    expect(r.chiSquared).toBeNull();
    expect(r.pValue).toBeNull();
    expect(r.kendallW).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['all-tied']);
  });

  it('empty-ish inputs: no rows, one level, one complete subject, a non-finite value', () => {
    expect(() => friedmanTest([])).toThrow(InsufficientDataError);
    expect(() => friedmanTest([{ subject: 's', level: 'a', value: 1 }])).toThrow(
      /at least two levels, got 1/,
    );
    expect(() =>
      friedmanTest([
        { subject: 's', level: 'a', value: 1 },
        { subject: 's', level: 'b', value: 2 },
      ]),
    ).toThrow(/at least two subjects measured at every level, got 1/);
    expect(() => friedmanTest([{ subject: 's', level: 'a', value: Number.NaN }])).toThrow(
      InvalidArgumentError,
    );
  });

  it('the rank-sum door rejects impossible input with the bad value in the message', () => {
    const ok = { levels: ['a', 'b'], subjects: 3, rankSums: [3, 6], tieTerm: 0 };
    expect(() => friedmanFromRanks({ ...ok, rankSums: [4, 6] })).toThrow(/add up to 10/);
    expect(() => friedmanFromRanks({ ...ok, rankSums: [3.25, 5.75] })).toThrow(/got 3.25/);
    expect(() => friedmanFromRanks({ ...ok, tieTerm: 19 })).toThrow(/got 19/);
    expect(() => friedmanFromRanks({ ...ok, levels: ['a', 'a'] })).toThrow(/"a" appears more than once/);
    expect(() => friedmanFromRanks({ ...ok, subjects: 1, rankSums: [1, 2] })).toThrow(InsufficientDataError);
  });
});

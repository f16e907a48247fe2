import { describe, expect, it } from 'vitest';
import {
  repeatedMeasuresAnova,
  repeatedMeasuresAnovaFromMoments,
} from '../../src/anova/repeated-measures.ts';
import type { RepeatedMeasuresResult } from '../../src/anova/rm-types.ts';
import {
  momentsOf,
  overallMean,
  RM_REFERENCE,
  type RmReference,
  rmReference,
} from './reference-rm/reference.ts';
import { expectClose } from './support.ts';

const num = (rec: Readonly<Record<string, number>> | null, key: string): number => {
  const v = rec?.[key];
  if (typeof v !== 'number') throw new Error(`reference has no number ${key}`);
  return v;
};

// SS, F, epsilons and effect sizes 1e-10 relative against R (reference-rm/reference.R, %.17g);
// p-values 1e-6; Mauchly's W 1e-9 (R forms it from det(), ours from a Cholesky log-determinant).
function expectMatchesR(r: RepeatedMeasuresResult, ref: RmReference): void {
  const t = ref.table;
  expectClose(r.table.levels.sumSq, num(t, 'ssLevel'), 1e-10);
  expectClose(r.table.subjects.sumSq, num(t, 'ssSubject'), 1e-10);
  expectClose(r.table.error.sumSq, num(t, 'ssError'), 1e-10);
  expectClose(r.table.levels.meanSq, num(t, 'msLevel'), 1e-10);
  expectClose(r.table.error.meanSq, num(t, 'msError'), 1e-10);
  expect([r.table.levels.df, r.table.subjects.df, r.table.error.df]).toEqual([
    num(t, 'dfLevel'),
    num(t, 'dfSubject'),
    num(t, 'dfError'),
  ]);
  expectClose(r.f, num(t, 'f'), 1e-10);
  expectClose(r.pValue, num(t, 'pValue'), 1e-6);
  expectClose(r.effectSize.generalizedEtaSquared, num(t, 'generalizedEtaSquared'), 1e-10);
  expectClose(r.effectSize.partialEtaSquared, num(t, 'partialEtaSquared'), 1e-10);
  const s = ref.sphericity;
  if (s === null) return;
  expectClose(r.sphericity.mauchly?.w, num(s, 'mauchlyW'), 1e-9);
  expectClose(r.sphericity.mauchly?.chiSquared, num(s, 'mauchlyChiSquared'), 1e-9);
  expect(r.sphericity.mauchly?.df).toBe(num(s, 'mauchlyDf'));
  expectClose(r.sphericity.mauchly?.pValue, num(s, 'mauchlyPValueAnderson'), 1e-6);
  expectClose(r.sphericity.greenhouseGeisser?.epsilon, num(s, 'greenhouseGeisser'), 1e-10);
  expectClose(r.sphericity.greenhouseGeisser?.pValue, num(s, 'pValueGreenhouseGeisser'), 1e-6);
  expectClose(r.sphericity.huynhFeldt?.epsilonUncapped, num(s, 'huynhFeldtUncapped'), 1e-10);
  expectClose(r.sphericity.huynhFeldt?.pValue, num(s, 'pValueHuynhFeldt'), 1e-6);
}

describe('repeatedMeasuresAnova against R aov Error strata and car::Anova (reference-rm/reference.R)', () => {
  for (const ref of RM_REFERENCE) {
    it(`${ref.name}: the raw door matches R's table, sphericity and effect sizes`, () => {
      const r = repeatedMeasuresAnova(ref.rows);
      expectMatchesR(r, ref);
      expect(r.subjects).toBe(ref.subjects);
      expect(r.levels.map((l) => l.level)).toEqual(ref.levels);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    });
    it(`${ref.name}: the moments door (shifted by the overall mean, and unshifted) matches R`, () => {
      expectMatchesR(repeatedMeasuresAnovaFromMoments(momentsOf(ref, overallMean(ref))), ref);
      expectMatchesR(repeatedMeasuresAnovaFromMoments(momentsOf(ref, 0)), ref);
    });
  }

  it("CO2: car's Mauchly p uses 3k where Anderson has 3(k - 1); ours follows Anderson, 0.3% apart", () => {
    const s = rmReference('CO2').sphericity;
    const ours = repeatedMeasuresAnova(rmReference('CO2').rows).sphericity.mauchly?.pValue ?? 0;
    const gap = Math.abs(ours - num(s, 'mauchlyPValueCar')) / num(s, 'mauchlyPValueCar');
    expect(gap).toBeGreaterThan(1e-3);
    expect(gap).toBeLessThan(5e-3);
  });

  it('the recommended correction follows Girden: GG on CO2 (epsilon 0.24), HF on RoundingTimes (0.77)', () => {
    const co2 = repeatedMeasuresAnova(rmReference('CO2').rows);
    expect(co2.correction.method).toBe('greenhouse-geisser');
    expect(co2.correction.pValue).toBe(co2.sphericity.greenhouseGeisser?.pValue);
    const rounding = repeatedMeasuresAnova(rmReference('RoundingTimes').rows);
    expect(rounding.correction.method).toBe('huynh-feldt');
    expect(rounding.correction.df1).toBe(rounding.sphericity.huynhFeldt?.df1);
    const none = repeatedMeasuresAnova(rmReference('CO2').rows, { correction: 'none' });
    expect(none.correction).toMatchObject({ method: 'none', df1: 6, df2: 66, pValue: none.pValue });
    expect(none.options.correction).toBe('none');
  });

  it('sleep (two levels): sphericity holds exactly, epsilon 1, and F is the paired t squared', () => {
    const ref = rmReference('sleep');
    const r = repeatedMeasuresAnova(ref.rows);
    expect(r.sphericity.mauchly).toBeNull();
    expect(r.sphericity.greenhouseGeisser?.epsilon).toBe(1);
    expect(r.sphericity.huynhFeldt?.epsilon).toBe(1);
    expect(r.sphericity.greenhouseGeisser?.pValue).toBe(r.pValue);
    expect(r.correction.method).toBe('none');
    expectClose(r.f, (ref.pairedT ?? 0) ** 2, 1e-10);
  });
});

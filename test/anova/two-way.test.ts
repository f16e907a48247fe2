import { describe, expect, it } from 'vitest';
import { twoWayAnova, twoWayAnovaFromCells } from '../../src/anova/two-way.ts';
import type { TwoWayAnovaResult } from '../../src/anova/two-way-types.ts';
import { expectClose } from './support.ts';
import { cellsOf, swapped, TWO_WAY_REFERENCE } from './two-way-support.ts';

// Tolerances against R's %.17g output (reference-two-way/reference.R): sums of squares, mean
// squares and F 1e-9 relative; p-values 1e-6 relative (R's pf). Measured 2026-11-30: worst
// relative error 4e-15 for sums of squares and F, 3e-14 for p, over every table and both doors.
const STAT = 1e-9;
const P = 1e-6;

function expectTable(
  actual: TwoWayAnovaResult,
  expected: (typeof TWO_WAY_REFERENCE)[number]['fits'][number],
) {
  expect(actual.table.map((r) => r.term)).toEqual(expected.table.map((r) => r.term));
  expected.table.forEach((want, i) => {
    const got = actual.table[i];
    expect(got?.df).toBe(want.df);
    expectClose(got?.sumSq, want.sumSq, STAT);
    expectClose(got?.meanSq, want.meanSq, STAT);
    expectClose(got?.f, want.f, STAT);
    expectClose(got?.pValue, want.pValue, P);
  });
}

describe('twoWayAnova against R anova and car::Anova (reference-two-way/reference.R)', () => {
  for (const set of TWO_WAY_REFERENCE) {
    for (const fit of set.fits) {
      const label = `${set.name}: Type ${fit.ssType}${fit.interaction ? ' with' : ' without'} the interaction, order ${fit.order}`;
      it(`${label} matches R from rows and from exact cell sums`, () => {
        const rows = fit.order === 'ab' ? set.rows : swapped(set.rows);
        const [a, b] = set.factorNames;
        const options = {
          ssType: fit.ssType,
          interaction: fit.interaction,
          factorNames: (fit.order === 'ab' ? [a, b] : [b, a]) as [string, string],
        };
        const fromRows = twoWayAnova(rows, options);
        const fromCells = twoWayAnovaFromCells(cellsOf(rows), options);
        expect(fromRows.sumsMethod).toBe('shifted-two-pass');
        expect(fromCells.sumsMethod).toBe('exact-decimal');
        expectTable(fromRows, fit);
        expectTable(fromCells, fit);
      });
    }
  }
});

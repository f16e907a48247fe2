import { describe, expect, it } from 'vitest';
import { sequentialEffects } from '../../src/anova/linear-algebra.ts';
import { twoWayAnova, twoWayAnovaFromCells } from '../../src/anova/two-way.ts';
import type { SsType, TwoWayAnovaResult, TwoWayRow } from '../../src/anova/two-way-types.ts';
import { expectClose, shuffled } from './support.ts';
import { cellsOf, referenceSet, swapped } from './two-way-support.ts';

const TYPES: readonly SsType[] = ['I', 'II', 'III'];
const tooth = referenceSet('toothgrowth-unbalanced');
const warp = referenceSet('warpbreaks');

function row(r: TwoWayAnovaResult, source: string) {
  const found = r.table.find((t) => t.source === source);
  if (found === undefined) throw new Error(`no ${source} row`);
  return found;
}

function expectSameEffects(x: TwoWayAnovaResult, y: TwoWayAnovaResult, rel: number, swap = false) {
  const pairs = swap
    ? [
        ['a', 'b'],
        ['b', 'a'],
        ['interaction', 'interaction'],
        ['residuals', 'residuals'],
      ]
    : ['a', 'b', 'interaction', 'residuals'].map((s) => [s, s]);
  const effects = (r: TwoWayAnovaResult) => r.table.map((t) => t.source).filter((t) => t !== 'intercept');
  expect(effects(x)).toEqual(effects(y));
  for (const [p, q] of pairs.filter(([s]) => x.table.some((t) => t.source === s))) {
    const u = row(x, p ?? '');
    const v = row(y, q ?? '');
    expect(u.df).toBe(v.df);
    expectClose(u.sumSq, v.sumSq, rel);
    expectClose(u.f, v.f, rel);
    expectClose(u.pValue, v.pValue, rel * 1e3);
  }
}

describe('twoWayAnova invariants', () => {
  it('on a balanced design (warpbreaks) all three types agree', () => {
    const [i, ii, iii] = TYPES.map((ssType) => twoWayAnova(warp.rows, { ssType }));
    expectSameEffects(i as TwoWayAnovaResult, ii as TwoWayAnovaResult, 1e-12);
    expectSameEffects(i as TwoWayAnovaResult, iii as TwoWayAnovaResult, 1e-12);
  });

  it('reordering the rows or the cells changes no statistic, for every type', () => {
    for (const ssType of TYPES) {
      for (const interaction of [true, false]) {
        const base = twoWayAnova(tooth.rows, { ssType, interaction });
        expectSameEffects(base, twoWayAnova(shuffled(tooth.rows, 7), { ssType, interaction }), 1e-12);
        const cells = cellsOf(tooth.rows);
        expectSameEffects(base, twoWayAnovaFromCells(shuffled(cells, 3), { ssType, interaction }), 1e-12);
      }
    }
  });

  it('Type I depends on the order of the factors on unbalanced data; Types II and III do not', () => {
    const ab = twoWayAnova(tooth.rows, { ssType: 'I' });
    const ba = twoWayAnova(swapped(tooth.rows), { ssType: 'I' });
    expect(Math.abs((row(ab, 'a').sumSq ?? 0) - (row(ba, 'b').sumSq ?? 0))).toBeGreaterThan(1);
    for (const ssType of ['II', 'III'] as const) {
      for (const interaction of [true, false]) {
        const x = twoWayAnova(tooth.rows, { ssType, interaction });
        const y = twoWayAnova(swapped(tooth.rows), { ssType, interaction });
        expectSameEffects(x, y, 1e-12, true);
      }
    }
  });

  it('Type I sums of squares add up to the total sum of squares', () => {
    const mean = tooth.rows.reduce((s, r) => s + r.value, 0) / tooth.rows.length;
    const total = tooth.rows.reduce((s, r) => s + (r.value - mean) ** 2, 0);
    for (const interaction of [true, false]) {
      const r = twoWayAnova(tooth.rows, { ssType: 'I', interaction });
      expectClose(
        r.table.reduce((s, t) => s + (t.sumSq ?? 0), 0),
        total,
        1e-12,
      );
    }
  });

  it('a huge common offset costs no digits: exact sums at 1e12, rows at 1e6', () => {
    const offset = (rows: readonly TwoWayRow[], by: number) =>
      rows.map((r) => ({ ...r, value: r.value + by }));
    for (const ssType of TYPES) {
      const base = twoWayAnovaFromCells(cellsOf(tooth.rows), { ssType });
      expectSameEffects(base, twoWayAnovaFromCells(cellsOf(offset(tooth.rows, 1e12)), { ssType }), 1e-12);
      expectSameEffects(base, twoWayAnova(offset(tooth.rows, 1e6), { ssType }), 1e-9);
    }
  });

  it('scaling the values scales the sums of squares and leaves F, p and partial eta squared unchanged', () => {
    const base = twoWayAnova(tooth.rows, { ssType: 'III' });
    const scaled = twoWayAnova(
      tooth.rows.map((r) => ({ ...r, value: r.value * 1000 })),
      { ssType: 'III' },
    );
    base.table.forEach((t, i) => {
      const s = scaled.table[i];
      expectClose(s?.sumSq, (t.sumSq ?? 0) * 1e6, 1e-12);
      expectClose(s?.f ?? null, t.f, 1e-12);
      expectClose(s?.partialEtaSquared ?? null, t.partialEtaSquared, 1e-12);
    });
  });

  it('partial eta squared is SS term / (SS term + SS residuals), null for the residuals', () => {
    const r = twoWayAnova(tooth.rows, { ssType: 'II' });
    const res = row(r, 'residuals');
    expect(res.partialEtaSquared).toBeNull();
    for (const s of ['a', 'b', 'interaction']) {
      const t = row(r, s);
      expectClose(t.partialEtaSquared, (t.sumSq ?? 0) / ((t.sumSq ?? 0) + (res.sumSq ?? 0)), 1e-15);
    }
  });

  it('the sequential QR detects an aliased column, as lm does', () => {
    expect(sequentialEffects([[1, 1, 1]], [1, 2, 3]).residualSumSq).toBeCloseTo(2, 14);
    const fit = sequentialEffects(
      [
        [1, 1, 1, 1],
        [1, 2, 3, 4],
        [2, 3, 4, 5],
      ],
      [1, 3, 2, 5],
    );
    expect(fit.aliased).toEqual([false, false, true]);
    expect(fit.rank).toBe(2);
    expect(fit.squaredEffects[2]).toBe(0);
  });
});

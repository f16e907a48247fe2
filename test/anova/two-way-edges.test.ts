import { describe, expect, it } from 'vitest';
import { twoWayAnova, twoWayAnovaFromCells } from '../../src/anova/two-way.ts';
import type { CellSummary, TwoWayAnovaResult } from '../../src/anova/two-way-types.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { expectClose } from './support.ts';
import { cellsOf, referenceSet } from './two-way-support.ts';

const warp = referenceSet('warpbreaks');
const gears = referenceSet('mtcars-cyl-gear-empty-cell');
const tooth = referenceSet('toothgrowth-unbalanced');

// The 2 x 2 doc example: cells {1, 2}, {3, 4}, {5, 6}, {7, 8}; by hand SS A = 8 * 2^2 = 32,
// SS B = 8 * 1^2 = 8, no interaction, within 4 * 0.5 = 2 on 4 df.
const BY_HAND: CellSummary[] = [
  { a: 'x', b: 'u', n: 2, sum: '3', sumSquares: '5' },
  { a: 'x', b: 'v', n: 2, sum: '7', sumSquares: '25' },
  { a: 'y', b: 'u', n: 2, sum: '11', sumSquares: '61' },
  { a: 'y', b: 'v', n: 2, sum: '15', sumSquares: '113' },
];

function sources(r: TwoWayAnovaResult) {
  return r.table.map((t) => t.source);
}

describe('twoWayAnova documented examples', () => {
  it('twoWayAnovaFromCells on a 2 x 2 layout gives the sums of squares worked by hand', () => {
    const r = twoWayAnovaFromCells(BY_HAND);
    const [a, b, ab, residual] = r.table.map((t) => t.sumSq ?? Number.NaN);
    expectClose(a, 32, 1e-14);
    expectClose(b, 8, 1e-14);
    expect(Math.abs(ab ?? 1)).toBeLessThan(1e-25);
    expect(residual).toBe(2);
    expect(r.table.map((t) => t.df)).toEqual([1, 1, 1, 4]);
    expect(r.table.map((t) => t.term)).toEqual(['A', 'B', 'A:B', 'Residuals']);
    expect(r.cells).toEqual([
      { a: 'x', b: 'u', n: 2, mean: 1.5 },
      { a: 'x', b: 'v', n: 2, mean: 3.5 },
      { a: 'y', b: 'u', n: 2, mean: 5.5 },
      { a: 'y', b: 'v', n: 2, mean: 7.5 },
    ]);
  });

  it('twoWayAnova on warpbreaks gives tension F 8.498 with df 2 and 48, p 0.00069 (car::Anova type 2)', () => {
    const r = twoWayAnova(warp.rows, { factorNames: ['wool', 'tension'] });
    expect(r.table[1]?.term).toBe('tension');
    expect(r.table[1]?.df).toBe(2);
    expectClose(r.table[1]?.f, 8.498046648358024, 1e-9);
    expectClose(r.table[1]?.pValue, 0.0006926209367134422, 1e-6);
  });

  it('records its defaults (Type II, with the interaction, factors A and B) and the coding', () => {
    const r = twoWayAnovaFromCells(BY_HAND);
    expect(r.kind).toBe('two-way-anova');
    expect(r.options).toEqual({ ssType: 'II', interaction: true, factorNames: ['A', 'B'] });
    expect(r.ssType).toBe('II');
    expect(r.contrasts).toBeNull();
    expect(twoWayAnovaFromCells(BY_HAND, { ssType: 'III' }).contrasts).toBe('contr.sum');
    expect(r.factors).toEqual({ a: { name: 'A', levels: ['x', 'y'] }, b: { name: 'B', levels: ['u', 'v'] } });
    expect(r.n).toBe(8);
    expect(r.warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('the cell table of an unbalanced design holds each cell count and mean', () => {
    const r = twoWayAnova(tooth.rows);
    for (const c of r.cells) {
      const values = tooth.rows.filter((x) => x.a === c.a && x.b === c.b).map((x) => x.value);
      expect(c.n).toBe(values.length);
      expectClose(c.mean, values.reduce((s, v) => s + v, 0) / values.length, 1e-14);
    }
  });
});

describe('twoWayAnova with empty cells (mtcars cyl x gear: no 8-cylinder car has 4 gears)', () => {
  it('Types I and II are computed, with the interaction on 3 df and a warning naming the cell', () => {
    for (const ssType of ['I', 'II'] as const) {
      const r = twoWayAnova(gears.rows, { ssType });
      expect(r.table.find((t) => t.source === 'interaction')?.df).toBe(3);
      expect(r.warnings.map((w) => w.code)).toEqual(['empty-cells']);
      expect(r.warnings[0]?.message).toContain('(8, 4)');
      expect(r.cells.find((c) => c.a === '8' && c.b === '4')).toEqual({ a: '8', b: '4', n: 0, mean: null });
    }
  });

  it('Type III gives null for the intercept and main effects, and the interaction adjusted for them', () => {
    const r = twoWayAnova(gears.rows, { ssType: 'III' });
    const ii = twoWayAnova(gears.rows, { ssType: 'II' });
    expect(sources(r)).toEqual(['intercept', 'a', 'b', 'interaction', 'residuals']);
    for (const t of r.table.slice(0, 3)) {
      expect([t.sumSq, t.meanSq, t.f, t.pValue, t.partialEtaSquared]).toEqual([null, null, null, null, null]);
    }
    expectClose(r.table[3]?.sumSq, ii.table[2]?.sumSq ?? null, 1e-12);
    expect(r.table[3]?.df).toBe(3);
    expect(r.warnings[0]?.code).toBe('empty-cells');
    expect(r.warnings[0]?.message).toContain('Type III');
  });

  it('Type III without the interaction is estimable and equals Type II for the main effects', () => {
    const r = twoWayAnova(gears.rows, { ssType: 'III', interaction: false });
    const ii = twoWayAnova(gears.rows, { ssType: 'II', interaction: false });
    expectClose(r.table[1]?.sumSq, ii.table[0]?.sumSq ?? null, 1e-12);
    expectClose(r.table[2]?.sumSq, ii.table[1]?.sumSq ?? null, 1e-12);
  });

  it('an explicit empty cell (n = 0) is the same as a missing one', () => {
    const cells = [...cellsOf(gears.rows), { a: '8', b: '4', n: 0, sum: '0', sumSquares: '0' }];
    const r = twoWayAnovaFromCells(cells, { ssType: 'II' });
    expect(r.table.find((t) => t.source === 'interaction')?.df).toBe(3);
  });
});

describe('twoWayAnova on empty-ish inputs', () => {
  it('no rows, or one level of a factor, is InsufficientDataError', () => {
    expect(() => twoWayAnova([])).toThrow(InsufficientDataError);
    expect(() => twoWayAnovaFromCells([])).toThrow(InsufficientDataError);
    const oneB = [
      { a: 'x', b: 'u', value: 1 },
      { a: 'y', b: 'u', value: 2 },
    ];
    expect(() => twoWayAnova(oneB, { factorNames: ['channel', 'country'] })).toThrow(
      /at least two levels of country/,
    );
  });

  it('one value per cell: no residual df with the interaction (null F, warning), the additive model is fine', () => {
    const rows = [
      { a: 'x', b: 'u', value: 1 },
      { a: 'x', b: 'v', value: 2 },
      { a: 'y', b: 'u', value: 4 },
      { a: 'y', b: 'v', value: 7 },
    ];
    const full = twoWayAnova(rows);
    expect(full.table.at(-1)?.df).toBe(0);
    expect(full.table.every((t) => t.f === null && t.pValue === null)).toBe(true);
    expect(full.warnings.map((w) => w.code)).toEqual(['no-residual-df']);
    const additive = twoWayAnova(rows, { interaction: false });
    expect(additive.table.map((t) => t.df)).toEqual([1, 1, 1]);
    expect(additive.table[0]?.f).not.toBeNull();
  });

  it('all values equal: every sum of squares is zero and F is null with a warning', () => {
    const rows = ['x', 'y'].flatMap((a) =>
      ['u', 'v'].flatMap((b) => [5, 5].map((value) => ({ a, b, value }))),
    );
    const r = twoWayAnova(rows);
    expect(r.table.map((t) => t.sumSq)).toEqual([0, 0, 0, 0]);
    expect(r.table.every((t) => t.f === null)).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['zero-residual-variance']);
  });
});

describe('twoWayAnova input errors teach what to do', () => {
  it('rejects bad options, values and sums with the bad value in the message', () => {
    expect(() => twoWayAnovaFromCells(BY_HAND, { ssType: 'IV' as 'I' })).toThrow(/ssType .* got "IV"/);
    expect(() => twoWayAnovaFromCells(BY_HAND, { factorNames: ['a', 'a'] })).toThrow(InvalidArgumentError);
    expect(() => twoWayAnova([{ a: 'x', b: 'u', value: Number.NaN }])).toThrow(/row 0 value .* NaN/);
    expect(() => twoWayAnovaFromCells([...BY_HAND, BY_HAND[0] as CellSummary])).toThrow(
      /\(x, u\) appears more than once/,
    );
    expect(() =>
      twoWayAnovaFromCells([{ ...BY_HAND[0], sum: '1e3' } as CellSummary, ...BY_HAND.slice(1)]),
    ).toThrow(/exact decimal text .* "1e3"/);
    expect(() =>
      twoWayAnovaFromCells([{ ...BY_HAND[0], sumSquares: '1' } as CellSummary, ...BY_HAND.slice(1)]),
    ).toThrow(/below sum\^2 \/ n/);
    expect(() =>
      twoWayAnovaFromCells([...BY_HAND, { a: 'z', b: 'u', n: 0, sum: '1', sumSquares: '1' }]),
    ).toThrow(/n = 0 but non-zero sums/);
  });
});

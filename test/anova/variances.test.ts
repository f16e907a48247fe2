import { describe, expect, it } from 'vitest';
import { bartlett, bartlettFromSummaries } from '../../src/anova/bartlett.ts';
import { levene } from '../../src/anova/levene.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { expectClose, REFERENCE, shuffled, stat, summariesOf } from './support.ts';

// Statistics 1e-10 relative against R (car::leveneTest, bartlett.test; reference.R, %.17g);
// p-values 1e-6 relative.
describe('levene against car::leveneTest (reference.R)', () => {
  for (const ref of REFERENCE) {
    for (const center of ['mean', 'median'] as const) {
      it(`${ref.name}, center = ${center}: F, df and p match car`, () => {
        const e = center === 'mean' ? ref.leveneMean : ref.leveneMedian;
        const r = levene(ref.groups, { center });
        expectClose(r.f, stat(e, 'f'), 1e-10);
        expect([r.df1, r.df2]).toEqual([stat(e, 'df1'), stat(e, 'df2')]);
        expectClose(r.pValue, stat(e, 'pValue'), 1e-6);
        expect(r.options).toEqual({ center });
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      });
    }
  }

  it('defaults to the median (Brown-Forsythe), as car does', () => {
    const plant = REFERENCE[0];
    expectClose(levene(plant?.groups ?? []).f, stat(plant?.leveneMedian ?? {}, 'f'), 1e-10);
  });

  it('shuffling rows and groups, shifting and scaling leave F and p unchanged', () => {
    const insects = REFERENCE[1]?.groups ?? [];
    for (const center of ['mean', 'median'] as const) {
      const base = levene(insects, { center });
      const permuted = shuffled(insects, 3).map((g, i) => ({
        group: g.group,
        values: shuffled(g.values, i),
      }));
      const transformed = insects.map((g) => ({
        group: g.group,
        values: g.values.map((v) => 5000 - 0.5 * v),
      }));
      for (const r of [levene(permuted, { center }), levene(transformed, { center })]) {
        expectClose(r.f, base.f, 1e-9);
        expectClose(r.pValue, base.pValue, 1e-8);
      }
    }
  });

  it('constant groups give null F with a warning; bad centres and one group are refused', () => {
    const r = levene(
      [
        { group: 'a', values: [1, 1, 1] },
        { group: 'b', values: [4, 4] },
      ],
      { center: 'mean' },
    );
    expect(r.f).toBeNull();
    expect(r.warnings[0]?.code).toBe('zero-within-variance');
    // @ts-expect-error an unknown centre, as a CLI may pass it
    expect(() => levene(REFERENCE[0]?.groups ?? [], { center: 'trimmed' })).toThrow(
      `levene: center must be 'mean' or 'median', got "trimmed"`,
    );
    expect(() => levene([{ group: 'a', values: [1, 2] }])).toThrow(InsufficientDataError);
  });
});

describe('bartlett against R bartlett.test (reference.R)', () => {
  for (const ref of REFERENCE) {
    it(`${ref.name}: K^2, df and p match R from raw values and from exact sums`, () => {
      const e = ref.bartlett;
      for (const r of [bartlett(ref.groups), bartlettFromSummaries(summariesOf(ref.groups))]) {
        expectClose(r.k2, stat(e, 'k2'), 1e-10);
        expect(r.df).toBe(stat(e, 'df'));
        expectClose(r.pValue, stat(e, 'pValue'), 1e-6);
        expect(r.warnings).toEqual([]);
      }
    });
  }

  it('scaling all values leaves K^2 unchanged; group order does not matter', () => {
    const tooth = REFERENCE[2]?.groups ?? [];
    const base = bartlett(tooth);
    expectClose(
      bartlett(tooth.map((g) => ({ group: g.group, values: g.values.map((v) => 1e6 + 3 * v) }))).k2,
      base.k2,
      1e-9,
    );
    expectClose(bartlett([...tooth].reverse()).k2, base.k2, 1e-12);
  });

  it('a group of one or a constant group gives null K^2 with a warning; bad input is refused', () => {
    const single = bartlett([
      { group: 'a', values: [1, 2, 4] },
      { group: 'b', values: [3] },
    ]);
    expect([single.k2, single.pValue]).toEqual([null, null]);
    expect(single.warnings[0]?.code).toBe('group-too-small');
    const constant = bartlettFromSummaries([
      { group: 'a', n: 3, sum: '7', sumSquares: '21' },
      { group: 'b', n: 2, sum: '6.00', sumSquares: '18.0000' },
    ]);
    expect(constant.k2).toBeNull();
    expect(constant.warnings[0]?.code).toBe('zero-variance-group');
    expect(() =>
      bartlett([
        { group: 'a', values: [1, Number.POSITIVE_INFINITY] },
        { group: 'b', values: [1, 2] },
      ]),
    ).toThrow(InvalidArgumentError);
  });
});

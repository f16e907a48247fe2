/**
 * NIST StRD one-way ANOVA data sets and certified values.
 *
 * Source: NIST Information Technology Laboratory, Statistical Reference Datasets, Analysis of
 * Variance, https://www.itl.nist.gov/div898/strd/anova/anova.html (SiRstv.dat, SmLs01.dat ...
 * SmLs09.dat, AtmWtAg.dat). Certified values were computed by NIST in 500-digit arithmetic and
 * rounded to 15 significant digits.
 *
 * SmLs01-09 are generated: 9 treatments; treatment 1 is b + 0.4 then (b + 0.3, b + 0.5)
 * alternating, even treatments b + 0.3 then (b + 0.2, b + 0.4), odd treatments from 3 on b + 0.5
 * then (b + 0.4, b + 0.6), with 21 (01, 04, 07), 201 (02, 05, 08) or 2001 (03, 06, 09)
 * replicates and b = 1 (01-03), 1000000 (04-06) or 1000000000000 (07-09): 1, 7 and 13 constant
 * leading digits. Certified (SmLs01 as printed in its .dat file; the others follow exactly from the
 * generated structure, with 21, 201 or 2001 replicates r): between SS 0.08 r on 8 df, F = r
 * (21, 201, 2001); within SS 1.8, 18 or 180 on 180, 1800 or 18000 df, MS 0.01.
 * SiRstv (5 instruments x 5 replicates) and AtmWtAg (2 instruments x 24) are observed data,
 * copied from the .dat files with their decimal digits.
 */
export interface NistCase {
  readonly name: string;
  /** Decimal text per group, exactly as in the .dat file. */
  readonly groups: readonly { readonly group: string; readonly values: readonly string[] }[];
  readonly certified: {
    readonly dfBetween: number;
    readonly dfWithin: number;
    readonly ssBetween: number;
    readonly ssWithin: number;
    readonly msBetween: number;
    readonly msWithin: number;
    readonly f: number;
    readonly rSquared: number;
  };
}

function smls(index: number): NistCase {
  const replicates = [21, 201, 2001][(index - 1) % 3] ?? 0;
  const base = ['1', '1000000', '1000000000000'][Math.floor((index - 1) / 3)] ?? '';
  const groups = Array.from({ length: 9 }, (_, t) => {
    const [first, low, high] = t === 0 ? [4, 3, 5] : t % 2 === 1 ? [3, 2, 4] : [5, 4, 6];
    const digits = [first, ...Array.from({ length: replicates - 1 }, (_, r) => (r % 2 === 0 ? low : high))];
    return { group: String(t + 1), values: digits.map((d) => `${base}.${d}`) };
  });
  const ssWithin = [1.8, 18, 180][(index - 1) % 3] ?? 0;
  const dfWithin = 9 * (replicates - 1);
  return {
    name: `SmLs0${index}`,
    groups,
    certified: {
      dfBetween: 8,
      dfWithin,
      ssBetween: [1.68, 16.08, 160.08][(index - 1) % 3] ?? 0,
      ssWithin,
      msBetween: [0.21, 2.01, 20.01][(index - 1) % 3] ?? 0,
      msWithin: 0.01,
      f: replicates,
      rSquared: [4.82758620689655e-1, 4.71830985915493e-1, 4.70712773465067e-1][(index - 1) % 3] ?? 0,
    },
  };
}

const SIRSTV: NistCase = {
  name: 'SiRstv',
  groups: [
    { group: '1', values: ['196.3052', '196.1240', '196.1890', '196.2569', '196.3403'] },
    { group: '2', values: ['196.3042', '196.3825', '196.1669', '196.3257', '196.0422'] },
    { group: '3', values: ['196.1303', '196.2005', '196.2889', '196.0343', '196.1811'] },
    { group: '4', values: ['196.2795', '196.1748', '196.1494', '196.1485', '195.9885'] },
    { group: '5', values: ['196.2119', '196.1051', '196.1850', '196.0052', '196.2090'] },
  ],
  certified: {
    dfBetween: 4,
    dfWithin: 20,
    ssBetween: 5.11462616e-2,
    ssWithin: 2.1663656e-1,
    msBetween: 1.27865654e-2,
    msWithin: 1.0831828e-2,
    f: 1.18046237440255,
    rSquared: 1.90999039051129e-1,
  },
};

const ATMWTAG: NistCase = {
  name: 'AtmWtAg',
  groups: [
    {
      group: '1',
      values: (
        '107.8681568 107.8681465 107.8681572 107.8681785 107.8681446 107.8681903 107.8681526 107.8681494 ' +
        '107.8681616 107.8681587 107.8681519 107.8681486 107.8681419 107.8681569 107.8681508 107.8681672 ' +
        '107.8681385 107.8681518 107.8681662 107.8681424 107.8681360 107.8681333 107.8681610 107.8681477'
      ).split(' '),
    },
    {
      group: '2',
      values: (
        '107.8681079 107.8681344 107.8681513 107.8681197 107.8681604 107.8681385 107.8681642 107.8681365 ' +
        '107.8681151 107.8681082 107.8681517 107.8681448 107.8681198 107.8681482 107.8681334 107.8681609 ' +
        '107.8681101 107.8681512 107.8681469 107.8681360 107.8681254 107.8681261 107.8681450 107.8681368'
      ).split(' '),
    },
  ],
  certified: {
    dfBetween: 1,
    dfWithin: 46,
    ssBetween: 3.638341875e-9,
    ssWithin: 1.04951729166667e-8,
    msBetween: 3.638341875e-9,
    msWithin: 2.28155932971014e-10,
    f: 1.5946733567793e1,
    rSquared: 2.57426544538321e-1,
  },
};

export const NIST_CASES: readonly NistCase[] = [SIRSTV, ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(smls), ATMWTAG];

/** Exact sums as a DECIMAL query would return them, by bigint arithmetic (shares no code with src). */
export function decimalSums(values: readonly string[]): { n: number; sum: string; sumSquares: string } {
  const scale = Math.max(...values.map((v) => v.split('.')[1]?.length ?? 0));
  const scaled = values.map((v) => {
    const [int = '0', frac = ''] = v.split('.');
    return BigInt(int + frac.padEnd(scale, '0'));
  });
  const sum = scaled.reduce((a, b) => a + b, 0n);
  const sumSquares = scaled.reduce((a, b) => a + b * b, 0n);
  const text = (x: bigint, s: number) => {
    const digits = x.toString().padStart(s + 1, '0');
    return s === 0 ? digits : `${digits.slice(0, -s)}.${digits.slice(-s)}`;
  };
  return { n: values.length, sum: text(sum, scale), sumSquares: text(sumSquares, 2 * scale) };
}

/** Significant digits of agreement: -log10 of the relative error (15.9 when equal). */
export function digitsOfAgreement(actual: number, expected: number): number {
  if (actual === expected) return 15.9;
  return -Math.log10(Math.abs(actual - expected) / Math.abs(expected));
}

import type { Row } from '../warehouse/decode.ts';
import type { ProfiledColumn } from './profile-source.ts';
import type { ColumnProfile } from './types.ts';

/** The parts Spearman adds to the table-figures aggregate over `src` (see {@link spearmanSql}). */
export interface SpearmanSql {
  /** CTEs (comma-separated, to follow `src`), empty without pairs. */
  readonly ctes: string;
  /** Joins after `from src`. */
  readonly joins: string;
  /** Select items: the sums of each pair, named `spearman_<stat>_<a>_<b>`. */
  readonly items: readonly string[];
}

const SUMS = ['n', 'a', 'b', 'aa', 'bb', 'ab'] as const;

/**
 * Spearman's rho as the Pearson correlation of average ranks on pairwise complete rows, from
 * exact integer sums. Ranks of a pair's columns depend on which rows both have, so pairs are
 * grouped by the set of their columns that have missing (or non-finite) values, and each set
 * ranks over the rows where those columns are present. One GROUP BY per numeric column counts its
 * rows per value for every set it is ranked in (a window over the distinct values gives the
 * ranks, doubled to be whole: 2 (rows below) + ties + 1); each column's ranks are joined back to
 * the rows once, and the one aggregate scan sums, per pair over its rows, N, sum A, sum B, sum A^2,
 * sum B^2 and sum AB of the doubled ranks A, B as BIGINT products into HUGEINT sums: exact
 * (below 1.5e9 rows), so rho depends neither on summation order nor on threads
 * ({@link spearmanFromSums}).
 */
export function spearmanSql(
  numeric: readonly ProfiledColumn[],
  profiles: readonly ColumnProfile[],
): SpearmanSql {
  const incomplete = (c: ProfiledColumn) => {
    const p = profiles[c.index];
    return p?.kind === 'numeric' && (p.missing > 0 || (p.nonFinite ?? 0) > 0);
  };
  const sets = new Map<string, { condition: string; pairs: [ProfiledColumn, ProfiledColumn][] }>();
  numeric.forEach((a, k) => {
    for (const b of numeric.slice(k + 1)) {
      const needed = [a, b].filter(incomplete);
      const key = needed.map((c) => c.index).join(',');
      const set = sets.get(key) ?? {
        condition: needed.map((c) => `${c.value} is not null`).join(' and ') || 'true',
        pairs: [],
      };
      set.pairs.push([a, b]);
      sets.set(key, set);
    }
  });
  const ranked = numeric
    .map((c) => ({
      c,
      sets: [...sets.values()].map((s, j) => ({ ...s, j })).filter((s) => s.pairs.flat().includes(c)),
    }))
    .filter((r) => r.sets.length > 0);
  const ctes = ranked.map(({ c, sets: its }) => {
    const counts = its.map((s) => `count(*) filter (where ${s.condition}) as n${s.j}`).join(', ');
    const ranks = its
      .map((s) => `(2 * sum(n${s.j}) over w - n${s.j} + 1)::bigint as rank${c.index}_${s.j}`)
      .join(', ');
    return `spearman_rank${c.index} as (select ${c.value}, ${ranks}
  from (select ${c.value}, ${counts} from src where ${c.value} is not null group by ${c.value}) window w as (order by ${c.value}))`;
  });
  const items = [...sets.values()].flatMap((s, j) =>
    s.pairs.flatMap(([a, b]) => {
      const [x, y] = [`rank${a.index}_${j}`, `rank${b.index}_${j}`];
      const filter = `filter (where ${a.value} is not null and ${b.value} is not null and ${s.condition})`;
      const sums = { a: x, b: y, aa: `${x} * ${x}`, bb: `${y} * ${y}`, ab: `${x} * ${y}` };
      const name = (k: string) => `spearman_${k}_${a.index}_${b.index}`;
      return [
        `(count(*) ${filter})::varchar as ${name('n')}`,
        ...Object.entries(sums).map(([k, sum]) => `(sum(${sum}) ${filter})::varchar as ${name(k)}`),
      ];
    }),
  );
  return {
    ctes: ctes.join(', '),
    joins: ranked.map(({ c }) => `left join spearman_rank${c.index} using (${c.value})`).join(' '),
    items,
  };
}

/**
 * Rho of one pair from its sums (as text) in a result row: the Pearson correlation
 * (N sAB - sA sB) / sqrt((N sAA - sA^2)(N sBB - sB^2)), numerator and denominator exact in BigInt,
 * one rounding to double (within 1e-15 relative). `null` below 2 rows or when either column's
 * ranks are all equal.
 */
export function spearmanFromSums(row: Row, a: number, b: number): number | null {
  const text = SUMS.map((k) => row[`spearman_${k}_${a}_${b}`]);
  if (!text.every((t) => typeof t === 'string')) return null;
  const [n, sa, sb, saa, sbb, sab] = (text as string[]).map((t) => BigInt(t)) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  if (n < 2n) return null;
  const cov = n * sab - sa * sb;
  const va = n * saa - sa * sa;
  const vb = n * sbb - sb * sb;
  if (va <= 0n || vb <= 0n) return null;
  const rho = Math.min(1, Math.sqrt(ratio(cov * cov, va * vb)));
  return cov < 0n ? -rho : rho;
}

/** p / q (both positive) as the nearest double, through a quotient of at least 64 significant bits. */
function ratio(p: bigint, q: bigint): number {
  const shift = Math.max(0, q.toString(2).length - p.toString(2).length + 64);
  return Number((p << BigInt(shift)) / q) / 2 ** shift;
}

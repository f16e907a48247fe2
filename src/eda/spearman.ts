import type { Row } from '../warehouse/decode.ts';
import type { ProfiledColumn } from './profile-source.ts';
import type { ColumnProfile } from './types.ts';

/** The result aliases of one pair's sums (see {@link spearmanSql}). */
export interface SpearmanSums {
  /** Rows of the pair's set. */
  readonly n: string;
  /** Sum of A^2, of B^2, of AB over those rows (A, B the doubled average ranks). */
  readonly aa: string;
  readonly bb: string;
  readonly ab: string;
}

/** The parts Spearman adds to the table-figures aggregate over `src` (see {@link spearmanSql}). */
export interface SpearmanSql {
  /** CTEs (comma-separated, to follow `src`), empty without pairs. */
  readonly ctes: string;
  /** Joins after `from src`. */
  readonly joins: string;
  /** Select items, each sum as text (HUGEINT). */
  readonly items: readonly string[];
  /** The aliases of each pair's sums, keyed `<a>_<b>` (column indexes, a < b). */
  readonly pairs: ReadonlyMap<string, SpearmanSums>;
}

/**
 * Spearman's rho as the Pearson correlation of average ranks on pairwise complete rows, from
 * exact integer sums. Ranks of a pair's columns depend on which rows both have, so pairs are
 * grouped into sets by their columns that have missing (or non-finite) values, and each set ranks
 * over the rows where those columns are present (the others have no gaps). One GROUP BY per
 * numeric column counts its rows per value for every set it is ranked in; a window over the
 * distinct values gives its average ranks, doubled to be whole (2 (rows below) + ties + 1), and
 * each column's ranks are joined back to the rows once. The one aggregate scan then sums, per set,
 * its rows N, per column of the set the squared ranks, and per pair the products: BIGINT products
 * into HUGEINT sums, exact below 1.5e9 rows, so rho depends neither on summation order nor on
 * threads ({@link spearmanFromSums}). The sum of a set's ranks needs no scan: N (N + 1).
 */
export function spearmanSql(
  numeric: readonly ProfiledColumn[],
  profiles: readonly ColumnProfile[],
): SpearmanSql {
  const incomplete = (c: ProfiledColumn) => {
    const p = profiles[c.index];
    return p?.kind === 'numeric' && (p.missing > 0 || (p.nonFinite ?? 0) > 0);
  };
  const byKey = new Map<string, [ProfiledColumn, ProfiledColumn][]>();
  numeric.forEach((a, k) => {
    for (const b of numeric.slice(k + 1)) {
      const key = [a, b]
        .filter(incomplete)
        .map((c) => c.index)
        .join(',');
      byKey.set(key, [...(byKey.get(key) ?? []), [a, b]]);
    }
  });
  const sets = [...byKey.values()].map((pairs, j) => {
    const columns = [...new Map(pairs.flat().map((c) => [c.index, c])).values()];
    const needed = columns.filter(incomplete).map((c) => `${c.value} is not null`);
    return { j, pairs, columns, condition: needed.length === 0 ? null : needed.join(' and ') };
  });
  const rank = (c: ProfiledColumn, j: number) => `spearman_rank${c.index}_${j}`;
  const ranked = numeric
    .map((c) => ({ c, sets: sets.filter((s) => s.columns.includes(c)) }))
    .filter((r) => r.sets.length > 0);
  const ctes = ranked.map(({ c, sets: its }) => {
    const counts = its.map(
      (s) => `count(*)${s.condition ? ` filter (where ${s.condition})` : ''} as n${s.j}`,
    );
    const ranks = its.map((s) => `(2 * sum(n${s.j}) over w - n${s.j} + 1)::bigint as ${rank(c, s.j)}`);
    return `spearman_ranks${c.index} as (select ${c.value}, ${ranks.join(', ')}
  from (select ${c.value}, ${counts.join(', ')} from src where ${c.value} is not null group by ${c.value})
  window w as (order by ${c.value}))`;
  });
  const items: string[] = [];
  const pairs = new Map<string, SpearmanSums>();
  for (const s of sets) {
    const where = s.condition ? ` filter (where ${s.condition})` : '';
    items.push(`count(*)${where} as spearman_n_${s.j}`);
    for (const c of s.columns) {
      items.push(`sum(${rank(c, s.j)} * ${rank(c, s.j)})${where}::varchar as spearman_sq_${c.index}_${s.j}`);
    }
    for (const [a, b] of s.pairs) {
      items.push(
        `sum(${rank(a, s.j)} * ${rank(b, s.j)})${where}::varchar as spearman_ab_${a.index}_${b.index}`,
      );
      pairs.set(`${a.index}_${b.index}`, {
        n: `spearman_n_${s.j}`,
        aa: `spearman_sq_${a.index}_${s.j}`,
        bb: `spearman_sq_${b.index}_${s.j}`,
        ab: `spearman_ab_${a.index}_${b.index}`,
      });
    }
  }
  return {
    ctes: ctes.join(', '),
    joins: ranked.map(({ c }) => `left join spearman_ranks${c.index} using (${c.value})`).join(' '),
    items,
    pairs,
  };
}

/**
 * Rho of one pair from its sums in a result row: the Pearson correlation of the doubled ranks,
 * (N sAB - sA sB) / sqrt((N sAA - sA^2)(N sBB - sB^2)) with sA = sB = N (N + 1), numerator and
 * denominator exact in BigInt, one rounding to double (within 1e-15 relative). `null` below 2
 * rows, or when either column's ranks are all equal.
 */
export function spearmanFromSums(row: Row, sums: SpearmanSums | undefined): number | null {
  if (sums === undefined) return null;
  const n = BigInt(Number(row[sums.n] ?? 0));
  const text = [row[sums.aa], row[sums.bb], row[sums.ab]];
  if (n < 2n || !text.every((t) => typeof t === 'string')) return null;
  const [saa, sbb, sab] = (text as string[]).map((t) => BigInt(t)) as [bigint, bigint, bigint];
  const s = n * (n + 1n);
  const cov = n * sab - s * s;
  const va = n * saa - s * s;
  const vb = n * sbb - s * s;
  if (va <= 0n || vb <= 0n) return null;
  const rho = Math.min(1, Math.sqrt(ratio(cov * cov, va * vb)));
  return cov < 0n ? -rho : rho;
}

/** p / q (both positive) as the nearest double, through a quotient of at least 64 significant bits. */
function ratio(p: bigint, q: bigint): number {
  const shift = Math.max(0, q.toString(2).length - p.toString(2).length + 64);
  return Number((p << BigInt(shift)) / q) / 2 ** shift;
}

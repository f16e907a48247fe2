import { InvalidArgumentError } from '../errors.ts';
import { seasonFeatures } from '../features/seasons.ts';
import { quoteIdentifier, type SqlQuery } from '../warehouse/index.ts';

/**
 * How the groups of a comparison are formed from a table's rows: a column's values, or a season
 * derived from a date column (`quarter`: `Q1`..`Q4`; `month`: `01 Jan`..`12 Dec`, month of year).
 */
export type GroupingSpec =
  | { readonly kind: 'column'; readonly column: string }
  | {
      readonly kind: 'season';
      /** `quarter`, `month` or a season scheme of the time features (`meteorological`, `india`, `retail-us`). */
      readonly scheme: string;
      readonly dateColumn: string;
      readonly dateType?: string;
    };

/** The SQL expression of a row's group (text), from an already resolved column name. */
export function groupExpression(spec: GroupingSpec): string {
  if (spec.kind === 'column') return `cast(${quoteIdentifier(spec.column)} as varchar)`;
  const d = quoteIdentifier(spec.dateColumn);
  if (spec.scheme === 'quarter') return `'Q' || quarter(${d})`;
  if (spec.scheme === 'month') return `strftime(${d}, '%m %b')`;
  // A named scheme: the time features' season of the row's date (northern hemisphere).
  const date = `cast(${d} as date)`;
  const set = seasonFeatures({ date, localTimestamp: null, timeZone: 'UTC', columns: [] }, spec.scheme);
  const column = set.columns.find((c) => c.name === 'season');
  if (column === undefined)
    throw new InvalidArgumentError(`anova: season scheme ${spec.scheme} gives no season`);
  return column.sql;
}

/** What the value column's type allows: exact sums (DECIMAL, integers) or shifted doubles. */
export type ValueArithmetic =
  | { readonly kind: 'decimal'; readonly scale: number }
  | { readonly kind: 'integer' }
  | { readonly kind: 'double' };

/** The arithmetic for a DuckDB type, or an error naming the column when it is not numeric. */
export function valueArithmetic(column: string, type: string): ValueArithmetic {
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(type);
  if (decimal?.[2] !== undefined) return { kind: 'decimal', scale: Number(decimal[2]) };
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(type)) {
    return { kind: 'integer' };
  }
  if (/^(FLOAT|DOUBLE|REAL)$/.test(type)) return { kind: 'double' };
  throw new InvalidArgumentError(
    `anova: --value ${JSON.stringify(column)} is ${type}, not a number; name a numeric column`,
  );
}

/**
 * The rows compared: `g` (group text), `x` (the value) and, for a two-way design, `g2` (the
 * second factor's text); nulls left in for counting.
 */
export function rowsCte(
  tableSql: string,
  spec: GroupingSpec,
  value: string,
  where: string | null,
  second: string | null = null,
): string {
  const g2 = second === null ? '' : `, cast(${quoteIdentifier(second)} as varchar) as g2`;
  return `rows as not materialized (select ${groupExpression(spec)} as g${g2}, ${quoteIdentifier(value)} as x from ${tableSql}${where === null ? '' : ` where (${where}\n)`})`;
}

/**
 * Per cell (g, g2) of a two-way design: values and the same sums as {@link groupSumsQuery}; rows
 * with a missing value or factor are counted apart (`left_out`).
 */
export function cellSumsQuery(rows: string, arithmetic: ValueArithmetic, shift: number | null): SqlQuery {
  const q = groupSumsQuery(rows, arithmetic, shift);
  return {
    ...q,
    sql: q.sql
      .replace(
        'select g, count(x) as n, count(*) - count(x) as nulls,',
        'select g, g2, count(x) as n, count(*) - count(x) as nulls,',
      )
      .replace(
        'group by g\norder by g nulls first',
        'group by g, g2\norder by g nulls first, g2 nulls first',
      ),
  };
}

/**
 * Per group: values, nulls (values missing; rows whose group is missing are counted apart as
 * group NULL), and the sums the one-way family needs. DECIMAL and integer columns give exact
 * sums as decimal text (`sum(x)`, `sum(x * x)` in DECIMAL(38) / HUGEINT); a DOUBLE column gives
 * sums of `x - $shift` as doubles, the shift being the overall mean (a common offset cancels
 * before the sums; every statistic of the family is invariant to a shift).
 */
export function groupSumsQuery(rows: string, arithmetic: ValueArithmetic, shift: number | null): SqlQuery {
  let sums: string;
  if (arithmetic.kind === 'decimal') {
    sums = 'cast(sum(x) as varchar) as s, cast(sum(x * x) as varchar) as q';
  } else if (arithmetic.kind === 'integer') {
    sums =
      'cast(sum(cast(x as hugeint)) as varchar) as s, cast(sum(cast(x as hugeint) * cast(x as hugeint)) as varchar) as q';
  } else {
    sums = 'sum(x - $shift) as s, sum((x - $shift) * (x - $shift)) as q';
  }
  return {
    sql: `with ${rows}
select g, count(x) as n, count(*) - count(x) as nulls, ${sums}
from rows
group by g
order by g nulls first`,
    ...(arithmetic.kind === 'double' ? { params: { shift: shift ?? 0 } } : {}),
  };
}

/** The overall mean of a DOUBLE value column (the shift of its sums), and its non-finite values. */
export function doubleShiftQuery(rows: string): SqlQuery {
  return {
    sql: `with ${rows}
select avg(x) filter (where isfinite(x)) as shift, count(*) filter (where x is not null and not isfinite(x)) as non_finite
from rows where g is not null`,
  };
}

/**
 * Kruskal-Wallis from the rows: average ranks over all groups (ties get the mean of their ranks)
 * from per-value counts, so only distinct values are sorted; per group n and rank sum; and the
 * tie term sum(t^3 - t) over tied values.
 */
export function rankSumsQuery(rows: string): SqlQuery {
  return {
    sql: `with ${rows},
counts as (select g, x, count(*) as n from rows where g is not null and x is not null group by g, x),
ties as (select x, sum(n) as t from counts group by x),
ranks as (select x, t, sum(t) over (order by x rows between unbounded preceding and current row) - t + (t + 1) / 2.0 as avg_rank from ties)
select c.g, sum(c.n) as n, sum(c.n * r.avg_rank) as rank_sum,
       (select sum(cast(t as double) * t * t - t) from ties) as tie_term
from counts c join ranks r on r.x = c.x
group by c.g
order by c.g`,
  };
}

/**
 * Levene and Brown-Forsythe in one scan: per group n, the centres (mean; median, R type 7) and
 * the sums of z = |x - centre| and z^2 for both, as doubles, for a one-way ANOVA on z.
 */
export function spreadSumsQuery(rows: string): SqlQuery {
  return {
    sql: `with ${rows},
centres as (select g, avg(cast(x as double)) as mean, quantile_cont(cast(x as double), 0.5) as median
            from rows where g is not null and x is not null group by g),
z as (select r.g, abs(cast(r.x as double) - c.mean) as zm, abs(cast(r.x as double) - c.median) as zd
      from rows r join centres c on c.g = r.g where r.x is not null)
select z.g, count(*) as n, sum(zm) as s_mean, sum(zm * zm) as q_mean, sum(zd) as s_median, sum(zd * zd) as q_median,
       any_value(c.mean) as mean, any_value(c.median) as median
from z join centres c on c.g = z.g
group by z.g
order by z.g`,
  };
}

/**
 * A double as plain decimal text (no exponent), exact for the double's shortest round-trip
 * representation: `1e-7` → `'0.0000001'`, `-1.5e21` → `'-1500000000000000000000'`.
 *
 * @throws InvalidArgumentError for NaN or an infinity.
 */
export function doubleToDecimalText(x: number): string {
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`doubleToDecimalText: ${x} is not finite`);
  const text = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (m === null) return text;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The rows of a repeated-measures design: `s` (subject), `g` (level) and `x`, nulls left in.
 */
export function subjectRowsCte(
  tableSql: string,
  spec: GroupingSpec,
  value: string,
  subject: string,
  where: string | null,
): string {
  return `rows as not materialized (select cast(${quoteIdentifier(subject)} as varchar) as s, ${groupExpression(spec)} as g, ${quoteIdentifier(value)} as x from ${tableSql}${where === null ? '' : ` where (${where}\n)`})`;
}

/**
 * Subjects complete in every level: one value per subject and level (the mean of its rows), kept
 * only for subjects with a value in each of the levels seen. A CTE chain ending in `c(s, g, v)`.
 */
function completeCells(rows: string): string {
  return `${rows},
cell as (select s, g, avg(cast(x as double)) as v from rows
         where s is not null and g is not null and x is not null group by s, g),
complete as (select s from cell group by s having count(*) = (select count(distinct g) from cell)),
c as not materialized (select cell.s, cell.g, cell.v from cell join complete on complete.s = cell.s)`;
}

/**
 * How many subjects there are, how many appear in more than one level (so observations are not
 * independent), and how many are complete in every level.
 */
export function subjectOverlapQuery(rows: string): SqlQuery {
  return {
    sql: `with ${completeCells(rows)}
select (select count(distinct s) from cell) as subjects,
       (select count(*) from (select s from cell group by s having count(*) > 1)) as repeated,
       (select count(*) from complete) as complete,
       (select count(distinct g) from cell) as levels,
       (select avg(v) from c) as shift`,
  };
}

/** Per level the sum over complete subjects of v - $shift, and the k x k cross products. */
export function repeatedMomentsQuery(rows: string, shift: number): SqlQuery {
  return {
    sql: `with ${completeCells(rows)}
select a.g as ga, b.g as gb, sum((a.v - $shift) * (b.v - $shift)) as cross_product,
       sum(a.v - $shift) filter (where a.g = b.g) as level_sum
from c a join c b on a.s = b.s
group by a.g, b.g
order by a.g, b.g`,
    params: { shift },
  };
}

/**
 * Friedman: within each complete subject the levels ranked by value (ties get the mean of their
 * ranks); per level the rank sum; and the tie term, the sum over subjects of (t^3 - t) over groups
 * of tied values.
 */
export function withinSubjectRanksQuery(rows: string): SqlQuery {
  return {
    sql: `with ${completeCells(rows)},
ranked as (select s, g, v, rank() over (partition by s order by v) + (count(*) over (partition by s, v) - 1) / 2.0 as r from c),
ties as (select count(*) as t from c group by s, v)
select g, sum(r) as rank_sum, (select sum(cast(t as double) * t * t - t) from ties) as tie_term
from ranked group by g order by g`,
  };
}

/** Probabilities of the Q-Q points per group (every 5 %, and 1 % and 99 %). */
export const QQ_PROBS = [
  0.01, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
  0.95, 0.99,
];

/**
 * Per group: n, mean, the central moment sums m2, m3, m4 (sum of (x - mean)^k, from the group mean
 * computed first, so no cancellation) and the Q-Q quantiles (R type 7), as doubles.
 */
export function momentSumsQuery(rows: string): SqlQuery {
  return {
    sql: `with ${rows},
means as (select g, avg(cast(x as double)) as mean from rows where g is not null and x is not null group by g),
d as (select r.g, cast(r.x as double) as x, cast(r.x as double) - m.mean as dev from rows r join means m on m.g = r.g where r.x is not null)
select d.g, count(*) as n, any_value(m.mean) as mean, sum(dev * dev) as m2, sum(dev * dev * dev) as m3,
       sum(dev * dev * dev * dev) as m4, quantile_cont(x, [${QQ_PROBS.join(', ')}]) as quantiles
from d join means m on m.g = d.g
group by d.g
order by d.g`,
  };
}

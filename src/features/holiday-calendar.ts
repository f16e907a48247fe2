import { bigintList, varcharList } from '../warehouse/params.ts';
import type { FeatureSet } from './types.ts';

/** One place's named days (holidays or events) and the years its list is complete in. */
export interface CalendarPlace {
  readonly id: number;
  /** ISO date -> name (several names already joined). */
  readonly days: ReadonlyMap<string, string>;
  /** The years whose list is complete, ascending; days outside them get null features. */
  readonly years: readonly number[];
}

/** Contiguous runs of years: [2019, 2020, 2022] -> [[2019, 2020], [2022, 2022]]. */
export function yearRuns(years: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const y of [...years].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === y - 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs;
}

/**
 * The setup statements of a day calendar: a temporary table `<table>` of
 * (place_id, date, name, days_to_next, days_since_last) with one row per day of the places'
 * complete years between `from` and `to` (other days have no row, so a left join gives null).
 * `name` is '' on days without an entry. The distances are counted in days within a run of
 * complete years (the caller includes the year before `from` and after `to` when complete, so
 * early-January and late-December rows see their neighbours); both are 0 on a named day, and
 * null when no named day is known in that direction. All values are bound as list parameters.
 *
 * Method: the calendar is built once over dates (a window over each place's days), not over
 * the data, so a 10M-row table only pays one hash join on (place, date).
 */
export function calendarSetup(
  table: string,
  places: readonly CalendarPlace[],
  from: number,
  to: number,
): FeatureSet['setup'] {
  const named = places.flatMap((p) => [...p.days].map(([date, name]) => ({ id: p.id, date, name })));
  const runs = places.flatMap((p) =>
    yearRuns(p.years).map(([a, b]) => ({ id: p.id, start: `${a}-01-01`, end: `${b}-12-31` })),
  );
  return [
    {
      sql: `create or replace temp table ${table}_named as
select unnest($place_id)::integer as place_id, unnest($date)::date as date, unnest($name) as name`,
      params: {
        place_id: bigintList(named.map((n) => n.id)),
        date: varcharList(named.map((n) => n.date)),
        name: varcharList(named.map((n) => n.name)),
      },
    },
    {
      sql: `create or replace temp table ${table}_runs as
select unnest($place_id)::integer as place_id, unnest($start_date)::date as start_date, unnest($end_date)::date as end_date`,
      params: {
        place_id: bigintList(runs.map((r) => r.id)),
        start_date: varcharList(runs.map((r) => r.start)),
        end_date: varcharList(runs.map((r) => r.end)),
      },
    },
    {
      sql: `create or replace temp table ${table} as
with days as (
  select place_id, start_date as run_start, cast(unnest(generate_series(start_date, end_date, interval 1 day)) as date) as date
  from ${table}_runs
), marked as (
  select d.place_id, d.run_start, d.date, coalesce(n.name, '') as name, n.date as named_date
  from days d left join ${table}_named n on n.place_id = d.place_id and n.date = d.date
), distances as (
  select place_id, date, name,
    min(named_date) over (partition by place_id, run_start order by date rows between current row and unbounded following) as next_date,
    max(named_date) over (partition by place_id, run_start order by date rows between unbounded preceding and current row) as last_date
  from marked
)
select place_id, date, name,
  cast(date_diff('day', date, next_date) as integer) as days_to_next,
  cast(date_diff('day', last_date, date) as integer) as days_since_last
from distances
where date between $from_date::date and $to_date::date`,
      params: { from_date: `${from}-01-01`, to_date: `${to}-12-31` },
    },
  ];
}

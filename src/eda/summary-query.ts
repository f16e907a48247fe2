import type { Row } from '../warehouse/decode.ts';
import { decimalSumItems } from './decimal-sum.ts';
import type { ProfiledColumn, ProfileScope } from './profile-source.ts';

/**
 * The first scan of a profile: one aggregate query with the simple figures of every column, per
 * group (one row per group, ordered by the group's value, missing first; one row without `by`):
 * rows, non-missing, exact distinct counts of date columns (numeric columns get theirs from the
 * value counts and text and other columns from the top-values query, which group them anyway), zeros, negatives, min, max, exact
 * sum, mean; text lengths and empty strings; date range and days present.
 */
export function summarySql(scope: ProfileScope): string {
  const items = ['g', 'count(*) as n_rows'];
  for (const c of scope.columns) items.push(...columnItems(c));
  return `${scope.cte} select ${items.join(', ')} from src group by g order by min(g_order) nulls first, g nulls first`;
}

function columnItems(c: ProfiledColumn): string[] {
  const { raw: x, value: v, index: i } = c;
  const items = [`count(${x}) as n${i}`];
  switch (c.kind) {
    case 'numeric': {
      items.push(`count(${v}) as finite${i}`);
      items.push(
        `count(*) filter (where ${v} = 0) as zeros${i}`,
        `count(*) filter (where ${v} < 0) as negatives${i}`,
      );
      if (c.decimal !== null) {
        items.push(
          `min(${x}) as min${i}`,
          `max(${x}) as max${i}`,
          ...decimalSumItems(c, `sum${i}`),
          c.decimal.precision <= 18 ? `avg(${x}) as mean${i}` : `avg(${v}) as mean${i}`,
        );
      } else if (c.floating) {
        items.push(
          `min(${v}) as min${i}`,
          `max(${v}) as max${i}`,
          `fsum(${v}) as sum${i}`,
          `fsum(${v}) / count(${v}) as mean${i}`,
        );
      } else {
        items.push(
          `min(${x})::double as min${i}`,
          `max(${x})::double as max${i}`,
          `sum(${x})::double as sum${i}`,
          `avg(${x}) as mean${i}`,
        );
      }
      break;
    }
    case 'text': {
      const s = `${x}::varchar`;
      items.push(
        `min(length(${s})) as length_min${i}`,
        `avg(length(${s})) as length_mean${i}`,
        `max(length(${s})) as length_max${i}`,
      );
      items.push(`count(*) filter (where ${s} = '') as empty${i}`);
      break;
    }
    case 'date':
    case 'timestamp': {
      items.push(`count(distinct ${x}) as distinct${i}`, `min(${x}) as min${i}`, `max(${x}) as max${i}`);
      items.push(
        `count(distinct ${x}::date) as days_present${i}`,
        `date_diff('day', min(${x})::date, max(${x})::date) + 1 as days${i}`,
      );
      break;
    }
    default:
      break;
  }
  return items;
}

/** A number from a result cell, `null` for anything else. */
export function num(row: Row | undefined, key: string): number | null {
  const value = row?.[key];
  return typeof value === 'number' ? value : null;
}

/** A count from a result cell (0 when absent). */
export function count(row: Row | undefined, key: string): number {
  return num(row, key) ?? 0;
}

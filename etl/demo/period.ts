/**
 * The demo's time frame: calendar months of the period, which of them the backfill file covers,
 * which one dips, and how many orders fall on each day.
 */
import { addMonths, firstOfMonthAfter, formatIsoDate, monthKey } from './calendar.ts';
import { dayWeight } from './seasonality.ts';

/** One calendar month of the period (the first and last may be partial). */
export interface PeriodMonth {
  /** `YYYY-MM`. */
  readonly key: string;
  readonly firstDay: number;
  /** Exclusive. */
  readonly endDay: number;
}

/** The days one landing file of an incremental entity covers. */
export interface FilePeriod {
  /** File-name suffix: `0000_backfill` or `YYYY-MM`; byte order equals chronological order. */
  readonly label: string;
  readonly backfill: boolean;
  readonly firstDay: number;
  /** Exclusive; also the export instant (its midnight) that decides the statuses written. */
  readonly endDay: number;
}

/** The whole time frame of a demo landing zone. */
export interface PeriodPlan {
  readonly startDay: number;
  /** Exclusive. */
  readonly endDay: number;
  readonly months: readonly PeriodMonth[];
  /** The months the backfill file covers (the first half, at least one). */
  readonly backfillMonths: number;
  /** `YYYY-MM` of the month whose demand drops by 30 %, or `null` for fewer than 3 months. */
  readonly dipMonth: string | null;
  readonly files: readonly FilePeriod[];
}

/** The label of the backfill file; `0` sorts before any year, so byte order is chronological. */
export const BACKFILL_LABEL = '0000_backfill';

/**
 * Plans the period `[startDay, startDay + months months)`: calendar months, the backfill split
 * (first `max(1, floor(n / 2))` months) and the dip month (the 7th, or the middle one when the
 * period has fewer than 8 months).
 */
export function planPeriod(startDay: number, months: number): PeriodPlan {
  const endDay = addMonths(startDay, months);
  const list: PeriodMonth[] = [];
  for (let first = startDay; first < endDay; ) {
    const next = Math.min(firstOfMonthAfter(first, 1), endDay);
    list.push({ key: monthKey(first), firstDay: first, endDay: next });
    first = next;
  }
  const n = list.length;
  const backfillMonths = Math.max(1, Math.floor(n / 2));
  const dipIndex = n >= 8 ? 6 : n >= 3 ? Math.floor(n / 2) : -1;
  const files: FilePeriod[] = [];
  const lastBackfill = list[backfillMonths - 1] as PeriodMonth;
  files.push({ label: BACKFILL_LABEL, backfill: true, firstDay: startDay, endDay: lastBackfill.endDay });
  for (const m of list.slice(backfillMonths)) {
    files.push({ label: m.key, backfill: false, firstDay: m.firstDay, endDay: m.endDay });
  }
  return { startDay, endDay, months: list, backfillMonths, dipMonth: list[dipIndex]?.key ?? null, files };
}

/** The relative demand of every day of the period, in order. */
export function dailyWeights(plan: PeriodPlan): Float64Array {
  const weights = new Float64Array(plan.endDay - plan.startDay);
  for (const m of plan.months) {
    const dip = m.key === plan.dipMonth;
    for (let d = m.firstDay; d < m.endDay; d++) weights[d - plan.startDay] = dayWeight(d, dip);
  }
  return weights;
}

/**
 * Splits `total` into whole counts proportional to `weights` by rounding the cumulative share,
 * so the counts add up to `total` exactly and each is within one of its exact share.
 *
 * @example allocate(10, [1, 1, 2]) // Int32Array [3, 2, 5] (cumulative 2.5 -> 3, 5 -> 5, 10 -> 10)
 */
export function allocate(total: number, weights: ArrayLike<number>): Int32Array {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] as number;
  const counts = new Int32Array(weights.length);
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i] as number;
    const upTo = i === weights.length - 1 ? total : Math.round((total * cumulative) / sum);
    counts[i] = upTo - given;
    given = upTo;
  }
  return counts;
}

/** `YYYY-MM-DD` of the start and the exclusive end of the period. */
export function periodBounds(plan: PeriodPlan): { readonly start: string; readonly end: string } {
  return { start: formatIsoDate(plan.startDay), end: formatIsoDate(plan.endDay) };
}

import { matchCountry } from './countries.ts';
import { calendarSetup } from './holiday-calendar.ts';
import { readPromotionsFile } from './holiday-promotions.ts';
import { coveredYears, validateYears, type YearRange } from './holiday-table.ts';
import { indiaFestivalDate, indiaProjectedYears, PROJECTION_CAVEAT } from './india-festivals.ts';
import type { FeatureContext, FeatureSet } from './types.ts';

/** Options of {@link commerceEventFeatures}. */
export interface CommerceEventOptions {
  /** Countries the shop sells in; the Diwali sale is included only when absent or containing India. */
  readonly countries?: readonly string[];
  /** A CSV or YAML file of the shop's own promotions (name, start, end). */
  readonly promotionsFile?: string | null;
  /** The calendar years the features cover; other dates get null. */
  readonly years: YearRange;
}

/** Days since 1970-01-01 of a UTC date, and back. */
const toDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;
const fromDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * US Thanksgiving: the fourth Thursday of November (5 U.S.C. 6103(a)).
 *
 * @example thanksgiving(2024) // '2024-11-28'
 */
export function thanksgiving(year: number): string {
  const first = toDay(year, 11, 1);
  const weekday = new Date(first * 86_400_000).getUTCDay(); // 0 Sunday .. 4 Thursday
  return fromDay(first + ((4 - weekday + 7) % 7) + 21);
}

/** Days before Diwali that the "Diwali sale" window covers (Diwali itself excluded). */
export const DIWALI_SALE_DAYS = 10;

/**
 * The commerce events of one year as (date, name) rows: Black Friday (the day after US
 * Thanksgiving), Cyber Monday (the Monday after, Thanksgiving + 4), Singles' Day (11 November)
 * and, when `withDiwali`, the Diwali sale: the {@link DIWALI_SALE_DAYS} days before the
 * sourced Diwali date (gazetted, or for 2027-2030 a projection; null when Diwali is
 * not sourced for the year). Amazon Prime Day is left out: its dates are announced by Amazon
 * each year and follow no rule.
 */
export function commerceEvents(year: number, withDiwali: boolean): { date: string; name: string }[] | null {
  const tg = toDay(...(thanksgiving(year).split('-').map(Number) as [number, number, number]));
  const events = [
    { date: fromDay(tg + 1), name: 'Black Friday' },
    { date: fromDay(tg + 4), name: 'Cyber Monday' },
    { date: `${year}-11-11`, name: "Singles' Day" },
  ];
  if (withDiwali) {
    const diwali = indiaFestivalDate('diwali', year);
    if (diwali === null) return null;
    const day = toDay(...(diwali.date.split('-').map(Number) as [number, number, number]));
    for (let d = day - DIWALI_SALE_DAYS; d < day; d++) events.push({ date: fromDay(d), name: 'Diwali sale' });
  }
  return events;
}

/**
 * Commerce-event features: `commerce_event` (the event names of the day joined with ' / ',
 * '' when none) and `is_commerce_event`, from {@link commerceEvents} and the shop's own
 * promotions file (each promotion's name on every day from start to end). Prime Day is not
 * computable (Amazon sets it each year) and is left out. Features are null for dates outside
 * `years` and, when the Diwali sale is included, in years without a sourced Diwali date (2015-2030
 * are sourced; 2027-2030 projections, marked provisional)
 * (warning `diwali_not_covered`).
 *
 * @throws InvalidArgumentError for a bad year range or an unreadable promotions file.
 * @throws DataContractError listing every bad row of the promotions file.
 * @example commerceEventFeatures(ctx, { countries: ['US'], years: { from: 2024, to: 2024 } }).columns.map((c) => c.name) // ['commerce_event', 'is_commerce_event']
 */
export function commerceEventFeatures(ctx: FeatureContext, options: CommerceEventOptions): FeatureSet {
  validateYears('commerceEventFeatures', options.years);
  const warnings: FeatureSet['warnings'][number][] = [];
  const countries = options.countries ?? [];
  const withDiwali = countries.length === 0 || countries.some((c) => matchCountry(c)?.code === 'IN');
  const all = coveredYears('', options.years);
  const years = withDiwali ? all.filter((y) => indiaFestivalDate('diwali', y) !== null) : all;
  const missing = all.filter((y) => !years.includes(y));
  if (missing.length > 0) {
    warnings.push({
      code: 'diwali_not_covered',
      message: `commerceEventFeatures: no sourced Diwali date for ${missing.join(', ')}; commerce features are null there (pass countries without 'IN' to leave the Diwali sale out)`,
    });
  }
  const projected = withDiwali ? indiaProjectedYears().filter((y) => years.includes(y)) : [];
  if (projected.length > 0) {
    warnings.push({
      code: 'diwali_projected',
      message: `commerceEventFeatures: the Diwali dates for ${projected.join(', ')} ${PROJECTION_CAVEAT}`,
    });
  }
  const days = new Map<string, string>();
  const add = (date: string, name: string): void => {
    const before = days.get(date);
    if (before === undefined) days.set(date, name);
    else if (!before.split(' / ').includes(name)) days.set(date, `${before} / ${name}`);
  };
  for (const year of years) for (const e of commerceEvents(year, withDiwali) ?? []) add(e.date, e.name);
  const promotionsFile = options.promotionsFile ?? null;
  if (promotionsFile !== null) {
    for (const p of readPromotionsFile(promotionsFile)) {
      for (let d = Date.parse(p.start); d <= Date.parse(p.end); d += 86_400_000)
        add(fromDay(d / 86_400_000), p.name);
    }
  }
  return {
    spec: 'commerce-events',
    columns: [
      {
        name: 'commerce_event',
        sql: 'c_cal.name',
        type: 'VARCHAR',
        description: "the commerce events of the day joined with ' / ' ('' when none)",
      },
      {
        name: 'is_commerce_event',
        sql: "c_cal.name <> ''",
        type: 'BOOLEAN',
        description: 'the day has a commerce event or promotion',
      },
    ],
    setup: calendarSetup(
      '_features_commerce',
      [{ id: 0, days, years }],
      options.years.from,
      options.years.to,
    ),
    joins: [`left join _features_commerce c_cal on c_cal.place_id = 0 and c_cal.date = ${ctx.date}`],
    warnings,
  };
}

import { InvalidArgumentError } from '../errors.ts';
import { quoteIdentifier } from '../warehouse/identifiers.ts';
import type { SqlQuery } from '../warehouse/params.ts';
import { bigintList, varcharList } from '../warehouse/params.ts';
import { matchCountry, matchRegion } from './countries.ts';
import { type CalendarPlace, calendarSetup } from './holiday-calendar.ts';
import {
  coveredYears,
  isSupportedCountry,
  publicHolidays,
  validateYears,
  type YearRange,
} from './holiday-table.ts';
import { indiaProjectedYears, PROJECTION_CAVEAT } from './india-festivals.ts';
import type { FeatureContext, FeatureSet } from './types.ts';

/** A distinct (country, region) text pair of the data, as {@link unmatchedCountriesQuery} returns them. */
export interface CountryValue {
  readonly country: string | null;
  readonly region?: string | null;
}

/** Options of {@link holidayFeatures}. */
export interface HolidayFeatureOptions {
  /** Fixed countries for every row (codes or names, e.g. `['IN']`); a day is a holiday when it is one in any of them. */
  readonly countries?: readonly string[];
  /** A column of per-row country text (free text, matched by `matchCountry`). */
  readonly countryColumn?: string | null;
  /** A column of per-row region text (e.g. "Bayern"), used with `countryColumn`. */
  readonly regionColumn?: string | null;
  /** The distinct values of the country (and region) column: the rows of {@link unmatchedCountriesQuery}. Required with `countryColumn`. */
  readonly countryValues?: readonly CountryValue[];
  /** The calendar years the features cover; other dates get null. */
  readonly years: YearRange;
}

type Warning = FeatureSet['warnings'][number];
interface Place {
  readonly id: number;
  readonly sources: readonly { readonly country: string; readonly region: string | null }[];
}

/**
 * The SQL of the distinct country (and region) texts of a table, as `country` and `region`
 * VARCHAR columns (`region` null without a region column). Run it, pass its rows to
 * {@link holidayFeatures} as `countryValues`: they are matched in TS and the unmatched ones
 * reported in the warnings.
 *
 * @example unmatchedCountriesQuery('"orders"', 'ship_country').sql // 'select distinct cast(t."ship_country" as varchar) as country, null::varchar as region from "orders" t'
 */
export function unmatchedCountriesQuery(
  tableSql: string,
  countryColumn: string,
  regionColumn: string | null = null,
): SqlQuery {
  const region =
    regionColumn === null ? 'null::varchar' : `cast(t.${quoteIdentifier(regionColumn)} as varchar)`;
  return {
    sql: `select distinct cast(t.${quoteIdentifier(countryColumn)} as varchar) as country, ${region} as region from ${tableSql} t`,
  };
}

function resolveFixed(countries: readonly string[]): Place {
  const sources = countries.map((text) => {
    const m = matchCountry(text);
    if (m === null || !isSupportedCountry(m.code)) {
      throw new InvalidArgumentError(
        `holidayFeatures: unknown country ${JSON.stringify(text)}; use an ISO 3166 code such as 'US', 'DE' or 'IN'`,
      );
    }
    return { country: m.code, region: m.region };
  });
  return { id: 0, sources };
}

function placeName(p: Place): string {
  return p.sources.map((s) => (s.region === null ? s.country : `${s.country}-${s.region}`)).join(',');
}

function buildPlace(place: Place, years: YearRange, warnings: Warning[]): CalendarPlace {
  const wide = { from: years.from - 1, to: years.to + 1 };
  // A fixed set of countries is complete only where every country's list is.
  let complete = coveredYears('', wide);
  for (const s of place.sources) {
    const own = new Set(coveredYears(s.country, wide));
    complete = complete.filter((y) => own.has(y));
  }
  const missing = coveredYears('', years).filter((y) => !complete.includes(y));
  if (missing.length > 0) {
    warnings.push({
      code: 'india_festivals_not_covered',
      message: `holidayFeatures: Indian festival dates (Diwali, Holi, Id-ul-Fitr, Dussehra) are not sourced for ${missing.join(', ')}; holiday features are null there for ${placeName(place)}`,
    });
  }
  const projected = place.sources.some((s) => s.country === 'IN')
    ? indiaProjectedYears().filter((y) => y >= years.from && y <= years.to && complete.includes(y))
    : [];
  if (projected.length > 0) {
    warnings.push({
      code: 'india_festivals_projected',
      message: `holidayFeatures: Indian festival dates for ${projected.join(', ')} ${PROJECTION_CAVEAT}; for ${placeName(place)}`,
    });
  }
  const days = new Map<string, string>();
  const prefix = place.sources.length > 1;
  for (const s of place.sources) {
    for (const h of publicHolidays(s.country, s.region, wide)) {
      if (!complete.includes(Number(h.date.slice(0, 4)))) continue;
      const name = prefix ? `${s.country}: ${h.name}` : h.name;
      const before = days.get(h.date);
      days.set(h.date, before === undefined ? name : `${before} / ${name}`);
    }
  }
  return { id: place.id, days, years: complete };
}

/**
 * Public-holiday features: `holiday_name` ('' on other days), `is_holiday`,
 * `days_to_next_holiday` and `days_since_last_holiday` (0 on a holiday; counted in days over
 * the holidays of `years` plus one year either side). Holidays are `date-holidays` 3.37, type
 * `public` only, substitute days as "<name> (observed)", with Indian festivals from the sourced
 * table (see `india-festivals.ts`). Either fixed `countries` for all rows, or a per-row
 * `countryColumn` (with an optional `regionColumn`) matched by `matchCountry` over the distinct
 * `countryValues`. Features are null for rows whose country text matches nothing (listed in the
 * `unmatched_country` warning), for dates outside `years`, and for India in years without
 * sourced festival dates (warning `india_festivals_not_covered`).
 *
 * @throws InvalidArgumentError for a bad year range, neither or both of `countries` and
 *   `countryColumn`, an unknown fixed country, or `countryColumn` without `countryValues`.
 * @example holidayFeatures(ctx, { countries: ['US'], years: { from: 2024, to: 2025 } }).columns.map((c) => c.name)
 *   // ['holiday_name', 'is_holiday', 'days_to_next_holiday', 'days_since_last_holiday']
 */
export function holidayFeatures(ctx: FeatureContext, options: HolidayFeatureOptions): FeatureSet {
  validateYears('holidayFeatures', options.years);
  const fixed = options.countries !== undefined && options.countries.length > 0;
  const perRow = options.countryColumn !== undefined && options.countryColumn !== null;
  if (fixed === perRow) {
    throw new InvalidArgumentError(
      "holidayFeatures: give either countries (e.g. ['IN']) or countryColumn, not both or neither",
    );
  }
  const warnings: Warning[] = [];
  const places: Place[] = [];
  const joins: string[] = [];
  const setup: FeatureSet['setup'][number][] = [];
  if (fixed) {
    places.push(resolveFixed(options.countries ?? []));
    joins.push(`left join _features_holidays h_cal on h_cal.place_id = 0 and h_cal.date = ${ctx.date}`);
  } else {
    const values = options.countryValues;
    if (values === undefined) {
      throw new InvalidArgumentError(
        'holidayFeatures: countryColumn needs countryValues: run unmatchedCountriesQuery(table, countryColumn) and pass its rows',
      );
    }
    const keys = matchValues(values, places, warnings);
    setup.push({
      sql: `create or replace temp table _features_holiday_keys as
select unnest($country_text) as country_text, unnest($region_text) as region_text, unnest($place_id)::integer as place_id`,
      params: {
        country_text: varcharList(keys.map((k) => k.country)),
        region_text: varcharList(keys.map((k) => k.region)),
        place_id: bigintList(keys.map((k) => k.place)),
      },
    });
    const country = `cast(t.${quoteIdentifier(options.countryColumn ?? '')} as varchar)`;
    const regionColumn = options.regionColumn ?? null;
    const region =
      regionColumn === null
        ? 'h_key.region_text is null'
        : `h_key.region_text is not distinct from cast(t.${quoteIdentifier(regionColumn)} as varchar)`;
    joins.push(`left join _features_holiday_keys h_key on h_key.country_text = ${country} and ${region}`);
    joins.push(
      `left join _features_holidays h_cal on h_cal.place_id = h_key.place_id and h_cal.date = ${ctx.date}`,
    );
  }
  const calendar = places.map((p) => buildPlace(p, options.years, warnings));
  setup.unshift(...calendarSetup('_features_holidays', calendar, options.years.from, options.years.to));
  return {
    spec: 'holidays',
    columns: [
      {
        name: 'holiday_name',
        sql: 'h_cal.name',
        type: 'VARCHAR',
        description: "the public holiday's name ('' on other days; names joined with ' / ')",
      },
      {
        name: 'is_holiday',
        sql: "h_cal.name <> ''",
        type: 'BOOLEAN',
        description: 'the day is a public holiday',
      },
      {
        name: 'days_to_next_holiday',
        sql: 'h_cal.days_to_next',
        type: 'INTEGER',
        description: 'days until the next public holiday (0 on a holiday)',
      },
      {
        name: 'days_since_last_holiday',
        sql: 'h_cal.days_since_last',
        type: 'INTEGER',
        description: 'days since the last public holiday (0 on a holiday)',
      },
    ],
    setup,
    joins,
    warnings,
  };
}

/** Matches the distinct texts, adds one place per distinct (country, region) and returns the key rows. */
function matchValues(values: readonly CountryValue[], places: Place[], warnings: Warning[]) {
  const byName = new Map<string, number>();
  const keys: { country: string; region: string | null; place: number }[] = [];
  const unmatched: string[] = [];
  const unmatchedRegions: string[] = [];
  for (const v of values) {
    if (v.country === null) continue;
    const m = matchCountry(v.country);
    if (m === null || !isSupportedCountry(m.code)) {
      unmatched.push(v.country);
      continue;
    }
    let region = m.region;
    const regionText = v.region ?? null;
    if (regionText !== null && regionText.trim() !== '') {
      const r = matchRegion(m.code, regionText);
      if (r === null) unmatchedRegions.push(`${v.country} / ${regionText}`);
      else region = r;
    }
    const name = region === null ? m.code : `${m.code}-${region}`;
    let id = byName.get(name);
    if (id === undefined) {
      id = places.length + 1;
      byName.set(name, id);
      places.push({ id, sources: [{ country: m.code, region }] });
    }
    keys.push({ country: v.country, region: regionText, place: id });
  }
  if (unmatched.length > 0) {
    warnings.push({
      code: 'unmatched_country',
      message: `holidayFeatures: ${unmatched.length} country value(s) match no country, their rows get null holiday features: ${unmatched.map((u) => JSON.stringify(u)).join(', ')}`,
    });
  }
  if (unmatchedRegions.length > 0) {
    warnings.push({
      code: 'unmatched_region',
      message: `holidayFeatures: region value(s) not recognised, national holidays used: ${unmatchedRegions.map((u) => JSON.stringify(u)).join(', ')}`,
    });
  }
  return keys;
}

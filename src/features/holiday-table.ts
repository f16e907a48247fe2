import Holidays from 'date-holidays';
import { InvalidArgumentError } from '../errors.ts';
import { INDIA_FESTIVALS, indiaFestivalYears } from './india-festivals.ts';

/** One holiday of one country (and region) on one date. */
export interface HolidayRow {
  readonly country: string;
  /** The region code, or null for the national list. */
  readonly region: string | null;
  /** ISO date `YYYY-MM-DD`. */
  readonly date: string;
  readonly name: string;
}

/** An inclusive range of calendar years. */
export interface YearRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Checks a year range: integers, `from <= to`, within 1900-2100, at most 200 years.
 *
 * @throws InvalidArgumentError naming the bad range.
 */
export function validateYears(fn: string, years: YearRange): void {
  const ok =
    Number.isInteger(years.from) &&
    Number.isInteger(years.to) &&
    years.from <= years.to &&
    years.from >= 1900 &&
    years.to <= 2100;
  if (!ok) {
    throw new InvalidArgumentError(
      `${fn}: years must be integers with 1900 <= from <= to <= 2100, got ${JSON.stringify(years)}`,
    );
  }
}

/** Whether `date-holidays` knows the country (alpha-2 code). */
export function isSupportedCountry(code: string): boolean {
  const countries = new Holidays().getCountries('en');
  return Object.hasOwn(countries, code);
}

/**
 * The years in which a country's holiday list is complete: every year for most countries;
 * for India only the years of the sourced festival table ({@link indiaFestivalYears}).
 */
export function coveredYears(country: string, years: YearRange): number[] {
  const all: number[] = [];
  for (let y = years.from; y <= years.to; y++) all.push(y);
  if (country !== 'IN') return all;
  const sourced = new Set(indiaFestivalYears());
  return all.filter((y) => sourced.has(y));
}

const SUBSTITUTE = / \(substitute day\)$/;

/**
 * The public holidays of a country (and region) in the given years: `date-holidays` 3.37 with
 * type `public` only (bank, school, optional and observance days are left out) and English names
 * where the data has them; substitute days (a holiday moved off a weekend) are kept as
 * "<name> (observed)" beside the holiday itself. For India the sourced festival table is added
 * (Diwali, Holi, Id-ul-Fitr, Dussehra) in the years it covers. Rows are in date order.
 *
 * @throws InvalidArgumentError when `date-holidays` does not know the country or region.
 * @example publicHolidays('US', null, { from: 2021, to: 2021 }).find((h) => h.date === '2021-07-05')?.name // 'Independence Day (observed)'
 */
export function publicHolidays(country: string, region: string | null, years: YearRange): HolidayRow[] {
  const hd =
    region === null
      ? new Holidays(country, { languages: ['en'], types: ['public'] })
      : new Holidays(country, region, { languages: ['en'], types: ['public'] });
  if (
    !isSupportedCountry(country) ||
    (region !== null && !Object.hasOwn(hd.getStates(country) ?? {}, region))
  ) {
    throw new InvalidArgumentError(
      `publicHolidays: date-holidays has no holidays for ${JSON.stringify(region === null ? country : `${country}-${region}`)}`,
    );
  }
  const rows: HolidayRow[] = [];
  for (let year = years.from; year <= years.to; year++) {
    for (const h of hd.getHolidays(year, 'en')) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      if (!date.startsWith(`${year}-`)) continue; // a substitute listed under the neighbouring year
      const name = h.substitute === true ? `${h.name.replace(SUBSTITUTE, '')} (observed)` : h.name;
      rows.push({ country, region, date, name });
    }
  }
  if (country === 'IN') {
    for (const f of INDIA_FESTIVALS) {
      const year = Number(f.date.slice(0, 4));
      if (year >= years.from && year <= years.to) rows.push({ country, region, date: f.date, name: f.name });
    }
  }
  const seen = new Set<string>();
  return rows
    .filter((r) => {
      const key = `${r.date}|${r.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

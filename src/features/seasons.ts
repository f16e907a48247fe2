/**
 * Season features (spec `season:<scheme>`): one VARCHAR column `season`, the season of the row's
 * local month under a scheme (see `season-schemes/*.yaml`), as SQL over `ctx.date`. The
 * hemispheric scheme (`meteorological`) swaps seasons south of the equator, for a fixed country
 * or per row from a country column ({@link isSouthernHemisphere}'s table).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { InvalidArgumentError } from '../errors.ts';
import { quoteIdentifier, quoteLiteral } from '../warehouse/identifiers.ts';
import { isSouthernHemisphere, SOUTHERN_HEMISPHERE_KEYS } from './cal-hemisphere.ts';
import { parseSeasonScheme, type SeasonScheme } from './cal-season-scheme.ts';
import type { FeatureContext, FeatureSet } from './types.ts';

export type { SeasonScheme } from './cal-season-scheme.ts';
export { loadSeasonScheme, MAX_SEASON_SCHEME_BYTES, parseSeasonScheme } from './cal-season-scheme.ts';

/**
 * The shipped season schemes, by name: `meteorological` (DJF winter, MAM spring, JJA summer, SON
 * autumn; swapped in the southern hemisphere), `quarter` (Q1-Q4), `month` (january...december),
 * `india` (the India Meteorological Department's winter Jan-Feb, summer Mar-May, monsoon Jun-Sep,
 * post-monsoon Oct-Dec) and `retail-us` (post-holiday Jan-Feb, spring Mar-Jun, back-to-school
 * Jul-Aug, fall Sep-Oct, holiday Nov-Dec). The ANOVA groups by the same names.
 */
export const SEASON_SCHEMES = ['meteorological', 'quarter', 'month', 'india', 'retail-us'] as const;

/** The name of a shipped season scheme. */
export type SeasonSchemeName = (typeof SEASON_SCHEMES)[number];

const shipped = new Map<string, SeasonScheme>();

/**
 * A shipped scheme by name, or a scheme object (from `loadSeasonScheme`) as it is.
 *
 * @throws InvalidArgumentError for an unknown name, listing the shipped ones.
 */
export function seasonScheme(scheme: string | SeasonScheme): SeasonScheme {
  if (typeof scheme !== 'string') return scheme;
  if (!(SEASON_SCHEMES as readonly string[]).includes(scheme)) {
    throw new InvalidArgumentError(
      `seasonScheme: unknown season scheme ${JSON.stringify(scheme)}; shipped: ${SEASON_SCHEMES.join(', ')} (or load your own file with loadSeasonScheme)`,
    );
  }
  let found = shipped.get(scheme);
  if (found === undefined) {
    const url = new URL(`./season-schemes/${scheme}.yaml`, import.meta.url);
    found = parseSeasonScheme(parse(readFileSync(url, 'utf8')), url.pathname);
    shipped.set(scheme, found);
  }
  return found;
}

/**
 * The season of a month (1-12) under a scheme; `southern` takes the month six months away for a
 * hemispheric scheme and is ignored by the others.
 *
 * @throws InvalidArgumentError for an unknown scheme or a month outside 1-12.
 * @example seasonOfMonth('meteorological', 7) // 'summer'
 * @example seasonOfMonth('meteorological', 7, true) // 'winter'
 */
export function seasonOfMonth(scheme: string | SeasonScheme, month: number, southern = false): string {
  const s = seasonScheme(scheme);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new InvalidArgumentError(`seasonOfMonth: month must be an integer 1-12, got ${month}`);
  }
  const index = southern && s.hemispheric ? (month + 5) % 12 : month - 1;
  return s.byMonth[index] as string;
}

/** Options of {@link seasonFeatures}: at most one of them. */
export interface SeasonFeaturesOptions {
  /** A fixed country (ISO alpha-2 code or English name) deciding the hemisphere; default northern. */
  readonly country?: string | null;
  /** A column of the table holding each row's country; a null country gives a null season. */
  readonly countryColumn?: string | null;
}

function listLiteral(values: readonly string[]): string {
  return `[${values.map(quoteLiteral).join(', ')}]`;
}

/**
 * The season family: column `season` (VARCHAR), the season of the local month of `ctx.date` under
 * `scheme` (a shipped name from {@link SEASON_SCHEMES} or a loaded scheme). For a hemispheric
 * scheme the hemisphere is northern unless `country` names a southern-hemisphere country, or,
 * with `countryColumn`, decided per row (a null country gives null). A null date gives null.
 *
 * @throws InvalidArgumentError for an unknown scheme, both options at once, or a country column
 *   the table lacks (listing its columns).
 * @example seasonFeatures(ctx, 'india').columns[0]?.name // 'season'
 */
export function seasonFeatures(
  ctx: FeatureContext,
  scheme: string | SeasonScheme,
  options: SeasonFeaturesOptions = {},
): FeatureSet {
  const s = seasonScheme(scheme);
  const country = options.country ?? null;
  const countryColumn = options.countryColumn ?? null;
  if (country !== null && countryColumn !== null) {
    throw new InvalidArgumentError('seasonFeatures: give country or countryColumn, not both');
  }
  const month = `month(${ctx.date})`;
  const northern = `${listLiteral(s.byMonth)}[${month}]`;
  const southern = `${listLiteral(s.byMonth)}[((${month} + 5) % 12) + 1]`;
  const warnings: { code: string; message: string }[] = [];
  let sql = northern;
  let hemisphere = 'northern hemisphere';
  if (!s.hemispheric && (country !== null || countryColumn !== null)) {
    warnings.push({
      code: 'hemisphere_ignored',
      message: `season scheme ${s.name} is the same in both hemispheres; the country is not used`,
    });
  } else if (country !== null) {
    if (isSouthernHemisphere(country)) {
      sql = southern;
      hemisphere = `southern hemisphere (${country})`;
    } else {
      hemisphere = `northern hemisphere (${country})`;
    }
  } else if (countryColumn !== null) {
    if (!ctx.columns.some((c) => c.name === countryColumn)) {
      throw new InvalidArgumentError(
        `seasonFeatures: the table has no country column ${JSON.stringify(countryColumn)}; its columns: ${ctx.columns.map((c) => c.name).join(', ')}`,
      );
    }
    const value = `lower(trim(cast(t.${quoteIdentifier(countryColumn)} as varchar)))`;
    sql = `case when ${value} is null then null when ${value} in (${SOUTHERN_HEMISPHERE_KEYS.map(quoteLiteral).join(', ')}) then ${southern} else ${northern} end`;
    hemisphere = `hemisphere of each row's ${countryColumn}`;
  }
  const description = `season of the month under the ${s.name} scheme${s.hemispheric ? `, ${hemisphere}` : ''}`;
  return {
    spec: `season:${s.name}`,
    columns: [{ name: 'season', sql, type: 'VARCHAR', description }],
    setup: [],
    joins: [],
    warnings,
  };
}

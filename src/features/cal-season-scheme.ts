/**
 * Season schemes: which season each calendar month belongs to. A scheme is a YAML or JSON file
 * `{ name, description?, source?, hemispheric?, seasons: { <season>: [months 1-12] } }` in which
 * every month belongs to exactly one season. The shipped schemes live in `season-schemes/`;
 * {@link loadSeasonScheme} reads a user's own.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { InvalidArgumentError } from '../errors.ts';

/** Largest scheme file {@link loadSeasonScheme} reads (64 KiB): a scheme is a dozen lines. */
export const MAX_SEASON_SCHEME_BYTES = 64 * 1024;

/** A validated season scheme. */
export interface SeasonScheme {
  /** The scheme's name, used in the feature spec `season:<name>`. */
  readonly name: string;
  readonly description: string | null;
  /** Where the scheme comes from (a citation), or null. */
  readonly source: string | null;
  /**
   * True when the scheme follows the sun, so that in the southern hemisphere a month takes the
   * season of the month six months away (June is winter there). Only `meteorological` ships so.
   */
  readonly hemispheric: boolean;
  /** Season name to its months (1-12), in the file's order. */
  readonly seasons: Readonly<Record<string, readonly number[]>>;
  /** The season of each month: index 0 is January. */
  readonly byMonth: readonly string[];
}

function fail(origin: string, message: string): never {
  throw new InvalidArgumentError(`loadSeasonScheme: ${origin}: ${message}`);
}

function optionalText(origin: string, record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(origin, `"${key}" must be text, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Validates a parsed scheme (the pure core of {@link loadSeasonScheme}); `origin` names the file
 * in messages.
 *
 * @throws InvalidArgumentError naming the origin and, for a month in several seasons or in none,
 *   the month and the seasons that claim it or that it is missing from.
 */
export function parseSeasonScheme(value: unknown, origin: string): SeasonScheme {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(
      origin,
      `expected a mapping { name, seasons: { <season>: [months 1-12] } }, got ${JSON.stringify(value)}`,
    );
  }
  const record = value as Record<string, unknown>;
  const name = record.name;
  if (typeof name !== 'string' || name.trim() === '')
    fail(origin, `"name" must be non-empty text, got ${JSON.stringify(name)}`);
  const hemispheric = record.hemispheric ?? false;
  if (typeof hemispheric !== 'boolean')
    fail(origin, `"hemispheric" must be true or false, got ${JSON.stringify(hemispheric)}`);
  const seasons = record.seasons;
  if (
    typeof seasons !== 'object' ||
    seasons === null ||
    Array.isArray(seasons) ||
    Object.keys(seasons).length === 0
  ) {
    fail(origin, `"seasons" must map season names to lists of months 1-12, got ${JSON.stringify(seasons)}`);
  }
  const claims: string[][] = Array.from({ length: 12 }, () => []);
  const checked: Record<string, number[]> = {};
  for (const [season, months] of Object.entries(seasons as Record<string, unknown>)) {
    if (season.trim() === '') fail(origin, 'a season name is empty');
    if (!Array.isArray(months))
      fail(origin, `season "${season}" must list months 1-12, got ${JSON.stringify(months)}`);
    for (const month of months) {
      if (!Number.isInteger(month) || month < 1 || month > 12) {
        fail(origin, `season "${season}" lists ${JSON.stringify(month)}, not a month 1-12`);
      }
      claims[month - 1]?.push(season);
    }
    checked[season] = [...(months as number[])];
  }
  const names = Object.keys(checked);
  const byMonth = claims.map((claimants, index) => {
    const month = index + 1;
    if (claimants.length > 1) {
      fail(
        origin,
        `month ${month} belongs to several seasons: ${claimants.map((s) => `"${s}"`).join(', ')}; each month must belong to exactly one`,
      );
    }
    const [season] = claimants;
    if (season === undefined) {
      fail(
        origin,
        `month ${month} belongs to no season (missing from ${names.map((s) => `"${s}"`).join(', ')}); each month must belong to exactly one`,
      );
    }
    return season;
  });
  return {
    name,
    description: optionalText(origin, record, 'description'),
    source: optionalText(origin, record, 'source'),
    hemispheric,
    seasons: checked,
    byMonth,
  };
}

/**
 * Reads a user's season scheme from a YAML or JSON file (JSON is read as YAML) of at most
 * {@link MAX_SEASON_SCHEME_BYTES}, and validates it with {@link parseSeasonScheme}.
 *
 * @throws InvalidArgumentError naming the file when it cannot be read, is too big, is not YAML or
 *   JSON, or breaks the scheme's shape (a month in two seasons or in none, naming the month).
 * @example loadSeasonScheme('schemes/ski-shop.yaml').byMonth[0] // 'winter'
 */
export function loadSeasonScheme(path: string): SeasonScheme {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SEASON_SCHEME_BYTES) {
      fail(
        path,
        `the file is ${size} bytes; a season scheme may be at most ${MAX_SEASON_SCHEME_BYTES} bytes`,
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    fail(path, `cannot read the file (${error instanceof Error ? error.message : String(error)})`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    fail(
      path,
      `not valid YAML or JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  return parseSeasonScheme(value, path);
}

/**
 * Options of the demo generator and their validation.
 */
import { InvalidArgumentError } from '../../src/errors.ts';
import { parseIsoDate } from './calendar.ts';

/** What to generate. */
export interface DemoOptions {
  /** Folder to write the landing files into; created if missing, must hold no landing files yet. */
  readonly outDir: string;
  /** Number of distinct orders, of any status (1 to 50,000,000). */
  readonly orders: number;
  /** Seed of every random choice: the same options give byte-identical files. A safe integer. */
  readonly seed: number;
  /** Plant defective rows, orphan lines and bad birth dates. Default `true`. */
  readonly defects?: boolean;
  /** First day of the period, `YYYY-MM-DD` (years 1900 to 9000). Default `'2025-01-01'`. */
  readonly startDate?: string;
  /** Length of the period in calendar months (1 to 120). Default `12`. */
  readonly months?: number;
}

/** The options with every default filled in, as recorded in the result. */
export interface ResolvedDemoOptions {
  readonly outDir: string;
  readonly orders: number;
  readonly seed: number;
  readonly defects: boolean;
  readonly startDate: string;
  readonly months: number;
}

/** The largest number of orders: order ids have eight digits, and a few are kept for orphans. */
export const MAX_DEMO_ORDERS = 50_000_000;
/** The longest period, in months. */
export const MAX_DEMO_MONTHS = 120;

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * Validates demo options and fills in the defaults.
 *
 * @throws {InvalidArgumentError} when an option is missing, of the wrong type or out of range;
 *   the message starts with `generateDemo:` and shows the bad value.
 * @example resolveDemoOptions({ outDir: 'landing', orders: 10, seed: 1 }).months // 12
 */
export function resolveDemoOptions(options: DemoOptions): ResolvedDemoOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(`generateDemo: options must be an object, got ${show(options)}`);
  }
  const { outDir, orders, seed, defects = true, startDate = '2025-01-01', months = 12 } = options;
  if (typeof outDir !== 'string' || outDir.trim() === '') {
    throw new InvalidArgumentError(`generateDemo: outDir must be a non-empty path, got ${show(outDir)}`);
  }
  if (!Number.isSafeInteger(orders) || orders < 1 || orders > MAX_DEMO_ORDERS) {
    throw new InvalidArgumentError(
      `generateDemo: orders must be an integer from 1 to ${MAX_DEMO_ORDERS}, got ${show(orders)}`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(`generateDemo: seed must be a safe integer, got ${show(seed)}`);
  }
  if (typeof defects !== 'boolean') {
    throw new InvalidArgumentError(`generateDemo: defects must be true or false, got ${show(defects)}`);
  }
  const start = typeof startDate === 'string' ? parseIsoDate(startDate) : null;
  if (start === null || startDate < '1900-01-01' || startDate > '9000-12-31') {
    throw new InvalidArgumentError(
      `generateDemo: startDate must be a real date YYYY-MM-DD from 1900 to 9000, got ${show(startDate)}`,
    );
  }
  if (!Number.isSafeInteger(months) || months < 1 || months > MAX_DEMO_MONTHS) {
    throw new InvalidArgumentError(
      `generateDemo: months must be an integer from 1 to ${MAX_DEMO_MONTHS}, got ${show(months)}`,
    );
  }
  return { outDir, orders, seed, defects, startDate, months };
}

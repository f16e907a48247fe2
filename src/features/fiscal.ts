/**
 * Fiscal-calendar features (spec `fiscal:<startMonth>`, or `fiscal:<startMonth>:start` when the
 * year is named by its start): a fiscal year of twelve calendar months starting on the first day
 * of `startMonth`, as SQL over `ctx.date`, and {@link fiscalOf}, its TypeScript twin.
 */
import { InvalidArgumentError } from '../errors.ts';
import { parseIsoDate } from './cal-date.ts';
import type { FeatureContext, FeatureSet } from './types.ts';

/** Options of {@link fiscalFeatures}. */
export interface FiscalOptions {
  /** The calendar month (1-12) the fiscal year starts in, on its first day. */
  readonly startMonth: number;
  /**
   * How a fiscal year is named: `'end'` (default) by the calendar year in which it ends (a year
   * starting on 1 July 2023 is fiscal 2024, as the US federal government and Microsoft name
   * theirs), `'start'` by the calendar year in which it starts (fiscal 2023). The same for a
   * year starting in January.
   */
  readonly naming?: 'end' | 'start';
}

/** The fiscal parts of one date. */
export interface FiscalParts {
  readonly fiscal_year: number;
  readonly fiscal_quarter: number;
  readonly fiscal_month: number;
}

function checkOptions(
  caller: string,
  options: FiscalOptions,
): { startMonth: number; naming: 'end' | 'start' } {
  const { startMonth } = options;
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new InvalidArgumentError(`${caller}: startMonth must be an integer 1-12, got ${startMonth}`);
  }
  const naming = options.naming ?? 'end';
  if (naming !== 'end' && naming !== 'start') {
    throw new InvalidArgumentError(
      `${caller}: naming must be 'end' or 'start', got ${JSON.stringify(naming)}`,
    );
  }
  return { startMonth, naming };
}

/**
 * The fiscal family: `fiscal_year` (named by the calendar year in which it ends unless
 * `naming: 'start'`), `fiscal_quarter` (1-4, three fiscal months each) and `fiscal_month` (1-12,
 * 1 = `startMonth`), all INTEGER; a null date gives nulls. No setup or joins.
 *
 * @throws InvalidArgumentError for a start month outside 1-12 or an unknown naming.
 * @example fiscalFeatures(ctx, { startMonth: 7 }).spec // 'fiscal:7'; 2023-07-01 is fiscal 2024, Q1, month 1
 */
export function fiscalFeatures(ctx: FeatureContext, options: FiscalOptions): FeatureSet {
  const { startMonth, naming } = checkOptions('fiscalFeatures', options);
  const d = `(${ctx.date})`;
  const fiscalMonth = `((month(${d}) - ${startMonth} + 12) % 12 + 1)`;
  const yearShift =
    naming === 'end'
      ? `(case when ${startMonth} > 1 and month(${d}) >= ${startMonth} then 1 else 0 end)`
      : `(case when month(${d}) < ${startMonth} then -1 else 0 end)`;
  const named =
    naming === 'end' ? 'the calendar year in which it ends' : 'the calendar year in which it starts';
  return {
    spec: naming === 'end' ? `fiscal:${startMonth}` : `fiscal:${startMonth}:start`,
    columns: [
      {
        name: 'fiscal_year',
        sql: `cast(year(${d}) + ${yearShift} as integer)`,
        type: 'INTEGER',
        description: `fiscal year starting in month ${startMonth}, named by ${named}`,
      },
      {
        name: 'fiscal_quarter',
        sql: `cast((${fiscalMonth} - 1) // 3 + 1 as integer)`,
        type: 'INTEGER',
        description: 'fiscal quarter, 1-4',
      },
      {
        name: 'fiscal_month',
        sql: `cast(${fiscalMonth} as integer)`,
        type: 'INTEGER',
        description: `fiscal month, 1-12 (1 = calendar month ${startMonth})`,
      },
    ],
    setup: [],
    joins: [],
    warnings: [],
  };
}

/**
 * The fiscal parts of one `YYYY-MM-DD` date, the TypeScript twin of {@link fiscalFeatures}.
 *
 * @throws InvalidArgumentError for a bad date or options.
 * @example fiscalOf('2023-07-01', { startMonth: 7 }) // { fiscal_year: 2024, fiscal_quarter: 1, fiscal_month: 1 }
 */
export function fiscalOf(date: string, options: FiscalOptions): FiscalParts {
  const { startMonth, naming } = checkOptions('fiscalOf', options);
  const { year, month } = parseIsoDate('fiscalOf', date);
  const fiscalMonth = ((month - startMonth + 12) % 12) + 1;
  const shift =
    naming === 'end' ? (startMonth > 1 && month >= startMonth ? 1 : 0) : month < startMonth ? -1 : 0;
  return {
    fiscal_year: year + shift,
    fiscal_quarter: Math.floor((fiscalMonth - 1) / 3) + 1,
    fiscal_month: fiscalMonth,
  };
}

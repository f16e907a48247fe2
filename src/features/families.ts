import { InvalidArgumentError } from '../errors.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { calendarFeatures } from './calendar.ts';
import { commerceEventFeatures } from './commerce-events.ts';
import { customerFeatures } from './customer-features.ts';
import { fiscalFeatures } from './fiscal.ts';
import { holidayFeatures, unmatchedCountriesQuery } from './holidays.ts';
import { retailFeatures } from './retail-calendar.ts';
import { loadSeasonScheme, seasonFeatures } from './seasons.ts';
import type { FeatureContext, FeatureSet } from './types.ts';
import { parseWindowSpec, windowFeatures } from './windows.ts';

/** Options that some families read. */
export interface FeatureFamilyOptions {
  /** A column holding each row's country as free text (holidays, meteorological seasons). */
  readonly countryColumn?: string;
  /** A column holding each row's region (holidays of a state or province). */
  readonly regionColumn?: string;
  /** Window features, e.g. `sum:revenue:7d@customer_id` (see `parseWindowSpec`). */
  readonly windows?: readonly string[];
  /** Window features never see the current or a later row (no leakage); `lead` is refused. */
  readonly training?: boolean;
  /** The customer column: adds tenure, first / last order date, order index, days since previous. */
  readonly customer?: string;
  /** The value column of customer features (monetary). */
  readonly value?: string;
  /** A promotions file (name, start, end) for the commerce events. */
  readonly promotionsFile?: string;
}

/** The families `--add` accepts, for messages. */
export const FEATURE_FAMILIES =
  'calendar, season:<meteorological|quarter|month|india|retail-us|file.yaml>, fiscal:<first month 1-12>, retail:<nrf|445|454|544>, holidays:<CC>[+<CC>] or holidays:column, events';

/** The data's years, per feature context: holidays and events share one scan of the dates. */
const yearsOf = new WeakMap<FeatureContext, Promise<{ from: number; to: number }>>();

function years(wh: Warehouse, ctx: FeatureContext, table: string): Promise<{ from: number; to: number }> {
  let span = yearsOf.get(ctx);
  if (span === undefined) {
    span = scanYears(wh, ctx, table);
    yearsOf.set(ctx, span);
  }
  return span;
}

async function scanYears(
  wh: Warehouse,
  ctx: FeatureContext,
  table: string,
): Promise<{ from: number; to: number }> {
  const r = await wh.one<{ a: number | null; b: number | null }>(
    `select year(min(${ctx.date})) as a, year(max(${ctx.date})) as b from ${table} t`,
  );
  const now = new Date().getUTCFullYear();
  return { from: (r?.a ?? now) - 1, to: (r?.b ?? now) + 1 };
}

/**
 * One feature family from its `--add` spec; with `spec` null, the window and customer features of
 * the options (empty when none are asked for).
 *
 * @throws InvalidArgumentError for a spec that names no family, listing the families.
 */
export async function familyFor(
  wh: Warehouse,
  ctx: FeatureContext,
  spec: string | null,
  options: FeatureFamilyOptions & { readonly table: string },
): Promise<FeatureSet> {
  const table = (await wh.resolveTable(options.table)).sql;
  const column = async (name: string | undefined) =>
    name === undefined ? null : (await wh.resolveColumn(options.table, name)).name;
  if (spec === null) {
    const sets: FeatureSet[] = [];
    if ((options.windows ?? []).length > 0) {
      sets.push(
        windowFeatures(ctx, (options.windows ?? []).map(parseWindowSpec), {
          training: options.training === true,
        }),
      );
    }
    if (options.customer !== undefined) {
      const customer = (await column(options.customer)) as string;
      const value = await column(options.value);
      sets.push(customerFeatures(ctx, { customer, ...(value === null ? {} : { value }) }));
    }
    return {
      spec: sets.map((s) => s.spec).join(', '),
      columns: sets.flatMap((s) => s.columns),
      setup: sets.flatMap((s) => s.setup),
      joins: sets.flatMap((s) => s.joins),
      warnings: sets.flatMap((s) => s.warnings),
    };
  }
  const [family = '', arg] = spec.split(/:(.*)/s);
  switch (family.trim().toLowerCase()) {
    case 'calendar':
      return calendarFeatures(ctx);
    case 'season': {
      // A user's scheme file by its path (.yaml, .yml or .json), else a shipped scheme's name.
      const scheme = /\.(ya?ml|json)$/i.test(arg ?? '') ? loadSeasonScheme(arg ?? '') : (arg ?? '');
      return seasonFeatures(ctx, scheme, { countryColumn: await column(options.countryColumn) });
    }
    case 'fiscal': {
      const month = Number(arg);
      if (!Number.isInteger(month) || month < 1 || month > 12) {
        throw new InvalidArgumentError(
          `features: fiscal:<first month> takes 1 to 12, got ${JSON.stringify(arg)}`,
        );
      }
      return fiscalFeatures(ctx, { startMonth: month });
    }
    case 'retail': {
      const pattern = ({ nrf: '454', '445': '445', '454': '454', '544': '544' } as const)[
        (arg ?? '').toLowerCase() as 'nrf' | '445' | '454' | '544'
      ];
      if (pattern === undefined) {
        throw new InvalidArgumentError(
          `features: retail:<calendar> takes nrf, 445, 454 or 544, got ${JSON.stringify(arg)}`,
        );
      }
      return retailFeatures(ctx, { pattern });
    }
    case 'holidays': {
      const span = await years(wh, ctx, table);
      if (arg === undefined || arg === '' || arg.toLowerCase() === 'column') {
        const countryColumn = await column(options.countryColumn);
        if (countryColumn === null) {
          throw new InvalidArgumentError(
            'features: holidays without a country code needs --country-column COLUMN',
          );
        }
        const regionColumn = await column(options.regionColumn);
        const countryValues = await wh.all<{ country: string | null; region: string | null }>(
          unmatchedCountriesQuery(table, countryColumn, regionColumn),
        );
        return holidayFeatures(ctx, { countryColumn, regionColumn, countryValues, years: span });
      }
      return holidayFeatures(ctx, { countries: arg.split('+').map((c) => c.trim()), years: span });
    }
    case 'events': {
      const span = await years(wh, ctx, table);
      return commerceEventFeatures(ctx, {
        ...(arg === undefined || arg === '' ? {} : { countries: arg.split('+').map((c) => c.trim()) }),
        promotionsFile: options.promotionsFile ?? null,
        years: span,
      });
    }
    default:
      throw new InvalidArgumentError(
        `features: unknown family ${JSON.stringify(spec)}; use ${FEATURE_FAMILIES}`,
      );
  }
}

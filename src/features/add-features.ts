import { InvalidArgumentError, WarehouseError } from '../errors.ts';
import {
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
  validateIdentifier,
  type Warehouse,
} from '../warehouse/index.ts';
import { type FeatureFamilyOptions, familyFor } from './families.ts';
import type { FeatureContext, FeatureSet } from './types.ts';

/** What to add to which table. */
export interface AddFeaturesOptions extends FeatureFamilyOptions {
  /** The table or view (or an attached file's view) the features are added to. */
  readonly table: string;
  /** Its DATE, TIMESTAMP or TIMESTAMP WITH TIME ZONE column. */
  readonly date: string;
  /** Families: `calendar`, `season:<scheme>`, `fiscal:<start month>`, `retail:nrf|445|454|544`, `holidays:<CC>[+<CC>]`, `events`. */
  readonly add: readonly string[];
  /** The zone dates are taken in; default: the warehouse's reporting zone (UTC for a file). */
  readonly timeZone?: string;
}

/** The result of `addFeatures`: the families and columns added, and where they went. */
export interface AddFeaturesResult {
  readonly kind: 'features';
  readonly source: string;
  readonly date: { readonly column: string; readonly type: string; readonly timeZone: string };
  readonly families: readonly {
    readonly spec: string;
    readonly columns: readonly {
      readonly name: string;
      readonly type: string;
      readonly description: string;
    }[];
  }[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

/** The reporting zone of a warehouse built by `shopstat etl` (its last run's), else UTC. */
export async function warehouseTimeZone(wh: Warehouse): Promise<string> {
  try {
    const zone = await wh.scalar(
      "select time_zone from meta.runs where status in ('ok', 'partial', 'nothing_new') order by started_at desc limit 1",
    );
    return typeof zone === 'string' && zone !== '' ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The date and local-time expressions of a column, by its type, in a zone. */
function dateExpressions(
  column: string,
  type: string,
  zone: string,
): Pick<FeatureContext, 'date' | 'localTimestamp'> {
  const c = `t.${quoteIdentifier(column)}`;
  if (type === 'DATE') return { date: c, localTimestamp: null };
  if (type === 'TIMESTAMP WITH TIME ZONE') {
    const local = `timezone(${quoteLiteral(zone)}, ${c})`;
    return { date: `cast(${local} as date)`, localTimestamp: local };
  }
  if (/^TIMESTAMP/.test(type))
    return { date: `cast(${c} as date)`, localTimestamp: `cast(${c} as timestamp)` };
  throw new InvalidArgumentError(
    `features: --date ${JSON.stringify(column)} is ${type}, not a DATE or TIMESTAMP column`,
  );
}

/**
 * Builds the families and the one select that adds their columns to the table's rows:
 * `select t.*, <feature columns> from <table> t <joins>`, after the families' setup statements
 * (temporary tables of holiday dates and the like) have run on this connection.
 */
export async function featureSelect(
  wh: Warehouse,
  options: AddFeaturesOptions,
): Promise<{ sql: string; result: AddFeaturesResult }> {
  const resolved = await wh.resolveTable(options.table);
  const date = await wh.resolveColumn(options.table, options.date);
  const timeZone = options.timeZone ?? (await warehouseTimeZone(wh));
  const ctx: FeatureContext = {
    ...dateExpressions(date.name, date.type, timeZone),
    timeZone,
    columns: resolved.columns,
  };
  if (options.add.length === 0 && (options.windows ?? []).length === 0 && options.customer === undefined) {
    throw new InvalidArgumentError(
      'features: name at least one family with --add (e.g. calendar), or --window / --customer',
    );
  }
  const sets: FeatureSet[] = [];
  for (const spec of options.add) sets.push(await familyFor(wh, ctx, spec, options));
  sets.push(...(await familyFor(wh, ctx, null, options).then((s) => (s.columns.length > 0 ? [s] : []))));
  const taken = new Set(resolved.columns.map((c) => c.name.toLowerCase()));
  for (const s of sets) {
    for (const c of s.columns) {
      validateIdentifier(c.name);
      if (taken.has(c.name.toLowerCase())) {
        throw new InvalidArgumentError(
          `features: column ${JSON.stringify(c.name)} (from ${s.spec}) is already in ${resolved.sql}; add it once`,
        );
      }
      taken.add(c.name.toLowerCase());
    }
    for (const q of s.setup) await wh.run(q.sql, q.params as never);
  }
  const columns = sets.flatMap((s) => s.columns.map((c) => `${c.sql} as ${quoteIdentifier(c.name)}`));
  const sql = `select t.*, ${columns.join(', ')} from ${resolved.sql} t ${sets.flatMap((s) => s.joins).join(' ')}`;
  return {
    sql,
    result: {
      kind: 'features',
      source: resolved.sql,
      date: { column: date.name, type: date.type, timeZone },
      families: sets.map((s) => ({
        spec: s.spec,
        columns: s.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
      })),
      warnings: sets.flatMap((s) => s.warnings),
    },
  };
}

/** `schema.table` as typed for `--into`, validated. */
export function parseTableName(text: string): { schema: string; table: string } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(text.trim());
  if (m?.[1] === undefined || m[2] === undefined) {
    throw new InvalidArgumentError(
      `features: --into takes schema.table with letters, digits and underscores (e.g. features.daily_sales), got ${JSON.stringify(text)}`,
    );
  }
  if (['bronze', 'silver', 'gold', 'quarantine', 'meta'].includes(m[1].toLowerCase())) {
    throw new InvalidArgumentError(
      `features: --into ${text}: the ${m[1]} schema belongs to the ETL; write features to another schema (e.g. features.${m[2]})`,
    );
  }
  return { schema: m[1], table: m[2] };
}

/**
 * Writes the features into a warehouse table (replaced if it exists), in one transaction, and
 * records its definition in `meta.feature_tables` so that `shopstat etl` rebuilds it after each
 * load that changes gold.
 */
export async function addFeaturesInto(
  wh: Warehouse,
  options: AddFeaturesOptions,
  into: string,
): Promise<AddFeaturesResult & { readonly into: string; readonly rows: number }> {
  const target = parseTableName(into);
  const { sql, result } = await featureSelect(wh, options);
  const name = qualifiedName(target.schema, target.table);
  await wh.run('begin transaction');
  try {
    await wh.run(`create schema if not exists ${quoteIdentifier(target.schema)}`);
    await wh.run(`create or replace table ${name} as ${sql}`);
    await wh.run(
      'create table if not exists meta.feature_tables (name VARCHAR PRIMARY KEY, definition VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL)',
    );
    await wh.run('insert or replace into meta.feature_tables values ($name, $definition, now())', {
      name: `${target.schema}.${target.table}`,
      definition: JSON.stringify(options),
    });
    await wh.run('commit');
  } catch (error) {
    await wh.run('rollback');
    throw error;
  }
  const rows = Number(await wh.scalar(`select count(*) from ${name}`));
  return { ...result, into: `${target.schema}.${target.table}`, rows };
}

/**
 * Writes the features to a CSV (formula-safe: a text cell that starts with =, +, -, @, a tab or a
 * CR gets a leading ') or Parquet file, by the file's extension.
 */
export async function addFeaturesToFile(
  wh: Warehouse,
  options: AddFeaturesOptions,
  out: string,
): Promise<AddFeaturesResult & { readonly out: string; readonly rows: number }> {
  const { sql, result } = await featureSelect(wh, options);
  const parquet = /\.parquet$/i.test(out);
  if (!parquet && !/\.csv$/i.test(out)) {
    throw new InvalidArgumentError(
      `features: --out must end in .csv or .parquet, got ${JSON.stringify(out)}`,
    );
  }
  let select = sql;
  if (!parquet) {
    const described = await wh.all<{ column_name: string; column_type: string }>(`describe ${sql}`);
    const cells = described.map((c) => {
      const q = quoteIdentifier(c.column_name);
      return c.column_type === 'VARCHAR'
        ? `case when regexp_matches(${q}, '^[=+\\-@\\t\\r]') then '''' || ${q} else ${q} end as ${q}`
        : q;
    });
    select = `select ${cells.join(', ')} from (${sql})`;
  }
  let rows: number;
  try {
    // COPY reports the rows it wrote: the features are computed once, not again to count them.
    rows = await wh.changes(
      `copy (${select}) to ${quoteLiteral(out)} (format ${parquet ? 'parquet' : 'csv'}${parquet ? '' : ', header'})`,
    );
  } catch (error) {
    // A folder that does not exist or cannot be written is the user's to fix (exit code 2).
    if (error instanceof WarehouseError && /IO Error|Permission denied|No such file/i.test(error.message)) {
      throw new InvalidArgumentError(
        `features: cannot write --out ${out}: ${error.message.replace(/^Warehouse: /, '')}`,
        { cause: error },
      );
    }
    throw error;
  }
  return { ...result, out, rows };
}

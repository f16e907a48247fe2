import type { ColumnInfo } from '../warehouse/decode.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { profileAlerts } from './alerts.ts';
import { columnStatistics } from './column-statistics.ts';
import { normalizeProfileOptions, PROFILE_METHODS, type ProfileOptions } from './profile-options.ts';
import { profiledColumns, profileScope } from './profile-source.ts';
import { tableFigures } from './table-figures.ts';
import type { ColumnProfile, GroupProfile, ProfileAlert, ProfileResult, ProfileSource } from './types.ts';
import { checkWhere } from './where-clause.ts';

/** The temporary view `profileFile` reads a file through. */
const FILE_VIEW = 'shopstat_profile_file';

/**
 * Profiles a table or view of the warehouse: per column its missing values, exact distinct count
 * and the statistics of its kind (numeric: zeros, negatives, exact min / max / sum for DECIMAL,
 * mean, sd, quantiles R type 7, adjusted skewness G1 and excess kurtosis G2, a Freedman-Diaconis
 * histogram, IQR and MAD outliers; text: top values, lengths, numeric- and date-like values;
 * dates: range, coverage and the longest gap); per table duplicate rows, Pearson and Spearman
 * matrices and columns missing together; with `by`, the column statistics per group. Everything
 * is computed in DuckDB by a fixed number of scans whatever the width (see column-statistics.ts
 * and table-figures.ts); the methods are named in `result.methods`. NaN and infinities of
 * FLOAT / DOUBLE columns are counted in `nonFinite` and left out of the statistics (with a warning).
 * An empty table gives counts of 0 and `null` statistics.
 *
 * @throws InvalidArgumentError for an unknown table or column (listing what there is), a `where`
 *   that is not one condition, a bad option, or a `by` with more than 1,000 groups.
 * @throws WarehouseError when DuckDB fails (e.g. a `where` naming an unknown column).
 * @example const p = await profileTable(wh, 'gold.daily_sales', { columns: ['revenue'], topK: 5 })
 */
export async function profileTable(
  wh: Warehouse,
  table: string,
  options: ProfileOptions = {},
): Promise<ProfileResult> {
  const resolved = await wh.resolveTable(table);
  const source: ProfileSource = { kind: 'table', name: `${resolved.schema}.${resolved.name}`, columns: [] };
  return profileResolved(wh, table, resolved.sql, resolved.columns, source, options);
}

/**
 * Profiles a CSV or Parquet file the same way, read through `attachFile` (a temporary view; a CSV
 * is typed from all its rows); `source.columns` reports the sniffed types.
 *
 * @throws InvalidArgumentError naming the file when it is missing or cannot be read, and as profileTable.
 */
export async function profileFile(
  wh: Warehouse,
  path: string,
  options: ProfileOptions = {},
): Promise<ProfileResult> {
  const file = await wh.attachFile(path, FILE_VIEW);
  const source: ProfileSource = {
    kind: 'file',
    name: file.path,
    columns: file.columns.map((c) => ({ name: c.name, type: c.type })),
  };
  const resolved = await wh.resolveTable(FILE_VIEW);
  return profileResolved(wh, FILE_VIEW, resolved.sql, resolved.columns, source, options);
}

async function profileResolved(
  wh: Warehouse,
  table: string,
  tableSql: string,
  allColumns: readonly ColumnInfo[],
  source: ProfileSource,
  options: ProfileOptions,
): Promise<ProfileResult> {
  const normalized = normalizeProfileOptions(options);
  const chosen =
    options.columns === undefined ? [...allColumns] : await resolveColumns(wh, table, options.columns);
  const by = normalized.by === null ? null : (await wh.resolveColumn(table, normalized.by)).name;
  const where = normalized.where === null ? null : await checkWhere(wh, normalized.where);
  const columns = profiledColumns(chosen);
  const whole = profileScope(tableSql, columns, { where, by: null });
  const [overall] = await columnStatistics(wh, whole, { ...normalized, by: null });
  const profiles: ColumnProfile[] = overall?.columns ?? [];
  const rows = overall?.rows ?? 0;
  let groups: GroupProfile[] | null = null;
  if (by !== null) {
    const grouped = profileScope(tableSql, columns, { where, by });
    groups = (await columnStatistics(wh, grouped, { ...normalized, by })).map((g) => ({
      group: g.group,
      rows: g.rows,
      columns: g.columns,
    }));
  }
  const result: ProfileResult = {
    kind: 'profile',
    source:
      source.kind === 'file'
        ? source
        : { ...source, columns: chosen.map((c) => ({ name: c.name, type: c.type })) },
    options: { ...normalized, by, where, columns: chosen.map((c) => c.name) },
    methods: PROFILE_METHODS,
    table: await tableFigures(wh, whole, profiles, rows),
    columns: profiles,
    groups,
    alerts: [],
    warnings: profileWarnings(profiles, rows),
  };
  return { ...result, alerts: alertsOf(result) };
}

/**
 * The alerts of a profile: the whole table's (columns and correlations), then each group's columns
 * of a `--by` profile, with the thresholds recorded in its options.
 */
function alertsOf(result: ProfileResult): ProfileAlert[] {
  const thresholds = result.options.thresholds;
  const out = profileAlerts(result.columns, result.table, thresholds);
  for (const g of result.groups ?? []) out.push(...profileAlerts(g.columns, null, thresholds, g.group));
  return out;
}

async function resolveColumns(wh: Warehouse, table: string, names: readonly string[]): Promise<ColumnInfo[]> {
  const out: ColumnInfo[] = [];
  for (const name of names) {
    const column = await wh.resolveColumn(table, name);
    if (!out.some((c) => c.name === column.name)) out.push(column);
  }
  return out;
}

function profileWarnings(profiles: readonly ColumnProfile[], rows: number): ProfileResult['warnings'] {
  const warnings: { code: string; message: string }[] = [];
  if (rows === 0)
    warnings.push({ code: 'no_rows', message: 'profileTable: no rows to profile; statistics are null' });
  for (const p of profiles) {
    if (p.kind === 'numeric' && (p.nonFinite ?? 0) > 0) {
      warnings.push({
        code: 'non_finite',
        message: `column ${JSON.stringify(p.name)}: ${p.nonFinite} NaN or infinite value(s) left out of its statistics (see nonFinite)`,
      });
    }
  }
  return warnings;
}

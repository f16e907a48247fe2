import { quoteIdentifier, quoteLiteral, type Warehouse } from '../../src/warehouse/index.ts';
import { readHead } from './csv-scan.ts';
import { headerNames } from './header.ts';
import type { LookupPlan } from './plan.ts';
import { rawColumnName } from './validation.ts';

/** Why a mapped file cannot be loaded for its lookups; null when every table was built. */
export type LookupProblem = { readonly reason: string; readonly detail: string } | null;

const HEAD_BYTES = 256 * 1024;

/**
 * Builds the lookup tables a batch's mapped columns read: `temp.<table>(k, v)`, one row per key
 * found in the `key` column of the lookup's landing files (UTF-8 copies made by the landing
 * sources for other encodings), `v` its `value`. A key given two
 * different values is ambiguous: its `v` is missing, and a warning names it. The lookup files'
 * own rows are read leniently (a malformed record is skipped: the files are loaded, and
 * accounted for, as their own source).
 *
 * @returns `missing_lookup` when no landing file matches a lookup's globs, `missing_column` when
 *   a lookup file lacks the key or value column; otherwise null.
 */
export async function buildLookups(
  wh: Warehouse,
  lookups: readonly LookupPlan[],
  warn: (w: { code: string; message: string }) => void,
): Promise<LookupProblem> {
  for (const l of lookups) {
    await wh.run(`drop table if exists temp.${quoteIdentifier(l.table)}`);
    if (l.paths.length === 0) {
      return {
        reason: 'missing_lookup',
        detail: `the lookup '${l.name}' of mapping ${l.mappingFile} line ${l.line} reads ${l.files.join(', ')}, but no landing file matches`,
      };
    }
    const selects: string[] = [];
    const params: Record<string, string> = {};
    for (const [i, path] of l.paths.entries()) {
      const head = (await readHead(path, HEAD_BYTES)).toString('utf8').replace(/^\uFEFF/, '');
      const names = headerNames(head.split('\n')[0]?.replace(/\r$/, '') ?? '');
      const key = names.ok ? names.index.get(l.key.trim().toLowerCase()) : undefined;
      const value = names.ok ? names.index.get(l.value.trim().toLowerCase()) : undefined;
      if (!names.ok || key === undefined || value === undefined) {
        return {
          reason: 'missing_column',
          detail: `the lookup '${l.name}' of mapping ${l.mappingFile} line ${l.line} needs columns '${l.key}' and '${l.value}' in ${l.names[i]}${names.ok ? ` (its header: ${names.names.join(', ')})` : ` (${names.detail})`}`,
        };
      }
      const columns = names.names.map((_, p) => `${quoteLiteral(rawColumnName(p))}: 'VARCHAR'`).join(', ');
      params[`p${i}`] = path;
      selects.push(
        `select ${quoteIdentifier(rawColumnName(key))} as k, ${quoteIdentifier(rawColumnName(value))} as v
         from read_csv($p${i}, header = true, auto_detect = false, columns = {${columns}}, delim = ',',
                       quote = '"', escape = '"', strict_mode = false, ignore_errors = true)`,
      );
    }
    await wh.run(
      `create temp table ${quoteIdentifier(l.table)} as
       select k, CASE WHEN count(distinct v) = 1 THEN min(v) END as v, count(distinct v) as n
       from (${selects.join(' union all ')}) where k is not null group by k`,
      params,
    );
    const ambiguous = await wh.one<{ n: number; example: string | null }>(
      `select count(*) as n, min(k) as example from temp.${quoteIdentifier(l.table)} where n > 1`,
    );
    if (Number(ambiguous?.n ?? 0) > 0) {
      warn({
        code: 'ambiguous_lookup',
        message: `the lookup '${l.name}' of mapping ${l.mappingFile} line ${l.line}: ${Number(ambiguous?.n)} key(s) have more than one ${l.value} in ${l.names.join(', ')} (e.g. ${ambiguous?.example}); they are treated as not found`,
      });
    }
  }
  return null;
}

/** Drops a batch's lookup tables. */
export async function dropLookups(wh: Warehouse, lookups: readonly LookupPlan[]): Promise<void> {
  for (const l of lookups) await wh.run(`drop table if exists temp.${quoteIdentifier(l.table)}`);
}

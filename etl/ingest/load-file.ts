import { WarehouseError } from '../../src/errors.ts';
import {
  bigintList,
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
  varcharList,
  type Warehouse,
} from '../../src/warehouse/index.ts';
import type { EntitySpec } from '../contract.ts';
import { type CsvScan, readRawRecords } from './csv-scan.ts';
import type { HeaderMapping } from './header.ts';
import { buildValidationSql, rawColumnName } from './validation.ts';

/** One file to load into bronze and quarantine. */
export interface FileLoad {
  readonly path: string;
  /** Name recorded in `_source_file` and the ledger (relative to the landing folder). */
  readonly fileName: string;
  readonly entity: EntitySpec;
  readonly scan: CsvScan;
  readonly mapping: HeaderMapping;
  readonly fileId: number;
  readonly runId: number;
  readonly ingestedAt: string;
  readonly timeZone: string;
}

/** What to do inside the file's transaction besides loading rows. */
export interface FileLoadHooks {
  /** Delete the file's earlier bronze and quarantine rows first (`--reprocess`). */
  readonly replaceExisting: boolean;
  /** Runs last inside the transaction, e.g. to write the ledger row. */
  readonly beforeCommit: (counts: FileLoadCounts) => Promise<void>;
}

export interface FileLoadCounts {
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
}

const RAW_BATCH = 20_000;

/**
 * Loads one landing file into `bronze.<entity>` and `quarantine.<entity>`: the file is read into
 * a temporary staging table first, then its rows, the hooks' writes (the ledger row) and nothing
 * else are committed in one transaction, so a crash leaves either all of the file or none of it.
 *
 * DuckDB's reader rejects structurally bad records (wrong field count, broken quoting, invalid
 * UTF-8) into a reject table whose `line` is the record number plus one; it skips blank lines
 * without a word; and it gives accepted rows no number. Accepted rows keep file order in the
 * staging table (insertion order is preserved), so the k-th accepted row's record number is k
 * plus the number of rejected or blank records before it, found with an ASOF join on the gaps.
 * The count of rows read is checked against the file scan, so a mismatch can never go unnoticed.
 *
 * @throws WarehouseError when DuckDB's record count disagrees with the scan.
 */
export async function loadFile(wh: Warehouse, load: FileLoad, hooks: FileLoadHooks): Promise<FileLoadCounts> {
  const { entity, mapping } = load;
  const v = buildValidationSql(entity, mapping);
  const columns = Array.from(
    { length: mapping.width },
    (_, i) => `${quoteLiteral(rawColumnName(i))}: 'VARCHAR'`,
  );
  await wh.run(
    'drop table if exists temp._rej; drop table if exists temp._rejscan; drop table if exists temp._gaps',
  );
  // Reasons that need no join are computed while reading, which keeps file order in rowid.
  const accepted = await wh.changes(
    `create or replace temp table _typed as
     select *, ${v.reason} as _reason0
     from read_csv($path, header = true, auto_detect = false, columns = {${columns.join(', ')}},
                   delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
                   store_rejects = true, rejects_table = '_rej', rejects_scan = '_rejscan')`,
    { path: load.path },
  );
  const rejectedLines = (
    await wh.all<{ r: number }>('select distinct line - 1 as r from _rej order by 1')
  ).map((x) => Number(x.r));
  const blank = load.scan.blankRecords.filter((r) => !rejectedLines.includes(r));
  const structural = [...new Set([...rejectedLines, ...blank])].sort((a, b) => a - b);
  if (accepted + structural.length !== load.scan.records) {
    throw new WarehouseError(
      `loadFile: ${load.fileName}: DuckDB read ${accepted} rows and rejected ${structural.length} records, but the file has ${load.scan.records} records; the file's structure is not understood, please report it`,
      null,
    );
  }
  // Outside a transaction the staging table's rowids count from 0 in file order; checked here.
  const ids = await wh.one<{ lo: number | null; hi: number | null }>(
    'select min(rowid) as lo, max(rowid) as hi from _typed',
  );
  const base = Number(ids?.lo ?? 0);
  if (accepted > 0 && Number(ids?.hi) - base + 1 !== accepted) {
    throw new WarehouseError(`loadFile: ${load.fileName}: staging rowids are not contiguous`, null);
  }
  // The k-th accepted row is record k + (rejected or blank records before it): with the gaps
  // sorted, gap i (1-based) at record r_i shifts every row k > r_i - i by one more.
  const thresholds = new Map<number, number>();
  structural.forEach((r, i) => thresholds.set(r - (i + 1), i + 1));
  if (thresholds.size > 0) {
    await wh.run(
      'create temp table _gaps as select unnest($t::BIGINT[]) as threshold, unnest($c::BIGINT[]) as cum',
      { t: bigintList([...thresholds.keys()]), c: bigintList([...thresholds.values()]) },
    );
  }
  const knownJoin =
    v.productExpr === null
      ? ''
      : `left join (select distinct product_id from bronze.products) _known on _known.product_id = t.${v.productExpr}`;
  const gapJoin = thresholds.size > 0 ? `asof left join _gaps g on t.rowid - ${base} + 1 > g.threshold` : '';
  const numbered = `(select t.*, t.rowid - ${base} + 1 ${thresholds.size > 0 ? '+ coalesce(g.cum, 0)' : ''} as _row_number,
      ${v.productExpr === null ? 't._reason0' : "coalesce(t._reason0, CASE WHEN _known.product_id IS NULL THEN 'unknown_product' END)"} as _reason
      ${v.productExpr === null ? '' : ', _known.product_id as _known_product_id'}
    from _typed t ${gapJoin} ${knownJoin})`;
  const audit = `${v.extra} as _extra, $file as _source_file, $file_id as _file_id, _row_number,
    $ingested_at::TIMESTAMPTZ as _ingested_at, $run_id as _run_id`;
  const bronzeCols = v.typed.map((t) => quoteIdentifier(t.name));
  const counts = await wh.transaction(async () => {
    if (hooks.replaceExisting) {
      await wh.run(`delete from ${qualifiedName('bronze', entity.name)} where _file_id = $id`, {
        id: load.fileId,
      });
      await wh.run(`delete from ${qualifiedName('quarantine', entity.name)} where _file_id = $id`, {
        id: load.fileId,
      });
    }
    const rowsAccepted = await wh.changes(
      `insert into ${qualifiedName('bronze', entity.name)} (${[...bronzeCols, '_nulled', '_extra', '_source_file', '_file_id', '_row_number', '_ingested_at', '_run_id'].join(', ')})
     select ${v.typed.map((t) => t.expr).join(', ')}, ${v.nulled}, ${audit}
     from ${numbered} where _reason is null`,
      {
        file: load.fileName,
        file_id: load.fileId,
        ingested_at: load.ingestedAt,
        run_id: load.runId,
        time_zone: load.timeZone,
      },
    );
    const quarantineCols = [
      ...v.raw.map((c) => quoteIdentifier(c.name)),
      '_raw',
      '_reason',
      '_detail',
      '_extra',
      '_source_file',
      '_file_id',
      '_row_number',
      '_ingested_at',
      '_run_id',
    ];
    const typeRejected = await wh.changes(
      `insert into ${qualifiedName('quarantine', entity.name)} (${quarantineCols.join(', ')})
     select ${v.raw.map((c) => c.expr).join(', ')}, NULL, _reason, ${v.detail}, ${audit}
     from ${numbered} where _reason is not null`,
      { file: load.fileName, file_id: load.fileId, ingested_at: load.ingestedAt, run_id: load.runId },
    );
    // Structurally bad records: DuckDB's rejects and the blank lines it skipped.
    const malformed = await wh.changes(
      `insert into ${qualifiedName('quarantine', entity.name)} (_raw, _reason, _detail, _extra, _source_file, _file_id, _row_number, _ingested_at, _run_id)
     select NULL, 'malformed_row', detail, NULL, $file, $file_id, r, $ingested_at::TIMESTAMPTZ, $run_id from (
       select line - 1 as r, arg_min(error_type || ': ' || error_message, column_idx) as detail from _rej group by line
       union all
       select r, 'BLANK LINE: the record is empty' from unnest($blank::BIGINT[]) as b(r))`,
      {
        file: load.fileName,
        file_id: load.fileId,
        ingested_at: load.ingestedAt,
        run_id: load.runId,
        blank: bigintList(blank),
      },
    );
    let rejectedByReason: Record<string, number> = {};
    if (typeRejected + malformed > 0) {
      await fillRawText(wh, load);
      const byReason = await wh.all<{ reason: string; n: number }>(
        `select _reason as reason, count(*) as n from ${qualifiedName('quarantine', entity.name)} where _file_id = $id group by 1 order by 1`,
        { id: load.fileId },
      );
      rejectedByReason = Object.fromEntries(byReason.map((r) => [r.reason, Number(r.n)]));
    }
    const rowsRejected = Object.values(rejectedByReason).reduce((sum, n) => sum + n, 0);

    if (rowsAccepted + rowsRejected !== load.scan.records) {
      throw new WarehouseError(
        `loadFile: ${load.fileName}: ${rowsAccepted} accepted + ${rowsRejected} rejected is not the ${load.scan.records} records read`,
        null,
      );
    }
    const c: FileLoadCounts = { rowsRead: load.scan.records, rowsAccepted, rowsRejected, rejectedByReason };
    await hooks.beforeCommit(c);
    return c;
  });
  await wh.run('drop table if exists temp._typed; drop table if exists temp._gaps');
  return counts;
}

/** Copies the verbatim text of each quarantined record from the file into `_raw`. */
async function fillRawText(wh: Warehouse, load: FileLoad): Promise<void> {
  const table = qualifiedName('quarantine', load.entity.name);
  const numbers = (
    await wh.all<{ r: number }>(`select _row_number as r from ${table} where _file_id = $id order by 1`, {
      id: load.fileId,
    })
  ).map((x) => Number(x.r));
  if (numbers.length === 0) return;
  const raw = await readRawRecords(load.path, numbers);
  for (let i = 0; i < numbers.length; i += RAW_BATCH) {
    const batch = numbers.slice(i, i + RAW_BATCH);
    await wh.run(
      `update ${table} q set _raw = x.raw
       from (select unnest($r::BIGINT[]) as r, unnest($raw::VARCHAR[]) as raw) x
       where q._file_id = $id and q._row_number = x.r`,
      {
        id: load.fileId,
        r: bigintList(batch),
        raw: varcharList(batch.map((r) => raw.get(r) ?? '')),
      },
    );
  }
}

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
import type { StagePlan } from './plan.ts';
import { buildValidationSql, mergeRules, rawColumnName, reasonCase } from './validation.ts';

/** One file of a load batch. */
export interface FileLoad {
  readonly path: string;
  /** Name recorded in `_source_file` and the ledger (relative to the landing folder). */
  readonly fileName: string;
  readonly scan: CsvScan;
  readonly fileId: number;
  /** Delete the file's earlier bronze and quarantine rows first (`--reprocess`). */
  readonly replaceExisting: boolean;
}

/** Files of one entity with the same header layout (and mapping source), loaded together. */
export interface LoadBatch {
  readonly plan: StagePlan;
  /** In the order they are applied (byte order of their names). */
  readonly files: readonly FileLoad[];
  readonly runId: number;
  readonly ingestedAt: string;
  readonly timeZone: string;
}

export interface FileLoadCounts {
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
}

const RAW_BATCH = 20_000;
/** Up to this many gaps in record numbers are added inline, beyond it by an ASOF join. */
const INLINE_GAPS = 200;

/**
 * Loads a batch of landing files of one entity into `bronze.<entity>` and `quarantine.<entity>`.
 * The files are read by one `read_csv` call into a temporary staging table; then their rows, the
 * `beforeCommit` writes (the ledger rows) and nothing else are committed in one transaction, so a
 * crash leaves either all of the batch or none of it.
 *
 * DuckDB's reader rejects structurally bad records (wrong field count, broken quoting, invalid
 * UTF-8) into a reject table whose `line` is the record number plus one; it skips blank lines
 * without a word; and it gives accepted rows no number. Accepted rows keep file order in the
 * staging table (insertion order is preserved, file after file), so the k-th accepted row of a
 * file is its record k plus the rejected or blank records before it, found with an ASOF join on
 * the gaps. Every file's count is checked against its scan, so a mismatch cannot go unnoticed.
 *
 * @throws WarehouseError when DuckDB's record count disagrees with a file's scan.
 */
export async function loadBatch(
  wh: Warehouse,
  batch: LoadBatch,
  beforeCommit: (counts: ReadonlyMap<number, FileLoadCounts>) => Promise<void>,
): Promise<Map<number, FileLoadCounts>> {
  const { plan, files } = batch;
  const entity = plan.rows.entity;
  const v = buildValidationSql(entity, plan.rows.sources, '', plan.rows.names);
  // Entities derived from the same rows: each row must be valid for all of them.
  const derived = plan.derived.map((t) => ({
    target: t,
    v: buildValidationSql(t.entity, t.sources, `${t.entity.name}.`, t.names),
  }));
  const rules = [...plan.rules, ...mergeRules([v.rules, ...derived.map((d) => d.v.rules)])];
  const reason0 = reasonCase(rules).reason;
  const detail = reasonCase(v.productRule === null ? rules : [...rules, v.productRule]).detail;
  const parsed = [...v.parsed, ...derived.flatMap((d) => d.v.parsed)];
  const columns = Array.from(
    { length: plan.width },
    (_, i) => `${quoteLiteral(rawColumnName(i))}: 'VARCHAR'`,
  );
  await wh.run(
    'drop table if exists temp._rej; drop table if exists temp._rejscan; drop table if exists temp._gaps; drop table if exists temp._files; drop table if exists temp._src',
  );
  const select = (cols: readonly { name: string; expr: string }[]) =>
    cols.map((c) => `, ${c.expr} as ${quoteIdentifier(c.name)}`).join('');
  const reader = `read_csv($paths, header = true, auto_detect = false, columns = {${columns.join(', ')}},
                     delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
                     store_rejects = true, rejects_table = '_rej', rejects_scan = '_rejscan')`;
  const paths = { paths: varcharList(files.map((f) => f.path)) };
  if (plan.windows.length === 0) {
    // Reasons that need no join are computed while reading, which keeps file order in rowid.
    await wh.run(
      `create or replace temp table _typed as
       select *, ${reason0} as _reason0 from (
         select *${select(parsed)} from (
           select *${select(plan.mapped)} from (
             select *, cast(file_index as BIGINT) as _fi from ${reader})))`,
      paths,
    );
  } else {
    // Columns over the whole file (line numbers, duplicates) need the rows staged first; the
    // result is written back in file order.
    await wh.run(
      `create temp table _src as select *, cast(file_index as BIGINT) as _fi from ${reader}`,
      paths,
    );
    await wh.run(
      `create or replace temp table _typed as
       select *, ${reason0} as _reason0 from (
         select *${select(parsed)} from (
           select *${select(plan.mapped)} from (
             select *${select(plan.windows)} from (select *, rowid as _srow from _src))))
       order by _srow`,
    );
    await wh.run('drop table temp._src');
  }
  const staged = new Map(
    (
      await wh.all<{ fi: number; lo: number; hi: number; n: number }>(
        'select _fi as fi, min(rowid) as lo, max(rowid) as hi, count(*) as n from _typed group by 1',
      )
    ).map((r) => [files[Number(r.fi)]?.path, { lo: Number(r.lo), hi: Number(r.hi), n: Number(r.n) }]),
  );
  const rejected = new Map<string, number[]>();
  for (const r of await wh.all<{ path: string; r: number }>(
    'select distinct s.file_path as path, j.line - 1 as r from _rej j join _rejscan s using (scan_id, file_id) order by 1, 2',
  )) {
    const list = rejected.get(r.path);
    if (list === undefined) rejected.set(r.path, [Number(r.r)]);
    else list.push(Number(r.r));
  }
  const plans = files.map((f, index) => {
    const stage = staged.get(f.path) ?? { lo: 0, hi: -1, n: 0 };
    const rejectedLines = rejected.get(f.path) ?? [];
    const rejectedSet = new Set(rejectedLines);
    const blank = f.scan.blankRecords.filter((r) => !rejectedSet.has(r));
    const structural = [...new Set([...rejectedLines, ...blank])].sort((a, b) => a - b);
    if (stage.n + structural.length !== f.scan.records) {
      throw new WarehouseError(
        `loadBatch: ${f.fileName}: DuckDB read ${stage.n} rows and rejected ${structural.length} records, but the file has ${f.scan.records} records; the file's structure is not understood, please report it`,
        null,
      );
    }
    if (stage.n > 0 && stage.hi - stage.lo + 1 !== stage.n) {
      throw new WarehouseError(`loadBatch: ${f.fileName}: staging rows of the file are not contiguous`, null);
    }
    // The k-th accepted row is record k + (rejected or blank records before it): with the gaps
    // sorted, gap i (1-based) at record r_i shifts every row k > r_i - i by one more.
    const thresholds = new Map<number, number>();
    for (const [i, r] of structural.entries()) thresholds.set(r - (i + 1), i + 1);
    return { file: f, index, base: stage.lo, staged: stage.n, blank, thresholds };
  });
  await wh.run(
    `create temp table _files as select unnest($path::VARCHAR[]) as path, unnest($id::BIGINT[]) as file_id,
       unnest($name::VARCHAR[]) as file_name`,
    {
      path: varcharList(plans.map((p) => p.file.path)),
      id: bigintList(plans.map((p) => p.file.fileId)),
      name: varcharList(plans.map((p) => p.file.fileName)),
    },
  );
  // Few gaps (the usual case) become an inline sum; many, an ASOF join on a gaps table.
  // Per-file constants are looked up by the reader's file_index in lists written into the SQL.
  const pick = (values: readonly (number | string)[]) =>
    `[${values.map((x) => (typeof x === 'number' ? String(x) : quoteLiteral(x))).join(', ')}][t._fi + 1]`;
  const k = `t.rowid - ${pick(plans.map((p) => p.base))} + 1`;
  const gaps = plans.flatMap((p) => [...p.thresholds].map(([t, c]) => ({ fi: p.index, t, c })));
  let shift = '';
  let gapJoin = '';
  if (gaps.length > 0 && gaps.length <= INLINE_GAPS) {
    const perFile = plans
      .filter((p) => p.thresholds.size > 0)
      .map((p) => {
        let previous = 0;
        const terms = [...p.thresholds].map(([t, c]) => {
          const step = c - previous;
          previous = c;
          return `(${k} > ${t})::BIGINT * ${step}`;
        });
        return `WHEN ${p.index} THEN ${terms.join(' + ')}`;
      });
    shift = `+ CASE t._fi ${perFile.join(' ')} ELSE 0 END`;
  } else if (gaps.length > 0) {
    await wh.run(
      'create temp table _gaps as select unnest($f::BIGINT[]) as fi, unnest($t::BIGINT[]) as threshold, unnest($c::BIGINT[]) as cum',
      {
        f: bigintList(gaps.map((g) => g.fi)),
        t: bigintList(gaps.map((g) => g.t)),
        c: bigintList(gaps.map((g) => g.c)),
      },
    );
    shift = '+ coalesce(g.cum, 0)';
    gapJoin = `asof left join _gaps g on g.fi = t._fi and ${k} > g.threshold`;
  }
  const knownJoin =
    v.productExpr === null
      ? ''
      : `left join (select distinct product_id from bronze.products) _known on _known.product_id = t.${v.productExpr}`;
  const numberedWith = (
    withProducts: boolean,
  ) => `(select t.*, ${pick(plans.map((p) => p.file.fileId))} as _fid, ${pick(plans.map((p) => p.file.fileName))} as _fname,
      ${k} ${shift} as _row_number,
      ${v.productExpr === null || !withProducts ? 't._reason0' : "coalesce(t._reason0, CASE WHEN _known.product_id IS NULL THEN 'unknown_product' END)"} as _reason
      ${v.productExpr === null ? '' : withProducts ? ', _known.product_id as _known_product_id' : ", 'known' as _known_product_id"}
    from _typed t ${gapJoin} ${withProducts ? knownJoin : ''})`;
  const numbered = numberedWith(true);
  const audit = `_fname as _source_file, _fid as _file_id, _row_number,
    $ingested_at::TIMESTAMPTZ as _ingested_at, $run_id as _run_id`;
  /** `_extra` and the audit columns, as written by `${extra}, ${audit}`. */
  const auditCols = ['_extra', '_source_file', '_file_id', '_row_number', '_ingested_at', '_run_id'];
  /** Inserts the derived entity's rows: per file, the last accepted row of each key. */
  const insertDerived = async (d: (typeof derived)[number], source: string, accepted: string) => {
    const typed = d.v.typed;
    const key = d.target.entity.key.map((k) => typed.find((t) => t.name === k)?.expr ?? 'NULL');
    await wh.run(
      `insert into ${qualifiedName('bronze', d.target.entity.name)} (${[...typed.map((t) => quoteIdentifier(t.name)), '_nulled', ...auditCols].join(', ')})
       select ${typed.map((t) => t.expr).join(', ')}, ${d.v.nulled}, ${d.target.extra}, ${audit}
       from ${source} where ${accepted}
       qualify row_number() over (partition by _fid, ${key.join(', ')} order by _row_number desc) = 1`,
      params,
    );
  };
  const params = { ingested_at: batch.ingestedAt, run_id: batch.runId, time_zone: batch.timeZone };
  const bronzeCols = v.typed.map((t) => quoteIdentifier(t.name));
  const ids = bigintList(files.map((f) => f.fileId));
  const counts = await wh.transaction(async () => {
    const replaced = files.filter((f) => f.replaceExisting).map((f) => f.fileId);
    if (replaced.length > 0) {
      for (const e of [entity, ...plan.derived.map((t) => t.entity)]) {
        for (const layer of ['bronze', 'quarantine']) {
          await wh.run(`delete from ${qualifiedName(layer, e.name)} where list_contains($ids, _file_id)`, {
            ids: bigintList(replaced),
          });
        }
      }
    }
    // Products derived from the lines come first, so the lines find them; a line is valid for
    // its own product whatever else, so rows passing the join-free rules are the ones to use.
    for (const d of derived.filter((x) => x.target.entity.name === 'products')) {
      await insertDerived(d, numberedWith(false), '_reason is null');
    }
    const accepted = await wh.changes(
      `insert into ${qualifiedName('bronze', entity.name)} (${[...bronzeCols, '_nulled', ...auditCols].join(', ')})
       select ${v.typed.map((t) => t.expr).join(', ')}, ${v.nulled}, ${plan.rows.extra}, ${audit}
       from ${numbered} where _reason is null`,
      params,
    );
    for (const d of derived.filter((x) => x.target.entity.name !== 'products')) {
      await insertDerived(d, numbered, '_reason is null');
    }
    const quarantineCols = [
      ...v.raw.map((c) => quoteIdentifier(c.name)),
      '_raw',
      '_reason',
      '_detail',
      ...auditCols,
    ];
    // Rows rejected by a rule: none when every staged row entered bronze; without the
    // known-products join when no line was refused for an unknown product.
    const stagedRows = plans.reduce((sum, p) => sum + p.staged, 0);
    if (accepted < stagedRows) {
      const byRule = Number(await wh.scalar('select count(*) from _typed where _reason0 is not null'));
      const source = byRule === stagedRows - accepted ? numberedWith(false) : numbered;
      await wh.run(
        `insert into ${qualifiedName('quarantine', entity.name)} (${quarantineCols.join(', ')})
         select ${v.raw.map((c) => c.expr).join(', ')}, NULL, _reason, ${detail}, ${plan.rows.extra}, ${audit}
         from ${source} where _reason is not null`,
        params,
      );
    }
    // Structurally bad records: DuckDB's rejects and the blank lines it skipped.
    const blanks = plans.flatMap((p) => p.blank.map((r) => ({ id: p.file.fileId, r })));
    await wh.run(
      `insert into ${qualifiedName('quarantine', entity.name)} (_raw, _reason, _detail, ${auditCols.join(', ')})
       select NULL, 'malformed_row', x.detail, NULL, f.file_name, f.file_id, x.r, $ingested_at::TIMESTAMPTZ, $run_id from (
         select s.file_path as path, j.line - 1 as r, arg_min(j.error_type || ': ' || j.error_message, j.column_idx) as detail
         from _rej j join _rejscan s using (scan_id, file_id) group by all
         union all
         select f2.path, b.r, 'BLANK LINE: the record is empty'
         from (select unnest($bid::BIGINT[]) as file_id, unnest($br::BIGINT[]) as r) b join _files f2 using (file_id)
       ) x join _files f on f.path = x.path`,
      { ...params, bid: bigintList(blanks.map((b) => b.id)), br: bigintList(blanks.map((b) => b.r)) },
    );
    const byFile = new Map<number, Record<string, number>>();
    for (const r of await wh.all<{ id: number; reason: string; n: number }>(
      `select _file_id as id, _reason as reason, count(*) as n from ${qualifiedName('quarantine', entity.name)}
       where list_contains($ids, _file_id) group by 1, 2 order by 1, 2`,
      { ids },
    )) {
      byFile.set(Number(r.id), { ...(byFile.get(Number(r.id)) ?? {}), [r.reason]: Number(r.n) });
    }
    const result = new Map<number, FileLoadCounts>();
    for (const p of plans) {
      const rejectedByReason = byFile.get(p.file.fileId) ?? {};
      const rowsRejected = Object.values(rejectedByReason).reduce((sum, n) => sum + n, 0);
      if (rowsRejected > 0) await fillRawText(wh, entity, p.file);
      result.set(p.file.fileId, {
        rowsRead: p.file.scan.records,
        rowsAccepted: p.file.scan.records - rowsRejected,
        rowsRejected,
        rejectedByReason,
      });
    }
    const acceptedTotal = [...result.values()].reduce((sum, c) => sum + c.rowsAccepted, 0);
    if (acceptedTotal !== accepted) {
      throw new WarehouseError(
        `loadBatch: ${entity.name}: ${accepted} rows entered bronze, but the files' records less their rejections are ${acceptedTotal}`,
        null,
      );
    }
    await beforeCommit(result);
    return result;
  });
  await wh.run(
    'drop table if exists temp._typed; drop table if exists temp._gaps; drop table if exists temp._files',
  );
  return counts;
}

/** Copies the verbatim text of each quarantined record from the file into `_raw`. */
async function fillRawText(wh: Warehouse, entity: EntitySpec, load: FileLoad): Promise<void> {
  const table = qualifiedName('quarantine', entity.name);
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

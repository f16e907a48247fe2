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
import { buildLookups, dropLookups } from './lookups.ts';
import type { StagePlan } from './plan.ts';
import { type RecordNumbering, recordNumbering } from './record-numbering.ts';
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

/**
 * When a file is rejected whole for its rejected rows: more than `share` (0-1) of its records
 * rejected, for any reason (the mapping's own included), in a file of at least `minRows` records.
 * The first `keep` rejected rows stay in quarantine so the user sees why.
 */
export interface RejectThreshold {
  readonly share: number;
  readonly minRows: number;
  readonly keep: number;
}

/** The default `--max-rejected`: a quarter of the rows, from 100 records on; 100 rows kept. */
export const DEFAULT_MAX_REJECTED: RejectThreshold = { share: 0.25, minRows: 100, keep: 100 };

/** Files of one entity with the same header layout (and mapping source), loaded together. */
export interface LoadBatch {
  readonly plan: StagePlan;
  /** In the order they are applied (byte order of their names). */
  readonly files: readonly FileLoad[];
  readonly runId: number;
  readonly ingestedAt: string;
  readonly timeZone: string;
  /** Default {@link DEFAULT_MAX_REJECTED}. */
  readonly maxRejected?: RejectThreshold;
}

export interface FileLoadCounts {
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
}

/**
 * What became of one file of a batch: loaded, or rejected whole (nothing of it in bronze) with a
 * whole-file reason (`unreadable`, `currency_mismatch`, `too_many_rejected`) and a detail that
 * names the file. A rejected file's `counts` are those its rows would have had, when it was read.
 */
export type FileOutcome =
  | { readonly kind: 'loaded'; readonly counts: FileLoadCounts }
  | {
      readonly kind: 'rejected';
      readonly reason: string;
      readonly detail: string;
      readonly counts: FileLoadCounts | null;
    };

export interface BatchResult {
  /** By file id. */
  readonly outcomes: ReadonlyMap<number, FileOutcome>;
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

const RAW_BATCH = 20_000;
/** Up to this many gaps in record numbers are added inline, beyond it by an ASOF join. */
const INLINE_GAPS = 200;

type Rejection = { readonly reason: string; readonly detail: string };

/** The SQL pieces of a batch: validation of the rows entity and of the entities derived from it. */
function batchSql(plan: StagePlan) {
  const v = buildValidationSql(plan.rows.entity, plan.rows.sources, '', plan.rows.names);
  // Entities derived from the same rows: each row must be valid for all of them.
  const derived = plan.derived.map((t) => ({
    target: t,
    v: buildValidationSql(t.entity, t.sources, `${t.entity.name}.`, t.names),
  }));
  const rules = [...plan.rules, ...mergeRules([v.rules, ...derived.map((d) => d.v.rules)])];
  const columns = Array.from(
    { length: plan.width },
    (_, i) => `${quoteLiteral(rawColumnName(i))}: 'VARCHAR'`,
  );
  const reader = `read_csv($path, header = true, auto_detect = false, columns = {${columns.join(', ')}},
                     delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
                     store_rejects = true, rejects_table = '_rej', rejects_scan = '_rejscan')`;
  const select = (cols: readonly { name: string; expr: string }[]) =>
    cols.map((c) => `, ${c.expr} as ${quoteIdentifier(c.name)}`).join('');
  return {
    v,
    derived,
    reader,
    select,
    /** The first failing rule that needs no join. */
    firstReason: reasonCase(rules).reason,
    detail: reasonCase(v.productRule === null ? rules : [...rules, v.productRule]).detail,
    parsed: [...v.parsed, ...derived.flatMap((d) => d.v.parsed)],
  };
}
type BatchSql = ReturnType<typeof batchSql>;

/** How many rows of a file the staging table holds, or why the file could not be read. */
type Staged = { readonly rows: number } | { readonly rejected: Rejection };

/** `_srow` = file index x this + the row's ordinal in its file. */
const FILE_STRIDE = 2 ** 40;

/**
 * Stages the files one `read_csv` each, in order, into `temp._typed` (typed columns and the
 * join-free rejection reason). A single-file read keeps file order in the appended rows, so a
 * file's accepted rows are one contiguous block whose k-th row is its k-th accepted record:
 * record numbering never depends on how DuckDB interleaves the files of a multi-file read.
 * A file DuckDB cannot read is rejected alone (`unreadable`); the others go on.
 */
async function stageFiles(wh: Warehouse, batch: LoadBatch, q: BatchSql): Promise<Staged[]> {
  const { plan } = batch;
  const typedFrom = (source: string) =>
    `select *, ${q.firstReason} as _reason0 from (
       select *${q.select(q.parsed)} from (
         select *${q.select(plan.mapped)} from ${source}))`;
  // Columns over the whole file (line numbers, duplicates) need the rows staged first.
  const target = plan.windows.length === 0 ? '_typed' : '_src';
  const staged: Staged[] = [];
  let total = 0;
  let created = false;
  for (const [index, file] of batch.files.entries()) {
    // `_k`: the accepted row's ordinal in its file. A streaming row_number over one file's scan
    // follows file order; the staging table's rowid does not (it moved between statements).
    const rows = `(select *, ${index}::BIGINT as _fi, row_number() over () as _k from ${q.reader})`;
    const body = target === '_typed' ? typedFrom(rows) : `select * from ${rows}`;
    try {
      await wh.run(`${created ? `insert into temp.${target}` : `create temp table ${target} as`} ${body}`, {
        path: file.path,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/out of memory|no space left/i.test(message)) throw error;
      staged.push({
        rejected: {
          reason: 'unreadable',
          detail: `${file.fileName}: the CSV reader could not read it: ${message.split('\n')[0]}`,
        },
      });
      continue;
    }
    created = true;
    const after = Number(await wh.scalar(`select count(*) from temp.${target}`));
    staged.push({ rows: after - total });
    total = after;
  }
  if (!created) return staged;
  if (target === '_src') {
    // `_srow` orders the rows file after file, in file order: the window columns see them so.
    await wh.run(
      `create temp table _typed as ${typedFrom(`(select *${q.select(plan.windows)} from (select *, _fi * ${FILE_STRIDE} + _k as _srow from temp._src))`)}`,
    );
    await wh.run('drop table temp._src');
  }
  return staged;
}

/** DuckDB's rejected records (1-based record numbers) by file path. */
async function rejectedRecords(wh: Warehouse, staged: boolean): Promise<Map<string, number[]>> {
  const rejected = new Map<string, number[]>();
  if (!staged) return rejected;
  for (const r of await wh.all<{ path: string; r: number }>(
    'select distinct s.file_path as path, j.line - 1 as r from _rej j join _rejscan s using (scan_id, file_id) order by 1, 2',
  )) {
    const list = rejected.get(r.path);
    if (list === undefined) rejected.set(r.path, [Number(r.r)]);
    else list.push(Number(r.r));
  }
  return rejected;
}

/** A file whose blank records alone pass the threshold is rejected before it is read. */
function mostlyBlank(file: FileLoad, threshold: RejectThreshold): Rejection | null {
  const { records, blankRecords } = file.scan;
  if (records < threshold.minRows || blankRecords.length <= threshold.share * records) return null;
  return {
    reason: 'too_many_rejected',
    detail: `${file.fileName}: ${fmt(blankRecords.length)} of its ${fmt(records)} records (${pct(blankRecords.length / records)}) are blank lines, over the limit of ${pct(threshold.share)} (--max-rejected); nothing of it was loaded`,
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * Loads a batch of landing files of one entity into `bronze.<entity>` and `quarantine.<entity>`.
 * Each file is read by its own `read_csv` into a temporary staging table; then the rows of the
 * files that pass, the `beforeCommit` writes (the ledger rows) and nothing else are committed in
 * one transaction, so a crash leaves either all of the batch or none of it.
 *
 * DuckDB's reader rejects structurally bad records (wrong field count, broken quoting, invalid
 * UTF-8) into a reject table whose `line` is the record number plus one; it skips blank lines
 * without a word; and it gives accepted rows no number. A file's accepted rows are one block of
 * the staging table in file order, so the k-th accepted row of a file is its record k plus the
 * rejected or blank records before it ({@link recordNumbering}). Every file's count is checked
 * against its scan; a file that disagrees is rejected (`unreadable`), never misnumbered.
 *
 * A file is rejected whole, nothing of it in bronze, when DuckDB cannot read it, when it holds
 * orders in a currency other than the warehouse's (`currency_mismatch`), or when more of its
 * rows are rejected than the batch's threshold (`too_many_rejected`, its first rejected rows
 * kept in quarantine).
 */
export async function loadBatch(
  wh: Warehouse,
  batch: LoadBatch,
  beforeCommit: (outcomes: ReadonlyMap<number, FileOutcome>) => Promise<void>,
): Promise<BatchResult> {
  const { plan, files } = batch;
  const threshold = batch.maxRejected ?? DEFAULT_MAX_REJECTED;
  const q = batchSql(plan);
  await wh.run(
    'drop table if exists temp._rej; drop table if exists temp._rejscan; drop table if exists temp._gaps; drop table if exists temp._files; drop table if exists temp._src; drop table if exists temp._typed; drop table if exists temp._shape',
  );
  const warnings: { code: string; message: string }[] = [];
  const lookups = plan.lookups ?? [];
  const lookupProblem = await buildLookups(wh, lookups, (w) => warnings.push(w));
  if (lookupProblem !== null) {
    const outcomes = new Map<number, FileOutcome>(
      files.map((f) => [
        f.fileId,
        {
          kind: 'rejected',
          reason: lookupProblem.reason,
          detail: `${f.fileName}: ${lookupProblem.detail}`,
          counts: null,
        },
      ]),
    );
    await wh.transaction(async () => beforeCommit(outcomes));
    await dropLookups(wh, lookups);
    return { outcomes, warnings };
  }
  try {
    return await loadStaged(wh, batch, q, threshold, beforeCommit, warnings);
  } finally {
    await dropLookups(wh, lookups);
  }
}

/** A file of the batch that was read and numbered, and waits for the transaction. */
interface Loadable {
  readonly file: FileLoad;
  /** Its index `_fi` among the files staged. */
  readonly fi: number;
  /** Rows DuckDB accepted into staging. */
  readonly staged: number;
  readonly numbering: RecordNumbering;
}

/** Files read and numbered, and those rejected whole on the way. */
interface StagedBatch {
  readonly loadable: readonly Loadable[];
  readonly rejected: ReadonlyMap<number, Rejection>;
  /** Files staged (the length of the per-file lists written into SQL). */
  readonly stagedCount: number;
}

/**
 * Stages the batch's readable files and numbers their records; a file that is mostly blank,
 * cannot be read or whose counts disagree with its scan is rejected here, its staged rows dropped.
 */
async function stageAndNumber(
  wh: Warehouse,
  batch: LoadBatch,
  q: BatchSql,
  threshold: RejectThreshold,
): Promise<StagedBatch> {
  const rejected = new Map<number, Rejection>();
  const readable: FileLoad[] = [];
  for (const f of batch.files) {
    const blank = mostlyBlank(f, threshold);
    if (blank === null) readable.push(f);
    else rejected.set(f.fileId, blank);
  }
  const staged = await stageFiles(wh, { ...batch, files: readable }, q);
  const anyStaged = staged.some((s) => 'rows' in s);
  const rejectedRecordsByPath = await rejectedRecords(wh, anyStaged);
  const loadable: Loadable[] = [];
  const dropped: number[] = [];
  for (const [fi, file] of readable.entries()) {
    const stage = staged[fi] as Staged;
    if ('rejected' in stage) {
      rejected.set(file.fileId, stage.rejected);
      continue;
    }
    const numbering = recordNumbering(file.scan, rejectedRecordsByPath.get(file.path) ?? [], stage.rows);
    if ('error' in numbering) {
      rejected.set(file.fileId, { reason: 'unreadable', detail: `${file.fileName}: ${numbering.error}` });
      dropped.push(fi);
      continue;
    }
    loadable.push({ file, fi, staged: stage.rows, numbering });
  }
  if (dropped.length > 0) {
    await wh.run('delete from temp._typed where list_contains($fi, _fi)', { fi: bigintList(dropped) });
  }
  return { loadable, rejected, stagedCount: readable.length };
}

/**
 * The SQL of the staged rows with their audit columns: file id and name, `_row_number` (the
 * row's ordinal shifted past the gaps: an inline sum for few gaps, an ASOF join for many),
 * `_fields` for records with too many fields, and `_reason` (with the known-products join for
 * order lines when `withProducts`). Writes the small tables it joins (`_files`, `_gaps`, `_shape`).
 */
async function numberedRows(
  wh: Warehouse,
  q: BatchSql,
  staged: StagedBatch,
): Promise<(withProducts: boolean) => string> {
  const { loadable, stagedCount } = staged;
  const { v } = q;
  const byStaged = new Map(loadable.map((p) => [p.fi, p]));
  /** Per-file constants, looked up by the staging index `_fi` in lists written into the SQL. */
  const perFile = (value: (p: Loadable) => number | string, missing: string) =>
    `[${Array.from({ length: stagedCount }, (_, i) => {
      const p = byStaged.get(i);
      if (p === undefined) return missing;
      const x = value(p);
      return typeof x === 'number' ? String(x) : quoteLiteral(x);
    }).join(', ')}][t._fi + 1]`;
  const k = 't._k';
  await wh.run(
    `create temp table _files as select unnest($path::VARCHAR[]) as path, unnest($id::BIGINT[]) as file_id,
       unnest($name::VARCHAR[]) as file_name`,
    {
      path: varcharList(loadable.map((p) => p.file.path)),
      id: bigintList(loadable.map((p) => p.file.fileId)),
      name: varcharList(loadable.map((p) => p.file.fileName)),
    },
  );
  const gaps = loadable.flatMap((p) => p.numbering.thresholds.map(([t, c]) => ({ fi: p.fi, t, c })));
  let shift = '';
  let gapJoin = '';
  if (gaps.length > 0 && gaps.length <= INLINE_GAPS) {
    const cases = loadable
      .filter((p) => p.numbering.thresholds.length > 0)
      .map((p) => {
        let previous = 0;
        const terms = p.numbering.thresholds.map(([t, c]) => {
          const step = c - previous;
          previous = c;
          return `(${k} > ${t})::BIGINT * ${step}`;
        });
        return `WHEN ${p.fi} THEN ${terms.join(' + ')}`;
      });
    shift = `+ CASE t._fi ${cases.join(' ')} ELSE 0 END`;
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
  // Records with more fields than the header that DuckDB took (empty extra fields) are malformed.
  const shapes = loadable.flatMap((p) => p.file.scan.extraFieldRecords.map(([r, n]) => ({ fi: p.fi, r, n })));
  let shapeJoin = '';
  if (shapes.length > 0) {
    await wh.run(
      'create temp table _shape as select unnest($f::BIGINT[]) as fi, unnest($r::BIGINT[]) as r, unnest($n::BIGINT[]) as fields',
      {
        f: bigintList(shapes.map((x) => x.fi)),
        r: bigintList(shapes.map((x) => x.r)),
        n: bigintList(shapes.map((x) => x.n)),
      },
    );
    shapeJoin = `left join _shape s on s.fi = t._fi and s.r = ${k} ${shift}`;
  }
  const fieldsCol = shapes.length > 0 ? 's.fields' : 'CAST(NULL AS BIGINT)';
  const knownJoin =
    v.productExpr === null
      ? ''
      : `left join (select distinct product_id from bronze.products) _known on _known.product_id = t.${v.productExpr}`;
  return (
    withProducts,
  ) => `(select t.*, ${perFile((p) => p.file.fileId, 'NULL')} as _fid, ${perFile((p) => p.file.fileName, 'NULL')} as _fname,
      ${k} ${shift} as _row_number, ${fieldsCol} as _fields,
      CASE WHEN ${fieldsCol} IS NOT NULL THEN 'malformed_row' ELSE
        ${v.productExpr === null || !withProducts ? 't._reason0' : "coalesce(t._reason0, CASE WHEN _known.product_id IS NULL THEN 'unknown_product' END)"} END as _reason
      ${v.productExpr === null ? '' : withProducts ? ', _known.product_id as _known_product_id' : ", 'known' as _known_product_id"}
    from _typed t ${gapJoin} ${shapeJoin} ${withProducts ? knownJoin : ''})`;
}

/** `_extra` and the audit columns, as written by `${extra}, ${AUDIT}`. */
const AUDIT_COLS = ['_extra', '_source_file', '_file_id', '_row_number', '_ingested_at', '_run_id'];
const AUDIT = `_fname as _source_file, _fid as _file_id, _row_number,
    $ingested_at::TIMESTAMPTZ as _ingested_at, $run_id as _run_id`;

/**
 * Inserts the staged rows: products derived from the lines first (so the lines find them), the
 * rows entity, the other derived entities (per file, the last accepted row of each key), the rows
 * rejected by a rule and the structurally bad records. Returns the rows that entered bronze.
 */
async function insertRows(
  wh: Warehouse,
  batch: LoadBatch,
  q: BatchSql,
  staged: StagedBatch,
  numberedWith: (withProducts: boolean) => string,
  params: Readonly<Record<string, string | number>>,
): Promise<number> {
  const { plan } = batch;
  const { v, derived } = q;
  const entity = plan.rows.entity;
  const numbered = numberedWith(true);
  const insertDerived = async (d: (typeof derived)[number], source: string) => {
    const typed = d.v.typed;
    const key = d.target.entity.key.map((name) => typed.find((t) => t.name === name)?.expr ?? 'NULL');
    await wh.run(
      `insert into ${qualifiedName('bronze', d.target.entity.name)} (${[...typed.map((t) => quoteIdentifier(t.name)), '_nulled', ...AUDIT_COLS].join(', ')})
       select ${typed.map((t) => t.expr).join(', ')}, ${d.v.nulled}, ${d.target.extra}, ${AUDIT}
       from ${source} where _reason is null
       qualify row_number() over (partition by _fid, ${key.join(', ')} order by _row_number desc) = 1`,
      params,
    );
  };
  // A line is valid for its own product whatever else, so rows passing the join-free rules are
  // the ones its products come from.
  for (const d of derived.filter((x) => x.target.entity.name === 'products')) {
    await insertDerived(d, numberedWith(false));
  }
  const accepted = await wh.changes(
    `insert into ${qualifiedName('bronze', entity.name)} (${[...v.typed.map((t) => quoteIdentifier(t.name)), '_nulled', ...AUDIT_COLS].join(', ')})
     select ${v.typed.map((t) => t.expr).join(', ')}, ${v.nulled}, ${plan.rows.extra}, ${AUDIT}
     from ${numbered} where _reason is null`,
    params,
  );
  for (const d of derived.filter((x) => x.target.entity.name !== 'products')) {
    await insertDerived(d, numbered);
  }
  const quarantineCols = [
    ...v.raw.map((c) => quoteIdentifier(c.name)),
    '_raw',
    '_reason',
    '_detail',
    ...AUDIT_COLS,
  ];
  // Rows rejected by a rule: none when every staged row entered bronze; without the
  // known-products join when no line was refused for an unknown product.
  const stagedRows = staged.loadable.reduce((sum, p) => sum + p.staged, 0);
  if (accepted < stagedRows) {
    const byRule = Number(await wh.scalar('select count(*) from _typed where _reason0 is not null'));
    const source = byRule === stagedRows - accepted ? numberedWith(false) : numbered;
    await wh.run(
      `insert into ${qualifiedName('quarantine', entity.name)} (${quarantineCols.join(', ')})
       select ${v.raw.map((c) => c.expr).join(', ')}, NULL, _reason,
         CASE WHEN _fields IS NOT NULL THEN 'TOO MANY COLUMNS: the record has ' || _fields || ' fields, the header ${plan.width}'
              ELSE ${q.detail} END, ${plan.rows.extra}, ${AUDIT}
       from ${source} where _reason is not null`,
      params,
    );
  }
  await insertStructuralRejects(wh, entity, staged.loadable, params);
  return accepted;
}

/** The batch once its lookups exist: staging, numbering, checks, and the one transaction. */
async function loadStaged(
  wh: Warehouse,
  batch: LoadBatch,
  q: BatchSql,
  threshold: RejectThreshold,
  beforeCommit: (outcomes: ReadonlyMap<number, FileOutcome>) => Promise<void>,
  warnings: { code: string; message: string }[],
): Promise<BatchResult> {
  const { plan } = batch;
  const entity = plan.rows.entity;
  const staged = await stageAndNumber(wh, batch, q, threshold);
  const outcomes = new Map<number, FileOutcome>();
  for (const [fileId, rejection] of staged.rejected) {
    outcomes.set(fileId, { kind: 'rejected', ...rejection, counts: null });
  }
  const { loadable } = staged;
  if (loadable.length === 0) {
    await wh.transaction(async () => beforeCommit(outcomes));
    return { outcomes, warnings };
  }
  const numberedWith = await numberedRows(wh, q, staged);
  const currencies = await currencyJudge(wh, q, plan);
  if (plan.numbersLines === true) warnings.push(...(await restartedNumbering(wh, q.v, loadable)));
  const entities = [entity, ...plan.derived.map((t) => t.entity)];
  const params = { ingested_at: batch.ingestedAt, run_id: batch.runId, time_zone: batch.timeZone };
  await wh.transaction(async () => {
    const replaced = loadable.filter((p) => p.file.replaceExisting).map((p) => p.file.fileId);
    if (replaced.length > 0) await deleteFileRows(wh, entities, replaced);
    const accepted = await insertRows(wh, batch, q, staged, numberedWith, params);
    const counts = await countsByFile(wh, entity, loadable, bigintList(loadable.map((p) => p.file.fileId)));
    const acceptedTotal = [...counts.values()].reduce((sum, c) => sum + c.rowsAccepted, 0);
    if (acceptedTotal !== accepted) {
      throw new WarehouseError(
        `loadBatch: ${entity.name}: ${accepted} rows entered bronze, but the files' records less their rejections are ${acceptedTotal}`,
        null,
      );
    }
    // Files judged on their rows, in order: another currency, or too many rejected.
    for (const p of loadable) {
      const c = counts.get(p.file.fileId) as FileLoadCounts;
      const rejection = currencies.judge(p) ?? (await tooManyRejected(wh, entity, p.file, c, threshold));
      if (rejection === null) {
        currencies.loaded(p);
        if (c.rowsRejected > 0) await fillRawText(wh, entity, p.file);
        outcomes.set(p.file.fileId, { kind: 'loaded', counts: c });
        continue;
      }
      const keep = rejection.reason === 'too_many_rejected' ? threshold.keep : 0;
      await deleteFileRows(wh, entities, [p.file.fileId], keep);
      if (keep > 0) await fillRawText(wh, entity, p.file);
      outcomes.set(p.file.fileId, { kind: 'rejected', ...rejection, counts: c });
    }
    await beforeCommit(outcomes);
  });
  await wh.run(
    'drop table if exists temp._typed; drop table if exists temp._gaps; drop table if exists temp._files; drop table if exists temp._shape',
  );
  return { outcomes, warnings };
}

/**
 * A mapping that numbers lines counts from 1 in each run: orders of this batch whose lines
 * already came from files of earlier batches would have their lines replaced, not continued
 * (an export split into parts loaded in different runs). Reported, naming an example.
 */
async function restartedNumbering(
  wh: Warehouse,
  v: BatchSql['v'],
  loadable: readonly { file: FileLoad }[],
): Promise<{ code: string; message: string }[]> {
  const orderId = v.typed.find((t) => t.name === 'order_id')?.expr;
  if (orderId === undefined) return [];
  const ids = bigintList(loadable.map((p) => p.file.fileId));
  const found = await wh.one<{ n: number; example: string | null; earlier: string | null }>(
    `select count(distinct b.order_id) as n, min(b.order_id) as example, min(b._source_file) as earlier
     from bronze.order_items b
     where not list_contains($ids, b._file_id)
       and b.order_id in (select distinct ${orderId} from temp._typed where _reason0 is null)`,
    { ids },
  );
  const n = Number(found?.n ?? 0);
  if (n === 0) return [];
  const files = loadable.map((p) => p.file.fileName).join(', ');
  return [
    {
      code: 'line_numbers_restart',
      message: `${fmt(n)} order(s) of ${files} (e.g. ${found?.example}) already have lines from earlier files (e.g. ${found?.earlier}); the mapping numbers lines from 1 in each run, so these lines replace the earlier ones instead of continuing them. If this is one export split into parts, load all its parts in one run (with --reprocess for the parts already loaded)`,
    },
  ];
}

/**
 * Deletes files' rows from bronze and quarantine of the entities; with `keepQuarantine`, the
 * first that many quarantine rows of the rows entity (the first entity) stay.
 */
async function deleteFileRows(
  wh: Warehouse,
  entities: readonly EntitySpec[],
  fileIds: readonly number[],
  keepQuarantine = 0,
): Promise<void> {
  const ids = bigintList(fileIds);
  for (const [i, e] of entities.entries()) {
    await wh.run(`delete from ${qualifiedName('bronze', e.name)} where list_contains($ids, _file_id)`, {
      ids,
    });
    const keep = i === 0 ? keepQuarantine : 0;
    const table = qualifiedName('quarantine', e.name);
    await wh.run(
      keep === 0
        ? `delete from ${table} where list_contains($ids, _file_id)`
        : `delete from ${table} where rowid in (
             select rowid from (select rowid, row_number() over (partition by _file_id order by _row_number) as n
                                from ${table} where list_contains($ids, _file_id))
             where n > $keep)`,
      keep === 0 ? { ids } : { ids, keep },
    );
  }
}

/** Structurally bad records: DuckDB's rejects and the blank lines it skipped, of the loadable files. */
async function insertStructuralRejects(
  wh: Warehouse,
  entity: EntitySpec,
  loadable: readonly { file: FileLoad; numbering: RecordNumbering }[],
  params: Readonly<Record<string, string | number>>,
): Promise<void> {
  const blanks = loadable.flatMap((p) => [
    ...p.numbering.blank.map((r) => ({ id: p.file.fileId, r, detail: 'BLANK LINE: the record is empty' })),
    ...p.numbering.strayCr.map((r) => ({
      id: p.file.fileId,
      r,
      detail: 'STRAY CR: a carriage return inside an unquoted field',
    })),
  ]);
  await wh.run(
    `insert into ${qualifiedName('quarantine', entity.name)} (_raw, _reason, _detail, _extra, _source_file, _file_id, _row_number, _ingested_at, _run_id)
     select NULL, 'malformed_row', x.detail, NULL, f.file_name, f.file_id, x.r, $ingested_at::TIMESTAMPTZ, $run_id from (
       select s.file_path as path, j.line - 1 as r, arg_min(j.error_type || ': ' || j.error_message, j.column_idx) as detail
       from _rej j join _rejscan s using (scan_id, file_id) group by all
       union all
       select f2.path, b.r, b.detail
       from (select unnest($bid::BIGINT[]) as file_id, unnest($br::BIGINT[]) as r, unnest($bd::VARCHAR[]) as detail) b
       join _files f2 using (file_id)
     ) x join _files f on f.path = x.path`,
    {
      ...params,
      bid: bigintList(blanks.map((b) => b.id)),
      br: bigintList(blanks.map((b) => b.r)),
      bd: varcharList(blanks.map((b) => b.detail)),
    },
  );
}

/** `too_many_rejected` when the file's rejected share passes the threshold, naming the top reason. */
async function tooManyRejected(
  wh: Warehouse,
  entity: EntitySpec,
  file: FileLoad,
  counts: FileLoadCounts,
  threshold: RejectThreshold,
): Promise<Rejection | null> {
  const { rowsRead, rowsRejected } = counts;
  if (rowsRead < threshold.minRows || rowsRejected <= threshold.share * rowsRead) return null;
  const top = await wh.one<{ reason: string; n: number; example: string | null }>(
    `select _reason as reason, count(*) as n, arg_min(_detail, _row_number) as example
     from ${qualifiedName('quarantine', entity.name)} where _file_id = $id group by 1 order by n desc, 1 limit 1`,
    { id: file.fileId },
  );
  const example = top?.example === null || top?.example === undefined ? '' : `, e.g. ${top.example}`;
  return {
    reason: 'too_many_rejected',
    detail: `${file.fileName}: ${fmt(rowsRejected)} of its ${fmt(rowsRead)} rows (${pct(rowsRejected / rowsRead)}) were rejected, over the limit of ${pct(threshold.share)} (--max-rejected); most often ${top?.reason} (${fmt(Number(top?.n ?? 0))}${example}). A wrong mapping or format? Nothing of it was loaded; its first ${fmt(threshold.keep)} rejected rows are in quarantine.${entity.name}`,
  };
}

/** Judges the files of a batch, in order, against the warehouse's one currency. */
interface CurrencyJudge {
  /** `currency_mismatch` when the file's orders are in a currency other than the warehouse's. */
  judge(p: Loadable): Rejection | null;
  /** The file is loaded: in a new warehouse, its first order's currency becomes the warehouse's. */
  loaded(p: Loadable): void;
}

/**
 * The currencies of the staged files' accepted orders, and the warehouse's currency: that of the
 * first order ever loaded, or in a new warehouse of the first loaded file's first order (a file
 * rejected whole for another reason sets none).
 */
async function currencyJudge(wh: Warehouse, q: BatchSql, plan: StagePlan): Promise<CurrencyJudge> {
  const orders =
    plan.rows.entity.name === 'orders' ? q.v : q.derived.find((d) => d.target.entity.name === 'orders')?.v;
  const currency = orders?.typed.find((t) => t.name === 'currency')?.expr;
  if (currency === undefined) return { judge: () => null, loaded: () => {} };
  const found = new Map(
    (
      await wh.all<{ fi: number; first: string; currencies: string[] }>(
        `select _fi as fi, arg_min(cur, _k) as first, list(distinct cur order by cur) as currencies
         from (select _fi, ${currency} as cur, _k from _typed where _reason0 is null)
         where cur is not null group by 1`,
      )
    ).map((r) => [Number(r.fi), r]),
  );
  let current = (await wh.scalar(
    `select currency from bronze.orders where currency is not null
     order by _ingested_at, _file_id, _row_number limit 1`,
  )) as string | null;
  const setBy = current === null ? null : 'the orders already in the warehouse';
  return {
    judge(p) {
      const f = found.get(p.fi);
      if (f === undefined) return null;
      const warehouse = current ?? f.first;
      const foreign = f.currencies.filter((c) => c !== warehouse);
      if (foreign.length === 0) return null;
      const origin = setBy ?? (current === null ? "this file's first order" : 'the first orders loaded');
      return {
        reason: 'currency_mismatch',
        detail: `${p.file.fileName}: orders in ${foreign.join(', ')}, but the warehouse's currency is ${warehouse} (${origin}); conversion is not supported: load the file into a warehouse of its own`,
      };
    },
    loaded(p) {
      current ??= found.get(p.fi)?.first ?? null;
    },
  };
}

/** Rejected-row counts by file and reason, from quarantine. */
async function countsByFile(
  wh: Warehouse,
  entity: EntitySpec,
  loadable: readonly { file: FileLoad }[],
  ids: ReturnType<typeof bigintList>,
): Promise<Map<number, FileLoadCounts>> {
  const byFile = new Map<number, Record<string, number>>();
  for (const r of await wh.all<{ id: number; reason: string; n: number }>(
    `select _file_id as id, _reason as reason, count(*) as n from ${qualifiedName('quarantine', entity.name)}
     where list_contains($ids, _file_id) group by 1, 2 order by 1, 2`,
    { ids },
  )) {
    byFile.set(Number(r.id), { ...(byFile.get(Number(r.id)) ?? {}), [r.reason]: Number(r.n) });
  }
  const result = new Map<number, FileLoadCounts>();
  for (const { file } of loadable) {
    const rejectedByReason = byFile.get(file.fileId) ?? {};
    const rowsRejected = Object.values(rejectedByReason).reduce((sum, n) => sum + n, 0);
    result.set(file.fileId, {
      rowsRead: file.scan.records,
      rowsAccepted: file.scan.records - rowsRejected,
      rowsRejected,
      rejectedByReason,
    });
  }
  return result;
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

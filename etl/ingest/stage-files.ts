import { bigintList, type Warehouse } from '../../src/warehouse/index.ts';
import type { BatchSql } from './batch-sql.ts';
import type {
  FileLoad,
  Loadable,
  LoadBatch,
  Rejection,
  RejectThreshold,
  StagedBatch,
} from './batch-types.ts';
import { mostlyBlank } from './file-judgements.ts';
import { recordNumbering } from './record-numbering.ts';

/** Staging a batch's files, one `read_csv` each, and numbering their records. */

/** How many rows of a file the staging table holds, or why the file could not be read. */
export type Staged = { readonly rows: number } | { readonly rejected: Rejection };

/** `_srow` = file index x this + the row's ordinal in its file. */
export const FILE_STRIDE = 2 ** 40;

/**
 * Stages the files one `read_csv` each, in order, into `temp._typed` (typed columns and the
 * join-free rejection reason). A single-file read keeps file order in the appended rows, so a
 * file's accepted rows are one contiguous block whose k-th row is its k-th accepted record:
 * record numbering never depends on how DuckDB interleaves the files of a multi-file read.
 * A file DuckDB cannot read is rejected alone (`unreadable`); the others go on.
 */
export async function stageFiles(wh: Warehouse, batch: LoadBatch, q: BatchSql): Promise<Staged[]> {
  const { plan } = batch;
  const typedFrom = (source: string) =>
    `select *, ${q.firstReason} as _reason0 from (
       select *${q.select(q.parsed)} from (
         select *${q.select(plan.mapped)} from ${source}))`;
  // Columns over the whole file (line numbers, duplicates) need the rows staged first.
  const target = plan.windows.length === 0 ? '_typed' : '_src';
  const staged: Staged[] = [];
  let created = false;
  for (const [index, file] of batch.files.entries()) {
    // `_k`: the accepted row's ordinal in its file. A streaming row_number over one file's scan
    // follows file order; the staging table's rowid does not (it moved between statements).
    const scan = `(select *, ${index}::BIGINT as _fi, row_number() over () as _k from ${q.reader})`;
    const body = target === '_typed' ? typedFrom(scan) : `select * from ${scan}`;
    // The statement's own row count (an insert's or a create-as's), instead of counting the
    // staging table after each file (a further statement a file, a few ms each).
    let rows: number;
    try {
      rows = await wh.changes(
        `${created ? `insert into temp.${target}` : `create temp table ${target} as`} ${body}`,
        {
          path: file.path,
        },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Only the reader's own complaints about the file reject it; anything else (memory, disk,
      // a fault in the loader's SQL) fails the run loudly.
      if (!/Invalid Input Error|IO Error/.test(message) || /out of memory|no space left/i.test(message)) {
        throw error;
      }
      staged.push({
        rejected: {
          reason: 'unreadable',
          detail: `${file.fileName}: the CSV reader could not read it: ${message.split('\n')[0]}`,
        },
      });
      continue;
    }
    created = true;
    staged.push({ rows });
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
export async function rejectedRecords(wh: Warehouse, staged: boolean): Promise<Map<string, number[]>> {
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

/**
 * Stages the batch's readable files and numbers their records; a file that is mostly blank,
 * cannot be read or whose counts disagree with its scan is rejected here, its staged rows dropped.
 */
export async function stageAndNumber(
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

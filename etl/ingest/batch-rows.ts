import {
  bigintList,
  qualifiedName,
  quoteIdentifier,
  varcharList,
  type Warehouse,
} from '../../src/warehouse/index.ts';
import type { EntitySpec } from '../contract.ts';
import { AUDIT, AUDIT_COLS, type BatchSql } from './batch-sql.ts';
import type { FileLoad, FileLoadCounts, LoadBatch, StagedBatch } from './batch-types.ts';
import { readRawRecords } from './raw-records.ts';
import type { RecordNumbering } from './record-numbering.ts';

/** Writing a batch's rows: bronze, quarantine, their counts, and the verbatim text of rejected records. */

export const RAW_BATCH = 20_000;

/**
 * Inserts the staged rows: products derived from the lines first (so the lines find them), the
 * rows entity, the other derived entities (per file, the last accepted row of each key), the rows
 * rejected by a rule and the structurally bad records. Returns the rows that entered bronze.
 */
export async function insertRows(
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

/**
 * Deletes files' rows from bronze and quarantine of the entities; with `keepQuarantine`, the
 * first that many quarantine rows of the rows entity (the first entity) stay.
 */
export async function deleteFileRows(
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
export async function insertStructuralRejects(
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

/** Rejected-row counts by file and reason, from quarantine. */
export async function countsByFile(
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
export async function fillRawText(wh: Warehouse, entity: EntitySpec, load: FileLoad): Promise<void> {
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

import {
  bigintList,
  quoteIdentifier,
  quoteLiteral,
  varcharList,
  type Warehouse,
} from '../../src/warehouse/index.ts';
import type { Loadable, StagedBatch } from './batch-types.ts';
import type { StagePlan } from './plan.ts';
import { buildValidationSql, mergeRules, rawColumnName, reasonCase } from './validation.ts';

/** The SQL of a load batch: validation of each entity a row feeds, and the staged rows numbered. */

/** Up to this many gaps in record numbers are added inline, beyond it by an ASOF join. */
export const INLINE_GAPS = 200;

/** The SQL pieces of a batch: validation of the rows entity and of the entities derived from it. */
export function batchSql(plan: StagePlan) {
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

export type BatchSql = ReturnType<typeof batchSql>;

/**
 * The SQL of the staged rows with their audit columns: file id and name, `_row_number` (the
 * row's ordinal shifted past the gaps: an inline sum for few gaps, an ASOF join for many),
 * `_fields` for records with too many fields, and `_reason` (with the known-products join for
 * order lines when `withProducts`). Writes the small tables it joins (`_files`, `_gaps`, `_shape`).
 */
export async function numberedRows(
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
export const AUDIT_COLS = ['_extra', '_source_file', '_file_id', '_row_number', '_ingested_at', '_run_id'];

export const AUDIT = `_fname as _source_file, _fid as _file_id, _row_number,
    $ingested_at::TIMESTAMPTZ as _ingested_at, $run_id as _run_id`;

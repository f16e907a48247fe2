import { bigintList, qualifiedName, type Warehouse } from '../../src/warehouse/index.ts';
import type { EntitySpec } from '../contract.ts';
import type { BatchSql } from './batch-sql.ts';
import type { FileLoad, FileLoadCounts, Loadable, Rejection, RejectThreshold } from './batch-types.ts';
import type { StagePlan } from './plan.ts';

/** Whole-file judgements on a batch's rows: mostly blank, too many rejected, another currency, restarted line numbers. */

const fmt = (n: number) => n.toLocaleString('en-US');

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** A file whose blank records alone pass the threshold is rejected before it is read. */
export function mostlyBlank(file: FileLoad, threshold: RejectThreshold): Rejection | null {
  const { records, blankRecords } = file.scan;
  if (records < threshold.minRows || blankRecords.length <= threshold.share * records) return null;
  return {
    reason: 'too_many_rejected',
    detail: `${file.fileName}: ${fmt(blankRecords.length)} of its ${fmt(records)} records (${pct(blankRecords.length / records)}) are blank lines, over the limit of ${pct(threshold.share)} (--max-rejected); nothing of it was loaded`,
  };
}

/** `too_many_rejected` when the file's rejected share passes the threshold, naming the top reason. */
export async function tooManyRejected(
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
export interface CurrencyJudge {
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
export async function currencyJudge(wh: Warehouse, q: BatchSql, plan: StagePlan): Promise<CurrencyJudge> {
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

/**
 * A mapping that numbers lines counts from 1 in each run: orders of this batch whose lines
 * already came from files of earlier batches would have their lines replaced, not continued
 * (an export split into parts loaded in different runs). Reported, naming an example.
 */
export async function restartedNumbering(
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

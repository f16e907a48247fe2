import { InvalidArgumentError } from '../../src/errors.ts';
import { quoteIdentifier, quoteLiteral } from '../../src/warehouse/index.ts';
import { ENTITIES, entitySpec } from '../contract.ts';
import type { StageColumn, StagePlan, TargetPlan } from '../ingest/plan.ts';
import { extraMapSql, rawColumnName, type ValidationRule } from '../ingest/validation.ts';
import { parseDateFormat } from './dates.ts';
import type { Condition, Expr, SourceColumnRef, SourceSpec } from './types.ts';
import { type MappingNode, walkMapping } from './walk.ts';

/** The reason of rows a source rejects as exact duplicates. */
export const DUPLICATE_ROW = 'duplicate_row';

/** The staging name of a source's lookup table. */
const lookupTable = (index: number) => `_lookup_${index}`;

/** A mapping refers to a column the file's header lacks. */
export class MissingSourceColumn extends Error {}

const NULL_TEXT = 'CAST(NULL AS VARCHAR)';

/**
 * Compiles a mapping source against one file's header into a staging plan. Every value is SQL
 * built here from the closed set of operations: source column names become quoted references to
 * the raw columns by position, constants become quoted literals.
 *
 * @throws MissingSourceColumn naming the mapping line when the header lacks a column it uses.
 */
export function compileSource(
  source: SourceSpec,
  mappingFile: string,
  header: { readonly names: readonly string[]; readonly index: ReadonlyMap<string, number> },
): StagePlan {
  const used = new Set<number>();
  const windows: StageColumn[] = [];
  /** Whether the mapping numbers lines itself (`line_number`), counting from 1 in each batch. */
  let numbersLines = false;
  const mapped: StageColumn[] = [];
  const position = (ref: { name: string; line: number }, use = true): number => {
    const p = header.index.get(ref.name.trim().toLowerCase());
    if (p === undefined) {
      throw new MissingSourceColumn(
        `mapping ${mappingFile} line ${ref.line}: source column '${ref.name}' is not in the file's header (${header.names.join(', ')})`,
      );
    }
    if (use) used.add(p);
    return p;
  };
  const column = (ref: { name: string; line: number }, use = true) =>
    quoteIdentifier(rawColumnName(position(ref, use)));
  const windowColumn = (expr: string): string => {
    const existing = windows.find((w) => w.expr === expr);
    if (existing !== undefined) return quoteIdentifier(existing.name);
    const name = `_win${windows.length}`;
    windows.push({ name, expr });
    return quoteIdentifier(name);
  };
  const partition = (refs: readonly SourceColumnRef[], use = true) =>
    ['_fi', ...refs.map((r) => column(r, use))].join(', ');

  const sql = (e: Expr): string => {
    switch (e.op) {
      case 'column':
        return column(e);
      case 'const':
        return e.value === null ? NULL_TEXT : quoteLiteral(e.value);
      case 'trim':
        return `nullif(trim(${sql(e.arg)}), '')`;
      case 'upper':
        return `upper(${sql(e.arg)})`;
      case 'lower':
        return `lower(${sql(e.arg)})`;
      case 'abs':
        return `regexp_replace(${sql(e.arg)}, '^[+-]', '')`;
      case 'strip_prefix': {
        const x = sql(e.arg);
        return `CASE WHEN starts_with(${x}, ${quoteLiteral(e.prefix)}) THEN substr(${x}, ${e.prefix.length + 1}) ELSE ${x} END`;
      }
      case 'round': {
        const x = sql(e.arg);
        // Exact decimal rounding (half away from zero); text that is no number stays as it is
        // and fails the contract's number check.
        return `coalesce(CAST(round(try_cast(${x} AS DECIMAL(38, 14)), ${e.decimals}) AS DECIMAL(38, ${e.decimals}))::VARCHAR, ${x})`;
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div': {
        const [a, b] = e.args.map(sql) as [string, string];
        const na = `try_cast(${a} AS DOUBLE)`;
        const nb = `try_cast(${b} AS DOUBLE)`;
        const symbol = { add: '+', sub: '-', mul: '*', div: '/' }[e.op];
        const bad =
          e.op === 'div' ? `${na} IS NULL OR ${nb} IS NULL OR ${nb} = 0` : `${na} IS NULL OR ${nb} IS NULL`;
        // Double precision, rounded to `decimals`; a missing operand gives a missing value, one
        // that is not a number (or a zero divisor) gives text that fails the number check.
        return `CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN ${NULL_TEXT}
          WHEN ${bad} THEN ${a} || ' ${symbol} ' || ${b}
          ELSE CAST(round(${na} ${symbol} ${nb}, ${e.decimals}) AS DECIMAL(38, ${e.decimals}))::VARCHAR END`;
      }
      case 'date': {
        const x = sql(e.arg);
        const formats = e.formats.map(parseDateFormat);
        if (formats.some((f) => f.strptime === '')) return x;
        const out = formats.some((f) => f.hasTime) ? '%Y-%m-%d %H:%M:%S' : '%Y-%m-%d';
        const whens = formats.map((f) => {
          const parsed = `try_strptime(${x}, ${quoteLiteral(f.strptime)})`;
          return `WHEN regexp_full_match(${x}, ${quoteLiteral(f.pattern)}) AND ${parsed} IS NOT NULL THEN strftime(${parsed}, ${quoteLiteral(out)})`;
        });
        return `CASE WHEN ${x} IS NULL THEN ${NULL_TEXT} ${whens.join(' ')}
          ELSE ${x} || ${quoteLiteral(` (not ${e.formats.join(' or ')})`)} END`;
      }
      case 'map': {
        const x = sql(e.arg);
        if (e.values.length === 0) return e.other === 'keep' ? x : NULL_TEXT;
        const whens = e.values
          .map(
            ([from, to]) => `WHEN ${quoteLiteral(from)} THEN ${to === null ? NULL_TEXT : quoteLiteral(to)}`,
          )
          .join(' ');
        return `CASE ${x} ${whens} ELSE ${e.other === 'keep' ? x : NULL_TEXT} END`;
      }
      case 'if':
        return `CASE WHEN coalesce(${cond(e.cond)}, false) THEN ${sql(e.ifTrue)} ELSE ${sql(e.ifFalse)} END`;
      case 'coalesce':
        return `coalesce(${e.args.map(sql).join(', ')})`;
      case 'concat':
        return `(${e.args.map(sql).join(' || ')})`;
      case 'lookup': {
        const index = source.lookups.findIndex((l) => l.name === e.name);
        if (index < 0) {
          throw new InvalidArgumentError(
            `mapping ${mappingFile} line ${e.line}: lookup '${e.name}' is not declared under the source's 'lookups'`,
          );
        }
        return `(select _l.v from temp.${quoteIdentifier(lookupTable(index))} _l where _l.k = ${sql(e.key)})`;
      }
      case 'line_number':
        numbersLines = true;
        // Counted across the files one source reads in one batch (in byte order of their names),
        // so an invoice split over two part files keeps numbering: `_srow` runs file after file.
        return windowColumn(
          `row_number() over (${e.per.length === 0 ? '' : `partition by ${e.per.map((r) => column(r)).join(', ')} `}order by _srow)::VARCHAR`,
        );
    }
  };

  const cond = (c: Condition): string => {
    switch (c.op) {
      case 'empty':
        return `(nullif(trim(${sql(c.arg)}), '') IS NULL)`;
      case 'starts_with':
        return `starts_with(${sql(c.arg)}, ${quoteLiteral(c.prefix)})`;
      case 'equals':
        return `(${sql(c.arg)} = ${quoteLiteral(c.value)})`;
      case 'in':
        return `(${sql(c.arg)} IN (${c.values.map(quoteLiteral).join(', ')}))`;
      case 'below':
        return `(try_cast(${sql(c.arg)} AS DOUBLE) < ${c.value})`;
      case 'above':
        return `(try_cast(${sql(c.arg)} AS DOUBLE) > ${c.value})`;
      case 'not':
        return `(NOT coalesce(${cond(c.cond)}, false))`;
      case 'all':
      case 'any':
        return `(${c.conds.map((x) => `coalesce(${cond(x)}, false)`).join(c.op === 'all' ? ' AND ' : ' OR ')})`;
    }
  };

  // Mapping rules: duplicates first, then the source's own rules in order.
  const rules: ValidationRule[] = [];
  if (source.duplicates === 'reject') {
    const refs =
      source.duplicateColumns.length > 0
        ? source.duplicateColumns
        : header.names.map((name) => ({ name, line: source.line }));
    // Comparing columns does not use them: unmapped columns still go to `_extra`.
    // A partition minimum needs no sort within the partition, unlike row_number.
    const flag = windowColumn(`_srow > min(_srow) over (partition by ${partition(refs, false)})`);
    rules.push({
      when: flag,
      reason: DUPLICATE_ROW,
      detail: quoteLiteral(
        `the same values as an earlier row of the file (${refs.map((r) => r.name).join(', ')})`,
      ),
    });
  }
  for (const rule of source.reject) {
    const refs = sourceColumns({ cond: rule.when });
    rules.push({
      when: `coalesce(${cond(rule.when)}, false)`,
      reason: rule.reason,
      detail: `concat_ws('; ', ${refs.map((r) => `${quoteLiteral(`${r.name}=`)} || coalesce(${column(r)}, '')`).join(', ')})`,
    });
  }

  const targets = new Map<string, TargetPlan>();
  for (const em of source.entities) {
    const entity = entitySpec(em.entity);
    const sources: Record<string, string | null> = {};
    const names: Record<string, string> = {};
    for (const c of entity.columns) sources[c.name] = null;
    for (const c of em.columns) {
      const name = `_m_${entity.name}__${c.column}`;
      mapped.push({ name, expr: sql(c.expr) });
      sources[c.column] = quoteIdentifier(name);
      // Details name the export's own columns too: `order_ts (InvoiceDate)=...`.
      const from = sourceColumns({ expr: c.expr }).map((r) => r.name);
      if (from.length > 0) names[c.column] = `${c.column} (${from.join(', ')})`;
    }
    targets.set(entity.name, { entity, sources, names, extra: 'CAST(NULL AS MAP(VARCHAR, VARCHAR))' });
  }
  const rowsTarget = targets.get(source.rows) as TargetPlan;
  // The rows entity keeps every source column the mapping does not use, as contract files keep
  // their unknown columns.
  const extras = header.names.flatMap((name, p) => (used.has(p) ? [] : [{ name, position: p }]));
  const derived = ENTITIES.filter((e) => e.name !== source.rows && targets.has(e.name)).map(
    (e) => targets.get(e.name) as TargetPlan,
  );
  return {
    width: header.names.length,
    numbersLines,
    lookups: source.lookups.map((l, index) => ({
      table: lookupTable(index),
      name: l.name,
      mappingFile,
      line: l.line,
      files: l.files,
      encoding: l.encoding,
      key: l.key.name,
      value: l.value.name,
      paths: [],
      names: [],
    })),
    windows,
    mapped,
    rules,
    rows: { ...rowsTarget, extra: extraMapSql(extras) },
    derived,
  };
}

/** Source columns an expression or a condition reads, in order of appearance, each once. */
function sourceColumns(of: { readonly expr: Expr } | { readonly cond: Condition }): SourceColumnRef[] {
  const out: SourceColumnRef[] = [];
  const add = (ref: SourceColumnRef) => {
    if (!out.some((x) => x.name === ref.name)) out.push(ref);
  };
  const start: MappingNode = 'expr' in of ? { kind: 'expr', node: of.expr } : { kind: 'cond', node: of.cond };
  walkMapping(start, (n) => {
    if (n.kind !== 'expr') return;
    if (n.node.op === 'column') add(n.node);
    else if (n.node.op === 'line_number') for (const r of n.node.per) add(r);
  });
  return out;
}

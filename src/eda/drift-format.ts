import { displayWidth, printable } from '../terminal-text.ts';
import { formatCount, formatFigure, formatPercent } from './alert-figures.ts';
import type { ColumnDrift, DriftResult } from './types.ts';

const share = (x: number | null) => (x === null ? '-' : formatPercent(x));
const figure = (x: number | null) => (x === null ? '-' : formatFigure(x));
const signed = (x: number | null) => (x === null ? '-' : x > 0 ? `+${formatFigure(x)}` : formatFigure(x));

/** Aligned columns, measured in terminal columns; the first column left-aligned, the others right. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>(
    (w, row) => row.map((c, i) => Math.max(w[i] ?? 0, displayWidth(c))),
    [],
  );
  return rows.map((row) =>
    row
      .map((c, i) => {
        const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return i === 0 ? c + fill : fill + c;
      })
      .join('  ')
      .trimEnd(),
  );
}

function categories(
  label: string,
  list: readonly { value: string; count: number }[] | null,
  total: { values: number; rows: number } | undefined,
): string | null {
  if (list === null || list.length === 0) return null;
  const shown = list.map((c) => `${JSON.stringify(printable(c.value))} (${formatCount(c.count)})`).join(', ');
  const all =
    total === undefined ? '' : ` [${formatCount(total.values)} in all, ${formatCount(total.rows)} rows]`;
  return `    ${label}: ${shown}${all}`;
}

function details(c: ColumnDrift): string[] {
  const out: string[] = [];
  const totals = c.categoryTotals ?? undefined;
  const added = categories('new in B', c.newCategories, totals?.new);
  const vanished = categories('vanished from A', c.vanishedCategories, totals?.vanished);
  if (added !== null) out.push(added);
  if (vanished !== null) out.push(vanished);
  if (c.quantileShifts !== null) {
    const qs = c.quantileShifts.filter((q) => q.p === 0.05 || q.p === 0.5 || q.p === 0.95);
    out.push(
      `    quantiles A -> B: ${qs.map((q) => `p${q.p * 100} ${figure(q.a)} -> ${figure(q.b)}`).join(', ')}`,
    );
  }
  return out;
}

/**
 * Renders a drift comparison as plain text for the CLI: the slices and their rows, one line per
 * column (missing shares, mean shift, PSI) with its new / vanished categories and quantiles
 * below, then the alerts and warnings. Deterministic: it reads only the result; names and values
 * from the data are shown with control characters escaped.
 *
 * @example formatDrift(await compareSlices(wh, 'sales', parseCompare('month=2025-09,2025-10')))
 *   // 'Drift in main.sales: A "month" = "2025-09" (4 rows) -> B "month" = "2025-10" (5 rows)\n...'
 */
export function formatDrift(r: DriftResult): string {
  const slice = (s: 'a' | 'b') =>
    printable(r.slices?.[s] ?? `${JSON.stringify(r.compare.column)} = ${JSON.stringify(r.compare[s])}`);
  const out = [
    `Drift in ${printable(r.source.name)}: A ${slice('a')} (${formatCount(r.rows.a)} rows) -> B ${slice('b')} (${formatCount(r.rows.b)} rows)`,
  ];
  if (r.options?.where != null) out.push(`where ${printable(r.options.where)}`);
  out.push('');
  const rows: string[][] = [['column', 'kind', 'missing A', 'missing B', 'mean shift', 'PSI']];
  const below = new Map<number, string[]>();
  r.columns.forEach((c, i) => {
    rows.push([
      printable(c.name),
      c.kind,
      share(c.missingShare.a),
      share(c.missingShare.b),
      signed(c.meanShift),
      c.psi === null ? '-' : formatFigure(c.psi.value),
    ]);
    below.set(i, details(c));
  });
  table(rows).forEach((line, i) => {
    out.push(line);
    if (i > 0) out.push(...(below.get(i - 1) ?? []));
  });
  out.push('', r.alerts.length === 0 ? 'Alerts: none' : 'Alerts:');
  for (const a of r.alerts) out.push(`  ${a.code}  ${printable(a.message)}`);
  if (r.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const w of r.warnings) out.push(`  ${w.code}  ${printable(w.message)}`);
  }
  return `${out.join('\n')}\n`;
}

import { displayWidth, printable } from '../terminal-text.ts';
import type { ColumnProfile, CorrelationMatrix, ProfileResult } from './types.ts';

/** Aligned columns, measured in terminal columns; cells from index `rightFrom` on are right-aligned. */
function table(rows: readonly (readonly string[])[], rightFrom = 99): string[] {
  const widths = rows.reduce<number[]>(
    (w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, displayWidth(cell))),
    [],
  );
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
        return i >= rightFrom ? fill + cell : cell + fill;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** A number for reading: up to 4 significant decimals, `-` when not computable. */
function fmt(x: number | string | null | undefined): string {
  if (x === null || x === undefined) return '-';
  if (typeof x === 'string') return x;
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3 ? x.toPrecision(4) : String(Number(x.toFixed(4)));
}

const percent = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)} %`);

/** The key figures of one column on one line. */
function columnFigures(c: ColumnProfile): string {
  switch (c.kind) {
    case 'numeric': {
      const q = (p: number) => c.quantiles.find((x) => x.p === p)?.value ?? null;
      const outliers =
        c.outliers === null ? '-' : `${c.outliers.iqr.count} IQR / ${c.outliers.mad.count} MAD`;
      const nonFinite = c.nonFinite ? `  non-finite ${c.nonFinite}` : '';
      return `min ${fmt(c.min)}  q1 ${fmt(q(0.25))}  median ${fmt(c.median)}  q3 ${fmt(q(0.75))}  max ${fmt(c.max)}  mean ${fmt(c.mean)}  sd ${fmt(c.sd)}  skew ${fmt(c.skewness)}  kurt ${fmt(c.kurtosis)}  zeros ${c.zeros}  neg ${c.negatives}  outliers ${outliers}${nonFinite}`;
    }
    case 'text': {
      const top = c.top.slice(0, 3).map((t) => `${JSON.stringify(printable(t.value))} ${t.count}`);
      return `top ${top.join(', ') || '-'}  length ${fmt(c.length.min)}-${fmt(c.length.max)}  empty ${c.empty}  numeric-like ${c.numericLike}  date-like ${c.dateLike}`;
    }
    case 'date':
    case 'timestamp': {
      const gap =
        c.longestGap === null ? '-' : `${c.longestGap.days} d (${c.longestGap.from} .. ${c.longestGap.to})`;
      return `${c.min ?? '-'} .. ${c.max ?? '-'}  days ${fmt(c.days)}  coverage ${percent(c.coverage)}  missing days ${fmt(c.missingDays)}  longest gap ${gap}`;
    }
    default: {
      const top = c.top.slice(0, 3).map((t) => `${JSON.stringify(printable(t.value))} ${t.count}`);
      return `top ${top.join(', ') || '-'}`;
    }
  }
}

function columnRows(columns: readonly ColumnProfile[]): string[] {
  return table([
    ['column', 'type', 'missing', 'distinct', 'figures'],
    ...columns.map((c) => [
      printable(c.name),
      c.type,
      `${c.missing} (${percent(c.missingShare)})`,
      String(c.distinct),
      columnFigures(c),
    ]),
  ]).map((line) => `  ${line}`);
}

function matrixRows(m: CorrelationMatrix): string[] {
  if (m.columns.length < 2) return [];
  return [
    `${m.method === 'pearson' ? 'Pearson' : 'Spearman'} correlation:`,
    ...table(
      [
        ['', ...m.columns.map(printable)],
        ...m.columns.map((name, i) => [
          printable(name),
          ...(m.values[i] ?? []).map((v) => (v === null ? '-' : v.toFixed(3))),
        ]),
      ],
      1,
    ).map((line) => `  ${line}`),
  ];
}

/**
 * Renders a profile as plain text for the CLI: what was profiled, one line per column with its
 * key figures, the table figures (rows, duplicates, correlations, columns missing together), the
 * groups of a `by` profile, alerts and warnings. Deterministic: it reads only the result; text
 * from the data (names, values) has control characters escaped.
 *
 * @example formatProfile(await profileTable(wh, 'gold.daily_sales')) // 'Profile of table gold.daily_sales: 31 rows, ...'
 */
export function formatProfile(r: ProfileResult): string {
  const t = r.table;
  const out = [
    `Profile of ${r.source.kind} ${printable(r.source.name)}: ${t.rows} rows, ${r.columns.length} columns${r.options.where === null ? '' : `, where ${printable(r.options.where)}`}`,
    '',
    ...columnRows(r.columns),
    '',
    `Rows ${t.rows}, duplicate rows ${t.duplicateRows}`,
    ...matrixRows(t.pearson),
    ...matrixRows(t.spearman),
  ];
  const together = t.missingTogether.filter((m) => m.rows > 0);
  if (together.length > 0) {
    out.push(
      'Missing together:',
      ...together.map((m) => `  ${m.columns.map(printable).join(' & ')}: ${m.rows} rows`),
    );
  }
  for (const g of r.groups ?? []) {
    out.push(
      '',
      `Group ${r.options.by === null ? '' : printable(r.options.by)} = ${g.group === null ? '(missing)' : printable(g.group)}: ${g.rows} rows`,
      ...columnRows(g.columns),
    );
  }
  out.push('', r.alerts.length === 0 ? 'Alerts: none' : 'Alerts:');
  for (const a of r.alerts) out.push(`  [${a.code}] ${printable(a.message)}`);
  if (r.warnings.length > 0)
    out.push('Warnings:', ...r.warnings.map((w) => `  [${w.code}] ${printable(w.message)}`));
  return `${out.join('\n')}\n`;
}

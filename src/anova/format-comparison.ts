import { displayWidth, printable } from '../terminal-text.ts';
import type { CompareGroupsResult } from './compare-groups.ts';

/** Groups listed in the text output; `--json` has every group. */
const SHOWN_GROUPS = 50;

/** A p-value as people read it: 4 significant digits, `< 1e-16` below double precision's reach. */
export function formatPValue(p: number | null): string {
  if (p === null) return '-';
  if (p < 1e-16) return '< 1e-16';
  return p < 0.001 ? p.toExponential(2) : p.toPrecision(4);
}

function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return '-';
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 1e6 || Math.abs(x) < 1e-4 ? x.toExponential(digits - 1) : x.toPrecision(digits + 1);
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, displayWidth(c))), []);
  return rows.map((r) =>
    r
      .map((c, i) => {
        const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return i === 0 ? c + fill : fill + c;
      })
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The comparison as text for the CLI: the groups (n, mean, sd), then one line per test with its
 * statistic, degrees of freedom, p-value and effect size, then warnings. Labels from the data are
 * shown with control characters escaped. Deterministic: it reads only the result.
 */
export function formatGroupComparison(r: CompareGroupsResult): string {
  const by =
    r.grouping.kind === 'column'
      ? `by ${r.grouping.column}`
      : `by ${r.grouping.scheme} of ${r.grouping.dateColumn}`;
  const out = [
    `Comparing ${printable(r.value.column)} ${printable(by)} in ${printable(r.source)}${r.where === null ? '' : ` where ${printable(r.where)}`}`,
    '',
  ];
  const described = r.tests.oneway?.groups ?? r.tests.welch?.groups ?? [];
  // A million groups print as the first SHOWN_GROUPS; the JSON has them all.
  const byName = new Map(described.map((x) => [x.group, x]));
  out.push(
    ...table([
      ['  group', 'n', 'mean', 'sd'],
      ...r.groups.slice(0, SHOWN_GROUPS).map((g) => {
        const d = byName.get(g.group);
        const sd = d?.variance == null ? null : Math.sqrt(d.variance);
        return [`  ${printable(g.group)}`, String(g.n), num(d?.mean ?? null), num(sd)];
      }),
    ]),
  );
  if (r.groups.length > SHOWN_GROUPS) {
    out.push(`  ... and ${r.groups.length - SHOWN_GROUPS} more groups (all of them with --json)`);
  }
  const t = r.tests;
  const lines: string[][] = [['  test', 'statistic', 'df', 'p-value', 'effect size']];
  if (t.oneway) {
    const e = t.oneway.effectSize;
    lines.push([
      '  one-way ANOVA',
      `F = ${num(t.oneway.f)}`,
      `${t.oneway.table.between.df}, ${t.oneway.table.within.df}`,
      formatPValue(t.oneway.pValue),
      e === null ? '-' : `eta² ${num(e.etaSquared, 3)}, omega² ${num(e.omegaSquared, 3)}`,
    ]);
  }
  if (t.welch)
    lines.push([
      '  Welch ANOVA',
      `F = ${num(t.welch.f)}`,
      `${t.welch.df1}, ${num(t.welch.df2)}`,
      formatPValue(t.welch.pValue),
      '',
    ]);
  if (t.brownForsytheMeans) {
    const b = t.brownForsytheMeans;
    lines.push([
      '  Brown-Forsythe F* (means)',
      `F* = ${num(b.f)}`,
      `${b.df1}, ${num(b.df2)}`,
      formatPValue(b.pValue),
      '',
    ]);
  }
  if (t.kruskal) {
    const k = t.kruskal;
    lines.push([
      '  Kruskal-Wallis',
      `H = ${num(k.h)}`,
      String(k.df),
      formatPValue(k.pValue),
      `epsilon² ${num(k.epsilonSquared, 3)}`,
    ]);
  }
  for (const [name, s] of [
    ['  Levene (mean)', t.levene],
    ['  Brown-Forsythe (median)', t.brownForsythe],
  ] as const) {
    if (s) lines.push([name, `F = ${num(s.f)}`, `${s.df1}, ${s.df2}`, formatPValue(s.pValue), '']);
  }
  if (t.bartlett)
    lines.push([
      '  Bartlett',
      `K² = ${num(t.bartlett.k2)}`,
      String(t.bartlett.df),
      formatPValue(t.bartlett.pValue),
      '',
    ]);
  if (t.twoWay) {
    const w = t.twoWay;
    lines.push(
      ...w.table.map((row) => [
        `  ${printable(row.term)} (type ${w.ssType})`,
        row.f === null ? `SS = ${num(row.sumSq)}` : `F = ${num(row.f)}`,
        row.source === 'residuals' ? String(row.df) : `${row.df}`,
        formatPValue(row.pValue),
        row.partialEtaSquared === null ? '' : `partial eta² ${num(row.partialEtaSquared, 3)}`,
      ]),
    );
  }
  if (t.repeatedMeasures) {
    const m = t.repeatedMeasures;
    const c = m.correction;
    lines.push([
      `  repeated measures (${c.method})`,
      `F = ${num(m.f)}`,
      `${num(c.df1)}, ${num(c.df2)}`,
      formatPValue(c.pValue),
      m.effectSize.generalizedEtaSquared === null
        ? ''
        : `gen. eta² ${num(m.effectSize.generalizedEtaSquared, 3)}`,
    ]);
  }
  if (t.friedman) {
    const f = t.friedman;
    lines.push([
      '  Friedman',
      `chi² = ${num(f.chiSquared)}`,
      String(f.df),
      formatPValue(f.pValue),
      f.kendallW === null ? '' : `Kendall W ${num(f.kendallW, 3)}`,
    ]);
  }
  out.push('', ...table(lines));
  if (r.subjects) {
    out.push(
      '',
      `Subjects (${printable(r.subjects.column)}): ${r.subjects.total}, in several groups ${r.subjects.repeated}, in every group ${r.subjects.complete} (the repeated-measures tests use these)`,
    );
  }
  for (const [title, result] of [
    ['Tukey HSD (Tukey-Kramer)', t.tukey],
    ['Games-Howell', t.gamesHowell],
  ] as const) {
    if (!result) continue;
    const level = `${Math.round(result.options.confidenceLevel * 1000) / 10} %`;
    out.push('', `${title}, ${level} simultaneous intervals:`);
    out.push(
      ...table([
        ['  pair', 'difference', 'lower', 'upper', 'p adj'],
        ...result.pairs.map((p) => [
          `  ${printable(p.b)} - ${printable(p.a)}`,
          num(p.diff),
          num(p.lower),
          num(p.upper),
          formatPValue(p.pAdj),
        ]),
      ]),
    );
  }
  if (t.dunn) {
    out.push('', `Dunn (p adjusted by ${t.dunn.options.adjust}):`);
    out.push(
      ...table([
        ['  pair', 'mean rank diff', 'z', 'p', 'p adj'],
        ...t.dunn.pairs.map((p) => [
          `  ${printable(p.b)} - ${printable(p.a)}`,
          num(p.diff),
          num(p.statistic),
          formatPValue(p.pValue),
          formatPValue(p.pAdj),
        ]),
      ]),
    );
  }
  if (r.normality) {
    out.push('', 'Normality per group (verdict by the size of skewness and kurtosis; tests beside it):');
    out.push(
      ...table([
        ['  group', 'n', 'skewness', 'ex. kurtosis', 'K² p', 'verdict'],
        ...r.normality.groups.map((g) => [
          `  ${printable(g.group)}`,
          String(g.n),
          num(g.skewness, 3),
          num(g.excessKurtosis, 3),
          formatPValue(g.dagostinoPearson?.pValue ?? null),
          g.verdict,
        ]),
      ]),
    );
  }
  if (r.auto) {
    out.push(
      '',
      `Chosen: ${r.auto.test} with ${r.auto.posthoc} (${r.auto.rule}):`,
      ...r.auto.reasons.map((x) => `  - ${printable(x)}`),
    );
  }
  if (r.conclusion) out.push('', printable(r.conclusion));
  const warnings = [
    ...r.warnings,
    ...Object.values(t).flatMap(
      (x) => (x as { warnings?: readonly { code: string; message: string }[] }).warnings ?? [],
    ),
  ];
  if (warnings.length > 0) out.push('', ...warnings.map((w) => `warning ${w.code}: ${printable(w.message)}`));
  return `${out.join('\n')}\n`;
}

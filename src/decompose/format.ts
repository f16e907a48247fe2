import { displayWidth, printable } from '../terminal-text.ts';
import type { DecompositionResult } from './result.ts';

/** Aligned columns; cells are measured in terminal columns (wide CJK characters count two). */
function table(rows: readonly (readonly string[])[], rightFrom = 1): string[] {
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

const signed = (v: string): string => (v.startsWith('-') || /^0\.00$/.test(v) ? v : `+${v}`);
const percent = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)} %`);

/**
 * Renders a decomposition as plain text for the CLI: the bridge (start, effects, end), the
 * methods compared, the factor and segment bridges when present, drivers, verdict, sentence and
 * warnings. Deterministic: it reads only the result. Text from the data (segment labels, the
 * currency, the sentence that names segments) is shown with control characters escaped.
 *
 * @example formatDecomposition(decomposeTotals(input)) // 'Revenue decomposition: August 2025 -> September 2025 (EUR)\n...'
 */
export function formatDecomposition(r: DecompositionResult): string {
  const out: string[] = [
    `Revenue decomposition: ${r.from.label} -> ${r.to.label} (${printable(r.currency)}), method ${r.method}`,
    '',
  ];
  out.push(
    ...table([
      ...r.bridge.map((b) => [
        b.kind === 'total' ? b.label : `  ${b.label}`,
        b.kind === 'total' ? b.value : signed(b.value),
      ]),
      [
        'Change',
        `${signed(r.change)}  (${r.changeRatio === null ? 'from zero' : signed(percent(r.changeRatio))})`,
      ],
    ]),
  );
  const m = r.methods;
  out.push('', 'Methods (volume, AOV):');
  out.push(
    ...table([
      ['  shapley', signed(m.shapley.volume), signed(m.shapley.aov)],
      [
        '  lmdi',
        m.lmdi === null ? 'null' : signed(m.lmdi.volume),
        m.lmdi === null ? 'null' : signed(m.lmdi.aov),
      ],
      [
        '  sequential, volume first',
        signed(m.sequentialVolumeFirst.volume),
        signed(m.sequentialVolumeFirst.aov),
      ],
      ['  sequential, AOV first', signed(m.sequentialAovFirst.volume), signed(m.sequentialAovFirst.aov)],
    ]),
  );
  if (r.factors !== null) {
    out.push('', 'Factors (Shapley):');
    out.push(
      ...table(
        [
          ['  factor', 'definition', 'start', 'end', 'effect'],
          ...r.factors.factors.map((f) => [
            `  ${f.name}`,
            f.definition,
            f.start === null ? 'null' : f.start.toPrecision(6),
            f.end === null ? 'null' : f.end.toPrecision(6),
            signed(f.effect),
          ]),
        ],
        2,
      ),
    );
  }
  if (r.segments !== null) {
    const s = r.segments;
    out.push('', `Segments by ${s.by.join(', ')} (basis ${s.basis}):`);
    out.push(
      ...table(
        [
          ['  segment', 'status', 'start', 'end', 'change', 'volume', 'aov', 'mix', 'new', 'lost'],
          ...s.segments.map((g) => [
            `  ${g.driver ? '* ' : ''}${printable(g.label)}`,
            g.status,
            g.start.revenue,
            g.end.revenue,
            signed(g.change),
            signed(g.volume),
            signed(g.aov),
            signed(g.mix),
            signed(g.new),
            signed(g.lost),
          ]),
          ['  total', '', r.start, r.end, signed(r.change), ...Object.values(s.effects).map(signed)],
        ],
        2,
      ),
    );
    out.push(`  ${s.note}`);
    if (r.drivers !== null) {
      out.push(
        `  * driver: explains ${percent(r.drivers.explained)} of the change (target ${percent(r.drivers.share)})`,
      );
    }
  }
  const sh = r.verdict.shares;
  out.push(
    '',
    `Verdict: ${r.verdict.verdict} (volume ${percent(sh.volume)}, AOV ${percent(sh.aov)}${sh.mix === null ? '' : `, mix ${percent(sh.mix)}`})`,
    '',
    printable(r.sentence),
  );
  for (const w of r.warnings) out.push(`warning ${w.code}: ${w.message}`);
  return `${out.join('\n')}\n`;
}

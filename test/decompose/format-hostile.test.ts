import { describe, expect, it } from 'vitest';
import { decomposeTotals } from '../../src/decompose/core.ts';
import { formatDecomposition } from '../../src/decompose/format.ts';
import { monthsInput } from './fixtures.ts';

describe('formatDecomposition with hostile segment labels', () => {
  it('shows control characters escaped, so a label cannot drive the terminal or break the table', () => {
    const input = monthsInput('Aug', 'Sep');
    const hostile = {
      ...input,
      segments: input.segments.map((s, i) => ({
        ...s,
        key: [i === 0 ? 'web\u001b[31m\nred' : '\u202eppa'] as const,
      })),
    };
    const text = formatDecomposition(decomposeTotals(hostile));
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('channel web\\u001b[31m\\nred');
    expect(text).toContain('channel \\u202eppa');
    // Every line of the segment table has the same width up to its last column's right edge.
    const rows = text.split('\n').filter((l) => /^ {2}(\* )?channel /.test(l) || /^ {2}total /.test(l));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((l) => l.length)).size).toBe(1);
  });

  it('aligns wide (CJK) labels by terminal columns, not by code units', () => {
    const input = monthsInput('Aug', 'Sep');
    const wide = {
      ...input,
      segments: input.segments.map((s, i) => ({ ...s, key: [i === 0 ? '東京' : 'Osaka'] })),
    };
    const text = formatDecomposition(decomposeTotals(wide));
    const rows = text.split('\n').filter((l) => /^ {2}(\* )?channel /.test(l));
    // '東京' takes 4 columns, 'Osaka' 5: the status column starts at the same terminal column.
    const statusAt = rows.map((l) => {
      const i = l.indexOf('continuing');
      return [...l.slice(0, i)].reduce((n, ch) => n + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    });
    expect(new Set(statusAt).size).toBe(1);
  });
});

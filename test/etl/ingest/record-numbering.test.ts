import { describe, expect, it } from 'vitest';
import { recordNumbering } from '../../../etl/ingest/record-numbering.ts';

/** The record number of the k-th accepted row, by the thresholds (the largest `t < k` applies). */
function recordOf(thresholds: readonly (readonly [number, number])[], k: number): number {
  let shift = 0;
  for (const [t, c] of thresholds) if (k > t) shift = c;
  return k + shift;
}

describe('recordNumbering', () => {
  it('numbers accepted rows around rejected, blank and stray-CR records (hand-worked example)', () => {
    // 8 records: 2 rejected by DuckDB, 4 blank, 6 with a stray CR; accepted: 1, 3, 5, 7, 8.
    const n = recordNumbering({ records: 8, blankRecords: [4], strayCrRecords: [6] }, [2], 5);
    if ('error' in n) throw new Error(n.error);
    expect(n.blank).toEqual([4]);
    expect(n.strayCr).toEqual([6]);
    expect([1, 2, 3, 4, 5].map((k) => recordOf(n.thresholds, k))).toEqual([1, 3, 5, 7, 8]);
  });

  it('runs of adjacent gaps and gaps at the start and end', () => {
    // Records 1, 2 rejected, 5, 6 blank, 9 rejected: accepted 3, 4, 7, 8.
    const n = recordNumbering({ records: 9, blankRecords: [5, 6] }, [1, 2, 9], 4);
    if ('error' in n) throw new Error(n.error);
    expect([1, 2, 3, 4].map((k) => recordOf(n.thresholds, k))).toEqual([3, 4, 7, 8]);
  });

  it('a blank record DuckDB also reported is counted once', () => {
    const n = recordNumbering({ records: 3, blankRecords: [2] }, [2], 2);
    if ('error' in n) throw new Error(n.error);
    expect(n.blank).toEqual([]);
    expect([1, 2].map((k) => recordOf(n.thresholds, k))).toEqual([1, 3]);
  });

  it('no gaps: no thresholds; nothing accepted: every record a gap', () => {
    expect(recordNumbering({ records: 3, blankRecords: [] }, [], 3)).toEqual({
      blank: [],
      strayCr: [],
      thresholds: [],
    });
    const none = recordNumbering({ records: 2, blankRecords: [1] }, [2], 0);
    expect(none).toMatchObject({ blank: [1] });
  });

  it('counts that do not add up are an error naming all three numbers, never a misnumbering', () => {
    expect(recordNumbering({ records: 10, blankRecords: [3] }, [5], 7)).toEqual({
      error:
        'the CSV reader read 7 rows and rejected 2 records, but the file has 10 records; its structure is not understood, so nothing of it was loaded',
    });
  });
});

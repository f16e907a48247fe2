/**
 * How the accepted rows of one file get their record numbers. DuckDB's CSV reader gives accepted
 * rows no number; it reports the records it rejected (wrong field count, broken quoting) and
 * skips blank lines without a word. Accepted rows keep file order in a file's own staging block,
 * so the k-th accepted row is record k plus the rejected or blank records before it.
 */
export interface RecordNumbering {
  /** Blank records that DuckDB skipped (not also among its rejects), 1-based, ascending. */
  readonly blank: readonly number[];
  /** Records with a stray CR, blanked in the copy DuckDB read (so skipped by it), ascending. */
  readonly strayCr: readonly number[];
  /**
   * Gaps as `[threshold, cumulative]`, ascending: an accepted row k with `k > threshold` is
   * shifted by at least `cumulative` records (the largest such pair applies).
   */
  readonly thresholds: readonly (readonly [number, number])[];
}

/**
 * The record numbering of a file from its scan (records, blank records) and DuckDB's rejected
 * records, checking that accepted + rejected + blank records add up to the file's records.
 *
 * @example recordNumbering({ records: 5, blankRecords: [2] }, [4], 3)
 * // { blank: [2], strayCr: [], thresholds: [[1, 1], [2, 2]] }: rows 1, 2, 3 are records 1, 3, 5
 */
export function recordNumbering(
  scan: {
    readonly records: number;
    readonly blankRecords: readonly number[];
    readonly strayCrRecords?: readonly number[];
  },
  rejectedRecords: readonly number[],
  staged: number,
): RecordNumbering | { readonly error: string } {
  const rejected = new Set(rejectedRecords);
  const blank = scan.blankRecords.filter((r) => !rejected.has(r));
  const strayCr = (scan.strayCrRecords ?? []).filter((r) => !rejected.has(r));
  const structural = [...new Set([...rejectedRecords, ...blank, ...strayCr])].sort((a, b) => a - b);
  if (staged + structural.length !== scan.records) {
    return {
      error: `the CSV reader read ${staged} rows and rejected ${structural.length} records, but the file has ${scan.records} records; its structure is not understood, so nothing of it was loaded`,
    };
  }
  // With the gaps sorted, gap i (1-based) at record r_i shifts every row k > r_i - i by one more.
  const thresholds = new Map<number, number>();
  for (const [i, r] of structural.entries()) thresholds.set(r - (i + 1), i + 1);
  return { blank, strayCr, thresholds: [...thresholds] };
}

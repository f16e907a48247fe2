import { InsufficientDataError, InvalidArgumentError } from '../errors.ts';

/** One observation of a repeated-measures design: a subject (customer) measured at a level (season). */
export interface RepeatedMeasuresRow {
  readonly subject: string;
  readonly level: string;
  /** A finite number: exclude nulls (and count them) before calling. */
  readonly value: number;
}

/** The complete-subjects table of a repeated-measures design: one value per subject and level. */
export interface CompleteSubjects {
  /** Levels in order of first appearance in the rows. */
  readonly levels: readonly string[];
  /** Subjects present in every level, sorted by name (code-unit order). */
  readonly subjects: readonly string[];
  /** `values[i][l]`: subject i at level l, the mean of its rows there. */
  readonly values: readonly (readonly number[])[];
  /** Subjects dropped because they miss at least one level. */
  readonly droppedSubjects: number;
  /** Subject-level cells (of complete subjects) that had several rows and were averaged. */
  readonly averagedCells: number;
}

/**
 * Reduces long rows to the complete subjects, as the warehouse query does: a subject enters only
 * when it has a value at every level, and a subject with several rows at a level contributes
 * their mean. Subjects are sorted by name so that row order cannot change a single bit of the result.
 *
 * @throws InvalidArgumentError for a row that is not `{ subject: string, level: string, value: finite number }`.
 * @throws InsufficientDataError with fewer than two levels or fewer than two complete subjects.
 * @example completeSubjects('f', rows).values // [[1, 2], [3, 4]] for subjects a, b at levels x, y
 */
export function completeSubjects(fn: string, rows: readonly RepeatedMeasuresRow[]): CompleteSubjects {
  if (!Array.isArray(rows))
    throw new InvalidArgumentError(`${fn}: expected an array of rows, got ${typeof rows}`);
  const levelIndex = new Map<string, number>();
  const cells = new Map<string, Map<number, { sum: number; count: number }>>();
  rows.forEach((row, i) => {
    const { subject, level, value } = row ?? ({} as RepeatedMeasuresRow);
    if (typeof subject !== 'string' || typeof level !== 'string') {
      throw new InvalidArgumentError(
        `${fn}: row ${i} needs string subject and level, got ${JSON.stringify(row)}`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidArgumentError(
        `${fn}: row ${i} (subject "${subject}", level "${level}") value must be a finite number, got ${String(value)}; exclude nulls and count them before calling`,
      );
    }
    let l = levelIndex.get(level);
    if (l === undefined) {
      l = levelIndex.size;
      levelIndex.set(level, l);
    }
    let bySubject = cells.get(subject);
    if (bySubject === undefined) {
      bySubject = new Map();
      cells.set(subject, bySubject);
    }
    const cell = bySubject.get(l);
    if (cell === undefined) bySubject.set(l, { sum: value, count: 1 });
    else {
      cell.sum += value;
      cell.count += 1;
    }
  });
  const k = levelIndex.size;
  if (k < 2) {
    throw new InsufficientDataError(`${fn} requires at least two levels, got ${k}`, 2, k);
  }
  const subjects = [...cells.keys()].filter((s) => cells.get(s)?.size === k).sort(byCodeUnits);
  if (subjects.length < 2) {
    throw new InsufficientDataError(
      `${fn} requires at least two subjects measured at every level, got ${subjects.length} (of ${cells.size} subjects)`,
      2,
      subjects.length,
    );
  }
  let averagedCells = 0;
  const values = subjects.map((s) => {
    const bySubject = cells.get(s) ?? new Map<number, { sum: number; count: number }>();
    return Array.from({ length: k }, (_, l) => {
      const cell = bySubject.get(l) ?? { sum: Number.NaN, count: 1 };
      if (cell.count > 1) averagedCells++;
      return cell.count === 1 ? cell.sum : cell.sum / cell.count;
    });
  });
  return {
    levels: [...levelIndex.keys()],
    subjects,
    values,
    droppedSubjects: cells.size - subjects.length,
    averagedCells,
  };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

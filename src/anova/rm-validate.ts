import { InsufficientDataError, InvalidArgumentError } from '../errors.ts';

/**
 * Checks of the summary doors of the repeated-measures family: at least two distinct levels and
 * an integer count of at least two subjects.
 *
 * @throws InsufficientDataError with fewer than two levels or subjects.
 * @throws InvalidArgumentError for a repeated or non-string level name or a non-integer count.
 * @example checkLevelsAndSubjects('f', ['spring', 'summer'], 10) // passes
 */
export function checkLevelsAndSubjects(fn: string, levels: readonly string[], n: number): void {
  if (!Array.isArray(levels))
    throw new InvalidArgumentError(`${fn}: levels must be an array of names, got ${typeof levels}`);
  if (levels.length < 2)
    throw new InsufficientDataError(
      `${fn} requires at least two levels, got ${levels.length}`,
      2,
      levels.length,
    );
  const seen = new Set<string>();
  for (const l of levels) {
    if (typeof l !== 'string')
      throw new InvalidArgumentError(`${fn}: level names must be strings, got ${JSON.stringify(l)}`);
    if (seen.has(l)) throw new InvalidArgumentError(`${fn}: level "${l}" appears more than once`);
    seen.add(l);
  }
  if (!Number.isSafeInteger(n))
    throw new InvalidArgumentError(`${fn}: subjects must be an integer, got ${String(n)}`);
  if (n < 2) throw new InsufficientDataError(`${fn} requires at least two complete subjects, got ${n}`, 2, n);
}

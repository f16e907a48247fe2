import { InsufficientDataError, InvalidArgumentError } from '../errors.ts';

/**
 * Checks shared by every test of the family: at least two groups, distinct group names.
 * @throws InsufficientDataError with fewer than two groups.
 * @throws InvalidArgumentError when a group name is repeated.
 */
export function checkGroups(fn: string, groups: readonly { readonly group: string }[]): void {
  if (!Array.isArray(groups))
    throw new InvalidArgumentError(`${fn}: expected an array of groups, got ${typeof groups}`);
  if (groups.length < 2) {
    throw new InsufficientDataError(
      `${fn} requires at least two groups, got ${groups.length}`,
      2,
      groups.length,
    );
  }
  const seen = new Set<string>();
  for (const g of groups) {
    if (typeof g.group !== 'string')
      throw new InvalidArgumentError(`${fn}: group names must be strings, got ${JSON.stringify(g.group)}`);
    if (seen.has(g.group))
      throw new InvalidArgumentError(
        `${fn}: group "${g.group}" appears more than once; merge its rows first`,
      );
    seen.add(g.group);
  }
}

/**
 * A group's values: non-empty, finite numbers only (the caller excludes nulls and counts them).
 * @throws InsufficientDataError for an empty group; InvalidArgumentError for a non-finite value.
 */
export function checkValues(fn: string, group: string, values: readonly number[]): void {
  if (!Array.isArray(values))
    throw new InvalidArgumentError(`${fn}: group "${group}" values must be an array of numbers`);
  if (values.length === 0) {
    throw new InsufficientDataError(
      `${fn}: group "${group}" has no values; exclude empty groups (and nulls) before calling`,
      1,
      0,
    );
  }
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidArgumentError(
        `${fn}: group "${group}" value ${i} must be a finite number, got ${String(v)}; exclude nulls and count them before calling`,
      );
    }
  });
}

/**
 * A confidence level strictly between 0 and 1.
 * @throws InvalidArgumentError otherwise.
 */
export function checkLevel(fn: string, level: number): void {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new InvalidArgumentError(`${fn}: confidenceLevel must be in (0, 1), got ${String(level)}`);
  }
}

/** `null` for NaN and infinities: results never hold them. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

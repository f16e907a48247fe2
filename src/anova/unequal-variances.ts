import type { GroupMoments } from './exact-sums.ts';
import type { AnovaWarning } from './types.ts';

/**
 * Groups whose variance is unusable for a test that weights by it: `null` when all are fine,
 * else the warning that explains why the statistic is `null`.
 */
export function unusableVariances(fn: string, groups: readonly GroupMoments[]): AnovaWarning | null {
  const single = groups.filter((g) => g.n < 2).map((g) => `"${g.group}"`);
  if (single.length > 0) {
    return {
      code: 'group-too-small',
      message: `${fn} needs at least two values in every group to estimate its variance; ${single.join(', ')} ha${single.length === 1 ? 's' : 've'} one`,
    };
  }
  const constant = groups.filter((g) => g.variance === 0).map((g) => `"${g.group}"`);
  if (constant.length > 0) {
    return {
      code: 'zero-variance-group',
      message: `${fn} weights groups by their variances, and ${constant.join(', ')} ha${constant.length === 1 ? 's' : 've'} none: the statistic is undefined`,
    };
  }
  return null;
}

import { Rational } from './rational.ts';

/** The rule for drivers as recorded in results. */
export const DRIVER_RULE =
  'Segments are ranked by their revenue change in the direction of the total change (largest rise first when revenue rose, largest fall first when it fell; by absolute change when it is flat), ties in input order. The drivers are the shortest prefix of that ranking, taking only segments that moved in the same direction as the total, whose changes add up to at least the stated share of the total change. Segments that moved against the total (offsetting) are never drivers; because the same-direction changes always add up to at least the total, the set exists whenever revenue changed. No drivers when the change is zero.';

/** Segment positions in rank order, the drivers among them, and the share of the change they explain. */
export interface DriverSelection {
  readonly order: readonly number[];
  readonly drivers: readonly number[];
  /** Sum of the drivers' changes / total change, or `null` when the change is zero. */
  readonly explained: Rational | null;
}

/**
 * Ranks segments by contribution and picks the smallest set explaining `share` of the change
 * (see {@link DRIVER_RULE}). `share` must be in (0, 1]; the caller validates it.
 *
 * @example selectDrivers([R(-40), R(-15), R(5)], R(-50), 0.8) // order [0, 1, 2], drivers [0]: -40 is 80 % of -50
 */
export function selectDrivers(changes: readonly Rational[], total: Rational, share: number): DriverSelection {
  const direction = total.sign();
  const order = changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => {
      const key = direction === 0 ? y.c.abs().compare(x.c.abs()) : y.c.compare(x.c) * direction;
      return key || x.i - y.i;
    })
    .map((e) => e.i);
  if (direction === 0) return { order, drivers: [], explained: null };
  const target = total.abs().mul(Rational.fromNumberAsWritten(share));
  const drivers: number[] = [];
  let sum = Rational.ZERO;
  for (const i of order) {
    const c = changes[i] ?? Rational.ZERO;
    if (c.sign() !== direction || sum.abs().compare(target) >= 0) break;
    drivers.push(i);
    sum = sum.add(c);
  }
  return { order, drivers, explained: sum.div(total) };
}

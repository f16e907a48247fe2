/**
 * The life of a demo order: placed, then either cancelled within two days, or shipped, delivered
 * and sometimes returned. The status written into a file is the status at the file's export
 * instant, so an order placed at the end of a month is re-sent in a later file once it moved on.
 */
import type { OrderStatus } from '../contract.ts';
import type { Rng } from './random.ts';

/** Payment methods and, per channel, their shares. */
export const PAYMENT_METHODS = ['card', 'paypal', 'invoice', 'cod'] as const;
/** A payment method of the demo shop. */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Shares of card, paypal, invoice, cod on the web shop. */
export const WEB_PAYMENT_SHARES: readonly number[] = [0.38, 0.32, 0.22, 0.08];
/** Shares of card, paypal, invoice, cod in the mobile app. */
export const MOBILE_PAYMENT_SHARES: readonly number[] = [0.33, 0.5, 0.09, 0.08];

/** Probability that an order is cancelled, by payment method (cash on delivery the highest). */
export const CANCELLATION_RATES: Readonly<Record<PaymentMethod, number>> = {
  card: 0.02,
  paypal: 0.03,
  invoice: 0.06,
  cod: 0.11,
};

/** Probability that an order is returned, by payment method. */
export const RETURN_RATES: Readonly<Record<PaymentMethod, number>> = {
  card: 0.04,
  paypal: 0.045,
  invoice: 0.07,
  cod: 0.03,
};

const HOUR = 3600;
const DAY = 86_400;
const NEVER = Number.POSITIVE_INFINITY;

/** When an order changes status, in seconds since 1970 (`Infinity` = never). */
export interface OrderTimeline {
  readonly cancelAt: number;
  readonly shipAt: number;
  readonly deliverAt: number;
  readonly returnAt: number;
}

/** Draws the timeline of an order placed at `placedAt` and paid with `payment`. */
export function drawTimeline(rng: Rng, placedAt: number, payment: PaymentMethod): OrderTimeline {
  const cancelRate = CANCELLATION_RATES[payment];
  if (rng.chance(cancelRate)) {
    return {
      cancelAt: placedAt + rng.between(HOUR / 2, 2 * DAY),
      shipAt: NEVER,
      deliverAt: NEVER,
      returnAt: NEVER,
    };
  }
  const shipAt = placedAt + rng.between(4 * HOUR, 2 * DAY);
  const deliverAt = shipAt + rng.between(DAY, 4 * DAY);
  const returned = rng.chance(RETURN_RATES[payment] / (1 - cancelRate));
  const returnAt = returned ? deliverAt + rng.between(3 * DAY, 20 * DAY) : NEVER;
  return { cancelAt: NEVER, shipAt, deliverAt, returnAt };
}

/** The status of an order at an instant. */
export function statusAt(timeline: OrderTimeline, instant: number): OrderStatus {
  if (timeline.cancelAt !== NEVER) return timeline.cancelAt <= instant ? 'cancelled' : 'placed';
  if (timeline.returnAt <= instant) return 'returned';
  if (timeline.deliverAt <= instant) return 'delivered';
  if (timeline.shipAt <= instant) return 'shipped';
  return 'placed';
}

/** The status an order ends with. */
export function finalStatus(timeline: OrderTimeline): OrderStatus {
  if (timeline.cancelAt !== NEVER) return 'cancelled';
  return timeline.returnAt !== NEVER ? 'returned' : 'delivered';
}

/**
 * How a status is written. `spelling` in [0, 1) is fixed per order: 15 % of cancellations are
 * spelled `canceled` (the contract's alias) and 1 % of all statuses are capitalised
 * (`Delivered`), as exports from real shops do. Both are valid.
 */
export function spellStatus(status: OrderStatus, spelling: number): string {
  if (spelling >= 0.99) return status.charAt(0).toUpperCase() + status.slice(1);
  if (status === 'cancelled' && spelling < 0.15) return 'canceled';
  return status;
}

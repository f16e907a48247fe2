/**
 * Clickstream events around the demo orders, funnel-shaped: many `view`s, fewer `addtocart`s,
 * fewer `transaction`s. About 30 % of orders are tracked (views, a cart and a transaction of the
 * order's first product, the transaction usually with the order id), and browsing sessions that
 * do not convert add views and abandoned carts: about 2.4 events per order in all. Events stay
 * within their order's day, so within the order's file.
 */
import type { Catalog } from './catalog.ts';
import { visitorId } from './customers.ts';
import { type Rng, rngFor, WeightedSampler } from './random.ts';
import { HOUR_WEIGHTS } from './seasonality.ts';
import { EVENT_TIMESTAMP_MIX, pickStyle, type TimestampFormatter } from './timestamps.ts';

/** What the events of one order need to know about it. */
export interface TrackedOrder {
  readonly orderId: string;
  readonly customerIndex: number;
  readonly placedAt: number;
  readonly dayStart: number;
  readonly firstProductId: string;
}

/** Share of orders whose session was tracked. */
const TRACKED_SHARE = 0.3;
/** Browsing sessions (not converting) per order. */
const BROWSING_PER_ORDER = 0.65;
const LAST_SECOND = 86_399;

/** Writes event rows (`event_ts,visitor_id,event_type,product_id,order_id`). */
export class EventGenerator {
  private readonly rng: Rng;
  private readonly hours = new WeightedSampler(HOUR_WEIGHTS);
  /** Event rows generated so far. */
  count = 0;

  constructor(
    seed: number,
    private readonly catalog: Catalog,
    private readonly visitors: number,
    private readonly format: TimestampFormatter,
  ) {
    this.rng = rngFor(seed, 'events');
  }

  /** Emits the events of one order and of the browsing around it through `emit`. */
  forOrder(order: TrackedOrder, emit: (line: string) => void): void {
    const rng = this.rng;
    const dayEnd = order.dayStart + LAST_SECOND;
    if (rng.chance(TRACKED_SHARE)) {
      const visitor = visitorId(order.customerIndex);
      const product = order.firstProductId;
      const views = rng.chance(0.4) ? 2 : 1;
      for (let v = views; v >= 1; v--) {
        const at = Math.max(order.dayStart, order.placedAt - v * rng.between(600, 1800));
        emit(this.line(at, visitor, 'view', product, ''));
      }
      const cartAt = Math.max(order.dayStart, order.placedAt - rng.between(60, 540));
      emit(this.line(cartAt, visitor, 'addtocart', product, ''));
      emit(this.line(order.placedAt, visitor, 'transaction', product, rng.chance(0.9) ? order.orderId : ''));
    }
    if (rng.chance(BROWSING_PER_ORDER)) {
      const visitor = visitorId(rng.int(this.visitors));
      let at = order.dayStart + this.hours.sample(rng) * 3600 + rng.int(3600);
      let product = this.catalog.popularity.sample(rng);
      const views = 1 + rng.poisson(0.8);
      for (let v = 0; v < views; v++) {
        if (v > 0 && rng.chance(0.5)) product = this.catalog.popularity.sample(rng);
        emit(this.line(at, visitor, 'view', this.catalog.productIds[product] as string, ''));
        at = Math.min(dayEnd, at + rng.between(20, 300));
      }
      if (rng.chance(0.3))
        emit(this.line(at, visitor, 'addtocart', this.catalog.productIds[product] as string, ''));
    }
  }

  private line(at: number, visitor: string, type: string, product: string, orderId: string): string {
    this.count++;
    const style = pickStyle(EVENT_TIMESTAMP_MIX, this.rng);
    const micros = style === 'fractionZ' ? this.rng.int(1_000_000) : 0;
    return `${this.format.format(at, style, micros)},${visitor},${type},${product},${orderId}`;
  }
}

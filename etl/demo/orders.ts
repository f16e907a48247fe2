/**
 * Demo orders and their lines, one day at a time. Order ids increase with time. Web orders have
 * more lines than mobile ones (1 + Poisson(1.8) against 1 + Poisson(0.95)), which gives about 2.4
 * lines per order and a clearly higher web AOV. A line's unit price is the product's list price
 * in force at the order instant (`product_prices`, else `products.list_price`).
 */
import type { OrderStatus } from '../contract.ts';
import { SECONDS_PER_DAY } from './calendar.ts';
import type { Catalog } from './catalog.ts';
import { type CustomerPlan, customerId, signedUpBy } from './customers.ts';
import { formatCents } from './money.ts';
import {
  drawTimeline,
  finalStatus,
  MOBILE_PAYMENT_SHARES,
  type OrderTimeline,
  PAYMENT_METHODS,
  type PaymentMethod,
  spellStatus,
  statusAt,
  WEB_PAYMENT_SHARES,
} from './order-status.ts';
import { type Rng, rngFor, WeightedSampler } from './random.ts';
import { HOUR_WEIGHTS } from './seasonality.ts';
import { ORDER_TIMESTAMP_MIX, pickStyle, type TimestampFormatter } from './timestamps.ts';

/** Share of orders placed on the web; the rest come from the mobile app. */
export const WEB_SHARE = 0.55;
/** Mean extra lines (beyond the first) of a web and of a mobile order. */
export const EXTRA_LINES = { web: 1.8, mobile: 0.95 } as const;
/** Share of lines with a discount. */
const DISCOUNT_SHARE = 0.12;
/** Orders that go to customers who signed up in the last 60 days. */
const RECENT_CUSTOMER_SHARE = 0.3;

/** Order id of an order number (1-based): `O` and eight digits. */
export function orderId(orderNumber: number): string {
  return `O${String(orderNumber).padStart(8, '0')}`;
}

/** An order the last file did not show in its final status; a later file re-sends it. */
interface PendingOrder {
  /** `order_id,customer_id,order_ts,channel,payment_method,`: re-sent rows keep it unchanged. */
  readonly prefix: string;
  readonly timeline: OrderTimeline;
  readonly final: OrderStatus;
  readonly spelling: number;
  written: OrderStatus;
}

/** What a finished order exposes to the events and defects that follow it. */
export interface GeneratedOrder {
  /** 1-based, in time order. */
  readonly number: number;
  readonly orderId: string;
  readonly customerIndex: number;
  readonly placedAt: number;
  readonly dayStart: number;
  readonly orderTs: string;
  readonly lineCount: number;
  readonly firstProductId: string;
  /** List price in cents of the first product at the order instant. */
  readonly firstPrice: number;
}

/** Where the rows of one file period go. */
export interface OrderSinks {
  readonly order: (line: string) => void;
  readonly line: (line: string) => void;
  /** Called after each order's rows, e.g. for its events. */
  readonly after: (order: GeneratedOrder) => void;
}

/** Generates orders day by day; keeps only the current prices and the pending re-sends. */
export class OrderGenerator {
  private readonly rng: Rng;
  private readonly hours = new WeightedSampler(HOUR_WEIGHTS);
  private readonly webPayments = new WeightedSampler(WEB_PAYMENT_SHARES);
  private readonly mobilePayments = new WeightedSampler(MOBILE_PAYMENT_SHARES);
  private readonly price: Int32Array;
  private priceCursor = 0;
  private pending: PendingOrder[] = [];
  private readonly chosen: number[] = [];
  /** Orders generated so far (the last order number). */
  orders = 0;
  /** Order lines generated so far (defect rows and orphan lines are not counted). */
  lines = 0;
  /** Order rows re-sent with an updated status so far. */
  resent = 0;

  constructor(
    seed: number,
    private readonly catalog: Catalog,
    private readonly customers: CustomerPlan,
    private readonly format: TimestampFormatter,
  ) {
    this.rng = rngFor(seed, 'orders');
    this.price = Int32Array.from(catalog.basePrice);
  }

  /**
   * Writes the orders that a previous file showed before their final status, with their status
   * at `exportAt`, when it changed; they stay pending until final.
   */
  resend(exportAt: number, emit: (line: string) => void): void {
    const still: PendingOrder[] = [];
    for (const p of this.pending) {
      const status = statusAt(p.timeline, exportAt);
      if (status !== p.written) {
        emit(`${p.prefix}${spellStatus(status, p.spelling)},EUR`);
        p.written = status;
        this.resent++;
      }
      if (status !== p.final) still.push(p);
    }
    this.pending = still;
  }

  /** Generates the `count` orders of `day`, writing statuses as they are at `exportAt`. */
  day(day: number, count: number, exportAt: number, sinks: OrderSinks): void {
    this.applyPriceChanges(day);
    const rng = this.rng;
    const dayStart = day * SECONDS_PER_DAY;
    const times = new Int32Array(count);
    for (let i = 0; i < count; i++) times[i] = this.hours.sample(rng) * 3600 + rng.int(3600);
    times.sort();
    const eligible = signedUpBy(this.customers, day);
    const recent = eligible - signedUpBy(this.customers, day - 60);
    for (let i = 0; i < count; i++) {
      const placedAt = dayStart + (times[i] as number);
      const web = rng.chance(WEB_SHARE);
      const customerIndex =
        recent > 0 && rng.chance(RECENT_CUSTOMER_SHARE) ? eligible - 1 - rng.int(recent) : rng.int(eligible);
      const payment = PAYMENT_METHODS[
        (web ? this.webPayments : this.mobilePayments).sample(rng)
      ] as PaymentMethod;
      const timeline = drawTimeline(rng, placedAt, payment);
      const style = pickStyle(ORDER_TIMESTAMP_MIX, rng);
      const micros = style === 'fraction' || style === 'fractionZ' ? rng.int(1_000_000) : 0;
      const spelling = rng.next();
      const number = ++this.orders;
      const id = orderId(number);
      const orderTs = this.format.format(placedAt, style, micros);
      const prefix = `${id},${customerId(customerIndex)},${orderTs},${web ? 'web' : 'mobile'},${payment},`;
      const written = statusAt(timeline, exportAt);
      const final = finalStatus(timeline);
      sinks.order(`${prefix}${spellStatus(written, spelling)},EUR`);
      if (written !== final) this.pending.push({ prefix, timeline, final, spelling, written });
      const lineCount = Math.min(10, 1 + rng.poisson(web ? EXTRA_LINES.web : EXTRA_LINES.mobile));
      this.writeLines(id, lineCount, sinks.line);
      const firstProduct = this.chosen[0] as number;
      sinks.after({
        number,
        orderId: id,
        customerIndex,
        placedAt,
        dayStart,
        orderTs,
        lineCount,
        firstProductId: this.catalog.productIds[firstProduct] as string,
        firstPrice: this.price[firstProduct] as number,
      });
    }
  }

  /** The list price in cents of a product today. */
  priceOf(product: number): number {
    return this.price[product] as number;
  }

  private writeLines(id: string, lineCount: number, emit: (line: string) => void): void {
    const rng = this.rng;
    const chosen = this.chosen;
    chosen.length = 0;
    for (let ln = 1; ln <= lineCount; ln++) {
      let product = this.catalog.popularity.sample(rng);
      for (let tries = 0; tries < 4 && chosen.includes(product); tries++) {
        product = this.catalog.popularity.sample(rng);
      }
      chosen.push(product);
      const q = rng.next();
      const quantity = q < 0.72 ? 1 : q < 0.9 ? 2 : q < 0.97 ? 3 : q < 0.99 ? 4 : rng.between(5, 6);
      const unit = this.price[product] as number;
      const discount = rng.chance(DISCOUNT_SHARE)
        ? formatCents(Math.round((quantity * unit * rng.between(1, 5) * 5) / 100))
        : '';
      emit(`${id},${ln},${this.catalog.productIds[product]},${quantity},${formatCents(unit)},${discount}`);
    }
    this.lines += lineCount;
  }

  private applyPriceChanges(day: number): void {
    const changes = this.catalog.priceChanges;
    for (
      let c = changes[this.priceCursor];
      c !== undefined && c.day <= day;
      c = changes[++this.priceCursor]
    ) {
      this.price[c.product] = c.cents;
    }
  }
}

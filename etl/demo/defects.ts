/**
 * The planted defects of a demo landing zone: a fixed catalogue of rows, each breaking exactly
 * one contract rule, so that the ETL's quarantine can be checked row by row. The same catalogue
 * is planted whatever the number of orders (one order is enough), spread evenly over the orders
 * and so over the files.
 *
 * Defective order, line and event rows reuse a real order (its id, and for lines a line number
 * after its last line) and follow its rows in the same file: being rejected, they must replace
 * nothing ("latest wins" applies to accepted rows only). Orphan lines (valid lines of an order
 * that no file holds) and unparsable birth dates (kept, as null) are not rejections and are
 * reported apart.
 */
import { entitySpec, type RejectionReason } from '../contract.ts';
import { TWO_DIGITS } from './calendar.ts';
import { csvField } from './csv-writer.ts';
import { customerId, visitorId } from './customers.ts';
import { formatCents } from './money.ts';
import { type GeneratedOrder, orderId } from './orders.ts';

/** A planted row the ETL must reject, where it is and why. */
export interface DemoDefect {
  /** File name within the landing zone. */
  readonly file: string;
  /** 1-based data record number (`_row_number`). */
  readonly rowNumber: number;
  readonly expectedReason: RejectionReason;
  /** The first failing column, or `null` for a malformed row. */
  readonly column: string | null;
  /** Its value as written, or `null` for a malformed row. */
  readonly value: string | null;
}

/** A kept row whose optional field does not parse (the ETL keeps the row, with null). */
export interface DemoInvalidValue {
  readonly file: string;
  readonly rowNumber: number;
  readonly column: string;
  readonly value: string;
}

type OrderEntity = 'orders' | 'order_items' | 'events';

/** A value, or how to derive it from the order it is planted after. */
type PlantedValue = string | ((order: GeneratedOrder) => string);

/** `31/12/2025 10:00`: the order's date written day-first, without seconds. */
function dayFirst(o: GeneratedOrder): string {
  const d = new Date(o.placedAt * 1000);
  const time = `${TWO_DIGITS[d.getUTCHours()]}:${TWO_DIGITS[d.getUTCMinutes()]}`;
  return `${TWO_DIGITS[d.getUTCDate()]}/${TWO_DIGITS[d.getUTCMonth() + 1]}/${d.getUTCFullYear()} ${time}`;
}

/** The order's date at 25:00:00, an hour that does not exist. */
const hour25 = (o: GeneratedOrder): string =>
  `${new Date(o.placedAt * 1000).toISOString().slice(0, 10)} 25:00:00`;

/** Epoch seconds instead of a timestamp. */
const epochSeconds = (o: GeneratedOrder): string => String(o.placedAt);

/**
 * The catalogue of defects planted after orders: entity, expected reason, the column that breaks
 * (`null`: a wrong field count) and its value. Entities are interleaved so that the defects,
 * spread evenly over the orders, land in several files of each entity.
 */
export const ORDER_DEFECTS: readonly (readonly [
  OrderEntity,
  RejectionReason,
  string | null,
  PlantedValue,
])[] = [
  ['orders', 'unknown_status', 'status', 'lost'],
  ['order_items', 'negative_quantity', 'quantity', '-2'],
  ['events', 'unknown_event_type', 'event_type', 'purchase'],
  ['order_items', 'unknown_product', 'product_id', 'P90001'],
  ['orders', 'bad_timestamp', 'order_ts', dayFirst],
  ['order_items', 'bad_number', 'unit_price', '12.34567'],
  ['events', 'bad_timestamp', 'event_ts', hour25],
  ['orders', 'missing_required', 'customer_id', ''],
  ['order_items', 'negative_amount', 'unit_price', '-5.00'],
  ['order_items', 'malformed_row', null, ''],
  ['events', 'missing_required', 'visitor_id', ''],
  ['orders', 'malformed_row', null, ''],
  ['order_items', 'bad_number', 'quantity', 'abc'],
  ['order_items', 'missing_required', 'product_id', ''],
  ['events', 'unknown_event_type', 'event_type', 'click'],
  ['orders', 'unknown_status', 'status', 'pending'],
  ['order_items', 'negative_quantity', 'quantity', '0'],
  ['order_items', 'negative_amount', 'discount_amount', '-1.50'],
  ['events', 'malformed_row', null, ''],
  ['orders', 'bad_timestamp', 'order_ts', epochSeconds],
  ['order_items', 'unknown_product', 'product_id', 'P90002'],
];

/** Orphan orders: the share of the orders after which they are planted, and their line count. */
const ORPHANS: readonly (readonly [number, number])[] = [
  [0.35, 1],
  [0.85, 2],
];

/** Unparsable birth dates: the share of the customers where they are planted, and the text. */
const BAD_BIRTH_DATES: readonly (readonly [number, string])[] = [
  [0.15, '1987-02-30'],
  [0.5, '15.03.1990'],
  [0.85, 'unknown'],
];

/** Where the customer without a country is planted, as a share of the customers. */
const MISSING_COUNTRY_AT = 0.6;

/** A writer the defects are appended to: it returns the record number of the row written. */
export interface RowSink {
  readonly name: string;
  row(line: string): number;
}

/** A valid row of an entity for an order, as fields in the contract's column order. */
function validFields(entity: OrderEntity, o: GeneratedOrder, line: number): string[] {
  const customer = customerId(o.customerIndex);
  switch (entity) {
    case 'orders':
      return [o.orderId, customer, o.orderTs, 'web', 'card', 'delivered', 'EUR'];
    case 'order_items':
      return [o.orderId, String(line), o.firstProductId, '1', formatCents(o.firstPrice), ''];
    case 'events':
      return [o.orderTs, visitorId(o.customerIndex), 'view', o.firstProductId, ''];
  }
}

/**
 * Plants the defect catalogue while the landing zone is written, and records where each row
 * went. Create one per landing zone, with its number of orders and customers.
 */
export class DefectPlanter {
  /** Rows the ETL must reject, in the order they were written. */
  readonly defects: DemoDefect[] = [];
  /** Kept rows with an unparsable optional value. */
  readonly invalidValues: DemoInvalidValue[] = [];
  /** Valid order lines whose order is in no orders file. */
  orphanLines = 0;
  private readonly byOrder = new Map<number, number[]>();
  private readonly orphansByOrder = new Map<number, number[]>();
  private readonly badBirthDates = new Map<number, string>();
  private readonly missingCountryAfter: number;
  private missingCountryPlanted = false;

  constructor(
    private readonly orders: number,
    customers: number,
  ) {
    ORDER_DEFECTS.forEach((_, k) => {
      const anchor = Math.floor(((k + 0.5) * orders) / ORDER_DEFECTS.length) + 1;
      this.byOrder.set(anchor, [...(this.byOrder.get(anchor) ?? []), k]);
    });
    ORPHANS.forEach(([share], k) => {
      const anchor = Math.floor(share * orders) + 1;
      this.orphansByOrder.set(anchor, [...(this.orphansByOrder.get(anchor) ?? []), k]);
    });
    for (const [share, text] of BAD_BIRTH_DATES) this.badBirthDates.set(Math.floor(share * customers), text);
    this.missingCountryAfter = Math.floor(MISSING_COUNTRY_AT * customers);
  }

  /** Plants what follows order `o`: defective rows and orphan lines, into its files. */
  afterOrder(o: GeneratedOrder, sinks: Readonly<Record<OrderEntity, RowSink>>): void {
    let line = o.lineCount;
    for (const k of this.byOrder.get(o.number) ?? []) {
      const [entity, reason, column, planted] = ORDER_DEFECTS[k] as (typeof ORDER_DEFECTS)[number];
      const fields = validFields(entity, o, ++line);
      let value: string | null = null;
      if (column === null) {
        // A wrong field count: order lines get an extra field, the others lose their last one.
        if (entity === 'order_items') fields.push('gift-wrap');
        else fields.pop();
      } else {
        value = typeof planted === 'string' ? planted : planted(o);
        fields[entitySpec(entity).columns.findIndex((c) => c.name === column)] = csvField(value);
      }
      const sink = sinks[entity];
      const rowNumber = sink.row(fields.join(','));
      this.defects.push({ file: sink.name, rowNumber, expectedReason: reason, column, value });
    }
    for (const orphan of this.orphansByOrder.get(o.number) ?? []) {
      const [, lines] = ORPHANS[orphan] as (typeof ORPHANS)[number];
      const id = orderId(this.orders + 1 + orphan);
      for (let ln = 1; ln <= lines; ln++) {
        sinks.order_items.row(`${id},${ln},${o.firstProductId},1,${formatCents(o.firstPrice)},`);
        this.orphanLines++;
      }
    }
  }

  /** The unparsable birth date planted on customer `index`, or `null`. */
  birthDateOf(index: number): string | null {
    return this.badBirthDates.get(index) ?? null;
  }

  /** Records that customer `index` was written at `rowNumber` of `sink` (with its planted birth date). */
  customerWritten(index: number, sink: RowSink, rowNumber: number): void {
    const value = this.badBirthDates.get(index);
    if (value !== undefined)
      this.invalidValues.push({ file: sink.name, rowNumber, column: 'birth_date', value });
    if (index === this.missingCountryAfter && !this.missingCountryPlanted) {
      this.missingCountryPlanted = true;
      const row = sink.row(`${customerId(index)},,,,,,`);
      this.defects.push({
        file: sink.name,
        rowNumber: row,
        expectedReason: 'missing_required',
        column: 'country',
        value: '',
      });
    }
  }

  /** Plants a list price with a decimal comma (`"12,99"`, quoted) into a product_prices file. */
  afterPrices(sink: RowSink, productId: string, effectiveTs: string): void {
    const value = '12,99';
    const rowNumber = sink.row(`${productId},${effectiveTs},${csvField(value)}`);
    this.defects.push({
      file: sink.name,
      rowNumber,
      expectedReason: 'bad_number',
      column: 'list_price',
      value,
    });
  }
}

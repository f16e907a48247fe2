/**
 * Random landing folders for the differential test (test/support/differential.test.ts): small
 * files of every entity, full of the edge cases the data contract v1.1 decides (sections 2 and 3),
 * delivered over several runs into one warehouse. Everything is drawn from a seeded PRNG, so a
 * seed names a case for good.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from './prng.ts';

/** The draws a generator makes, over one PRNG. */
export class Draw {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** The items in a random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/** One case: the reporting zone, the run's rejected-rows threshold, and the files each run adds. */
export interface LandingCase {
  readonly seed: number;
  readonly timeZone: string;
  /** `undefined`: the runner's default. */
  readonly maxRejected:
    | { readonly share: number; readonly minRows: number; readonly keep: number }
    | undefined;
  /** Per run, the files it adds to the landing folder (name → bytes). */
  readonly runs: readonly Readonly<Record<string, Buffer>>[];
}

const CATEGORIES = ['category_id', 'category_name', 'parent_category_id'];
const BRANDS = ['brand_id', 'brand_name'];
const CUSTOMERS = ['customer_id', 'gender', 'birth_date', 'country', 'region', 'city', 'signup_date'];
const PRODUCTS = ['product_id', 'product_name', 'category_id', 'brand_id', 'list_price', 'unit_cost'];
const ORDERS = ['order_id', 'customer_id', 'order_ts', 'channel', 'payment_method', 'status', 'currency'];
const ITEMS = ['order_id', 'line_number', 'product_id', 'quantity', 'unit_price', 'discount_amount'];
const EVENTS = ['event_ts', 'visitor_id', 'event_type', 'product_id', 'order_id'];
const PRICES = ['product_id', 'effective_ts', 'list_price'];
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  categories: ['category_id'],
  brands: ['brand_id'],
  customers: ['customer_id', 'country'],
  products: ['product_id'],
  orders: ['order_id', 'customer_id', 'order_ts', 'status'],
  order_items: ['order_id', 'line_number', 'product_id', 'quantity', 'unit_price'],
  events: ['event_ts', 'visitor_id', 'event_type', 'product_id'],
  product_prices: ['product_id', 'effective_ts', 'list_price'],
};

const CUSTOMER_IDS = ['u1', 'u2', 'u3', 'u4', 'U1', '007'];
const PRODUCT_IDS = ['p1', 'p2', 'p3', 'p4', '007', 'p 5'];
const ORDER_IDS = Array.from({ length: 14 }, (_, i) => `o${i + 1}`);

/** A cell and its field text; `null` cells are drawn from the column's own vocabulary. */
type Row = Record<string, string>;

/** Timestamps: valid in many forms, or odd and wrong. */
function timestamp(d: Draw): string {
  const day = `2025-${d.pick(['01', '02', '03'])}-${String(d.int(1, 28)).padStart(2, '0')}`;
  const time = `${String(d.pick([0, 0, 1, 12, 22, 23])).padStart(2, '0')}:${String(d.int(0, 59)).padStart(2, '0')}:${String(d.int(0, 59)).padStart(2, '0')}`;
  if (d.chance(0.12)) {
    return d.pick([
      '2025-02-29 10:00:00',
      '2025-01-10T24:00:00',
      '2025-01-10T10:00',
      '10/01/2025 10:00:00',
      '1736500000',
      '2025-01-10t10:00:00',
      `${day}T${time}+15:00`,
      `${day}T${time}+14:60`,
      `${day}T${time}+99:99`,
      `${day} ${time} +01:00`,
      '2024-12-31T23:59:59.9999999-14:59',
      '2025-01-31T23:30:00+14:59',
      '2025-03-31 23:59:59.999999999',
      '2025-02-28T23:00:00-1400',
      '2024-02-29',
      '2025-03-30 02:30:00', // Berlin's spring-forward gap
      '2025-03-09T02:30:00', // New York's
      '2024-10-27 02:30:00', // Berlin's autumn overlap
      '2024-11-03T01:30:00', // New York's
    ]);
  }
  const sep = d.pick(['T', ' ']);
  const fraction = d.chance(0.2) ? `.${'9'.repeat(d.int(1, 9))}` : '';
  const zone = d.pick(['', '', 'Z', '+01:00', '-0500', '+14:59', '-14:59', '+05:30', '-00:00']);
  return d.chance(0.15) ? day : `${day}${sep}${time}${fraction}${zone}`;
}

function quantity(d: Draw): string {
  if (d.chance(0.7)) return String(d.int(1, 5));
  return d.pick([
    '0002',
    '+3',
    '0',
    '-1',
    '-0',
    '2147483648',
    '2147483647',
    '1.5',
    'x',
    '0000000000000000000001',
  ]);
}

function money(d: Draw): string {
  if (d.chance(0.6)) return `${d.int(0, 300)}.${String(d.int(0, 99)).padStart(2, '0')}`;
  return d.pick([
    '007.50',
    '000000000000001.00',
    '99999999999999.9999',
    '0099999999999999.9999',
    '100000000000000',
    '0',
    '-1.00',
    '1.00001',
    '1.50000',
    '+2.5',
    '5.',
    '.5',
    '1e3',
  ]);
}

function status(d: Draw): string {
  return d.pick([
    'placed',
    'shipped',
    'DELIVERED',
    'delivered',
    'cancelled',
    'Canceled',
    'returned',
    'lost',
    '',
  ]);
}

/** A contract row of an entity. */
function row(entity: string, d: Draw, orderIds: readonly string[], currency: string): Row {
  switch (entity) {
    case 'categories':
      return {
        category_id: d.pick(['c1', 'c2', 'c3']),
        category_name: d.pick(['Shoes', 'Socks, warm', '']),
        parent_category_id: d.pick(['', 'c1']),
      };
    case 'brands':
      return { brand_id: d.pick(['b1', 'b2']), brand_name: d.pick(['Acme', '"Best"', '']) };
    case 'customers':
      return {
        customer_id: d.pick(CUSTOMER_IDS),
        gender: d.pick(['female', 'male', '', 'x']),
        birth_date: d.pick(['1990-01-02', '', '1990-02-30', '02/01/1990']),
        country: d.pick(['DE', 'AT', 'FR', 'F,R', 'Ö', '']),
        region: d.pick(['', 'North\nEast']),
        city: d.pick(['', 'Berlin']),
        signup_date: d.pick(['', '2024-01-01']),
      };
    case 'products':
      return {
        product_id: d.pick(PRODUCT_IDS),
        product_name: d.pick(['Shoe', 'Sock', '']),
        category_id: d.pick(['c1', 'c2', '', 'c9']),
        brand_id: d.pick(['b1', 'b2', '']),
        list_price: d.chance(0.8) ? money(d) : '',
        unit_cost: d.pick(['', '4', '0004.0', 'n/a']),
      };
    case 'orders':
      return {
        order_id: d.pick(orderIds),
        customer_id: d.chance(0.9) ? d.pick(CUSTOMER_IDS) : d.pick(['u9', '']),
        order_ts: timestamp(d),
        channel: d.pick(['web', 'app', '', 'we,b', 'shop\r\nfloor']),
        payment_method: d.pick(['card', 'paypal', '']),
        status: status(d),
        currency: d.chance(0.25) ? '' : currency,
      };
    case 'order_items':
      return {
        order_id: d.chance(0.9) ? d.pick(orderIds) : 'o99',
        line_number: d.pick(['1', '2', '3', '01', '002', '-1', '']),
        product_id: d.chance(0.9) ? d.pick(PRODUCT_IDS) : d.pick(['px', 'P1', '']),
        quantity: quantity(d),
        unit_price: money(d),
        discount_amount: d.chance(0.6) ? '' : d.pick(['0.5', '01.00', '-0.10', '0', '2.00001']),
      };
    case 'product_prices':
      return { product_id: d.pick([...PRODUCT_IDS, 'px']), effective_ts: timestamp(d), list_price: money(d) };
    default:
      return {
        event_ts: timestamp(d),
        visitor_id: d.pick(['v1', 'v2', 'v3']),
        event_type: d.pick(['view', 'view', 'addtocart', 'transaction', 'VIEW', 'click']),
        product_id: d.pick([...PRODUCT_IDS, 'px']),
        order_id: d.pick(['', 'o1']),
      };
  }
}

/** A field as written: plain, or quoted (always when it holds a comma, quote, CR or LF). */
function field(text: string, d: Draw, quoteAll: boolean): string {
  if (/[",\r\n]/.test(text) || quoteAll || d.chance(0.05)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** Stands in the text for the byte 0xFF (never valid in UTF-8), written by {@link toBytes}. */
const INVALID_BYTE = '\uE000';

/** A file's text as bytes, each {@link INVALID_BYTE} written as 0xFF. */
function toBytes(text: string): Buffer {
  const parts = text.split(INVALID_BYTE).map((part) => Buffer.from(part));
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from([0xff]), part])));
}

/**
 * A record with, now and then, a defect of its shape: extra or fewer fields, a stray CR, broken
 * quoting, a byte that is not UTF-8.
 */
function record(fields: string[], d: Draw): string {
  const line = fields.join(',');
  if (!d.chance(0.1)) return line;
  switch (d.int(0, 5)) {
    case 5:
      return `${line.slice(0, 1)}${INVALID_BYTE}${line.slice(1)}`; // a byte that is not UTF-8
    case 0:
      return `${line},`; // an extra empty field: malformed_row
    case 1:
      return fields.slice(0, -1).join(','); // one field short
    case 2: {
      const at = line.lastIndexOf(',') + 1;
      return line[at] === '"' ? line : `${line.slice(0, at)}x\ry${line.slice(at)}`; // a stray CR (a CR ending the file: a hand case)
    }
    case 3:
      return `${line},1,50`; // a European decimal splits into extra fields
    default:
      return fields[0]?.startsWith('"') ? `${fields[0]}x,${fields.slice(1).join(',')}` : line; // "a"x
  }
}

/** The text of one file of an entity: its header layout, rows, line ends, BOM and final line break. */
function fileText(entity: string, columns: readonly string[], d: Draw, rows: readonly Row[]): string {
  const required = REQUIRED[entity] ?? [];
  let header = columns.filter((c) => required.includes(c) || d.chance(0.85));
  if (d.chance(0.3)) header = d.shuffle(header);
  if (d.chance(0.15)) header.push('note');
  if (d.chance(0.03)) header = header.filter((c) => c !== d.pick(required)); // missing_column
  const names = header.map((c) => (d.chance(0.1) ? d.pick([` ${c.toUpperCase()} `, `${c}\t`]) : c));
  const quoteAll = d.chance(0.15);
  const ends = d.pick(['\n', '\n', '\r\n', 'mixed']);
  const lines = [names.join(',')];
  for (const r of rows) {
    if (d.chance(0.04)) lines.push(''); // a blank line: malformed_row
    const fields = header.map((c) => field(c === 'note' ? d.pick(['', 'n']) : (r[c] ?? ''), d, quoteAll));
    lines.push(record(fields, d));
  }
  const eol = () => (ends === 'mixed' ? d.pick(['\n', '\r\n']) : ends);
  const body = lines.map((l, i) => (i === lines.length - 1 && d.chance(0.2) ? l : `${l}${eol()}`)).join('');
  return `${d.chance(0.1) ? '\uFEFF' : ''}${body}`;
}

/**
 * Rare whole-file shapes: empty, header only and, with `limits`, a record past 2,000,000 bytes or
 * a header of 1,001 columns.
 */
function oddFile(entity: string, columns: readonly string[], d: Draw, limits: boolean): string {
  switch (d.int(0, limits ? 3 : 1)) {
    case 0:
      return d.pick(['', '\uFEFF', ' \r\n\n']);
    case 1:
      return `${columns.join(',')}\n`;
    case 2:
      return `${columns.join(',')}\n${columns.map((c) => (c === columns[0] ? 'x'.repeat(2_000_001) : '1')).join(',')}\n`;
    default:
      return `${[...columns, ...Array.from({ length: 1001 - columns.length }, (_, i) => `x${i}`)].join(',')}\n${entity}\n`;
  }
}

const ENTITY_COLUMNS: readonly [string, readonly string[]][] = [
  ['categories', CATEGORIES],
  ['brands', BRANDS],
  ['customers', CUSTOMERS],
  ['products', PRODUCTS],
  ['orders', ORDERS],
  ['order_items', ITEMS],
  ['events', EVENTS],
  ['product_prices', PRICES],
];

/**
 * How many files of an entity a run delivers: dimensions once in the first run and now and then
 * later; orders and lines 1-2 a run; events and prices now and then.
 */
function filesOf(entity: string, run: number, d: Draw): number {
  if (entity === 'orders' || entity === 'order_items') return d.int(1, 2);
  if (entity === 'events' || entity === 'product_prices') return d.chance(0.3) ? 1 : 0;
  return run === 0 || d.chance(0.3) ? 1 : 0;
}

/** Options of {@link generateCase}. */
export interface GenerateOptions {
  /** Whether odd files may pass the reader's limits (line length, columns); default true. */
  readonly limits?: boolean;
}

/**
 * Draws a case: 2-4 runs; the first delivers every dimension, each run some orders, lines and
 * events (orders re-sent with another status, lines of unknown orders or products), now and
 * then a file in a second currency, a gzip file, an odd whole file. File names are new in every
 * run and no two files have the same content (a duplicate delivery is tested on its own).
 */
export function generateCase(seed: number, options: GenerateOptions = {}): LandingCase {
  const limits = options.limits ?? true;
  const d = new Draw(seed);
  const runCount = d.int(2, 4);
  const currency = d.pick(['EUR', 'EUR', 'USD']);
  const contents = new Set<string>();
  const runs: Record<string, Buffer>[] = [];
  for (let run = 0; run < runCount; run++) {
    const files: Record<string, Buffer> = {};
    for (const [entity, columns] of ENTITY_COLUMNS) {
      const count = filesOf(entity, run, d);
      for (let k = 0; k < count; k++) {
        const orderIds = ORDER_IDS.slice(run * 3, run * 3 + 8);
        const fileCurrency = entity === 'orders' && d.chance(0.15) ? d.pick(['GBP', 'eur', '']) : currency;
        const rows = Array.from({ length: d.int(0, 9) }, () => row(entity, d, orderIds, fileCurrency));
        const text = d.chance(0.05)
          ? oddFile(entity, columns, d, limits)
          : fileText(entity, columns, d, rows);
        const hash = createHash('sha256').update(text).digest('hex');
        if (contents.has(hash)) continue;
        contents.add(hash);
        // Names in a run sort in different orders than runs: 'Orders' < 'orders' in byte order.
        const stem = `${d.chance(0.1) ? entity.replace(/^./, (c) => c.toUpperCase()) : entity}_r${run}${d.pick(['a', 'b', '_x'])}${k}`;
        const gzip = d.chance(0.1);
        files[`${stem}.csv${gzip ? '.gz' : ''}`] = gzip ? gzipSync(toBytes(text)) : toBytes(text);
      }
    }
    runs.push(files);
  }
  const maxRejected = d.chance(0.5)
    ? { share: d.pick([0.25, 0.5]), minRows: d.int(3, 8), keep: 100 }
    : undefined;
  return {
    seed,
    timeZone: d.pick(['UTC', 'UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati']),
    maxRejected,
    runs,
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENTITIES,
  type EntityName,
  type EntitySpec,
  EVENT_TYPES,
  entityForFile,
  ORDER_STATUSES,
  type RejectionReason,
  STATUS_ALIASES,
} from '../../../etl/contract.ts';
import { type DemoResult, generateDemo } from '../../../etl/demo/index.ts';
import { InvalidArgumentError } from '../../../src/errors.ts';

// --- A small reader and validator written for this test, independent of the generator. ---

/** RFC 4180 records of a CSV text: quoted fields may hold commas, `""` and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  return records;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch milliseconds of a contract timestamp (naive = UTC), or null when it is not one. */
function instant(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (m === null) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1, 7).map((v) => v ?? '0');
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(ms);
  const parts = [back.getUTCMonth() + 1, back.getUTCDate(), back.getUTCHours(), back.getUTCMinutes()];
  if (parts.join() !== [mo, d, h, mi].map(Number).join() || Number(s) > 59) return null;
  const zone = m[8];
  if (zone === undefined || zone === 'Z') return ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  return ms - sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
}

const isDate = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v) && instant(v) !== null;
const isInteger = (v: string): boolean => /^[+-]?\d+$/.test(v) && Math.abs(Number(v)) < 2 ** 31;
const isMoney = (v: string): boolean => /^[+-]?\d{1,14}(\.\d+)?$/.test(v) && !/\.\d{4}0*[1-9]/.test(v);
const STATUSES = new Set<string>([...ORDER_STATUSES, ...Object.keys(STATUS_ALIASES)]);

interface Loaded {
  readonly spec: EntitySpec;
  readonly header: string[];
  /** Data records with their 1-based record number. */
  readonly rows: readonly { readonly n: number; readonly fields: string[] }[];
}

/** The first failing contract rule of a record, or null when the row is accepted. */
function rejection(spec: EntitySpec, fields: string[], products: Set<string>): RejectionReason | null {
  if (fields.length !== spec.columns.length) return 'malformed_row';
  const cols = spec.columns.map((c, i) => ({ ...c, v: fields[i] as string }));
  const strict = (c: { required: boolean }) => spec.strict || c.required;
  if (cols.some((c) => c.required && c.v === '')) return 'missing_required';
  if (cols.some((c) => c.type === 'timestamp' && c.v !== '' && instant(c.v) === null)) return 'bad_timestamp';
  const numeric = (c: (typeof cols)[number]) =>
    (c.type === 'integer' && !isInteger(c.v)) || (c.type === 'money' && !isMoney(c.v));
  if (cols.some((c) => strict(c) && c.v !== '' && numeric(c))) return 'bad_number';
  const value = (name: string) => cols.find((c) => c.name === name)?.v ?? '';
  if (spec.name === 'order_items') {
    if (Number(value('quantity')) <= 0) return 'negative_quantity';
    if (Number(value('unit_price')) < 0 || Number(value('discount_amount') || '0') < 0)
      return 'negative_amount';
  }
  if (spec.name === 'orders' && !STATUSES.has(value('status').toLowerCase())) return 'unknown_status';
  const eventTypes: readonly string[] = EVENT_TYPES;
  if (spec.name === 'events' && !eventTypes.includes(value('event_type').toLowerCase()))
    return 'unknown_event_type';
  if (spec.name === 'order_items' && !products.has(value('product_id'))) return 'unknown_product';
  return null;
}

/** A landing zone read back: every file, its rejections, kept invalid values and orphan lines. */
interface Landing {
  readonly files: Map<string, Loaded>;
  readonly rejected: string[];
  readonly invalid: string[];
  /** Accepted rows by entity, files in byte order of their names. */
  readonly accepted: Map<EntityName, { file: string; n: number; row: Record<string, string> }[]>;
  readonly orphanLines: number;
}

function readLanding(dir: string): Landing {
  const names = fs.readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files = new Map<string, Loaded>();
  for (const name of names) {
    const entity = entityForFile(name);
    const spec = ENTITIES.find((e) => e.name === entity);
    if (spec === undefined) throw new Error(`not a landing file: ${name}`);
    const [header = [], ...records] = parseCsv(fs.readFileSync(path.join(dir, name), 'utf8'));
    files.set(name, { spec, header, rows: records.map((fields, i) => ({ n: i + 1, fields })) });
  }
  const rejected: string[] = [];
  const invalid: string[] = [];
  const accepted = new Map<EntityName, { file: string; n: number; row: Record<string, string> }[]>();
  const products = new Set<string>();
  for (const spec of ENTITIES) {
    const list: { file: string; n: number; row: Record<string, string> }[] = [];
    for (const [file, loaded] of files) {
      if (loaded.spec !== spec) continue;
      for (const { n, fields } of loaded.rows) {
        const reason = rejection(spec, fields, products);
        if (reason !== null) {
          rejected.push(`${file}#${n}:${reason}`);
          continue;
        }
        const row = Object.fromEntries(spec.columns.map((c, i) => [c.name, fields[i] as string]));
        for (const c of spec.columns) {
          const bad =
            c.type === 'date'
              ? !isDate(row[c.name] ?? '')
              : c.type === 'money' && !isMoney(row[c.name] ?? '');
          if (!c.required && row[c.name] !== '' && bad) invalid.push(`${file}#${n}:${c.name}=${row[c.name]}`);
        }
        if (spec.name === 'products') products.add(row.product_id ?? '');
        list.push({ file, n, row });
      }
    }
    accepted.set(spec.name, list);
  }
  const orderIds = new Set((accepted.get('orders') ?? []).map((o) => o.row.order_id));
  const orphanLines = (accepted.get('order_items') ?? []).filter((l) => !orderIds.has(l.row.order_id)).length;
  return { files, rejected, invalid, accepted, orphanLines };
}

const rowsOf = (landing: Landing, entity: EntityName) =>
  (landing.accepted.get(entity) ?? []).map((r) => r.row);

/** Latest accepted row per order id, with its order instant and revenue. */
function latestOrders(landing: Landing) {
  const revenue = new Map<string, number>();
  for (const l of rowsOf(landing, 'order_items')) {
    const value = Number(l.quantity) * Number(l.unit_price) - Number(l.discount_amount || '0');
    revenue.set(l.order_id as string, (revenue.get(l.order_id as string) ?? 0) + value);
  }
  const latest = new Map<string, Record<string, string>>();
  for (const o of rowsOf(landing, 'orders')) latest.set(o.order_id as string, o);
  return [...latest.values()].map((o) => ({
    row: o,
    at: new Date(instant(o.order_ts as string) as number),
    revenue: revenue.get(o.order_id as string) ?? 0,
    valid: !['cancelled', 'canceled', 'returned'].includes((o.status as string).toLowerCase()),
  }));
}

// --- Fixtures: one landing zone with defects, one without, written once. ---

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopstat-demo-'));
  dirs.push(dir);
  return dir;
};
const ORDERS = 5000;
let result: DemoResult;
let landing: Landing;
let clean: DemoResult;
let cleanLanding: Landing;

beforeAll(async () => {
  result = await generateDemo({ outDir: freshDir(), orders: ORDERS, seed: 42 });
  landing = readLanding(result.options.outDir);
  clean = await generateDemo({ outDir: freshDir(), orders: ORDERS, seed: 42, defects: false });
  cleanLanding = readLanding(clean.options.outDir);
});

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'latin1')]));

describe('generateDemo', () => {
  it('writes byte-identical files for the same options, and different files for another seed', async () => {
    const again = await generateDemo({ outDir: freshDir(), orders: ORDERS, seed: 42 });
    const other = await generateDemo({ outDir: freshDir(), orders: ORDERS, seed: 43 });
    expect(snapshot(again.options.outDir)).toEqual(snapshot(result.options.outDir));
    expect({ ...again, options: null }).toEqual({ ...result, options: null });
    expect(snapshot(other.options.outDir)).not.toEqual(snapshot(result.options.outDir));
  });

  it("does not depend on the machine's time zone", async () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Pacific/Chatham';
    try {
      const shifted = await generateDemo({
        outDir: freshDir(),
        orders: 300,
        seed: 5,
        startDate: '2024-10-15',
      });
      process.env.TZ = 'UTC';
      const utc = await generateDemo({ outDir: freshDir(), orders: 300, seed: 5, startDate: '2024-10-15' });
      expect(snapshot(shifted.options.outDir)).toEqual(snapshot(utc.options.outDir));
    } finally {
      process.env.TZ = saved;
    }
  });

  it('returns plain JSON data that describes every file it wrote', () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.kind).toBe('demo');
    expect(result.options).toEqual({
      outDir: result.options.outDir,
      orders: ORDERS,
      seed: 42,
      defects: true,
      startDate: '2025-01-01',
      months: 12,
    });
    expect(result.files.map((f) => f.name)).toEqual([...landing.files.keys()]);
    for (const f of result.files) {
      expect(f.bytes).toBe(fs.statSync(path.join(result.options.outDir, f.name)).size);
      expect(f.rows).toBe(landing.files.get(f.name)?.rows.length);
    }
  });

  it('writes every entity with the contract header, UTF-8 without BOM, LF line endings', () => {
    for (const spec of ENTITIES) {
      const names = result.files.filter((f) => f.entity === spec.name).map((f) => f.name);
      expect(names[0]).toBe(`${spec.name}_0000_backfill.csv`);
      for (const name of names) {
        const raw = fs.readFileSync(path.join(result.options.outDir, name));
        expect(entityForFile(name)).toBe(spec.name);
        expect(raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
        expect(raw.includes(0x0d)).toBe(false);
        expect(raw.at(-1)).toBe(0x0a);
        expect(new TextDecoder('utf-8', { fatal: true }).decode(raw).split('\n', 1)[0]).toBe(
          spec.columns.map((c) => c.name).join(','),
        );
      }
    }
  });

  it('names increments by month so that byte order is chronological order', () => {
    const orders = result.files.filter((f) => f.entity === 'orders').map((f) => f.name);
    expect(orders).toEqual([
      'orders_0000_backfill.csv',
      ...result.period.incrementMonths.map((m) => `orders_${m}.csv`),
    ]);
    expect(result.period.backfillMonths).toHaveLength(6);
    expect(result.period.incrementMonths).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
    for (const entity of ['customers', 'product_prices', 'order_items', 'events'] as const) {
      expect(result.files.filter((f) => f.entity === entity)).toHaveLength(7);
    }
  });

  it('generates exactly the requested number of distinct orders', () => {
    expect(result.orders).toBe(ORDERS);
    expect(new Set(rowsOf(landing, 'orders').map((o) => o.order_id)).size).toBe(ORDERS);
  });

  it('averages between 2.2 and 2.6 lines per order, numbered 1..k', () => {
    expect(result.orderLines / result.orders).toBeGreaterThan(2.2);
    expect(result.orderLines / result.orders).toBeLessThan(2.6);
    const lines = rowsOf(cleanLanding, 'order_items');
    expect(lines).toHaveLength(clean.orderLines);
    const byOrder = new Map<string, number[]>();
    for (const l of lines)
      byOrder.set(l.order_id as string, [
        ...(byOrder.get(l.order_id as string) ?? []),
        Number(l.line_number),
      ]);
    for (const numbers of byOrder.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('gives the web channel a higher AOV than the mobile channel', () => {
    const aov = (channel: string) => {
      const orders = latestOrders(landing).filter((o) => o.valid && o.row.channel === channel);
      return orders.reduce((s, o) => s + o.revenue, 0) / orders.length;
    };
    expect(aov('web')).toBeGreaterThan(1.2 * aov('mobile'));
  });

  it('has fewer orders in the dip month than in the months before and after it', () => {
    expect(result.period.dipMonth).toBe('2025-07');
    const perMonth = new Map<string, number>();
    for (const o of latestOrders(landing)) {
      const month = o.at.toISOString().slice(0, 7);
      perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    }
    const july = perMonth.get('2025-07') ?? 0;
    expect(july).toBeLessThan(0.85 * (perMonth.get('2025-06') ?? 0));
    expect(july).toBeLessThan(0.85 * (perMonth.get('2025-08') ?? 0));
    expect(perMonth.get('2025-12')).toBeGreaterThan(perMonth.get('2025-08') ?? 0);
  });

  it('sells more per day on weekends than on weekdays, and most on Black Friday', () => {
    const perDay = new Map<string, number>();
    for (const o of latestOrders(cleanLanding)) {
      const day = o.at.toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const mean = (weekend: boolean) => {
      const days = [...perDay].filter(([d]) => [0, 6].includes(new Date(d).getUTCDay()) === weekend);
      return days.reduce((s, [, n]) => s + n, 0) / days.length;
    };
    expect(mean(true)).toBeGreaterThan(1.1 * mean(false));
    expect(clean.period.blackFridays).toEqual(['2025-11-28']);
    const busiest = [...perDay].sort((a, b) => b[1] - a[1])[0];
    expect(busiest?.[0]).toBe('2025-11-28');
  });

  it('puts most customers in the dominant country, DE', () => {
    const latest = new Map(rowsOf(cleanLanding, 'customers').map((c) => [c.customer_id, c.country]));
    const counts = new Map<string, number>();
    for (const country of latest.values())
      counts.set(country as string, (counts.get(country as string) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]?.[0]).toBe('DE');
    expect((ranked[0]?.[1] ?? 0) / latest.size).toBeGreaterThan(0.45);
    expect(latest.size).toBe(clean.customers);
  });

  it('cancels cash-on-delivery orders more often than card orders', () => {
    const rate = (payment: string) => {
      const orders = latestOrders(cleanLanding).filter((o) => o.row.payment_method === payment);
      return orders.filter((o) => /^cancell?ed$/i.test(o.row.status as string)).length / orders.length;
    };
    expect(rate('cod')).toBeGreaterThan(2 * rate('card'));
  });

  it('re-sends some orders in later files with a later status and the same order_id', () => {
    const stage: Record<string, number> = { placed: 0, shipped: 1, delivered: 2, cancelled: 3, returned: 3 };
    const seen = new Map<string, { file: string; status: string }>();
    let resent = 0;
    for (const { file, row } of cleanLanding.accepted.get('orders') ?? []) {
      const status = (row.status as string).toLowerCase().replace('canceled', 'cancelled');
      const before = seen.get(row.order_id as string);
      if (before !== undefined) {
        resent++;
        expect(file > before.file).toBe(true);
        expect(stage[status]).toBeGreaterThan(stage[before.status] as number);
      }
      seen.set(row.order_id as string, { file, status });
    }
    expect(resent).toBe(clean.resentOrders);
    expect(resent).toBeGreaterThan(0);
  });

  it('prices every line at the list price in force at the order instant', () => {
    const base = new Map(rowsOf(cleanLanding, 'products').map((p) => [p.product_id, p.list_price]));
    const changes = rowsOf(cleanLanding, 'product_prices')
      .map((p) => ({
        product: p.product_id,
        at: instant(p.effective_ts as string) as number,
        price: p.list_price,
      }))
      .sort((a, b) => b.at - a.at);
    const placed = new Map(
      rowsOf(cleanLanding, 'orders').map((o) => [o.order_id, instant(o.order_ts as string)]),
    );
    expect(changes.length).toBeGreaterThan(10);
    for (const line of rowsOf(cleanLanding, 'order_items')) {
      const at = placed.get(line.order_id) as number;
      const inForce = changes.find((c) => c.product === line.product_id && c.at <= at)?.price;
      expect(line.unit_price).toBe(inForce ?? base.get(line.product_id));
    }
  });

  it('writes a funnel of events: more views than carts, more carts than transactions', () => {
    const count = (type: string) => rowsOf(landing, 'events').filter((e) => e.event_type === type).length;
    expect(count('view')).toBeGreaterThan(count('addtocart'));
    expect(count('addtocart')).toBeGreaterThan(count('transaction'));
    expect(result.events / result.orders).toBeGreaterThan(1.5);
    expect(result.events / result.orders).toBeLessThan(3.5);
  });

  it('spells timestamps in several valid ways, all within the contract', () => {
    const stamps = rowsOf(cleanLanding, 'orders').map((o) => o.order_ts as string);
    for (const pattern of [/^\S+ \d\d:\d\d:\d\d$/, /T.*Z$/, /\+0[12]:00$/, /\.\d+/]) {
      expect(stamps.some((t) => pattern.test(t))).toBe(true);
    }
    expect(stamps.filter((t) => / \d\d:\d\d:\d\d$/.test(t)).length / stamps.length).toBeGreaterThan(0.7);
  });

  it('quotes names with commas and double quotes, and keeps non-ASCII names intact', () => {
    const raw = fs.readFileSync(path.join(result.options.outDir, 'products_0000_backfill.csv'), 'utf8');
    expect(raw).toContain('"Café Crème Mug, 2-Pack"');
    expect(raw).toContain('"Monitor 27"" 4K UHD"');
    const names = rowsOf(landing, 'products').map((p) => p.product_name);
    expect(names).toContain('Müsli Bowl "Alpenglück"');
    expect(rowsOf(landing, 'brands').map((b) => b.brand_name)).toContain('Müller & Söhne');
  });

  it('puts every listed defect at its file and row, and no other row breaks a rule', () => {
    const listed = result.defects.map((d) => `${d.file}#${d.rowNumber}:${d.expectedReason}`);
    expect([...landing.rejected].sort()).toEqual([...listed].sort());
    const reasons = new Set(result.defects.map((d) => d.expectedReason));
    expect(reasons.size).toBe(9);
    expect(new Set(result.defects.map((d) => d.file)).size).toBeGreaterThan(8);
    for (const d of result.defects.filter((x) => x.column !== null)) {
      const loaded = landing.files.get(d.file);
      const fields = loaded?.rows[d.rowNumber - 1]?.fields ?? [];
      expect(fields[loaded?.header.indexOf(d.column as string) ?? -1]).toBe(d.value);
    }
  });

  it('lists the kept rows with an unparsable birth date, and counts the orphan lines', () => {
    const listed = result.invalidValues.map((v) => `${v.file}#${v.rowNumber}:${v.column}=${v.value}`);
    expect(landing.invalid).toEqual(listed);
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(landing.orphanLines).toBe(result.orphanLines);
    expect(result.orphanLines).toBe(3);
  });

  it('writes only clean rows with defects: false, and otherwise the same data', () => {
    expect(cleanLanding.rejected).toEqual([]);
    expect(cleanLanding.invalid).toEqual([]);
    expect(cleanLanding.orphanLines).toBe(0);
    expect(clean.defects).toEqual([]);
    expect(clean.invalidValues).toEqual([]);
    expect(clean.orphanLines).toBe(0);
    const planted = new Map<string, number>();
    for (const d of result.defects) planted.set(d.file, (planted.get(d.file) ?? 0) + 1);
    const orphans = new Map<string, number>();
    const orderIds = new Set(rowsOf(landing, 'orders').map((o) => o.order_id));
    for (const { file, row } of landing.accepted.get('order_items') ?? []) {
      if (!orderIds.has(row.order_id)) orphans.set(file, (orphans.get(file) ?? 0) + 1);
    }
    for (const f of result.files) {
      const expected = f.rows - (planted.get(f.name) ?? 0) - (orphans.get(f.name) ?? 0);
      expect(clean.files.find((c) => c.name === f.name)?.rows).toBe(expected);
    }
    const orderRows = (l: Landing) => rowsOf(l, 'orders').map((o) => JSON.stringify(o));
    expect(orderRows(cleanLanding)).toEqual(orderRows(landing));
  });

  it('covers a period that starts mid-month, with partial first and last months', async () => {
    const r = await generateDemo({
      outDir: freshDir(),
      orders: 400,
      seed: 1,
      startDate: '2024-11-20',
      months: 3,
    });
    expect(r.period).toMatchObject({ start: '2024-11-20', end: '2025-02-20', dipMonth: '2025-01' });
    expect(r.period.backfillMonths).toEqual(['2024-11', '2024-12']);
    expect(r.files.filter((f) => f.entity === 'orders').map((f) => f.name)).toEqual([
      'orders_0000_backfill.csv',
      'orders_2025-01.csv',
      'orders_2025-02.csv',
    ]);
    expect(r.orders).toBe(400);
  });

  it('computes Black Friday for every year covered, not only 2025', async () => {
    const r = await generateDemo({
      outDir: freshDir(),
      orders: 200,
      seed: 3,
      startDate: '2024-01-01',
      months: 36,
    });
    expect(r.period.blackFridays).toEqual(['2024-11-29', '2025-11-28', '2026-11-27']);
  });

  it('plants the whole defect catalogue even with a single order', async () => {
    const r = await generateDemo({ outDir: freshDir(), orders: 1, seed: 8, months: 1 });
    const tiny = readLanding(r.options.outDir);
    expect([...tiny.rejected].sort()).toEqual(
      r.defects.map((d) => `${d.file}#${d.rowNumber}:${d.expectedReason}`).sort(),
    );
    expect(r.defects).toHaveLength(result.defects.length);
    expect(tiny.orphanLines).toBe(3);
    expect(r.warnings.map((w) => w.code)).toEqual(['sparse_orders']);
  });

  it.each([
    [{ orders: 0 }, 'orders', '0'],
    [{ orders: 2.5 }, 'orders', '2.5'],
    [{ orders: 'many' }, 'orders', '"many"'],
    [{ seed: 1.5 }, 'seed', '1.5'],
    [{ seed: Number.NaN }, 'seed', 'NaN'],
    [{ months: 0 }, 'months', '0'],
    [{ months: 121 }, 'months', '121'],
    [{ startDate: '2025-02-30' }, 'startDate', '"2025-02-30"'],
    [{ startDate: '31/12/2025' }, 'startDate', '"31/12/2025"'],
    [{ defects: 'yes' }, 'defects', '"yes"'],
    [{ outDir: '' }, 'outDir', '""'],
  ])('rejects invalid options %j, naming the bad value', async (bad, name, shown) => {
    const options = { outDir: path.join(os.tmpdir(), 'never-written'), orders: 10, seed: 1, ...bad };
    const attempt = generateDemo(options as Parameters<typeof generateDemo>[0]);
    await expect(attempt).rejects.toThrow(InvalidArgumentError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`^generateDemo: ${name} .*${shown.replace('.', '\\.')}`),
    );
  });

  it('refuses an outDir that already holds landing files', async () => {
    await expect(generateDemo({ outDir: result.options.outDir, orders: 10, seed: 1 })).rejects.toThrow(
      /^generateDemo: outDir .* already holds landing files \(brands_0000_backfill\.csv, and 37 more\)/,
    );
  });
});

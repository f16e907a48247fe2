import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDateFormat } from '../../../etl/mapping/dates.ts';
import { loadMapping, parseMapping } from '../../../etl/mapping/load.ts';
import { InvalidArgumentError } from '../../../src/errors.ts';

const MAPPINGS = fileURLToPath(new URL('../../../etl/mappings/', import.meta.url));

/** A valid mapping with one line changed by the test. */
function mapping(ordersColumns: string, extra = ''): string {
  return `mapping: 1
name: test
sources:
  - files: "*.csv"
    rows: order_items
${extra}    entities:
      order_items:
        order_id: Invoice
        line_number: { line_number: Invoice }
        product_id: Sku
        quantity: Qty
        unit_price: Price
      orders:
${ordersColumns}`;
}

const ORDERS = `        order_id: Invoice
        customer_id: Customer
        order_ts: { date: When, format: dd/mm/yyyy HH:MM }
        status: { const: placed }
`;

function errorOf(text: string): string {
  try {
    parseMapping(text, 'm.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return (e as Error).message;
  }
  throw new Error('expected the mapping to be refused');
}

describe('mapping files', () => {
  it('reads a valid mapping into sources, entities and expressions', () => {
    const m = parseMapping(mapping(ORDERS), 'm.yaml');
    expect(m.sources).toHaveLength(1);
    const source = m.sources[0];
    expect(source?.rows).toBe('order_items');
    expect(source?.encoding).toBe('utf-8');
    expect(source?.duplicates).toBe('keep');
    expect(source?.entities.map((e) => e.entity)).toEqual(['order_items', 'orders']);
    const ts = source?.entities[1]?.columns.find((c) => c.column === 'order_ts');
    expect(ts?.expr).toMatchObject({
      op: 'date',
      formats: ['dd/mm/yyyy HH:MM'],
      arg: { op: 'column', name: 'When' },
    });
    expect(ts?.line).toBe(16);
  });

  it.each([
    [
      'an unknown target column',
      `${ORDERS}        colour: Colour\n`,
      "line 18: 'colour' is not a column of orders",
    ],
    ['a bad date format', ORDERS.replace('dd/mm/yyyy HH:MM', 'dd/mm/yyyy HH:MM xx'), 'line 16: date format'],
    ['a date format with no year', ORDERS.replace('dd/mm/yyyy HH:MM', 'dd/mm HH:MM'), 'has no year'],
    [
      'formats that disagree on day-month order',
      ORDERS.replace('dd/mm/yyyy HH:MM', '[dd/mm/yyyy HH:MM, M/D/YYYY H:MM]'),
      'line 16: the formats',
    ],
    [
      'an unknown operation',
      ORDERS.replace('{ const: placed }', '{ shout: Status }'),
      "line 17: unknown operation 'shout'",
    ],
    [
      'two operations in one expression',
      ORDERS.replace('{ const: placed }', '{ trim: A, upper: B }'),
      'one operation per expression',
    ],
    [
      'an unknown parameter',
      ORDERS.replace('{ const: placed }', '{ trim: A, side: left }'),
      "unknown key 'side'",
    ],
    [
      'a missing required column',
      ORDERS.replace('        status: { const: placed }\n', ''),
      "line 13: orders needs its required column 'status'",
    ],
    [
      'round without decimals',
      ORDERS.replace('{ const: placed }', '{ round: Price }'),
      "operation 'round' needs 'decimals'",
    ],
  ])('names the mapping line for %s', (_what, orders, message) => {
    expect(errorOf(mapping(orders))).toContain(message);
  });

  it('names the line of an entity the contract does not have', () => {
    expect(errorOf(mapping(ORDERS).replace('      orders:', '      invoices:'))).toContain(
      "line 13: 'invoices' is not an entity of the data contract",
    );
  });

  it('refuses a reject rule that reuses a reason of the contract, and a bad condition', () => {
    const rule = (reason: string, when: string) =>
      `    reject:\n      - reason: ${reason}\n        when: ${when}\n`;
    expect(errorOf(mapping(ORDERS, rule('bad_number', '{ empty: Qty }')))).toContain(
      "line 7: reason 'bad_number' is already used by shopstat",
    );
    expect(errorOf(mapping(ORDERS, rule('odd', '{ below: Qty }')))).toContain(
      "condition 'below' needs 'value'",
    );
    expect(errorOf(mapping(ORDERS, rule('odd', '{ below: Qty, value: zero }')))).toContain(
      'must be a number',
    );
  });

  it('refuses text that is not YAML, a wrong version and an unknown encoding', () => {
    expect(errorOf('mapping: 1\nsources: [\n')).toMatch(/line \d+: not valid YAML/);
    expect(errorOf(mapping(ORDERS).replace('mapping: 1', 'mapping: 2'))).toContain('reads mapping format 1');
    expect(
      errorOf(mapping(ORDERS).replace('rows: order_items', 'rows: order_items\n    encoding: ebcdic')),
    ).toContain("line 6: unknown encoding 'ebcdic'");
  });

  it('accepts a YAML alias to reuse an expression', () => {
    const m = parseMapping(
      mapping(
        ORDERS.replace('customer_id: Customer', 'customer_id: &c { coalesce: [Customer, { const: x }] }'),
      ).concat('      customers:\n        customer_id: *c\n        country: { const: DE }\n'),
      'm.yaml',
    );
    const customers = m.sources[0]?.entities.find((e) => e.entity === 'customers');
    expect(customers?.columns[0]?.expr).toMatchObject({ op: 'coalesce' });
  });

  it('loads every shipped mapping', () => {
    const files = readdirSync(MAPPINGS).filter((f) => f.endsWith('.yaml'));
    expect(files.sort()).toEqual([
      'olist.yaml',
      'online-retail-dmy-latin1.yaml',
      'online-retail-mdy.yaml',
      'superstore.yaml',
    ]);
    for (const f of files) expect(loadMapping(join(MAPPINGS, f)).sources.length).toBeGreaterThan(0);
  });

  it('reports a mapping file that cannot be read', () => {
    expect(() => loadMapping('/nonexistent/m.yaml')).toThrow(/cannot read/);
  });
});

describe('date formats', () => {
  it.each([
    ['dd/mm/yyyy HH:MM', '%d/%m/%Y %H:%M', '\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}', 'day-month-year'],
    ['M/D/YY H:MM', '%m/%d/%y %H:%M', '\\d{1,2}/\\d{1,2}/\\d{2} \\d{1,2}:\\d{2}', 'month-day-year'],
    ['M/D/YYYY', '%m/%d/%Y', '\\d{1,2}/\\d{1,2}/\\d{4}', 'month-day-year'],
    [
      'yyyy-mm-dd HH:MM:SS',
      '%Y-%m-%d %H:%M:%S',
      '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}',
      'year-month-day',
    ],
    ['dd.mm.yyyyTHH:MM', '%d.%m.%YT%H:%M', '\\d{2}\\.\\d{2}\\.\\d{4}T\\d{2}:\\d{2}', 'day-month-year'],
  ])('%s reads as strptime %s', (format, strptime, pattern, order) => {
    expect(parseDateFormat(format)).toMatchObject({ strptime, pattern, order });
  });

  it.each([
    ['dd/mm/yyyy hh:mm:ss.fff', "'fff' is not a time token"],
    ['dd/dd/yyyy', 'the day appears twice'],
    ['dd/mm/yyyy HH', 'has no minute'],
    ['mm/yyyy', 'has no day'],
  ])('refuses %s', (format, message) => {
    expect(() => parseDateFormat(format)).toThrow(message);
  });
});

describe('shopstat mapping check', () => {
  it('lists which source reads each landing file and refuses a header that lacks a mapped column, naming the mapping line', async () => {
    const { checkMapping } = await import('../../../etl/mapping/check.ts');
    const dir = mkdtempSync(join(tmpdir(), 'shopstat-check-'));
    try {
      writeFileSync(join(dir, 'olist_orders_dataset.csv'), '"order_id","customer_id","order_status"\n');
      writeFileSync(join(dir, 'olist_geolocation_dataset.csv'), 'a\n');
      writeFileSync(join(dir, 'customers.csv'), 'customer_id,country\n');
      writeFileSync(join(dir, 'notes.csv'), 'x\n');
      const result = await checkMapping(join(MAPPINGS, 'olist.yaml'), dir);
      expect(result.ok).toBe(false);
      expect(result.files).toEqual([
        {
          file: 'customers.csv',
          sourceLine: null,
          status: 'unmapped',
          detail: 'loads as contract entity customers',
          sample: null,
        },
        {
          file: 'notes.csv',
          sourceLine: null,
          status: 'unmapped',
          detail: 'matches no source and no entity name: skipped with a warning',
          sample: null,
        },
        {
          file: 'olist_geolocation_dataset.csv',
          sourceLine: null,
          status: 'ignored',
          detail: null,
          sample: null,
        },
        {
          file: 'olist_orders_dataset.csv',
          sourceLine: 42,
          status: 'error',
          detail: `mapping ${join(MAPPINGS, 'olist.yaml')} line 56: source column 'order_purchase_timestamp' is not in the file's header (order_id, customer_id, order_status)`,
          sample: null,
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

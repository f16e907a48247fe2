import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMapping } from '../../../etl/mapping/check.ts';
import { loadMapping, parseMapping } from '../../../etl/mapping/load.ts';
import { MAPPING_BOUNDS } from '../../../etl/mapping/yaml-bounds.ts';
import { runEtl } from '../../../etl/runner.ts';
import { InvalidArgumentError } from '../../../src/errors.ts';

/** A valid mapping whose orders.customer_id is the expression given (on line 16). */
function mapping(customerId: string): string {
  return `mapping: 1
name: test
sources:
  - files: "export*.csv"
    rows: order_items
    entities:
      order_items:
        order_id: Invoice
        line_number: { line_number: Invoice }
        product_id: Sku
        quantity: Qty
        unit_price: Price
      orders:
        order_id: Invoice
        order_ts: { date: When, format: dd/mm/yyyy HH:MM }
        customer_id: ${customerId}
        status: { const: placed }
`;
}

/**
 * A "billion laughs" alias bomb: nine levels, each alias list nine times the one before, so the
 * last anchor stands for 9^8 (43 million) column names, written in under 1 KB.
 */
function aliasBomb(): string {
  const levels = ['&a0 { concat: [A, A, A, A, A, A, A, A, A] }'];
  for (let i = 1; i <= 8; i++)
    levels.push(
      `&a${i} { concat: [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}] }`,
    );
  return mapping(`{ coalesce: [${levels.join(', ')}] }`);
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return (e as Error).message;
  }
  throw new Error('expected the mapping to be refused');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopstat-bounds-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('bounds of a mapping file', () => {
  it('refuses an alias bomb of under 1 KB at once, in parseMapping, mapping check and etl, naming the file and line', async () => {
    const text = aliasBomb();
    expect(Buffer.byteLength(text)).toBeLessThan(1000);
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, text);
    const started = Date.now();
    // Line 16 holds the anchors; the first alias that expands past the bound is there.
    expect(errorOf(() => loadMapping(file))).toMatch(
      new RegExp(
        `^mapping ${file} line 16: the mapping has more than 10,000 values once its aliases are expanded`,
      ),
    );
    await expect(checkMapping(file)).rejects.toThrow(/bomb\.yaml line 16: the mapping has more than 10,000/);
    mkdirSync(join(dir, 'landing'));
    await expect(
      runEtl({ landing: join(dir, 'landing'), warehouse: join(dir, 'w.duckdb'), mapping: file }),
    ).rejects.toThrow(/bomb\.yaml line 16: the mapping has more than 10,000/);
    // Before the bound, the reader expanded the 43 million names and hung at 3.8 GB: loose bound.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    [
      'a list that holds its own alias',
      '&x { concat: [A, *x] }',
      'alias *x stands for a list or map that contains',
    ],
    ['a map that holds its own alias', '&x { trim: *x }', 'alias *x stands for a list or map that contains'],
    ['two anchors that hold each other', '&x { concat: [A, &y { trim: [*x] }] }', 'alias *x stands for'],
    ['the YAML text of the attack', '&x [*x]', 'alias *x stands for'],
  ])(
    'refuses %s as a mapping error naming the file and line, not a stack overflow',
    (_what, expr, message) => {
      const text = mapping(expr);
      expect(errorOf(() => parseMapping(text, 'self.yaml'))).toContain(
        `mapping self.yaml line 16: ${message}`,
      );
    },
  );

  it('names the alias line and the anchored node line of a self-reference written over several lines', () => {
    const text = mapping('&x\n          concat:\n            - A\n            - *x');
    expect(errorOf(() => parseMapping(text, 'self.yaml'))).toBe(
      'mapping self.yaml line 19: alias *x stands for a list or map that contains the alias itself (anchor &x at line 17), which would never end',
    );
  });

  it('refuses an alias with no anchor before it, naming its line', () => {
    expect(errorOf(() => parseMapping(mapping('*nowhere'), 'm.yaml'))).toBe(
      'mapping m.yaml line 16: alias *nowhere has no anchor &nowhere before it',
    );
  });

  it.each([
    ['flow lists', `${'['.repeat(3000)}A${']'.repeat(3000)}`],
    ['flow maps', `${'{ trim: '.repeat(3000)}A${' }'.repeat(3000)}`],
    // Block lists need no indentation per level: `- - - A` is three lists deep.
    ['block lists', `\n          ${'- '.repeat(3000)}A`],
  ])('refuses 3,000-deep nesting in %s as a mapping error naming the line', (_what, expr) => {
    const message = errorOf(() => parseMapping(mapping(expr), 'deep.yaml'));
    expect(message).toMatch(/^mapping deep\.yaml line \d+: lists and maps are nested deeper than 64 levels$/);
  });

  it('refuses nesting that passes 64 levels only once aliases are expanded', () => {
    // Each anchor wraps the one before in ten more levels: 80 levels expanded, 12 in the text.
    const levels = ['&d0 { trim: A }'];
    for (let i = 1; i <= 8; i++) levels.push(`&d${i} ${'{ trim: '.repeat(10)}*d${i - 1}${' }'.repeat(10)}`);
    const message = errorOf(() => parseMapping(mapping(`{ coalesce: [${levels.join(', ')}] }`), 'm.yaml'));
    expect(message).toContain(
      'line 16: lists and maps are nested deeper than 64 levels once aliases are expanded',
    );
  });

  it('accepts nesting and reuse within the bounds', () => {
    const deep = `${'{ trim: '.repeat(40)}A${' }'.repeat(40)}`;
    const m = parseMapping(mapping(`&c { coalesce: [${deep}, *c0] }`.replace('*c0', 'B')), 'm.yaml');
    expect(m.sources[0]?.entities[1]?.columns.find((c) => c.column === 'customer_id')?.expr.op).toBe(
      'coalesce',
    );
  });

  it('refuses a mapping file larger than 1 MiB, and a device that never ends, without reading them whole', () => {
    expect(MAPPING_BOUNDS.maxBytes).toBe(1024 * 1024);
    const big = join(dir, 'big.yaml');
    // A valid mapping padded with comments to 2 MiB.
    writeFileSync(big, mapping('Customer') + '# padding padding padding padding\n'.repeat(62_000));
    const expected = 'the file is larger than 1,048,576 bytes (1 MiB)';
    expect(errorOf(() => loadMapping(big))).toContain(`mapping ${big}: ${expected}`);
    expect(
      errorOf(() => parseMapping(`${mapping('Customer')}#${'x'.repeat(1024 * 1024)}\n`, 'm.yaml')),
    ).toContain(expected);
    expect(errorOf(() => loadMapping('/dev/zero'))).toContain(`mapping /dev/zero: ${expected}`);
  });
});

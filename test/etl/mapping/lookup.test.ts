import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMapping } from '../../../etl/mapping/load.ts';
import { EtlFixture } from '../../support/fixtures.ts';

/**
 * Lookups: a mapping takes a value from another landing file by key, as Olist's orders find the
 * person (customer_unique_id) behind their per-order customer_id in the customers file.
 */

const MAPPING = `mapping: 1
name: orders with a customer lookup
sources:
  - files: "people*.csv"
    rows: customers
    entities:
      customers:
        customer_id: person
        country: { const: BR }
  - files: "sales*.csv"
    rows: orders
    lookups:
      person:
        files: "people*.csv"
        key: account
        value: person
    entities:
      orders:
        order_id: id
        customer_id: { coalesce: [{ lookup: person, key: account }, account] }
        order_ts: { date: at, format: iso }
        status: { const: placed }
`;
const SALES = 'id,account,at\nO1,a1,2025-01-01\nO2,a2,2025-01-02\nO3,a3,2025-01-03\nO4,zz,2025-01-04\n';
const PEOPLE = 'account,person\na1,p1\na2,p1\na3,p2\n';

const fixtures: EtlFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

function setup(files: Record<string, string>, yaml = MAPPING): { fx: EtlFixture; mapping: string } {
  const fx = new EtlFixture(files);
  fixtures.push(fx);
  const mapping = join(fx.root.dir, 'm.yaml');
  writeFileSync(mapping, yaml);
  return { fx, mapping };
}

describe('mapping lookups', () => {
  it("finds each order's person in the other file; a key not found keeps its own value (an unknown customer)", async () => {
    const { fx, mapping } = setup({ 'sales.csv': SALES, 'people.csv': PEOPLE });
    const result = await fx.run({ mapping });
    expect(result.exitCode).toBe(0);
    expect(
      await fx.query('select order_id, customer_id, country from silver.fact_orders order by 1'),
    ).toEqual([
      { order_id: 'O1', customer_id: 'p1', country: 'BR' },
      { order_id: 'O2', customer_id: 'p1', country: 'BR' },
      { order_id: 'O3', customer_id: 'p2', country: 'BR' },
      { order_id: 'O4', customer_id: 'zz', country: null },
    ]);
    // p1 bought twice in January: one active customer for two orders.
    expect(await fx.query('select active_customers, new_customers from gold.monthly_kpis')).toEqual([
      { active_customers: 3, new_customers: 3 },
    ]);
  });

  it('a key with two values in the lookup files is not found, and a warning names it', async () => {
    const { fx, mapping } = setup({
      'sales.csv': SALES,
      'people.csv': PEOPLE,
      'people_2.csv': 'account,person\na3,p9\n',
    });
    const result = await fx.run({ mapping });
    expect(result.warnings.find((w) => w.code === 'ambiguous_lookup')?.message).toBe(
      `the lookup 'person' of mapping ${mapping} line 13: 1 key(s) have more than one person in people.csv, people_2.csv (e.g. a3); they are treated as not found`,
    );
    expect(await fx.query("select customer_id from bronze.orders where order_id = 'O3'")).toEqual([
      { customer_id: 'a3' },
    ]);
  });

  it('without a lookup file in the landing folder, the files that need it are rejected whole, named, and the rest load', async () => {
    const { fx, mapping } = setup({
      'sales.csv': SALES,
      'orders.csv': 'order_id,customer_id,order_ts,status\nX1,c1,2025-01-05,placed\n',
    });
    const result = await fx.run({ mapping });
    expect(result.exitCode).toBe(2);
    expect(result.files.find((f) => f.file === 'sales.csv')).toMatchObject({
      action: 'reject',
      reason: 'missing_lookup',
      detail: `sales.csv: the lookup 'person' of mapping ${mapping} line 13 reads people*.csv, but no landing file matches`,
    });
    expect(await fx.query('select order_id from bronze.orders')).toEqual([{ order_id: 'X1' }]);
  });

  it('a lookup file without the key column rejects the files that need it, naming the mapping line and the header', async () => {
    const { fx, mapping } = setup({ 'sales.csv': SALES, 'people.csv': 'acct,person\na1,p1\n' });
    const result = await fx.run({ mapping });
    expect(result.files.find((f) => f.file === 'sales.csv')).toMatchObject({
      reason: 'missing_column',
      detail: `sales.csv: the lookup 'person' of mapping ${mapping} line 13 needs columns 'account' and 'person' in people.csv (its header: acct, person)`,
    });
  });

  it('a Latin-1 lookup file is read through a UTF-8 copy that does not outlive the run', async () => {
    const yaml = MAPPING.replace(
      '        value: person\n',
      '        value: person\n        encoding: latin1\n',
    ).replace(
      '  - files: "people*.csv"\n    rows: customers\n',
      '  - files: "people*.csv"\n    encoding: latin1\n    rows: customers\n',
    );
    const { fx, mapping } = setup(
      { 'sales.csv': 'id,account,at\nO1,josé,2025-01-01\n', 'people.csv': '' },
      yaml,
    );
    // "josé" in Latin-1: é is the one byte 0xE9.
    writeFileSync(
      join(fx.landing, 'people.csv'),
      Buffer.concat([Buffer.from('account,person\njos'), Buffer.from([0xe9]), Buffer.from(',p1\n')]),
    );
    const result = await fx.run({ mapping });
    expect(result.exitCode).toBe(0);
    expect(await fx.query('select customer_id from bronze.orders')).toEqual([{ customer_id: 'p1' }]);
    expect(existsSync(`${fx.warehouse}.utf8`) ? readdirSync(`${fx.warehouse}.utf8`) : []).toEqual([]);
  });

  it('the format is checked: an undeclared lookup, a bad name, too many lookups, unknown keys', () => {
    const bad = (yaml: string) => () => parseMapping(yaml, 'm.yaml');
    expect(
      bad(MAPPING.replace('{ lookup: person, key: account }', '{ lookup: nobody, key: account }')),
    ).toThrow(
      "mapping m.yaml line 20: lookup 'nobody' is not declared under the source's 'lookups' (person)",
    );
    expect(bad(MAPPING.replace('      person:\n', '      Person!:\n'))).toThrow(
      "a lookup name must be a lowercase word, got 'Person!'",
    );
    const nine = Array.from({ length: 9 }, (_, i) => `      l${i}: { files: x.csv, key: a, value: b }`).join(
      '\n',
    );
    expect(
      bad(
        MAPPING.replace(
          '      person:\n        files: "people*.csv"\n        key: account\n        value: person\n',
          `${nine}\n`,
        ),
      ),
    ).toThrow('a source may declare at most 8 lookups');
    expect(
      bad(MAPPING.replace('        value: person\n', '        value: person\n        sql: drop\n')),
    ).toThrow("unknown key 'sql' in lookup 'person'");
  });
});

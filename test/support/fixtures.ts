import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EtlOptions, type EtlResult, runEtl } from '../../etl/runner.ts';
import { type Row, Warehouse } from '../../src/warehouse/index.ts';

/** A temporary folder removed by `cleanup()`. */
export interface TempDir {
  readonly dir: string;
  cleanup(): void;
}

export function tempDir(prefix = 'shopstat-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files (name → content; a Buffer is written as bytes) into a folder. */
export function writeFiles(dir: string, files: Readonly<Record<string, string | Buffer>>): void {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

/** The smallest valid dimension files, for tests about facts. */
export const BASE_DIMENSIONS: Readonly<Record<string, string>> = {
  'categories.csv': 'category_id,category_name,parent_category_id\nc1,Shoes,\nc2,Socks,c1\n',
  'brands.csv': 'brand_id,brand_name\nb1,Acme\n',
  'customers.csv':
    'customer_id,gender,birth_date,country,region,city,signup_date\nu1,female,1990-01-02,DE,,Berlin,2024-01-01\nu2,male,,AT,,,\n',
  'products.csv':
    'product_id,product_name,category_id,brand_id,list_price,unit_cost\np1,Shoe,c1,b1,10.00,4\np2,Sock,c2,b1,2.50,1\n',
};

/** A landing folder and a warehouse path inside one temporary folder. */
export class EtlFixture {
  readonly root: TempDir = tempDir();
  readonly landing: string = join(this.root.dir, 'landing');
  readonly warehouse: string = join(this.root.dir, 'wh.duckdb');

  constructor(files: Readonly<Record<string, string | Buffer>> = {}) {
    mkdirSync(this.landing, { recursive: true });
    writeFiles(this.landing, files);
  }

  write(files: Readonly<Record<string, string | Buffer>>): void {
    writeFiles(this.landing, files);
  }

  run(options: Partial<EtlOptions> = {}): Promise<EtlResult> {
    return runEtl({ landing: this.landing, warehouse: this.warehouse, ...options });
  }

  /** Runs queries against the warehouse (opened and closed here). */
  async query(sql: string, params?: Record<string, string | number>): Promise<Row[]> {
    const wh = await Warehouse.open(this.warehouse);
    try {
      return await wh.all(sql, params);
    } finally {
      wh.close();
    }
  }

  cleanup(): void {
    this.root.cleanup();
  }
}

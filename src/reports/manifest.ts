/**
 * What a review was made from, carried by every output so it can be reproduced: the landing
 * files the warehouse loaded with their content hashes (from the file ledger), the rows per
 * layer, the shopstat version, the reporting time zone, the options and the generation time.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { packageVersion } from '../version.ts';
import { qualifiedName, quoteLiteral, type Warehouse } from '../warehouse/index.ts';
import type { ReportManifest } from './model.ts';

/** Warehouses up to this size are hashed whole (SHA-256 streams at roughly 1 GB/s here). */
export const HASH_WAREHOUSE_MAX_BYTES = 2 * 1024 ** 3;

/** SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const LAYERS = ['bronze', 'quarantine', 'silver', 'gold'] as const;

/**
 * Reads the manifest's warehouse facts. The warehouse itself is hashed when it is at most
 * {@link HASH_WAREHOUSE_MAX_BYTES} (else `sha256` is `null` and the input hashes identify it);
 * a `:memory:` warehouse has neither size nor hash.
 */
export async function buildManifest(
  wh: Warehouse,
  options: ReportManifest['options'],
  generatedAt: string,
  currency: string,
): Promise<ReportManifest> {
  const files = await wh.all<{ file: string; sha256: string; rows: number | string }>(
    `select file_name as file, coalesce(content_sha256, sha256) as sha256, rows_read as rows
     from meta.file_ledger where status = 'loaded' order by file_id`,
  );
  const tables = await wh.all<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_catalog = current_database() and table_type = 'BASE TABLE'
       and table_schema in ('bronze', 'quarantine', 'silver', 'gold')`,
  );
  // One query counts every table of the four layers (DuckDB answers count(*) from its metadata).
  const counted =
    tables.length === 0
      ? []
      : await wh.all<{ layer: string; n: number | string }>(
          `select layer, sum(n) as n from (${tables
            .map(
              (t) =>
                `select ${quoteLiteral(t.schema)} as layer, count(*) as n from ${qualifiedName(t.schema, t.name)}`,
            )
            .join(' union all ')}) group by layer`,
        );
  const rowsPerLayer: Record<string, number> = Object.fromEntries(LAYERS.map((layer) => [layer, 0]));
  for (const c of counted) rowsPerLayer[c.layer] = Number(c.n);
  const timeZone = await wh.scalar('select time_zone from meta.runs order by run_id desc limit 1');
  let bytes = 0;
  let sha256: string | null = null;
  if (wh.path !== ':memory:') {
    bytes = statSync(wh.path).size;
    if (bytes <= HASH_WAREHOUSE_MAX_BYTES) sha256 = await sha256File(wh.path);
  }
  return {
    shopstatVersion: packageVersion(),
    warehouse: { path: wh.path, bytes, sha256 },
    inputFiles: files.map((f) => ({ file: f.file, sha256: f.sha256, rows: Number(f.rows) })),
    rowsPerLayer,
    timeZone: typeof timeZone === 'string' ? timeZone : 'UTC',
    currency,
    options,
    generatedAt,
  };
}

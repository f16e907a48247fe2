import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runEtl } from '../../etl/runner.ts';
import { writeReport } from '../../src/reports/write-report.ts';
import { tempDir } from '../support/fixtures.ts';
import { NEEDS_SHARED_DATA, SHARED_DATA, sharedDataPresent } from '../support/shared-data.ts';

/**
 * The review works on every warehouse shopstat builds from the real exports, not only the demo:
 * each section whose data the export lacks is left out with its reason, and everything else is
 * there. (Which sections each export supports is read off its SOURCE.md and the shipped mapping:
 * Online Retail has one channel and no payment method; Superstore has no channel, one country
 * and no cancellations; Olist has no channel, one country and no payment method in the mapping.)
 */
const MAPPINGS = fileURLToPath(new URL('../../etl/mappings/', import.meta.url));
const dir = tempDir('shopstat-real-report-');
afterAll(() => dir.cleanup());

const CASES = [
  {
    name: 'Online Retail (non-UK, full year)',
    folder: 'online-retail/non-uk-full-year',
    mapping: 'online-retail-mdy.yaml',
    month: '2011-11',
    currency: 'GBP',
    warnings: [],
    omitted: { channels: /Only one channel \(web\)/, cancellations: /No payment method/ },
  },
  {
    name: 'Superstore',
    folder: 'superstore/lf-float-artefacts',
    mapping: 'superstore.yaml',
    month: '2021-11',
    currency: 'USD',
    warnings: [],
    omitted: {
      channels: /No channel in this warehouse/,
      geography: /one country \(United States\)/,
      cancellations: /No cancelled orders/,
    },
  },
  {
    name: 'Olist (relational subset)',
    folder: 'olist/relational-subset',
    mapping: 'olist.yaml',
    month: '2018-09',
    currency: 'BRL',
    // The subset's last complete month holds one order (the export tails off): said, not hidden.
    warnings: ['thin_month'],
    omitted: {
      channels: /No channel in this warehouse/,
      geography: /one country \(BR\)/,
      cancellations: /No payment method/,
    },
  },
] as const;

if (!sharedDataPresent) {
  process.stderr.write(`test/reports/real-exports-report.test.ts: skipped, ${NEEDS_SHARED_DATA}\n`);
}

describe.skipIf(!sharedDataPresent)(`the review of the real exports: ${NEEDS_SHARED_DATA}`, () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const warehouse = join(dir.dir, `${c.folder.replace('/', '_')}.duckdb`);
      const etl = await runEtl({
        landing: join(SHARED_DATA, c.folder),
        warehouse,
        mapping: join(MAPPINGS, c.mapping),
        timeZone: 'UTC',
      });
      expect(etl.exitCode).toBe(0);
      const r = await writeReport({ warehouse, outDir: join(dir.dir, c.folder.replace('/', '_')) });
      expect(r.month).toBe(c.month);
      expect(r.model.currency).toBe(c.currency);
      expect(r.model.warnings.map((w) => w.code)).toEqual(c.warnings);
      const omitted = Object.fromEntries(r.omitted.map((o) => [o.section, o.reason]));
      expect(Object.keys(omitted).sort()).toEqual(Object.keys(c.omitted).sort());
      for (const [section, reason] of Object.entries(c.omitted)) expect(omitted[section]).toMatch(reason);
      // The page says why each section is missing, in one line.
      const html = readFileSync(r.files.html, 'utf8');
      for (const reason of Object.values(omitted)) expect(html).toContain(reason.replaceAll("'", '&#x27;'));
      expect(r.findings.length).toBeGreaterThanOrEqual(4);
      expect(r.pivots).toContain('RevenueByMonth');
    },
    120_000,
  );
});

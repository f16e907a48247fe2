import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_MODEL, FIXTURE_MODEL_OMITTED } from '../fixtures/model.ts';
import { TINY_PNG, writeWorkbook } from './support.ts';

const sofficePresent = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!sofficePresent)('LibreOffice opens the review workbook', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shopstat-xlsx-lo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Converts `name.xlsx` in the temp folder to PDF with a profile of its own, returns the PDF's bytes. */
  function convertToPdf(name: string): Buffer {
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(dir, `profile-${name}`)}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, `${name}.xlsx`),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const pdf = join(dir, `${name}.pdf`);
    expect(statSync(pdf).size).toBeGreaterThan(0);
    return readFileSync(pdf);
  }

  it('converts the full review, charts included, to a non-empty PDF', async () => {
    writeFileSync(
      join(dir, 'full.xlsx'),
      await writeWorkbook(FIXTURE_MODEL, {
        charts: [
          { id: 'trend', title: 'Revenue', alt: 'Revenue rises.', png: TINY_PNG, width: 64, height: 32 },
        ],
      }),
    );
    expect(convertToPdf('full').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('converts the review with omitted sections to a non-empty PDF', async () => {
    writeFileSync(join(dir, 'omitted.xlsx'), await writeWorkbook(FIXTURE_MODEL_OMITTED));
    expect(convertToPdf('omitted').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

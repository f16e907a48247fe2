import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { oneCellAnchorsWithoutEditAs } from '../../../../src/reports/xlsx/pivot/drawing-anchors.ts';
import { writeWorkbookWithPivots } from '../../../../src/reports/xlsx/pivot/index.ts';
import { openpyxlAvailable, runDebianPython } from '../../../support/libreoffice.ts';
import { validatePackage, xmllintAvailable } from '../../../support/ooxml-validate.ts';
import { SALES, SALES_PIVOT } from './fixtures.ts';

const withOpenpyxl = openpyxlAvailable();
if (!withOpenpyxl)
  process.stderr.write(
    'drawing-anchors.test.ts: openpyxl part skipped, /usr/bin/python3 with openpyxl not found\n',
  );
if (!xmllintAvailable)
  process.stderr.write('drawing-anchors.test.ts: schema part skipped, /usr/bin/xmllint not found\n');

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'read-pivots.py');

/** A 1×1 red PNG (67 bytes), written by hand: signature, IHDR, one IDAT, IEND. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

describe('oneCellAnchorsWithoutEditAs', () => {
  it('removes editAs from one-cell anchors and nothing else', () => {
    const xml =
      '<xdr:wsDr xmlns:xdr="x"><xdr:oneCellAnchor editAs="oneCell"><xdr:from/></xdr:oneCellAnchor>' +
      '<xdr:twoCellAnchor editAs="oneCell"><xdr:from/></xdr:twoCellAnchor>' +
      '<oneCellAnchor  editAs=\'absolute\' macro="m"/></xdr:wsDr>';
    expect(oneCellAnchorsWithoutEditAs(xml)).toBe(
      '<xdr:wsDr xmlns:xdr="x"><xdr:oneCellAnchor><xdr:from/></xdr:oneCellAnchor>' +
        '<xdr:twoCellAnchor editAs="oneCell"><xdr:from/></xdr:twoCellAnchor>' +
        '<oneCellAnchor macro="m"/></xdr:wsDr>',
    );
  });

  it('leaves a drawing without one-cell anchors byte-identical', () => {
    const xml = '<xdr:wsDr><xdr:twoCellAnchor editAs="absolute"/><xdr:absoluteAnchor/></xdr:wsDr>';
    expect(oneCellAnchorsWithoutEditAs(xml)).toBe(xml);
    expect(oneCellAnchorsWithoutEditAs('')).toBe('');
  });
});

async function workbookWithPicture(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Chart');
  const image = workbook.addImage({ buffer: PNG, extension: 'png' } as never);
  sheet.addImage(image, { tl: { col: 1, row: 1 }, ext: { width: 120, height: 80 }, editAs: 'oneCell' });
  return writeWorkbookWithPivots(workbook, [SALES], [SALES_PIVOT]);
}

describe('a workbook with a picture', () => {
  it('has no editAs on its one-cell anchors after writeWorkbookWithPivots', async () => {
    const files = unzipSync(await workbookWithPicture());
    const drawing = strFromU8(files['xl/drawings/drawing1.xml'] ?? new Uint8Array());
    expect(drawing).toContain('oneCellAnchor');
    expect(drawing).not.toMatch(/<xdr:oneCellAnchor[^>]*editAs/);
  });

  it.skipIf(!xmllintAvailable)('validates its drawing part against dml-spreadsheetDrawing.xsd', async () => {
    const results = await validatePackage(await workbookWithPicture());
    const drawing = results.find((r) => r.part === 'xl/drawings/drawing1.xml');
    expect(drawing).toMatchObject({ schema: 'dml-spreadsheetDrawing.xsd', valid: true });
    expect(results.filter((r) => !r.valid)).toEqual([]);
  });

  it.skipIf(!withOpenpyxl)('is seen by openpyxl 3.0.9 (ws._images)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopstat-picture-'));
    try {
      const file = join(dir, 'picture.xlsx');
      writeFileSync(file, await workbookWithPicture());
      const read = (await runDebianPython(SCRIPT, [file])) as { images: Record<string, number> };
      expect(read.images.Chart).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

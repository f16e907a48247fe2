/** The About sheet: the review's manifest, enough to reproduce it. */
import type { ReportManifest } from '../model.ts';
import type { SheetWriter } from './sheet-writer.ts';

export function writeAboutSheet(writer: SheetWriter, manifest: ReportManifest): void {
  writer.title('About this workbook');
  writer.paragraph('What the review was made from: the warehouse, the files it loaded and the options used.');
  writer.facts([
    ['shopstat version', manifest.shopstatVersion],
    ['Generated at', manifest.generatedAt],
    ['Time zone', manifest.timeZone],
    ['Currency', manifest.currency],
    ['Warehouse', manifest.warehouse.path],
    ['Warehouse size (bytes)', { value: manifest.warehouse.bytes, kind: 'count' }],
    ['Warehouse SHA-256', manifest.warehouse.sha256 ?? 'not computed'],
  ]);
  writer.heading('Input files');
  writer.table(
    {
      name: 'About_InputFiles',
      columns: [
        { header: 'File', kind: 'text' },
        { header: 'Rows', kind: 'count' },
        { header: 'SHA-256', kind: 'text' },
      ],
      rows: manifest.inputFiles.map((f) => [f.file, f.rows, f.sha256]),
    },
    'The warehouse ledger lists no input file.',
  );
  writer.heading('Rows per layer');
  writer.table(
    {
      name: 'About_RowsPerLayer',
      columns: [
        { header: 'Layer', kind: 'text' },
        { header: 'Rows', kind: 'count' },
      ],
      rows: Object.entries(manifest.rowsPerLayer).map(([layer, rows]) => [layer, rows]),
    },
    'No layer was counted.',
  );
  writer.heading('Options');
  writer.table(
    {
      name: 'About_Options',
      columns: [
        { header: 'Option', kind: 'text' },
        { header: 'Value', kind: 'text' },
      ],
      rows: Object.entries(manifest.options).map(([option, value]) => [
        option,
        typeof value === 'boolean' ? String(value) : value,
      ]),
    },
    'No options were given.',
  );
}

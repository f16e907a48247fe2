import ExcelJS from 'exceljs';

/** A sheet's cells as a dense grid of string | number | null (exceljs reader; rich text joined). */
export type Grid = (string | number | null)[][];

/** Reads every sheet of an .xlsx into grids, by sheet name. */
export async function readGrids(bytes: Uint8Array): Promise<Map<string, Grid>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const grids = new Map<string, Grid>();
  for (const sheet of workbook.worksheets) {
    const grid: Grid = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const line = grid[r - 1] ?? [];
        grid[r - 1] = line;
        line[c - 1] = plain(cell.value);
      });
    });
    let width = 0;
    for (let r = 0; r < grid.length; r++) width = Math.max(width, grid[r]?.length ?? 0);
    grids.set(
      sheet.name,
      Array.from({ length: grid.length }, (_, r) =>
        Array.from({ length: width }, (_, c) => grid[r]?.[c] ?? null),
      ),
    );
  }
  return grids;
}

function plain(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  if (typeof value === 'object' && 'result' in value) return plain(value.result as ExcelJS.CellValue);
  return String(value);
}

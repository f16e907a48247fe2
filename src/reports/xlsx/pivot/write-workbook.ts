import type ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, type Zippable, zipSync } from 'fflate';
import { pivotCacheDefinitionXml, pivotCacheRecordsXml } from './cache-xml.ts';
import { numberFormatIds } from './number-formats.ts';
import { addPivotParts, type CacheParts, type TableParts } from './package-parts.ts';
import { buildPivotCache, type PivotCacheModel } from './pivot-cache.ts';
import { layoutPivot } from './pivot-layout.ts';
import { addPivotSheet, addSourceSheet, pivotTop } from './render-sheets.ts';
import { pivotTableXml } from './table-xml.ts';
import type { PivotSource, PivotSpec } from './types.ts';
import { validatePivots } from './validate-pivots.ts';

/**
 * Adds every source sheet and every pivot sheet (with its cached values rendered into the
 * cells, so numbers show before any refresh) to `workbook`, writes it, injects the pivot parts
 * and returns the .xlsx bytes.
 *
 * The pivots are real SpreadsheetML pivot tables (ECMA-376 Part 1, §18.10): one
 * pivotCacheDefinition + pivotCacheRecords per source used (pivots over the same source share
 * it), `refreshOnLoad="1"`, compact layout with subtotals at the top of each group and grand
 * totals for rows and columns. Items are sorted ascending: numbers numerically, text by Unicode
 * code point, "(blank)" last. Sums use Neumaier's compensated summation; average = sum / count
 * of non-null values; count = number of non-null values; a cell no record falls in is empty.
 *
 * @throws {InvalidArgumentError} for an unknown source or field, sum or average of a text field,
 *   duplicate pivot, sheet, column or caption names, sheet names Excel refuses, more than
 *   1,048,575 source rows, a cell that does not match its column's type, more than one column field.
 * @example
 * const bytes = await writeWorkbookWithPivots(new ExcelJS.Workbook(), [
 *   { sheetName: 'Data', columns: [{ name: 'Region', type: 'text' }, { name: 'Amount', type: 'number' }],
 *     rows: [['East', 10], ['West', 5], ['East', 2]] },
 * ], [{ name: 'ByRegion', source: 'Data', sheetName: 'Pivot', rows: ['Region'], columns: [], pages: [],
 *       values: [{ field: 'Amount', aggregate: 'sum', caption: 'Total amount' }] }]);
 * // Pivot!A1:B4 = Row Labels | Total amount; East | 12; West | 5; Grand Total | 17
 */
export async function writeWorkbookWithPivots(
  workbook: ExcelJS.Workbook,
  sources: readonly PivotSource[],
  pivots: readonly PivotSpec[],
): Promise<Uint8Array> {
  validatePivots(
    sources,
    pivots,
    workbook.worksheets.map((w) => w.name),
  );
  const caches = new Map<string, PivotCacheModel>();
  for (const source of sources) {
    const users = pivots.filter((p) => p.source === source.sheetName);
    if (users.length === 0) continue;
    const axisFields = new Set(users.flatMap((p) => [...p.rows, ...p.columns, ...p.pages]));
    caches.set(source.sheetName, buildPivotCache(caches.size + 1, source, axisFields));
  }
  for (const source of sources) addSourceSheet(workbook, source);
  const laidOut = pivots.map((spec) => {
    const cache = caches.get(spec.source);
    if (cache === undefined) throw new Error(`writeWorkbookWithPivots: no cache for ${spec.source}`);
    const layout = layoutPivot(cache, spec);
    addPivotSheet(workbook, spec, layout);
    return { spec, cache, layout };
  });
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  const zipped = unzipSync(written);
  // Only XML and relationship parts are decoded; other parts (images, binaries) keep their bytes.
  const isText = (path: string) => path.endsWith('.xml') || path.endsWith('.rels');
  const text = new Map(
    Object.entries(zipped)
      .filter(([path]) => isText(path))
      .map(([path, bytes]) => [path, strFromU8(bytes)]),
  );
  const formats = numberFormatIds(text.get('xl/styles.xml') ?? '');
  const cacheParts: CacheParts[] = [...caches.values()].map((cache) => ({
    index: cache.cacheId,
    cacheId: cache.cacheId,
    definitionXml: pivotCacheDefinitionXml(cache, 'rId1'),
    recordsXml: pivotCacheRecordsXml(cache),
  }));
  const tableParts: TableParts[] = laidOut.map(({ spec, cache, layout }, n) => ({
    index: n + 1,
    sheetName: spec.sheetName,
    cacheIndex: cache.cacheId,
    tableXml: pivotTableXml(
      spec.name,
      cache,
      layout,
      { top: pivotTop(spec), left: 0 },
      spec.values.map((v) => (v.numFmt === undefined ? null : (formats.get(v.numFmt) ?? null))),
    ),
  }));
  addPivotParts(text, cacheParts, tableParts);
  const out: Zippable = {};
  for (const [path, bytes] of Object.entries(zipped))
    if (!path.endsWith('/') && !isText(path)) out[path] = bytes;
  for (const [path, content] of text) out[path] = strToU8(content);
  return zipSync(out, { level: 6 });
}

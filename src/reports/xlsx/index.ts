/** The monthly-review workbook (xlsx): its formatted sheets, data sheets and safe cell writing. */
export type { WorkbookChartImage } from './charts.ts';
export { type DataColumn, type DataTable, reportDataTables, sectionDataTable } from './data-tables.ts';
export { MAX_CELL_TEXT, type SafeCellValue, safeCellValue, setCellValue } from './safe-cell.ts';
export {
  ABOUT_SHEET,
  DATA_SHEET_NAMES,
  SECTION_SHEET_NAMES,
  SUMMARY_SHEET,
  uniqueSheetName,
} from './sheet-names.ts';
export { buildReportWorkbook, type ReportWorkbookOptions } from './workbook.ts';

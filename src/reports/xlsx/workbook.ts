/**
 * The monthly-review workbook without its pivot tables: Summary, one sheet per present section,
 * a Data sheet per present section, About. Pivot tables are added afterwards to the same
 * workbook object by the pivot writer.
 */
import ExcelJS from 'exceljs';
import { InvalidArgumentError } from '../../errors.ts';
import type { ReportModel, ReportSectionId } from '../model.ts';
import { writeAboutSheet } from './about-sheet.ts';
import { chartSection, placeCharts, validateChart, type WorkbookChartImage } from './charts.ts';
import { writeDataSheet } from './data-sheets.ts';
import { reportDataTables } from './data-tables.ts';
import { fitWrappedRows, printOnePageWide } from './print-layout.ts';
import { isSheetSection, writeSectionSheet } from './section-sheets.ts';
import { ABOUT_SHEET, SECTION_SHEET_NAMES, SUMMARY_SHEET, uniqueSheetName } from './sheet-names.ts';
import { SheetWriter } from './sheet-writer.ts';
import { writeSummarySheet } from './summary-sheet.ts';

export interface ReportWorkbookOptions {
  /** Chart pictures, each placed on its section's sheet (`headline` ones on the Summary). Default none. */
  readonly charts?: readonly WorkbookChartImage[];
}

function generatedAt(model: ReportModel): Date {
  const date = new Date(model.manifest.generatedAt);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(
      `buildReportWorkbook: manifest.generatedAt must be an ISO 8601 time, got ${JSON.stringify(model.manifest.generatedAt)}`,
    );
  }
  return date;
}

/** The charts of each section, in the order given; a chart for a section without a sheet is an error. */
function chartsBySection(
  model: ReportModel,
  charts: readonly WorkbookChartImage[],
): Map<ReportSectionId, WorkbookChartImage[]> {
  const bySection = new Map<ReportSectionId, WorkbookChartImage[]>();
  for (const chart of charts) {
    validateChart(chart);
    const id = chartSection(chart);
    const section = model.sections.find((s) => s.id === id);
    if (section === undefined || section.status === 'omitted') {
      throw new InvalidArgumentError(
        `buildReportWorkbook: chart ${JSON.stringify(chart.id)} is for section ${id}, which this review ` +
          `${section === undefined ? 'does not have' : 'omits'}; leave the chart out`,
      );
    }
    bySection.set(id, [...(bySection.get(id) ?? []), chart]);
  }
  return bySection;
}

/**
 * The review as an exceljs workbook (see the module comment for its sheets). Nothing reads the
 * clock: the workbook's created and modified times are the manifest's `generatedAt`, so one
 * model always gives the same sheets. Every data value is written with `setCellValue`, so no cell
 * is ever a formula.
 *
 * @throws InvalidArgumentError for a chart that is not a PNG, has no positive size or names no
 *   present section, and for a `generatedAt` that is not a time.
 * @example
 * const workbook = buildReportWorkbook(model, { charts });
 * await workbook.xlsx.writeFile('review.xlsx');
 */
export function buildReportWorkbook(
  model: ReportModel,
  options: ReportWorkbookOptions = {},
): ExcelJS.Workbook {
  const created = generatedAt(model);
  const charts = chartsBySection(model, options.charts ?? []);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'shopstat';
  workbook.lastModifiedBy = 'shopstat';
  workbook.created = created;
  workbook.modified = created;
  workbook.title = model.title;

  const taken = new Set<string>();
  const sheet = (name: string): SheetWriter =>
    new SheetWriter(workbook.addWorksheet(uniqueSheetName(name, taken)), model.currency);

  const summary = sheet(SUMMARY_SHEET);
  writeSummarySheet(summary, model);
  placeCharts(workbook, summary, charts.get('headline') ?? []);
  summary.finish({ freeze: false });

  for (const section of model.sections.filter(isSheetSection)) {
    const writer = sheet(SECTION_SHEET_NAMES[section.id]);
    writeSectionSheet(writer, section);
    placeCharts(workbook, writer, charts.get(section.id) ?? []);
    writer.finish();
  }

  for (const table of reportDataTables(model)) {
    writeDataSheet(workbook.addWorksheet(uniqueSheetName(table.sheetName, taken)), table);
  }

  const about = sheet(ABOUT_SHEET);
  writeAboutSheet(about, model.manifest);
  about.finish({ freeze: false });
  for (const ws of workbook.worksheets) {
    fitWrappedRows(ws);
    printOnePageWide(ws);
  }
  return workbook;
}

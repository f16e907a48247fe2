/**
 * Chart pictures for the workbook. exceljs writes no charts, so the review's charts come as PNGs
 * (rendered elsewhere) and are placed on their section's sheet under a title cell.
 */
import type ExcelJS from 'exceljs';
import { InvalidArgumentError } from '../../errors.ts';
import { REPORT_SECTIONS, type ReportSectionId } from '../model.ts';
import type { SheetWriter } from './sheet-writer.ts';

/** A rendered chart: `id` names its section (`trend`, or `trend-` followed by anything). */
export interface WorkbookChartImage {
  readonly id: string;
  readonly title: string;
  /** A sentence describing the chart, written under it for readers who cannot see it. */
  readonly alt: string;
  readonly png: Uint8Array;
  /** Size on the sheet in pixels (96 dpi). */
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The section a chart belongs to: its id, or the part of it before the first `-`.
 *
 * @throws InvalidArgumentError when that is not a section of the review.
 */
export function chartSection(chart: WorkbookChartImage): ReportSectionId {
  const prefix = chart.id.split('-')[0] ?? '';
  const section = REPORT_SECTIONS.find((s) => s === prefix);
  if (section === undefined) {
    throw new InvalidArgumentError(
      `buildReportWorkbook: chart id ${JSON.stringify(chart.id)} names no section; ` +
        `start it with one of ${REPORT_SECTIONS.join(', ')} (e.g. "trend" or "trend-revenue")`,
    );
  }
  return section;
}

/**
 * Checks a chart before anything is written.
 *
 * @throws InvalidArgumentError for bytes that are not a PNG or a size that is not a positive number of pixels.
 */
export function validateChart(chart: WorkbookChartImage): void {
  chartSection(chart);
  if (!PNG_SIGNATURE.every((byte, i) => chart.png[i] === byte)) {
    throw new InvalidArgumentError(
      `buildReportWorkbook: chart ${JSON.stringify(chart.id)} is not a PNG (its bytes lack the PNG signature)`,
    );
  }
  for (const [name, size] of [
    ['width', chart.width],
    ['height', chart.height],
  ] as const) {
    if (!Number.isFinite(size) || size <= 0) {
      throw new InvalidArgumentError(
        `buildReportWorkbook: chart ${JSON.stringify(chart.id)} needs a positive ${name} in pixels, got ${size}`,
      );
    }
  }
}

/** Adds each chart's picture to the workbook and places it on `writer`'s sheet, one under another. */
export function placeCharts(
  workbook: ExcelJS.Workbook,
  writer: SheetWriter,
  charts: readonly WorkbookChartImage[],
): void {
  for (const chart of charts) {
    // base64: exceljs' typings declare their own `Buffer` (an ArrayBuffer), which Node's Buffer does not satisfy.
    const imageId = workbook.addImage({
      base64: Buffer.from(chart.png).toString('base64'),
      extension: 'png',
    });
    writer.image(imageId, chart.title, chart.alt, Math.round(chart.width), Math.round(chart.height));
  }
}

/** Which writer draws which section's sheet. */
import type { ReportSection } from '../model.ts';
import { writeBridgeSheet } from './bridge-sheet.ts';
import { writeCancellationsSheet, writeChannelsSheet, writeGeographySheet } from './member-sheets.ts';
import { writeQualitySheet } from './quality-sheet.ts';
import { writeSeasonalSheet } from './seasonal-sheet.ts';
import type { SheetWriter } from './sheet-writer.ts';
import { writeTrendSheet } from './trend-sheet.ts';

/** A present section that has a sheet of its own (the headline's figures are on the Summary). */
export type SheetSection = Exclude<ReportSection, { status: 'omitted' } | { id: 'headline' }>;

export function isSheetSection(section: ReportSection): section is SheetSection {
  return section.status === 'present' && section.id !== 'headline';
}

export function writeSectionSheet(writer: SheetWriter, section: SheetSection): void {
  switch (section.id) {
    case 'trend':
      writeTrendSheet(writer, section);
      break;
    case 'bridge':
      writeBridgeSheet(writer, section);
      break;
    case 'channels':
      writeChannelsSheet(writer, section);
      break;
    case 'geography':
      writeGeographySheet(writer, section);
      break;
    case 'cancellations':
      writeCancellationsSheet(writer, section);
      break;
    case 'seasonal':
      writeSeasonalSheet(writer, section);
      break;
    case 'quality':
      writeQualitySheet(writer, section);
      break;
  }
}

/** The Seasonal sheet: groups with mean, median and the 95 % interval of the mean, and the test. */
import type { SeasonalSection } from '../model.ts';
import type { SheetWriter } from './sheet-writer.ts';
import { writeTestSummary } from './test-summary.ts';

export function writeSeasonalSheet(writer: SheetWriter, section: SeasonalSection): void {
  writer.title(section.title);
  writer.paragraph(section.test.conclusion);
  writer.heading(`Compared: ${section.question}`);
  // The model does not say what unit the compared value has, so means are plain decimals.
  writer.table(
    {
      name: 'Seasonal_Groups',
      columns: [
        { header: 'Group', kind: 'text' },
        { header: 'n', kind: 'count' },
        { header: 'Mean', kind: 'decimal' },
        { header: 'Median', kind: 'decimal' },
        { header: '95% CI of mean, low', kind: 'decimal' },
        { header: '95% CI of mean, high', kind: 'decimal' },
      ],
      rows: section.groups.map((g) => [g.group, g.n, g.mean, g.median, g.ciLow, g.ciHigh]),
    },
    'No group has data.',
  );
  writeTestSummary(writer, 'Test', section.test);
}

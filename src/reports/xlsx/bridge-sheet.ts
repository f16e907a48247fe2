/** The Bridge sheet: the volume / AOV waterfall's bars, and the change by segment. */
import type { BridgeSection } from '../model.ts';
import { dimensionLabel } from './labels.ts';
import { BRIDGE_SEGMENT_COLUMNS, bridgeSegmentCells } from './section-columns.ts';
import type { SheetWriter } from './sheet-writer.ts';

export function writeBridgeSheet(writer: SheetWriter, section: BridgeSection): void {
  writer.title(section.title);
  writer.paragraph(section.sentence);
  writer.heading(`From ${section.from} to ${section.to}`);
  writer.facts([
    ['Start revenue', { value: section.startRevenue, kind: 'money' }],
    ['End revenue', { value: section.endRevenue, kind: 'money' }],
    ['Change', { value: section.change, kind: 'moneyChange' }],
    ['Change %', { value: section.changeRatio, kind: 'change' }],
    ['Volume effect', { value: section.volumeEffect, kind: 'moneyChange' }],
    ['AOV effect', { value: section.aovEffect, kind: 'moneyChange' }],
    ['Verdict', section.verdict],
    ['Method', section.method],
  ]);
  writer.heading('Bridge bars');
  writer.table(
    {
      name: 'Bridge_Bars',
      columns: [
        { header: 'Bar', kind: 'text' },
        { header: 'Kind', kind: 'text' },
        { header: 'Value', kind: 'money' },
      ],
      // Totals are money; effects are signed changes, coloured.
      rows: section.bars.map((bar) => [
        bar.label,
        bar.kind,
        { value: bar.value, kind: bar.kind === 'total' ? 'money' : 'moneyChange' },
      ]),
    },
    'No bars.',
  );
  const segment = section.dimension === null ? 'Segment' : dimensionLabel(section.dimension);
  writer.heading(`Change by ${segment.toLowerCase()}`);
  writer.table(
    {
      name: 'Bridge_Segments',
      columns: [{ header: segment, kind: 'text' }, ...BRIDGE_SEGMENT_COLUMNS],
      rows: section.segments.map(bridgeSegmentCells),
    },
    'No segment breakdown: the change is not decomposed by segment.',
  );
}

/** The Quality sheet: row funnel, quarantine by reason, profile alerts, drift and the last ETL run. */
import type { QualitySection } from '../model.ts';
import type { SheetWriter } from './sheet-writer.ts';

export function writeQualitySheet(writer: SheetWriter, section: QualitySection): void {
  writer.title(section.title);
  const run = section.lastRun;
  writer.paragraph(
    run === null
      ? 'No ETL run is recorded.'
      : `Last ETL run ${run.runId}: ${run.status}${run.finishedAt === null ? '' : `, finished ${run.finishedAt}`}.`,
  );
  writer.heading('Row funnel');
  writer.table(
    {
      name: 'Quality_Funnel',
      columns: [
        { header: 'Stage', kind: 'text' },
        { header: 'Rows', kind: 'count' },
      ],
      rows: section.funnel.map((f) => [f.stage, f.rows]),
    },
    'No rows were read.',
  );
  writer.heading('Quarantine by reason');
  writer.table(
    {
      name: 'Quality_Quarantine',
      columns: [
        { header: 'Entity', kind: 'text' },
        { header: 'Reason', kind: 'text' },
        { header: 'Rows', kind: 'count' },
      ],
      rows: section.quarantine.map((q) => [q.entity, q.reason, q.rows]),
    },
    'No row was quarantined.',
  );
  writer.heading('Alerts');
  writer.table(
    {
      name: 'Quality_Alerts',
      columns: [
        { header: 'Column', kind: 'text' },
        { header: 'Code', kind: 'text' },
        { header: 'Message', kind: 'text', wrap: true },
      ],
      rows: section.alerts.map((a) => [a.column, a.code, a.message]),
    },
    'No alerts.',
  );
  writer.heading('Drift vs the month before (population stability index)');
  writer.table(
    {
      name: 'Quality_Drift',
      columns: [
        { header: 'Column', kind: 'text' },
        { header: 'PSI', kind: 'index' },
        { header: 'Level', kind: 'text' },
      ],
      rows: section.drift.map((d) => [d.column, d.psi, d.level]),
    },
    'No drift was measured.',
  );
}

import type { Chart } from '../charts/index.ts';
import { formatCount, formatNumber } from '../format.ts';
import type { QualitySection } from '../model.ts';
import { displayTimestamp } from './manifest-view.ts';
import { sectionView } from './section-view.ts';
import { col, num, table, text } from './table.ts';
import type { SectionView } from './view.ts';

/** The data-quality section: the row funnel, quarantine reasons, alerts, drift and the last ETL run. */
export function qualityView(section: QualitySection, chart: Chart | undefined): SectionView {
  const tables = [
    table('Rows at each stage of the pipeline', [col('Stage', false), col('Rows')], section.funnel, (s) => [
      text(s.stage),
      num(formatCount(s.rows)),
    ]),
  ];
  if (section.quarantine.length > 0) {
    tables.push(
      table(
        'Rows in quarantine by reason',
        [col('Entity', false), col('Reason', false), col('Rows')],
        section.quarantine,
        (q) => [text(q.entity), text(q.reason), num(formatCount(q.rows))],
      ),
    );
  }
  if (section.drift.length > 0) {
    tables.push(
      table(
        'Drift of the report month against the month before (population stability index)',
        [col('Column', false), col('PSI'), col('Level', false)],
        section.drift,
        (d) => [text(d.column), num(formatNumber(d.psi, 3)), text(d.level)],
      ),
    );
  }
  const run = section.lastRun;
  const paragraphs = [
    run === null
      ? 'No ETL run is recorded in this warehouse.'
      : `Last ETL run ${run.runId}: ${run.status}${run.finishedAt === null ? '' : `, finished ${displayTimestamp(run.finishedAt)}`}.`,
  ];
  const alerts = section.alerts.map((a) => (a.column === null ? a.message : `${a.column}: ${a.message}`));
  return sectionView(section.id, section.title, chart, {
    paragraphs,
    tables,
    lists: [{ heading: 'Alerts', items: alerts.length === 0 ? ['No alerts.'] : alerts }],
  });
}

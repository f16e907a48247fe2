/**
 * The review's sections that run an analysis module: the volume / AOV bridge (decomposition of
 * the month against the one before), seasonal spending (the ANOVA family on
 * gold.customer_monthly_spend by quarter) and data quality (row accounting, quarantine, the
 * profile's alerts and the month's drift).
 */
import { compareGroups } from '../anova/index.ts';
import { decomposeRevenueChange } from '../decompose/index.ts';
import { compareSlices, profileTable } from '../eda/index.ts';
import { qualifiedName, quoteLiteral, type Warehouse } from '../warehouse/index.ts';
import type { BridgeSection, OmittedSection, QualitySection, SeasonalSection } from './model.ts';
import { count, membersOf, money, type RecordedMembers } from './monthly-figures.ts';
import { omittedSection } from './omitted.ts';
import { monthStart, shiftMonth } from './report-month.ts';
import { groupMeans, summariseComparison } from './test-summary.ts';

/**
 * The month's revenue against the month before split into volume (valid orders) and AOV
 * (Shapley), by channel with a mix effect when the warehouse records channels.
 */
export async function bridgeSection(
  wh: Warehouse,
  month: string,
  first: string,
  recorded: RecordedMembers,
): Promise<BridgeSection | OmittedSection> {
  const title = 'Volume vs AOV';
  const before = shiftMonth(month, -1);
  if (before < first) {
    return omittedSection('bridge', title, `No month before ${month} in the warehouse to compare with.`);
  }
  const by = membersOf(recorded, 'channel').length > 0 ? ['channel'] : [];
  const d = await decomposeRevenueChange(wh, { from: before, to: month, by });
  const num = (x: string) => money(x) ?? 0;
  const segments = (d.segments?.segments ?? []).map((s) => ({
    segment: s.key.map((k) => k ?? '(none)').join(', '),
    startRevenue: num(s.start.revenue),
    endRevenue: num(s.end.revenue),
    change: num(s.change),
    volume: num(s.volume),
    aov: num(s.aov),
    mix: num(s.mix),
    status:
      s.status === 'new'
        ? ('new' as const)
        : s.status === 'lost'
          ? ('lost' as const)
          : ('continuing' as const),
    driver: s.driver,
  }));
  return {
    id: 'bridge',
    title,
    status: 'present',
    from: before,
    to: month,
    startRevenue: num(d.start),
    endRevenue: num(d.end),
    change: num(d.change),
    changeRatio: d.changeRatio,
    volumeEffect: num(d.effects.volume),
    aovEffect: num(d.effects.aov),
    verdict: d.verdict.verdict,
    dimension: by[0] ?? null,
    bars: d.bridge.map((b) => ({ name: b.name, label: b.label, kind: b.kind, value: num(b.value) })),
    segments,
    sentence: d.sentence,
    method: d.method,
  };
}

/**
 * Whether customers' monthly spending differs by quarter: `compareGroups` with `auto` on
 * gold.customer_monthly_spend (one observation per customer and month with a valid order) over
 * the 24 months up to the report month, with each quarter's mean, 95 % interval and median.
 */
export async function seasonalSection(
  wh: Warehouse,
  month: string,
  first: string,
): Promise<SeasonalSection | OmittedSection> {
  const title = 'Seasonal spending';
  const from = shiftMonth(month, -23) < first ? first : shiftMonth(month, -23);
  const where = `month between DATE '${monthStart(from)}' and DATE '${monthStart(month)}'`;
  const quarters = await wh.all<{ quarter: string; median: number | null; months: number }>(
    `select 'Q' || quarter(month) as quarter, median(cast(revenue as double)) as median,
            count(distinct month) as months
     from gold.customer_monthly_spend where ${where} group by 1 order by 1`,
  );
  if (quarters.length < 2) {
    return omittedSection(
      'seasonal',
      title,
      `Spending can be compared across quarters only with at least two quarters of data; ${from} to ${month} covers ${quarters.length}.`,
    );
  }
  const result = await compareGroups(wh, 'gold.customer_monthly_spend', {
    value: 'revenue',
    season: 'quarter',
    date: 'month',
    where,
    tests: ['oneway'],
    auto: true,
    labels: { value: 'customer spending per month', group: 'quarter', groupNoun: 'quarter' },
  });
  const test = summariseComparison(result);
  if (test === null) {
    return omittedSection('seasonal', title, 'Too little data to compare spending across quarters.');
  }
  return {
    id: 'seasonal',
    title,
    status: 'present',
    question: `customer spending per month by quarter, ${from} to ${month}`,
    groups: groupMeans(result, new Map(quarters.map((q) => [q.quarter, q.median]))),
    test,
  };
}

const QUARANTINE_ENTITIES = [
  'orders',
  'order_items',
  'customers',
  'products',
  'product_prices',
  'categories',
  'brands',
  'events',
] as const;

/**
 * Row accounting from the file ledger to gold, quarantined rows by entity and reason, the
 * profile's alerts on the month's orders, and the drift of the month's orders against the month
 * before (population stability index per column).
 */
export async function qualitySection(wh: Warehouse, month: string, first: string): Promise<QualitySection> {
  const ledger = await wh.one<{
    read: string | number | null;
    accepted: string | number | null;
    rejected: string | number | null;
  }>(
    `select sum(rows_read) as read, sum(rows_accepted) as accepted, sum(rows_rejected) as rejected
     from meta.file_ledger where status = 'loaded'`,
  );
  const present = new Set(
    (
      await wh.all<{ name: string }>(
        `select table_name as name from information_schema.tables
         where table_catalog = current_database() and table_schema = 'quarantine'`,
      )
    ).map((r) => r.name),
  );
  const entities = QUARANTINE_ENTITIES.filter((e) => present.has(e));
  const quarantine =
    entities.length === 0
      ? []
      : await wh.all<{ entity: string; reason: string; rows: number }>(
          `${entities
            .map(
              (e) =>
                `select ${quoteLiteral(e)} as entity, _reason as reason, count(*) as rows from ${qualifiedName('quarantine', e)} group by all`,
            )
            .join(' union all ')} order by rows desc, entity, reason`,
        );
  const orders = await wh.one<{ all_orders: number; valid: number }>(
    'select count(*) as all_orders, count(*) filter (where is_valid) as valid from silver.fact_orders',
  );
  const funnel = [
    { stage: 'rows read from landing files', rows: count(ledger?.read) ?? 0 },
    { stage: 'rows accepted into bronze', rows: count(ledger?.accepted) ?? 0 },
    { stage: 'rows sent to quarantine', rows: quarantine.reduce((s, q) => s + Number(q.rows), 0) },
    { stage: 'orders in silver', rows: count(orders?.all_orders) ?? 0 },
    { stage: 'valid orders (revenue)', rows: count(orders?.valid) ?? 0 },
  ];
  const where = `order_month = DATE '${monthStart(month)}'`;
  const columns = ['revenue', 'units', 'channel', 'payment_method', 'country'];
  const profile = await profileTable(wh, 'silver.fact_orders', { columns, where });
  const alerts = profile.alerts.map((a) => ({
    column: a.columns.length === 0 ? null : a.columns.join(', '),
    code: a.code,
    message: a.message,
  }));
  let drift: QualitySection['drift'] = [];
  const before = shiftMonth(month, -1);
  if (before >= first) {
    const d = await compareSlices(
      wh,
      'silver.fact_orders',
      { column: 'order_month', a: before, b: month },
      { columns },
    );
    drift = d.columns.map((c) => ({
      column: c.name,
      psi: c.psi?.value ?? null,
      level:
        c.psi === null
          ? 'not computable'
          : c.psi.value < 0.1
            ? 'stable'
            : c.psi.value < 0.25
              ? 'moderate shift'
              : 'large shift',
    }));
  }
  const run = await wh.one<{ run_id: number; status: string; finished_at: string | null }>(
    `select run_id, status, strftime(finished_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as finished_at
     from meta.runs order by run_id desc limit 1`,
  );
  return {
    id: 'quality',
    title: 'Data quality',
    status: 'present',
    funnel,
    quarantine: quarantine.map((q) => ({ entity: q.entity, reason: q.reason, rows: Number(q.rows) })),
    alerts,
    drift,
    lastRun:
      run === null ? null : { runId: String(run.run_id), status: run.status, finishedAt: run.finished_at },
  };
}

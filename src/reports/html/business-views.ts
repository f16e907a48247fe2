/** The views of the business sections: trend, bridge, channels, geography, cancellations, seasonal. */
import type { Chart } from '../charts/index.ts';
import {
  formatChangeRatio,
  formatCount,
  formatMoney,
  formatMoneyCompact,
  formatNumber,
  formatPercent,
  monthLabel,
} from '../format.ts';
import type {
  BridgeSection,
  CancellationsSection,
  ChannelsSection,
  GeographySection,
  MemberFigures,
  ReportModel,
  SeasonalSection,
  TrendSection,
} from '../model.ts';
import { sectionView } from './section-view.ts';
import { col, dimensionLabel, MISSING, num, table, text } from './table.ts';
import { testFacts } from './test-view.ts';
import type { SectionView } from './view.ts';

export function trendView(section: TrendSection, model: ReportModel, chart: Chart | undefined): SectionView {
  const money = (v: number | null) => formatMoney(v, model.currency);
  const paragraphs =
    section.threeMonthChangeRatio === null
      ? ['Fewer than six months of data: no three-month comparison.']
      : [
          `Revenue over the last three months changed ${formatChangeRatio(section.threeMonthChangeRatio)} against the three months before.`,
        ];
  return sectionView(section.id, section.title, chart, {
    paragraphs,
    tables: [
      table(
        `Monthly figures in ${model.currency}, ${section.points.length} months`,
        [
          col('Month', false),
          col('Revenue'),
          col('Orders'),
          col('AOV'),
          col('Active customers'),
          col('New customers'),
          col('Cancelled orders'),
          col('Lost revenue'),
        ],
        section.points,
        (p) => [
          text(monthLabel(p.month), p.month === model.month ? 'report month' : null),
          num(money(p.revenue)),
          num(formatCount(p.orders)),
          num(money(p.aov)),
          num(formatCount(p.activeCustomers)),
          num(formatCount(p.newCustomers)),
          num(formatCount(p.cancelledOrders)),
          num(money(p.lostRevenue)),
        ],
        (p) => p.month === model.month,
      ),
    ],
  });
}

const VERDICTS: Readonly<Record<BridgeSection['verdict'], string>> = {
  'volume-driven': 'Volume-driven (the number of orders moved revenue)',
  'aov-driven': 'AOV-driven (the value per order moved revenue)',
  'mix-driven': 'Mix-driven (the mix of segments moved revenue)',
  mixed: 'Mixed (no single driver)',
  flat: 'Flat (revenue barely changed)',
};

export function bridgeView(
  section: BridgeSection,
  model: ReportModel,
  chart: Chart | undefined,
): SectionView {
  const money = (v: number | null) => formatMoney(v, model.currency);
  const signed = (v: number) => (v > 0 ? `+${money(v)}` : money(v));
  const dimension = section.dimension === null ? 'Segment' : dimensionLabel(section.dimension);
  const tables = [
    table(
      `Bridge from ${monthLabel(section.from)} to ${monthLabel(section.to)} in ${model.currency}`,
      [col('Step', false), col('Amount')],
      section.bars,
      (b) => [text(b.label), num(b.kind === 'effect' ? signed(b.value) : money(b.value))],
    ),
  ];
  if (section.segments.length > 0) {
    tables.push(
      table(
        `Change by ${dimension.toLowerCase()} in ${model.currency}`,
        [
          col(dimension, false),
          col(monthLabel(section.from)),
          col(monthLabel(section.to)),
          col('Change'),
          col('Volume'),
          col('AOV'),
          col('Mix'),
          col('Status', false),
        ],
        section.segments,
        (s) => [
          text(s.segment, s.driver ? 'driver' : null),
          num(money(s.startRevenue)),
          num(money(s.endRevenue)),
          num(signed(s.change)),
          num(signed(s.volume)),
          num(signed(s.aov)),
          num(signed(s.mix)),
          text(s.status),
        ],
        (s) => s.driver,
      ),
    );
  }
  return sectionView(section.id, section.title, chart, {
    paragraphs: [section.sentence],
    facts: [
      { term: 'Change', value: `${signed(section.change)} (${formatChangeRatio(section.changeRatio)})` },
      { term: 'Volume effect', value: signed(section.volumeEffect) },
      { term: 'AOV effect', value: signed(section.aovEffect) },
      { term: 'Verdict', value: VERDICTS[section.verdict] },
      { term: 'Method', value: section.method },
    ],
    tables,
  });
}

/** The usual columns of a dimension's members in the report month. */
function membersTable(
  caption: string,
  dimension: string,
  members: readonly MemberFigures[],
  currency: string,
) {
  const money = (v: number | null) => formatMoney(v, currency);
  return table(
    caption,
    [
      col(dimension, false),
      col('Revenue'),
      col('Share'),
      col('Orders'),
      col('Customers'),
      col('AOV'),
      col('Revenue per customer'),
      col('Cancelled orders'),
      col('Lost revenue'),
    ],
    members,
    (m) => [
      text(m.member),
      num(money(m.revenue)),
      num(formatPercent(m.revenueShare)),
      num(formatCount(m.orders)),
      num(formatCount(m.customers)),
      num(money(m.aov)),
      num(money(m.revenuePerCustomer)),
      num(formatCount(m.cancelledOrders)),
      num(money(m.lostRevenue)),
    ],
  );
}

export function channelsView(
  section: ChannelsSection,
  model: ReportModel,
  chart: Chart | undefined,
): SectionView {
  const test = section.test;
  return sectionView(section.id, section.title, chart, {
    paragraphs: [test === null ? 'Fewer than two channels: no comparison of order value.' : test.conclusion],
    facts: test === null ? [] : testFacts(test),
    tables: [
      membersTable(
        `Channels in ${model.monthLabel}, money in ${model.currency}`,
        'Channel',
        section.members,
        model.currency,
      ),
    ],
    lists: test === null ? [] : [{ heading: 'Why this test', items: test.reasons }],
  });
}

export function geographyView(
  section: GeographySection,
  model: ReportModel,
  chart: Chart | undefined,
): SectionView {
  const money = (v: number | null) => formatMoney(v, model.currency);
  const members = membersTable(
    `Top countries in ${model.monthLabel}, money in ${model.currency}`,
    'Country',
    section.members,
    model.currency,
  );
  const others = section.others;
  const rows =
    others === null
      ? members.rows
      : [
          ...members.rows,
          {
            highlight: false,
            header: text(
              `${formatCount(others.count)} other ${others.count === 1 ? 'country' : 'countries'}`,
            ),
            cells: [
              num(money(others.revenue)),
              num(formatPercent(others.revenueShare)),
              ...members.columns.slice(3).map(() => num(MISSING)),
            ],
          },
        ];
  const top =
    section.topMember === null
      ? 'No country has revenue this month.'
      : `${section.topMember} brings ${formatPercent(section.topShare)} of revenue; the top three countries ${formatPercent(section.top3Share)}.`;
  return sectionView(section.id, section.title, chart, {
    paragraphs: [top],
    facts: [
      { term: 'Countries', value: formatCount(section.countries) },
      {
        term: 'Top country by revenue',
        value: `${section.topMember ?? MISSING} (${formatPercent(section.topShare)})`,
      },
      { term: 'Top three by revenue', value: formatPercent(section.top3Share) },
      { term: 'HHI of revenue shares', value: formatNumber(section.hhi, 2) },
      {
        term: 'Top country by customers',
        value: `${section.customerTopMember ?? MISSING} (${formatPercent(section.customerTopShare)})`,
      },
      { term: 'HHI of customer shares', value: formatNumber(section.customerHhi, 2) },
    ],
    tables: [{ ...members, rows }],
  });
}

export function cancellationsView(section: CancellationsSection, model: ReportModel): SectionView {
  const money = (v: number | null) => formatMoney(v, model.currency);
  const dimension = dimensionLabel(section.dimension);
  return sectionView(section.id, section.title, undefined, {
    paragraphs: [
      `${formatCount(section.cancelledOrders)} orders were cancelled in ${model.monthLabel} (${formatPercent(section.cancellationRate)} of orders), losing ${formatMoneyCompact(section.lostRevenue, model.currency)} of revenue.`,
    ],
    tables: [
      table(
        `Cancellations by ${dimension.toLowerCase()} in ${model.monthLabel}`,
        [
          col(dimension, false),
          col('Orders'),
          col('Cancelled'),
          col('Cancellation rate'),
          col('Lost revenue'),
          col('Share of lost revenue'),
        ],
        section.members,
        (m) => [
          text(m.member),
          num(formatCount(m.orders)),
          num(formatCount(m.cancelledOrders)),
          num(formatPercent(m.cancellationRate)),
          num(money(m.lostRevenue)),
          num(formatPercent(m.lostShare)),
        ],
      ),
    ],
  });
}

export function seasonalView(
  section: SeasonalSection,
  model: ReportModel,
  chart: Chart | undefined,
): SectionView {
  const money = (v: number | null) => formatMoney(v, model.currency);
  return sectionView(section.id, section.title, chart, {
    paragraphs: [section.test.conclusion],
    facts: testFacts(section.test),
    tables: [
      table(
        `${section.question.charAt(0).toUpperCase()}${section.question.slice(1)}, in ${model.currency}`,
        [col('Group', false), col('Observations'), col('Mean'), col('Median'), col('95 % CI of the mean')],
        section.groups,
        (g) => [
          text(g.group),
          num(formatCount(g.n)),
          num(money(g.mean)),
          num(money(g.median)),
          num(g.ciLow === null || g.ciHigh === null ? MISSING : `${money(g.ciLow)} to ${money(g.ciHigh)}`),
        ],
      ),
    ],
    lists: [{ heading: 'Why this test', items: section.test.reasons }],
  });
}

import { formatMoney, monthLabel } from '../format.ts';
import type { ChannelsSection, ReportModel } from '../model.ts';
import type { ChartSpec } from './chart-spec.ts';
import { chartFrame, MONEY_LABELS } from './chart-spec.ts';
import { CHART_COLOURS } from './palette.ts';

const PER_CUSTOMER = 'Revenue per customer';
const AOV = 'Average order value';

/**
 * Revenue per customer and average order value per channel, as grouped horizontal bars with
 * their figures. `null` when no channel has either figure.
 */
export function channelsChart(section: ChannelsSection, model: ReportModel): ChartSpec | null {
  const money = (v: number | null) => formatMoney(v, model.currency);
  const rows = section.members.flatMap((m) =>
    [
      { member: m.member, measure: PER_CUSTOMER, value: m.revenuePerCustomer },
      { member: m.member, measure: AOV, value: m.aov },
    ]
      .filter((r): r is { member: string; measure: string; value: number } => r.value !== null)
      .map((r) => ({ ...r, text: money(r.value) })),
  );
  if (rows.length === 0) return null;
  const title = `Customer value by channel, ${monthLabel(model.month)}`;
  const alt =
    `Revenue per customer and average order value by channel in ${monthLabel(model.month)}: ` +
    section.members
      .map((m) => `${m.member} ${money(m.revenuePerCustomer)} per customer, AOV ${money(m.aov)}`)
      .join('; ') +
    '.';
  const height = Math.max(200, 90 + section.members.length * 56);
  return {
    id: 'channels',
    title,
    alt,
    spec: {
      ...chartFrame(title, model.currency, height),
      data: { values: rows },
      encoding: {
        y: {
          field: 'member',
          type: 'nominal',
          sort: null,
          title: null,
          axis: { ticks: false, labelLimit: 140 },
        },
        yOffset: { field: 'measure', type: 'nominal', sort: [PER_CUSTOMER, AOV] },
        x: {
          field: 'value',
          type: 'quantitative',
          title: null,
          axis: { labelExpr: MONEY_LABELS, tickCount: 5 },
        },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: {
              field: 'measure',
              type: 'nominal',
              title: null,
              scale: { domain: [PER_CUSTOMER, AOV], range: [CHART_COLOURS.main, CHART_COLOURS.second] },
            },
          },
        },
        {
          mark: { type: 'text', align: 'right', dx: -4, color: 'white', fontWeight: 'bold' },
          encoding: { text: { field: 'text', type: 'nominal' } },
        },
      ],
    },
  };
}

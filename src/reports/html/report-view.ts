import type { Chart } from '../charts/index.ts';
import type { Finding, ReportModel, ReportSection } from '../model.ts';
import {
  bridgeView,
  cancellationsView,
  channelsView,
  geographyView,
  seasonalView,
  trendView,
} from './business-views.ts';
import { kpiViews } from './headline-view.ts';
import { displayTimestamp, manifestView } from './manifest-view.ts';
import { qualityView } from './quality-view.ts';
import { sectionView } from './section-view.ts';
import type { FindingView, ReportView, SectionView } from './view.ts';

const STRENGTH_LABELS: Readonly<Record<Finding['strength'], string>> = {
  tested: 'Tested',
  descriptive: 'Descriptive',
  'insufficient-data': 'Insufficient data',
};

function presentSectionView(
  section: Exclude<ReportSection, { status: 'omitted' }>,
  model: ReportModel,
  charts: readonly Chart[],
): SectionView {
  const chart = charts.find((c) => c.id === section.id);
  switch (section.id) {
    case 'headline':
      return sectionView(section.id, section.title, undefined, { kpis: kpiViews(section, model) });
    case 'trend':
      return trendView(section, model, chart);
    case 'bridge':
      return bridgeView(section, model, chart);
    case 'channels':
      return channelsView(section, model, chart);
    case 'geography':
      return geographyView(section, model, chart);
    case 'cancellations':
      return cancellationsView(section, model);
    case 'seasonal':
      return seasonalView(section, model, chart);
    case 'quality':
      return qualityView(section, chart);
  }
}

/** The whole report as display strings, in the model's section order; findings by rank. */
export function reportView(model: ReportModel, charts: readonly Chart[]): ReportView {
  const present = model.sections.filter((s) => s.status !== 'omitted');
  const omitted = model.sections.filter((s) => s.status === 'omitted');
  const titles = new Map(present.map((s) => [s.id, s.title]));
  const findings: FindingView[] = [...model.findings]
    .sort((a, b) => b.rank - a.rank)
    .map((f) => ({
      headline: f.headline,
      detail: f.detail,
      strength: f.strength,
      strengthLabel: STRENGTH_LABELS[f.strength],
      section: titles.has(f.section) ? { id: f.section, title: titles.get(f.section) ?? f.section } : null,
    }));
  const sections = present.map((s) => presentSectionView(s, model, charts));
  return {
    title: model.title,
    monthLabel: model.monthLabel,
    currency: model.currency,
    generatedAt: displayTimestamp(model.manifest.generatedAt),
    shopstatVersion: model.manifest.shopstatVersion,
    contents: [
      { id: 'findings', title: 'Key findings' },
      ...sections.map((s) => ({ id: s.id, title: s.title })),
      ...(omitted.length > 0 ? [{ id: 'omitted', title: 'Not in this report' }] : []),
      { id: 'manifest', title: 'How this report was made' },
    ],
    findings,
    sections,
    omitted: omitted.map((s) => ({ title: s.title, reason: s.reason })),
    warnings: model.warnings.map((w) => w.message),
    manifest: manifestView(model.manifest),
  };
}

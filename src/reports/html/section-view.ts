import type { Chart } from '../charts/index.ts';
import type { SectionView } from './view.ts';

/** A section view with empty parts filled in, so the template never meets a missing field. */
export function sectionView(
  id: string,
  title: string,
  chart: Chart | undefined,
  parts: Partial<Omit<SectionView, 'id' | 'title' | 'chart'>>,
): SectionView {
  return {
    id,
    title,
    paragraphs: parts.paragraphs ?? [],
    kpis: parts.kpis ?? [],
    chart: chart === undefined ? null : { svg: chart.svg, alt: chart.alt },
    facts: parts.facts ?? [],
    tables: parts.tables ?? [],
    lists: parts.lists ?? [],
  };
}

/**
 * The review's conclusions: ranked, plain-language findings drawn from the sections, each with
 * its evidence, within the rules of `insight-rules.ts`.
 */
import { qualityFindings, seasonalFindings } from './evidence-findings.ts';
import type { Finding, ReportSection } from './model.ts';
import { bridgeFindings, headlineFindings, trendFindings } from './revenue-findings.ts';
import { cancellationFindings, channelFindings, geographyFindings } from './segment-findings.ts';

/**
 * The findings of the sections present, most important first (rank descending, then section
 * order). Omitted sections give none.
 */
export function deriveFindings(sections: readonly ReportSection[], currency: string): Finding[] {
  const out: Finding[] = [];
  for (const s of sections) {
    if (s.status === 'omitted') continue;
    switch (s.id) {
      case 'headline':
        out.push(...headlineFindings(s, currency));
        break;
      case 'trend':
        out.push(...trendFindings(s));
        break;
      case 'bridge':
        out.push(...bridgeFindings(s, currency));
        break;
      case 'channels':
        out.push(...channelFindings(s, currency));
        break;
      case 'geography':
        out.push(...geographyFindings(s));
        break;
      case 'cancellations':
        out.push(...cancellationFindings(s, currency));
        break;
      case 'seasonal':
        out.push(...seasonalFindings(s, currency));
        break;
      case 'quality':
        out.push(...qualityFindings(s));
        break;
    }
  }
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => b.f.rank - a.f.rank || a.i - b.i)
    .map(({ f }) => ({ ...f, headline: capitalise(f.headline), rank: Math.round(f.rank * 10) / 10 }));
}

/** A sentence starts with a capital, also when it starts with a member's name (`web outperforms ...`). */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

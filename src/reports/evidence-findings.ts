/** Findings about spending by season (tested) and about the data itself (quarantine, drift). */
import { formatMoney, formatNumber, formatPercent, formatPValue } from './format.ts';
import { effectText, MIN_GROUP_N, testVerdict } from './insight-rules.ts';
import type { Finding, QualitySection, SeasonalSection } from './model.ts';

export function seasonalFindings(s: SeasonalSection, currency: string): Finding[] {
  const verdict = testVerdict(s.test);
  const withMean = s.groups.filter((g) => g.mean !== null);
  const top = [...withMean].sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0))[0];
  const tooSmall = s.groups.some((g) => g.n < MIN_GROUP_N);
  let headline: string;
  if (tooSmall) headline = `Too little data to tell whether ${s.question.split(',')[0]} differs by quarter.`;
  else if (verdict === 'differs')
    headline = `Seasonal spending differs: ${top?.group ?? '–'} customers spend most (${formatMoney(top?.mean ?? null, currency)} a month on average); a ${s.test.effectSizeWord} effect.`;
  else if (verdict === 'negligible')
    headline = `Spending per customer differs by quarter only negligibly (${formatPValue(s.test.pValue)}, ${s.test.effectSizeName} ${effectText(s.test.effectSize)}).`;
  else if (verdict === 'no-evidence')
    headline = `No evidence that customers' monthly spending differs by quarter (${formatPValue(s.test.pValue)}).`;
  else headline = 'Spending by quarter could not be tested.';
  return [
    {
      id: 'seasonal-spending',
      section: 'seasonal',
      rank: 30 + (verdict === 'differs' ? 15 : 0),
      headline,
      detail: s.test.conclusion,
      strength: tooSmall ? 'insufficient-data' : 'tested',
      evidence: { figures: Object.fromEntries(s.groups.map((g) => [g.group, g.mean])), test: s.test },
    },
  ];
}

export function qualityFindings(s: QualitySection): Finding[] {
  const read = s.funnel[0]?.rows ?? 0;
  const quarantined = s.funnel.find((f) => f.stage.includes('quarantine'))?.rows ?? 0;
  const share = read > 0 ? quarantined / read : 0;
  const shifted = s.drift.filter((d) => d.psi !== null && d.psi >= 0.25);
  const findings: Finding[] = [
    {
      id: 'quality-quarantine',
      section: 'quality',
      rank: 15 + Math.min(40, share * 400),
      headline:
        quarantined === 0
          ? `Every one of the ${formatNumber(read)} rows read passed validation.`
          : `${formatNumber(quarantined)} of ${formatNumber(read)} rows read (${share < 0.0001 ? 'under 0.01 %' : formatPercent(share, 2)}) were quarantined${s.quarantine[0] === undefined ? '' : `, most for ${s.quarantine[0].reason} in ${s.quarantine[0].entity}`}.`,
      detail: 'Quarantined rows are kept with their reason and left out of every figure.',
      strength: 'descriptive',
      evidence: { figures: { rowsRead: read, quarantined, share } },
    },
  ];
  if (shifted.length > 0) {
    findings.push({
      id: 'quality-drift',
      section: 'quality',
      rank: 50,
      headline: `The orders' ${shifted.map((d) => d.column).join(', ')} shifted markedly against the month before (PSI ≥ 0.25).`,
      detail:
        'A population stability index of 0.25 or more usually means the data changed, not only the business: check the source before reading trends.',
      strength: 'descriptive',
      evidence: { figures: Object.fromEntries(shifted.map((d) => [d.column, d.psi])) },
    });
  }
  return findings;
}

import type { DecompositionResult } from './result.ts';

/**
 * An amount for prose: sign always shown, 1 decimal with k / M / bn from a thousand up, whole
 * units from 10 up, cents below (so a small change never reads as 0).
 *
 * @example compactAmount('-46812.40') // '-46.8k'
 */
export function compactAmount(text: string): string {
  const x = Number(text);
  const sign = x < 0 ? '-' : x > 0 ? '+' : '';
  const a = Math.abs(x);
  const body =
    a >= 1e9
      ? `${(a / 1e9).toFixed(1)}bn`
      : a >= 1e6
        ? `${(a / 1e6).toFixed(1)}M`
        : a >= 1e3
          ? `${(a / 1e3).toFixed(1)}k`
          : a >= 10
            ? a.toFixed(0)
            : a.toFixed(2);
  return `${sign}${body}`;
}

const PHRASES: Record<string, [up: string, down: string]> = {
  volume: ['more orders', 'fewer orders'],
  aov: ['higher AOV', 'lower AOV'],
  mix: ['mix shift', 'mix shift'],
  newSegments: ['new segments', 'new segments'],
  lostSegments: ['lost segments', 'lost segments'],
};

/**
 * The plain sentence a report prints for a decomposition, in the reporting currency: the change
 * (percent when the start is not zero), each non-zero effect of the bridge with its amount, the
 * verdict, and the drivers (named when there are at most three). Every claim carries its number.
 * "flat" when the change is zero.
 *
 * @example describeChange(result) // 'September 2025 revenue fell 7.5 % (-46.8k EUR) vs August 2025: fewer orders explain -50.1k, higher AOV +3.3k; the drop is volume-driven, concentrated in channel web, country IN (-40.2k).'
 */
export function describeChange(r: Omit<DecompositionResult, 'sentence'>): string {
  const change = Number(r.change);
  const effects = r.bridge
    .filter((b) => b.kind === 'effect' && Number(b.value) !== 0)
    .map((b, i) => {
      const [up, down] = PHRASES[b.name] ?? [b.label, b.label];
      const within = b.name === 'aov' && r.bridge.some((x) => x.name === 'mix') ? ' within segments' : '';
      return `${Number(b.value) > 0 ? up : down}${within}${i === 0 ? ' explain' : ''} ${compactAmount(b.value)}`;
    });
  const list = effects.length > 0 ? `: ${effects.join(', ')}` : '';
  if (change === 0) {
    const offset = effects.length > 0 ? `${list}, offsetting each other` : '';
    return `${r.to.label} revenue was flat at ${r.end} ${r.currency} vs ${r.from.label}${offset}.`;
  }
  const direction = change > 0 ? 'rose' : 'fell';
  const noun = change > 0 ? 'rise' : 'drop';
  const percent = r.changeRatio === null ? '' : ` ${(Math.abs(r.changeRatio) * 100).toFixed(1)} %`;
  const verdict =
    r.verdict.verdict === 'mixed' ? `the ${noun} has mixed causes` : `the ${noun} is ${r.verdict.verdict}`;
  const drivers = r.drivers?.segments ?? [];
  const where =
    drivers.length === 0
      ? ''
      : drivers.length <= 3
        ? `, concentrated in ${drivers.map((d) => `${d.label} (${compactAmount(d.change)})`).join(' and ')}`
        : `, spread over ${drivers.length} segments led by ${drivers[0]?.label} (${compactAmount(drivers[0]?.change ?? '0')})`;
  return `${r.to.label} revenue ${direction}${percent} (${compactAmount(r.change)} ${r.currency}) vs ${r.from.label}${list}; ${verdict}${where}.`;
}

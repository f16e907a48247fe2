/**
 * Vega-Lite spec → Vega → SVG string in Node: no browser and no canvas (renderer `'none'`, then
 * `view.toSVG()`; text widths are Vega's estimate). Vega escapes the text it writes, so labels
 * from data reach the SVG as `&lt;script&gt;`, never as markup.
 */
import * as vega from 'vega';
import type { Config, TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import { formatCount, formatMoneyCompact, formatPercent, monthLabel } from '../format.ts';
import { CHART_COLOURS, CHART_FONT } from './palette.ts';

/** `2025-10` → `Oct 2025`, for month axes. */
export function shortMonthLabel(month: string): string {
  const label = monthLabel(month);
  return label === month ? month : `${label.slice(0, 3)}${label.slice(label.indexOf(' '))}`;
}

/**
 * Breaks a label into lines of at most `width` characters at spaces (a longer word keeps its own
 * line); Vega draws an array of strings as lines.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length === 0 ? [''] : lines;
}

let registered = false;

/**
 * Lets axis label expressions format through `format.ts`: `shopstatMoney(value, currency)`,
 * `shopstatPercent(value)`, `shopstatCount(value)`, `shopstatMonth(value)`, and
 * `shopstatWrap(value, width)` for multi-line labels. Vega's expression
 * functions are global, so this runs once; the currency comes in as a chart parameter, never
 * spliced into expression text.
 */
function registerFormatFunctions(): void {
  if (registered) return;
  vega.expressionFunction('shopstatMoney', (value: unknown, currency: unknown) =>
    formatMoneyCompact(typeof value === 'number' ? value : null, String(currency)),
  );
  vega.expressionFunction('shopstatPercent', (value: unknown) =>
    formatPercent(typeof value === 'number' ? value : null, 0),
  );
  vega.expressionFunction('shopstatCount', (value: unknown) =>
    formatCount(typeof value === 'number' ? value : null),
  );
  vega.expressionFunction('shopstatMonth', (value: unknown) => shortMonthLabel(String(value)));
  vega.expressionFunction('shopstatWrap', (value: unknown, width: unknown) =>
    wrapWords(String(value), typeof width === 'number' ? width : 14),
  );
  registered = true;
}

/** The look every chart shares. ARIA is off inside: the SVG as a whole is one `role="img"`. */
export const BASE_CONFIG: Config = {
  aria: false,
  background: 'white',
  font: CHART_FONT,
  padding: 8,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 16, fontWeight: 'bold', color: CHART_COLOURS.text, offset: 12 },
  axis: {
    labelColor: CHART_COLOURS.text,
    titleColor: CHART_COLOURS.text,
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    gridColor: CHART_COLOURS.grid,
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: {
    labelColor: CHART_COLOURS.text,
    titleColor: CHART_COLOURS.text,
    labelFontSize: 12,
    labelLimit: 0,
    orient: 'top',
  },
  text: { color: CHART_COLOURS.text, fontSize: 12 },
};

/** Escapes text for an XML attribute or element. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface SvgResult {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Renders a Vega-Lite spec to a standalone SVG whose root carries `role="img"`, an `aria-label`
 * and a `<title>` with `alt`, and a `viewBox` so it scales. `idPrefix` goes before the ids of
 * clip paths and gradients. Renders one chart at a time for stable ids (callers await in turn).
 *
 * @throws Error when Vega produces no `<svg>` root (a broken spec).
 */
export async function renderVegaLiteSvg(
  spec: TopLevelSpec,
  alt: string,
  idPrefix: string,
): Promise<SvgResult> {
  registerFormatFunctions();
  const vgSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.Error });
  try {
    vega.resetSVGDefIds();
    const raw = await view.toSVG();
    return withAccessibleRoot(prefixDefIds(withoutInnerAria(raw), idPrefix), alt);
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients from a global counter (`clip1`, `gradient_0`): reset per
 * chart for stable bytes, then prefixed so that charts inlined in one HTML page never share an id.
 */
function prefixDefIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="((?:clip|gradient_)\d+)"/g, `id="${prefix}$1"`)
    .replace(/url\(#((?:clip|gradient_)\d+)\)/g, `url(#${prefix}$1)`);
}

/**
 * Drops the ARIA Vega writes on inner groups and marks (`role="graphics-symbol"`, axis
 * descriptions): inside a `role="img"` they are presentational, and the alt text says it all.
 */
function withoutInnerAria(svg: string): string {
  return svg.replace(/ (?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '');
}

function withAccessibleRoot(raw: string, alt: string): SvgResult {
  const root = /^<svg\b[^>]*>/.exec(raw);
  if (root === null)
    throw new Error(`renderVegaLiteSvg: Vega returned no <svg> root, got ${raw.slice(0, 40)}`);
  const width = Number(/\bwidth="([\d.]+)"/.exec(root[0])?.[1] ?? Number.NaN);
  const height = Number(/\bheight="([\d.]+)"/.exec(root[0])?.[1] ?? Number.NaN);
  if (!Number.isFinite(width) || !Number.isFinite(height)) {
    throw new Error(`renderVegaLiteSvg: the <svg> root has no size: ${root[0]}`);
  }
  const label = escapeXml(alt);
  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}"><title>${label}</title>`;
  return { svg: open + raw.slice(root[0].length), width, height };
}

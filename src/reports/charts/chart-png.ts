import { Resvg } from '@resvg/resvg-js';
import { InvalidArgumentError } from '../../errors.ts';
import type { Chart } from './chart.ts';
import { CHART_FONT } from './palette.ts';

/**
 * A chart as PNG bytes for the workbook and the e-mail, drawn by resvg from the chart's SVG at
 * `scale` times its CSS size (default 2, sharp on high-density screens). Text needs system fonts:
 * resvg loads them (CI installs DejaVu); without any font it draws no text.
 *
 * @throws InvalidArgumentError when `scale` is not a positive finite number.
 * @example chartToPng(chart).subarray(0, 4) // 0x89 'P' 'N' 'G'
 */
export function chartToPng(chart: Chart, scale = 2): Uint8Array {
  if (!Number.isFinite(scale) || scale <= 0 || scale > 8) {
    throw new InvalidArgumentError(`chartToPng needs a scale in (0, 8], got ${scale}`);
  }
  const resvg = new Resvg(chart.svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: CHART_FONT.split(',')[0]?.trim() ?? 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** The review's charts: SVG in Node through Vega-Lite, PNG through resvg. */
export type { Chart, ChartId } from './chart.ts';
export { CHART_IDS } from './chart.ts';
export { chartToPng } from './chart-png.ts';
export { CHART_COLOURS, OKABE_ITO } from './palette.ts';
export { renderCharts } from './render-charts.ts';

/** What a chart of the review is: its SVG, what it shows in words, and its size. */

/** The charts of the review, one per charted section, in reading order. */
export const CHART_IDS = ['trend', 'bridge', 'channels', 'geography', 'seasonal', 'quality'] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** One rendered chart: a standalone SVG document (with `role="img"` and a `<title>` holding `alt`). */
export interface Chart {
  readonly id: ChartId;
  readonly title: string;
  /** What the chart shows in words, with its key figures; also the SVG's `<title>` and aria-label. */
  readonly alt: string;
  readonly svg: string;
  /** The SVG's size in CSS pixels (its `viewBox` is `0 0 width height`). */
  readonly width: number;
  readonly height: number;
}

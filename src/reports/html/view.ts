/**
 * The HTML report as the template sees it: every figure already a display string (formatted
 * through `format.ts`), every choice already made. The template only lays it out, so it needs no
 * helpers beyond Handlebars' built-in `if` and `each`.
 */

/** A table cell; `numeric` cells are right-aligned. `note` is a small tag after the text. */
export interface CellView {
  readonly text: string;
  readonly numeric: boolean;
  readonly note: string | null;
}

/** A table whose first column names the row (`<th scope="row">`). */
export interface TableView {
  readonly caption: string;
  readonly columns: readonly { readonly text: string; readonly numeric: boolean }[];
  readonly rows: readonly {
    readonly highlight: boolean;
    readonly header: CellView;
    readonly cells: readonly CellView[];
  }[];
}

export interface FactView {
  readonly term: string;
  readonly value: string;
}

export interface DeltaView {
  /** `up`, `down`, `flat` or `none` (no comparison month). */
  readonly direction: 'up' | 'down' | 'flat' | 'none';
  /** Whether the change is good news for this figure (lower cancellation rate is good). */
  readonly tone: 'good' | 'bad' | 'neutral';
  readonly arrow: string;
  /** The direction in words for screen readers and print: 'up', 'down', 'unchanged'. */
  readonly word: string;
  readonly text: string;
  readonly against: string;
}

export interface KpiView {
  readonly label: string;
  readonly value: string;
  readonly deltas: readonly DeltaView[];
}

export interface ChartView {
  /** Our own SVG from `renderCharts` (Vega escapes its text); the only unescaped output. */
  readonly svg: string;
  readonly alt: string;
}

export interface SectionView {
  readonly id: string;
  readonly title: string;
  /** Sentences and conclusions, each a paragraph. */
  readonly paragraphs: readonly string[];
  readonly kpis: readonly KpiView[];
  readonly chart: ChartView | null;
  readonly facts: readonly FactView[];
  readonly tables: readonly TableView[];
  /** A short list under a heading, e.g. alerts or the reasons a test was chosen. */
  readonly lists: readonly { readonly heading: string; readonly items: readonly string[] }[];
}

export interface FindingView {
  readonly headline: string;
  readonly detail: string;
  readonly strength: 'tested' | 'descriptive' | 'insufficient-data';
  readonly strengthLabel: string;
  /** The section it comes from, `null` when that section is not in the report. */
  readonly section: { readonly id: string; readonly title: string } | null;
}

export interface ManifestView {
  readonly facts: readonly FactView[];
  readonly inputFiles: readonly {
    readonly file: string;
    readonly rows: string;
    readonly shortHash: string;
    readonly hash: string;
  }[];
  readonly layers: TableView;
  readonly options: TableView;
}

export interface ReportView {
  readonly title: string;
  readonly monthLabel: string;
  readonly currency: string;
  readonly generatedAt: string;
  readonly shopstatVersion: string;
  readonly contents: readonly { readonly id: string; readonly title: string }[];
  readonly findings: readonly FindingView[];
  readonly sections: readonly SectionView[];
  readonly omitted: readonly { readonly title: string; readonly reason: string }[];
  readonly warnings: readonly string[];
  readonly manifest: ManifestView;
}

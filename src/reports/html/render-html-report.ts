import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Chart } from '../charts/index.ts';
import type { ReportModel } from '../model.ts';
import { reportView } from './report-view.ts';
import type { ReportView } from './view.ts';

export interface HtmlReportOptions {
  /** The charts to show, from `renderCharts(model)`; a section without its chart shows its tables only. */
  readonly charts: readonly Chart[];
}

/** Reads a file that sits beside this module (the build copies `.hbs` and `.css` into dist). */
function sibling(name: string): string {
  return readFileSync(new URL(name, import.meta.url), 'utf8');
}

let compiled: Handlebars.TemplateDelegate<ReportView> | null = null;

/**
 * The page template, compiled once in its own Handlebars environment: no helpers are registered
 * (the view is display strings already), only the built-in ones are allowed (`knownHelpersOnly`),
 * `strict` makes a missing field an error instead of an empty string, and prototype access stays
 * off (the Handlebars 4.6+ default, also passed explicitly at render time).
 */
function template(): Handlebars.TemplateDelegate<ReportView> {
  if (compiled === null) {
    const hb = Handlebars.create();
    hb.registerPartial('styles', sibling('report.css'));
    hb.registerPartial('table', hb.compile(sibling('table.hbs'), { strict: true, knownHelpersOnly: true }));
    compiled = hb.compile<ReportView>(sibling('report.hbs'), { strict: true, knownHelpersOnly: true });
  }
  return compiled;
}

/**
 * The monthly review as one self-contained HTML5 file: inline CSS, the charts as inline SVG, no
 * script, no external request of any kind (a Content-Security-Policy of `default-src 'none'` says
 * so to the browser too), so it works offline and as an e-mail attachment. Every text from the
 * model is escaped by Handlebars' `{{ }}`; only our own chart SVG is inserted unescaped. The
 * output depends on the model and charts only (the time shown is the model's `generatedAt`).
 *
 * @example
 * const html = renderHtmlReport(model, { charts: await renderCharts(model) });
 * await writeFile('review.html', html);
 */
export function renderHtmlReport(model: ReportModel, options: HtmlReportOptions): string {
  return template()(reportView(model, options.charts), {
    allowProtoPropertiesByDefault: false,
    allowProtoMethodsByDefault: false,
  });
}

// The `html` reporter (`--reporter html=report.html`): the run as one self-contained page with a
// timeline of every step (page.ts, timeline.ts). The runner records timelines only when an html
// reporter is chosen (wantsTimeline); without them the page still shows every spec, step and failure.
import { DocumentReporter, type Output } from '../output';
import { renderReport } from './page';

export { renderReport, renderClassIndex } from './page';

export class HtmlReporter extends DocumentReporter {
  constructor(out: Output, cwd: string, student?: string) {
    super('html', out, (result) => renderReport(result, { cwd, ...(student !== undefined ? { student } : {}) }));
  }
}

/** Whether `--reporter` values ask for the html reporter (the runner then records timelines). */
export function wantsTimeline(reporters: readonly string[]): boolean {
  return reporters.some((r) => r === 'html' || r.startsWith('html='));
}

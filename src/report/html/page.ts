// The HTML report's page: one self-contained document (inline CSS and SVG, no script, no font or
// image fetched), light and dark by prefers-color-scheme, printable. Per spec and step the status,
// points, duration and action; failures as the terminal prints them (the same lines from
// report/text.ts, colours as CSS classes); each step's timeline (timeline.ts). Also the class index
// `grade --submissions` writes beside the roster.
import type { RunResult, SpecResult, StepResult } from '../../runner/result';
import type { RosterRow } from '../../grade/roster';
import { displayPath, failureLines, formatMs, formatPosition, outputLines, problemLines, skipReason, specErrorLines, specErrorStandsAlone, specSkipReason, stepFilesLine, summaryLines } from '../text';
import { attr, htmlPaint, slug, text } from './escape';
import { Palette, renderTimeline, visibleSeries, worthDrawing } from './timeline';
import { getLang, msg } from '../../i18n';
import { htmlMessages as m } from './messages';

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--info:#0969da;
--c0:#0072b2;--c1:#e69f00;--c2:#009e73;--c3:#cc79a7;--c4:#d55e00;--c5:#56b4e9;--c6:#8c6d1f;--c7:#6a3d9a;--cx:#8c959f}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--info:#4493f8;
--c0:#4aa3df;--c1:#f0b33c;--c2:#2fc495;--c3:#e19ac4;--c4:#f07a3a;--c5:#8fd0f5;--c6:#c9a544;--c7:#a884d8;--cx:#6e7681}}
@media print{:root{color-scheme:light;--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#fff;--ok:#116329;--bad:#a40e26;--warn:#7d4e00;--info:#0550ae;
--c0:#0072b2;--c1:#e69f00;--c2:#009e73;--c3:#cc79a7;--c4:#d55e00;--c5:#56b4e9;--c6:#8c6d1f;--c7:#6a3d9a;--cx:#8c959f}
nav.toc,details.states{display:none}article.step,figure.timeline{break-inside:avoid}body{margin:0}}
*{box-sizing:border-box}
body{background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;margin:0 auto;padding:16px 20px 48px;max-width:1000px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0}h3{font-size:15px;margin:0}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"D2Coding",monospace;font-size:12.5px}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:8px 0}
a{color:var(--info)}.muted{color:var(--muted)}.small{font-size:12px}
.ok,.green{color:var(--ok)}.bad,.red{color:var(--bad)}.yellow,.skip{color:var(--warn)}.cyan{color:var(--info)}.dim{color:var(--muted)}.bold{font-weight:600}
header.top{border-bottom:1px solid var(--line);padding-bottom:10px;margin-bottom:14px}
nav.toc ol{margin:6px 0 16px;padding-left:22px}nav.toc li{margin:1px 0}
section.spec{border:1px solid var(--line);border-radius:8px;margin:14px 0;padding:10px 14px}
section.spec>header{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
section.spec.failed,section.spec.error{border-left:4px solid var(--bad)}section.spec.passed{border-left:4px solid var(--ok)}section.spec.skipped{border-left:4px solid var(--warn)}
article.step{border-top:1px solid var(--line);padding:10px 0 4px;margin-top:8px}
article.step>header{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.sym{font-weight:700}.meta{color:var(--muted);font-size:12.5px}
.where{color:var(--muted);font-size:12.5px;font-family:ui-monospace,Menlo,Consolas,monospace}
figure.timeline{margin:8px 0 4px}
svg.timeline{max-width:100%;height:auto;display:block;font-size:10.5px}
svg text{fill:var(--fg)}svg .tick{fill:var(--muted)}svg .lane-label{fill:var(--fg);font-weight:600}
svg .grid{stroke:var(--line);stroke-width:.6}svg .axis{stroke:var(--muted);stroke-width:1}
svg .lane{fill:var(--panel);stroke:var(--line);stroke-width:.6}
.c0{--k:var(--c0)}.c1{--k:var(--c1)}.c2{--k:var(--c2)}.c3{--k:var(--c3)}.c4{--k:var(--c4)}.c5{--k:var(--c5)}.c6{--k:var(--c6)}.c7{--k:var(--c7)}.cx{--k:var(--cx)}
.b-av{fill:var(--k)}.b-rd{fill:var(--k);fill-opacity:.55}.b-st{fill:var(--k);fill-opacity:.28;stroke:var(--k);stroke-width:1;stroke-dasharray:3 2}
.b-tm.c0{fill:url(#h-c0)}.b-tm.c1{fill:url(#h-c1)}.b-tm.c2{fill:url(#h-c2)}.b-tm.c3{fill:url(#h-c3)}.b-tm.c4{fill:url(#h-c4)}.b-tm.c5{fill:url(#h-c5)}.b-tm.c6{fill:url(#h-c6)}.b-tm.c7{fill:url(#h-c7)}.b-tm.cx{fill:url(#h-cx)}
.hatch{stroke:var(--k);stroke-width:2.2}.hatch-bg{fill:var(--k);fill-opacity:.12}
.req.fail,.b-fail,rect.fail{fill:var(--bad)}
.desired{fill:none;stroke-width:2.2;stroke-dasharray:7 3}.halo{fill:none;stroke:var(--bg);stroke-width:4.5;stroke-opacity:.9}svg .settled{stroke:var(--muted);stroke-width:1;stroke-dasharray:1 3}
.s0{stroke:var(--c0)}.s1{stroke:var(--c1)}.s2{stroke:var(--c2)}.s3{stroke:var(--c3)}.s4{stroke:var(--c4)}.s5{stroke:var(--c5)}.s6{stroke:var(--c6)}.s7{stroke:var(--c7)}.sx{stroke:var(--cx)}
svg .held{fill:var(--ok);fill-opacity:.75}svg .broke{fill:var(--bad);fill-opacity:.85}svg .break{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:3 2}
svg .band-label{fill:var(--fg);stroke:var(--bg);stroke-width:3px;stroke-linejoin:round;paint-order:stroke;font-weight:600;pointer-events:none}svg .mark{font-weight:700;font-size:12px}svg .mark.ok{fill:var(--ok)}svg .mark.bad{fill:var(--bad)}
ul.legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:2px 16px;font-size:12.5px}
ul.legend.key{color:var(--muted)}ul.legend svg{vertical-align:-1px}
ul.checks{list-style:none;padding:0;margin:6px 0;font-size:12.5px}ul.checks li{margin:1px 0}
.reqs{margin:8px 0;padding:6px 10px;border:1px solid var(--line);border-radius:6px}.reqs p{margin:2px 0 4px}
svg.share{display:block;max-width:100%}svg.requests{display:block;margin:4px 0;max-width:100%;height:auto}
details{margin:6px 0}summary{cursor:pointer;color:var(--muted);font-size:12.5px}
.scroll{overflow:auto;max-height:360px}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid var(--line);padding:2px 6px;text-align:left;vertical-align:top}th{background:var(--panel);font-weight:600}
table.roster td.num{text-align:right;font-variant-numeric:tabular-nums}
.summary{font-size:13px}
`;

/** Hatching for terminating pods, one pattern per colour (SVG patterns cannot take the colour of what they fill). */
function patterns(): string {
  const ids = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'cx'];
  const defs = ids.map((c) => `<pattern id="h-${c}" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect class="hatch-bg ${c}" width="5" height="5"/><line class="hatch ${c}" x1="0" y1="0" x2="0" y2="5"/></pattern>`);
  return `<svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><defs>${defs.join('')}</defs></svg>`;
}

function htmlDocument(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${getLang()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${text(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${patterns()}
${body}
</body>
</html>
`;
}

export interface PageOptions {
  cwd: string;
  /** The student the report is about (grade --submissions). */
  student?: string;
}

function statusWord(status: string): string {
  return msg(status === 'passed' ? m.passed : status === 'failed' ? m.failed : status === 'skipped' ? m.skipped : m.error);
}

function symbol(status: string): string {
  return status === 'passed' ? '<span class="sym ok">✓</span>' : status === 'skipped' ? '<span class="sym skip">○</span>' : '<span class="sym bad">✗</span>';
}

/** Lines painted by report/text.ts, as one <pre> of HTML. */
function pre(lines: string[], paint: ReturnType<typeof htmlPaint>, cls: string): string {
  return `<pre class="${cls}">${lines.map((l) => paint.html(l)).join('\n')}</pre>`;
}

function stepHtml(spec: SpecResult, step: StepResult, ids: { spec: number; step: number }, cwd: string, palette: Palette): string {
  const paint = htmlPaint();
  const id = `s${ids.spec + 1}-${ids.step + 1}`;
  const parts: string[] = [];
  const facts = [msg(m.points, { score: step.score, max: step.points })];
  // Durations are wall-clock: --no-timings zeroes them, and then they are left out.
  if (step.status !== 'skipped' && step.durationMs > 0) facts.push(formatMs(step.durationMs));
  const action = step.timeline && step.timeline.action !== step.name ? ` <span class="meta">${text(msg(m.action))} <code>${text(step.timeline.action)}</code></span>` : '';
  const where = step.location ? ` <span class="where">${text(formatPosition(step.location, cwd))}</span>` : '';
  parts.push(`<header><h3>${symbol(step.status)} ${text(step.name)}</h3> <span class="meta">${text(statusWord(step.status))} · ${text(facts.join(' · '))}</span>${action}${where}</header>`);
  if (step.status === 'skipped') parts.push(`<p class="skip">${text(msg(m.skippedBecause, { reason: skipReason(step) }))}</p>`);
  const files = stepFilesLine(step);
  if (files) parts.push(`<p class="muted small">${text(files)}</p>`);
  if (step.cause) parts.push(`<p class="bad small">${text(`${step.cause.file}: ${step.cause.message}`)}${step.cause.location ? ` <span class="where">${text(formatPosition(step.cause.location, cwd))}</span>` : ''}</p>`);
  for (const f of step.failures) parts.push(pre(failureLines(f, { cwd, paint }), paint, 'failure'));
  const out = outputLines(step, Infinity);
  if (out.length) {
    const open = step.status === 'failed' || step.status === 'error' ? ' open' : '';
    parts.push(`<details class="output"${open}><summary>${text(msg(m.kubectlOutput))}${step.exitCode !== undefined ? ` ${text(msg(m.exitCode, { code: step.exitCode }))}` : ''}</summary>${pre(out, paint, 'output')}</details>`);
  }
  const tl = step.timeline;
  if (tl) {
    if (worthDrawing(tl)) parts.push(renderTimeline(tl, { id, palette }));
    else {
      const last = tl.states[tl.states.length - 1];
      const series = visibleSeries(tl, palette);
      const said = series.map((se) => {
        const r = last.rs[se.index] ?? [0, 0, 0, 0, 0];
        return `${se.label}: ${msg(m.readyOf, { ready: r[1], desired: r[0] })}`;
      });
      parts.push(`<p class="muted small">${text(`${msg(m.nothingChanged)}${said.length ? `: ${said.join('; ')}` : ''}.`)}</p>`);
    }
  }
  return `<article class="step ${step.status}" id="${id}">${parts.join('')}</article>`;
}

function specHtml(spec: SpecResult, i: number, cwd: string): string {
  const paint = htmlPaint();
  const palette = new Palette();
  const file = displayPath(spec.file, cwd);
  const parts: string[] = [];
  parts.push(
    `<header><h2>${symbol(spec.status)} <span class="muted">${text(file)} ›</span> ${text(spec.name)}</h2> <span class="meta">${text(statusWord(spec.status))} · ${text(msg(m.points, { score: spec.score, max: spec.maxScore }))}${spec.durationMs > 0 ? ` · ${formatMs(spec.durationMs)}` : ''}</span>${spec.location ? ` <span class="where">${text(formatPosition(spec.location, cwd))}</span>` : ''}</header>`,
  );
  if (spec.status === 'skipped') {
    // Not run: the reason, and the steps it would have run, by name.
    parts.push(`<p class="skip">${text(msg(m.skippedBecause, { reason: specSkipReason(spec) }))}</p>`);
    if (spec.steps.length) parts.push(`<ol class="muted small">${spec.steps.map((st) => `<li>${text(st.name)}</li>`).join('')}</ol>`);
    return `<section class="spec skipped" id="spec-${i + 1}">${parts.join('')}</section>`;
  }
  if (specErrorStandsAlone(spec)) parts.push(pre(specErrorLines(spec, cwd, paint), paint, 'failure'));
  spec.steps.forEach((step, j) => parts.push(stepHtml(spec, step, { spec: i, step: j }, cwd, palette)));
  return `<section class="spec ${spec.status}" id="spec-${i + 1}">${parts.join('')}</section>`;
}

/** The whole run as one HTML page. */
export function renderReport(result: RunResult, opts: PageOptions): string {
  const paint = htmlPaint();
  const title = opts.student !== undefined ? msg(m.titleFor, { student: opts.student }) : msg(m.title);
  const s = result.summary;
  const toc = result.specs.map((spec, i) => `<li>${symbol(spec.status)} <a href="#spec-${i + 1}">${text(spec.name)}</a> <span class="muted">${text(displayPath(spec.file, opts.cwd))} · ${spec.score}/${spec.maxScore}</span></li>`);
  const problems = problemLines(result, paint);
  const body = [
    `<header class="top"><h1>${text(title)}</h1><p class="muted">${text(msg(m.headline, { n: s.total, score: `${s.score}/${s.maxScore}`, seed: result.seed }))}</p>${pre(summaryLines(result, paint), paint, 'summary')}${problems.length ? pre(problems, paint, 'summary') : ''}</header>`,
    `<nav class="toc" aria-label="${attr(msg(m.specsNav))}"><b>${text(msg(m.specsNav))}</b><ol>${toc.join('')}</ol></nav>`,
    `<main>${result.specs.map((spec, i) => specHtml(spec, i, opts.cwd)).join('\n')}</main>`,
  ];
  return htmlDocument(title, body.join('\n'));
}

/** `grade --submissions`: the class at a glance, each student linking to their own page. */
export function renderClassIndex(rows: { row: RosterRow; page: string }[], opts: { shard?: string; specs: string[] }): string {
  const total = rows.length;
  const body = rows.map(({ row, page }) => {
    const ok = row.failed === 0 && row.errors === 0;
    return `<tr><td>${ok ? '<span class="ok">✓</span>' : '<span class="bad">✗</span>'} <a href="${attr(encodeURI(page))}">${text(row.student)}</a></td><td class="num">${row.score}/${row.maxScore}</td><td class="num">${row.percent}%</td><td class="num">${row.passed}</td><td class="num">${row.failed}</td><td class="num">${row.errors}</td></tr>`;
  });
  const head = `<tr>${[m.colStudent, m.colScore].map((c) => `<th>${text(msg(c))}</th>`).join('')}<th>%</th>${[m.colPassed, m.colFailed, m.colErrors].map((c) => `<th>${text(msg(c))}</th>`).join('')}</tr>`;
  const facts = [msg(m.students, { n: total }), ...(opts.shard ? [msg(m.shard, { shard: opts.shard })] : []), msg(m.specsList, { specs: opts.specs.join(', ') || msg(m.none) })];
  const html = `<header class="top"><h1>${text(msg(m.gradesTitle))}</h1><p class="muted">${text(facts.join(' · '))}</p></header><main><table class="roster">${head}${body.join('')}</table></main>`;
  return htmlDocument(msg(m.gradesTitle), html);
}

/** Ids used for each spec and step section (for tests and links). */
export const sectionId = { spec: (i: number) => `spec-${i + 1}`, step: (i: number, j: number) => `s${i + 1}-${j + 1}`, slug };

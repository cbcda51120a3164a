// The html reporter's page on its own: escaping of hostile names and messages, colour marks a text
// cannot forge, every spec, step and failure present, nothing loaded from anywhere, and timelines
// of 10,000-pod steps drawn from a bounded number of states.
import { htmlPaint, text } from './escape';
import { renderClassIndex, renderReport } from './page';
import { statesToDraw, tableRows, DRAWN_STATES } from './sample';
import { renderTimeline, Palette } from './timeline';
import { NASTY, sampleResult, CWD } from '../testing/sample-result';
import { thinStates, totalReady } from '../../runner/timeline-sample';
import type { StepTimeline, TimelineState } from '../../runner/timeline';
import type { RunResult } from '../../runner/result';
import { LANGS, msg, setLang } from '../../i18n';
import { htmlMessages } from './messages';

/** Tags a page may hold: anything else (a script, an iframe, an image) is an injection or a fetch. */
const ALLOWED_TAGS = new Set(
  'html head meta title style body svg defs pattern rect line path text g header h1 h2 h3 p pre span b code nav ol ul li a main section article details summary div figure table tr th td'.split(' '),
);

function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase());
}

describe('escaping', () => {
  it('writes markup characters as entities and control characters visibly', () => {
    expect(text('<b>&"\'')).toBe('&lt;b&gt;&amp;&quot;&#39;');
    expect(text('a\u001b[31mb')).toBe('a\\u001b[31mb');
  });

  it('turns only its own colour marks into spans: a text imitating one stays text', () => {
    const paint = htmlPaint();
    const other = htmlPaint();
    const forged = other.red('</pre><script>alert(1)</script>');
    const html = paint.html(`${paint.green('ok')} ${forged} ${paint.bold(paint.red('<x>'))}`);
    expect(html).toContain('<span class="green">ok</span>');
    expect(html).toContain('<span class="bold"><span class="red">&lt;x&gt;</span></span>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<span class="red">&lt;/pre&gt;');
    // Unbalanced marks never leave a span open.
    expect(paint.html(paint.red('a').slice(0, -5))).toMatch(/<\/span>$/);
  });
});

describe('renderReport', () => {
  const result = sampleResult();
  const html = renderReport(result, { cwd: CWD, student: `student ${NASTY}` });

  it('holds every spec, step and failure, each in its own section', () => {
    expect(html.match(/<section class="spec /g)).toHaveLength(result.specs.length);
    expect(html.match(/<article class="step /g)).toHaveLength(result.specs.reduce((a, s) => a + s.steps.length, 0));
    for (const spec of result.specs) expect(html).toContain(text(spec.name));
    for (const spec of result.specs) for (const step of spec.steps) expect(html).toContain(text(step.name));
    for (const spec of result.specs) for (const step of spec.steps) for (const f of step.failures) expect(html).toContain(text(f.message.split('\n')[0]));
    // The load problems of a spec that could not run, with their hints.
    expect(html).toContain('did you mean `count`?');
    // A skipped step says why.
    expect(html).toContain('skipped: the spec used up its budget of 2,000,000 reconciles');
    // Positions as file:line:column, the diff coloured by class as the terminal colours it.
    expect(html).toContain('specs/deploy.spec.yaml:14:7');
    expect(html).toContain('<span class="green">-image: nginx:1.25</span>');
    expect(html).toContain('<span class="red">+image: nginx:latest</span>');
    expect(html).toContain('<span class="cyan">@@ -1,4 +1,4 @@</span>');
    expect(html).toContain('spec.containers[0].image: expected <span class="green">&quot;nginx:1.25&quot;</span>, actual <span class="red">&quot;nginx:latest&quot;</span>');
  });

  it('lets no name, message or output inject markup', () => {
    expect(tags(html).filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(html).not.toContain('<b> & "c"');
    expect(html).not.toContain('\u001b');
    expect(html).toContain(`<title>kubespec report: student ${text(NASTY).replace(/\n/g, '\n')}</title>`);
  });

  it('refers to nothing outside the page: no URL, no script, no font', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\b(src|srcset|xlink:href)\s*=/i);
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#/);
    expect(html).not.toMatch(/@import|@font-face|<script/i);
    expect(html).toContain('prefers-color-scheme:dark');
    expect(html).toContain('@media print');
  });

  it('renders the class index with each student linked to their page', () => {
    const row = { student: `x ${NASTY}`, score: 1, maxScore: 2, percent: 50, passed: 1, failed: 1, errors: 0, skipped: 0, report: 'students/x/report.json' };
    const index = renderClassIndex([{ row, page: 'students/x_y/report.html' }], { specs: ['specs/a.spec.yaml'] });
    expect(index).toContain('<a href="students/x_y/report.html">');
    expect(index).toContain(text(row.student));
    expect(tags(index).filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
  });
});

/** A rolling update of `pods` replicas, one pod at a time: what a 10,000-pod step looks like to the recorder. */
function bigRollout(pods: number): StepTimeline {
  const states: TimelineState[] = [];
  let t = 0;
  for (let i = 0; i <= pods; i++) {
    states.push({ t, rs: [[pods - i, pods - i, pods - i, 0, i > 0 ? 1 : 0], [i, i, i, 0, 0]], svc: [[pods, 0, pods - i, i]] });
    if (i % 7 === 0) t += 1000;
  }
  return {
    action: 'set image deployment/big nginx=nginx:1.25',
    startMs: 0,
    endMs: t,
    replicaSets: [
      { name: 'big-1', namespace: 'default', owner: 'big', revisions: ['1'], images: ['nginx:1.24'] },
      { name: 'big-2', namespace: 'default', owner: 'big', revisions: ['2'], images: ['nginx:1.25'] },
    ],
    services: [{ name: 'big', namespace: 'default' }],
    states,
    seen: states.length,
    requests: [],
    checks: [{ phase: 'throughout', label: 'Pod app=big count ≥ 9000', held: false, atMs: 3000 }],
  };
}

describe('a timeline with hostile names', () => {
  it('escapes images, names, targets, reasons and labels', () => {
    const tl = bigRollout(3);
    tl.action = `apply ${NASTY}`;
    tl.replicaSets[0].images = [`nginx${NASTY}`];
    tl.replicaSets[1].owner = NASTY;
    tl.services[0].name = NASTY;
    tl.checks.push({ phase: 'expect', label: NASTY, held: false, line: 3 });
    tl.requests.push({ t: 0, target: NASTY, pods: [{ name: NASTY, rs: 1 }], answers: [0, -1], sent: 2, failures: [{ reason: NASTY, count: 1 }] });
    const html = renderTimeline(tl, { id: 'x', palette: new Palette() });
    expect(tags(html).filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(html).not.toContain('<b> &');
    expect(html).not.toContain('\u001b');
  });
});

describe('big steps', () => {
  it('draws at most a bounded number of states, keeping the first, the last and the dips', () => {
    const tl = bigRollout(10_000);
    const drawn = statesToDraw(tl.states, tl.startMs, tl.endMs);
    expect(drawn.length).toBeLessThanOrEqual(DRAWN_STATES + 4);
    expect(drawn[0]).toBe(tl.states[0]);
    expect(drawn[drawn.length - 1]).toBe(tl.states[tl.states.length - 1]);
    // Every state drawn is one the runner saw, in order.
    let k = 0;
    for (const s of drawn) {
      k = tl.states.indexOf(s, k);
      expect(k).toBeGreaterThanOrEqual(0);
    }
    expect(tableRows(tl.states).length).toBeLessThanOrEqual(60);
    const svg = renderTimeline(tl, { id: 'big', palette: new Palette() });
    expect(svg.length).toBeLessThan(200_000);
  });

  it('thins the recorder’s states keeping the lowest ready count of each stretch', () => {
    const states: TimelineState[] = Array.from({ length: 10_001 }, (_, i) => ({ t: i, rs: [[3, i === 5000 ? 0 : 3, 3, 0, 0]], svc: [] }));
    const thin = thinStates(states, 100);
    expect(thin.length).toBeLessThanOrEqual(100);
    expect(thin.some((s) => totalReady(s) === 0)).toBe(true);
  });

  it('keeps the page of a 10,000-pod rollout small', () => {
    const base = sampleResult();
    const result: RunResult = { ...base, specs: [{ ...base.specs[0], steps: [{ ...base.specs[0].steps[0], timeline: bigRollout(10_000) }] }] };
    const html = renderReport(result, { cwd: CWD });
    expect(Buffer.byteLength(html)).toBeLessThan(300_000);
    expect(html).toContain('broke at 3s');
  });
});

describe('the page in the run’s language', () => {
  afterEach(() => setLang('en'));

  it('has every message in every language, the Korean ones in Korean', () => {
    for (const [key, message] of Object.entries(htmlMessages)) {
      for (const lang of LANGS) expect([key, typeof message[lang]]).not.toEqual([key, 'undefined']);
      const params = { n: 2, time: '3s', score: '1/2', seed: 1, action: 'a', from: '0s', to: '3s', held: 1, broke: 1, student: 's', max: 2, ready: 1, desired: 2, reason: 'r', code: 1, revs: '1', service: 's', who: 'w', i: 1, target: 't', total: 2, pods: 'p', shown: 1, shard: '1/2', specs: 'x' };
      if (!['throughoutLane', 'eventuallyLane'].includes(key)) expect([key, msg(message, params, 'ko')]).not.toEqual([key, msg(message, params, 'en')]);
    }
  });

  it('speaks Korean under --lang ko, names and Kubernetes terms unchanged', () => {
    setLang('ko');
    const result = sampleResult();
    const html = renderReport({ ...result, specs: [{ ...result.specs[0], steps: [{ ...result.specs[0].steps[0], timeline: bigRollout(50) }] }] }, { cwd: CWD });
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('kubespec 보고서');
    expect(html).toContain('시뮬레이션 시간');
    expect(html).toContain('종료 중');
    expect(html).toContain('ReplicaSet');
    expect(html).toContain(text(result.specs[0].name));
  });
});

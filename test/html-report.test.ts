// The html reporter end to end through the command line and the runner: every spec, step and
// failure on the page, nothing fetched from anywhere, the JSON report unchanged by it, the course
// suite's page under 1 MB, and a known rollout's timeline equal to the states the runner visited.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubespec } from './cli-support';
import { runSpecs } from '../src/runner';
import { renderReport } from '../src/report/html';
import { TimelineRecorder, readySince, type TimelineState } from '../src/runner/timeline';
import type { Cluster } from '../src/cluster/cluster';
import type { KubeObject } from '../src/apiserver/types';
import { failureLines, plain } from '../src/report/text';

const ROOT = path.resolve(__dirname, '..');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-html-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** HTML's escaping of a text, as the page writes it. */
function escaped(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** What a page must not hold: a URL that leaves it, a script, a resource loaded from anywhere. */
function externalReferences(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/https?:\/\/[^\s"'<>)]*/gi)) found.push(m[0]);
  for (const m of html.matchAll(/\b(src|srcset|xlink:href|action|formaction|poster|data)\s*=\s*"([^"]*)"/gi)) found.push(`${m[1]}=${m[2]}`);
  for (const m of html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) if (!m[1].startsWith('#')) found.push(`href=${m[1]}`);
  for (const m of html.matchAll(/url\(\s*['"]?([^)'"]*)/gi)) if (!m[1].startsWith('#')) found.push(`url(${m[1]})`);
  for (const m of html.matchAll(/<(script|iframe|object|embed|img|link|base)\b/gi)) found.push(`<${m[1]}>`);
  for (const m of html.matchAll(/@import|@font-face/gi)) found.push(m[0]);
  return found;
}

describe('kubespec run -r html', () => {
  it('writes the course suite as one page under 1 MB with every spec and step, and the JSON report byte for byte as without it', async () => {
    const plainRun = await kubespec('run', 'specs', '--no-timings', '-r', `json=${dir}/a.json`);
    const withHtml = await kubespec('run', 'specs', '--no-timings', '-r', `json=${dir}/b.json`, '-r', `html=${dir}/course.html`);
    expect(plainRun.code).toBe(0);
    expect(withHtml.code).toBe(0);
    expect(fs.readFileSync(`${dir}/b.json`, 'utf8')).toBe(fs.readFileSync(`${dir}/a.json`, 'utf8'));

    const html = fs.readFileSync(`${dir}/course.html`, 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
    expect(externalReferences(html)).toEqual([]);
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const report = JSON.parse(fs.readFileSync(`${dir}/a.json`, 'utf8')) as { specs: { name: string; steps: { name: string }[] }[] };
    expect(html.match(/<section class="spec /g)).toHaveLength(report.specs.length);
    expect(html.match(/<article class="step /g)).toHaveLength(report.specs.reduce((a, s) => a + s.steps.length, 0));
    report.specs.forEach((spec, i) => {
      const section = html.slice(html.indexOf(`id="spec-${i + 1}"`), html.indexOf(`id="spec-${i + 2}"`) >>> 0);
      expect(section).toContain(escaped(spec.name));
      spec.steps.forEach((step, j) => {
        expect(section).toContain(`id="s${i + 1}-${j + 1}"`);
        expect(section).toContain(escaped(step.name));
      });
    });
    // A timeline for the rollouts: the rolling update's step draws two ReplicaSets and its throughout lane.
    expect(html).toContain('throughout: Pod app=nginx where … count ≥ 2');
    expect(html.match(/<svg class="timeline"/g)!.length).toBeGreaterThan(20);
    // Worker threads carry the timelines back: the page is the same byte for byte.
    const parallel = await kubespec('run', 'specs', '--no-timings', '--jobs', '2', '-r', `html=${dir}/parallel.html`);
    expect(parallel.code).toBe(0);
    expect(fs.readFileSync(`${dir}/parallel.html`, 'utf8')).toBe(html);
  }, 120_000);

  it('shows every failure as the terminal does: its message, where it is written, the mismatches and the diff with its colours', async () => {
    const r = await kubespec('run', 'examples/mistakes', '--no-timings', '-r', `json=${dir}/m.json`, '-r', `html=${dir}/mistakes.html`);
    expect(r.code).toBe(1);
    const html = fs.readFileSync(`${dir}/mistakes.html`, 'utf8');
    expect(externalReferences(html)).toEqual([]);
    const result = await runSpecs(['examples/mistakes'], { cwd: ROOT });
    const failures = result.specs.flatMap((s) => s.steps.flatMap((st) => st.failures));
    expect(failures.length).toBeGreaterThan(3);
    // The page's text (tags dropped, entities read back) holds every line the terminal prints.
    const pageText = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const missing = failures.flatMap((f) => failureLines(f, { cwd: ROOT, paint: plain }).filter((line) => !pageText.includes(line)));
    expect(missing).toEqual([]);
    // The first line of each failure is red, as on a terminal.
    for (const f of failures) expect(html).toContain(`<span class="red">${escaped(f.message.split('\n')[0])}</span>`);
  }, 60_000);
});

describe('grade --submissions -r html', () => {
  it('writes a page per student and an index with the roster linking them', async () => {
    const out = path.join(dir, 'grades');
    const r = await kubespec('grade', 'fixtures/submissions/suite', '--submissions', 'fixtures/submissions/students', '--out', out, '-r', 'html', '--jobs', '1', '--no-timings');
    expect([0, 1]).toContain(r.code);
    const roster = JSON.parse(fs.readFileSync(path.join(out, 'roster.json'), 'utf8')) as { students: { student: string; report: string; score: number; maxScore: number }[] };
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(externalReferences(index.replace(/href="students\/[^"]*\/report\.html"/g, ''))).toEqual([]);
    for (const s of roster.students) {
      const page = s.report.replace(/\.json$/, '.html');
      expect(index).toContain(`href="${encodeURI(page)}"`);
      expect(index).toContain(escaped(s.student));
      expect(index).toContain(`${s.score}/${s.maxScore}`);
      const html = fs.readFileSync(path.join(out, page), 'utf8');
      expect(html).toContain(`<title>kubespec report: ${escaped(s.student)}</title>`);
      expect(externalReferences(html)).toEqual([]);
    }
  }, 120_000);
});

/** A state as the cluster shows it now, counted from scratch, in the recorder's series order. */
function naiveState(cluster: Cluster, recorder: TimelineRecorder): TimelineState {
  const info = (recorder as unknown as { replicaSets: { name: string; namespace: string }[]; services: { name: string; namespace: string }[] }).replicaSets;
  const services = (recorder as unknown as { services: { name: string; namespace: string }[] }).services;
  const api = cluster.api;
  const pods = api.list('Pod').filter((p) => !(p.metadata.namespace ?? '').startsWith('kube-'));
  const rsOf = (p: KubeObject): number => {
    const ref = (p.metadata.ownerReferences as { kind: string; name: string; controller?: boolean }[] | undefined)?.find((r) => r.controller);
    return ref?.kind === 'ReplicaSet' ? info.findIndex((x) => x.name === ref.name && x.namespace === p.metadata.namespace) : info.findIndex((x) => x.name === '');
  };
  const rs = info.map((x, i) => {
    const obj = x.name ? api.get('ReplicaSet', x.name, x.namespace) : undefined;
    const mine = pods.filter((p) => rsOf(p) === i);
    const terminating = mine.filter((p) => p.metadata.deletionTimestamp).length;
    const ready = mine.filter((p) => !p.metadata.deletionTimestamp && readySince(p) !== undefined).length;
    return [obj ? Number(obj.spec.replicas ?? 1) : 0, ready, ready, mine.length - ready - terminating, terminating];
  });
  const svc = services.map((s) => {
    const ep = api.get('Endpoints', s.name, s.namespace);
    const row = [0, 0];
    for (const sub of (ep?.subsets ?? []) as { addresses?: { targetRef?: { name: string } }[]; notReadyAddresses?: unknown[] }[]) {
      for (const a of sub.addresses ?? []) {
        row[0]++;
        const pod = a.targetRef && api.get('Pod', a.targetRef.name, s.namespace);
        const i = pod ? rsOf(pod) : -1;
        if (i >= 0) {
          while (row.length < 3 + i) row.push(0);
          row[2 + i]++;
        }
      }
      row[1] += sub.notReadyAddresses?.length ?? 0;
    }
    return row;
  });
  return { t: cluster.clock.elapsed(), rs, svc };
}

/** A row without trailing zeros past its first two (the recorder drops them: an absent count is 0). */
function trimmed(r: number[]): number[] {
  let n = r.length;
  while (n > 2 && r[n - 1] === 0) n--;
  return r.slice(0, n);
}

const counts = (s: TimelineState) => JSON.stringify({ rs: s.rs, svc: s.svc.map(trimmed) });

describe('a step’s timeline', () => {
  it('is, for a rolling update and a Recreate, the states the runner visited, and the page draws them', async () => {
    const seen = new Map<TimelineRecorder, TimelineState[]>();
    const original = TimelineRecorder.prototype.sample;
    const spy = jest.spyOn(TimelineRecorder.prototype, 'sample').mockImplementation(function (this: TimelineRecorder) {
      const list = seen.get(this) ?? [];
      seen.set(this, list);
      original.call(this);
      list.push(naiveState((this as unknown as { cluster: Cluster }).cluster, this));
    });
    let result;
    try {
      result = await runSpecs(['specs/04-rolling-update.spec.yaml', 'specs/01-deployment.spec.yaml'], { cwd: ROOT, timeline: true, filter: '/set image rolls|Recreate/' });
    } finally {
      spy.mockRestore();
    }
    const recorders = [...seen.values()];
    const steps = result.specs.flatMap((s) => s.steps);
    expect(recorders).toHaveLength(steps.length);
    steps.forEach((step, k) => {
      // The runner's states, each kept when it differs from the one before (time alone is no change).
      const visited: TimelineState[] = [];
      for (const s of recorders[k]) if (!visited.length || counts(visited[visited.length - 1]) !== counts(s)) visited.push(s);
      expect(step.timeline!.states.map((s) => ({ t: s.t, c: counts(s) }))).toEqual(visited.map((s) => ({ t: s.t, c: counts(s) })));
    });

    // The rolling update: the old ReplicaSet goes 2 → 0 while the new one goes 0 → 2, never fewer than 2 ready.
    const rolling = result.specs[0].steps[1].timeline!;
    expect(rolling.replicaSets.map((r) => [r.revisions, r.images])).toEqual([
      [['1'], ['nginx:latest']],
      [['2'], ['nginx:1.25']],
    ]);
    expect(rolling.states.every((s) => (s.rs[0]?.[1] ?? 0) + (s.rs[1]?.[1] ?? 0) >= 2)).toBe(true);
    expect(rolling.states[rolling.states.length - 1].rs).toEqual([
      [0, 0, 0, 0, 0],
      [2, 2, 2, 0, 0],
    ]);
    // Recreate: no state has an old and a new pod at once.
    const recreate = result.specs[1].steps[1].timeline!;
    const both = recreate.states.filter((s) => s.rs[0] && s.rs[1] && s.rs[0].slice(1).some((v) => v > 0) && s.rs[1].slice(1).some((v) => v > 0));
    expect(both).toEqual([]);

    // The page's table of states for each step holds exactly these states and counts.
    const html = renderReport(result, { cwd: ROOT });
    result.specs.forEach((spec, i) =>
      spec.steps.forEach((step, j) => {
        const tl = step.timeline!;
        const start = html.indexOf(`id="s${i + 1}-${j + 1}-states"`);
        if (start < 0) return; // nothing changed: no chart
        const table = html.slice(start, html.indexOf('</table>', start));
        const rows = [...table.matchAll(/<tr data-t="(\d+)">(.*?)<\/tr>/g)].map((m) => ({ t: Number(m[1]), cells: [...m[2].matchAll(/data-(rs|svc)="(\d+)" data-v="([\d,]*)"/g)].map((c) => `${c[1]}${c[2]}=${c[3]}`) }));
        expect(rows.map((r) => r.t)).toEqual(tl.states.map((s) => s.t));
        rows.forEach((r, k) => {
          for (const cell of r.cells) {
            const [, kind, index, values] = /^(rs|svc)(\d+)=(.*)$/.exec(cell)!;
            const want = kind === 'rs' ? (tl.states[k].rs[Number(index)] ?? [0, 0, 0, 0, 0]) : (tl.states[k].svc[Number(index)] ?? [0, 0]);
            expect(values).toBe(want.join(','));
          }
        });
      }),
    );
  });

  it('records the requests a request assertion sent and who answered, as the assertion saw them', async () => {
    const result = await runSpecs(['specs/05-blue-green-canary.spec.yaml'], { cwd: ROOT, timeline: true, filter: 'canary' });
    const step = result.specs[0].steps[0];
    const [req] = step.timeline!.requests;
    expect(req.sent).toBe(40);
    expect(req.answers).toHaveLength(40);
    const names = req.answers.map((k) => req.pods[k].name);
    // Each answering pod belongs to the stable or the canary ReplicaSet, and both answered.
    const rsNames = new Set(req.pods.map((p) => step.timeline!.replicaSets[p.rs].name));
    expect([...rsNames].sort()).toEqual(step.timeline!.replicaSets.filter((r) => r.owner).map((r) => r.name).sort());
    expect(new Set(names).size).toBe(4);
    // Without the recorder the run reports the same thing.
    const plainRun = await runSpecs(['specs/05-blue-green-canary.spec.yaml'], { cwd: ROOT, filter: 'canary' });
    expect(plainRun.specs.map((s) => s.steps.map((st) => [st.status, st.failures]))).toEqual(result.specs.map((s) => s.steps.map((st) => [st.status, st.failures])));
    expect(plainRun.specs[0].steps[0].timeline).toBeUndefined();
  });

  it('counts who answered a throughout request assertion at every state: traffic moving to the new ReplicaSet', async () => {
    const spec = path.join(dir, 'traffic.spec.yaml');
    fs.writeFileSync(
      spec,
      [
        'name: traffic moves over during a rolling update',
        `manifests: ${JSON.stringify(path.join(ROOT, 'fixtures/course'))}`,
        'steps:',
        '  - apply: [nginx-deploy-4.yaml, nginx-svc.yaml]',
        '  - setImage: { kind: Deployment, name: nginx-deployment, container: nginx, image: "nginx:1.25" }',
        '    throughout:',
        '      - request: { nodePort: 30000 }',
        '        times: 20',
        '        reaches: { selector: app=nginx }',
        '',
      ].join('\n'),
    );
    const result = await runSpecs([spec], { cwd: dir, timeline: true });
    expect(result.specs[0].status).toBe('passed');
    const tl = result.specs[0].steps[1].timeline!;
    expect(tl.throughoutRequests).toEqual([{ target: 'nodePort 30000', times: 20, line: 7 }]);
    const [oldRs, newRs] = [0, 1];
    const answers = tl.states.map((s) => s.req![0]);
    for (const r of answers) expect(r.reduce((a, b) => a + b, 0)).toBe(20);
    // All to the old ReplicaSet first, all to the new one at the end, and some states in between.
    expect(answers[0][2 + oldRs]).toBe(20);
    expect(answers[answers.length - 1][2 + newRs]).toBe(20);
    expect(answers.some((r) => (r[2 + oldRs] ?? 0) > 0 && (r[2 + newRs] ?? 0) > 0)).toBe(true);
    const html = renderReport(result, { cwd: dir });
    expect(html).toContain('throughout: 20× nodePort 30000, answered by');
  });

  it('answers a failing request assertion saw are the ones recorded, pod for pod', async () => {
    const spec = path.join(dir, 'share.spec.yaml');
    fs.writeFileSync(
      spec,
      [
        'name: only the canary answers (it does not)',
        `manifests: ${JSON.stringify(path.join(ROOT, 'fixtures/course'))}`,
        'steps:',
        '  - apply: [canary/nginx-stable.yaml, canary/nginx-canary.yaml, canary/nginx-svc.yaml]',
        '    expect:',
        '      - request: { nodePort: 30000 }',
        '        times: 30',
        '        reaches: { selector: track=canary }',
        '',
      ].join('\n'),
    );
    const result = await runSpecs([spec], { cwd: dir, timeline: true });
    const step = result.specs[0].steps[0];
    const [failure] = step.failures;
    const [req] = step.timeline!.requests;
    const tally = new Map<string, number>();
    for (const k of req.answers) tally.set(req.pods[k].name, (tally.get(req.pods[k].name) ?? 0) + 1);
    const said = /; answered by (.*)$/.exec(failure.message)![1];
    expect(said).toBe([...tally].map(([n, c]) => `${n} ×${c}`).join(', '));
  });
});

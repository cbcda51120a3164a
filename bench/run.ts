// `npm run bench`: how fast kubespec is, measured on compiled JavaScript. Prints a table and writes
// bench/results/bench.json. Figures are medians over repeated runs with their spread (min–max);
// the machine is shared and noisy, so these are reported, never asserted by tests.
//   --quick   fewer repetitions and no 10,000-replica run (for a smoke check)
//   --serve   only the kubespec serve section
//   --class   only the generated class graded by `kubespec grade --submissions` (--jobs 1 and 2)
//   --spec-path  only the spec-path scale scenario (bench/spec-path.ts) and the suite's warm engine time
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecs } from '../src/runner';
import { serveBench } from './serve';
import { classBench } from './class';
import { specPathRun, WORKERS, type SpecPathRun } from './spec-path';

const ROOT = path.resolve(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
const REPS = quick ? 3 : 7;

interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}

function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median: round(median), min: round(s[0]), max: round(s[s.length - 1]), runs: s.length };
}

const round = (n: number) => Math.round(n * 100) / 100;
const fmt = (s: Stat, unit = 'ms') => `${s.median} ${unit} (${s.min}–${s.max})`;

function wall(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Engine time: the first run in a fresh process (cold: module loading and JIT included), then warm runs. */
async function engine(): Promise<{ perSpec: Record<string, Stat>; suite: Stat; coldSuiteMs: number; specs: number }> {
  const per: Record<string, number[]> = {};
  const suite: number[] = [];
  let specs = 0;
  const cold = await runSpecs([path.join(ROOT, 'specs')], { seed: 1 });
  const coldSuiteMs = round(cold.specs.reduce((a, s) => a + s.engineMs, 0));
  for (let i = 0; i < 2; i++) await runSpecs([path.join(ROOT, 'specs')], { seed: 1 });
  for (let i = 0; i < REPS * 3; i++) {
    const result = await runSpecs([path.join(ROOT, 'specs')], { seed: 1 });
    let total = 0;
    for (const s of result.specs) {
      (per[`${path.basename(s.file)} › ${s.name}`] ??= []).push(s.engineMs);
      total += s.engineMs;
    }
    specs = result.specs.length;
    suite.push(total);
  }
  return { perSpec: Object.fromEntries(Object.entries(per).map(([k, v]) => [k, stat(v)])), suite: stat(suite), coldSuiteMs, specs };
}

/** One spec, as a student runs it: the course's first file, filtered to its `kubectl get deployments` spec. */
const ONE_SPEC = ['specs/01-deployment.spec.yaml', '-t', 'kubectl get deployments'];

function cli(): Record<string, Stat | number> {
  const node: number[] = [];
  const one: number[] = [];
  const suite: number[] = [];
  const bin = path.join('bin', 'kubespec');
  for (let i = 0; i < REPS; i++) {
    node.push(wall(process.execPath, ['-e', '0']));
    one.push(wall(process.execPath, [bin, 'run', ...ONE_SPEC]));
    suite.push(wall(process.execPath, [bin, 'run', 'specs']));
  }
  const n = stat(node);
  const o = stat(one);
  const s = stat(suite);
  return { nodeE0: n, oneSpec: o, suite: s, oneSpecRatio: round(o.median / n.median), suiteRatio: round(s.median / n.median) };
}

interface ScaleRun {
  phases: Record<string, number>;
  totalMs: number;
  reconciles: number;
  maxRssMb: number;
}

function scaleRun(mode: string, n: number, reps: number): { total: Stat; phases: Record<string, Stat>; maxRssMb: number; reconciles: number } {
  const runs: ScaleRun[] = [];
  for (let i = 0; i < reps; i++) {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'scale.js'), mode, String(n)], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scale ${mode} ${n} failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
  }
  const phases: Record<string, Stat> = {};
  for (const k of Object.keys(runs[0].phases)) phases[k] = stat(runs.map((r) => r.phases[k]));
  return { total: stat(runs.map((r) => r.totalMs)), phases, maxRssMb: round(Math.max(...runs.map((r) => r.maxRssMb))), reconciles: runs[0].reconciles };
}

/**
 * Grading throughput: the course suite (specs/) over the fixture students, each graded as
 * `kubespec grade` does (their own files only), in this process. The hostile student is left out:
 * its runaway cases are bounded by budgets and measured by the tests, not a throughput figure.
 */
async function grading(): Promise<{ submissions: number; specs: number; perSecond: number; perSecondPer10Specs: number; totalMs: Stat }> {
  const dir = path.join(ROOT, 'fixtures', 'submissions', 'students');
  const students = fs.readdirSync(dir).filter((d) => d !== 'hostile' && fs.statSync(path.join(dir, d)).isDirectory()).sort();
  const suiteDir = path.join(ROOT, 'specs');
  const times: number[] = [];
  let specs = 0;
  for (let i = 0; i < REPS; i++) {
    const t0 = process.hrtime.bigint();
    for (const s of students) {
      const r = await runSpecs([suiteDir], { seed: 1, submission: path.join(dir, s), submissionOnly: true });
      specs = r.specs.length;
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const t = stat(times);
  const perSecond = round((students.length * 1000) / t.median);
  return { submissions: students.length, specs, perSecond, perSecondPer10Specs: round((perSecond * specs) / 10), totalMs: t };
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` },
    repetitions: REPS,
  };
  const lines: string[] = [];
  const row = (a: string, b: string) => lines.push(`${a.padEnd(52)} ${b}`);

  if (process.argv.includes('--serve')) return serveOnly(out, lines);
  if (process.argv.includes('--spec-path')) {
    const e = await engine();
    out.engine = { suite: e.suite, specs: e.specs };
    row(`Course suite warm engine time (${e.specs} specs, median of ${e.suite.runs} runs)`, fmt(e.suite));
    specPathSection(out, lines, row);
    return void process.stdout.write(lines.join('\n') + '\n');
  }
  if (process.argv.includes('--class')) {
    classSection(out, lines);
    return void process.stdout.write(lines.join('\n') + '\n');
  }
  const e = await engine();
  out.engine = e;
  lines.push('Engine time (in-process, compiled JS, warm: after two unmeasured runs)');
  for (const [name, s] of Object.entries(e.perSpec)) row(`  ${name}`, fmt(s));
  row(`  whole suite (${e.specs} specs)`, fmt(e.suite));
  row('  whole suite, first run in a fresh process (cold)', `${e.coldSuiteMs} ms`);

  const c = cli();
  out.cli = c;
  lines.push('', 'CLI wall time');
  row('  node -e 0', fmt(c.nodeE0 as Stat));
  row(`  kubespec run ${ONE_SPEC.join(' ')} (one spec)`, `${fmt(c.oneSpec as Stat)}  = ${c.oneSpecRatio}× node -e 0`);
  row('  kubespec run specs', `${fmt(c.suite as Stat)}  = ${c.suiteRatio}× node -e 0`);

  lines.push('', 'Scale: Deployment create → roll to a new image → delete (background GC)');
  const sizes = quick ? [100, 1000] : [100, 1000, 10000];
  const scale: Record<string, unknown> = {};
  let prev: { n: number; ms: number } | undefined;
  for (const n of sizes) {
    const r = scaleRun('deployment', n, n >= 10000 ? 3 : REPS);
    scale[`deployment-${n}`] = r;
    const growth = prev ? `  ×${round(r.total.median / prev.ms)} for ×${n / prev.n} pods` : '';
    row(`  ${n} replicas`, `${fmt(r.total)}, peak RSS ${r.maxRssMb} MB, ${r.reconciles} reconciles${growth}`);
    row('    create / rollout / delete', Object.values(r.phases).map((p) => `${p.median}`).join(' / ') + ' ms');
    prev = { n, ms: r.total.median };
  }
  const many = scaleRun('many', 1000, quick ? 1 : 3);
  scale['deployments-1000x3'] = many;
  row('  1,000 Deployments × 3 replicas (create + delete)', `${fmt(many.total)}, peak RSS ${many.maxRssMb} MB`);
  out.scale = scale;

  specPathSection(out, lines, row);

  const g = await grading();
  out.grading = g;
  lines.push('', 'Grading throughput');
  row(`  ${g.submissions} submissions × ${g.specs} specs`, `${fmt(g.totalMs)} = ${g.perSecond} submissions/s (${g.perSecondPer10Specs}/s for a 10-spec suite)`);

  classSection(out, lines);
  await serveSection(out, lines);
  write(out, lines);
}

/**
 * The scale scenario as a spec (bench/spec-path.ts): loader + runSpecs, events on, 120 default-sized
 * workers; each run in a child process of its own (its peak RSS). Step times are each step's action,
 * settle and assertions; "spec" adds the cluster's start-up (121 nodes); "run" adds loading the file.
 */
function specPathSection(out: Record<string, unknown>, lines: string[], row: (a: string, b: string) => void): void {
  lines.push('', `Spec path: a Deployment as a spec on ${WORKERS} workers (110 pods, /24 each), events on: apply, roll, delete`);
  const result: Record<string, unknown> = {};
  let prev: { n: number; ms: number } | undefined;
  for (const n of quick ? [1000] : [1000, 10000]) {
    const runs: SpecPathRun[] = [];
    for (let i = 0; i < (n >= 10000 ? 3 : REPS); i++) runs.push(specPathRun(n));
    const steps: Record<string, Stat> = {};
    for (const k of Object.keys(runs[0].steps)) steps[k] = stat(runs.map((r) => r.steps[k]));
    const r = {
      run: stat(runs.map((x) => x.runMs)),
      spec: stat(runs.map((x) => x.specMs)),
      cpu: stat(runs.map((x) => x.cpuMs)),
      process: stat(runs.map((x) => x.processMs)),
      steps,
      maxRssMb: Math.max(...runs.map((x) => x.maxRssMb)),
      reconciles: runs[0].reconciles,
      events: runs[0].events,
      eventCount: runs[0].eventCount,
    };
    result[`deployment-${n}`] = r;
    const growth = prev ? `  ×${round(r.run.median / prev.ms)} for ×${n / prev.n} pods` : '';
    row(`  ${n} replicas: run (load + start-up + steps)`, `${fmt(r.run)}, CPU ${r.cpu.median} ms, peak RSS ${r.maxRssMb} MB${growth}`);
    row('    create / roll / delete', Object.values(steps).map((p) => `${p.median}`).join(' / ') + ` ms (spec with start-up ${r.spec.median} ms, process ${r.process.median} ms)`);
    row('    reconciles, Events (occurrences)', `${r.reconciles}, ${r.events} (${r.eventCount})`);
    prev = { n, ms: r.run.median };
  }
  out.specPath = result;
}

/** A generated class of good, broken and hostile students through the command line (bench/class.ts). */
function classSection(out: Record<string, unknown>, lines: string[]): void {
  const c = classBench(quick ? 48 : 150);
  out.generatedClass = { students: c.students, byKind: c.byKind, runs: c.runs };
  lines.push('', 'Grading a generated class: kubespec grade --submissions (the fixture suite, 4 specs)');
  lines.push(...c.lines);
}

async function serveSection(out: Record<string, unknown>, lines: string[]): Promise<void> {
  const sv = await serveBench(quick);
  out.serve = { requests: sv.table, fanOut: sv.fanOut };
  lines.push('', 'kubespec serve: HTTPS, keep-alive clients in the same process (one run of N requests per cell, after a warm-up)');
  lines.push(...sv.lines);
}

async function serveOnly(out: Record<string, unknown>, lines: string[]): Promise<void> {
  await serveSection(out, lines);
  process.stdout.write(lines.join('\n') + '\n');
}

function write(out: Record<string, unknown>, lines: string[]): void {
  const text = lines.join('\n') + '\n';
  process.stdout.write(text);
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'bench.json'), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`\nwritten: bench/results/bench.json\n`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

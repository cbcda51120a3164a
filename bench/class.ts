// The generated class (src/grade/testing/generated-class.ts: good, broken and hostile students)
// graded by the real command line, `kubespec grade --submissions`, with --jobs 1 and --jobs 2:
// wall time and the peak resident memory of the grading process (worker threads included: they
// share the process). Peak memory is read inside the child at exit (a preloaded module writes
// process.resourceUsage().maxRSS to a file), as no portable call gives a child's rusage to Node.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateClass } from '../src/grade/testing/generated-class';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ClassRun {
  jobs: number;
  wallMs: number;
  maxRssMb: number;
  exitCode: number | null;
}

export interface ClassBench {
  students: number;
  byKind: Record<string, number>;
  runs: ClassRun[];
  lines: string[];
}

export function classBench(count: number): ClassBench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-class-bench-'));
  try {
    const cls = generateClass(path.join(dir, 'class'), count, 7);
    const byKind: Record<string, number> = {};
    for (const s of cls.students) byKind[s.category] = (byKind[s.category] ?? 0) + 1;
    const preload = path.join(dir, 'rss.js');
    fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(process.env.KUBESPEC_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n`);
    const runs: ClassRun[] = [];
    for (const jobs of [1, 2]) {
      const rss = path.join(dir, `rss-${jobs}`);
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['--require', preload, path.join(ROOT, 'bin', 'kubespec'), 'grade', 'fixtures/submissions/suite', '--submissions', cls.root, '--out', path.join(dir, `out-${jobs}`), '--jobs', String(jobs), '--no-timings'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, KUBESPEC_BENCH_RSS: rss, GITHUB_ACTIONS: '', CI: '' },
      });
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`grading the generated class with --jobs ${jobs} exited ${r.status}: ${r.stderr}`);
      runs.push({ jobs, wallMs: Math.round(wallMs), maxRssMb: Math.round(Number(fs.readFileSync(rss, 'utf8')) / 1024), exitCode: r.status });
    }
    const kinds = Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(', ');
    const lines = runs.map((r) => `  ${cls.students.length} students (${kinds}), --jobs ${r.jobs}`.padEnd(64) + ` ${r.wallMs} ms, peak RSS ${r.maxRssMb} MB`);
    return { students: cls.students.length, byKind, runs, lines };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

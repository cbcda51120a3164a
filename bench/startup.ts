// `npm run bench:startup`: how long the kubespec command takes to start, against `node -e 0` on the
// same machine: `kubespec --version`, one spec (the course's `kubectl get deployments` spec) and
// the course suite, through bin/kubespec as package.json's "bin" names it. Each is run --runs times
// (20 by default) interleaved with the others, after two unmeasured runs that fill the compile
// cache, and reported as its median wall time (the machine may be shared: medians, and the ratio to
// `node -e 0` measured in the same loop). Writes bench/results/startup.json.
//   --runs N   repetitions (default 20)
//   --goal R   exit 1 when one spec takes more than R × node -e 0 (issue 14's goal is 2)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'kubespec');

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const RUNS = Number(flag('--runs') ?? 20);
const GOAL = flag('--goal') !== undefined ? Number(flag('--goal')) : undefined;

export const CASES: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'kubespec --version': [BIN, '--version'],
  'kubespec run (one spec)': [BIN, 'run', 'specs/01-deployment.spec.yaml', '-t', 'kubectl get deployments'],
  'kubespec run specs (the suite)': [BIN, 'run', 'specs'],
};

function once(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (n: number) => Math.round(n * 10) / 10;

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'kubespec.bundle.js'))) {
    process.stderr.write('bench:startup: no dist/src/cli/kubespec.bundle.js: run `npm run build` first (bin/kubespec would load the modules one by one)\n');
  }
  const times: Record<string, number[]> = {};
  for (const [name, args] of Object.entries(CASES)) {
    times[name] = [];
    for (let i = 0; i < 2; i++) once(args);
  }
  for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(CASES)) times[name].push(once(args));
  const base = median(times['node -e 0']);
  const rows = Object.entries(times).map(([name, xs]) => ({
    name,
    medianMs: round(median(xs)),
    minMs: round(Math.min(...xs)),
    maxMs: round(Math.max(...xs)),
    ratio: Math.round((median(xs) / base) * 100) / 100,
  }));
  const lines = [`kubespec start-up: median of ${RUNS} runs each, interleaved (${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}, Node ${process.version})`];
  for (const r of rows) lines.push(`  ${r.name.padEnd(32)} ${String(r.medianMs).padStart(7)} ms  (${r.minMs}–${r.maxMs})  ${r.ratio.toFixed(2)}× node -e 0`);
  process.stdout.write(lines.join('\n') + '\n');
  const out = path.join(ROOT, 'bench', 'results', 'startup.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ runs: RUNS, node: process.version, cpus: os.cpus().length, load: os.loadavg()[0], rows }, null, 2) + '\n');
  const one = rows.find((r) => r.name === 'kubespec run (one spec)')!;
  if (GOAL !== undefined && one.ratio > GOAL) {
    process.stderr.write(`bench:startup: one spec takes ${one.ratio}× node -e 0, over the goal of ${GOAL}×\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();

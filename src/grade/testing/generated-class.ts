// A generated class for grading tests and the benchmark: good, broken and hostile students, for the
// fixture suite (fixtures/submissions/suite), made from a seed so every run grades the same class.
// Good students hand in the course's manifests in the forms students write them (comments, JSON,
// flow style, CRLF, other key orders); broken ones make the mistakes students make; hostile ones
// hand in the corpus of fixtures/hostile and the file kinds a grader must survive, under folder
// names chosen to collide with reports or to forge CI output.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/** The repository: src/grade/testing from the sources, dist/src/grade/testing once compiled. */
function repoRoot(): string {
  for (let d = __dirname; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'fixtures', 'submissions'))) return d;
    if (path.dirname(d) === d) throw new Error('generated class: the fixtures folder was not found');
  }
}
const ROOT = repoRoot();
const PERFECT = path.join(ROOT, 'fixtures', 'submissions', 'students', 'perfect');
const HOSTILE = path.join(ROOT, 'fixtures', 'hostile');

/** The files the fixture suite reads from a submission. */
export const SUITE_FILES = ['nginx-deploy.yaml', 'nginx-svc.yaml', 'replicaset.yaml', 'nginx-recreate.yaml'] as const;
type SuiteFile = (typeof SUITE_FILES)[number];

export type Category = 'good' | 'broken' | 'hostile';

export interface GeneratedStudent {
  /** The folder's name, as grade lists it. */
  name: string;
  category: Category;
  /** What the student did, for test messages. */
  what: string;
}

export interface GeneratedClass {
  root: string;
  students: GeneratedStudent[];
  /** Entries of the class folder that are not students (a file, a hidden folder, a link): no roster row. */
  notStudents: string[];
}

/** mulberry32: a small seeded generator, so a class is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function perfect(file: SuiteFile): string {
  return fs.readFileSync(path.join(PERFECT, file), 'utf8');
}

/** A student's folder: every suite file as the perfect student wrote it, then `change` applied. */
type Change = (dir: string) => void;

const write = (file: string, text: string | Buffer): Change => (dir) => fs.writeFileSync(path.join(dir, file), text);
const edit = (file: SuiteFile, from: string | RegExp, to: string): Change => (dir) => {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`generated class: ${file} has no ${String(from)}`);
  fs.writeFileSync(p, after);
};
const remove = (file: string): Change => (dir) => fs.rmSync(path.join(dir, file), { force: true });
const all = (...changes: Change[]): Change => (dir) => changes.forEach((c) => c(dir));

function asJson(file: SuiteFile): Change {
  // The YAML the perfect student wrote, as JSON (a JSON document is YAML): parsed by the yaml package.
  return (dir) => {
    fs.writeFileSync(path.join(dir, file), JSON.stringify(parse(perfect(file)), null, 2));
  };
}

const GOOD: [string, Change][] = [
  ['the course manifests as they are', () => undefined],
  ['comments and a document start marker', edit('nginx-deploy.yaml', /^/, '# my deployment\n---\n')],
  ['the Deployment as JSON', asJson('nginx-deploy.yaml')],
  ['CRLF line ends', (dir) => SUITE_FILES.forEach((f) => fs.writeFileSync(path.join(dir, f), perfect(f).replace(/\n/g, '\r\n')))],
  ['a UTF-8 byte order mark', edit('nginx-svc.yaml', /^/, '\ufeff')],
  ['image nginx:1.25', edit('nginx-deploy.yaml', 'image: nginx:latest', 'image: nginx:1.25')],
  ['flow style and other key orders', write('replicaset.yaml', '{kind: ReplicaSet, apiVersion: apps/v1, metadata: {name: 3-replicaset}, spec: {replicas: 3, selector: {matchLabels: {app: 3-replicaset}}, template: {metadata: {labels: {app: 3-replicaset}}, spec: {containers: [{name: 3-replicaset, image: nginx}]}}}}\n')],
];

const BROKEN: [string, Change][] = [
  ['three replicas instead of two', edit('nginx-deploy.yaml', 'replicas: 2', 'replicas: 3')],
  ['a busybox image', edit('nginx-deploy.yaml', 'image: nginx:latest', 'image: busybox')],
  ['a selector that does not match the template', edit('nginx-deploy.yaml', /matchLabels:\n(\s+)app: nginx/, 'matchLabels:\n$1app: web')],
  ['a Service port without port (the notes’ mistake)', edit('nginx-svc.yaml', '    - port: 8080\n      targetPort: 80', '    - targetPort: 80')],
  ['nodePort out of range', edit('nginx-svc.yaml', 'nodePort: 30000', 'nodePort: 40000')],
  ['a ReplicaSet without replicas', edit('replicaset.yaml', '  replicas: 3\n', '')],
  ['a Recreate Deployment keeping its rollingUpdate block', edit('nginx-recreate.yaml', '    type: Recreate', '    type: Recreate\n    rollingUpdate:\n      maxSurge: 1')],
  ['a tab in the indentation', edit('nginx-deploy.yaml', '  replicas: 2', '\treplicas: 2')],
  ['a YAML syntax error', edit('nginx-svc.yaml', 'type: NodePort', 'type: NodePort: yes')],
  ['apps/v1beta1, gone since 1.16', edit('nginx-deploy.yaml', 'apiVersion: apps/v1', 'apiVersion: apps/v1beta1')],
  ['a misspelled kind', edit('replicaset.yaml', 'kind: ReplicaSet', 'kind: Replicaset')],
  ['only the Deployment handed in', all(remove('nginx-svc.yaml'), remove('replicaset.yaml'), remove('nginx-recreate.yaml'))],
  ['an empty folder', (dir) => SUITE_FILES.forEach((f) => fs.rmSync(path.join(dir, f)))],
  ['a duplicate key', edit('nginx-deploy.yaml', '  replicas: 2', '  replicas: 2\n  replicas: 2')],
];

/** A corpus manifest (fixtures/hostile) handed in as `file`. */
const corpus = (name: string, file: SuiteFile): Change => (dir) => fs.copyFileSync(path.join(HOSTILE, name), path.join(dir, file));

const HOSTILE_WORK: [string, Change][] = [
  ['an alias fan-out as the Service', corpus('alias-fanout.yaml', 'nginx-svc.yaml')],
  ['40,000 wrong-typed args', corpus('args-40000-numbers.yaml', 'nginx-deploy.yaml')],
  ['5,000 nested lists', corpus('deep-nesting.yaml', 'replicaset.yaml')],
  ['an int64-max grace period', corpus('grace-int64-max.yaml', 'nginx-deploy.yaml')],
  ['a !!set tag', corpus('tag-set.yaml', 'nginx-recreate.yaml')],
  ['workflow commands in strings', corpus('workflow-command.yaml', 'nginx-deploy.yaml')],
  ['5,000 unknown fields', corpus('unknown-fields-5000.yaml', 'replicaset.yaml')],
  ['a billion replicas', edit('replicaset.yaml', 'replicas: 3', 'replicas: 1000000000')],
  ['a named pipe as a manifest', all(remove('nginx-svc.yaml'), (dir) => execFileSync('mkfifo', [path.join(dir, 'nginx-svc.yaml')]))],
  ['a folder named like a manifest', all(remove('replicaset.yaml'), (dir) => fs.mkdirSync(path.join(dir, 'replicaset.yaml')))],
  ['a link out of the submission', all(remove('nginx-deploy.yaml'), (dir) => fs.symlinkSync('/etc/passwd', path.join(dir, 'nginx-deploy.yaml')))],
  ['a file over 1 MiB', write('nginx-recreate.yaml', `# ${'x'.repeat(1100 * 1024)}\n`)],
  ['binary bytes', write('nginx-svc.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 97 + 13) % 256)))],
  ['NUL bytes in YAML', edit('nginx-deploy.yaml', 'nginx-deployment', 'nginx\u0000deployment')],
  ['10,000 documents', write('nginx-svc.yaml', Array.from({ length: 10_000 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}}\n`).join(''))],
  ['a __proto__ key', edit('replicaset.yaml', 'spec:\n  template:', 'spec:\n  __proto__: {polluted: true}\n  template:')],
];

/** How many cases each kind has: a class of 3 × the largest covers every case. */
export const CASE_COUNTS: Record<Category, number> = { good: GOOD.length, broken: BROKEN.length, hostile: HOSTILE_WORK.length };

/** Folder names a grader must keep apart and print harmlessly, given to hostile students in turn. */
const HOSTILE_NAMES = ['roster', 'x', 'x.gradescope', 'students', '::error file=a::forged', '##[add-mask]secret', 'CON', 'Alice', 'alice', '김민수', '=cmd|calc', 'a\nb', '.hidden-not-a-student'];

/** 0..n-1 in a seeded order (Fisher–Yates). */
function shuffled(n: number, rand: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * Make `count` students (a third each good, broken and hostile, cycling through each kind's cases)
 * in a new folder `root`, plus entries that are not students. Same seed, same class.
 */
export function generateClass(root: string, count: number, seed = 1): GeneratedClass {
  const rand = random(seed);
  fs.mkdirSync(root, { recursive: true });
  const students: GeneratedStudent[] = [];
  const kinds: [Category, [string, Change][]][] = [
    ['good', GOOD],
    ['broken', BROKEN],
    ['hostile', HOSTILE_WORK],
  ];
  // Each kind's cases in a seeded order, every case before any repeats.
  const orders = kinds.map(([, cases]) => shuffled(cases.length, rand));
  const used = new Set<string>();
  const names = HOSTILE_NAMES.filter((n) => !n.startsWith('.'));
  for (let i = 0; i < count; i++) {
    const [category, cases] = kinds[i % 3];
    const order = orders[i % 3];
    const [what, change] = cases[order[Math.floor(i / 3) % cases.length]];
    let name = category === 'hostile' && names.length ? names.shift()! : `${category}-${String(i + 1).padStart(3, '0')}`;
    while (used.has(name)) name = `${name}-${i}`;
    used.add(name);
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    for (const f of SUITE_FILES) fs.writeFileSync(path.join(dir, f), perfect(f));
    change(dir);
    students.push({ name, category, what });
  }
  // Not students: a stray file, a hidden folder, a link to a student's folder.
  fs.writeFileSync(path.join(root, 'README.txt'), 'not a student\n');
  fs.mkdirSync(path.join(root, '.hidden-not-a-student'));
  if (students.length) fs.symlinkSync(path.join(root, students[0].name), path.join(root, 'link-to-a-student'));
  return { root, students, notStudents: ['README.txt', '.hidden-not-a-student', 'link-to-a-student'] };
}

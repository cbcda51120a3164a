// The config file: found where a newcomer puts it, its options used as if typed, the command line
// winning over it, and every mistake told at its file:line:column with did-you-mean.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { main, type CliIO } from './index';
import { CONFIG_OPTIONS, configSchema, findConfig, scanArgs } from './config-file';

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-config-'));
  fs.cpSync(path.join(ROOT, 'fixtures/submissions/suite'), path.join(dir, 'specs'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'fixtures/submissions/students/perfect'), path.join(dir, 'work'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'fixtures/submissions/students/incomplete'), path.join(dir, 'incomplete'), { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function kubespec(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, isTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const score = (out: string) => /\nScore: +(\S+)\n/.exec(out)?.[1];

test('kubespec.config.yaml: its options apply, a command section wins over the top, the command line over both', async () => {
  fs.writeFileSync(path.join(dir, 'kubespec.config.yaml'), 'submission: incomplete\ntimings: false\nrun:\n  submission: work\n  reporter: [pretty, json=out/run.json]\n');
  const r = await kubespec(dir, 'run');
  expect(r.stderr).toBe('');
  expect(score(r.stdout)).toBe('12/12');
  expect(r.stdout).toContain('(4/4 pts, 0 ms)');
  expect(fs.existsSync(path.join(dir, 'out', 'run.json'))).toBe(true);
  // The command line wins: another submission, and its reporter replaces the config's list.
  fs.rmSync(path.join(dir, 'out'), { recursive: true });
  const over = await kubespec(dir, 'run', '--submission', 'incomplete', '-r', 'tap');
  expect(over.stdout).toMatch(/^TAP version 14\n/);
  expect(over.stdout).toContain('# Score:  4/12');
  expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  // validate takes the top-level submission (run's section is run's).
  const v = await kubespec(dir, 'validate');
  expect(v.code).toBe(2);
  expect(v.stdout + v.stderr).toContain('nginx-svc.yaml');
});

test('found from a subfolder; "kubespec" in package.json; kubespec.config.json; --config FILE; --no-config', async () => {
  fs.writeFileSync(path.join(dir, 'kubespec.config.json'), JSON.stringify({ paths: ['specs/01-deployment.spec.yaml'], submission: 'work', timings: false }));
  fs.mkdirSync(path.join(dir, 'sub'));
  expect(findConfig(path.join(dir, 'sub'))?.file).toBe(path.join(dir, 'kubespec.config.json'));
  const one = await kubespec(dir, 'run');
  expect(score(one.stdout)).toBe('4/4');
  // Paths on the command line replace the config's.
  expect(score((await kubespec(dir, 'run', 'specs')).stdout)).toBe('12/12');
  fs.rmSync(path.join(dir, 'kubespec.config.json'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'course', kubespec: { submission: 'incomplete', timings: false } }));
  expect(score((await kubespec(dir, 'run')).stdout)).toBe('4/12');
  // A package.json without the key ends the search: a config above it is not this project's.
  fs.writeFileSync(path.join(dir, 'sub', 'package.json'), '{"name":"inner"}');
  expect(findConfig(path.join(dir, 'sub'))).toBeUndefined();
  fs.writeFileSync(path.join(dir, 'other.yaml'), 'submission: work\ntimings: false\n');
  expect(score((await kubespec(dir, 'run', '--config', 'other.yaml')).stdout)).toBe('12/12');
  const none = await kubespec(dir, 'run', '--no-config', '--submission', 'work');
  expect(score(none.stdout)).toBe('12/12');
  const missing = await kubespec(dir, 'run', '--config', 'nope.yaml');
  expect([missing.code, missing.stderr]).toEqual([2, 'kubespec: --config nope.yaml: no such file\n']);
});

test('mistakes are told at their place, with did-you-mean; in Korean with --lang ko or the config’s lang', async () => {
  const cases: [string, string][] = [
    ['submision: work\n', 'kubespec.config.yaml:1:1: unknown option `submision` (did you mean `submission`?)'],
    ['run:\n  seed: -1\n', 'kubespec.config.yaml:2:9: `seed` must be a whole number, found number -1'],
    ['run:\n  strict: true\n', 'kubespec.config.yaml:2:3: unknown option `strict`'],
    ['lang: fr\n', 'kubespec.config.yaml:1:7: `lang` must be en or ko, found string "fr"'],
    ['minScore: lots\n', 'kubespec.config.yaml:1:11: `minScore` must be a number of points or a percentage such as "80%", found string "lots"'],
    ['- a\n', 'kubespec.config.yaml:1:1: the configuration must be a map of options'],
    ['run: [a]\n', 'kubespec.config.yaml:1:6: `run` must be a map of options, found a list'],
    ['seed: 1\nseed: 2\n', 'kubespec: kubespec.config.yaml: invalid YAML: kubespec.config.yaml:2:1: Map keys must be unique'],
  ];
  for (const [text, expected] of cases) {
    fs.writeFileSync(path.join(dir, 'kubespec.config.yaml'), text);
    const r = await kubespec(dir, 'run');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(expected);
    expect(r.stderr.split('\n')).toHaveLength(2);
  }
  fs.writeFileSync(path.join(dir, 'kubespec.config.yaml'), 'run:\n  seed: -1\n');
  expect((await kubespec(dir, 'run', '--lang', 'ko')).stderr).toBe('kubespec: kubespec.config.yaml:2:9: `seed`: 0 이상의 정수만 쓸 수 있어요 (지금 값: -1)\n');
  fs.writeFileSync(path.join(dir, 'kubespec.config.yaml'), 'lang: ko\nsubmission: work\ntimings: false\n');
  const ko = await kubespec(dir, 'run');
  expect(ko.code).toBe(0);
  expect(ko.stdout).toMatch(/[\uac00-\ud7a3]/);
  expect((await kubespec(dir, 'run', '--lang', 'en')).stdout).not.toMatch(/[\uac00-\ud7a3]/);
});

test('reading the command line: the command, the options it sets, whether it names paths', () => {
  expect(scanArgs(['--lang', 'ko', 'run', '-r', 'json', 'specs'])).toMatchObject({ command: 'run', hasPaths: true, options: new Set(['lang', 'reporter']) });
  expect(scanArgs(['run', '--seed', '3', '--bail'])).toMatchObject({ command: 'run', hasPaths: false });
  expect(scanArgs(['run', '--no-timings', 'a.spec.yaml'])).toMatchObject({ hasPaths: true, options: new Set(['timings']) });
  expect(scanArgs(['grade', '--config=x.yaml', '--submissions', 'class'])).toMatchObject({ config: 'x.yaml', hasPaths: false, rest: ['grade', '--submissions', 'class'] });
});

test('every config option is an option of each command it lists; the config schema file is current and describes them', async () => {
  for (const [key, info] of Object.entries(CONFIG_OPTIONS)) {
    if (info.option === 'paths') continue;
    for (const command of info.commands) {
      const help = await kubespec(dir, command, '--help');
      expect([key, command, help.stdout.includes(`--${info.option}`)]).toEqual([key, command, true]);
    }
  }
  const file = path.join(ROOT, 'schema', 'config.schema.json');
  expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(configSchema(), null, 2)}\n`);
  const validate = new Ajv({ strict: false }).compile(configSchema());
  expect(validate({ seed: 1, reporter: ['pretty'], run: { jobs: 2 }, grade: { maxSteps: 100 } })).toBe(true);
  expect(validate({ grade: { strict: true } })).toBe(false);
});

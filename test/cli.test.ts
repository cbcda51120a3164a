// End-to-end tests of the command line: `main(argv, io)` in-process for speed (the runner, reporters
// and validators are the real ones), plus a few spawns of bin/kubespec on the compiled JavaScript.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt } from './build';
import { kubespec, kubespecIn, type Outcome } from './cli-support';
import { commandsIn } from '../src/report/testing/actions-runner';

const ROOT = path.resolve(__dirname, '..');

function json(o: Outcome): any {
  return JSON.parse(o.stdout);
}

const PASS = 'fixtures/cli/pass.spec.yaml';
const FAIL = 'fixtures/cli/fail.spec.yaml';
const BROKEN = 'fixtures/cli/broken.spec.yaml';

describe('usage', () => {
  it('--help lists the commands, examples and exit codes', async () => {
    const r = await kubespec('--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/kubespec run \[paths\.\.\]/);
    expect(r.stdout).toMatch(/kubespec validate \[paths\.\.\]/);
    expect(r.stdout).toMatch(/Examples:\n {2}kubespec run /);
    expect(r.stdout).toMatch(/Exit codes: 0 .*1 some failed,\n2 usage or spec load error, 3 internal error/);
  });

  it('run --help documents every option', async () => {
    const r = await kubespec('run', '--help');
    expect(r.code).toBe(0);
    for (const option of ['--filter', '--seed', '--bail', '--reporter', '--submission', '--min-score', '--jobs', '--shard', '--color', '--timings']) {
      expect(r.stdout).toContain(option);
    }
  });

  it('--version prints the package version', async () => {
    const r = await kubespec('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it.each([
    [['run', '--bogus', PASS], "kubespec: unknown option --bogus (see 'kubespec run --help')\n"],
    [[], "kubespec: give a command: run, validate, grade, files, import or serve (see 'kubespec --help')\n"],
    [['rnu'], "kubespec: unknown command 'rnu'; did you mean 'run'? (see 'kubespec --help')\n"],
    [['run', '--seed'], "kubespec: --seed needs a value (see 'kubespec run --help')\n"],
    [['run', '--seed', 'abc', PASS], "kubespec: --seed abc: expected a whole number (see 'kubespec run --help')\n"],
    [['run', '--shard', '3/2', PASS], "kubespec: --shard 3/2: INDEX must be between 1 and COUNT (COUNT at least 1) (see 'kubespec run --help')\n"],
    [['run', '--min-score', 'lots', PASS], "kubespec: --min-score lots: expected a number of points or a percentage (e.g. 7 or 80%) (see 'kubespec run --help')\n"],
    [['run', '--filter', '/(/', PASS], "kubespec: --filter /(/: not a valid regular expression: missing closing ): `(` (see 'kubespec run --help')\n"],
    [['run', 'specs/nothere.spec.yaml'], 'kubespec: specs/nothere.spec.yaml: no such file or directory (spec path)\n'],
    [['run', '--submission', 'fixtures/cli/nothere', PASS], 'kubespec: --submission fixtures/cli/nothere: no such folder\n'],
    [['validate', 'nothere'], 'kubespec: nothere: no such file or directory (spec path)\n'],
  ])('%j is a usage error: one line, exit 2', async (argv, message) => {
    const r = await kubespec(...argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('an unknown reporter is a usage error naming the known ones', async () => {
    const r = await kubespec('run', PASS, '--reporter', 'fancy');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kubespec: --reporter fancy: unknown reporter "fancy"; known reporters: pretty, json, junit/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe('validate', () => {
  it('prints each problem of a broken spec as file:line:column, exit 2', async () => {
    const r = await kubespec('validate', BROKEN);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`✗ ${BROKEN}\n`);
    expect(r.stdout).toContain(`  ${BROKEN}:3:5: steps[0]: unknown key \`aply\` in a step (did you mean \`apply\`?)\n`);
    expect(r.stdout).toMatch(new RegExp(`  ${BROKEN.replace(/\./g, '\\.')}:6:16: steps\\[0\\]\\.expect\\[0\\]\\.count: `));
    expect(r.stdout).toMatch(/\n2 problems in 1 of 1 spec file\n$/);
  });

  it('accepts the course specs and the failing-on-purpose examples (they fail when run, not when loaded)', async () => {
    const r = await kubespec('validate', 'specs', 'examples/mistakes');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/spec files, \d+ specs: all valid\n$/);
    expect(r.code).toBe(0);
  });

  it('checks the manifests a spec names, in the submission folder first', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-validate-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'x.spec.yaml'),
        ['name: x', 'steps:', '  - apply: [svc.yaml, missing.yaml]', '  - kubectl: apply -f bad.yaml', '  - create: kinds.yaml', ''].join('\n'),
      );
      fs.writeFileSync(path.join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n');
      fs.writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Service\n  metadata: x\n');
      fs.writeFileSync(path.join(dir, 'kinds.yaml'), 'apiVersion: v1\nkind: Deployment\nmetadata: {name: a}\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: b}\n');
      const r = await kubespec('validate', path.join(dir, 'x.spec.yaml'));
      expect(r.code).toBe(2);
      const lines = r.stdout.split('\n').filter((l) => l.startsWith('  '));
      expect(lines).toEqual([
        expect.stringMatching(/x\.spec\.yaml:3:5: steps\[0\]: missing\.yaml: no such file$/),
        expect.stringMatching(/^ {2}\S*kubespec-validate-\w+\/bad\.yaml:2:7: invalid YAML: /),
        expect.stringMatching(/kinds\.yaml:1:1: no matches for kind "Deployment" in version "v1" \(Deployment is apps\/v1\)$/),
        expect.stringMatching(/kinds\.yaml:6:1: kind "PersistentVolumeClaim" is not a kind kubespec's cluster serves$/),
      ]);
      // A submission that has the missing file: only the other problems remain.
      const sub = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-sub-'));
      fs.writeFileSync(path.join(sub, 'missing.yaml'), fs.readFileSync(path.join(dir, 'svc.yaml')));
      const again = await kubespec('validate', path.join(dir, 'x.spec.yaml'), '--submission', sub);
      expect(again.stdout).not.toContain('missing.yaml');
      expect(again.stdout).toMatch(/\n3 problems in 1 of 1 spec file\n$/);
      fs.rmSync(sub, { recursive: true });
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe('validate over a hostile submission', () => {
  let dir: string;
  const SECRET = `TOPSECRET-${process.pid}`;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-validate-hostile-'));
    fs.writeFileSync(path.join(dir, 'x.spec.yaml'), 'name: x\nsteps:\n  - apply: manifests\n');
    fs.mkdirSync(path.join(dir, 'sub', 'manifests'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sub', 'manifests', 'ok.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a symbolic link in a manifest folder that points outside is refused, its target never read', async () => {
    fs.writeFileSync(path.join(dir, 'secret.yaml'), `${SECRET}: [\n`);
    fs.symlinkSync(path.join(dir, 'secret.yaml'), path.join(dir, 'sub', 'manifests', 'link.yaml'));
    const r = await kubespec('validate', path.join(dir, 'x.spec.yaml'), '--submission', path.join(dir, 'sub'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('link.yaml: a symbolic link that points outside its folder is not allowed');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('a FIFO in a manifest folder is a problem at once; a folder named like a manifest is skipped, as apply does', async () => {
    spawnSync('mkfifo', [path.join(dir, 'sub', 'manifests', 'pipe.yaml')]);
    fs.mkdirSync(path.join(dir, 'sub', 'manifests', 'dir.yaml'));
    const r = await kubespec('validate', path.join(dir, 'x.spec.yaml'), '--submission', path.join(dir, 'sub'));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('pipe.yaml: is a named pipe (FIFO), not a regular file');
    expect(r.stdout).not.toContain('dir.yaml');
    expect(r.stdout).toMatch(/\n1 problem in 1 of 1 spec file\n$/);
  });

  it('in a CI log, a student’s file names and YAML run no workflow command', async () => {
    fs.writeFileSync(path.join(dir, 'sub', 'manifests', '##[add-mask]x.yaml'), 'a: [\n');
    fs.writeFileSync(path.join(dir, 'sub', 'manifests', 'y.yaml'), 'kind: "\\r::error::forged"\napiVersion: v1\n');
    const args = ['validate', path.join(dir, 'x.spec.yaml'), '--submission', path.join(dir, 'sub')];
    expect(commandsIn((await kubespec(...args)).stdout)).not.toEqual([]);
    for (const r of [await kubespec(...args, '--ci'), await kubespecIn({ GITHUB_ACTIONS: 'true' }, ...args)]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toContain('add-mask');
      expect(commandsIn(r.stdout + r.stderr)).toEqual([]);
    }
  });
});

describe('run', () => {
  it('exit 0 when every spec passes', async () => {
    const r = await kubespec('run', PASS);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ fixtures/cli/pass.spec.yaml › a ClusterIP Service is created with its port');
    expect(r.stdout).toMatch(/Specs: +2 passed, 2 total/);
    expect(r.code).toBe(0);
  });

  it('exit 1 when a spec fails, with the failing field, where it is written, and the diff', async () => {
    const r = await kubespec('run', PASS, FAIL);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ fixtures/cli/fail.spec.yaml › the Service listens on port 8080 (it listens on 80)');
    expect(r.stdout).toContain('fixtures/cli/fail.spec.yaml:10:9');
    expect(r.stdout).toMatch(/spec\.ports\[0\]\.port: expected 8080, actual 80/);
    expect(r.stdout).toMatch(/Specs: +2 passed, 1 failed, 3 total/);
  });

  it('exit 2 when a spec cannot be loaded, naming file:line:column', async () => {
    const r = await kubespec('run', PASS, BROKEN);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${BROKEN}:3:5`);
  });

  it('the default path is specs/', async () => {
    const r = await kubespec('run', '--filter', 'kubectl get deployments shows', '--reporter', 'json');
    expect(json(r).specs.map((s: any) => s.file)).toEqual(['specs/01-deployment.spec.yaml']);
  });

  it('--reporter json prints the run as one JSON document', async () => {
    const r = await kubespec('run', PASS, FAIL, '--reporter', 'json');
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report).toEqual({
      seed: 1,
      summary: expect.objectContaining({ total: 3, passed: 2, failed: 1, errors: 0, score: 2, maxScore: 3 }),
      specs: [
        expect.objectContaining({ file: PASS, name: 'a ClusterIP Service is created with its port', index: 0, status: 'passed', score: 1, maxScore: 1 }),
        expect.objectContaining({ file: PASS, index: 1, status: 'passed' }),
        expect.objectContaining({ file: FAIL, index: 0, status: 'failed', score: 0, maxScore: 1 }),
      ],
    });
    const failure = report.specs[2].steps[0].failures[0];
    expect(failure).toEqual(
      expect.objectContaining({ kind: 'expect', location: { file: FAIL, line: 10, column: 9 }, message: expect.any(String), diff: expect.stringContaining('8080') }),
    );
  });

  it('--reporter NAME=FILE writes the file; the terminal still gets the other reporters', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-report-'));
    try {
      const file = path.join(dir, 'sub', 'report.json');
      const r = await kubespec('run', PASS, '--reporter', `json=${file}`, '--reporter', 'pretty');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Specs: +2 passed/);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).summary.passed).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('--filter runs only the specs whose name matches (text or /regex/)', async () => {
    const byText = json(await kubespec('run', PASS, FAIL, '--filter', 'three nodes', '-r', 'json'));
    expect(byText.specs.map((s: any) => s.name)).toEqual(["the course's cluster has three nodes"]);
    const byRegex = await kubespec('run', PASS, FAIL, '--filter', '/^the Service/', '-r', 'json');
    expect(json(byRegex).specs.map((s: any) => s.name)).toEqual(['the Service listens on port 8080 (it listens on 80)']);
    expect(byRegex.code).toBe(1);
    const none = await kubespec('run', PASS, '--filter', 'no such spec');
    expect(none).toEqual({ code: 2, stdout: '', stderr: 'kubespec: no spec matches --filter no such spec\n' });
  });

  it('--seed: the same seed gives byte-identical output under --no-timings; another seed other names', async () => {
    const args = ['run', 'fixtures/cli/seeded.spec.yaml', '--no-timings'];
    const a = await kubespec(...args, '--seed', '7', '-r', 'json');
    const b = await kubespec(...args, '--seed', '7', '-r', 'json');
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(json(a).seed).toBe(7);
    const pretty1 = await kubespec(...args, '--seed', '7');
    const pretty2 = await kubespec(...args, '--seed', '7');
    expect(pretty2.stdout).toBe(pretty1.stdout);
    const other = await kubespec(...args, '--seed', '8', '-r', 'json');
    const podNames = (o: Outcome) => json(o).specs[0].steps[1].output.match(/web-\w{5}/g);
    expect(podNames(a)).toHaveLength(2);
    expect(podNames(other)).not.toEqual(podNames(a));
  });

  it('--submission looks manifests up in the student folder first', async () => {
    const spec = 'fixtures/cli/grading/svc.spec.yaml';
    const reference = await kubespec('run', spec);
    expect(reference.code).toBe(0);
    const student = await kubespec('run', spec, '--submission', 'fixtures/cli/submission', '-r', 'json');
    expect(student.code).toBe(1);
    expect(JSON.stringify(json(student).specs[0].steps[0].failures)).toContain('9090');
  });

  it('--min-score decides the exit code by points (or a percentage of them)', async () => {
    expect((await kubespec('run', PASS, FAIL, '--min-score', '2')).code).toBe(0);
    expect((await kubespec('run', PASS, FAIL, '--min-score', '3')).code).toBe(1);
    expect((await kubespec('run', PASS, FAIL, '--min-score', '66%')).code).toBe(0);
    expect((await kubespec('run', PASS, FAIL, '--min-score', '67%')).code).toBe(1);
  });

  it('--shard splits the spec files between machines, each file in exactly one shard', async () => {
    const files = [PASS, FAIL, 'fixtures/cli/seeded.spec.yaml'];
    const shard = async (s: string) => json(await kubespec('run', ...files, '--shard', s, '-r', 'json')).specs.map((x: any) => x.file);
    const one = await shard('1/2');
    const two = await shard('2/2');
    // Files are split in sorted order (the first shard takes the extra file), run in the order given.
    expect(one).toEqual([PASS, PASS, FAIL]);
    expect(two).toEqual(['fixtures/cli/seeded.spec.yaml']);
    const empty = await kubespec('run', PASS, '--shard', '2/2', '-r', 'json');
    expect(empty.code).toBe(0);
    expect(json(empty).specs).toEqual([]);
  });

  it('--jobs runs spec files on worker threads and reports exactly what a serial run does', async () => {
    const args = ['run', PASS, FAIL, 'fixtures/cli/seeded.spec.yaml', '--no-timings', '-r', 'json'];
    const serial = await kubespec(...args);
    const parallel = await kubespec(...args, '--jobs', '2');
    expect(parallel.code).toBe(1);
    expect(parallel.stdout).toBe(serial.stdout);
    // --bail keeps its meaning (the first failing spec in file order ends the run).
    expect(json(await kubespec('run', FAIL, PASS, '--jobs', '2', '--bail', '-r', 'json')).specs.map((x: any) => x.status)).toEqual(['failed']);
  }, 120_000);

  it('--bail stops after the first failing spec', async () => {
    const r = json(await kubespec('run', FAIL, PASS, '--bail', '-r', 'json'));
    expect(r.specs.map((s: any) => s.status)).toEqual(['failed']);
  });

  it('an unexpected error is an internal error: one line and a hint, exit 3, no stack trace', async () => {
    try {
      await internalError();
    } finally {
      jest.dontMock('../src/runner');
    }
  });
});

/** The runner replaced by one that throws what a bug would throw. */
async function internalError(): Promise<void> {
  await jest.isolateModulesAsync(async () => {
    jest.doMock('../src/runner', () => ({
      runSpecs: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'spec')");
      },
    }));
    const cli = (await import('../src/cli')) as typeof import('../src/cli');
    let stderr = '';
    const code = await cli.main(['run', PASS], { stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: ROOT, env: {}, isTTY: false });
    expect(code).toBe(3);
    expect(stderr).toBe(
      "kubespec: internal error: Cannot read properties of undefined (reading 'spec')\n" +
        'This is a bug in kubespec, not in your specs: please report it with the command you ran (KUBESPEC_DEBUG=1 prints the stack trace).\n',
    );
  });
}

describe('in a CI log (GitHub Actions, or --ci), student text runs no workflow command', () => {
  const HOSTILE = 'fixtures/hostile/workflow-command.spec.yaml';

  it('--ci neutralises the pretty reporter as GITHUB_ACTIONS=true does; --no-ci turns it off', async () => {
    const local = await kubespec('run', HOSTILE, '--no-timings');
    // Outside a CI log the text is as the student wrote it: `##[add-mask]` stands in three lines,
    // two of them mid-line, where the legacy form still runs.
    expect(commandsIn(local.stdout)).toEqual(['add-mask', 'add-mask', 'add-mask']);
    for (const ci of [await kubespec('run', HOSTILE, '--no-timings', '--ci'), await kubespecIn({ GITHUB_ACTIONS: 'true' }, 'run', HOSTILE, '--no-timings')]) {
      expect(ci.code).toBe(1);
      expect(commandsIn(ci.stdout + ci.stderr)).toEqual([]);
      expect(ci.stdout.replace(/\u200b/g, '')).toBe(local.stdout);
    }
    const off = await kubespecIn({ GITHUB_ACTIONS: 'true' }, 'run', HOSTILE, '--no-timings', '--no-ci');
    expect(off.stdout).toBe(local.stdout);
  });

  it('the github reporter keeps its own commands next to a neutralised pretty reporter', async () => {
    const r = await kubespec('run', HOSTILE, '--no-timings', '--ci', '-r', 'pretty', '-r', 'github');
    // One annotation for the failing step and the summary notice: nothing forged from the student's text.
    expect(commandsIn(r.stdout)).toEqual(['error', 'notice']);
  });

  it('an error line cannot start a command with a CR (a line end to the runner) or hold ##[', async () => {
    const r = await kubespecIn({ GITHUB_ACTIONS: 'true' }, 'run', 'x\r::error::forged ##[add-mask]y');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kubespec: x .*no such file or directory/);
    expect(commandsIn(r.stderr)).toEqual([]);
  });

  it('grade --submissions: a folder name prints as a student line that runs nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-ci-'));
    try {
      for (const name of ['##[add-mask]12', '::error::x\u2028::warning::y']) fs.mkdirSync(path.join(dir, 'class', name), { recursive: true });
      for (const argv of [['--ci'], []]) {
        const r = await kubespecIn({ GITHUB_ACTIONS: 'true' }, 'grade', 'fixtures/submissions/suite', '--submissions', path.join(dir, 'class'), '--out', path.join(dir, 'out'), ...argv);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('add-mask');
        expect(r.stdout).toContain('\\u2028');
        expect(commandsIn(r.stdout + r.stderr)).toEqual([]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the course', () => {
  it('npx kubespec run specs passes', async () => {
    const r = await kubespec('run', 'specs');
    if (r.code !== 0) throw new Error(`kubespec run specs exited ${r.code}:\n${r.stdout}${r.stderr}`);
    expect(r.stdout).toMatch(/Specs: +\d+ passed, \d+ total/);
  });

  it('the typical mistakes fail, each for its reason', async () => {
    const r = await kubespec('run', 'examples/mistakes', '-r', 'json');
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report.specs.map((s: any) => s.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    const failures = (file: string) =>
      JSON.stringify(report.specs.find((s: any) => s.file === `examples/mistakes/${file}`).steps.flatMap((s: any) => s.failures.map((f: any) => f.message)));
    // The labels render as `map[string]string{"app":"web"}` (older API servers) or `{"app":"web"}`.
    expect(failures('label-mismatch.spec.yaml')).toMatch(/The Deployment \\"nginx-deployment\\" is invalid: spec\.template\.metadata\.labels: Invalid value: .*web.*: `selector` does not match template `labels`/);
    expect(failures('nodeport-out-of-range.spec.yaml')).toContain(
      'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(failures('wrong-targetport.spec.yaml')).toMatch(/request/i);
    expect(failures('selector-mismatch.spec.yaml')).toMatch(/request/i);
  });
});

// ---- a separate process: what must end does end --------------------------------------------

/**
 * kubespec from the TypeScript sources in a child process, killed after `timeoutMs`: a hang (a
 * blocking open or read in the main thread, or a worker thread that cannot be stopped) would
 * freeze Jest itself in-process, where no test timeout can fire.
 */
function spawnKubespec(args: string[], timeoutMs = 60_000) {
  // argv[1] is the script under `node -e`: 'kubespec' stands in for it (cli() reads argv from 2).
  const code = `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'tsconfig.json'))} }); require(${JSON.stringify(path.join(ROOT, 'src', 'cli'))}).cli();`;
  const r = spawnSync(process.execPath, ['-e', code, '--', 'kubespec', ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('never a hang', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-hang-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a report to a named pipe nobody reads: one line, exit 2 (opening it for writing waited forever)', () => {
    const fifo = path.join(dir, 'junit.xml');
    spawnSync('mkfifo', [fifo]);
    const r = spawnKubespec(['run', PASS, '-r', 'pretty', '-r', `junit=${fifo}`], 30_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kubespec: cannot write the report ${fifo}: a named pipe with no reader\n`);
  }, 40_000);

  it('grade --submissions over a class with a FIFO and a folder named like manifests completes, and the process exits', () => {
    const cls = path.join(dir, 'class');
    for (const name of ['alice', 'bob']) fs.cpSync(path.join(ROOT, 'fixtures/submissions/students/perfect'), path.join(cls, name), { recursive: true });
    fs.rmSync(path.join(cls, 'bob', 'replicaset.yaml'));
    spawnSync('mkfifo', [path.join(cls, 'bob', 'replicaset.yaml')]);
    fs.rmSync(path.join(cls, 'bob', 'nginx-svc.yaml'));
    fs.mkdirSync(path.join(cls, 'bob', 'nginx-svc.yaml'));
    const r = spawnKubespec(['grade', 'fixtures/submissions/suite', '--submissions', cls, '--out', path.join(dir, 'out'), '--jobs', '2'], 90_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✓ alice {2}12\/12/);
    expect(r.stdout).toMatch(/✗ bob {2}\d+\/12/);
    const roster = fs.readFileSync(path.join(dir, 'out', 'roster.csv'), 'utf8');
    expect(roster).toMatch(/\nalice,12,12,/);
    expect(roster).toMatch(/\nbob,\d+,12,/);
    const bob = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'students', 'bob', 'report.json'), 'utf8'));
    const messages = JSON.stringify(bob.specs.flatMap((s: any) => s.steps.flatMap((st: any) => st.failures.map((f: any) => f.message))));
    expect(messages).toContain('replicaset.yaml: is a named pipe (FIFO), not a regular file');
    expect(messages).toContain('nginx-svc.yaml');
  }, 100_000);
});

describe('outputs that fail while grading', () => {
  it('a report that cannot be written mid-class is one line and exit 2, not an internal error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-out-'));
    try {
      fs.cpSync(path.join(ROOT, 'fixtures/submissions/students/perfect'), path.join(dir, 'class', 'alice'), { recursive: true });
      // A file where alice's report folder goes: --out itself is fine, so only the write fails.
      fs.mkdirSync(path.join(dir, 'out', 'students'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'out', 'students', 'alice'), 'in the way');
      const r = await kubespec('grade', 'fixtures/submissions/suite/01-deployment.spec.yaml', '--submissions', path.join(dir, 'class'), '--out', path.join(dir, 'out'));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`kubespec: cannot write the report ${path.join(dir, 'out', 'students', 'alice', 'report.json')}: not a directory\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// ---- the real binary ------------------------------------------------------------------------

describe('bin/kubespec', () => {
  beforeAll(ensureBuilt, 180_000);

  const bin = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'kubespec'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('runs specs and sets the exit code', () => {
    const ok = bin(['run', PASS]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const failed = bin(['run', FAIL]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('✗ fixtures/cli/fail.spec.yaml');
  });

  it('prints usage errors as one line with exit 2', () => {
    const r = bin(['run', '--nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("kubespec: unknown option --nope (see 'kubespec run --help')\n");
  });

  it('says to build when dist/ is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-bin-'));
    try {
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.copyFileSync(path.join(ROOT, 'bin', 'kubespec'), path.join(dir, 'bin', 'kubespec'));
      const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'kubespec'), '--help'], { encoding: 'utf8' });
      expect(r.status).toBe(3);
      expect(r.stderr).toBe(`kubespec: not built yet: run \`npm run build\` in ${dir} first\n`);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

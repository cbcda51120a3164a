// The command line in Korean: --help (snapshots, reviewed for natural Korean), usage errors, spec
// load errors, the language chosen from LANG and overridden by --lang, and grading on worker
// threads, whose results are made in the parent's language.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubespec, kubespecIn } from './cli-support';

const PASS = 'fixtures/cli/pass.spec.yaml';
const BROKEN = 'fixtures/cli/broken.spec.yaml';
const HANGUL = /[\uac00-\ud7a3]/;

describe('--help in Korean', () => {
  it('kubespec --help --lang ko', async () => {
    const r = await kubespec('--help', '--lang', 'ko');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchSnapshot();
  });

  it('kubespec run --help --lang ko', async () => {
    const r = await kubespec('run', '--help', '--lang', 'ko');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });

  it("has none of yargs' English labels, and English help stays English after it", async () => {
    for (const argv of [['--help'], ['run', '--help'], ['grade', '--help'], ['validate', '--help'], ['files', '--help'], ['serve', '--help']]) {
      const ko = await kubespec(...argv, '--lang', 'ko');
      for (const label of ['Commands:', 'Options:', 'Examples:', 'Positionals:', '[boolean]', '[string]', '[array]', '[number]', 'default:', 'Show help', 'Show version number']) {
        expect(ko.stdout).not.toContain(label);
      }
      const en = await kubespec(...argv);
      expect(en.stdout).not.toMatch(HANGUL);
      expect(en.stdout).toContain('Options:');
      expect(en.stdout).toContain('Show help');
    }
  });
});

describe('usage errors in Korean', () => {
  it.each([
    [['run', '--bogus', PASS], "kubespec: 알 수 없는 옵션이에요: --bogus (도움말: 'kubespec run --help')\n"],
    [[], "kubespec: 명령을 지정하세요: run, validate, grade, files, import, serve (도움말: 'kubespec --help')\n"],
    [['rnu'], "kubespec: 알 수 없는 명령이에요: 'rnu' (혹시 'run' 명령인가요?) (도움말: 'kubespec --help')\n"],
    [['run', '--seed'], "kubespec: --seed 옵션에 값을 지정하세요 (도움말: 'kubespec run --help')\n"],
    [['run', '--shard', '3/2', PASS], "kubespec: --shard 3/2: INDEX는 1부터 COUNT 사이여야 해요 (COUNT는 1 이상) (도움말: 'kubespec run --help')\n"],
    [['run', '--min-score', 'lots', PASS], "kubespec: --min-score lots: 점수나 백분율을 쓰세요 (예: 7 또는 80%) (도움말: 'kubespec run --help')\n"],
    [['run', 'specs/nothere.spec.yaml'], 'kubespec: specs/nothere.spec.yaml: 그런 파일이나 폴더가 없어요 (스펙 경로)\n'],
    [['grade', '--submission', '.', '--submissions', '.'], "kubespec: --submission과 --submissions는 함께 쓸 수 없어요 (도움말: 'kubespec grade --help')\n"],
    [['serve', '--port', '70000'], "kubespec: --port는 0부터 65535 사이의 정수여야 해요 (받은 값: 70000) (도움말: 'kubespec serve --help')\n"],
  ])('%j', async (argv, message) => {
    const r = await kubespec('--lang', 'ko', ...argv);
    expect(r).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('a --lang kubespec does not have is said in the locale\'s language', async () => {
    expect(await kubespecIn({ LANG: 'ko_KR.UTF-8' }, '--lang', 'fr', 'run', PASS)).toEqual({
      code: 2,
      stdout: '',
      stderr: "kubespec: --lang fr: en 또는 ko 중 하나를 지정하세요 (도움말: 'kubespec run --help')\n",
    });
  });

  it('a --lang kubespec does not have is an English usage error (no language to say it in)', async () => {
    expect(await kubespec('--lang', 'fr', 'run', PASS)).toEqual({ code: 2, stdout: '', stderr: "kubespec: --lang fr: expected en or ko (see 'kubespec run --help')\n" });
  });
});

describe('spec load errors in Korean', () => {
  it('validate: positions unchanged, the problem and its did-you-mean in Korean', async () => {
    const r = await kubespec('validate', BROKEN, '--lang', 'ko');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`✗ ${BROKEN}\n`);
    expect(r.stdout).toContain(`  ${BROKEN}:3:5: steps[0]: 단계에는 \`aply\` 키가 없어요 (혹시 \`apply\`인가요?)\n`);
    expect(r.stdout).toMatch(new RegExp(`  ${BROKEN.replace(/\./g, '\\.')}:6:16: steps\\[0\\]\\.expect\\[0\\]\\.count: 값의 형식이 맞지 않아요 \\(지금 값: 텍스트 "many"\\) \\(필요한 형식: 숫자, 또는 \`\\{ min: N, max: M \\}\`\\)\n`));
    expect(r.stdout).toMatch(/\n스펙 파일 1개 중 1개에 문제 2개\n$/);
  });

  it('run: the load error is reported in Korean at the same place', async () => {
    const r = await kubespec('run', BROKEN, '--lang', 'ko', '--no-timings');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`    steps[0]: 단계에는 \`aply\` 키가 없어요\n    위치: ${BROKEN}:3:5\n    힌트: 혹시 \`apply\`인가요?\n`);
  });

  it('a spec file that is not YAML', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-lang-'));
    const file = path.join(dir, 'bad.spec.yaml');
    fs.writeFileSync(file, 'name: x\nsteps:\n  - apply: a.yaml\n    expect: [\n');
    const r = await kubespec('validate', file, '--lang', 'ko');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/bad\.spec\.yaml:5:1: YAML 형식이 잘못됐어요: Flow sequence in block collection/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('validate --strict, files and grade --list-files in Korean', () => {
  const SUITE = 'fixtures/submissions/suite';

  it('a step a student could pass by shortcut: the warning and the count', async () => {
    const r = await kubespec('validate', SUITE, '--submission', 'fixtures/submissions/students/perfect', '--strict', '--lang', 'ko');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '  경고: fixtures/submissions/suite/03-replicaset.spec.yaml:12:9: steps[0]: 레이블로 고른 Pod 객체는 학생이 직접 만든 것일 수도 있어요 (소유자 없는 Pod, 또는 과제가 요구한 객체와 따로 만든 것). 소유자를 고정하려면 이 검사 항목이나 ReplicaSet 검사 항목에 ownedBy: { kind: ReplicaSet, name: ... } 설정을 넣으세요 (docs/grading.md 참고)\n',
    );
    expect(r.stdout).toMatch(/\n스펙 파일 4개, 스펙 4개: 모두 올발라요\n경고 1개 \(--strict\): 학생이 편법으로 통과할 수 있는 단계\n$/);
  });

  it('what students hand in, and a spec file that does not load', async () => {
    const r = await kubespec('grade', '--list-files', 'fixtures/cli', '--lang', 'ko');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('  a ClusterIP Service is created with its port: (제출물에서 읽는 파일 없음)\n');
    expect(r.stdout).toContain('\n제출할 파일: svc.yaml\n');
    expect(r.stdout).toContain('목록에서 빠짐: fixtures/cli/broken.spec.yaml 파일을 불러오지 못했어요 (이유는 kubespec validate fixtures/cli/broken.spec.yaml로 확인하세요)\n');
  });
});

describe('the language from the locale', () => {
  const ERROR = ['run', '--bogus', PASS];

  it('LANG=ko_KR.UTF-8 selects Korean', async () => {
    const r = await kubespecIn({ LANG: 'ko_KR.UTF-8' }, ...ERROR);
    expect(r.stderr).toBe("kubespec: 알 수 없는 옵션이에요: --bogus (도움말: 'kubespec run --help')\n");
    expect((await kubespecIn({ LANG: 'ko_KR.UTF-8' }, '--help')).stdout).toContain('옵션:\n');
  });

  it('--lang en overrides it, byte for byte the English', async () => {
    expect(await kubespecIn({ LANG: 'ko_KR.UTF-8' }, ...ERROR, '--lang', 'en')).toEqual(await kubespec(...ERROR));
    expect(await kubespecIn({ LC_ALL: 'ko_KR.UTF-8' }, '--lang=en', '--help')).toEqual(await kubespec('--help'));
  });
});

describe('grade --submissions --lang ko', () => {
  it("workers make their results in Korean: each student's report and the class lines", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-lang-grade-'));
    try {
      const r = await kubespec('grade', 'fixtures/submissions/suite', '--submissions', 'fixtures/submissions/students', '--out', out, '--jobs', '2', '--no-timings', '--lang', 'ko');
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^✗ mistakes {2}6\/12 \(50%\) {2}통과 1, 실패 3$/m);
      expect(r.stdout).toContain('\n학생: 4명 채점\n');
      // The failure messages are made by the runner on a worker thread.
      const report = JSON.parse(fs.readFileSync(path.join(out, 'students', 'mistakes', 'report.json'), 'utf8'));
      const messages: string[] = report.specs.flatMap((s: any) => s.steps.flatMap((st: any) => (st.failures ?? []).map((f: any) => f.message as string)));
      expect(messages.some((m) => /불일치/.test(m))).toBe(true);
      // roster.csv's headers are for tools: the same in every language.
      expect(fs.readFileSync(path.join(out, 'roster.csv'), 'utf8').split('\r\n')[0]).toBe('\ufeffstudent,score,maxScore,percent,passed,failed,errors,skipped');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

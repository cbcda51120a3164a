// `--lang ko`: a failing run's report in Korean, compared with the reviewed text in test/lang/
// (ko.txt, ko.junit.xml; UPDATE_FIXTURES=1 rewrites them), chosen by the locale as well, the same
// bytes every time; and no English sentence of kubespec's own left in a Korean run, while
// Kubernetes' own words stay English. See test/lang/README.md for the student's mistakes.
import * as fs from 'fs';
import * as path from 'path';
import { kubespec, kubespecIn } from './cli-support';
import { catalogues } from '../src/i18n/catalogue';
import { setLang, type Params } from '../src/i18n';
import { loadSpecFile } from '../src/spec/loader';

const ROOT = path.resolve(__dirname, '..');
const SUITE = 'test/lang/course.spec.yaml';
const STUDENT = 'test/lang/student';
const HANGUL = /[\uac00-\ud7a3]/;

/** The committed text, or (UPDATE_FIXTURES=1) the text written there. */
function expectFixture(name: string, text: string): void {
  const file = path.join(__dirname, 'lang', name);
  if (process.env.UPDATE_FIXTURES === '1') fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

const run = (...extra: string[]) => kubespec('run', SUITE, '--submission', STUDENT, '--no-timings', '--lang', 'ko', ...extra);

afterAll(() => setLang('en'));

describe('a failing run in Korean', () => {
  test('the pretty report is test/lang/ko.txt, and the same bytes on a second run', async () => {
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expectFixture('ko.txt', r.stdout);
    expect((await run()).stdout).toBe(r.stdout);
  });

  test("the typical mistakes of examples/mistakes in Korean (test/lang/mistakes.ko.txt): requests' failures worded and hinted", async () => {
    const r = await kubespec('run', 'examples/mistakes', '--no-timings', '--lang', 'ko');
    expect(r.code).toBe(1);
    expectFixture('mistakes.ko.txt', r.stdout);
    expect(r.stdout).toContain('힌트: Service의 targetPort가 컨테이너가 실제로 여는 포트(containerPort)와 같은지 확인하세요.');
    expect(r.stdout).toContain('힌트: Service의 selector가 Pod의 레이블과 맞는지 확인하세요.');
  });

  test('the JUnit report keeps its structure; its text is Korean (test/lang/ko.junit.xml)', async () => {
    const r = await run('-r', 'junit');
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="kubespec" tests="11" failures="9" errors="0" skipped="2"/);
    expectFixture('ko.junit.xml', r.stdout);
  });

  test('the JSON, Gradescope and Classroom reports keep their keys, numbers and statuses; only their text follows the language', async () => {
    /** The document with every string replaced by its type: what must not change with the language. */
    const shape = (v: unknown): unknown =>
      typeof v === 'string' ? 'string' : Array.isArray(v) ? v.map(shape) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : v;
    const decodeClassroom = (out: string) => JSON.parse(Buffer.from(out.trim().replace(/^result=/, ''), 'base64').toString('utf8')) as unknown;
    for (const [reporter, read] of [
      ['json', JSON.parse],
      ['gradescope', JSON.parse],
      ['classroom', decodeClassroom],
    ] as [string, (s: string) => unknown][]) {
      const en = read((await kubespec('run', SUITE, '--submission', STUDENT, '--no-timings', '-r', reporter)).stdout);
      const ko = read((await run('-r', reporter)).stdout);
      expect(shape(ko)).toEqual(shape(en));
      expect(JSON.stringify(ko)).toMatch(HANGUL);
      expect(JSON.stringify(en)).not.toMatch(HANGUL);
    }
  });

  test('LANG, LC_MESSAGES or LC_ALL starting with ko choose Korean as --lang ko does; LC_ALL=C English', async () => {
    const ko = (await run()).stdout;
    const args = ['run', SUITE, '--submission', STUDENT, '--no-timings'];
    expect((await kubespecIn({ LANG: 'ko_KR.UTF-8' }, ...args)).stdout).toBe(ko);
    expect((await kubespecIn({ LC_MESSAGES: 'ko_KR', LANG: 'en_US.UTF-8' }, ...args)).stdout).toBe(ko);
    expect((await kubespecIn({ LC_ALL: 'ko', LANG: 'en_US.UTF-8' }, ...args)).stdout).toBe(ko);
    expect((await kubespecIn({ LC_ALL: 'C', LANG: 'ko_KR.UTF-8' }, ...args)).stdout).not.toMatch(HANGUL);
  });

  test('English after Korean is English, with no Korean hint under Kubernetes\' words', async () => {
    await run();
    const en = await kubespec('run', SUITE, '--submission', STUDENT, '--no-timings');
    expect(en.stdout).not.toMatch(HANGUL);
    expect(en.stdout).toContain('expected 3 Pods with selector app=nginx, found 1');
    expect(en.stdout).toContain('(skipped: replicaset.yaml did not apply (see above))');
  });

  test("Kubernetes' own words stay English, each common one followed by a Korean hint", async () => {
    const out = (await run()).stdout;
    // The API server's and kubectl's messages, word for word...
    expect(out).toContain('Error from server (BadRequest): error when creating "replicaset.yaml": ReplicaSet in version "v1" cannot be handled as a ReplicaSet: strict decoding error: unknown field "spec.replica"');
    expect(out).toContain('error: error parsing nginx-svc.yaml: error converting YAML to JSON: yaml: line 12: found character that cannot start any token');
    expect(out).toContain('Error from server (NotFound): pods "nope" not found');
    // ...and the kubelet's reason, with what it means.
    expect(out).toMatch(/실제값 "ImagePullBackOff"\n +힌트: 컨테이너 이미지를 받을 수 없어요/);
    expect(out).toMatch(/yaml: line 12: found character that cannot start any token \(영향: 스펙 1개, 단계 2개\)\n +힌트: 매니페스트 12번째 줄/);
  });

  test("no English of kubespec's own: no catalogue message's English words in the Korean report", async () => {
    const out = [(await run()).stdout, (await run('-r', 'junit')).stdout, (await run('-r', 'tap')).stdout, (await run('-r', 'gradescope')).stdout].join('\n');
    const anyParams = new Proxy({}, { get: () => '\u0000', has: () => true }) as Params;
    const leftovers: string[] = [];
    for (const [area, catalogue] of Object.entries(catalogues)) {
      if (area !== 'report' && area !== 'spec' && area !== 'runner') continue;
      for (const [key, message] of Object.entries(catalogue)) {
        const en = typeof message.en === 'function' ? message.en(anyParams) : message.en.replace(/\{[A-Za-z_]\w*\}/g, '\u0000');
        // Each run of words between placeholders long enough to be a phrase of kubespec's own.
        for (const piece of en.split('\u0000')) {
          const phrase = piece.trim();
          if (/^[A-Za-z][\w' -]*[a-z] [a-z][\w' -]*[a-z]$/.test(phrase) && phrase.length >= 10 && out.includes(phrase)) leftovers.push(`${area}.${key}: ${phrase}`);
        }
      }
    }
    expect(leftovers).toEqual([]);
    // The reports' labels (TAP's `maxScore:` and JSON's keys are structure, not words).
    for (const word of [/\bSpecs:/, /\bSteps:/, /\bScore:/, /\bProblems:/, /\bSelected:/, /\bMismatches:/, /\bhint:/, /\bskipped:/, / pts\b/, /did not apply/, /\bexpected /, /, actual /, /more steps/]) {
      expect(out).not.toMatch(word);
    }
  });
});

describe('the course suite in Korean', () => {
  test("every line of `run specs --lang ko --verbose` is Korean once the specs' own names are taken out", async () => {
    const r = await kubespec('run', 'specs', '--lang', 'ko', '--no-timings', '--verbose');
    expect(r.code).toBe(0);
    // The names the spec author wrote (and the default step names, in Korean, as a Korean run has them).
    setLang('ko');
    const names = new Set<string>();
    for (const file of fs.readdirSync(path.join(ROOT, 'specs')).filter((f) => f.endsWith('.spec.yaml'))) {
      const loaded = loadSpecFile(path.join(ROOT, 'specs', file), `specs/${file}`);
      for (const doc of loaded.documents) {
        if (!doc.ok) continue;
        names.add(doc.spec.name);
        for (const step of doc.spec.steps) names.add(step.name);
      }
    }
    setLang('en');
    const longestFirst = [...names].sort((a, b) => b.length - a.length);
    const english: string[] = [];
    for (const line of r.stdout.split('\n')) {
      let rest = line;
      for (const n of longestFirst) rest = rest.split(n).join('');
      rest = rest.replace(/\S+\.ya?ml/g, '').replace(/\d+ ms/g, '');
      if (/[A-Za-z]{2,}/.test(rest)) english.push(line);
    }
    expect(english).toEqual([]);
    expect(r.stdout).toMatch(/\n스펙: {2}통과 \d+, 전체 \d+\n단계: {2}통과 \d+, 전체 \d+\n점수: {2}(\d+)\/\1\n시간: {2}0 ms \(엔진 0 ms\)\n$/);
  });
});

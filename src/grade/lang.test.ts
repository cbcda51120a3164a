// The language of kubespec's text reaches the worker threads that run specs: a worker's module
// state starts in English, so the parent sends its language (--lang or the locale) with each task.
import * as fs from 'fs';
import * as path from 'path';
import { getLang, setLang } from '../i18n';
import { executeTasks } from './execute';
import { GOOD, STUB_SUITE, tempDir, writeTree } from './testing/suite';

const LANG_RUNNER = require.resolve('./testing/lang-runner');

describe('workers and the language', () => {
  let dir: string;
  const before = getLang();
  beforeAll(() => {
    dir = tempDir();
    writeTree(dir, { ...STUB_SUITE, 'alice/deploy.yaml': GOOD });
  });
  afterAll(() => {
    setLang(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['ko', 'en'] as const)('a task run on a worker is run in the parent\'s language (%s)', async (lang) => {
    setLang(lang);
    const task = { files: [path.join(dir, 'suite/01-deploy.spec.yaml')], options: { submission: path.join(dir, 'alice') } };
    const [result] = await executeTasks([task], { jobs: 1, workers: true, runnerModule: LANG_RUNNER, workerLimits: { startupTimeoutMs: 60_000 } });
    expect(result.specs.length).toBeGreaterThan(0);
    for (const s of result.specs) expect(s.name).toMatch(new RegExp(` \\[${lang}\\]$`));
  }, 90_000);
});

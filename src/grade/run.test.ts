import * as fs from 'fs';
import * as path from 'path';
import { runSharded } from './run';
import { runSpecs as stubRun } from './testing/stub-runner';
import { GOOD, STUB_RUNNER, STUB_SUITE, tempDir, timeless, writeTree } from './testing/suite';

describe('runSharded (kubespec run --jobs / --shard)', () => {
  let dir: string;
  const home = process.cwd();
  beforeAll(() => {
    dir = tempDir();
    process.chdir(dir);
    writeTree(dir, { ...STUB_SUITE, 'sub/deploy.yaml': GOOD, 'sub/rs.yaml': GOOD });
  });
  afterAll(() => {
    process.chdir(home);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const paths = ['suite/nested', 'suite/02-svc.spec.yaml', 'suite'];

  it('with workers gives what one serial run of the runner gives, in its order', async () => {
    const serial = await stubRun(['suite/nested/03-rs.spec.yaml', 'suite/02-svc.spec.yaml', 'suite/01-deploy.spec.yaml'], { submission: path.join(dir, 'sub') });
    const streamed: string[] = [];
    const parallel = await runSharded(paths, { submission: path.join(dir, 'sub'), jobs: 2, runnerModule: STUB_RUNNER, onSpecResult: (s) => streamed.push(s.name) });
    expect(timeless(parallel).specs).toEqual(timeless(serial).specs);
    expect(streamed).toEqual(['rs', 'rs again', 'svc', 'deploy']);
    expect(parallel.summary).toEqual(expect.objectContaining({ total: 4, score: serial.summary.score, maxScore: 10 }));
  }, 60_000);

  it('shards cover every spec file exactly once', async () => {
    const names: string[][] = [];
    for (let index = 1; index <= 3; index++) {
      const r = await runSharded(paths, { submission: path.join(dir, 'sub'), shard: { index, count: 3 }, run: stubRun });
      names.push([...new Set(r.specs.map((s) => s.file))]);
    }
    expect(names).toEqual([['suite/01-deploy.spec.yaml'], ['suite/02-svc.spec.yaml'], ['suite/nested/03-rs.spec.yaml']]);
  });

  it('--bail keeps one task, so the runner stops where a serial run stops', async () => {
    const calls: string[][] = [];
    const run = (files: string[], opts: Parameters<typeof stubRun>[1]) => {
      calls.push(files);
      return stubRun(files, opts);
    };
    await runSharded(['suite'], { bail: true, run, jobs: 4 });
    expect(calls).toEqual([['suite/01-deploy.spec.yaml', 'suite/02-svc.spec.yaml', 'suite/nested/03-rs.spec.yaml']]);
  });
});

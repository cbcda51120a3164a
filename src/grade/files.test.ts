import * as fs from 'fs';
import * as path from 'path';
import { listSpecFiles, listSubmissions, specFilesFor } from './files';
import { STUB_SUITE, tempDir, writeTree } from './testing/suite';

describe('listing spec files and submissions', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeTree(dir, { ...STUB_SUITE, 'suite/.hidden/x.spec.yaml': 'x', 'suite/b.spec.yml': 'x', 'class/zoe/a.yaml': '', 'class/Bob/a.yaml': '', 'class/.git/x': '', 'class/notes.txt': '' });
    fs.symlinkSync(path.join(dir, 'class/zoe'), path.join(dir, 'class/link-to-zoe'));
    fs.symlinkSync(path.join(dir, 'suite/nested'), path.join(dir, 'suite/link'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes spec files in the order the runner runs them: missing paths first, then each path given, folders sorted', () => {
    expect(listSpecFiles(['suite/nested', 'missing', 'suite', 'suite/01-deploy.spec.yaml'], dir)).toEqual([
      'missing',
      path.join('suite', 'nested', '03-rs.spec.yaml'),
      path.join('suite', '01-deploy.spec.yaml'),
      path.join('suite', '02-svc.spec.yaml'),
      path.join('suite', 'b.spec.yml'),
    ]);
    expect(listSpecFiles(['suite/not-a-spec.yaml'], dir)).toEqual(['suite/not-a-spec.yaml']);
  });

  it('with a shard, keeps that shard of the sorted files, still in run order', () => {
    const all = specFilesFor(['suite/nested', 'suite'], dir);
    const shards = [1, 2].map((index) => specFilesFor(['suite/nested', 'suite'], dir, { index, count: 2 }));
    expect(shards).toEqual([
      [path.join('suite', '01-deploy.spec.yaml'), path.join('suite', '02-svc.spec.yaml')],
      [path.join('suite', 'nested', '03-rs.spec.yaml'), path.join('suite', 'b.spec.yml')],
    ]);
    expect(shards.flat().sort()).toEqual([...all].sort());
  });

  it('lists real student folders in code-unit order', () => {
    expect(listSubmissions(path.join(dir, 'class')).map((s) => s.student)).toEqual(['Bob', 'zoe']);
    expect(listSubmissions(path.join(dir, 'class'))[0].dir).toBe(path.join(dir, 'class', 'Bob'));
  });
});

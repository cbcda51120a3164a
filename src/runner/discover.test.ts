// Spec discovery over a folder: every file named like a spec is listed for the loader, which reads
// regular files only, so a named pipe (or a link to one) named x.spec.yaml is a load error that
// says what it is, rather than a spec that silently vanished from the suite (or a read that hangs).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discoverSpecFiles } from './discover';
import { runSpecs } from '.';

jest.setTimeout(30_000);

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-discover-')));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a FIFO named like a spec, and a link to one, are listed and fail to load; folders are walked', async () => {
  fs.writeFileSync(path.join(dir, 'a.spec.yaml'), 'name: a\nsteps:\n  - wait: 1s\n');
  execFileSync('mkfifo', [path.join(dir, 'b.spec.yaml')]);
  fs.symlinkSync(path.join(dir, 'b.spec.yaml'), path.join(dir, 'c.spec.yaml'));
  fs.mkdirSync(path.join(dir, 'd.spec.yaml'));
  fs.writeFileSync(path.join(dir, 'd.spec.yaml', 'e.spec.yaml'), 'name: e\nsteps:\n  - wait: 1s\n');
  const found = discoverSpecFiles([dir]).files.map((f) => path.relative(dir, f.absolute));
  expect(found).toEqual(['a.spec.yaml', 'b.spec.yaml', 'c.spec.yaml', path.join('d.spec.yaml', 'e.spec.yaml')]);
  const result = await runSpecs([dir]);
  expect(result.specs.map((s) => [path.basename(s.file), s.status])).toEqual([
    ['a.spec.yaml', 'passed'],
    ['b.spec.yaml', 'error'],
    ['c.spec.yaml', 'error'],
    ['e.spec.yaml', 'passed'],
  ]);
  expect(result.specs[1].error?.message).toContain('is a named pipe (FIFO), not a regular file');
  expect(result.specs[2].error?.message).toContain('is a named pipe (FIFO), not a regular file');
});

test('links to folders are not followed (no loops), and a dangling link is left out', () => {
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'a.spec.yaml'), 'name: a\nsteps: []\n');
  fs.symlinkSync(dir, path.join(dir, 'sub', 'loop.spec.yaml'));
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'sub', 'gone.spec.yaml'));
  expect(discoverSpecFiles([dir]).files.map((f) => path.relative(dir, f.absolute))).toEqual([path.join('sub', 'a.spec.yaml')]);
});

// makeFolder: mkdir -p that fails fast where Node's recursive mkdir hangs (/proc/x) or misleads.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeFolder } from './folders';

test('creates missing parents, accepts an existing folder, refuses a file in the way', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-folders-'));
  makeFolder(path.join(dir, 'a', 'b', 'c'));
  expect(fs.statSync(path.join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
  makeFolder(path.join(dir, 'a'));
  fs.writeFileSync(path.join(dir, 'file'), 'x');
  expect(() => makeFolder(path.join(dir, 'file', 'sub'))).toThrow(/ENOTDIR/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('/proc/x fails at once (Node’s recursive mkdirSync never returns there)', () => {
  if (!fs.existsSync('/proc/self')) return; // not Linux: nothing to check
  expect(() => makeFolder('/proc/x')).toThrow(/ENOENT|EACCES|EPERM/);
});

// Reading untrusted files: regular files only and bounded, and never blocking (a FIFO named like
// a manifest hung `run` forever and left `grade` with a worker it could not stop).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { FileAccessError, readLimited, resolveInside } from './files';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (name: string, max = 1024) => readLimited(resolveInside([dir], name), max);

test('a FIFO is refused at once, not read (which would block forever)', () => {
  execFileSync('mkfifo', [path.join(dir, 'nginx-deploy.yaml')]);
  expect(() => read('nginx-deploy.yaml')).toThrow(new FileAccessError('nginx-deploy.yaml: is a named pipe (FIFO), not a regular file'));
});

test('a socket named like a manifest is refused without connecting to it', async () => {
  const sock = path.join(dir, 'svc.yaml');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(sock, resolve));
  try {
    expect(() => read('svc.yaml')).toThrow(new FileAccessError('svc.yaml: is a socket, not a regular file'));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a directory named like a manifest is refused', () => {
  fs.mkdirSync(path.join(dir, 'sub.yaml'));
  expect(() => read('sub.yaml')).toThrow('sub.yaml: is a directory, not a file');
});

test('regular files read whole up to the limit, and not past it', () => {
  fs.writeFileSync(path.join(dir, 'ok.yaml'), 'a: 1\n');
  expect(read('ok.yaml')).toBe('a: 1\n');
  fs.writeFileSync(path.join(dir, 'big.yaml'), 'x'.repeat(2000));
  expect(() => read('big.yaml')).toThrow('big.yaml: file is 2000 bytes, larger than the limit of 1024 bytes');
  fs.writeFileSync(path.join(dir, 'exact.yaml'), 'y'.repeat(1024));
  expect(read('exact.yaml')).toHaveLength(1024);
});

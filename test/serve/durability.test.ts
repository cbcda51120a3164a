// `kubespec serve` as a process (the compiled bin/kubespec): the banner and kubeconfig, a clean
// exit 0 on SIGTERM, the bind-address rules, and --data surviving `kill -9` in the middle of a
// stream of writes: every write that was acknowledged is there after the restart.
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { main, type CliIO } from '../../src/cli';
import { ensureBuilt } from '../build';
import { ROOT } from './support';

jest.setTimeout(120_000);

beforeAll(ensureBuilt, 300_000);

interface Running {
  child: ChildProcess;
  kubeconfig: string;
  url: string;
  banner: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start bin/kubespec serve and wait for its banner (one line on stdout). */
function serve(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kubespec'), 'serve', '--port', '0', '--no-nodeports', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (t: Buffer) => (stderr += t.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (t: Buffer) => {
      stdout += t.toString();
      const m = /^export KUBECONFIG=(\S+) {2}# kubespec serve on (\S+) /.exec(stdout);
      if (m && stdout.includes('\n')) resolve({ child, kubeconfig: m[1], url: m[2], banner: stdout, stderr: () => stderr, exited });
    });
    void exited.then(({ code }) => reject(new Error(`kubespec serve exited ${code} before its banner:\n${stderr}`)));
  });
}

interface Client {
  request(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: any }>;
}

function clientFor(kubeconfigFile: string): Client {
  const kc = parse(fs.readFileSync(kubeconfigFile, 'utf8'));
  const server: string = kc.clusters[0].cluster.server;
  const ca = Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString();
  const token: string = kc.users[0].user.token;
  const agent = new https.Agent({ keepAlive: true, ca });
  return {
    request: (method, urlPath, body) =>
      new Promise((resolve, reject) => {
        const u = new URL(urlPath, server);
        const req = https.request(u, { method, agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (res) => {
          let text = '';
          res.on('data', (t: Buffer) => (text += t.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
          res.on('error', reject);
        });
        req.on('error', reject);
        if (body !== undefined) req.write(JSON.stringify(body));
        req.end();
      }),
  };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-serve-'));
}

test('banner, kubeconfig with the kubespec context, /readyz, and exit 0 on SIGTERM', async () => {
  const s = await serve([]);
  expect(s.banner).toMatch(/^export KUBECONFIG=\S+\/kubeconfig {2}# kubespec serve on https:\/\/127\.0\.0\.1:\d+ \(in memory only; Ctrl-C stops it\)\n$/);
  const kc = parse(fs.readFileSync(s.kubeconfig, 'utf8'));
  expect(kc['current-context']).toBe('kubespec');
  expect(kc.contexts[0]).toEqual({ name: 'kubespec', context: { cluster: 'kubespec', user: 'kubespec', namespace: 'default' } });
  expect((fs.statSync(s.kubeconfig).mode & 0o777).toString(8)).toBe('600');
  const c = clientFor(s.kubeconfig);
  expect(await c.request('GET', '/api/v1/namespaces/default')).toMatchObject({ status: 200, body: { kind: 'Namespace' } });
  s.child.kill('SIGTERM');
  expect(await s.exited).toEqual({ code: 0, signal: null });
  expect(s.stderr()).toBe('kubespec serve: stopped\n');
});

test('kill -9 during a stream of writes with --data: every acknowledged write survives the restart', async () => {
  const data = tmp();
  const first = await serve(['--data', data]);
  expect(first.banner).toContain(`(data in ${data}; `);
  const c = clientFor(first.kubeconfig);
  const acknowledged: string[] = [];
  let stop = false;
  // Four writers, each creating namespaces one after another, until the server dies under them.
  const writers = [0, 1, 2, 3].map(async (w) => {
    for (let i = 0; !stop; i++) {
      const name = `w${w}-${i}`;
      try {
        const r = await c.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { writer: String(w) } } });
        if (r.status === 201) acknowledged.push(name);
      } catch {
        return; // the connection died with the server: this write was never acknowledged
      }
    }
  });
  while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
  first.child.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);
  expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

  const second = await serve(['--data', data]);
  // The same kubeconfig (token and CA kept under --data) still works.
  expect(second.kubeconfig).toBe(first.kubeconfig);
  const list = await clientFor(second.kubeconfig).request('GET', '/api/v1/namespaces?labelSelector=writer');
  expect(list.status).toBe(200);
  const names = new Set((list.body.items as { metadata: { name: string } }[]).map((n) => n.metadata.name));
  expect(acknowledged.filter((n) => !names.has(n))).toEqual([]);
  second.child.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
  fs.rmSync(data, { recursive: true, force: true });
});

describe('the command line', () => {
  async function kubespec(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT, env: {}, isTTY: false };
    const code = await main(argv, io);
    return { code, stdout, stderr };
  }

  test('--insecure-http is refused on a non-loopback address', async () => {
    expect(await kubespec('serve', '--insecure-http', '--address', '0.0.0.0')).toEqual({
      code: 2,
      stdout: '',
      stderr: "kubespec: --insecure-http serves plain HTTP, so it is allowed on a loopback address only, not 0.0.0.0: anyone on the network could read the token (see 'kubespec serve --help')\n",
    });
  });

  test('bad values are usage errors', async () => {
    expect(await kubespec('serve', '--port', '70000')).toMatchObject({ code: 2, stderr: "kubespec: --port must be an integer from 0 to 65535, not 70000 (see 'kubespec serve --help')\n" });
    expect(await kubespec('serve', '--speed', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('--speed must be a number above 0') });
    expect(await kubespec('serve', '--nodes', 'Bad_Name')).toMatchObject({ code: 2, stderr: expect.stringContaining('--nodes wants node names') });
    expect(await kubespec('serve', '--apply', 'nope.yaml', '--port', '0')).toMatchObject({ code: 2, stderr: 'kubespec: --apply: nope.yaml does not exist\n' });
  });

  test('an --apply file that is a FIFO, a folder or too large is a one-line usage error, read without blocking', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-apply-'));
    try {
      const fifo = path.join(dir, 'pipe.yaml');
      execFileSync('mkfifo', [fifo]);
      // No writer ever opens the FIFO: a blocking read would hang here.
      expect(await kubespec('serve', '--apply', fifo, '--port', '0')).toEqual({ code: 2, stdout: '', stderr: `kubespec: --apply: ${fifo}: is a named pipe (FIFO), not a regular file\n` });
      expect(await kubespec('serve', '--apply', dir, '--port', '0')).toEqual({ code: 2, stdout: '', stderr: `kubespec: --apply: ${dir}: is a directory, not a file\n` });
      const big = path.join(dir, 'big.yaml');
      fs.writeFileSync(big, `# ${'x'.repeat(1024 * 1024)}\n`);
      const size = fs.statSync(big).size;
      expect(await kubespec('serve', '--apply', big, '--port', '0')).toEqual({ code: 2, stdout: '', stderr: `kubespec: --apply: ${big}: file is ${size} bytes, larger than the limit of 1048576 bytes\n` });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a port in use is a clear error, not a stack trace', async () => {
    const s = await serve([]);
    const port = new URL(s.url).port;
    const r = await kubespec('serve', '--port', port, '--no-nodeports');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^kubespec: .*127\\.0\\.0\\.1:${port}.*in use`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    s.child.kill('SIGTERM');
    await s.exited;
  });
});

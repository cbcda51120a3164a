// `kubespec run --kubeconfig`: the course's specs on a real API server — `kubespec serve` over
// HTTPS, reached through its kubeconfig only (the CLI runs as its own process, as a user runs it;
// nothing in-process is shared but the server the test watches). Every spec passes but for the
// steps only the embedded cluster can run, which are skipped with their reasons; each spec gets a
// namespace of its own, removed afterwards, also when the run is interrupted; `--jobs 2` specs never
// see each other's objects. Bad kubeconfigs and servers are one line and exit code 2.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { ROOT, kubectl, ok, startServer, useServer } from '../serve/support';

const BIN = path.join(ROOT, 'bin', 'kubespec');

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { env?: Record<string, string>; detached?: boolean; onSpawn?: (pid: number) => void; timeoutMs?: number } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...opts.env }, detached: opts.detached ?? false, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kubespec ${args.join(' ')} did not finish in time:\n${stderr}\n${stdout}`));
    }, opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    if (child.pid) opts.onSpawn?.(child.pid);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// Fast enough for a quick suite, slow enough that a pod's AGE reads in seconds (as the specs expect)
// for the few real seconds a spec takes.
// Its nodePorts listen on a loopback address of its own (127.0.0.7), apart from other test files'.
const NODE_ADDRESS = '127.0.0.7';
const server = useServer({ speed: 20, nodePorts: true, address: NODE_ADDRESS });

/** Namespaces kubespec created on the server, and those it removed again. */
function watchNamespaces(): { created: Set<string>; deleted: Set<string>; stop: () => void } {
  const created = new Set<string>();
  const deleted = new Set<string>();
  const stop = server().live.api.watch('Namespace', (ev) => {
    const name = ev.object.metadata.name!;
    if (!name.startsWith('kubespec-')) return;
    if (ev.type === 'ADDED') created.add(name);
    if (ev.type === 'DELETED') deleted.add(name);
  });
  return { created, deleted, stop };
}

function liveKubespecNamespaces(): string[] {
  return server()
    .live.api.list('Namespace')
    .map((n) => n.metadata.name!)
    .filter((n) => n.startsWith('kubespec-'));
}

/** What only the embedded cluster can do: the skip reasons a real cluster gives. */
const SIMULATOR_ONLY = [/only the embedded cluster can do/, /longer than --max-wait/, /its throughout\/eventually request assertions are checked only on the embedded cluster/, /after a step only the embedded cluster can run/];

describe('the course specs on kubespec serve, through the kubeconfig only', () => {
  test('every spec passes but for the simulator-only steps, each in a namespace of its own, removed afterwards, with --jobs 2', async () => {
    const ns = watchNamespaces();
    const out = await run(['run', 'specs', '--kubeconfig', server().kubeconfig, '--jobs', '2', '--quiet-period', '300ms', '--max-wait', '5s', '--node-address', NODE_ADDRESS, '--reporter', 'json'], { timeoutMs: 240_000 });
    ns.stop();
    expect(out.stderr).toBe('');
    const report = JSON.parse(out.stdout) as { specs: { name: string; status: string; steps: { name: string; status: string; reason?: string; failures: { message: string }[] }[] }[] };
    expect(report.specs.length).toBeGreaterThanOrEqual(21);
    for (const spec of report.specs) {
      expect({ spec: spec.name, status: spec.status, failed: spec.steps.filter((s) => s.status === 'failed').map((s) => `${s.name}: ${s.failures.map((f) => f.message).join('; ')}`) }).toEqual({ spec: spec.name, status: 'passed', failed: [] });
      for (const step of spec.steps.filter((s) => s.status === 'skipped')) {
        expect(SIMULATOR_ONLY.some((re) => re.test(step.reason ?? ''))).toBe(true);
      }
    }
    const steps = report.specs.flatMap((s) => s.steps);
    // Most of the course runs for real: only node failures, long waits and request routing do not.
    expect(steps.filter((s) => s.status === 'passed').length).toBeGreaterThan(steps.length / 2);
    // Requests are real: on the served nodePorts and through the Service proxy (02's Service port),
    // blue/green and the canary's shares included.
    for (const name of [/^requests to nodePort 30000 on any node reach/, /^blue\/green switches all traffic/, /^a canary Deployment behind the same Service/]) {
      const spec = report.specs.find((s) => name.test(s.name))!;
      expect(spec.steps.map((s) => s.status)).toEqual(spec.steps.map(() => 'passed'));
    }
    // The node-failure specs say why they cannot run here.
    expect(steps.some((s) => /fails or restores node worker1/.test(s.reason ?? ''))).toBe(true);
    // One namespace per spec that ran (and the run's own check), every one gone again.
    expect(ns.created.size).toBeGreaterThanOrEqual(report.specs.length);
    expect([...ns.created].every((n) => /^kubespec-(check-)?[0-9a-f]{8}$/.test(n))).toBe(true);
    expect([...ns.created].filter((n) => !ns.deleted.has(n))).toEqual([]);
    expect(liveKubespecNamespaces()).toEqual([]);
  }, 300_000);

  test('an interrupted run (SIGINT) still deletes its namespace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-sigint-'));
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'course', 'nginx-deploy.yaml'), path.join(dir, 'nginx-deploy.yaml'));
    fs.writeFileSync(path.join(dir, 'long.spec.yaml'), 'name: a long wait\nsteps:\n  - apply: nginx-deploy.yaml\n  - wait: 50s\n');
    const ns = watchNamespaces();
    let pid = 0;
    // Interrupt once the spec's Deployment is on the server (the run is then inside its wait).
    const started = new Promise<void>((resolve) => {
      const stop = server().live.api.watch('Deployment', (ev) => {
        if (ev.type === 'ADDED' && ev.object.metadata.namespace?.startsWith('kubespec-')) {
          stop();
          setTimeout(resolve, 500);
        }
      });
    });
    const done = run(['run', dir, '--kubeconfig', server().kubeconfig, '--max-wait', '60s'], { detached: true, onSpawn: (p) => (pid = p), timeoutMs: 60_000 });
    await started;
    // Ctrl-C reaches the whole process group: the run and its janitor.
    process.kill(-pid, 'SIGINT');
    const out = await done;
    expect(out.code === 0).toBe(false);
    const until = Date.now() + 30_000;
    while (liveKubespecNamespaces().length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    ns.stop();
    expect(out.stderr).toMatch(/the run stopped; deleting namespace kubespec-[0-9a-f]{8}/);
    expect(liveKubespecNamespaces()).toEqual([]);
    expect([...ns.created].filter((n) => n.startsWith('kubespec-') && !n.startsWith('kubespec-check-')).length).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});

describe('cluster-scoped writes', () => {
  test("a manifest naming another namespace, or a cluster-scoped kind, is refused with a clear step error", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-scope-'));
    fs.writeFileSync(path.join(dir, 'elsewhere.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: kube-system }\ndata: { a: b }\n');
    fs.writeFileSync(path.join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: mine }\n');
    fs.writeFileSync(path.join(dir, 'scope.spec.yaml'), 'name: elsewhere\nsteps:\n  - apply: elsewhere.yaml\n---\nname: a namespace\nsteps:\n  - apply: ns.yaml\n');
    try {
      const out = await run(['run', dir, '--kubeconfig', server().kubeconfig, '--quiet-period', '300ms', '--reporter', 'json']);
      const specs = (JSON.parse(out.stdout) as { specs: { steps: { status: string; failures: { message: string }[] }[] }[] }).specs;
      expect(specs[0].steps[0].failures[0].message).toMatch(/kubespec: namespace "kube-system" is not this spec's: on a real cluster each spec runs in its own namespace \(pass --allow-cluster-scoped to allow others\)/);
      expect(specs[1].steps[0].failures[0].message).toMatch(/kubespec: Namespace is cluster-scoped, and this run writes only to the spec's own namespace \(pass --allow-cluster-scoped to allow it\)/);
      expect(server().live.api.get('ConfigMap', 'c', 'kube-system')).toBeUndefined();
      expect(server().live.api.get('Namespace', 'mine')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const spec = 'name: cordon worker0\nsteps:\n  - node: { name: worker0, unschedulable: true }\n    expect:\n      - { kind: Node, name: worker0, match: { spec: { unschedulable: true } } }\n';

  test('a cordon runs only with --allow-cluster-scoped, and the node is put back after the spec', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-cordon-'));
    fs.writeFileSync(path.join(dir, 'cordon.spec.yaml'), spec);
    try {
      const seen: boolean[] = [];
      const stop = server().live.api.watch('Node', (ev) => {
        if (ev.object.metadata.name === 'worker0') seen.push(!!ev.object.spec?.unschedulable);
      });
      const refused = await run(['run', dir, '--kubeconfig', server().kubeconfig, '--reporter', 'json', '--quiet-period', '300ms']);
      const step = (JSON.parse(refused.stdout) as { specs: { steps: { status: string; reason?: string }[] }[] }).specs[0].steps[0];
      expect(step).toMatchObject({ status: 'skipped', reason: 'cordons node worker0 (node: unschedulable), a cluster-scoped write this run does not allow (--allow-cluster-scoped)' });
      expect(seen).not.toContain(true);
      const allowed = await run(['run', dir, '--kubeconfig', server().kubeconfig, '--allow-cluster-scoped', '--quiet-period', '300ms']);
      stop();
      expect(allowed.stdout).toMatch(/Steps: +1 passed, 1 total/);
      expect(allowed.code).toBe(0);
      // Cordoned during the spec, schedulable again after it.
      expect(seen).toContain(true);
      expect(server().live.api.get('Node', 'worker0')!.spec?.unschedulable).toBeFalsy();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('settling on a real cluster', () => {
  test('past --step-timeout the step fails naming what was still changing, and the rest is skipped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-timeout-'));
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'course', 'nginx-deploy.yaml'), path.join(dir, 'nginx-deploy.yaml'));
    fs.writeFileSync(path.join(dir, 'slow.spec.yaml'), 'name: slow\nsteps:\n  - apply: nginx-deploy.yaml\n  - kubectl: get pods\n');
    try {
      const out = await run(['run', dir, '--kubeconfig', server().kubeconfig, '--step-timeout', '50ms', '--reporter', 'json']);
      const steps = (JSON.parse(out.stdout) as { specs: { steps: { status: string; reason?: string; failures: { message: string }[] }[] }[] }).specs[0].steps;
      expect(steps[0].status).toBe('failed');
      expect(steps[0].failures[0].message).toMatch(/^the cluster did not settle within 50ms \(--step-timeout\): (Deployment nginx-deployment: |ReplicaSet |Pod nginx-deployment-)/);
      expect(steps[1].status).toBe('skipped');
      expect(out.code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('an exec credential plugin in the kubeconfig works (client-node runs it)', async () => {
    const token = server().token;
    const plugin = `console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: '${token}' } }))`;
    const kc = kubeconfigWith((t) =>
      t.replace(/token: \S+/, `exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: ${JSON.stringify(process.execPath)}\n        args: ["-e", ${JSON.stringify(plugin)}]\n        interactiveMode: Never`),
    );
    expect(fs.readFileSync(kc, 'utf8')).not.toContain(`token: ${token}`);
    const out = await run(['run', 'specs/01-deployment.spec.yaml', '--kubeconfig', kc, '--quiet-period', '300ms', '-t', 'runs two pods']);
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/Specs: +1 passed, 1 total/);
  }, 60_000);
});

describe('kubectl logs on a real cluster', () => {
  test("reads the container's log from the API server (the kubelet's), not from the embedded cluster's log store", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-logs-'));
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'course', 'nginx-deploy.yaml'), path.join(dir, 'nginx-deploy.yaml'));
    fs.writeFileSync(path.join(dir, 'logs.spec.yaml'), 'name: logs\nsteps:\n  - apply: nginx-deploy.yaml\n  - kubectl: logs deployment/nginx-deployment --tail 3 --timestamps\n');
    try {
      const out = await run(['run', dir, '--kubeconfig', server().kubeconfig, '--quiet-period', '300ms', '--reporter', 'json']);
      const step = (JSON.parse(out.stdout) as { specs: { steps: { status: string; output?: string }[] }[] }).specs[0].steps[1];
      expect(step.status).toBe('passed');
      // What the served kubelet logged for the pod kubectl picked, as the real kubectl prints it (three lines, timestamped).
      const lines = (step.output ?? '').split('\n').filter((l) => /^\d{4}-\d\d-\d\dT/.test(l));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("kubespec serve's Service proxy (what a real-cluster run sends a Service port's requests through)", () => {
  test('answers as the image would, names the pod, and refuses as upstream does', async () => {
    await ok(server(), 'apply', '-f', path.join(ROOT, 'fixtures', 'course', 'nginx-deploy.yaml'), '-f', path.join(ROOT, 'fixtures', 'course', 'nginx-svc.yaml'));
    try {
      let page = '';
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        const r = await kubectl(server(), ['get', '--raw', '/api/v1/namespaces/default/services/my-nginx:8080/proxy/']);
        if (r.code === 0) {
          page = r.stdout;
          break;
        }
        await new Promise((res) => setTimeout(res, 200));
      }
      expect(page).toContain('<title>Welcome to nginx!</title>');
      // By port name too (the Service's only port is unnamed: by number), and a missing Service.
      const missing = await kubectl(server(), ['get', '--raw', '/api/v1/namespaces/default/services/nope:80/proxy/']);
      expect([missing.code, missing.stderr.trim()]).toEqual([1, 'Error from server (NotFound): services "nope" not found']);
      const port = await kubectl(server(), ['get', '--raw', '/api/v1/namespaces/default/services/my-nginx:9999/proxy/']);
      expect([port.code, port.stderr.trim()]).toEqual([1, 'Error from server (ServiceUnavailable): no endpoints available for service "my-nginx:9999"']);
    } finally {
      await ok(server(), 'delete', '-f', path.join(ROOT, 'fixtures', 'course', 'nginx-deploy.yaml'), '-f', path.join(ROOT, 'fixtures', 'course', 'nginx-svc.yaml'), '--wait=false');
    }
  }, 60_000);
});

/** A kubeconfig like the server's with some fields replaced. */
function kubeconfigWith(edit: (text: string) => string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-kc-')), 'kubeconfig');
  fs.writeFileSync(file, edit(fs.readFileSync(server().kubeconfig, 'utf8')));
  return file;
}

/** A stand-in API server (plain HTTP) that answers what a test needs, and records what it was asked. */
async function fakeApi(answer: (method: string, url: string) => { status: number; body: unknown }): Promise<{ kubeconfig: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const srv = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    const a = answer(req.method ?? 'GET', req.url ?? '/');
    res.writeHead(a.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-fake-')), 'kubeconfig');
  fs.writeFileSync(
    file,
    ['apiVersion: v1', 'kind: Config', 'clusters: [{name: fake, cluster: {server: "http://127.0.0.1:' + port + '", insecure-skip-tls-verify: true}}]', 'users: [{name: u, user: {token: t}}]', 'contexts: [{name: fake, context: {cluster: fake, user: u}}]', 'current-context: fake', ''].join('\n'),
  );
  return { kubeconfig: file, requests, close: () => new Promise((r) => srv.close(() => r())) };
}

const status = (code: number, reason: string, message: string) => ({ status: code, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message } });

describe('bad kubeconfigs and servers: one line, exit code 2, nothing left behind', () => {
  async function refused(args: string[], line: RegExp): Promise<void> {
    const out = await run(['run', 'specs/01-deployment.spec.yaml', ...args], { timeoutMs: 60_000 });
    expect({ code: out.code, stdout: out.stdout }).toEqual({ code: 2, stdout: '' });
    expect(out.stderr).toMatch(line);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  }

  test('an unreachable server', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const kc = kubeconfigWith((t) => t.replace(/server: \S+/, `server: https://127.0.0.1:${port}`));
    await refused(['--kubeconfig', kc], /^kubespec: cannot run on the real cluster: cannot reach the API server at 127\.0\.0\.1:\d+: connection refused/);
  }, 60_000);

  test("a TLS error (a CA that did not sign the server's certificate)", async () => {
    const other = await startServer();
    try {
      const ca = /certificate-authority-data: (\S+)/.exec(fs.readFileSync(other.kubeconfig, 'utf8'))![1];
      const kc = kubeconfigWith((t) => t.replace(/certificate-authority-data: \S+/, `certificate-authority-data: ${ca}`));
      await refused(['--kubeconfig', kc], /^kubespec: cannot run on the real cluster: TLS error talking to 127\.0\.0\.7:\d+/);
    } finally {
      await other.close();
    }
  }, 60_000);

  test('401: credentials the server refuses', async () => {
    const kc = kubeconfigWith((t) => t.replace(/token: \S+/, 'token: not-the-token'));
    await refused(['--kubeconfig', kc], /^kubespec: cannot run on the real cluster: the API server at https:\/\/127\.0\.0\.7:\d+ refused the kubeconfig's credentials \(401 Unauthorized\)/);
    expect(liveKubespecNamespaces()).toEqual([]);
  }, 60_000);

  test('a context the kubeconfig does not have', async () => {
    await refused(['--kubeconfig', server().kubeconfig, '--context', 'nope'], /^kubespec: cannot run on the real cluster: context "nope" does not exist in the kubeconfig \(it has: \S+\)/);
  }, 60_000);

  test('403 on namespace creation', async () => {
    const fake = await fakeApi((method, url) => {
      if (method === 'POST' && url.startsWith('/api/v1/namespaces')) return status(403, 'Forbidden', 'namespaces is forbidden: User "student" cannot create resource "namespaces" in API group "" at the cluster scope');
      if (url === '/api/v1/nodes') return { status: 200, body: { kind: 'NodeList', apiVersion: 'v1', items: [] } };
      return { status: 200, body: { gitVersion: 'v1.32.5' } };
    });
    try {
      await refused(['--kubeconfig', fake.kubeconfig], /^kubespec: cannot run on the real cluster: the kubeconfig's user may not create namespaces \(403 Forbidden\): namespaces is forbidden: User "student" cannot create resource "namespaces"/);
      expect(fake.requests.filter((r) => !r.startsWith('GET'))).toEqual(['POST /api/v1/namespaces']);
    } finally {
      await fake.close();
    }
  }, 60_000);

  test('an API server without apps/v1', async () => {
    const fake = await fakeApi((_method, url) => (url === '/apis/apps/v1' ? status(404, 'NotFound', 'the server could not find the requested resource') : { status: 200, body: { gitVersion: 'v1.32.5' } }));
    try {
      await refused(['--kubeconfig', fake.kubeconfig], /^kubespec: cannot run on the real cluster: the API server at http:\/\/127\.0\.0\.1:\d+ does not serve apps\/v1 \(Deployments, ReplicaSets\), which kubespec's specs need$/m);
      expect(fake.requests.filter((r) => !r.startsWith('GET'))).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 60_000);

  test('real-cluster options without a cluster are a usage error', async () => {
    const out = await run(['run', 'specs', '--max-wait', '5s']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--max-wait needs a real cluster: pass --kubeconfig FILE or --context NAME/);
  });
});

/**
 * A test double of the API: a proxy in front of the served cluster that answers one wrong status
 * (every Deployment's readyReplicas one lower), in reads and in watch streams alike.
 */
async function wrongStatusProxy(): Promise<{ kubeconfig: string; close: () => Promise<void> }> {
  const target = new URL(server().url);
  const lower = (o: { kind?: string; status?: { readyReplicas?: number } }) => {
    if (o && o.status && typeof o.status.readyReplicas === 'number' && o.status.readyReplicas > 0) o.status.readyReplicas -= 1;
  };
  const rewrite = (text: string): string => {
    try {
      const v = JSON.parse(text);
      if (Array.isArray(v.items)) v.items.forEach(lower);
      else if (v.object) lower(v.object);
      else lower(v);
      return JSON.stringify(v);
    } catch {
      return text;
    }
  };
  const srv = http.createServer((req, res) => {
    const deployments = /\/deployments/.test(req.url ?? '');
    const up = https.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host, authorization: `Bearer ${server().token}` }, rejectUnauthorized: false }, (ur) => {
      const headers = { ...ur.headers };
      if (deployments) delete headers['content-length'];
      res.writeHead(ur.statusCode ?? 502, headers);
      if (!deployments) return void ur.pipe(res);
      let pending = '';
      ur.setEncoding('utf8');
      ur.on('data', (chunk: string) => {
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          res.write(`${rewrite(pending.slice(0, nl))}\n`);
          pending = pending.slice(nl + 1);
        }
      });
      ur.on('end', () => res.end(pending ? rewrite(pending) : undefined));
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-proxy-')), 'kubeconfig');
  fs.writeFileSync(
    file,
    ['apiVersion: v1', 'kind: Config', `clusters: [{name: proxy, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]`, 'users: [{name: u, user: {token: t}}]', 'contexts: [{name: proxy, context: {cluster: proxy, user: u}}]', 'current-context: proxy', ''].join('\n'),
  );
  return { kubeconfig: file, close: () => new Promise((r) => srv.close(() => r())) };
}

describe('--compare: the embedded cluster against the real one', () => {
  const options = ['--quiet-period', '300ms', '--max-wait', '5s', '--node-address', NODE_ADDRESS, '--compare'];

  test('finds no difference on the course specs', async () => {
    const out = await run(['run', 'specs', '--kubeconfig', server().kubeconfig, ...options], { timeoutMs: 240_000 });
    expect(out.stdout).toMatch(/^kubespec --compare: the embedded cluster \(v1\.32\) and https:\/\/127\.0\.0\.7:\d+ \(v1\.32\.\d+\), \d+ specs\n/);
    expect(out.stdout).toMatch(/\nNo differences in \d+ specs \(skipped steps are not compared\)\.\n$/);
    expect(out.code).toBe(0);
  }, 300_000);

  test('reports a planted one: an API server that answers a wrong status', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-compare-'));
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'course', 'nginx-deploy.yaml'), path.join(dir, 'nginx-deploy.yaml'));
    fs.writeFileSync(
      path.join(dir, 'ready.spec.yaml'),
      'name: two ready replicas\nsteps:\n  - apply: nginx-deploy.yaml\n    expect:\n      - kind: Deployment\n        name: nginx-deployment\n        match: { spec: { replicas: 2 }, status: { readyReplicas: 2 } }\n',
    );
    const proxy = await wrongStatusProxy();
    try {
      const out = await run(['run', dir, '--kubeconfig', proxy.kubeconfig, ...options], { timeoutMs: 120_000 });
      expect(out.code).toBe(1);
      const file = path.join(dir, 'ready.spec.yaml');
      const shown = out.stdout.split(file).join('ready.spec.yaml');
      expect(shown).toContain('\nready.spec.yaml › two ready replicas\n');
      expect(shown).toMatch(/ {2}step 1 "apply nginx-deploy\.yaml": the assertion at ready\.spec\.yaml:5:9 passed on the embedded cluster, failed on the real one: /);
      expect(shown).toContain('  step 1 "apply nginx-deploy.yaml": at ready.spec.yaml:5:9, status.readyReplicas: embedded [2], real [1]\n');
      // What agrees is not listed.
      expect(shown).not.toContain('spec.replicas');
      expect(shown).toMatch(/\n1 of 1 spec differ\.\n$/);
    } finally {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

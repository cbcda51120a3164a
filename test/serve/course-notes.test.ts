// The course notes' whole kubectl sequence, verbatim, through the real kubectl v1.32 against
// `kubespec serve` (../shared/seed/README.md, exercises 1-6), with every output checked, and the
// notes' NodePort reached over real HTTP on 127.0.0.1:30000.
import { spawn } from 'child_process';
import * as http from 'http';
import { eventually, kubectl, ok, rows, upstreamKubectl, useServer } from './support';

// Each test runs several real kubectl processes (about 50-100 ms each) and waits for rollouts.
jest.setTimeout(120_000);

const server = useServer({ nodePorts: true, speed: 20 });

function get(port: number, path = '/'): Promise<{ status: number; pod: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (t: string) => (body += t));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, pod: String(res.headers['x-kubespec-pod'] ?? ''), body }));
      })
      .on('error', reject);
  });
}

const POD_OF_DEPLOYMENT = /^nginx-deployment-[b-df-hj-np-tv-z2-9]{8,10}-[b-df-hj-np-tv-z2-9]{5}$/;
const POD_OF_RS = /^3-replicaset-[b-df-hj-np-tv-z2-9]{5}$/;

async function podNames(selector: string): Promise<string[]> {
  return (await ok(server(), 'get', 'pods', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}')).split(' ').filter(Boolean).sort();
}

test('1. apply the Deployment: 2/2 ready, two pods named after its ReplicaSet', async () => {
  expect(await ok(server(), 'apply', '-f', 'fixtures/course/nginx-deploy.yaml')).toBe('deployment.apps/nginx-deployment created\n');
  const status = await ok(server(), 'rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s');
  expect(status).toMatch(/deployment "nginx-deployment" successfully rolled out\n$/);
  const deployments = await ok(server(), 'get', 'deployments');
  expect(deployments.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
  expect(rows(deployments)).toEqual([['nginx-deployment', '2/2', '2', '2', expect.stringMatching(/^\d+s$/)]]);
  const pods = rows(await ok(server(), 'get', 'pod'));
  expect(pods).toHaveLength(2);
  for (const p of pods) expect(p.slice(0, 4)).toEqual([expect.stringMatching(POD_OF_DEPLOYMENT), '1/1', 'Running', '0']);
});

test('2. apply the Service: NodePort 8080:30000/TCP; pods spread over the workers; node IPs; HTTP reaches both pods', async () => {
  expect(await ok(server(), 'apply', '-f', 'fixtures/course/nginx-svc.yaml')).toBe('service/my-nginx created\n');
  const svc = rows(await ok(server(), 'get', 'svc'));
  expect(svc).toEqual([
    ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', expect.any(String)],
    ['my-nginx', 'NodePort', expect.stringMatching(/^10\.\d+\.\d+\.\d+$/), '<none>', '8080:30000/TCP', expect.any(String)],
  ]);
  const wide = await ok(server(), 'get', 'pods', '-o', 'wide');
  expect(wide.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
  const nodesOfPods = rows(wide).map((r) => r[6]);
  expect(nodesOfPods.sort()).toEqual(['worker0', 'worker1']);
  const nodes = rows(await ok(server(), 'get', 'nodes', '-o', 'wide'));
  expect(nodes.map((n) => [n[0], n[1], n[2], n[5]])).toEqual([
    ['master', 'Ready', 'control-plane', '192.168.47.128'],
    ['worker0', 'Ready', '<none>', '192.168.47.129'],
    ['worker1', 'Ready', '<none>', '192.168.47.130'],
  ]);

  const names = await podNames('app=nginx');
  const answered = new Set<string>();
  // The endpoints must be ready before the NodePort listens: wait for the first answer.
  await eventually(async () => ((await get(30000)).status === 200 ? true : undefined), 'nodePort 30000 answering');
  for (let i = 0; i < 40; i++) {
    const r = await get(30000);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Welcome to nginx!</title>');
    answered.add(r.pod);
  }
  expect([...answered].sort()).toEqual(names.map((n) => `default/${n}`));
  // Each request left an access-log line in the pod that served it, in nginx's combined format.
  const log = await ok(server(), 'logs', names[0]);
  // nginx's "main" format; the client seen through kube-proxy's SNAT is the node's bridge address.
  expect(log).toMatch(/^10\.244\.\d+\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "-" "-"$/m);
});

test('kubectl logs -f follows: a request to the NodePort appears as it is served', async () => {
  const names = await podNames('app=nginx');
  const follower = spawn(upstreamKubectl(), ['logs', '-f', names[1]], { env: { PATH: process.env.PATH ?? '', HOME: server().home, KUBECONFIG: server().kubeconfig } });
  let followed = '';
  follower.stdout.on('data', (t: Buffer) => (followed += t.toString()));
  await eventually(async () => (followed.includes('start worker process') ? true : undefined), 'the start-up lines');
  const before = (followed.match(/"GET \/followed HTTP\/1\.1"/g) ?? []).length;
  expect(before).toBe(0);
  // Requests spread over both pods: send until this one has served one (and logged it).
  await eventually(async () => {
    await get(30000, '/followed');
    return /"GET \/followed HTTP\/1\.1" 404 153 /.test(followed) ? true : undefined;
  }, 'the access line of /followed in the followed log');
  follower.kill();
});

test('3. apply the ReplicaSet: 3/3 and three pods named after it', async () => {
  expect(await ok(server(), 'apply', '-f', 'fixtures/course/replicaset.yaml')).toBe('replicaset.apps/3-replicaset created\n');
  await ok(server(), 'wait', '--for=condition=Ready', 'pod', '-l', 'app=3-replicaset', '--timeout=60s');
  const out = await ok(server(), 'get', 'replicaset,pods');
  const [rsBlock, podBlock] = out.split('\n\n');
  expect(rows(rsBlock)).toEqual(
    expect.arrayContaining([
      ['replicaset.apps/3-replicaset', '3', '3', '3', expect.any(String)],
      [expect.stringMatching(/^replicaset\.apps\/nginx-deployment-/), '2', '2', '2', expect.any(String)],
    ]),
  );
  const rsPods = rows(podBlock).filter((r) => r[0].startsWith('pod/3-replicaset-'));
  expect(rsPods).toHaveLength(3);
  for (const p of rsPods) expect(p[0].slice(4)).toMatch(POD_OF_RS);
});

test('4. delete a pod of the ReplicaSet: a new one replaces it', async () => {
  const before = await podNames('app=3-replicaset');
  const victim = before[0];
  expect(await ok(server(), 'delete', 'pod', victim)).toBe(`pod "${victim}" deleted\n`);
  const after = await eventually(async () => {
    const names = await podNames('app=3-replicaset');
    return names.length === 3 && !names.includes(victim) ? names : undefined;
  }, 'a replacement pod');
  expect(after.filter((n) => !before.includes(n))).toHaveLength(1);
});

test('5. scale the ReplicaSet to 5', async () => {
  expect(await ok(server(), 'scale', 'replicaset/3-replicaset', '--replicas=5')).toBe('replicaset.apps/3-replicaset scaled\n');
  await eventually(async () => ((await podNames('app=3-replicaset')).length === 5 ? true : undefined), '5 pods');
  await ok(server(), 'wait', '--for=condition=Ready', 'pod', '-l', 'app=3-replicaset', '--timeout=60s');
  expect(rows(await ok(server(), 'get', 'rs', '3-replicaset'))[0].slice(0, 4)).toEqual(['3-replicaset', '5', '5', '5']);
});

test('6. delete -f replicaset.yaml --cascade=orphan: the ReplicaSet goes, its 5 pods stay without an owner, and are no longer replaced', async () => {
  const pods = await podNames('app=3-replicaset');
  expect(await ok(server(), 'delete', '-f', 'fixtures/course/replicaset.yaml', '--cascade=orphan')).toBe('replicaset.apps "3-replicaset" deleted\n');
  const rs = await kubectl(server(), ['get', 'rs', '3-replicaset']);
  expect(rs).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): replicasets.apps "3-replicaset" not found\n' });
  await eventually(async () => {
    const owners = await ok(server(), 'get', 'pods', '-l', 'app=3-replicaset', '-o', 'jsonpath={.items[*].metadata.ownerReferences}');
    return owners.trim() === '' ? true : undefined;
  }, 'the garbage collector orphaning the pods');
  expect(await podNames('app=3-replicaset')).toEqual(pods);
  expect(await ok(server(), 'delete', 'pod', pods[0])).toBe(`pod "${pods[0]}" deleted\n`);
  // Nothing replaces it. `kubectl delete` waits until the pod is gone, and a ReplicaSet replaces a
  // pod as soon as it is marked for deletion, so an owner would have made a new one by now.
  expect(await podNames('app=3-replicaset')).toEqual(pods.slice(1));
});

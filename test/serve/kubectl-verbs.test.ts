// The real kubectl v1.32 against `kubespec serve`, verb by verb: what a course's students type
// after the notes (apply's three outcomes, server-side apply, create, rollouts, describe, explain,
// edit, label/annotate/patch, cordon/drain/taint, wait, logs, get all, api-resources).
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { eventually, kubectl, ok, rows, upstreamKubectl, useServer } from './support';

// Each test runs several real kubectl processes (about 50-100 ms each) and waits for rollouts.
jest.setTimeout(120_000);

const server = useServer({ speed: 50 });

describe('apply', () => {
  test('created, unchanged, configured; --server-side; --dry-run=server changes nothing', async () => {
    expect(await ok(server(), 'apply', '-f', 'fixtures/course/nginx-deploy.yaml')).toBe('deployment.apps/nginx-deployment created\n');
    expect(await ok(server(), 'apply', '-f', 'fixtures/course/nginx-deploy.yaml')).toBe('deployment.apps/nginx-deployment unchanged\n');
    expect(await ok(server(), 'apply', '-f', 'fixtures/course/nginx-deploy-4.yaml', '--dry-run=server')).toBe('deployment.apps/nginx-deployment configured (server dry run)\n');
    expect(await ok(server(), 'get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}')).toBe('2');
    expect(await ok(server(), 'apply', '-f', 'fixtures/course/nginx-deploy-4.yaml')).toBe('deployment.apps/nginx-deployment configured\n');
    expect(await ok(server(), 'get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}')).toBe('4');
    const ssa = await kubectl(server(), ['apply', '--server-side', '-f', 'fixtures/course/replicaset.yaml']);
    expect(ssa).toMatchObject({ code: 0, stdout: 'replicaset.apps/3-replicaset serverside-applied\n' });
    const managers = await ok(server(), 'get', 'rs', '3-replicaset', '-o', 'jsonpath={.metadata.managedFields[*].manager}');
    expect(managers.split(' ')).toContain('kubectl');
    // Server-side apply over a client-side one, as "kubectl": what the last client-side apply set
    // is taken over without conflicts (upstream's lastAppliedManager), and kubectl then folds
    // kubectl-client-side-apply's entry into its own (csaupgrade) and applies again, which prunes
    // the folded fields the file leaves out: they are defaulted again. The file says
    // imagePullPolicy: Always, as the object has it (defaulted for nginx:latest when created);
    // pruned, it would come back IfNotPresent and roll the pods out.
    const takeOver = fs.readFileSync('fixtures/course/nginx-deploy-4.yaml', 'utf8').replace(/( +)image: nginx:1\.24\n/, '$1image: nginx:1.24\n$1imagePullPolicy: Always\n');
    expect(takeOver).toContain('imagePullPolicy: Always');
    expect(await kubectl(server(), ['apply', '--server-side', '-f', '-'], { input: takeOver })).toMatchObject({ code: 0, stdout: 'deployment.apps/nginx-deployment serverside-applied\n' });
    const owners = await ok(server(), 'get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.metadata.managedFields[*].manager}');
    expect(owners.split(' ')).not.toContain('kubectl-client-side-apply');
    // Another manager applying other values conflicts with kubectl's fields (an applier: no "using").
    const conflict = await kubectl(server(), ['apply', '--server-side', '--field-manager=team-b', '-f', 'fixtures/course/nginx-deploy.yaml']);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/^error: Apply failed with 2 conflicts: conflicts with "kubectl":\n- \.spec\.replicas\n- \.spec\.template\.spec\.containers\[name="nginx"\]\.image\nPlease review the fields above/);
    expect(await kubectl(server(), ['apply', '--server-side', '--force-conflicts', '-f', '-'], { input: takeOver })).toMatchObject({ code: 0, stdout: 'deployment.apps/nginx-deployment serverside-applied\n' });
  });

  test('rollout status waits for a real rollout; wait --for=condition=Available', async () => {
    expect(await ok(server(), 'rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s')).toMatch(/successfully rolled out\n$/);
    expect(await ok(server(), 'wait', '--for=condition=Available', 'deployment/nginx-deployment', '--timeout=60s')).toBe('deployment.apps/nginx-deployment condition met\n');
  });
});

describe('create', () => {
  test('create deployment --image and create namespace (protobuf bodies)', async () => {
    expect(await ok(server(), 'create', 'namespace', 'lab')).toBe('namespace/lab created\n');
    expect(await ok(server(), 'create', 'deployment', 'web', '--image=httpd:2.4', '--replicas=2', '-n', 'lab')).toBe('deployment.apps/web created\n');
    await ok(server(), 'rollout', 'status', 'deployment/web', '-n', 'lab', '--timeout=60s');
    expect(rows(await ok(server(), 'get', 'deploy', '-n', 'lab'))).toEqual([['web', '2/2', '2', '2', expect.any(String)]]);
    const dup = await kubectl(server(), ['create', 'namespace', 'lab']);
    expect(dup).toMatchObject({ code: 1, stderr: 'Error from server (AlreadyExists): namespaces "lab" already exists\n' });
  });
});

describe('rollouts', () => {
  test('set image streams through get pods -w; history, undo, restart, pause, resume', async () => {
    // `get pods -w` must show the rollout as it happens: start it, change the image, watch new pods appear.
    const watcher = spawn(upstreamKubectl(), ['get', 'pods', '-w', '-l', 'app=nginx'], { env: { PATH: process.env.PATH ?? '', HOME: server().home, KUBECONFIG: server().kubeconfig } });
    let watched = '';
    watcher.stdout.on('data', (t: Buffer) => (watched += t.toString()));
    await eventually(async () => (watched.includes('Running') ? true : undefined), 'the watch listing the pods');
    const before = watched;
    expect(await ok(server(), 'set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.27')).toBe('deployment.apps/nginx-deployment image updated\n');
    await ok(server(), 'rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s');
    await eventually(async () => (/ContainerCreating/.test(watched.slice(before.length)) && /Terminating|Completed/.test(watched.slice(before.length)) ? true : undefined), 'the rollout streamed by get -w');
    watcher.kill();

    const history = await ok(server(), 'rollout', 'history', 'deployment/nginx-deployment');
    // Revisions: nginx:latest (apply), nginx:1.24 (nginx-deploy-4.yaml), nginx:1.27 (set image).
    expect(history).toMatch(/^deployment\.apps\/nginx-deployment \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n3\s+<none>\n\n$/);
    expect(await ok(server(), 'rollout', 'undo', 'deployment/nginx-deployment')).toBe('deployment.apps/nginx-deployment rolled back\n');
    await ok(server(), 'rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s');
    expect(await ok(server(), 'get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.24');
    expect(await ok(server(), 'rollout', 'history', 'deployment/nginx-deployment')).toMatch(/\n1\s+<none>\n3\s+<none>\n4\s+<none>\n\n$/);
    expect(await ok(server(), 'rollout', 'restart', 'deployment/nginx-deployment')).toBe('deployment.apps/nginx-deployment restarted\n');
    await ok(server(), 'rollout', 'status', 'deployment/nginx-deployment', '--timeout=60s');
    expect(await ok(server(), 'rollout', 'pause', 'deployment/nginx-deployment')).toBe('deployment.apps/nginx-deployment paused\n');
    expect(await ok(server(), 'rollout', 'resume', 'deployment/nginx-deployment')).toBe('deployment.apps/nginx-deployment resumed\n');
  });
});

describe('reading', () => {
  test('describe every served kind', async () => {
    const cases: [string, RegExp][] = [
      ['deployment/nginx-deployment', /^Name:\s+nginx-deployment\nNamespace:\s+default\n[\s\S]*StrategyType:\s+RollingUpdate/],
      ['replicaset/3-replicaset', /^Name:\s+3-replicaset\n[\s\S]*Replicas:\s+3 current \/ 3 desired/],
      ['service/kubernetes', /^Name:\s+kubernetes\n[\s\S]*IP:\s+10\.96\.0\.1/],
      ['node/worker0', /^Name:\s+worker0\nRoles:\s+<none>\n/],
      ['namespace/default', /^Name:\s+default\n[\s\S]*Status:\s+Active/],
    ];
    expect(await ok(server(), 'expose', 'deployment', 'nginx-deployment', '--port=80', '--name=web-svc')).toBe('service/web-svc exposed\n');
    await eventually(async () => ((await ok(server(), 'get', 'endpoints', 'web-svc', '-o', 'jsonpath={.subsets[0].addresses[*].ip}')).trim() ? true : undefined), 'endpoints of web-svc');
    cases.push(['endpoints/web-svc', /^Name:\s+web-svc\nNamespace:\s+default\nLabels:\s+app=nginx\n[\s\S]*Subsets:\n\s+Addresses:\s+10\./], ['service/web-svc', /^Name:\s+web-svc\n[\s\S]*Selector:\s+app=nginx\nType:\s+ClusterIP\n/]);
    for (const [target, expected] of cases) expect(await ok(server(), 'describe', target)).toMatch(expected);
    const pod = (await ok(server(), 'get', 'pods', '-l', 'app=3-replicaset', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    expect(await ok(server(), 'describe', 'pod', pod)).toMatch(/^Name:\s+3-replicaset-\w+\nNamespace:\s+default\n[\s\S]*Controlled By:\s+ReplicaSet\/3-replicaset/);
    const slice = (await ok(server(), 'get', 'endpointslices', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    expect(await ok(server(), 'describe', 'endpointslice', slice)).toMatch(/^Name:\s+\S+\nNamespace:\s+default\n/);
    expect(await ok(server(), 'describe', 'events')).toMatch(/Name:/);
  });

  test('explain prints upstream field docs from the OpenAPI documents', async () => {
    const out = await ok(server(), 'explain', 'deployment.spec.strategy');
    expect(out).toMatch(/^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: strategy <DeploymentStrategy>\n/);
    expect(out).toMatch(/The deployment strategy to use to replace existing pods with new ones\./);
  });

  test('get all and api-resources', async () => {
    const all = await ok(server(), 'get', 'all');
    expect(all).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod\/3-replicaset-\w+\s+1\/1\s+Running\s+0\s+\w+\n/);
    expect(all).toMatch(/\npod\/nginx-deployment-\w+-\w+\s+1\/1\s+Running/);
    expect(all).toMatch(/\nNAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nservice\/kubernetes\s+ClusterIP/);
    expect(all).toMatch(/\ndeployment\.apps\/nginx-deployment\s+4\/4\s+4\s+4\s/);
    expect(all).toMatch(/\nreplicaset\.apps\/3-replicaset\s+3\s+3\s+3/);
    const resources = rows(await ok(server(), 'api-resources'));
    expect(resources.map((r) => r[0])).toEqual(expect.arrayContaining(['pods', 'services', 'nodes', 'namespaces', 'deployments', 'replicasets', 'endpointslices', 'events', 'endpoints']));
    expect(resources.find((r) => r[0] === 'deployments')).toEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
  });

  test('logs of an nginx pod: its start-up lines, --tail, -c, and the errors', async () => {
    const pod = (await ok(server(), 'get', 'pods', '-l', 'app=3-replicaset', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    const log = await ok(server(), 'logs', pod);
    expect(log).toMatch(/^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration\n/);
    expect(log).toMatch(/\[notice\] 1#1: start worker processes\n/);
    expect(await ok(server(), 'logs', pod, '--tail=1')).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process \d+\n$/);
    expect(await ok(server(), 'logs', pod, '-c', '3-replicaset', '--tail=1')).toMatch(/start worker process/);
    const bad = await kubectl(server(), ['logs', pod, '-c', 'nope']);
    expect(bad).toMatchObject({ code: 1, stderr: `error: container nope is not valid for pod ${pod}\n` });
    const prev = await kubectl(server(), ['logs', pod, '--previous']);
    expect(prev).toMatchObject({ code: 1, stderr: `Error from server (BadRequest): previous terminated container "3-replicaset" in pod "${pod}" not found\n` });
  });
});

describe('changing objects', () => {
  test('label, annotate, and every patch type', async () => {
    expect(await ok(server(), 'label', 'deployment', 'nginx-deployment', 'tier=web')).toBe('deployment.apps/nginx-deployment labeled\n');
    expect(await ok(server(), 'annotate', 'deployment', 'nginx-deployment', 'owner=alice')).toBe('deployment.apps/nginx-deployment annotated\n');
    expect(await ok(server(), 'label', 'deployment', 'nginx-deployment', 'tier-')).toBe('deployment.apps/nginx-deployment unlabeled\n');
    expect(await ok(server(), 'patch', 'deployment', 'nginx-deployment', '-p', '{"spec":{"replicas":3}}')).toBe('deployment.apps/nginx-deployment patched\n');
    expect(await ok(server(), 'patch', 'deployment', 'nginx-deployment', '--type=merge', '-p', '{"metadata":{"labels":{"merge":"yes"}}}')).toBe('deployment.apps/nginx-deployment patched\n');
    expect(await ok(server(), 'patch', 'deployment', 'nginx-deployment', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]')).toBe('deployment.apps/nginx-deployment patched\n');
    expect(await ok(server(), 'patch', 'deployment', 'nginx-deployment', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]')).toBe('deployment.apps/nginx-deployment patched (no change)\n');
    const d = JSON.parse(await ok(server(), 'get', 'deploy', 'nginx-deployment', '-o', 'json'));
    expect(d.metadata.labels).toEqual({ app: 'nginx', merge: 'yes' });
    expect(d.metadata.annotations.owner).toBe('alice');
    expect(d.spec.replicas).toBe(2);
    const bad = await kubectl(server(), ['patch', 'deployment', 'nginx-deployment', '--type=json', '-p', '[{"op":"remove","path":"/spec/nope"}]']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
  });

  test('edit with EDITOR set to a script', async () => {
    const script = path.join(server().home, 'editor.sh');
    fs.writeFileSync(script, '#!/bin/sh\nsed -i "s/replicas: 2/replicas: 1/" "$1"\n', { mode: 0o755 });
    const r = await kubectl(server(), ['edit', 'deployment/nginx-deployment'], { env: { EDITOR: script } });
    expect(r).toMatchObject({ code: 0, stdout: 'deployment.apps/nginx-deployment edited\n' });
    expect(await ok(server(), 'get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}')).toBe('1');
  });

  test('cordon, taint, drain (evictions), uncordon', async () => {
    expect(await ok(server(), 'cordon', 'worker1')).toBe('node/worker1 cordoned\n');
    expect(rows(await ok(server(), 'get', 'node', 'worker1'))[0][1]).toBe('Ready,SchedulingDisabled');
    expect(await ok(server(), 'taint', 'nodes', 'worker1', 'lab=yes:NoSchedule')).toBe('node/worker1 tainted\n');
    const drain = await kubectl(server(), ['drain', 'worker1', '--ignore-daemonsets', '--timeout=60s']);
    expect(drain.code).toBe(0);
    expect(drain.stdout).toMatch(/^node\/worker1 already cordoned\n/);
    expect(drain.stdout).toMatch(/evicting pod default\/3-replicaset-\w+\n/);
    expect(drain.stdout).toMatch(/node\/worker1 drained\n$/);
    await eventually(async () => {
      const nodes = (await ok(server(), 'get', 'pods', '-l', 'app=3-replicaset', '-o', 'jsonpath={.items[*].spec.nodeName}')).split(' ');
      return nodes.length === 3 && nodes.every((n) => n === 'worker0') ? true : undefined;
    }, 'the ReplicaSet replacing the evicted pods on worker0');
    expect(await ok(server(), 'uncordon', 'worker1')).toBe('node/worker1 uncordoned\n');
    expect(await ok(server(), 'taint', 'nodes', 'worker1', 'lab=yes:NoSchedule-')).toBe('node/worker1 untainted\n');
  });

  test('delete --wait returns once the object is gone', async () => {
    expect(await ok(server(), 'delete', 'deployment', 'web', '-n', 'lab', '--wait')).toBe('deployment.apps "web" deleted\n');
    expect((await kubectl(server(), ['get', 'deployment', 'web', '-n', 'lab'])).code).toBe(1);
    expect(await ok(server(), 'delete', 'namespace', 'lab', '--wait')).toBe('namespace "lab" deleted\n');
    const gone = await kubectl(server(), ['get', 'namespace', 'lab']);
    expect(gone).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): namespaces "lab" not found\n' });
    const immortal = await kubectl(server(), ['delete', 'namespace', 'default']);
    expect(immortal).toMatchObject({ code: 1, stderr: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n' });
  });
});

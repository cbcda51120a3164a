// The verbs of verbs.ts (nodes, wait, logs, information commands, config, events, diff, refusals)
// through runKubectl on a cluster with its controllers: their errors and exit codes as kubectl 1.32
// prints them, and the waits that pass in simulated time. The differential corpus checks the same
// commands against the real kubectl; these pin what matters without it.
import * as fs from 'fs';
import * as path from 'path';
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlResult } from './index';
import { wrapString } from './explain';
import { unifiedHunks } from './diff';
import { durationMs, formatDuration } from './sim-time';
import { goSort } from './gosort';

const ROOT = path.resolve(__dirname, '..', '..');

function setup() {
  const cluster = new Cluster();
  const io = {
    readFile(p: string) {
      const abs = path.resolve(ROOT, p);
      return { text: fs.readFileSync(abs, 'utf8'), display: p };
    },
  };
  const k = (line: string): KubectlResult => {
    const r = runKubectl(cluster, line, io);
    cluster.settle();
    return r;
  };
  return { cluster, k };
}

const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const err = (stderr: string, exitCode = 1) => ({ stdout: '', stderr, exitCode });

describe('cordon, uncordon, taint', () => {
  it('cordons once, then says it already is; a missing node is NotFound', () => {
    const { k, cluster } = setup();
    expect(k('cordon worker1')).toEqual(ok('node/worker1 cordoned\n'));
    expect(cluster.api.get('Node', 'worker1')!.spec.unschedulable).toBe(true);
    expect(k('cordon worker1')).toEqual(ok('node/worker1 already cordoned\n'));
    expect(k('uncordon worker1 --dry-run=client')).toEqual(ok('node/worker1 uncordoned (dry run)\n'));
    expect(k('uncordon worker1')).toEqual(ok('node/worker1 uncordoned\n'));
    expect(k('cordon worker9')).toEqual(err('Error from server (NotFound): nodes "worker9" not found\n'));
    expect(k('cordon')).toEqual(err("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"));
  });

  it('adds, overwrites and removes taints with kubectl\'s words', () => {
    const { k, cluster } = setup();
    expect(k('taint nodes worker1 lab=yes:NoSchedule')).toEqual(ok('node/worker1 tainted\n'));
    expect(k('taint nodes worker1 lab=no:NoSchedule')).toEqual(err('error: node worker1 already has lab taint(s) with same effect(s) and --overwrite is false\n'));
    expect(k('taint nodes worker1 lab=no:NoSchedule --overwrite')).toEqual(ok('node/worker1 modified\n'));
    expect(cluster.api.get('Node', 'worker1')!.spec.taints).toEqual([{ key: 'lab', value: 'no', effect: 'NoSchedule' }]);
    expect(k('taint nodes worker1 lab-')).toEqual(ok('node/worker1 untainted\n'));
    expect(k('taint nodes worker1 lab-')).toEqual(err('error: taint "lab" not found\n'));
    expect(k('taint nodes worker1 a=b:Bogus')).toEqual(err("error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"));
    expect(k('taint nodes worker1')).toEqual(err('error: at least one taint update is required\n'));
    expect(k('taint pods worker1 x=1:NoSchedule')).toEqual(err('error: invalid resource type pods, only node types are supported\n'));
    expect(k('taint nodes worker0 x=1:NoSchedule x-')).toEqual(err('error: can not both modify and remove the following taint(s) in the same command: x=\n'));
  });

  it('prints one error per node when several fail', () => {
    const { k } = setup();
    k('taint nodes --all lab=yes:PreferNoSchedule');
    const r = k('taint nodes --all lab=no:PreferNoSchedule');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(['master', 'worker0', 'worker1'].map((n) => `node ${n} already has lab taint(s) with same effect(s) and --overwrite is false\n`).join(''));
  });
});

describe('drain', () => {
  it('cordons, evicts and waits in simulated time for the pods to go', () => {
    const { k, cluster } = setup();
    k('apply -f fixtures/course/replicaset.yaml');
    const names = cluster.api.list('Pod', { namespace: 'default', fieldSelector: 'spec.nodeName=worker0' }).map((p) => p.metadata.name);
    // The goroutine started last runs first, as with the real kubectl.
    const onWorker0 = names.length > 1 ? [names[names.length - 1], ...names.slice(0, -1)] : names;
    const before = cluster.clock.now();
    const r = k('drain worker0 --ignore-daemonsets');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(['node/worker0 cordoned\n', ...onWorker0.map((n) => `evicting pod default/${n}\n`), ...onWorker0.map((n) => `pod/${n} evicted\n`), 'node/worker0 drained\n'].join(''));
    // The pods' termination took time on the cluster's clock (nginx stops within its grace period).
    expect(cluster.clock.now()).toBeGreaterThan(before);
    expect(cluster.api.list('Pod', { namespace: 'default', fieldSelector: 'spec.nodeName=worker0' })).toEqual([]);
  });

  it('lists the pods that block it and leaves them be', () => {
    const { k, cluster } = setup();
    k('apply -f fixtures/kubectl/solo-pod.yaml');
    const r = k('drain worker1 --pod-selector=run=solo');
    expect(r).toEqual({
      stdout: 'node/worker1 cordoned\n',
      stderr:
        'error: unable to drain node "worker1" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...\nThere are pending nodes to be drained:\n worker1\ncannot delete cannot delete Pods that declare no controller (use --force to override): default/solo\n',
      exitCode: 1,
    });
    expect(cluster.api.get('Pod', 'solo', 'default')).toBeDefined();
    expect(k('drain worker1 --force --pod-selector=run=solo').stderr).toBe('Warning: deleting Pods that declare no controller: default/solo\n');
    expect(cluster.api.get('Pod', 'solo', 'default')).toBeUndefined();
  });

  it('gives up at --timeout, in simulated time', () => {
    const { k } = setup();
    k('apply -f fixtures/kubectl/solo-pod.yaml');
    // The pod takes a moment of simulated time to stop: 100 ms runs out first.
    const r = k('drain worker1 --force --pod-selector=run=solo --timeout=100ms');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('node/worker1 cordoned\nevicting pod default/solo\n');
    expect(r.stderr).toContain('There are pending pods in node "worker1" when an error occurred: error when waiting for pod "solo" in namespace "default" to terminate: context deadline exceeded\npod/solo\n');
  });
});

describe('wait', () => {
  it('waits in simulated time for a condition, and times out on the cluster clock', () => {
    const { cluster } = setup();
    const io = { readFile: (p: string) => ({ text: fs.readFileSync(path.resolve(ROOT, p), 'utf8'), display: p }) };
    // No settle between the apply and the wait: the wait itself lets the pods start.
    runKubectl(cluster, 'apply -f fixtures/course/nginx-deploy.yaml', io);
    const before = cluster.clock.now();
    expect(runKubectl(cluster, 'wait --for=condition=Available deployment/nginx-deployment', io)).toEqual(ok('deployment.apps/nginx-deployment condition met\n'));
    expect(cluster.clock.now()).toBeGreaterThan(before);
    const t0 = cluster.clock.now();
    expect(runKubectl(cluster, 'wait --for=condition=Bogus deployment/nginx-deployment --timeout=7s', io)).toEqual(err('error: timed out waiting for the condition on deployments/nginx-deployment\n'));
    expect(cluster.clock.now() - t0).toBe(7000);
  });

  it('says what is wrong with --for and the resources', () => {
    const { k } = setup();
    expect(k('wait pod/x')).toEqual(err('error: unrecognized condition: ""\n'));
    expect(k('wait --for=bogus pod/x')).toEqual(err('error: unrecognized condition: "bogus"\n'));
    expect(k('wait --for=condition=Ready pod/nope')).toEqual(err('Error from server (NotFound): pods "nope" not found\n'));
    expect(k('wait --for=condition=Ready pod -l app=none')).toEqual(err('error: no matching resources found\n'));
    expect(k('wait --for=delete pod/nope')).toEqual(ok(''));
  });
});

describe('information commands and refusals', () => {
  it('answers top, auth can-i and the container commands in one line each', () => {
    const { k } = setup();
    expect(k('top node')).toEqual(err('error: Metrics API not available\n'));
    expect(k('top pods -A')).toEqual(err('error: Metrics API not available\n'));
    expect(k('auth can-i delete nodes')).toEqual(ok('yes\n'));
    k('apply -f fixtures/kubectl/solo-pod.yaml');
    for (const [line, what] of [['exec solo -- ls', 'exec'], ['attach solo', 'attach'], ['cp solo:/etc/hosts hosts', 'exec'], ['debug solo --image=busybox', 'debug']]) {
      const r = k(line);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(`Error from server (BadRequest): kubespec serve does not run containers, so ${what} is not simulated; use kubectl logs, describe and get to see what the pod does, and the Service's NodePort for HTTP\n`);
    }
    expect(k('port-forward solo 8080:80').stderr).toMatch(/^error: error upgrading connection: kubespec serve does not run containers/);
    expect(k('exec nope -- ls')).toEqual(err('Error from server (NotFound): pods "nope" not found\n'));
  });

  it('lists api-versions and resources from serve\'s discovery', () => {
    const { k } = setup();
    expect(k('api-versions').stdout.split('\n')).toContain('apps/v1');
    expect(k('api-resources -o name').stdout.split('\n')).toContain('deployments.apps');
    expect(k('api-resources -o bogus')).toEqual(err('error: --output bogus is not available\n'));
  });

  it('keeps the namespace set-context gives for the commands after it', () => {
    const { k } = setup();
    expect(k('config set-context --current --namespace=kube-system')).toEqual(ok('Context "kubespec" modified.\n'));
    expect(k('config view --minify').stdout).toContain('    namespace: kube-system\n');
    expect(k('get deploy nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(k('get pods nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(k('get rs').stderr).not.toContain('default namespace');
    expect(k('config use-context nope')).toEqual(err('error: no context exists with the name: "nope"\n'));
  });

  it('reads logs from serve\'s log store', () => {
    const { k } = setup();
    k('apply -f fixtures/kubectl/solo-pod.yaml');
    expect(k('logs solo --tail=1').stdout).toMatch(/start worker process \d+\n$/);
    expect(k('logs nope')).toEqual(err('error: error from server (NotFound): pods "nope" not found in namespace "default"\n'));
    expect(k('logs solo -c bogus')).toEqual(err('error: container bogus is not valid for pod solo\n'));
  });
});

describe('helpers', () => {
  it('wraps as go-wordwrap does: before the word that would pass the limit, a long word kept whole', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapString('see https://example.com/a/very/long/path ok', 10)).toBe('see\nhttps://example.com/a/very/long/path\nok');
    expect(wrapString('one\ntwo', 76)).toBe('one\ntwo');
  });

  it('writes GNU diff -u hunks', () => {
    expect(unifiedHunks('a\nb\nc\n', 'a\nB\nc\n')).toBe('@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(unifiedHunks('', 'x\n')).toBe('@@ -0,0 +1 @@\n+x\n');
    expect(unifiedHunks('same\n', 'same\n')).toBe('');
  });

  it('reads and writes Go durations', () => {
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('500ms')).toBe(500);
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(5000)).toBe('5s');
  });
});

describe('logs of the requests a spec sent', () => {
  it('show an access line per request, kept until kubectl logs first reads them', () => {
    const { k, cluster } = setup();
    k('apply -f fixtures/kubectl/solo-pod.yaml');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { recordSpecRequest } = require('./logs') as typeof import('./logs');
    const pod = cluster.api.get('Pod', 'solo', 'default')!;
    recordSpecRequest(cluster, pod, 80);
    recordSpecRequest(cluster, pod, 80);
    const lines = k('logs solo --tail=2').stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^10\.244\.\d+\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "kubespec" "-"$/);
  });
});

describe("Go's sort.Sort", () => {
  it('leaves equal elements where pdqsort leaves them (kubectl events of the same second)', () => {
    // { name, second } in the API's list order, as a two-pod Deployment's first events come.
    const listed = [
      ['ckmjx Scheduled', 0], ['ckmjx Pulling', 0], ['ckmjx Pulled', 2], ['ckmjx Created', 3], ['ckmjx Started', 3],
      ['rjw4n Scheduled', 0], ['rjw4n Pulling', 0], ['rjw4n Pulled', 2], ['rjw4n Created', 3], ['rjw4n Started', 3],
      ['rs SuccessfulCreate rjw4n', 0], ['rs SuccessfulCreate ckmjx', 0], ['deploy ScalingReplicaSet', 0],
    ] as [string, number][];
    // What the real kubectl 1.32 printed for these (kubectl events against kubespec serve).
    expect(goSort(listed, (a, b) => a[1] < b[1]).map((x) => x[0])).toEqual([
      'rs SuccessfulCreate rjw4n', 'ckmjx Pulling', 'ckmjx Scheduled', 'deploy ScalingReplicaSet', 'rjw4n Scheduled', 'rjw4n Pulling',
      'rs SuccessfulCreate ckmjx', 'ckmjx Pulled', 'rjw4n Pulled', 'ckmjx Created', 'rjw4n Started', 'rjw4n Created', 'ckmjx Started',
    ]);
  });

  it('sorts', () => {
    const xs = Array.from({ length: 300 }, (_, i) => (i * 7919) % 101);
    expect(goSort([...xs], (a, b) => a < b)).toEqual([...xs].sort((a, b) => a - b));
  });
});

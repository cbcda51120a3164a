// kubectl get --watch / --watch-only / --output-watch-events in simulated time: the list as it
// stands, then one print per change until the cluster is quiet (or --request-timeout has passed).
// The expected texts are what the real kubectl 1.32.5 printed against kubespec serve for the same
// steps (test/differential's 'get --watch' group holds it to that), with the ages as they read here.
import * as fs from 'fs';
import * as path from 'path';
import { Cluster } from '../cluster/cluster';
import { runKubectl } from '.';
import { formatTable } from './printers/tabwriter';

const ROOT = path.resolve(__dirname, '..', '..');
const io = { readFile: (p: string) => ({ text: fs.readFileSync(path.join(ROOT, p), 'utf8'), display: p }) };

/** A cluster with nginx-deployment applied and left to play out (no settle). */
function applied(): Cluster {
  const c = new Cluster({ seed: 1 });
  runKubectl(c, 'kubectl apply -f fixtures/course/nginx-deploy.yaml', io);
  return c;
}

const k = (c: Cluster, line: string) => runKubectl(c, line, io);

test('the pods as they stand, then a row per change, one header, columns that only widen', () => {
  const c = applied();
  const t0 = c.clock.now();
  expect(k(c, 'kubectl get pods -w')).toEqual({
    stdout: [
      'NAME                                READY   STATUS              RESTARTS   AGE',
      'nginx-deployment-7585d658b4-ckmjx   0/1     ContainerCreating   0          0s',
      'nginx-deployment-7585d658b4-rjw4n   0/1     ContainerCreating   0          0s',
      'nginx-deployment-7585d658b4-rjw4n   1/1     Running             0          3s',
      'nginx-deployment-7585d658b4-ckmjx   1/1     Running             0          3s',
      '',
    ].join('\n'),
    stderr: '',
    exitCode: 0,
  });
  // It ended when the cluster was quiet: three seconds on (image pull, container start).
  expect(c.clock.now() - t0).toBe(3000);
  // Quiet already: the list, and nothing more.
  expect(k(c, 'kubectl get deploy -w').stdout).toBe('NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   2/2     2            2           3s\n');
});

test('--output-watch-events: an EVENT column first; an empty list prints the header with the first event', () => {
  const c = applied();
  k(c, 'kubectl get pods -w');
  runKubectl(c, 'kubectl scale deploy nginx-deployment --replicas=3', io);
  expect(k(c, 'kubectl get pods --watch --output-watch-events').stdout).toBe(
    [
      'EVENT      NAME                                READY   STATUS              RESTARTS   AGE',
      'ADDED      nginx-deployment-7585d658b4-45jds   0/1     ContainerCreating   0          0s',
      'ADDED      nginx-deployment-7585d658b4-ckmjx   1/1     Running             0          3s',
      'ADDED      nginx-deployment-7585d658b4-rjw4n   1/1     Running             0          3s',
      'MODIFIED   nginx-deployment-7585d658b4-45jds   1/1     Running             0          3s',
      '',
    ].join('\n'),
  );
  const fresh = new Cluster({ seed: 1 });
  expect(k(fresh, 'kubectl get pods --watch-only')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
});

test('--watch-only, -o name, -o json events, -o yaml documents, a single object', () => {
  const c = applied();
  expect(k(c, 'kubectl get pods --watch-only').stdout).toBe(
    'NAME                                READY   STATUS    RESTARTS   AGE\nnginx-deployment-7585d658b4-rjw4n   1/1     Running   0          3s\nnginx-deployment-7585d658b4-ckmjx   1/1     Running   0          3s\n',
  );
  runKubectl(c, 'kubectl scale deploy nginx-deployment --replicas=1', io);
  expect(k(c, 'kubectl get pods -w -o name').stdout).toBe('pod/nginx-deployment-7585d658b4-ckmjx\npod/nginx-deployment-7585d658b4-rjw4n\npod/nginx-deployment-7585d658b4-rjw4n\n');
  runKubectl(c, 'kubectl scale deploy nginx-deployment --replicas=2', io);
  // A WatchEvent prints as json.Marshal writes the struct: one line, type first, the object's keys sorted.
  const json = k(c, 'kubectl get deploy -w -o json --output-watch-events').stdout.trimEnd().split('\n');
  expect(json.every((l) => /^\{"type":"(ADDED|MODIFIED)","object":\{"apiVersion":"apps\/v1","kind":"Deployment",/.test(l))).toBe(true);
  expect(json[0].startsWith('{"type":"ADDED"')).toBe(true);
  expect(json.length).toBeGreaterThan(1);
  // YAML documents after the first are separated by ---; a watch of one object prints it, then its changes.
  runKubectl(c, 'kubectl scale deploy nginx-deployment --replicas=3', io);
  const yaml = k(c, 'kubectl get deploy nginx-deployment -w -o yaml').stdout;
  expect(yaml.startsWith('apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
  expect(yaml.split('\n---\n').length).toBeGreaterThanOrEqual(2);
  const events = k(c, 'kubectl get deploy nginx-deployment -w -o yaml --output-watch-events').stdout;
  expect(events.startsWith('object:\n  apiVersion: apps/v1\n')).toBe(true);
  expect(events.trimEnd().endsWith('type: ADDED')).toBe(true);
});

test("kubectl's refusals: several types, several names, a missing object", () => {
  const c = applied();
  expect(k(c, 'kubectl get pods,svc -w')).toEqual({ stdout: '', stderr: 'error: you may only specify a single resource type\n', exitCode: 1 });
  expect(k(c, 'kubectl get all -w').stderr).toBe('error: you may only specify a single resource type\n');
  expect(k(c, 'kubectl get pods nope -w')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
  const names = c.api.list('Pod', { namespace: 'default' }).map((p) => p.metadata.name);
  const two = k(c, `kubectl get pods ${names.join(' ')} -w`);
  // The two are listed, then kubectl's Result.Watch refuses to watch them.
  expect(two.stdout.split('\n')).toHaveLength(4);
  expect(two.stderr).toBe('error: you may only watch a single resource or type of resource at a time\n');
  expect(two.exitCode).toBe(1);
});

test('--request-timeout: the watch lasts that long in simulated time, and stops there', () => {
  const c = applied();
  const t0 = c.clock.now();
  const r = k(c, 'kubectl get pods -w --request-timeout=2s');
  expect(c.clock.now() - t0).toBe(2000);
  // Running comes at 3s: not seen.
  expect(r.stdout).not.toContain('Running');
  const quiet = k(c, 'kubectl get nodes -w --request-timeout=5');
  expect(quiet.exitCode).toBe(0);
  expect(c.clock.now() - t0).toBe(7000);
});

test('the runner sees every state the watch lets the cluster pass through (throughout checks)', () => {
  const c = applied();
  let states = 0;
  runKubectl(c, 'kubectl get pods -w', { ...io, settle: { onState: () => void states++ } });
  expect(states).toBeGreaterThan(3);
});

test('the tab writer remembers widths across flushes, as kubectl’s does (liggitt/tabwriter RememberWidths)', () => {
  const widths: number[] = [];
  expect(formatTable([['NAME', 'STATUS', 'AGE'], ['a', 'Pending', '0s']], undefined, widths)).toBe('NAME   STATUS    AGE\na      Pending   0s\n');
  expect(formatTable([['a', 'ContainerCreating', '1s']], undefined, widths)).toBe('a      ContainerCreating   1s\n');
  expect(formatTable([['a', 'Running', '2s']], undefined, widths)).toBe('a      Running             2s\n');
});

test('-f: the object the file names, watched by its name', () => {
  const c = applied();
  const r = k(c, 'kubectl get -f fixtures/course/nginx-deploy.yaml -w');
  expect(r.exitCode).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines[0]).toBe('NAME               READY   UP-TO-DATE   AVAILABLE   AGE');
  expect(lines.slice(1).every((l) => l.startsWith('nginx-deployment   '))).toBe(true);
  expect(lines[lines.length - 1]).toMatch(/^nginx-deployment {3}2\/2 {5}2 {12}2 {11}3s$/);
});

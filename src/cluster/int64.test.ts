// The whole embedded cluster with int64 fields past 2^53 (issue #10): a Deployment whose template
// holds them rolls out, scales and is deleted with every controller running (scheduler, kubelet,
// node lifecycle, garbage collector), its pods carry the exact values, and two templates that
// differ only in the last digit of an int64 are two templates (ComputeHash hashes the int64).
import { Cluster } from './cluster';
import { runKubectl } from '../kubectl/index';
import type { KubeObject } from '../apiserver/types';

const deployment = (grace: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      terminationGracePeriodSeconds: ${grace}
      containers: [{ name: c, image: "nginx:1.26", livenessProbe: { terminationGracePeriodSeconds: 9007199254740993, httpGet: { path: /, port: 80 } } }]
      tolerations: [{ key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 3546343826724305833 }]
`;

test('a Deployment with int64s past 2^53 rolls out, changes template on the last digit, scales and goes', () => {
  const cluster = new Cluster({});
  let text = deployment('9223372036854775807');
  const k = (line: string) => {
    const r = runKubectl(cluster, line, { readFile: () => ({ text, display: 'd.yaml' }) });
    cluster.settle();
    return r;
  };
  expect(k('apply -f d.yaml').exitCode).toBe(0);
  const pods = () => cluster.api.list('Pod', { namespace: 'default' }) as KubeObject[];
  expect(pods()).toHaveLength(3);
  for (const p of pods()) {
    expect(p.status?.phase).toBe('Running');
    expect(p.spec.terminationGracePeriodSeconds).toBe(9223372036854775807n);
    expect(p.spec.containers[0].livenessProbe.terminationGracePeriodSeconds).toBe(9007199254740993n);
    expect(p.spec.tolerations[0].tolerationSeconds).toBe(3546343826724305833n);
  }
  const first = cluster.api.list('ReplicaSet', { namespace: 'default' }).map((r) => r.metadata.name);
  // One below: the same double, another int64, so another template and another ReplicaSet.
  text = deployment('9223372036854775806');
  expect(k('apply -f d.yaml').stdout).toBe('deployment.apps/web configured\n');
  const rss = cluster.api.list('ReplicaSet', { namespace: 'default' });
  expect(rss).toHaveLength(2);
  const next = rss.find((r) => !first.includes(r.metadata.name))!;
  expect(next.spec.template.spec.terminationGracePeriodSeconds).toBe(9223372036854775806n);
  expect(next.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
  expect(pods().filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(3);
  expect(k('scale deploy web --replicas=1').exitCode).toBe(0);
  expect(pods().filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
  expect(k('delete deploy web').exitCode).toBe(0);
  cluster.wait(60_000);
  expect(pods()).toHaveLength(0);
});

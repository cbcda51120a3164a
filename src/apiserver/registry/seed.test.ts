// The course's three manifests (shared/seed, copied into fixtures/course/) are accepted, with the defaults a
// real API server fills in, and the course notes' Service without `port` is rejected as upstream does.
import * as fs from 'fs';
import * as path from 'path';
import { parseYaml } from '../../manifest/yaml';
import type { KubeObject } from '../types';
import { errorOf, newApi } from './testkit';

const repo = path.resolve(__dirname, '../../..');
/** shared/seed beside the repository when present (developers, CI), else the copies in fixtures/course/. */
const SEED_DIRS = [path.resolve(repo, '../shared/seed'), path.join(repo, 'fixtures', 'course')];

function seed(file: string): KubeObject {
  const dir = SEED_DIRS.find((d) => fs.existsSync(path.join(d, file)));
  if (!dir) throw new Error(`seed manifest ${file} not found in ${SEED_DIRS.join(' or ')}`);
  return parseYaml(fs.readFileSync(path.join(dir, file), 'utf8'), file)[0].value as KubeObject;
}

const containerDefaults = { imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} };
const podSpecDefaults = { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' };

test('nginx-deploy.yaml: accepted, RollingUpdate 25%/25%, 10 revisions, 600s deadline, nginx:latest pulls Always', () => {
  const d = newApi().create(seed('nginx-deploy.yaml'));
  expect(d.metadata).toMatchObject({ name: 'nginx-deployment', namespace: 'default', generation: 1, labels: { app: 'nginx' } });
  expect(d.spec).toEqual({
    replicas: 2,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' }, creationTimestamp: null },
      spec: { containers: [{ name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80, protocol: 'TCP' }], ...containerDefaults }], ...podSpecDefaults },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  });
});

test('nginx-svc.yaml: accepted as 8080:30000/TCP with a ClusterIP from 10.96.0.0/12', () => {
  const s = newApi().create(seed('nginx-svc.yaml'));
  expect(s.spec).toEqual({
    type: 'NodePort',
    ports: [{ port: 8080, targetPort: 80, protocol: 'TCP', nodePort: 30000, name: 'http' }],
    selector: { app: 'nginx' },
    sessionAffinity: 'None',
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    ipFamilyPolicy: 'SingleStack',
    ipFamilies: ['IPv4'],
    clusterIP: s.spec.clusterIP,
    clusterIPs: [s.spec.clusterIP],
  });
  expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
});

test('replicaset.yaml: accepted (a name starting with a digit is a valid subdomain), image `nginx` pulls Always', () => {
  const r = newApi().create(seed('replicaset.yaml'));
  expect(r.metadata.name).toBe('3-replicaset');
  expect(r.spec.replicas).toBe(3);
  expect(r.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
  // A template's metadata is a struct holding a zero metav1.Time: a v1.32 server writes `creationTimestamp: null`.
  expect(r.spec.template.metadata).toEqual({ name: '3-replicaset', labels: { app: '3-replicaset' }, creationTimestamp: null });
});

test('the three together in one cluster, and applied again unchanged (no new writes)', () => {
  const api = newApi();
  const files = ['nginx-deploy.yaml', 'nginx-svc.yaml', 'replicaset.yaml'];
  const created = files.map((f) => api.create(seed(f)));
  files.forEach((f, i) => expect(api.update(seed(f)).metadata.resourceVersion).toBe(created[i].metadata.resourceVersion));
});

test("the course notes' Service without `port` is rejected (upstream: validateServicePort)", () => {
  const s = seed('nginx-svc.yaml');
  delete s.spec.ports[0].port;
  expect(errorOf(() => newApi().create(s)).message).toBe('Service "my-nginx" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
});

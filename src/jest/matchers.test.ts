// kubespec/jest's matchers, through Jest's own expect.extend: pass and fail both ways, with
// kubespec's mismatch lines and diff in the message, and toReach moving simulated time only.
import * as path from 'path';
import { createCluster } from '../library/cluster';
import { matchers } from './matchers';
import './index';

const COURSE = path.resolve(__dirname, '..', '..', 'fixtures', 'course');

function cluster() {
  const c = createCluster({ cwd: COURSE });
  c.apply('nginx-deploy.yaml');
  return c;
}

test('kubespec/jest extends the global expect when loaded', () => {
  expect(Object.keys(matchers).sort()).toEqual(['toBeOwnedBy', 'toHaveReadyReplicas', 'toHold', 'toMatchSpec', 'toReach']);
  expect(() => expect({ kind: 'Pod', metadata: { name: 'a' } }).toMatchSpec({ metadata: { name: 'a' } })).not.toThrow();
});

test('toMatchSpec: partial match with /regex/ strings; the failure shows each field and the pruned diff', () => {
  const d = cluster().get('Deployment', 'nginx-deployment');
  expect(d).toMatchSpec({ spec: { replicas: 2, template: { spec: { containers: [{ image: '/^nginx/' }] } } } });
  expect(d).not.toMatchSpec({ spec: { replicas: 3 } });
  expect(() => expect(d).toMatchSpec({ spec: { replicas: 3 } })).toThrow(/Deployment\/nginx-deployment does not match:\n {2}spec\.replicas: expected 3, found 2\n\n--- expected\n\+\+\+ actual\n[^]*- {2}replicas: 3\n\+ {2}replicas: 2/);
  expect(() => expect('nope').toMatchSpec({})).toThrow('expected a Kubernetes object (or a list of them), received string');
});

test('toHaveReadyReplicas and toBeOwnedBy', () => {
  const c = cluster();
  expect(c.get('Deployment', 'nginx-deployment')).toHaveReadyReplicas(2);
  expect(() => expect(c.get('Deployment', 'nginx-deployment')).toHaveReadyReplicas(3)).toThrow('expected Deployment/nginx-deployment to have 3 ready replicas, it has 2 (status.readyReplicas)');
  const pod = c.list('Pod')[0];
  expect(pod).toBeOwnedBy('ReplicaSet');
  expect(pod).toBeOwnedBy('ReplicaSet', /^nginx-deployment-[a-z0-9]+$/);
  expect(pod).not.toBeOwnedBy('Deployment');
  expect(() => expect(pod).toBeOwnedBy('Deployment', 'nginx-deployment')).toThrow(/expected Pod\/nginx-deployment-\S+ to be owned by Deployment nginx-deployment: its controller is ReplicaSet nginx-deployment-/);
});

test('toHold and toReach judge spec assertions on the cluster; toReach waits in simulated time', () => {
  const c = cluster();
  expect(c).toHold({ kind: 'Pod', selector: 'app=nginx', count: 2 });
  expect(() => expect(c).toHold({ kind: 'Pod', selector: 'app=nginx', count: 3 })).toThrow(/^expected 3 Pods with selector app=nginx, found 2: nginx-deployment-\S+, nginx-deployment-\S+$/);
  c.kubectl('scale deployment/nginx-deployment --replicas=4', { settle: false });
  const t0 = c.now().getTime();
  expect(c).toReach({ kind: 'Deployment', name: 'nginx-deployment', match: { status: { availableReplicas: 4 } } }, { within: '1m' });
  expect(c.now().getTime() - t0).toBeLessThanOrEqual(60_000);
  expect(() => expect(c).toReach({ kind: 'Deployment', name: 'nginx-deployment', match: { status: { availableReplicas: 9 } } }, { within: '10s' })).toThrow(/^not reached within 10000 ms of simulated time; at the end:\n\nDeployment nginx-deployment does not match: status.availableReplicas: expected 9, found 4/);
});

// An embedded cluster driven from a Jest test, judged with kubespec's matchers.
const path = require('path');
const { createCluster } = require('kubespec');

test('nginx-deployment runs two ready pods owned by its ReplicaSet', () => {
  const cluster = createCluster({ cwd: path.join(__dirname, '..', 'manifests') });
  expect(cluster.apply('nginx-deploy.yaml')).toBe('deployment.apps/nginx-deployment created');

  const deployment = cluster.get('Deployment', 'nginx-deployment');
  expect(deployment).toHaveReadyReplicas(2);
  expect(deployment).toMatchSpec({ spec: { replicas: 2, template: { spec: { containers: [{ name: 'nginx', image: '/^nginx/' }] } } } });
  for (const pod of cluster.list('Pod', { selector: 'app=nginx' })) expect(pod).toBeOwnedBy('ReplicaSet', /^nginx-deployment-/);
  expect(cluster).toHold({ kind: 'Pod', selector: 'app=nginx', count: 2 });
});

test('kubectl scale reaches four available replicas in simulated time', () => {
  const cluster = createCluster({ cwd: path.join(__dirname, '..', 'manifests') });
  cluster.apply('nginx-deploy.yaml');
  expect(cluster.kubectl('scale deployment/nginx-deployment --replicas=4').stdout).toBe('deployment.apps/nginx-deployment scaled\n');
  expect(cluster).toReach({ kind: 'Deployment', name: 'nginx-deployment', match: { status: { availableReplicas: 4 } } }, { within: '1m' });
});

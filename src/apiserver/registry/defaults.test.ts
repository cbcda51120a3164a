// Defaulting tables, from pkg/apis/core/v1/defaults.go and pkg/apis/apps/v1/defaults.go (and
// their defaults_test.go cases: TestSetDefaultDeployment, TestSetDefaultReplicaSet,
// TestSetDefaultService, TestSetDefaultPullPolicy...), observed through the API server.
import type { KubeObject } from '../types';
import { imageTag } from './defaults';
import { tokenVolume, tokenVolumeSuffix } from './serviceaccount-admission';
import { newApi, nginxDeployment, pod, replicaSet } from './testkit';

describe('imagePullPolicy from the tag (SetDefaults_Container, parsers.ParseImageName)', () => {
  // TestSetDefaultPullPolicy plus registry/port/digest forms.
  const cases: [string, string][] = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.14.2', 'IfNotPresent'],
    ['docker.io/library/nginx:1.25', 'IfNotPresent'],
    ['localhost:5000/nginx', 'Always'],
    ['localhost:5000/nginx:v1', 'IfNotPresent'],
    ['registry.example.com/team/app:latest', 'Always'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`nginx:1.25@sha256:${'b'.repeat(64)}`, 'IfNotPresent'],
    // A reference that does not parse leaves the tag empty (the error is ignored).
    ['Nginx', 'IfNotPresent'],
  ];
  test.each(cases)('%s → %s', (image, policy) => {
    const p = pod();
    p.spec.containers[0].image = image;
    expect(newApi().create(p).spec.containers[0].imagePullPolicy).toBe(policy);
  });
  test('an explicit policy is kept', () => {
    const p = pod();
    p.spec.containers[0].imagePullPolicy = 'Never';
    expect(newApi().create(p).spec.containers[0].imagePullPolicy).toBe('Never');
    expect(imageTag('busybox')).toBe('latest');
    expect(imageTag(`busybox@sha256:${'c'.repeat(64)}`)).toBe('');
  });
});

const templateSpecDefaults = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: 'default-scheduler',
};
const containerDefaults = { imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} };

test('Deployment: SetDefaults_Deployment and the template PodSpec (no enableServiceLinks in templates)', () => {
  const d = newApi().create(nginxDeployment());
  expect(d.spec).toEqual({
    replicas: 2,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' }, creationTimestamp: null },
      spec: { containers: [{ name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80, protocol: 'TCP' }], ...containerDefaults }], ...templateSpecDefaults },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  });
  expect(d.metadata.generation).toBe(1);
  // PrepareForCreate zeroes the status struct, which Go still writes: `status: {}`.
  expect(d.status).toEqual({});
});

test('Deployment: replicas default to 1; Recreate gets no rollingUpdate; partial rollingUpdate is completed', () => {
  const api = newApi();
  const a = nginxDeployment();
  delete a.spec.replicas;
  a.spec.strategy = { type: 'Recreate' };
  const ca = api.create(a);
  expect(ca.spec.replicas).toBe(1);
  expect(ca.spec.strategy).toEqual({ type: 'Recreate' });
  const b = nginxDeployment();
  b.metadata.name = 'b';
  b.spec.strategy = { rollingUpdate: { maxSurge: 1 } };
  b.spec.revisionHistoryLimit = 0;
  const cb = api.create(b);
  expect(cb.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
  expect(cb.spec.revisionHistoryLimit).toBe(0);
});

test('ReplicaSet: replicas default to 1', () => {
  const r = replicaSet();
  delete r.spec.replicas;
  const c = newApi().create(r);
  expect(c.spec.replicas).toBe(1);
  expect(c.spec.template.spec).toEqual({
    containers: [{ name: '3-replicaset', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], ...containerDefaults }],
    ...templateSpecDefaults,
  });
});

describe('Pod defaults (SetDefaults_Pod, SetDefaults_PodSpec) and admission', () => {
  test('a bare pod', () => {
    const p = newApi().create(pod());
    const token = `kube-api-access-${tokenVolumeSuffix(p.metadata.uid!)}`;
    expect(p.spec).toEqual({
      containers: [
        {
          name: 'web',
          image: 'nginx:1.25',
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
          volumeMounts: [{ name: token, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
        },
      ],
      ...templateSpecDefaults,
      enableServiceLinks: true,
      // ServiceAccount (with its token volume), DefaultTolerationSeconds and Priority admission.
      serviceAccountName: 'default',
      serviceAccount: 'default',
      volumes: [tokenVolume(token)],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  test('requests default to limits, for pods only', () => {
    const p = pod();
    p.spec.containers[0].resources = { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } };
    expect(newApi().create(p).spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '128Mi' } });
    const d = nginxDeployment();
    d.spec.template.spec.containers[0].resources = { limits: { cpu: '1' } };
    expect(newApi().create(d).spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '1' } });
  });

  test('probes (SetDefaults_Probe, SetDefaults_HTTPGetAction)', () => {
    const p = pod();
    p.spec.containers[0].readinessProbe = { httpGet: { port: 80 } };
    p.spec.containers[0].livenessProbe = { tcpSocket: { port: 80 }, periodSeconds: 5 };
    const c = newApi().create(p).spec.containers[0];
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
  });

  test('volumes: emptyDir when no source; defaultMode 0644 for configMap and secret', () => {
    const p = pod();
    p.spec.volumes = [{ name: 'scratch' }, { name: 'conf', configMap: { name: 'c' } }, { name: 's', secret: { secretName: 's' } }];
    p.spec.automountServiceAccountToken = false;
    expect(newApi().create(p).spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'conf', configMap: { name: 'c', defaultMode: 420 } },
      { name: 's', secret: { secretName: 's', defaultMode: 420 } },
    ]);
  });

  test('hostNetwork: hostPort defaults to containerPort', () => {
    const p = pod();
    p.spec.hostNetwork = true;
    p.spec.containers[0].ports = [{ containerPort: 8080 }];
    expect(newApi().create(p).spec.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  });
});

describe('Service defaults (SetDefaults_Service) and allocation', () => {
  function svc(spec: Record<string, unknown>): KubeObject {
    return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ...spec } };
  }

  test('ClusterIP', () => {
    const s = newApi().create(svc({ ports: [{ port: 80 }] }));
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      clusterIP: s.spec.clusterIP,
      clusterIPs: [s.spec.clusterIP],
    });
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  test('NodePort: externalTrafficPolicy Cluster; a named targetPort is kept', () => {
    const s = newApi().create(svc({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] }));
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
    expect(s.spec.internalTrafficPolicy).toBe('Cluster');
    expect(s.spec.ports[0].targetPort).toBe('http');
  });

  test('LoadBalancer: allocateLoadBalancerNodePorts true', () => {
    const s = newApi().create(svc({ type: 'LoadBalancer', ports: [{ port: 80 }] }));
    expect(s.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
    expect(s.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
  });

  test('ClientIP affinity gets the 3 hour timeout; None drops any config', () => {
    expect(newApi().create(svc({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] })).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  test('ExternalName gets no ClusterIP, families or internalTrafficPolicy', () => {
    const s = newApi().create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect(s.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  });

  test('headless: clusterIP None, no allocation', () => {
    const s = newApi().create(svc({ clusterIP: 'None', ports: [{ port: 80 }] }));
    expect(s.spec.clusterIPs).toEqual(['None']);
    expect(s.spec.ipFamilyPolicy).toBe('SingleStack');
  });
});

test('Namespace: the metadata.name label, phase Active, the kubernetes finalizer', () => {
  const ns = newApi().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
  expect(ns.status).toEqual({ phase: 'Active' });
});

// What a v1.32 server returns is its Go structs encoded again (encoding/json with k8s.io/api's json
// tags, core/v1/types.go and apps/v1/types.go): `omitempty` drops the zero of a non-pointer bool,
// number, string, slice or map; pointers keep their zero; structs are always written, a zero
// metav1.Time as null.
describe('stored objects as Go writes them back (v1.32 json tags)', () => {
  test('Deployment: paused, minReadySeconds, hostNetwork, empty lists and maps dropped; pointers kept; template creationTimestamp null', () => {
    const d = nginxDeployment();
    Object.assign(d.spec, { replicas: 0, paused: false, minReadySeconds: 0, revisionHistoryLimit: 0 });
    const spec = d.spec.template.spec;
    Object.assign(spec, { hostNetwork: false, hostPID: false, volumes: [], nodeSelector: {}, tolerations: [], serviceAccountName: '', terminationGracePeriodSeconds: 0 });
    Object.assign(spec.containers[0], { env: [], args: [], stdin: false, tty: false, workingDir: '' });
    spec.containers[0].ports[0] = { containerPort: 80, hostPort: 0, name: '' };
    const out = newApi().create(d).spec;
    expect(out).not.toHaveProperty('paused');
    expect(out).not.toHaveProperty('minReadySeconds');
    // *int32 fields keep 0.
    expect(out).toMatchObject({ replicas: 0, revisionHistoryLimit: 0 });
    expect(out.template.metadata).toEqual({ creationTimestamp: null, labels: { app: 'nginx' } });
    expect(out.template.spec).toEqual({ containers: [{ name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80, protocol: 'TCP' }], ...containerDefaults }], ...templateSpecDefaults, terminationGracePeriodSeconds: 0 });
  });

  test('ReplicaSet: minReadySeconds 0 dropped, template creationTimestamp null, status {}', () => {
    const r = replicaSet();
    r.spec.minReadySeconds = 0;
    const stored = newApi().create(r);
    expect(stored.spec).not.toHaveProperty('minReadySeconds');
    expect(stored.spec.template.metadata.creationTimestamp).toBeNull();
    // rsStrategy.PrepareForCreate zeroes the status; the zero struct is written, `status: {}`.
    expect(stored.status).toEqual({});
  });

  test('Pod: enableServiceLinks and automountServiceAccountToken are *bool (false kept), hostNetwork a bool (false dropped)', () => {
    const p = pod();
    Object.assign(p.spec, { enableServiceLinks: false, automountServiceAccountToken: false, hostNetwork: false, hostIPC: false, imagePullSecrets: [] });
    const out = newApi().create(p).spec;
    expect(out).toMatchObject({ enableServiceLinks: false, automountServiceAccountToken: false });
    for (const k of ['hostNetwork', 'hostIPC', 'imagePullSecrets']) expect(out).not.toHaveProperty(k);
  });

  test('Service: externalIPs [], publishNotReadyAddresses false, a port name "" dropped; allocateLoadBalancerNodePorts (*bool) false kept', () => {
    const s: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'lb' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80, name: '' }], selector: { app: 'x' }, externalIPs: [], publishNotReadyAddresses: false, allocateLoadBalancerNodePorts: false, loadBalancerSourceRanges: [] },
    };
    const out = newApi().create(s).spec;
    for (const k of ['externalIPs', 'publishNotReadyAddresses', 'loadBalancerSourceRanges']) expect(out).not.toHaveProperty(k);
    expect(out.allocateLoadBalancerNodePorts).toBe(false);
    expect(out.ports[0]).not.toHaveProperty('name');
    expect(out.ports[0]).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP' });
  });
});

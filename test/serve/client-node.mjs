// Drives `kubespec serve` with the official JavaScript client, @kubernetes/client-node (an ES
// module, hence a child process of client-node.test.ts). Reads KUBECONFIG; prints one JSON object
// per check on stdout ({"check": name, "ok": bool, "detail": ...}) and exits 0 when it ran through.
import * as k8s from '@kubernetes/client-node';

const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);
const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
const ns = 'default';

const results = [];
function check(name, ok, detail) {
  results.push({ check: name, ok: Boolean(ok), detail });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(pred, tries = 400) {
  for (let i = 0; i < tries; i++) {
    if (await pred()) return true;
    await sleep(25);
  }
  return false;
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'client-web', namespace: ns, labels: { app: 'client-web' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'client-web' } },
    template: { metadata: { labels: { app: 'client-web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
};

// ---- typed CRUD ---------------------------------------------------------------------------
const created = await apps.createNamespacedDeployment({ namespace: ns, body: deployment });
check('create deployment', created.metadata?.uid && created.spec?.replicas === 1, created.metadata?.name);
const read = await apps.readNamespacedDeployment({ name: 'client-web', namespace: ns });
check('read deployment', read.metadata?.uid === created.metadata?.uid && read.spec?.strategy?.type === 'RollingUpdate', read.spec?.strategy);
read.spec.replicas = 2;
const replaced = await apps.replaceNamespacedDeployment({ name: 'client-web', namespace: ns, body: read });
check('replace deployment', replaced.spec?.replicas === 2 && replaced.metadata?.generation === 2, replaced.metadata?.generation);
const ready = await until(async () => (await apps.readNamespacedDeployment({ name: 'client-web', namespace: ns })).status?.readyReplicas === 2);
check('deployment becomes ready', ready);
const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=client-web' });
check('list pods by label', pods.items.length === 2 && pods.items.every((p) => p.metadata?.ownerReferences?.[0]?.kind === 'ReplicaSet'), pods.items.map((p) => p.metadata?.name));

// ---- every patch type ---------------------------------------------------------------------
const patchWith = (type) => k8s.setHeaderOptions('Content-Type', type);
const merged = await apps.patchNamespacedDeployment({ name: 'client-web', namespace: ns, body: { metadata: { labels: { merge: 'yes' } } } }, patchWith(k8s.PatchStrategy.MergePatch));
check('merge patch', merged.metadata?.labels?.merge === 'yes');
const strategic = await apps.patchNamespacedDeployment(
  { name: 'client-web', namespace: ns, body: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1.36' }] } } } } },
  patchWith(k8s.PatchStrategy.StrategicMergePatch),
);
check('strategic merge patch merges containers by name', strategic.spec?.template?.spec?.containers?.map((c) => c.name).join(',') === 'nginx,sidecar', strategic.spec?.template?.spec?.containers?.map((c) => c.name));
const jsonPatched = await apps.patchNamespacedDeployment(
  { name: 'client-web', namespace: ns, body: [{ op: 'remove', path: '/spec/template/spec/containers/1' }, { op: 'replace', path: '/spec/replicas', value: 1 }] },
  patchWith(k8s.PatchStrategy.JsonPatch),
);
check('json patch', jsonPatched.spec?.replicas === 1 && jsonPatched.spec?.template?.spec?.containers?.length === 1);
const applied = await objects.patch(
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'client-svc', namespace: ns }, spec: { selector: { app: 'client-web' }, ports: [{ port: 80 }] } },
  undefined,
  undefined,
  'client-test',
  true,
  k8s.PatchStrategy.ServerSideApply,
);
check('server-side apply creates', applied.metadata?.managedFields?.some((f) => f.manager === 'client-test' && f.operation === 'Apply'), applied.metadata?.managedFields);

// ---- errors -------------------------------------------------------------------------------
try {
  await core.readNamespacedPod({ name: 'nope', namespace: ns });
  check('404 is an ApiException', false, 'no error');
} catch (e) {
  const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
  check('404 is an ApiException', e.code === 404 && body?.reason === 'NotFound' && body?.message === 'pods "nope" not found', { code: e.code, body });
}
try {
  await apps.createNamespacedDeployment({ namespace: ns, body: deployment });
  check('409 AlreadyExists', false, 'no error');
} catch (e) {
  const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
  check('409 AlreadyExists', e.code === 409 && body?.reason === 'AlreadyExists', { code: e.code, body });
}
try {
  await core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'bad-svc' }, spec: { ports: [{ targetPort: 80 }] } } });
  check('422 Invalid with causes', false, 'no error');
} catch (e) {
  const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
  check('422 Invalid with causes', e.code === 422 && body?.details?.causes?.some((c) => c.field === 'spec.ports[0].port' && /^FieldValue/.test(c.reason)), { code: e.code, body });
}

// ---- informer: adds, updates, deletes -----------------------------------------------------
const podInformer = k8s.makeInformer(kc, `/api/v1/namespaces/${ns}/pods`, () => core.listNamespacedPod({ namespace: ns }), 'informer=yes');
const pseen = { add: new Set(), update: new Set(), delete: new Set() };
podInformer.on('add', (o) => pseen.add.add(o.metadata?.name));
podInformer.on('update', (o) => pseen.update.add(o.metadata?.name));
podInformer.on('delete', (o) => pseen.delete.add(o.metadata?.name));
await podInformer.start();
const pod = { metadata: { name: 'watched', labels: { informer: 'yes' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
await core.createNamespacedPod({ namespace: ns, body: pod });
check('informer sees the add', await until(() => pseen.add.has('watched')));
check('informer sees updates (the pod starting)', await until(() => pseen.update.has('watched')));
check('informer cache has the running pod', await until(() => podInformer.get('watched', ns)?.status?.phase === 'Running'));
await core.deleteNamespacedPod({ name: 'watched', namespace: ns });
check('informer sees the delete', await until(() => pseen.delete.has('watched')));
await podInformer.stop();

// ---- watch replay and 410 -----------------------------------------------------------------
const list = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=client-web' });
const watch = new k8s.Watch(kc);
const replayed = [];
const req = await watch.watch(
  `/api/v1/namespaces/${ns}/pods`,
  { resourceVersion: '1', allowWatchBookmarks: true },
  (type, obj) => replayed.push({ type, obj }),
  () => undefined,
);
await until(() => replayed.length > 0);
req.abort();
check('watch from resourceVersion 1 (past the history) is an ERROR 410 Expired', replayed[0]?.type === 'ERROR' && replayed[0]?.obj?.code === 410 && replayed[0]?.obj?.reason === 'Expired', replayed[0]);

const events = [];
const req2 = await watch.watch(`/api/v1/namespaces/${ns}/pods`, { resourceVersion: list.metadata?.resourceVersion, labelSelector: 'app=client-web' }, (type, obj) => events.push({ type, name: obj.metadata?.name }), () => undefined);
await apps.patchNamespacedDeploymentScale({ name: 'client-web', namespace: ns, body: { spec: { replicas: 2 } } }, patchWith(k8s.PatchStrategy.MergePatch));
check('watch from the list resourceVersion sees the new pod', await until(() => events.some((e) => e.type === 'ADDED')), events);
req2.abort();

// ---- delete ------------------------------------------------------------------------------
const status = await apps.deleteNamespacedDeployment({ name: 'client-web', namespace: ns, propagationPolicy: 'Foreground' });
// Foreground deletion leaves the object in place (finalizer foregroundDeletion), so the answer is the
// object, not a Status; the typed client reads it as a V1Status, which keeps only its kind.
check('delete (foreground) answers the object being deleted', status?.kind === 'Deployment', status);
check('the deployment goes away with its pods', await until(async () => (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=client-web' })).items.length === 0));

for (const r of results) process.stdout.write(JSON.stringify(r) + '\n');

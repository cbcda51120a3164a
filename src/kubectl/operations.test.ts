// The verbs through runKubectl, on a cluster without controllers (so the state is exactly what the
// test made) unless a test says otherwise. Expected texts are kubectl v1.32's.
import { Cluster } from '../cluster/cluster';
import type { KubeObject } from '../apiserver/types';
import { runKubectl, type KubectlResult } from './index';
import { LAST_APPLIED } from './apply';
import * as ops from './operations';
import { fieldError, invalidError } from '../apiserver/errors';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:latest
          ports:
            - containerPort: 80
`;

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: 3-replicaset
spec:
  template:
    metadata:
      labels:
        app: 3-replicaset
    spec:
      containers:
        - name: 3-replicaset
          image: nginx
  replicas: 3
  selector:
    matchLabels:
      app: 3-replicaset
`;

function setup(files: Record<string, string> = {}, withControllers = false) {
  const cluster = withControllers ? new Cluster() : new Cluster({}, []);
  const io = {
    readFile(p: string) {
      if (!(p in files)) throw new Error(`${p}: no such file`);
      return { text: files[p], display: p };
    },
  };
  const k = (line: string): KubectlResult => runKubectl(cluster, line, io);
  return { cluster, api: cluster.api, k, files };
}

const stdout = (r: KubectlResult) => {
  if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${r.stderr}`);
  return r.stdout;
};

describe('apply', () => {
  it('creates with the last-applied annotation, then reports unchanged, then configured', () => {
    const { k, api, files } = setup({ 'd.yaml': DEPLOY });
    expect(k('kubectl apply -f d.yaml')).toEqual({ stdout: 'deployment.apps/nginx-deployment created\n', stderr: '', exitCode: 0 });
    const live = api.get('Deployment', 'nginx-deployment')!;
    const lastApplied = live.metadata.annotations![LAST_APPLIED];
    expect(lastApplied).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx-deployment","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:latest","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n',
    );
    expect(stdout(k('apply -f d.yaml'))).toBe('deployment.apps/nginx-deployment unchanged\n');
    files['d.yaml'] = DEPLOY.replace('replicas: 2', 'replicas: 4');
    expect(stdout(k('apply -f d.yaml'))).toBe('deployment.apps/nginx-deployment configured\n');
    expect(api.get('Deployment', 'nginx-deployment')!.spec.replicas).toBe(4);
  });

  it('removes what the manifest no longer sets, keeps what others set', () => {
    const { k, api, files } = setup({ 'd.yaml': DEPLOY.replace('  labels:\n    app: nginx\nspec', '  labels:\n    app: nginx\n    tier: web\nspec') });
    stdout(k('apply -f d.yaml'));
    // Someone else (kubectl label) adds a label; the manifest then drops `tier`.
    stdout(k('label deployment nginx-deployment owner=ops'));
    files['d.yaml'] = DEPLOY;
    expect(stdout(k('apply -f d.yaml'))).toBe('deployment.apps/nginx-deployment configured\n');
    expect(api.get('Deployment', 'nginx-deployment')!.metadata.labels).toEqual({ app: 'nginx', owner: 'ops' });
  });

  it('switches a RollingUpdate Deployment to Recreate (retainKeys drops rollingUpdate)', () => {
    const { k, api, files } = setup({ 'd.yaml': DEPLOY });
    stdout(k('apply -f d.yaml'));
    // The server's defaults (as SetDefaults_Deployment fills them).
    const live = structuredClone(api.get('Deployment', 'nginx-deployment')!) as KubeObject;
    live.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    api.update(live);
    files['d.yaml'] = DEPLOY.replace('spec:\n  replicas: 2', 'spec:\n  strategy:\n    type: Recreate\n  replicas: 2');
    expect(stdout(k('apply -f d.yaml'))).toBe('deployment.apps/nginx-deployment configured\n');
    expect(api.get('Deployment', 'nginx-deployment')!.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('applies every document of a file, goes on after an error and exits 1', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: my-nginx\nspec:\n  ports:\n  - port: 8080\n';
    const { k } = setup({ 'all.yaml': `${DEPLOY}---\n${svc}---\n${RS}`, 'd.yaml': DEPLOY });
    stdout(k('create -f d.yaml'));
    const r = k('create -f all.yaml');
    expect(r.stdout).toBe('service/my-nginx created\nreplicaset.apps/3-replicaset created\n');
    expect(r.stderr).toBe('Error from server (AlreadyExists): error when creating "all.yaml": deployments.apps "nginx-deployment" already exists\n');
    expect(r.exitCode).toBe(1);
  });

  it('warns when the live object was not created by apply', () => {
    const { k } = setup({ 'd.yaml': DEPLOY });
    stdout(k('create -f d.yaml'));
    const r = k('apply -f d.yaml');
    expect(r.stdout).toBe('deployment.apps/nginx-deployment configured\n');
    expect(r.stderr).toBe(
      'Warning: resource deployments/nginx-deployment is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
  });

  it('reports YAML errors and missing files as kubectl does', () => {
    const { k } = setup({ 'bad.yaml': 'kind: Pod\nmetadata:\n  name: [x\n' });
    const r = k('apply -f bad.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'\n");
    const { k: k2 } = setup({ 'tab.yaml': 'kind: Pod\nmetadata:\n\tname: x\n', 'dup.yaml': 'kind: Pod\nkind: Service\n', 'map.yaml': 'kind: Pod\nmetadata:\n  name: x: y\n' });
    expect(k2('apply -f tab.yaml').stderr).toBe('error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 3: found character that cannot start any token\n');
    expect(k2('apply -f dup.yaml').stderr).toBe('error: error parsing dup.yaml: error converting YAML to JSON: yaml: unmarshal errors:\n  line 2: key "kind" already set in map\n');
    expect(k2('apply -f map.yaml').stderr).toBe('error: error parsing map.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n');
    expect(k('apply -f nope.yaml').stderr).toBe('error: the path "nope.yaml" does not exist\n');
    expect(k('apply').stderr).toBe('error: must specify one of -f and -k\n');
  });

  it('renders Invalid errors as cmdutil.CheckErr does: one alone, or "Error from server" among several', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: my-nginx\nspec:\n  type: NodePort\n  ports:\n  - targetPort: 80\n';
    const { k, api } = setup({ 'svc.yaml': svc, 'two.yaml': `${svc}---\n${svc.replace('my-nginx', 'other')}` });
    // The Service strategy's rejection (validation is the registry's business; here it is stubbed).
    jest.spyOn(api, 'create').mockImplementation((obj) => {
      throw invalidError('Service', '', obj.metadata.name!, [fieldError.required('spec.ports[0].port')]);
    });
    // (the file whose object failed is named for reports: the cause of a step, runner/run-spec.ts)
    expect(k('apply -f svc.yaml')).toEqual({ stdout: '', stderr: 'The Service "my-nginx" is invalid: spec.ports[0].port: Required value\n', exitCode: 1, failedSources: ['svc.yaml'] });
    expect(k('apply -f two.yaml').stderr).toBe(
      'Error from server (Invalid): error when creating "two.yaml": Service "my-nginx" is invalid: spec.ports[0].port: Required value\n' +
        'Error from server (Invalid): error when creating "two.yaml": Service "other" is invalid: spec.ports[0].port: Required value\n',
    );
    jest.spyOn(api, 'create').mockImplementation((obj) => {
      throw invalidError('Service', '', obj.metadata.name!, [fieldError.required('spec.ports[0].port'), fieldError.required('spec.selector')]);
    });
    expect(k('apply -f svc.yaml').stderr).toBe('The Service "my-nginx" is invalid: \n* spec.ports[0].port: Required value\n* spec.selector: Required value\n');
  });
});

describe('delete', () => {
  it('prints `<kind>[.<group>] "<name>" deleted` and passes the propagation policy', () => {
    const { k, api } = setup({ 'rs.yaml': RS });
    stdout(k('apply -f rs.yaml'));
    expect(stdout(k('delete -f rs.yaml --cascade=orphan'))).toBe('replicaset.apps "3-replicaset" deleted\n');
    // Without a garbage collector the orphan finalizer stays, which shows the policy reached the API.
    expect(api.get('ReplicaSet', '3-replicaset')!.metadata.finalizers).toEqual(['orphan']);
  });

  it('warns about boolean --cascade and refuses unknown values', () => {
    const { k } = setup({ 'rs.yaml': RS });
    stdout(k('apply -f rs.yaml'));
    expect(k('delete rs 3-replicaset --cascade=bogus')).toEqual({ stdout: '', stderr: 'error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n', exitCode: 1 });
    const r = k('delete replicaset/3-replicaset --cascade=false');
    expect(r.stderr).toBe('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
    expect(r.stdout).toBe('replicaset.apps "3-replicaset" deleted\n');
  });

  it('reports missing objects, selectors matching nothing, and missing arguments', () => {
    const { k } = setup();
    expect(k('delete pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(k('delete pods -l app=none')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
    expect(k('delete pods').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(k('delete pod x --all').stderr).toBe('error: name cannot be provided when a selector is specified\n');
    expect(k('delete').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(k('delete foo x').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
  });
});

describe('scale, set image, label', () => {
  it('scales with the --current-replicas precondition', () => {
    const { k, api } = setup({ 'rs.yaml': RS });
    stdout(k('apply -f rs.yaml'));
    expect(stdout(k('kubectl scale replicaset/3-replicaset --replicas=5'))).toBe('replicaset.apps/3-replicaset scaled\n');
    expect(api.get('ReplicaSet', '3-replicaset')!.spec.replicas).toBe(5);
    expect(k('scale rs 3-replicaset --replicas=2 --current-replicas=3').stderr).toBe('error: Expected replicas to be 3, was 5\n');
    expect(k('scale rs/3-replicaset --replicas=-1').stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect(k('scale rs/3-replicaset').stderr).toBe('error: required flag(s) "replicas" not set\n');
  });

  it('sets images, says nothing when nothing changes, and names unknown containers', () => {
    const { k, api } = setup({ 'd.yaml': DEPLOY });
    stdout(k('apply -f d.yaml'));
    expect(stdout(k('set image deployment/nginx-deployment nginx=nginx:1.16.1'))).toBe('deployment.apps/nginx-deployment image updated\n');
    expect(api.get('Deployment', 'nginx-deployment')!.spec.template.spec.containers[0].image).toBe('nginx:1.16.1');
    expect(k('set image deployment/nginx-deployment nginx=nginx:1.16.1')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(k('set image deployment/nginx-deployment nginy=nginx:1.17')).toEqual({ stdout: '', stderr: 'error: unable to find container named "nginy"\n', exitCode: 1 });
  });

  it('labels, refuses to overwrite without --overwrite, removes with key-', () => {
    const { k, api } = setup({ 'd.yaml': DEPLOY });
    stdout(k('apply -f d.yaml'));
    expect(stdout(k('label deploy nginx-deployment tier=web'))).toBe('deployment.apps/nginx-deployment labeled\n');
    expect(k('label deploy nginx-deployment tier=db').stderr).toBe("error: 'tier' already has a value (web), and --overwrite is false\n");
    expect(stdout(k('label deploy nginx-deployment tier=db --overwrite'))).toBe('deployment.apps/nginx-deployment labeled\n');
    expect(stdout(k('label deploy nginx-deployment tier=db'))).toBe('deployment.apps/nginx-deployment not labeled\n');
    expect(stdout(k('label deploy nginx-deployment tier-'))).toBe('deployment.apps/nginx-deployment unlabeled\n');
    expect(api.get('Deployment', 'nginx-deployment')!.metadata.labels).toEqual({ app: 'nginx' });
    expect(k('label deploy nginx-deployment').stderr).toBe('error: at least one label update is required\n');
  });
});

describe('patch', () => {
  it('patches with strategic, merge and JSON patches and says when nothing changed', () => {
    const { k, api } = setup({ 'd.yaml': DEPLOY });
    stdout(k('apply -f d.yaml'));
    expect(stdout(k(`patch deployment nginx-deployment -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}'`))).toBe('deployment.apps/nginx-deployment patched\n');
    expect(api.get('Deployment', 'nginx-deployment')!.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] });
    expect(stdout(k(`patch deploy/nginx-deployment --type=merge -p 'spec: {replicas: 2}'`))).toBe('deployment.apps/nginx-deployment patched (no change)\n');
    expect(stdout(k(`patch deploy/nginx-deployment --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`))).toBe('deployment.apps/nginx-deployment patched\n');
    expect(api.get('Deployment', 'nginx-deployment')!.spec.replicas).toBe(3);
    expect(k('patch deploy/nginx-deployment --type=foo -p x').stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(k('patch deploy/nginx-deployment').stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
  });
});

describe('create deployment, expose', () => {
  it('creates a Deployment shaped as kubectl builds it, and a Service selecting its pods', () => {
    const { k, api } = setup();
    expect(stdout(k('create deployment web --image=nginx:1.25 --image=registry.k8s.io/busybox --replicas=3 --port=80'))).toBe('deployment.apps/web created\n');
    const d = api.get('Deployment', 'web')!;
    expect(d.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec).toMatchObject({ replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } });
    expect(d.spec.template.spec.containers.map((c: any) => [c.name, c.image, c.ports])).toEqual([
      ['nginx', 'nginx:1.25', [{ containerPort: 80, protocol: 'TCP' }]],
      ['busybox', 'registry.k8s.io/busybox', undefined],
    ]);
    expect(stdout(k('expose deployment web --port=8080 --target-port=80 --type=NodePort --name=web-svc'))).toBe('service/web-svc exposed\n');
    expect(api.get('Service', 'web-svc')!.spec).toMatchObject({ type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 8080, protocol: 'TCP', targetPort: 80 }] });
    // Without --port, the container ports are used, and targetPort is the same number.
    expect(stdout(k('expose deploy web'))).toBe('service/web exposed\n');
    expect(api.get('Service', 'web')!.spec.ports).toMatchObject([{ port: 80, targetPort: 80, protocol: 'TCP' }]);
    expect(k('create deployment x').stderr).toBe('error: required flag(s) "image" not set\n');
    expect(k('create deployment --image=nginx').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
  });
});

describe('get', () => {
  it('says there is nothing on stderr, per namespace', () => {
    const { k } = setup();
    expect(k('get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    // (kube-system holds the kubeadm system pods; kube-public is empty, and no namespace has a Secret.)
    expect(k('get pods -n kube-public').stderr).toBe('No resources found in kube-public namespace.\n');
    expect(k('get secrets -A').stderr).toBe('No resources found\n');
  });

  it('prints several types as separate tables with kind prefixes', () => {
    const { k, cluster } = setup({ 'rs.yaml': RS, 'd.yaml': DEPLOY });
    stdout(k('apply -f rs.yaml'));
    stdout(k('apply -f d.yaml'));
    cluster.clock.advanceTo(cluster.clock.now() + 10_000);
    expect(stdout(k('get replicaset,deployments'))).toBe(
      'NAME                           DESIRED   CURRENT   READY   AGE\nreplicaset.apps/3-replicaset   3         0         0       10s\n\nNAME                               READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/nginx-deployment   0/2     0            0           10s\n',
    );
    // One type asked for twice by name: no prefix; missing names are errors after the table.
    const r = k('get rs 3-replicaset nope');
    expect(r.stdout).toBe('NAME           DESIRED   CURRENT   READY   AGE\n3-replicaset   3         0         0       10s\n');
    expect(r.stderr).toBe('Error from server (NotFound): replicasets.apps "nope" not found\n');
    expect(stdout(k('get rs,deploy -o name'))).toBe('replicaset.apps/3-replicaset\ndeployment.apps/nginx-deployment\n');
    expect(k('get foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
  });

  it('prints one object as itself and several as a List in YAML and JSON', () => {
    const { k } = setup({ 'rs.yaml': RS });
    stdout(k('apply -f rs.yaml'));
    const one = stdout(k('get rs 3-replicaset -o yaml'));
    expect(one.startsWith('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"apps/v1"')).toBe(true);
    const list = stdout(k('get rs -o yaml'));
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: apps/v1\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(stdout(k('get pods -o json'))).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });

  it('filters by label and field selectors and shows labels', () => {
    const { k, api } = setup();
    for (const [name, app, node] of [['a', 'x', 'worker0'], ['b', 'y', 'worker1']]) {
      api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }] } });
    }
    // A new pod is Pending (the pod strategy's PrepareForCreate), nothing has run it here.
    expect(stdout(k('get pods -l app=x --show-labels'))).toBe('NAME   READY   STATUS    RESTARTS   AGE   LABELS\na      0/1     Pending   0          0s    app=x\n');
    expect(stdout(k('get pods --field-selector spec.nodeName=worker1 -o name'))).toBe('pod/b\n');
  });

  it('adds label columns and sorts by a JSONPath', () => {
    const { k, api, cluster } = setup();
    for (const [name, tier] of [['b', 'web'], ['a', 'db']]) {
      api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { 'app.kubernetes.io/tier': tier } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      cluster.clock.advanceTo(cluster.clock.now() + 5000);
    }
    expect(stdout(k('get pods -L app.kubernetes.io/tier --sort-by=.metadata.creationTimestamp'))).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   TIER\nb      0/1     Pending   0          10s   web\na      0/1     Pending   0          5s    db\n',
    );
  });

  it('get all lists the all category with kind prefixes', () => {
    const { k, cluster } = setup({ 'rs.yaml': RS });
    stdout(k('apply -f rs.yaml'));
    cluster.clock.advanceTo(cluster.clock.now() + 3000);
    expect(stdout(k('get all'))).toBe(
      'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   3s\n\nNAME                           DESIRED   CURRENT   READY   AGE\nreplicaset.apps/3-replicaset   3         0         0       3s\n',
    );
  });

  it('lists 10,000 pods in milliseconds', () => {
    const { k, api } = setup();
    for (let i = 0; i < 10_000; i++) {
      api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: 'big' } }, spec: { nodeName: 'worker0', containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Running' } });
    }
    k('get pods'); // warm up (lazy requires)
    const t0 = performance.now();
    const r = k('get pods -o wide');
    const ms = performance.now() - t0;
    expect(r.stdout.split('\n').length).toBe(10_002);
    expect(ms).toBeLessThan(500);
    if (process.env.KUBESPEC_TIMINGS) console.log(`get pods -o wide over 10,000 pods: ${ms.toFixed(1)} ms`);
  });
});

describe('rollout', () => {
  /** A Deployment with two owned ReplicaSets at revisions 1 (nginx:1.14) and 2 (nginx:1.16). */
  function history() {
    const s = setup();
    const { api } = s;
    const template = (image: string, hash: string) => ({ metadata: { labels: { app: 'nginx', 'pod-template-hash': hash } }, spec: { containers: [{ name: 'nginx', image }] } });
    const d = api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx', annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16' }] } } },
    });
    const owner = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }];
    for (const [rev, image, hash, cause] of [['1', 'nginx:1.14', 'aaaa', ''], ['2', 'nginx:1.16', 'bbbb', 'kubectl set image']]) {
      api.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `nginx-${hash}`, labels: { app: 'nginx', 'pod-template-hash': hash }, ownerReferences: owner, annotations: { 'deployment.kubernetes.io/revision': rev, ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) } },
        spec: { replicas: rev === '2' ? 2 : 0, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': hash } }, template: template(image, hash) },
      });
    }
    return s;
  }

  it('undo patches the template of the previous revision back', () => {
    const { k, api } = history();
    expect(stdout(k('rollout undo deployment/nginx'))).toBe('deployment.apps/nginx rolled back\n');
    const d = api.get('Deployment', 'nginx')!;
    expect(d.spec.template).toMatchObject({ metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }] } });
    expect(d.spec.template.metadata.labels).toEqual({ app: 'nginx' });
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
  });

  it('undo to the current template is skipped; unknown revisions and paused deployments are errors', () => {
    const { k, api } = history();
    expect(stdout(k('rollout undo deployment/nginx --to-revision=2'))).toBe('deployment.apps/nginx skipped rollback (current template already matches revision 2)\n');
    expect(k('rollout undo deployment/nginx --to-revision=7').stderr).toBe('error: unable to find specified revision 7 in history\n');
    stdout(k('rollout pause deployment/nginx'));
    expect(api.get('Deployment', 'nginx')!.spec.paused).toBe(true);
    expect(k('rollout pause deployment/nginx').stderr).toBe('error: deployments.apps "nginx" is already paused\n');
    expect(k('rollout undo deployment/nginx').stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
    expect(stdout(k('rollout resume deployment/nginx'))).toBe('deployment.apps/nginx resumed\n');
    expect(k('rollout resume deployment/nginx').stderr).toBe('error: deployments.apps "nginx" is not paused\n');
    expect(k('rollout undo rs/nginx-aaaa').stderr).toBe('error: no rollbacker has been implemented for "ReplicaSet.apps"\n');
  });

  it('undo without history says so', () => {
    const { k, api } = setup();
    api.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'lonely' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } });
    expect(k('rollout undo deploy lonely').stderr).toBe('error: no rollout history found for deployment "lonely"\n');
  });

  it('history lists revisions with their change-cause', () => {
    const { k } = history();
    expect(stdout(k('rollout history deployment/nginx'))).toBe('deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image\n\n');
    expect(stdout(k('rollout history deployment/nginx --revision=1'))).toMatch(/^deployment\.apps\/nginx with revision #1\nPod Template:\n {2}Labels:\s+app=nginx\n\s+pod-template-hash=aaaa\n {2}Containers:\n {3}nginx:\n {4}Image:\s+nginx:1\.14\n/);
  });

  // --watch=false: the one message the Deployment stands at (no controllers run here to move it on;
  // following a rollout is rollout-status.test.ts's).
  it('status --watch=false reports one snapshot with the viewer messages', () => {
    const { k, api } = history();
    const setStatus = (status: any, generation?: number) => {
      const d = structuredClone(api.get('Deployment', 'nginx')!) as KubeObject;
      d.status = { observedGeneration: generation ?? d.metadata.generation, ...status };
      api.updateStatus(d);
    };
    setStatus({ replicas: 3, updatedReplicas: 1, availableReplicas: 2 });
    expect(stdout(k('rollout status deployment/nginx --watch=false'))).toBe('Waiting for deployment "nginx" rollout to finish: 1 out of 2 new replicas have been updated...\n');
    setStatus({ replicas: 3, updatedReplicas: 2, availableReplicas: 2 });
    expect(stdout(k('rollout status deployment/nginx --watch=false'))).toBe('Waiting for deployment "nginx" rollout to finish: 1 old replicas are pending termination...\n');
    setStatus({ replicas: 2, updatedReplicas: 2, availableReplicas: 1 });
    expect(stdout(k('rollout status deployment/nginx --watch=false'))).toBe('Waiting for deployment "nginx" rollout to finish: 1 of 2 updated replicas are available...\n');
    setStatus({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    expect(stdout(k('rollout status deployment/nginx --watch=false'))).toBe('deployment "nginx" successfully rolled out\n');
    setStatus({ replicas: 2 }, 0);
    expect(stdout(k('rollout status deployment/nginx --watch=false'))).toBe('Waiting for deployment spec update to be observed...\n');
    setStatus({ replicas: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(k('rollout status deployment/nginx --watch=false')).toEqual({ stdout: '', stderr: 'error: deployment "nginx" exceeded its progress deadline\n', exitCode: 1 });
  });

  it('restart stamps the template with the simulated time', () => {
    const { k, api, cluster } = history();
    cluster.clock.advanceTo(Date.UTC(2024, 0, 1, 0, 5, 7));
    expect(stdout(k('rollout restart deployment/nginx'))).toBe('deployment.apps/nginx restarted\n');
    expect(api.get('Deployment', 'nginx')!.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:05:07Z' });
    expect(k('rollout restart deployment/nginx').stderr).toBe(
      'error: failed to create patch for nginx: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    );
  });

  it('the runner API takes structured targets', () => {
    const { cluster } = history();
    expect(ops.rollout(cluster, 'undo', { kind: 'Deployment', name: 'nginx' }, { toRevision: 1 }).stdout).toBe('deployment.apps/nginx rolled back\n');
    expect(ops.scale(cluster, { kind: 'Deployment', name: 'nginx' }, { replicas: 3 }).stdout).toBe('deployment.apps/nginx scaled\n');
    expect(ops.setImage(cluster, { kind: 'Deployment', name: 'nginx' }, { nginx: 'nginx:1.17' }).stdout).toBe('deployment.apps/nginx image updated\n');
    expect(ops.label(cluster, { kind: 'ReplicaSet', selector: 'app=nginx' }, { set: { a: 'b' } }).stdout).toBe('replicaset.apps/nginx-aaaa labeled\nreplicaset.apps/nginx-bbbb labeled\n');
    expect(ops.deleteResources(cluster, { kind: 'ReplicaSet', names: ['nginx-aaaa'] }, { cascade: 'foreground' }).stdout).toBe('replicaset.apps "nginx-aaaa" deleted\n');
  });
});

describe('readManifest (for the runner)', () => {
  it('reads documents with their file, or returns what kubectl prints', () => {
    const r = ops.readManifest(`${DEPLOY}---\n${RS}`, 'all.yaml');
    expect('objects' in r && r.objects.map((o) => [o.object.kind, o.source])).toEqual([['Deployment', 'all.yaml'], ['ReplicaSet', 'all.yaml']]);
    const bad = ops.readManifest('metadata:\n  name: x\n', 'x.yaml');
    expect('error' in bad && bad.error).toEqual({ stdout: '', stderr: 'error: unable to decode "x.yaml": Object \'Kind\' is missing in \'{"metadata":{"name":"x"}}\'\n', exitCode: 1 });
  });
});

describe('describe', () => {
  it('describes a Deployment as describe.go lays it out', () => {
    const { k, cluster } = setup({ 'd.yaml': DEPLOY }, true);
    stdout(k('apply -f d.yaml'));
    cluster.settle();
    const text = stdout(k('describe deployment nginx-deployment'));
    const hash = /NewReplicaSet: {3}(nginx-deployment-\w+) \(2\/2 replicas created\)/.exec(text)?.[1];
    expect(hash).toBeDefined();
    expect(text).toContain(
      [
        'Name:                   nginx-deployment',
        'Namespace:              default',
        'CreationTimestamp:      Mon, 01 Jan 2024 00:00:00 +0000',
        'Labels:                 app=nginx',
        'Annotations:            deployment.kubernetes.io/revision: 1',
        'Selector:               app=nginx',
        'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:  app=nginx',
        '  Containers:',
        '   nginx:',
        '    Image:         nginx:latest',
        '    Port:          80/TCP',
        '    Host Port:     0/TCP',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  <none>',
        `NewReplicaSet:   ${hash} (2/2 replicas created)`,
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        `  Normal  ScalingReplicaSet  3s    deployment-controller  Scaled up replica set ${hash} from 0 to 2`,
      ].join('\n'),
    );
    // A name that is only a prefix describes every match, separated by a blank line.
    const pods = stdout(k('describe pod nginx-deployment'));
    expect(pods.match(/^Name: +nginx-deployment-/gm)).toHaveLength(2);
    expect(pods).toContain('\n\n\nName:');
    expect(k('describe pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('the course, end to end with the controllers', () => {
  it('apply, get, scale, orphan delete', () => {
    const { k, cluster } = setup({ 'nginx-deploy.yaml': DEPLOY, 'replicaset.yaml': RS }, true);
    stdout(k('apply -f nginx-deploy.yaml'));
    stdout(k('apply -f replicaset.yaml'));
    cluster.settle();
    const deployments = stdout(k('get deployments'));
    expect(deployments).toMatch(/^NAME {15}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nnginx-deployment {3}2\/2 {5}2 {12}2 {11}\d+s\n$/);
    const listed = stdout(k('get replicaset,pods'));
    expect(listed).toMatch(/^NAME +DESIRED +CURRENT +READY +AGE\nreplicaset\.apps\/3-replicaset +3 +3 +3 +\d+s\n/);
    expect(listed.match(/^pod\/3-replicaset-[a-z0-9]{5} +1\/1 +Running +0 +\d+s$/gm)).toHaveLength(3);
    stdout(k('scale replicaset/3-replicaset --replicas=5'));
    cluster.settle();
    expect(stdout(k('get pods -l app=3-replicaset -o name')).trim().split('\n')).toHaveLength(5);
    expect(stdout(k('delete -f replicaset.yaml --cascade=orphan'))).toBe('replicaset.apps "3-replicaset" deleted\n');
    cluster.settle();
    expect(k('get rs 3-replicaset').stderr).toBe('Error from server (NotFound): replicasets.apps "3-replicaset" not found\n');
    expect(stdout(k('get pods -l app=3-replicaset -o name')).trim().split('\n')).toHaveLength(5);
  });
});

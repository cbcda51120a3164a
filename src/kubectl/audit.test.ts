// What the kubectl emulation issue listed as different, each held here to what the real kubectl
// 1.32.5 printed against kubespec serve (test/differential has the same lines, compared live):
// describe of every served kind, resource spellings, --record and CHANGE-CAUSE, rollout without a
// name, missing objects under -o yaml|json|go-template, -k refused in one line.
import * as fs from 'fs';
import * as path from 'path';
import { Cluster } from '../cluster/cluster';
import { runKubectl } from '.';

const ROOT = path.resolve(__dirname, '..', '..');
const io = { readFile: (p: string) => ({ text: fs.readFileSync(path.join(ROOT, p), 'utf8'), display: p }) };

function cluster(...lines: string[]): Cluster {
  const c = new Cluster({ seed: 1 });
  for (const l of lines) {
    runKubectl(c, l, io);
    c.settle();
  }
  return c;
}

const k = (c: Cluster, line: string) => {
  const r = runKubectl(c, line, io);
  c.settle();
  return r;
};

describe('describe of every served kind', () => {
  const c = cluster('kubectl apply -f fixtures/course/nginx-deploy.yaml', 'kubectl create secret generic db --from-literal=password=s3cret', 'kubectl create configmap cfg --from-literal=a=1', 'kubectl create serviceaccount robot');

  test('ConfigMap: each key, a ---- rule, the value; then BinaryData and the events', () => {
    expect(k(c, 'kubectl describe configmaps cfg').stdout).toBe(
      'Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\n1\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
  });

  test('Secret: the type, then each key by its size', () => {
    expect(k(c, 'kubectl describe secrets db').stdout).toBe('Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\n');
  });

  test('ServiceAccount: pull secrets, mountable secrets, tokens', () => {
    expect(k(c, 'kubectl describe sa robot').stdout).toBe(
      'Name:                robot\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n',
    );
  });

  test('DaemonSet: node counts, pod status, the pod template', () => {
    const out = k(c, 'kubectl describe ds kube-proxy -n kube-system').stdout;
    expect(out).toMatch(/^Name: {11}kube-proxy\nSelector: {7}k8s-app=kube-proxy\nNode-Selector: {2}kubernetes\.io\/os=linux\n/);
    expect(out).toContain('Desired Number of Nodes Scheduled: 3\nCurrent Number of Nodes Scheduled: 3\n');
    expect(out).toContain('Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\nPod Template:\n');
  });

  test('EndpointSlice: ports, then each endpoint with its conditions', () => {
    const out = k(c, 'kubectl describe endpointslices kubernetes').stdout;
    expect(out).toContain('AddressType:  IPv4\nPorts:\n  Name   Port  Protocol\n  ----   ----  --------\n  https  6443  TCP\nEndpoints:\n  - Addresses:  ');
    expect(out).toContain('    Conditions:\n      Ready:   true\n    Hostname:  <unset>\n    NodeName:  <unset>\n    Zone:      <unset>\n');
  });

  test('Event (no describer of its own): every field, labels made of the field names', () => {
    const out = k(c, 'kubectl describe events').stdout.split('\n\n\n')[0];
    expect(out).toMatch(/\nAPI Version: {6}v1\nCount: {12}1\nFirst Timestamp: {2}/);
    expect(out).toContain('\nInvolved Object:\n  API Version:       v1\n  Kind:              Pod\n');
    expect(out).toContain('\nMetadata:\n  Creation Timestamp:  ');
    expect(out).toMatch(/\nReporting Component: {3}\S+\nSource:\n {2}Component: {2}\S+\nType: {9}Normal\nEvents: {7}<none>$/);
  });

  test('Pod: its seccomp profile; selfsubjectaccessreviews cannot be listed', () => {
    expect(k(c, 'kubectl describe pods -n kube-system').stdout).toContain('Status:               Running\nSeccompProfile:       RuntimeDefault\n');
    const ssar = 'Error from server (NotFound): Unable to list "authorization.k8s.io/v1, Resource=selfsubjectaccessreviews": the server could not find the requested resource\n';
    expect(k(c, 'kubectl describe selfsubjectaccessreviews')).toEqual({ stdout: '', stderr: ssar, exitCode: 1 });
    expect(k(c, 'kubectl get selfsubjectaccessreviews').stderr).toBe(ssar);
  });
});

test('resource spellings: resource.version.group and resource.group, shortcuts included', () => {
  const c = cluster('kubectl apply -f fixtures/course/nginx-deploy.yaml');
  expect(k(c, 'kubectl get deployment.v1.apps -o name').stdout).toBe('deployment.apps/nginx-deployment\n');
  expect(k(c, 'kubectl get deploy.apps nginx-deployment -o name').stdout).toBe('deployment.apps/nginx-deployment\n');
  expect(k(c, 'kubectl get rs.apps -o name').stdout).toMatch(/^replicaset\.apps\/nginx-deployment-\w+\n$/);
  expect(k(c, 'kubectl describe deployment.v1.apps nginx-deployment').stdout).toMatch(/^Name:\s+nginx-deployment\n/);
  expect(k(c, 'kubectl get pods.v1').stderr).toBe('error: the server doesn\'t have a resource type "pods"\n');
  expect(k(c, 'kubectl get deployment.v2.apps').stderr).toBe('error: the server doesn\'t have a resource type "deployment"\n');
});

test('--record: the command line as kubernetes.io/change-cause, the CHANGE-CAUSE of rollout history', () => {
  const c = cluster();
  const applied = k(c, 'kubectl apply -f fixtures/course/nginx-deploy.yaml --record');
  expect(applied.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
  k(c, 'kubectl set image deployment/nginx-deployment nginx=nginx:1.27 --record');
  expect(k(c, 'kubectl rollout history deployment/nginx-deployment').stdout).toBe(
    'deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         kubectl apply --filename=fixtures/course/nginx-deploy.yaml --record=true\n2         kubectl set image deployment/nginx-deployment nginx=nginx:1.27 --record=true\n\n',
  );
  k(c, 'kubectl scale deployment nginx-deployment --replicas=3 --record');
  expect(k(c, 'kubectl rollout history deployment').stdout).toContain('2         kubectl scale deployment nginx-deployment --replicas=3 --record=true\n');
  // The revision's template carries its change cause as an annotation, `key: value`.
  expect(k(c, 'kubectl rollout history deploy --revision=1').stdout).toContain('  Annotations:\tkubernetes.io/change-cause: kubectl apply --filename=fixtures/course/nginx-deploy.yaml --record=true\n');
  // --record=false records nothing, and still says the flag is deprecated.
  const off = k(c, 'kubectl set image deployment/nginx-deployment nginx=nginx:1.25 --record=false');
  expect(off.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
  expect(k(c, 'kubectl rollout history deployment').stdout).toContain('3         kubectl scale deployment nginx-deployment --replicas=3 --record=true\n');
});

test('rollout without a name: every Deployment, or that none was found', () => {
  const c = cluster();
  for (const verb of ['status', 'restart', 'pause', 'resume']) {
    expect(k(c, `kubectl rollout ${verb} deployment`)).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  }
  k(c, 'kubectl apply -f fixtures/course/nginx-deploy.yaml');
  k(c, 'kubectl create deployment web --image=nginx');
  expect(k(c, 'kubectl rollout status deployment').stdout).toBe('deployment "nginx-deployment" successfully rolled out\ndeployment "web" successfully rolled out\n');
  expect(k(c, 'kubectl rollout restart deployment').stdout).toBe('deployment.apps/nginx-deployment restarted\ndeployment.apps/web restarted\n');
  expect(k(c, 'kubectl rollout history deployment').stdout).toMatch(/^deployment\.apps\/nginx-deployment \nREVISION {2}CHANGE-CAUSE\n1 {9}<none>\n2 {9}<none>\n\ndeployment\.apps\/web \n/);
});

test('missing objects: -o yaml|json|go-template print nothing for a missing single name, a List otherwise', () => {
  const c = cluster('kubectl apply -f fixtures/course/nginx-deploy.yaml');
  const notFound = 'Error from server (NotFound): deployments.apps "nope" not found\n';
  expect(k(c, 'kubectl get deployment nope -o yaml')).toEqual({ stdout: '', stderr: notFound, exitCode: 1 });
  expect(k(c, 'kubectl get deployment nope -o json')).toEqual({ stdout: '', stderr: notFound, exitCode: 1 });
  expect(k(c, 'kubectl get deploy nope -o go-template={{.metadata.name}}')).toEqual({ stdout: '', stderr: notFound, exitCode: 1 });
  const two = k(c, 'kubectl get deploy nginx-deployment nope -o yaml');
  expect(two.stdout.startsWith('apiVersion: v1\nitems:\n- apiVersion: apps/v1\n')).toBe(true);
  expect(two.stderr).toBe(notFound);
  expect(k(c, "kubectl get deploy nginx-deployment nope -o 'go-template={{len .items}}'")).toEqual({ stdout: '1', stderr: notFound, exitCode: 1 });
  expect(k(c, 'kubectl scale deployment nope --replicas=2').stderr).toBe('error: no objects passed to scale deployments.apps "nope" not found\n');
});

test('-k is refused in one line that says what to do instead', () => {
  const c = cluster();
  const msg = "error: kubespec's kubectl emulation does not support -k (kustomize): name the manifests with -f instead (a file, a folder, or -R for its subfolders too)\n";
  for (const line of ['kubectl apply -k fixtures/course', 'kubectl get -k fixtures/course', 'kubectl delete -k fixtures/course', 'kubectl replace -k fixtures/course', 'kubectl diff -k fixtures/course']) {
    expect(k(c, line)).toEqual({ stdout: '', stderr: msg, exitCode: 1 });
  }
});

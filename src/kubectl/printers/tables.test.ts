import { kindInfo } from '../../apiserver/kinds';
import type { KubeObject } from '../../apiserver/types';
import { formatTable } from './tabwriter';
import { tableRows } from './index';
import { podCells, formatEndpoints, labelSelectorString, makePortString } from './tables';

const NOW = Date.UTC(2024, 0, 1, 0, 1, 0);
const pod = (name: string, spec: any, status: any, meta: any = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec, status });
const two = { containers: [{ name: 'a' }, { name: 'b' }] };

describe('pod READY / STATUS / RESTARTS (printers_test.go TestPrintPod)', () => {
  it.each([
    ['ready counts only running ready containers; phase when no reason', pod('test1', two, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3 }] }), ['test1', '1/2', 'podPhase', '6']],
    ['a waiting container reason overrides the phase', pod('test2', two, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }] }), ['test2', '1/2', 'ContainerWaitingReason', '6']],
    ['the first container wins (statuses are read last to first)', pod('test3', two, { phase: 'podPhase', containerStatuses: [{ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }, { restartCount: 3, state: { terminated: { reason: 'ContainerTerminatedReason' } } }] }), ['test3', '0/2', 'ContainerWaitingReason', '6']],
    ['ready without running is not ready', pod('test4', two, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3 }, { ready: true, restartCount: 3 }] }), ['test4', '0/2', 'podPhase', '6']],
    ['status.reason overrides the phase', pod('test5', two, { phase: 'podPhase', reason: 'podReason', containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { ready: true, restartCount: 3, state: { running: {} } }] }), ['test5', '2/2', 'podReason', '6']],
    ['Completed with a running container and no Ready condition is NotReady', pod('test6', two, { phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }, { state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }), ['test6', '1/2', 'NotReady', '0']],
    ['terminated without reason shows the exit code', pod('test7', { containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [{ state: { terminated: { exitCode: 2 } } }] }), ['test7', '0/1', 'ExitCode:2', '0']],
    ['an init container still running', pod('test8', { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] }, { phase: 'Pending', initContainerStatuses: [{ state: { running: {} } }], containerStatuses: [{ state: { waiting: { reason: 'PodInitializing' } } }] }), ['test8', '0/1', 'Init:0/1', '0']],
    ['a pod being deleted is Terminating', pod('test9', { containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] }, { deletionTimestamp: '2024-01-01T00:00:30Z' }), ['test9', '1/1', 'Terminating', '0']],
    ['a pod of a lost node being deleted is Unknown', pod('test10', { containers: [{ name: 'a' }] }, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: '2024-01-01T00:00:30Z' }), ['test10', '0/1', 'Unknown', '0']],
    ['a terminal pod being deleted keeps its phase', pod('test11', { containers: [{ name: 'a' }] }, { phase: 'Succeeded' }, { deletionTimestamp: '2024-01-01T00:00:30Z' }), ['test11', '0/1', 'Succeeded', '0']],
    ['restarts show the age of the last restart', pod('test12', { containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { finishedAt: '2024-01-01T00:00:50Z' } } }] }), ['test12', '1/1', 'Running', '2 (10s ago)']],
    // What the kubelet writes for containers that exit (see src/controllers/kubelet/restarts.test.ts).
    ['a crash loop shows CrashLoopBackOff and the last exit, in HumanDuration', pod('test13', { containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [{ ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=a pod=test13_default(u)' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2023-12-31T23:58:30Z' } } }] }), ['test13', '0/1', 'CrashLoopBackOff', '5 (2m30s ago)']],
    ['a container that exited 1 and is not restarted shows Error', pod('test14', { containers: [{ name: 'a' }], restartPolicy: 'Never' }, { phase: 'Failed', containerStatuses: [{ ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-01-01T00:00:10Z' } } }] }), ['test14', '0/1', 'Error', '0']],
    ['a container that exited 0 shows Completed', pod('test15', { containers: [{ name: 'a' }], restartPolicy: 'OnFailure' }, { phase: 'Succeeded', containerStatuses: [{ ready: false, restartCount: 1, state: { terminated: { exitCode: 0, reason: 'Completed' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-01-01T00:00:55Z' } } }] }), ['test15', '0/1', 'Completed', '1 (5s ago)']],
    ['a crash-looping init container shows Init:CrashLoopBackOff and its restarts', pod('test16', { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] }, { phase: 'Pending', conditions: [{ type: 'Initialized', status: 'False' }], initContainerStatuses: [{ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-01-01T00:00:20Z' } } }], containerStatuses: [{ restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] }), ['test16', '0/1', 'Init:CrashLoopBackOff', '3 (40s ago)']],
  ])('%s', (_why, p, want) => {
    expect(podCells(p, NOW, false).slice(0, 4)).toEqual(want);
  });

  it('wide cells: IP, node, nominated node, readiness gates with <none> fillers', () => {
    const p = pod('p', { containers: [{ name: 'a' }], nodeName: 'worker0' }, { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }] });
    expect(podCells(p, NOW, true).slice(5)).toEqual(['10.244.1.5', 'worker0', '<none>', '<none>']);
  });
});

describe('tables as kubectl prints them', () => {
  const created = '2024-01-01T00:00:50Z';
  it('deployments', () => {
    const d: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx-deployment', creationTimestamp: created },
      spec: { replicas: 2, selector: { matchLabels: { app: 'nginx' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:latest' }] } } },
      status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    };
    expect(formatTable(tableRows(kindInfo('Deployment')!, [d], NOW))).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   2/2     2            2           10s\n',
    );
    expect(formatTable(tableRows(kindInfo('Deployment')!, [d], NOW, { wide: true }))).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         SELECTOR\nnginx-deployment   2/2     2            2           10s   nginx        nginx:latest   app=nginx\n',
    );
  });

  it('services: PORT(S) with node ports, <none> fillers, namespace and labels columns', () => {
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'my-nginx', namespace: 'default', creationTimestamp: created, labels: { run: 'my-nginx' } },
      spec: { type: 'NodePort', clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], ports: [{ port: 8080, nodePort: 30000, protocol: 'TCP', targetPort: 80 }], selector: { app: 'nginx' } },
    };
    expect(formatTable(tableRows(kindInfo('Service')!, [svc], NOW, { withNamespace: true, showLabels: true }))).toBe(
      'NAMESPACE   NAME       TYPE       CLUSTER-IP    EXTERNAL-IP   PORT(S)          AGE   LABELS\ndefault     my-nginx   NodePort   10.96.12.34   <none>        8080:30000/TCP   10s   run=my-nginx\n',
    );
  });

  it('replica sets prefixed with their kind when several types are printed', () => {
    const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: '3-replicaset', creationTimestamp: created }, spec: { replicas: 3 }, status: { replicas: 3, readyReplicas: 3 } };
    expect(formatTable(tableRows(kindInfo('ReplicaSet')!, [rs], NOW, { withKind: true }))).toBe(
      'NAME                           DESIRED   CURRENT   READY   AGE\nreplicaset.apps/3-replicaset   3         3         3       10s\n',
    );
  });

  it('no rows, no header', () => {
    expect(tableRows(kindInfo('Pod')!, [], NOW)).toEqual([]);
  });
});

describe('cell helpers', () => {
  it('makePortString', () => {
    expect(makePortString([{ port: 80, protocol: 'TCP', nodePort: 30080 }, { port: 443, protocol: 'TCP' }])).toBe('80:30080/TCP,443/TCP');
  });
  it('formatEndpoints lists three and counts the rest', () => {
    const ep: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ addresses: [1, 2, 3, 4].map((i) => ({ ip: `10.0.0.${i}` })), ports: [{ port: 80 }] }] };
    expect(formatEndpoints(ep)).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
    expect(formatEndpoints({ ...ep, subsets: [] })).toBe('<none>');
  });
  it('label selectors: matchLabels as k=v, expressions with sorted values, keys sorted', () => {
    expect(labelSelectorString({ matchLabels: { b: '1', a: '2' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }, { key: 'aa', operator: 'Exists' }] })).toBe('a=2,aa,b=1,c in (x,y)');
  });
});

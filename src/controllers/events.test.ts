// The events a v1.32 control plane records for a Deployment's life, word for word, on the whole
// embedded cluster (issue #10):
//  - deployment controller (pkg/controller/deployment/sync.go getNewReplicaSet and scaleReplicaSet):
//    reason ScalingReplicaSet, "Scaled up replica set <rs> from 0 to <n>" for a new replica set and
//    "Scaled <up|down> replica set <rs> from <old> to <new>" for a scale, the from->to order of
//    kubernetes/kubernetes#125118 (in v1.31 and later; before it the text was "to <new> from <old>");
//  - replicaset controller (pkg/controller/controller_utils.go RealPodControl, createPods and
//    DeletePod): SuccessfulCreate "Created pod: <pod>", SuccessfulDelete "Deleted pod: <pod>";
//  - scheduler (pkg/scheduler/schedule_one.go bindingCycle, "Successfully assigned %v/%v to %v"):
//    Scheduled "Successfully assigned <ns>/<pod> to <node>".
import { Cluster } from '../cluster/cluster';
import type { KubeObject } from '../apiserver/types';

function deployment(replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
}

function events(c: Cluster, reason: string, kind?: string): string[] {
  return c.api
    .list('Event')
    .filter((e) => e.reason === reason && (!kind || e.involvedObject?.kind === kind))
    .map((e) => e.message as string);
}

test('a Deployment created, scaled up and scaled down records the v1.32 texts', () => {
  const c = new Cluster();
  c.api.create(deployment(2));
  c.settle();
  const rs = c.api.list('ReplicaSet')[0];
  const rsName = rs.metadata.name!;
  c.api.update({ ...c.api.get('Deployment', 'web', 'default')!, spec: { ...deployment(3).spec } });
  c.settle();
  c.api.update({ ...c.api.get('Deployment', 'web', 'default')!, spec: { ...deployment(1).spec } });
  c.settle();

  expect(events(c, 'ScalingReplicaSet', 'Deployment')).toEqual([
    `Scaled up replica set ${rsName} from 0 to 2`,
    `Scaled up replica set ${rsName} from 2 to 3`,
    `Scaled down replica set ${rsName} from 3 to 1`,
  ]);
  const created = events(c, 'SuccessfulCreate', 'ReplicaSet');
  expect(created).toHaveLength(3);
  for (const m of created) expect(m).toMatch(new RegExp(`^Created pod: ${rsName}-[a-z0-9]{5}$`));
  const deleted = events(c, 'SuccessfulDelete', 'ReplicaSet');
  expect(deleted).toHaveLength(2);
  for (const m of deleted) expect(m).toMatch(new RegExp(`^Deleted pod: ${rsName}-[a-z0-9]{5}$`));
  const scheduled = events(c, 'Scheduled', 'Pod');
  expect(scheduled).toHaveLength(3);
  for (const m of scheduled) expect(m).toMatch(new RegExp(`^Successfully assigned default/${rsName}-[a-z0-9]{5} to \\S+$`));
});

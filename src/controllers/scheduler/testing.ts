// Test support for the node-side and Service-side controllers: a tiny stand-in for the ReplicaSet
// controller (keeps N pods of a template, ignoring terminating and terminal pods, as
// FilterActivePods does), so their tests do not depend on the real one.
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import type { Controller, ControllerContext } from '../controller';

export interface KeepPodsSpec {
  /** Pods are named `<name>-<n>` and labelled app=<name>. */
  name: string;
  replicas: number;
  containers: unknown[];
  labels?: Record<string, string>;
  podSpec?: Record<string, unknown>;
}

/** Keeps `replicas` active pods per spec, creating `<name>-1`, `<name>-2`, ... as needed. */
export class KeepPods implements Controller {
  readonly name = 'test-keep-pods';
  private api!: ApiServer;
  private next = new Map<string, number>();

  constructor(private readonly specs: KeepPodsSpec[]) {}

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    for (const s of this.specs) ctx.queue.add(s.name);
    ctx.api.watch('Pod', (ev) => {
      const owner = ev.object.metadata.labels?.['test-owner'];
      if (owner) ctx.queue.add(owner);
    });
  }

  reconcile(key: string): void {
    const spec = this.specs.find((s) => s.name === key);
    if (!spec) return;
    const active = this.api
      .list('Pod', { labelSelector: `test-owner=${spec.name}` })
      .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    for (let i = active.length; i < spec.replicas; i++) {
      const n = (this.next.get(spec.name) ?? 0) + 1;
      this.next.set(spec.name, n);
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${spec.name}-${n}`,
          labels: { app: spec.name, 'test-owner': spec.name, ...spec.labels },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: spec.name, uid: `uid-${spec.name}`, controller: true, blockOwnerDeletion: true }],
        },
        spec: { containers: spec.containers, ...spec.podSpec },
      };
      this.api.create(pod);
    }
  }
}

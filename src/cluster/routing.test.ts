// Service routing as kube-proxy does it: a nodePort on any node's IP reaches the Service's ready
// endpoints, spread at random (seeded); a Service port likewise; failures say why (no endpoints,
// nothing listening on the target port, unknown nodePort or port, node down).
import { Cluster } from './cluster';
import { sendRequest } from './routing';
import type { KubeObject } from '../apiserver/types';
import { Random } from '../util/random';
import { Scheduler } from '../controllers/scheduler';
import { KeepPods } from '../controllers/scheduler/testing';
import { Kubelet } from '../controllers/kubelet';
import { NodeLifecycleController, setNodeReady } from '../controllers/nodelifecycle';
import { EndpointsController } from '../controllers/endpoints';

const NGINX = [{ name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80 }] }];

function cluster(replicas: number, containers: unknown[] = NGINX, seed = 1): Cluster {
  return new Cluster({ seed }, [new KeepPods([{ name: 'nginx', replicas, containers }]), new Scheduler(), new Kubelet(), new NodeLifecycleController(), new EndpointsController()]);
}

/** The course's my-nginx Service: NodePort 30000 → port 8080 → targetPort 80. */
function myNginx(targetPort: number | string = 80, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'my-nginx', labels: { run: 'my-nginx' } },
    spec: { type: 'NodePort', selector: { app: 'nginx' }, ports: [{ name: 'http', port: 8080, targetPort, protocol: 'TCP', nodePort: 30000 }], ...extra },
  };
}

function spread(c: Cluster, target: Parameters<typeof sendRequest>[1], n: number, seed = 9): Record<string, number> {
  const rng = new Random(seed);
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r = sendRequest(c, target, rng);
    const k = r.ok ? r.pod.metadata.name! : `FAIL ${r.reason}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('sendRequest', () => {
  it('reaches both nginx pods through nodePort 30000 on any node, spread at random', () => {
    const c = cluster(2);
    c.api.create(myNginx());
    c.settle();
    for (const node of ['master', 'worker0', 'worker1', undefined]) {
      const hits = spread(c, { nodePort: 30000, node }, 200);
      expect(Object.keys(hits).sort()).toEqual(['nginx-1', 'nginx-2']);
      expect(Math.min(...Object.values(hits))).toBeGreaterThan(70);
    }
    const r = sendRequest(c, { nodePort: 30000, node: 'worker0' }, new Random(1));
    expect(r).toMatchObject({ ok: true, targetPort: 80, service: 'default/my-nginx', via: 'worker0' });
    if (r.ok) expect(r.podIP).toBe(r.pod.status.podIP);
  });

  it('is reproducible: the same seed gives the same answers', () => {
    const run = () => {
      const c = cluster(3);
      c.api.create(myNginx());
      c.settle();
      const rng = new Random(42);
      return Array.from({ length: 20 }, () => {
        const r = sendRequest(c, { service: 'my-nginx', port: 8080 }, rng);
        return r.ok ? r.pod.metadata.name : r.reason;
      });
    };
    expect(run()).toEqual(run());
  });

  it('fails with "connection refused" when the pods do not listen on the targetPort', () => {
    const c = cluster(2);
    c.api.create(myNginx(8080));
    c.settle();
    const r = sendRequest(c, { nodePort: 30000 }, new Random(1));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^connection refused: pod nginx-[12] listens on 80, not 8080$/) });
  });

  it('uses the image port when containers declare none (nginx: 80)', () => {
    const c = cluster(1, [{ name: 'nginx', image: 'nginx:1.25' }]);
    c.api.create(myNginx());
    c.settle();
    expect(sendRequest(c, { service: 'my-nginx', port: 8080 }, new Random(1))).toMatchObject({ ok: true, targetPort: 80 });
    const busy = cluster(1, [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }]);
    busy.api.create(myNginx());
    busy.settle();
    expect(sendRequest(busy, { service: 'my-nginx', port: 8080 }, new Random(1))).toEqual({ ok: false, reason: 'connection refused: pod nginx-1 listens on no port, not 80' });
  });

  it('resolves a named targetPort through the endpoints', () => {
    const c = cluster(1, [{ name: 'nginx', image: 'nginx', ports: [{ name: 'web', containerPort: 80 }] }]);
    c.api.create(myNginx('web'));
    c.settle();
    expect(sendRequest(c, { nodePort: 30000 }, new Random(1))).toMatchObject({ ok: true, targetPort: 80 });
  });

  it('says why nothing answers: no endpoints, unknown nodePort or port, pods not ready', () => {
    const c = cluster(0);
    c.api.create(myNginx());
    c.settle();
    expect(sendRequest(c, { nodePort: 30000 }, new Random(1))).toEqual({ ok: false, reason: 'no endpoints: service default/my-nginx has no ready endpoints for port 8080' });
    expect(sendRequest(c, { nodePort: 31999 }, new Random(1))).toEqual({ ok: false, reason: 'connection refused: no NodePort or LoadBalancer Service has nodePort 31999' });
    expect(sendRequest(c, { service: 'my-nginx', port: 80 }, new Random(1))).toEqual({ ok: false, reason: 'connection refused: service "my-nginx" has no port 80 (its ports: 8080)' });
    expect(sendRequest(c, { service: 'nope', port: 80 }, new Random(1))).toEqual({ ok: false, reason: 'service "nope" not found' });

    const slow = cluster(1, [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 9999 } } }]);
    slow.api.create(myNginx());
    slow.settle();
    expect(sendRequest(slow, { nodePort: 30000 }, new Random(1))).toEqual({ ok: false, reason: 'no endpoints: service default/my-nginx has no ready endpoints for port 8080 (1 not ready)' });
  });

  it('does not answer on a node that is down, and stops sending to its pods', () => {
    const c = cluster(2, NGINX, 5);
    c.api.create(myNginx());
    c.settle();
    const onW1 = c.api.list('Pod', { namespace: 'default' }).filter((p) => p.spec.nodeName === 'worker1').map((p) => p.metadata.name);
    expect(onW1.length).toBe(1);
    setNodeReady(c.api, c.clock, 'worker1', false);
    c.settle();
    expect(sendRequest(c, { nodePort: 30000, node: 'worker1' }, new Random(1))).toEqual({ ok: false, reason: 'connection timed out: node worker1 is not Ready' });
    expect(sendRequest(c, { nodePort: 30000, node: 'nope' }, new Random(1))).toEqual({ ok: false, reason: 'no such node "nope"' });
    const hits = spread(c, { nodePort: 30000, node: 'worker0' }, 50);
    expect(Object.keys(hits)).not.toContain(onW1[0]);
    expect(Object.values(hits).reduce((a, b) => a + b)).toBe(50);
  });

  it('keeps a client on one pod with sessionAffinity ClientIP', () => {
    const c = cluster(3);
    c.api.create(myNginx(80, { sessionAffinity: 'ClientIP' }));
    c.settle();
    expect(Object.keys(spread(c, { nodePort: 30000 }, 30))).toHaveLength(1);
  });

  it('with externalTrafficPolicy Local, answers only from pods on the receiving node', () => {
    const c = cluster(1);
    c.api.create(myNginx(80, { externalTrafficPolicy: 'Local' }));
    c.settle();
    const where = c.api.get('Pod', 'nginx-1')!.spec.nodeName;
    const other = where === 'worker0' ? 'worker1' : 'worker0';
    expect(sendRequest(c, { nodePort: 30000, node: where }, new Random(1))).toMatchObject({ ok: true });
    expect(sendRequest(c, { nodePort: 30000, node: other }, new Random(1))).toEqual({
      ok: false,
      reason: `connection timed out: externalTrafficPolicy Local and no ready endpoint of service default/my-nginx on node ${other}`,
    });
  });
});

// Traffic on `request:` assertions: `answers` shares of the `times` requests, `sameBackend` (with
// sessionAffinity: ClientIP, whose memory is each node's own, as kube-proxy's), `body` (the page
// the image serves, as `kubespec serve` answers it), `fromNode` with internalTrafficPolicy and
// externalTrafficPolicy Local; and their load errors.
import * as path from 'path';
import { createCluster } from '../../library/cluster';
import { sendRequest } from '../../cluster/routing';
import { Random } from '../../util/random';
import { loadSpecText } from '../loader';
import { runSpec } from '../../runner/run-spec';
import type { SpecResult } from '../../runner/result';
import { NGINX_WELCOME } from '../../serve/nodeports/responses';

const COURSE = path.resolve(__dirname, '../../../fixtures/course');

function run(text: string, seed = 1): SpecResult {
  const doc = loadSpecText(text, 'x.spec.yaml', COURSE).documents[0];
  if (!doc.ok) throw new Error(doc.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`).join('\n'));
  return runSpec(doc.spec, { seed });
}

function problems(text: string): string[] {
  const doc = loadSpecText(text, 'x.spec.yaml', COURSE).documents[0];
  return doc.ok ? [] : doc.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`);
}

const outcome = (r: SpecResult) => r.steps.map((s) => [s.status, ...s.failures.map((f) => f.message)]);

/** my-nginx in front of nginx-deploy.yaml's two pods (one on worker0, one on worker1), with `spec` extra. */
const service = (extra: string) => `apply:
      manifest:
        apiVersion: v1
        kind: Service
        metadata: { name: my-nginx }
        spec:
          type: NodePort
          selector: { app: nginx }
          ports: [{ name: http, port: 8080, targetPort: 80, nodePort: 30000 }]
${extra
  .split('\n')
  .filter(Boolean)
  .map((l) => `          ${l}`)
  .join('\n')}`;

describe('answers: shares of the requests', () => {
  test("the canary's share: one endpoint of four answers about a quarter", () => {
    const ok = run(`name: canary
manifests: ../fixtures/course
steps:
  - apply: [canary/nginx-stable.yaml, canary/nginx-canary.yaml, canary/nginx-svc.yaml]
    expect:
      - request: { nodePort: 30000 }
        times: 100
        answers:
          - { selector: track=canary, share: { min: 0.15, max: 0.35 } }
          - { selector: track=stable, share: { min: 0.65 } }
          - { selector: app=nginx, share: { min: 1 } }
      - request: { nodePort: 30000 }
        times: 100
        answers:
          - { selector: track=canary, share: { min: 0.5 } }
          - { selector: track=stable, share: { max: 0.5 } }
`.replace('manifests: ../fixtures/course\n', ''));
    const [status, message] = outcome(ok)[0];
    expect(status).toBe('failed');
    expect(message).toMatch(
      /^expected 100 requests to nodePort 30000 to be answered: pods with track=canary answered (\d+) of 100 \(\1%\), expected at least 50%; pods with track=stable answered (\d+) of 100 \(\2%\), expected at most 50%; answered by /,
    );
    expect(ok.steps[0].failures).toHaveLength(1);
  });
});

describe('sameBackend', () => {
  test('with sessionAffinity: ClientIP every answer comes from one pod; without it, the spread is reported with the reason', () => {
    const r = run(`name: affinity
steps:
  - apply: nginx-deploy.yaml
  - ${service('sessionAffinity: ClientIP')}
    expect:
      - { request: { nodePort: 30000, node: worker0 }, times: 30, sameBackend: true }
      - { request: { service: my-nginx, port: 8080 }, times: 30, sameBackend: true }
  - ${service('sessionAffinity: None')}
    expect:
      - { request: { nodePort: 30000, node: worker0 }, times: 30, sameBackend: true }
`);
    expect(outcome(r)[1]).toEqual(['passed']);
    expect(outcome(r)[2]).toEqual([
      'failed',
      expect.stringMatching(/^expected 30 requests to nodePort 30000 on worker0 to be answered: the answers came from 2 pods \(nginx-deployment-\S+ ×\d+, nginx-deployment-\S+ ×\d+\), not from one \(the Service has no sessionAffinity: ClientIP\); answered by /),
    ]);
  });

  test("the affinity is each node's own (kube-proxy's recent table): a client pinned through worker0 may land elsewhere through worker1", () => {
    const lib = createCluster({ cwd: COURSE, seed: 1 });
    lib.apply('nginx-deploy.yaml');
    lib.apply('apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { type: NodePort, sessionAffinity: ClientIP, selector: { app: nginx }, ports: [{ port: 80, nodePort: 30080 }] }\n');
    const c = lib.cluster;
    const rng = new Random(3);
    const through = (node: string) => {
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const r = sendRequest(c, { nodePort: 30080, node }, rng);
        if (r.ok) seen.add(r.pod.metadata.name!);
      }
      return [...seen];
    };
    const pinned: string[][] = [];
    for (const node of ['worker0', 'worker1', 'master', 'worker0', 'worker1']) pinned.push(through(node));
    // One pod per node, the same each time that node routes the client again.
    for (const p of pinned) expect(p).toHaveLength(1);
    expect(pinned[3]).toEqual(pinned[0]);
    expect(pinned[4]).toEqual(pinned[1]);
  });
});

describe('body', () => {
  test("what the image serves at /: nginx's welcome page (the same text `kubespec serve` answers), httpd's It works!, a line naming the pod otherwise", () => {
    const r = run(`name: bodies
steps:
  - apply: [nginx-deploy.yaml, nginx-svc.yaml]
    expect:
      - { request: { nodePort: 30000 }, times: 5, body: Welcome to nginx! }
      - { request: { nodePort: 30000 }, times: 5, body: "/<h1>Welcome to nginx!<\\\\/h1>/" }
      - { request: { nodePort: 30000 }, times: 5, body: "It works!" }
  - kubectl: set image deployment/nginx-deployment nginx=httpd:2.4
    expect:
      - { request: { nodePort: 30000 }, times: 5, body: "<h1>It works!</h1>" }
  - kubectl: set image deployment/nginx-deployment nginx=myorg/web:1
    expect:
      - { request: { nodePort: 30000 }, times: 2, body: "/^pod default\\\\/nginx-deployment-\\\\S+ \\\\(image myorg\\\\/web:1\\\\) answered GET \\\\/ on port 80\\\\n$/" }
`);
    expect(outcome(r)).toEqual([
      ['failed', expect.stringMatching(/^expected 5 requests to nodePort 30000 to be answered: 5 answers' bodies do not contain "It works!" \(nginx-deployment-\S+ answered "<title>Welcome to nginx!<\/title>"\); answered by /)],
      ['passed'],
      ['passed'],
    ]);
    expect(NGINX_WELCOME).toContain('<h1>Welcome to nginx!</h1>');
  });
});

describe('fromNode', () => {
  test('internalTrafficPolicy: Local answers a pod only from pods on its own node; none there and the request is dropped', () => {
    const r = run(`name: internal local
steps:
  - apply: nginx-deploy.yaml
  - ${service('internalTrafficPolicy: Local')}
    expect:
      - { request: { service: my-nginx, port: 8080, fromNode: worker0 }, times: 10, reaches: { selector: app=nginx }, sameBackend: true }
      - { request: { service: my-nginx, port: 8080, fromNode: master }, fails: true }
      - { request: { service: my-nginx, port: 8080, fromNode: worker1 }, times: 3 }
      - { request: { service: my-nginx, port: 8080, fromNode: master }, times: 2 }
  - ${service('internalTrafficPolicy: Cluster')}
    expect:
      - { request: { service: my-nginx, port: 8080, fromNode: master }, times: 20, reaches: { selector: app=nginx, all: true } }
`);
    expect(outcome(r)[1]).toEqual([
      'failed',
      'expected 2 requests to service my-nginx port 8080 from node master to be answered: 2 failed (connection timed out: internalTrafficPolicy Local and no ready endpoint of service default/my-nginx on node master (×2))',
    ]);
    expect(outcome(r)[2]).toEqual(['passed']);
  });

  test('the pods answering from each node are the ones on it', () => {
    const r = run(`name: per node
steps:
  - apply: nginx-deploy.yaml
  - ${service('internalTrafficPolicy: Local\nexternalTrafficPolicy: Local')}
    expect:
      - { kind: Pod, selector: app=nginx, fieldSelector: spec.nodeName=worker0, capture: { w0: metadata.name } }
  - kubectl: get pods
    expect:
      - request: { service: my-nginx, port: 8080, fromNode: worker0 }
        times: 10
        answers: [{ selector: "pod-template-hash", share: { min: 1 } }]
      - request: { nodePort: 30000, fromNode: worker0 }
        times: 10
        sameBackend: true
      - request: { nodePort: 30000, fromNode: master }
        fails: true
`);
    expect(outcome(r)).toEqual([['passed'], ['passed'], ['passed']]);
  });

  test('load errors: an unknown node, fromNode beside node, fails with what it answers, bounds out of order or range', () => {
    expect(
      problems(`name: x
steps:
  - apply: a.yaml
    expect:
      - { request: { service: s, port: 80, fromNode: wroker0 } }
      - { request: { nodePort: 30000, node: worker0, fromNode: worker0 } }
      - { request: { nodePort: 30000 }, fails: true, sameBackend: true }
      - { request: { nodePort: 30000 }, answers: [{ selector: a=b, share: { min: 0.8, max: 0.2 } }] }
      - { request: { nodePort: 30000 }, answers: [{ selector: a=b, share: { min: 20 } }] }
      - { request: { nodePort: 30000 }, answers: [{ selector: "a in (", share: {} }] }
      - { request: { nodePort: 30000 }, sameBackend: false, body: "/(/" }
`),
    ).toEqual([
      "5:54: steps[0].expect[0].request.fromNode: no node `wroker0` in this spec's cluster",
      '6:54: steps[0].expect[1].request.fromNode: `fromNode` is the same as `node` for a nodePort request',
      '7:54: steps[0].expect[2].sameBackend: `fails: true` means nothing answers, so `sameBackend` can never be checked',
      '8:75: steps[0].expect[3].answers[0].share: min 0.8 is greater than max 0.2',
      '9:82: steps[0].expect[4].answers[0].share.min: must be at most 1, found the number 20',
      expect.stringMatching(/^10:63: steps\[0\]\.expect\[5\]\.answers\[0\]\.selector: /),
      '10:80: steps[0].expect[5].answers[0].share: must not be empty',
      '11:54: steps[0].expect[6].sameBackend: can only be true, found `false`',
      expect.stringMatching(/^11:67: steps\[0\]\.expect\[6\]\.body: regular expression \/\(\/ does not compile/),
    ]);
  });
});

// `ownedBy: { kind, name?, transitive, controller }`: a `/regex/` name or none, owners up the chain
// of controller references (a Deployment's pods through their ReplicaSet), non-controller owners;
// the decoy a student could hand in (a hand-made ReplicaSet named like the Deployment's) does not
// pass `transitive`; `throughout` follows ownership changes up the chain (an orphaned ReplicaSet).
import * as path from 'path';
import { loadSpecText } from '../loader';
import { runSpec } from '../../runner/run-spec';
import type { SpecResult } from '../../runner/result';

const COURSE = path.resolve(__dirname, '../../../fixtures/course');

function run(text: string): SpecResult {
  const doc = loadSpecText(text, 'x.spec.yaml', COURSE).documents[0];
  if (!doc.ok) throw new Error(doc.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`).join('\n'));
  return runSpec(doc.spec, { seed: 1 });
}

function problems(text: string): string[] {
  const doc = loadSpecText(text, 'x.spec.yaml', COURSE).documents[0];
  return doc.ok ? [] : doc.problems.map((p) => `${p.location.line}:${p.location.column}: ${p.message}`);
}

const outcome = (r: SpecResult) => r.steps.map((s) => [s.status, ...s.failures.map((f) => f.message)]);

/** The Deployment `web` (2 pods, app=web), and a hand-made ReplicaSet `web-5d8f9c7b4` with one pod of the same label. */
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: "nginx:1.25" }] }
`;
const DECOY = `apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web-5d8f9c7b4 }
spec:
  replicas: 1
  selector: { matchLabels: { app: web, decoy: "yes" } }
  template:
    metadata: { labels: { app: web, decoy: "yes" } }
    spec: { containers: [{ name: nginx, image: "nginx:1.25" }] }
`;
const inline = (yaml: string) => JSON.stringify(yaml);

describe('ownedBy', () => {
  test('transitive: a Deployment owns its pods through their ReplicaSet; the decoy ReplicaSet named like its ReplicaSet does not', () => {
    const r = run(`name: decoy
steps:
  - apply: { manifest: ${inline(WEB + '---\n' + DECOY)} }
    expect:
      # The Deployment's own pods pass...
      - { kind: Pod, selector: "app=web,!decoy", count: 2, ownedBy: { kind: Deployment, name: web, transitive: true } }
      # ...the decoy's pod is owned by a ReplicaSet named web-..., as a pod of the Deployment is:
      - { kind: Pod, selector: "app=web,decoy=yes", count: 1, ownedBy: { kind: ReplicaSet, name: "/^web-/" } }
      # ...but no Deployment web is up its chain of owners.
      - { kind: Pod, selector: "app=web,decoy=yes", ownedBy: { kind: Deployment, name: web, transitive: true } }
      - { kind: Pod, selector: app=web, ownedBy: { kind: Deployment, name: web, transitive: true } }
`);
    const [status, ...failures] = outcome(r)[0];
    expect(status).toBe('failed');
    expect(failures).toEqual([
      expect.stringMatching(/^Pod web-5d8f9c7b4-\w{5} does not match: metadata\.ownerReferences: no Deployment web up its chain of owners \(ReplicaSet web-5d8f9c7b4 → no controller\)$/),
      expect.stringMatching(/^expected every one of 3 Pods with selector app=web to match; 1 does not: web-5d8f9c7b4-\w{5} \(web-5d8f9c7b4-\w{5}: metadata\.ownerReferences: no Deployment web up its chain of owners/),
    ]);
    const f = r.steps[0].failures[0];
    expect(f.mismatches![0].fields[0]).toMatchObject({ path: 'metadata.ownerReferences', expected: [{ kind: 'Deployment', name: 'web', controller: true }] });
  });

  test('without transitive, the owner must be the direct one: a pod is not owned by the Deployment itself', () => {
    const r = run(`name: direct
steps:
  - apply: { manifest: ${inline(WEB)} }
    expect:
      - { kind: Pod, selector: app=web, ownedBy: { kind: Deployment, name: web } }
      - { kind: Pod, selector: app=web, ownedBy: { kind: ReplicaSet } }
      - { kind: ReplicaSet, selector: app=web, ownedBy: { kind: Deployment, name: "/^w.b$/" } }
      - { kind: Pod, selector: app=web, ownedBy: { kind: Deployment, name: "/^other/", transitive: true } }
`);
    expect(outcome(r)[0]).toEqual([
      'failed',
      expect.stringMatching(/^expected every one of 2 Pods with selector app=web to match; 2 do not: .*metadata\.ownerReferences: controlled by ReplicaSet web-\w+\)$/),
      expect.stringMatching(/metadata\.ownerReferences: no Deployment \/\^other\/ up its chain of owners \(ReplicaSet web-\w+ → Deployment web → no controller\)\)$/),
    ]);
  });

  test('controller: false accepts an owner that is not the controller', () => {
    const owned = `apiVersion: v1
kind: ConfigMap
metadata: { name: holder }
---
apiVersion: v1
kind: Pod
metadata:
  name: held
  labels: { app: held }
spec: { containers: [{ name: c, image: nginx }] }
`;
    // The ownerReference needs the ConfigMap's uid: captured, then patched in.
    const r = run(`name: non-controller owner
steps:
  - apply: { manifest: ${inline(owned)} }
    expect:
      - { kind: ConfigMap, name: holder, capture: { uid: metadata.uid } }
  - patch:
      kind: Pod
      name: held
      type: merge
      patch: { metadata: { ownerReferences: [{ apiVersion: v1, kind: ConfigMap, name: holder, uid: "\${uid}" }] } }
    expect:
      - { kind: Pod, name: held, ownedBy: { kind: ConfigMap, name: holder, controller: false } }
      - { kind: Pod, name: held, ownedBy: { kind: ConfigMap, controller: false } }
      - { kind: Pod, name: held, ownedBy: { kind: ConfigMap, name: holder } }
      - { kind: Pod, name: held, ownedBy: { kind: ConfigMap } }
`);
    expect(outcome(r)[1]).toEqual([
      'failed',
      'Pod held does not match: metadata.ownerReferences: no controller ownerReference',
      'Pod held does not match: metadata.ownerReferences: not owned by ConfigMap (any name) (its owner: no controller)',
    ]);
  });

  test('throughout follows the chain: orphaning the ReplicaSet (delete the Deployment, --cascade=orphan) breaks it', () => {
    const r = run(`name: orphaned
steps:
  - apply: { manifest: ${inline(WEB)} }
  - name: a rolling update keeps every pod the Deployment's
    setImage: { kind: Deployment, name: web, container: nginx, image: "nginx:1.26" }
    throughout:
      - { kind: Pod, selector: app=web, count: { min: 0 }, ownedBy: { kind: Deployment, name: web, transitive: true } }
  - name: orphaned, the pods are no longer the Deployment's
    kubectl: delete deployment web --cascade=orphan
    throughout:
      - { kind: Pod, selector: app=web, count: { min: 0 }, ownedBy: { kind: Deployment, name: web, transitive: true } }
`);
    expect(outcome(r)[1]).toEqual(['passed']);
    expect(outcome(r)[2]).toEqual(['failed', expect.stringMatching(/^at [\d.]+s: expected every one of 2 Pods with selector app=web to match; 2 do not: .*metadata\.ownerReferences: no Deployment web up its chain of owners \(ReplicaSet web-\w+ → no controller\)\)$/)]);
  });

  test('load errors: a kind the cluster does not serve, a regex that does not compile, keys that are not ownedBy keys', () => {
    expect(
      problems(`name: x
steps:
  - apply: a.yaml
    expect:
      - { kind: Pod, ownedBy: { kind: Deploymnet, transitive: true } }
      - { kind: Pod, ownedBy: { kind: Deployment, name: "/web(/" } }
      - { kind: Pod, ownedBy: { kind: Deployment, transitiv: true } }
      - { kind: Pod, ownedBy: { kind: Deployment, controller: "no" } }
`),
    ).toEqual([
      '5:39: steps[0].expect[0].ownedBy.kind: unknown kind `Deploymnet`',
      '6:57: steps[0].expect[1].ownedBy.name: regular expression /web(/ does not compile: missing closing ): `web(`',
      '7:51: steps[0].expect[2].ownedBy: unknown key `transitiv` in `ownedBy`',
      '8:63: steps[0].expect[3].ownedBy.controller: wrong type, found the text "no"',
    ]);
  });
});

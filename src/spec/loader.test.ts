// Loading spec files: YAML problems with positions (never a stack trace), bounded alias expansion,
// multi-document files, positions of steps and assertions, and the model's defaults.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadSpecFile, loadSpecText, type LoadedDocument } from './loader';
import { stepPoints } from './points';
import type { Spec } from './model';

const load = (text: string) => loadSpecText(text, 'x.spec.yaml', '/specs');

function errorOf(d: LoadedDocument) {
  if (d.ok) throw new Error('expected a load error');
  return d;
}
function specOf(d: LoadedDocument): Spec {
  if (!d.ok) throw new Error(`expected a spec, got ${JSON.stringify(d.problems)}`);
  return d.spec;
}

describe('YAML problems', () => {
  it('a syntax error becomes one problem with its position', () => {
    const f = load('name: x\nsteps:\n  - apply: [a.yaml\n');
    const e = errorOf(f.documents[0]);
    expect(e.name).toBe('x.spec.yaml');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0].message).toMatch(/^invalid YAML: /);
    expect(e.problems[0].location.file).toBe('x.spec.yaml');
    expect(e.problems[0].location.line).toBeGreaterThanOrEqual(3);
    expect(e.problems[0].message).not.toMatch(/\n|at .*\.js/);
  });

  it('a duplicate key is refused at its line', () => {
    const e = errorOf(load('name: x\nname: y\nsteps:\n  - wait: 1s\n').documents[0]);
    expect(e.problems[0].message).toMatch(/invalid YAML: .*unique/i);
    expect(e.problems[0].location).toEqual({ file: 'x.spec.yaml', line: 2, column: 1 });
  });

  it('an alias bomb is refused quickly and without blowing up memory', () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
    const text = `name: bomb\nsteps:\n  - wait: 1s\nextra:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
    const heapBefore = process.memoryUsage().heapUsed;
    const t = process.hrtime.bigint();
    const e = errorOf(load(text).documents[0]);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    expect(e.problems[0].message).toMatch(/alias bomb/);
    expect(ms).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('too many documents and too large files are refused', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `name: s${i}\nsteps: [{ wait: 1s }]\n`).join('---\n');
    expect(errorOf(load(many).documents[0]).problems[0].message).toMatch(/more than the limit of 1000/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-load-'));
    const big = path.join(dir, 'big.spec.yaml');
    fs.writeFileSync(big, `name: big\nsteps: [{ wait: 1s }]\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const e = errorOf(loadSpecFile(big, 'big.spec.yaml').documents[0]);
    expect(e.problems[0].message).toMatch(/larger than the limit of 1048576 bytes/);
  });

  it('an alias to an anchor that does not exist is not called a bomb', () => {
    expect(errorOf(load('name: x\nsteps: *nope\n').documents[0]).problems[0].message).toBe('invalid YAML: Unresolved alias (the anchor must be set before the alias): nope');
  });

  it('an empty file says there is no spec', () => {
    expect(errorOf(load('# nothing\n').documents[0]).problems[0].message).toBe('the file holds no spec');
  });
});

describe('multi-document files', () => {
  const text = `name: first
steps:
  - apply: a.yaml
    expect:
      - kind: Pod
        count: 1
---
name: broken
steps:
  - wait: never
---
name: third
points: 4
steps:
  - kubectl: get pods
    name: list pods
    points: 1
  - wait: 10s
  - delete: { kind: Pod, selector: app=x, pick: newest }
`;

  it('keeps each spec with its index and positions', () => {
    const f = load(text);
    expect(f.documents.map((d) => (d.ok ? d.spec.name : d.name))).toEqual(['first', 'broken', 'third']);
    const first = specOf(f.documents[0]);
    expect(first.index).toBe(0);
    expect(first.location).toEqual({ file: 'x.spec.yaml', line: 1, column: 1 });
    expect(first.steps[0].location).toEqual({ file: 'x.spec.yaml', line: 3, column: 5 });
    expect(first.steps[0].actionLocation).toEqual({ file: 'x.spec.yaml', line: 3, column: 5 });
    expect(first.steps[0].expect[0].location).toEqual({ file: 'x.spec.yaml', line: 5, column: 9 });
    expect(first.dir).toBe('/specs');
    const broken = errorOf(f.documents[1]);
    expect(broken.index).toBe(1);
    expect(broken.problems[0].location).toEqual({ file: 'x.spec.yaml', line: 10, column: 11 });
    const third = specOf(f.documents[2]);
    expect(third.index).toBe(2);
    expect(third.steps[1].location.line).toBe(18);
  });

  it('names steps by their action when they have no name', () => {
    const third = specOf(load(text).documents[2]);
    expect(third.steps.map((s) => s.name)).toEqual(['list pods', 'wait 10s', 'delete Pod -l app=x (newest)']);
  });

  it('spreads the spec points over the steps without their own', () => {
    const third = specOf(load(text).documents[2]);
    expect(third.points).toBe(4);
    expect(stepPoints(third)).toEqual([1, 1.5, 1.5]);
    const first = specOf(load(text).documents[0]);
    expect(first.points).toBe(1);
    expect(stepPoints(first)).toEqual([1]);
  });

  it('without spec points, steps with points keep theirs and the others share 1', () => {
    const s = specOf(load('name: p\nsteps:\n  - wait: 1s\n    points: 2\n  - wait: 1s\n  - wait: 1s\n').documents[0]);
    expect(s.points).toBe(3);
    expect(stepPoints(s)).toEqual([2, 0.5, 0.5]);
    const all = specOf(load('name: p\nsteps:\n  - wait: 1s\n    points: 2\n  - wait: 1s\n    points: 3\n').documents[0]);
    expect(all.points).toBe(5);
  });

  it('refuses two specs with one name in a file', () => {
    const f = load('name: same\nsteps: [{ wait: 1s }]\n---\nname: same\nsteps: [{ wait: 1s }]\n');
    expect(f.documents[0].ok).toBe(true);
    expect(errorOf(f.documents[1]).problems[0]).toMatchObject({ message: 'name: another spec in this file (document 1) is also named "same"', location: { line: 4, column: 7 } });
  });

  it('caps the problems reported per file', () => {
    const steps = Array.from({ length: 30 }, (_, i) => `  - wait: bad${i}\n`).join('');
    const e = errorOf(load(`name: many\nsteps:\n${steps}`).documents[0]);
    expect(e.problems).toHaveLength(20);
    expect(e.more).toBe(10);
  });
});

describe('the model', () => {
  it('builds actions and assertions with defaults', () => {
    const s = specOf(
      load(`name: m
cluster:
  nodes: [master, { name: w, maxPods: 3 }, control-plane-2]
  seed: 9
  images: { unavailable: ["nginx:9.9"] }
  timing: { imagePull: 5s }
limits: { reconciles: 10, simulatedTime: 1h, wallTime: 2s }
steps:
  - setImage: { name: d, container: c, image: i }
  - rollout: { action: undo, name: d }
  - label: { kind: pods, name: p, set: { v: 2, on: true } }
  - wait: 90
  - apply: { manifest: { apiVersion: v1, kind: Pod, metadata: { name: p } } }
    expect:
      - kind: rs
        ownedBy: { kind: deploy, name: d }
      - request: { nodePort: 30000 }
  - kubectl: get pods
    expect:
      - output: /x/
`).documents[0],
    );
    expect(s.seed).toBe(9);
    expect(s.cluster.nodes).toEqual([
      { name: 'master', controlPlane: true },
      { name: 'w', controlPlane: false, maxPods: 3 },
      { name: 'control-plane-2', controlPlane: true },
    ]);
    expect(s.cluster.images).toEqual({ unavailable: ['nginx:9.9'] });
    expect(s.cluster.timing).toEqual({ imagePullMs: 5000 });
    expect(s.limits).toEqual({ maxReconciles: 10, maxSimulatedMs: 3_600_000, maxWallMs: 2000 });
    expect(s.steps[0].action).toEqual({ type: 'setImage', kind: 'Deployment', name: 'd', container: 'c', image: 'i', namespace: 'default' });
    expect(s.steps[1].action).toEqual({ type: 'rollout', action: 'undo', kind: 'Deployment', name: 'd', toRevision: undefined, namespace: 'default' });
    expect(s.steps[2].action).toMatchObject({ type: 'label', kind: 'Pod', set: { v: '2', on: 'true' }, remove: [], pick: 'all' });
    expect(s.steps[3].action).toEqual({ type: 'wait', ms: 90_000, text: '90s' });
    expect(s.steps[4].name).toBe('apply inline manifest (Pod p)');
    const [rs, req] = s.steps[4].expect;
    const [out] = s.steps[5].expect;
    expect(rs).toMatchObject({ type: 'object', kind: 'ReplicaSet', namespace: 'default', ownedBy: { kind: 'Deployment', name: 'd' } });
    expect(req).toMatchObject({ type: 'request', times: 1, request: { nodePort: 30000, namespace: 'default' } });
    expect(out).toMatchObject({ type: 'output', output: { source: '/x/' } });
  });
});

describe('manifests: the folder a spec reads its manifests from', () => {
  it('resolves relative to the spec file, and may lie outside its folder', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-manifests-'));
    fs.mkdirSync(path.join(root, 'specs'));
    fs.mkdirSync(path.join(root, 'fixtures', 'course'), { recursive: true });
    const f = loadSpecText('name: x\nmanifests: ../fixtures/course\nsteps:\n  - apply: a.yaml\n', 'x.spec.yaml', path.join(root, 'specs'));
    expect(specOf(f.documents[0]).dir).toBe(path.join(root, 'fixtures', 'course'));
    expect(specOf(load('name: x\nsteps:\n  - apply: a.yaml\n').documents[0]).dir).toBe('/specs');
  });

  it('a folder that does not exist is a load problem at its line', () => {
    const e = errorOf(load('name: x\nmanifests: nowhere\nsteps:\n  - apply: a.yaml\n').documents[0]);
    expect(e.problems).toEqual([
      {
        message: 'manifests: "nowhere" is not a folder (resolved to /specs/nowhere)',
        location: { file: 'x.spec.yaml', line: 2, column: 12 },
        hint: "name the folder holding this spec's manifests, relative to the spec file",
        path: ['manifests'],
      },
    ]);
  });
});
